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

/**
 * git's queue: the tips enter by date (a stable sort), then each commit popped lets its unseen
 * parents in. `missing` names the first commit the graph does not know.
 */
class Walk {
  private readonly heap: Entry[] = [];
  private readonly seen = new Set<string>();
  private seq = 0;
  missing?: string;

  constructor(tips: readonly string[], private readonly node: (sha: string) => WalkNode | undefined) {
    const start: Entry[] = [];
    for (const sha of tips) {
      if (this.seen.has(sha)) continue;
      const n = node(sha);
      if (!n) {
        this.missing = sha;
        return;
      }
      this.seen.add(sha);
      start.push({ sha, time: n.time, seq: 0 });
    }
    start.sort((x, y) => y.time - x.time);
    for (const e of start) push(this.heap, { ...e, seq: this.seq++ });
  }

  get queued(): number {
    return this.heap.length;
  }

  /** The next commit of the walk (the queue must not be empty). */
  pop(): string {
    return pop(this.heap).sha;
  }

  /** Queues the unseen parents of a popped commit; false when one is unknown (see `missing`). */
  expand(sha: string): boolean {
    for (const p of (this.node(sha) as WalkNode).parents) {
      if (this.seen.has(p)) continue;
      const pn = this.node(p);
      if (!pn) {
        this.missing = p;
        return false;
      }
      this.seen.add(p);
      push(this.heap, { sha: p, time: pn.time, seq: this.seq++ });
    }
    return true;
  }
}

/** Order in which `git log tips…` shows commits, or the first commit the graph lacks. */
export function walkOrder(tips: readonly string[], node: (sha: string) => WalkNode | undefined, limit = Infinity): WalkResult {
  const walk = new Walk(tips, node);
  const order: string[] = [];
  while (walk.missing === undefined && walk.queued > 0 && order.length < limit) {
    const sha = walk.pop();
    order.push(sha);
    walk.expand(sha);
  }
  return walk.missing !== undefined ? { missing: walk.missing } : { order };
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
  const walk = new Walk(tips, node);
  const order: string[] = [];
  while (walk.missing === undefined && walk.queued > 0) {
    const sha = walk.pop();
    if (sha === stop) return walk.queued === 0 ? { order, spliced: true } : { interleaved: true };
    order.push(sha);
    walk.expand(sha);
  }
  return walk.missing !== undefined ? { missing: walk.missing } : { order, spliced: false };
}
