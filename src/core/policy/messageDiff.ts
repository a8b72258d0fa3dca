// A commit message's change as a unified diff (what `fix --dry-run` prints). Messages are short:
// a longest-common-subsequence table over lines is exact and fast enough; past MAX_CELLS the
// changed middle is shown as removed then added. Pure.

export interface DiffLine {
  op: ' ' | '-' | '+';
  text: string;
}

const MAX_CELLS = 4_000_000;

/** Lines of a message; a final line ending does not make an empty last line. */
export function messageLines(message: string): string[] {
  if (message === '') return [];
  const lines = message.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Every line of `before` and `after`, marked kept, removed or added (removals before additions). */
export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endA = before.length;
  let endB = after.length;
  while (endA > start && endB > start && before[endA - 1] === after[endB - 1]) {
    endA--;
    endB--;
  }
  const head = before.slice(0, start).map((text): DiffLine => ({ op: ' ', text }));
  const tail = before.slice(endA).map((text): DiffLine => ({ op: ' ', text }));
  const a = before.slice(start, endA);
  const b = after.slice(start, endB);
  return [...head, ...middle(a, b), ...tail];
}

function middle(a: readonly string[], b: readonly string[]): DiffLine[] {
  if (!a.length || !b.length || a.length * b.length > MAX_CELLS) {
    return [...a.map((text): DiffLine => ({ op: '-', text })), ...b.map((text): DiffLine => ({ op: '+', text }))];
  }
  // lcs[i][j]: length of the LCS of a[i..] and b[j..]
  const w = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * w + j] = a[i] === b[j] ? (lcs[(i + 1) * w + j + 1] as number) + 1 : Math.max(lcs[(i + 1) * w + j] as number, lcs[i * w + j + 1] as number);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ op: ' ', text: a[i] as string });
      i++;
      j++;
    } else if ((lcs[(i + 1) * w + j] as number) >= (lcs[i * w + j + 1] as number)) {
      out.push({ op: '-', text: a[i++] as string });
    } else {
      out.push({ op: '+', text: b[j++] as string });
    }
  }
  while (i < a.length) out.push({ op: '-', text: a[i++] as string });
  while (j < b.length) out.push({ op: '+', text: b[j++] as string });
  return out;
}

/**
 * Unified-diff hunks (`@@ -a,n +b,m @@` then the lines) with `context` lines around each change;
 * empty when nothing changed.
 */
export function unifiedHunks(before: string, after: string, context = 3): string[] {
  const lines = diffLines(messageLines(before), messageLines(after));
  const changed = lines.map((l, i) => (l.op === ' ' ? -1 : i)).filter((i) => i >= 0);
  if (!changed.length) return [];
  const out: string[] = [];
  let k = 0;
  while (k < changed.length) {
    const from = Math.max(0, (changed[k] as number) - context);
    let to = Math.min(lines.length, (changed[k] as number) + context + 1);
    while (k + 1 < changed.length && (changed[k + 1] as number) - context <= to) {
      k++;
      to = Math.min(lines.length, (changed[k] as number) + context + 1);
    }
    k++;
    let oldStart = 1;
    let newStart = 1;
    for (const l of lines.slice(0, from)) {
      if (l.op !== '+') oldStart++;
      if (l.op !== '-') newStart++;
    }
    const hunk = lines.slice(from, to);
    const oldCount = hunk.filter((l) => l.op !== '+').length;
    const newCount = hunk.filter((l) => l.op !== '-').length;
    out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`);
    for (const l of hunk) out.push(`${l.op}${l.text}`);
  }
  return out;
}

/** git's hunk header numbers: an empty side starts at the line before it. */
function range(start: number, count: number): string {
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}
