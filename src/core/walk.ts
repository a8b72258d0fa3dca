// git's default history order (`git log <tips>`, no --topo-order, no limiting), reproduced from a
// known commit graph so a cached audit can be replayed without listing the history again.
// revision.c: the tips are sorted by committer date (stable), then the walk pops the newest commit
// and inserts its unseen parents by date (commit_list_insert_by_date: after existing equal dates).
// That is a priority queue on (date desc, insertion order asc).

export interface WalkNode {
  parents: readonly string[];
  /** Committer time, seconds. */
  time: number;
}

export type WalkResult = { order: string[] } | { missing: string };

interface Entry {
  sha: string;
  time: number;
  seq: number;
}

/** Order in which `git log tips…` shows commits, or the first commit the graph lacks. */
export function walkOrder(tips: readonly string[], node: (sha: string) => WalkNode | undefined, limit = Infinity): WalkResult {
  const heap: Entry[] = [];
  const seen = new Set<string>();
  let seq = 0;
  const start: Entry[] = [];
  for (const sha of tips) {
    if (seen.has(sha)) continue;
    const n = node(sha);
    if (!n) return { missing: sha };
    seen.add(sha);
    start.push({ sha, time: n.time, seq: 0 });
  }
  // Stable sort of the tips by date, then they enter the queue in that order.
  start.sort((a, b) => b.time - a.time);
  for (const e of start) push(heap, { ...e, seq: seq++ });

  const order: string[] = [];
  while (heap.length > 0 && order.length < limit) {
    const top = pop(heap);
    order.push(top.sha);
    const n = node(top.sha) as WalkNode;
    for (const p of n.parents) {
      if (seen.has(p)) continue;
      const pn = node(p);
      if (!pn) return { missing: p };
      seen.add(p);
      push(heap, { sha: p, time: pn.time, seq: seq++ });
    }
  }
  return { order };
}

function before(a: Entry, b: Entry): boolean {
  return a.time > b.time || (a.time === b.time && a.seq < b.seq);
}

function push(heap: Entry[], e: Entry): void {
  heap.push(e);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i] as Entry, heap[parent] as Entry)) break;
    [heap[i], heap[parent]] = [heap[parent] as Entry, heap[i] as Entry];
    i = parent;
  }
}

function pop(heap: Entry[]): Entry {
  const top = heap[0] as Entry;
  const last = heap.pop() as Entry;
  if (heap.length > 0) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l] as Entry, heap[m] as Entry)) m = l;
      if (r < heap.length && before(heap[r] as Entry, heap[m] as Entry)) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m] as Entry, heap[i] as Entry];
      i = m;
    }
  }
  return top;
}

export type SpliceResult =
  /** `order` then, when `spliced`, the whole stored history of `stop`, is `git log tips` exactly. */
  | { order: string[]; spliced: boolean }
  /** `stop` came out while newer commits were still queued (histories interleave), or a commit is unknown. */
  | { interleaved: true }
  | { missing: string };

/**
 * Walks the commits newer than `stop` (a tip whose own `git log` order is stored). When `stop`
 * comes out of the queue alone, everything after it is exactly its stored order: git's walk from
 * there on is the walk from `stop` by itself.
 */
export function walkToSplice(tips: readonly string[], node: (sha: string) => WalkNode | undefined, stop: string): SpliceResult {
  const heap: Entry[] = [];
  const seen = new Set<string>();
  let seq = 0;
  const start: Entry[] = [];
  for (const sha of tips) {
    if (seen.has(sha)) continue;
    const n = node(sha);
    if (!n) return { missing: sha };
    seen.add(sha);
    start.push({ sha, time: n.time, seq: 0 });
  }
  start.sort((a, b) => b.time - a.time);
  for (const e of start) push(heap, { ...e, seq: seq++ });
  const order: string[] = [];
  while (heap.length > 0) {
    const top = pop(heap);
    if (top.sha === stop) return heap.length === 0 ? { order, spliced: true } : { interleaved: true };
    order.push(top.sha);
    for (const p of (node(top.sha) as WalkNode).parents) {
      if (seen.has(p)) continue;
      const pn = node(p);
      if (!pn) return { missing: p };
      seen.add(p);
      push(heap, { sha: p, time: pn.time, seq: seq++ });
    }
  }
  return { order, spliced: false };
}
