// The webview's cache of history rows by index, and the bookkeeping of `range` requests: which are in
// flight, which answers are stale (sent before the latest query), when the cached rows no longer
// match the host's index. Pure (no DOM, no messaging): testable in Node.
import { missingBlocks } from './virtual';

export interface RowsMessage<R> {
  requestId: number;
  start: number;
  total: number;
  rows: R[];
}

interface Pending {
  start: number;
  count: number;
  generation: number;
  at: number;
}

export class RowCache<R extends { sha: string }> {
  private readonly rows = new Map<number, R>();
  private readonly pending = new Map<number, Pending>();
  /** Pages of the current generation with a request in flight → request id. */
  private readonly pendingPages = new Map<number, number>();
  private generation = 0;
  private nextId = 1;
  /** A query was sent and nothing of its generation has arrived yet: host pushes are for the old query. */
  private awaitingQuery = false;
  /** The cache holds rows of the previous query (kept on screen until the new ones arrive). */
  private stale = false;
  private knownTotal = 0;
  /** Whether any rows message has been accepted (the total is known). */
  known = false;
  /** Time of the last accepted message (for callers deciding whether to poll). */
  lastAccepted = 0;
  /**
   * Whether appended rows keep earlier indices (the host's natural order: date, newest first), so a
   * growing total does not invalidate the cache.
   */
  appendOnly = true;

  constructor(readonly pageSize = 200, readonly maxCount = 2000, readonly capacity = 60_000) {}

  get total(): number {
    return this.knownTotal;
  }

  get size(): number {
    return this.rows.size;
  }

  get(index: number): R | undefined {
    return this.stale ? undefined : this.rows.get(index);
  }

  /** A row to show while the current query's rows are on their way (the previous query's, if any). */
  peek(index: number): R | undefined {
    return this.rows.get(index);
  }

  isStale(): boolean {
    return this.stale;
  }

  /** A new query was sent: answers to earlier requests and pushes until the first answer are ignored. */
  newQuery(): void {
    this.generation++;
    this.stale = this.rows.size > 0;
    this.awaitingQuery = true;
    this.pendingPages.clear();
  }

  /** Forget everything (e.g. another repository). */
  reset(): void {
    this.generation++;
    this.rows.clear();
    this.pending.clear();
    this.pendingPages.clear();
    this.stale = false;
    this.awaitingQuery = false;
    this.knownTotal = 0;
    this.known = false;
  }

  /** Registers a request; returns its id. */
  request(start: number, count: number, now: number): number {
    const id = this.nextId++;
    this.pending.set(id, { start, count, generation: this.generation, at: now });
    for (let p = Math.floor(start / this.pageSize); p * this.pageSize < start + count; p++) this.pendingPages.set(p, id);
    return id;
  }

  /** Requests older than `ms` are forgotten so their pages can be asked again. */
  expire(now: number, ms: number): void {
    for (const [id, p] of this.pending) {
      if (now - p.at <= ms) continue;
      this.pending.delete(id);
      this.unmark(id);
    }
  }

  get inFlight(): number {
    let n = 0;
    for (const p of this.pending.values()) if (p.generation === this.generation) n++;
    return n;
  }

  /** Blocks to request so that rows [first, end) are cached. */
  missing(first: number, end: number): { start: number; count: number }[] {
    return missingBlocks(first, end, this.knownTotal, this.pageSize, this.maxCount, (p) => {
      if (this.pendingPages.has(p)) return true;
      const lo = Math.max(first, p * this.pageSize);
      const hi = Math.min(end, (p + 1) * this.pageSize, this.knownTotal);
      for (let i = lo; i < hi; i++) if (!this.get(i)) return false;
      return true;
    });
  }

  /**
   * Takes a rows message; false when it is stale (ignored). `center` is the index the user is looking
   * at: when the cache is over capacity, rows far from it are dropped.
   */
  accept(msg: RowsMessage<R>, now: number, center = msg.start): boolean {
    const req = this.pending.get(msg.requestId);
    if (req) {
      this.pending.delete(msg.requestId);
      this.unmark(msg.requestId);
      if (req.generation !== this.generation) return false;
      this.awaitingQuery = false;
    } else if (this.awaitingQuery) {
      return false;
    }
    if (this.stale) {
      this.rows.clear();
      this.stale = false;
    } else if (msg.total < this.knownTotal || (msg.total !== this.knownTotal && !this.appendOnly)) {
      this.rows.clear();
    } else {
      for (let i = 0; i < msg.rows.length; i++) {
        const cached = this.rows.get(msg.start + i);
        if (cached && cached.sha !== (msg.rows[i] as R).sha) {
          this.rows.clear();
          break;
        }
      }
    }
    this.knownTotal = msg.total;
    this.known = true;
    this.lastAccepted = now;
    const end = Math.min(msg.total, msg.start + msg.rows.length);
    for (let i = msg.start; i < end; i++) this.rows.set(i, msg.rows[i - msg.start] as R);
    if (this.rows.size > this.capacity) this.evict(center);
    return true;
  }

  private evict(center: number): void {
    const keep = Math.floor(this.capacity / 3);
    for (const i of this.rows.keys()) if (Math.abs(i - center) > keep) this.rows.delete(i);
  }

  private unmark(id: number): void {
    for (const [page, owner] of this.pendingPages) if (owner === id) this.pendingPages.delete(page);
  }
}
