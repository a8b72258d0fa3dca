// Line-exact edits of a commit message: remove some lines, append trailers, and change nothing
// else. Every other byte stays — leading blank lines, runs of blank lines, CR or LF endings, a
// missing final newline, trailing comments and the scissors part. Only when a removal empties a
// whole paragraph does the blank run that separated it go too (a lone trailer's paragraph leaves no
// dangling blank line). Pure.
import { parseTrailers, type TrailerOptions } from '../detect/trailers';

export interface Line {
  /** Without the line ending. */
  text: string;
  eol: '' | '\n' | '\r\n';
  start: number;
}

export function splitLines(message: string): Line[] {
  const lines: Line[] = [];
  let i = 0;
  while (i < message.length) {
    const nl = message.indexOf('\n', i);
    const stop = nl === -1 ? message.length : nl;
    const cr = stop > i && message[stop - 1] === '\r' && nl !== -1;
    lines.push({ text: message.slice(i, cr ? stop - 1 : stop), eol: nl === -1 ? '' : cr ? '\r\n' : '\n', start: i });
    i = nl === -1 ? message.length : nl + 1;
  }
  return lines;
}

/** The scissors line git writes for `commit -v` / cleanup=scissors. */
export function isScissors(text: string, commentChar: string): boolean {
  return text === `${commentChar} ------------------------ >8 ------------------------`;
}

/** Index of the first line after the message proper: trailing comments, blank lines, the scissors part. */
export function contentEnd(lines: readonly Line[], commentChar: string): number {
  const scissors = lines.findIndex((l) => isScissors(l.text, commentChar));
  let end = scissors === -1 ? lines.length : scissors;
  while (end > 0 && (lines[end - 1]?.text.trim() === '' || lines[end - 1]?.text.startsWith(commentChar))) end--;
  return end;
}

const blank = (l: Line | undefined): boolean => (l?.text.trim() ?? '') === '';

/** A line a person or tool wrote (not blank, not a comment git's cleanup removes). */
export function isRealLine(l: Line, commentChar: string): boolean {
  return !blank(l) && !l.text.startsWith(commentChar);
}

/**
 * Would git abort "due to empty commit message" (builtin/commit.c: after cleanup, only whitespace
 * and `Signed-off-by: ` lines are left)? Comments count as removed (the default cleanup).
 */
export function gitSeesEmpty(lines: readonly Line[], end: number, drop: ReadonlySet<number>, additions: readonly string[], commentChar: string): boolean {
  if (additions.length) return false;
  for (let i = 0; i < end; i++) {
    const l = lines[i] as Line;
    if (drop.has(i) || !isRealLine(l, commentChar)) continue;
    if (!l.text.startsWith('Signed-off-by: ')) return false;
  }
  return true;
}

/** `drop` plus the blank run that separated each paragraph the removal emptied. */
export function withEmptiedSeparators(lines: readonly Line[], end: number, drop: ReadonlySet<number>): Set<number> {
  const out = new Set(drop);
  let i = 0;
  while (i < end) {
    if (blank(lines[i])) {
      i++;
      continue;
    }
    let j = i;
    while (j < end && !blank(lines[j])) j++;
    let all = true;
    for (let k = i; k < j && all; k++) all = drop.has(k);
    if (all) {
      let b = i;
      while (b > 0 && blank(lines[b - 1])) b--;
      if (b > 0) {
        for (let k = b; k < i; k++) out.add(k);
      } else {
        let a = j;
        while (a < end && blank(lines[a])) a++;
        if (a < end) for (let k = j; k < a; k++) out.add(k);
      }
    }
    i = j;
  }
  return out;
}

/**
 * The message without the `drop` lines (and the separators they leave), with `additions` appended
 * to the trailer block (or as a new paragraph) before the trailing comments.
 */
export function editMessage(message: string, lines: readonly Line[], end: number, drop: ReadonlySet<number>,
  additions: readonly string[], trailers: Omit<TrailerOptions, 'noDivider'> = {}): string {
  const removed = withEmptiedSeparators(lines, end, drop);
  const kept = lines.slice(0, end).filter((_, i) => !removed.has(i));
  const last = kept[kept.length - 1];
  const fallbackEol = lines.find((l) => l.eol)?.eol ?? '\n';
  const eol = last?.eol || fallbackEol;
  // The message ended without a newline (and nothing follows): keep it that way.
  const finalEol = end > 0 && (lines[end - 1] as Line).eol === '' ? '' : eol;
  let out = kept.map((l, i) => (i < kept.length - 1 ? l.text + l.eol : l.text)).join('');
  if (additions.length) {
    const block = out ? parseTrailers(out + eol, { ...trailers, noDivider: true }) : { start: 0, end: 0 };
    out += (out ? (block.start < block.end ? eol : eol + eol) : '') + additions.join(eol);
  }
  if (kept.length || additions.length) out += finalEol;
  return out + message.slice(lines[end]?.start ?? message.length);
}
