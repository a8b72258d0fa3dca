// The work of one audit: stream and classify, or replay from the cache in git's order.
// Three ways, cheapest first: splice (new commits, then the stored order of the previous tip as
// raw bytes), replay (new commits, then a walk over the cached graph), stream (one git log).
import { classifyCommit, withExtraEvidence, withRemovals, type ClassifyOptions } from '../../core/detect/classify';
import { scanPatch } from '../../core/detect/diffMarkers';
import { auditJson } from '../../core/history/auditJson';
import type { Evidence, RemovedAttribution } from '../../core/model';
import { walkOrder, walkToSplice, type WalkNode } from '../../core/history/walk';
import type { AuditCache } from '../../git/auditCache';
import { GitError, type Git } from '../../git/exec';
import { readLogBatches, type LogItem, type LogQuery } from '../../git/logReader';
import type { RepositoryInfo } from '../../git/repo';
import { AuditedCommit } from './auditedCommit';
import type { AuditRequest, AuditSink } from './auditRequest';

export const DEFAULT_PATCH_CAP = 1 << 20;
const MAX_TIPS = 64;

export class Auditor {
  private count = 0;
  classified = 0;
  read = 0;
  private readonly options: ClassifyOptions;
  private readonly forceUtf8: boolean;
  /** Commits splice() read but could not use, keyed by the question asked to git. */
  private prefetched?: { key: string; items: LogItem[] };

  constructor(
    private readonly git: Git,
    info: RepositoryInfo,
    private readonly req: AuditRequest,
    private readonly sink: AuditSink,
    private readonly notes: ReadonlyMap<string, Evidence[]> = new Map(),
    private readonly removed: ReadonlyMap<string, RemovedAttribution[]> = new Map(),
  ) {
    this.options = { trailers: info.trailers };
    this.forceUtf8 = info.forceUtf8;
  }

  /**
   * One git log over the query; cached audits are reused, new ones classified and cached. With
   * `orderTip` (an unfiltered audit of one tip), the output order is recorded for later splices.
   */
  async stream(query: LogQuery, cache: AuditCache | null, recordOrder = false): Promise<number> {
    const ranges: number[] = []; // file ranges in output order; -1 marks a commit written in this run
    const orderTip = recordOrder;
    for await (const batch of readLogBatches(this.git, query, this.readOptions())) {
      this.read += batch.length;
      for (const item of batch) {
        const { commit } = item;
        const line = cache?.line(commit.sha);
        const cached = line ?? cache?.json(commit.sha);
        let wait;
        if (cached !== undefined) {
          if (orderTip) ranges.push(...(cache?.range(commit.sha) ?? [-1, -1]));
          wait = this.emit(new AuditedCommit(commit.sha, cached));
        } else {
          const audited = this.classify(item);
          cache?.add({ sha: commit.sha, parents: commit.parents, time: commit.committerTime, json: audited.json });
          if (orderTip) ranges.push(-1, -1);
          wait = this.emit(audited);
        }
        if (wait) await wait;
      }
    }
    cache?.flush();
    if (orderTip) this.streamed = ranges;
    return this.count;
  }

  /** Output order of the last stream(…, recordOrder), as file ranges; -1 for commits written in it. */
  private streamed?: number[];

  /** Records the last stream's order as `git log tip` (call once the tip is known). */
  saveOrder(cache: AuditCache, tip: string): void {
    if (this.streamed) this.recordOrder(cache, tip, this.streamed, cache.written);
  }

  /**
   * The cheapest re-audit: when the stored order of a previous tip is what `git log` continues
   * with once the new commits are out (no interleaving), emit the new commits, then that order's
   * bytes. Returns undefined when it does not apply (the caller falls back).
   */
  async splice(cache: AuditCache, tips: readonly string[]): Promise<number | undefined> {
    const stored = cache.order;
    const tip = tips[0];
    if (!stored || tips.length !== 1 || tip === undefined) return undefined;
    const stopNode = storedTipNode(cache, stored.tip, stored.ranges);
    if (!stopNode) return undefined;
    const fresh = new Map<string, LogItem>();
    if (tip !== stored.tip) {
      const others = cache.tips.filter((t) => t !== stored.tip);
      for await (const batch of readLogBatches(this.git, this.query([tip], [stored.tip, ...others]), this.readOptions())) {
        this.read += batch.length;
        for (const item of batch) fresh.set(item.commit.sha, item);
      }
    }
    const node = (sha: string): WalkNode | undefined => {
      if (sha === stored.tip) return stopNode;
      const c = fresh.get(sha)?.commit;
      return c ? { time: c.committerTime, parents: c.parents } : undefined;
    };
    const walk = walkToSplice([tip], node, stored.tip);
    if (!('order' in walk)) {
      // Not spliceable: hand what was read to replay() when it asks git the same question.
      if (tip !== stored.tip) this.prefetched = { key: readKey([tip], [stored.tip, ...cache.tips]), items: [...fresh.values()] };
      return undefined;
    }
    const audits = walk.order.map((sha) => this.classify(fresh.get(sha) as LogItem));
    for (const a of audits) {
      const c = (fresh.get(a.sha) as LogItem).commit;
      cache.add({ sha: a.sha, parents: c.parents, time: c.committerTime, json: a.json });
    }
    cache.flush();
    const limit = this.req.maxCount ?? Infinity;
    for (const a of audits) {
      if (this.count >= limit) break;
      const wait = this.emit(a);
      if (wait) await wait;
    }
    const old = walk.spliced ? stored.ranges : new Uint32Array(0);
    for (let i = 0; i < old.length && this.count < limit; i += 2) {
      const wait = this.emit(new AuditedCommit(undefined, cache.lineAt(old[i] as number, old[i + 1] as number)));
      if (wait) await wait;
    }
    if (cache.written.length === audits.length * 2) {
      cache.setOrder(tip, [...cache.written, ...old]);
      cache.setTips([tip, ...cache.tips.filter((t) => t !== tip && t !== stored.tip)].slice(0, MAX_TIPS));
    }
    return this.count;
  }

  /**
   * Reads only commits the cache lacks (`--not` its complete tips), then replays the whole range in
   * git's order over the cached graph. Returns undefined when the cached graph is incomplete.
   */
  async replay(cache: AuditCache, tips: readonly string[]): Promise<number | undefined> {
    const fresh: { sha: string; parents: string[]; time: number; json: string }[] = [];
    const take = (item: LogItem): void => {
      if (cache.has(item.commit.sha)) return;
      const audited = this.classify(item);
      fresh.push({ sha: item.commit.sha, parents: item.commit.parents, time: item.commit.committerTime, json: audited.json });
    };
    if (this.prefetched?.key === readKey([...tips], [...cache.tips])) {
      this.prefetched.items.forEach(take);
    } else {
      for await (const batch of readLogBatches(this.git, this.query([...tips], [...cache.tips]), this.readOptions())) {
        this.read += batch.length;
        batch.forEach(take);
      }
    }
    const before = cache.written.length;
    cache.append(fresh);
    const walk = walkOrder(tips, (sha) => cache.node(sha), this.req.maxCount ?? Infinity);
    if ('missing' in walk) return undefined;
    for (const sha of walk.order) {
      const wait = this.emit(new AuditedCommit(sha, cache.line(sha) ?? (cache.json(sha) as string)));
      if (wait) await wait;
    }
    if (tips.length === 1 && this.req.maxCount === undefined && cache.written.length === before + 2 * fresh.length) {
      const written = new Map(fresh.map((f, i) => [f.sha, [cache.written[before + 2 * i] as number, cache.written[before + 2 * i + 1] as number]]));
      const ranges = walk.order.flatMap((sha) => cache.range(sha) ?? written.get(sha) ?? []);
      if (ranges.length === 2 * walk.order.length) cache.setOrder(tips[0] as string, ranges);
    }
    cache.setTips([...tips, ...cache.tips.filter((t) => !tips.includes(t))].slice(0, MAX_TIPS));
    return this.count;
  }

  private recordOrder(cache: AuditCache, tip: string, ranges: number[], written: readonly number[]): void {
    let w = 0;
    for (let i = 0; i < ranges.length; i += 2) {
      if (ranges[i] !== -1) continue;
      if (w + 1 >= written.length) return; // not written (read-only cache): no order to record
      ranges[i] = written[w] as number;
      ranges[i + 1] = written[w + 1] as number;
      w += 2;
    }
    cache.setOrder(tip, ranges);
  }

  private query(revs: string[], not: string[]): LogQuery {
    return { revs, not, patch: this.req.diffs, mergePatches: this.req.scanMerges ?? false, forceUtf8: this.forceUtf8 };
  }

  private classify(item: LogItem): AuditedCommit {
    const { commit } = item;
    this.classified++;
    const isMerge = commit.parents.length > 1;
    const scanned = !isMerge || (this.req.scanMerges ?? false);
    const diff = this.req.diffs
      ? {
        evidence: item.patch ? scanPatch(item.patch) : [],
        scanned,
        truncated: item.patchTruncated ?? false,
        // git printed no patch for a commit whose patch it computed: its tree is its first parent's.
        empty: scanned && item.patch === undefined,
      }
      : undefined;
    const audit = classifyCommit(commit, this.options, diff);
    return new AuditedCommit(commit.sha, auditJson(audit), audit);
  }

  private readOptions(): { signal?: AbortSignal; patchCap: number } {
    return { ...(this.req.signal ? { signal: this.req.signal } : {}), patchCap: this.req.diffByteCap ?? DEFAULT_PATCH_CAP };
  }

  /** Hands a commit to the sink; a promise only when the sink applies backpressure. */
  private emit(classified: AuditedCommit): void | Promise<void> {
    this.count++;
    let commit = classified;
    const extra = this.notes.size ? this.notes.get(classified.sha) : undefined;
    const removed = this.removed.size ? this.removed.get(classified.sha) : undefined;
    if (extra || removed) {
      const merged = withRemovals(extra ? withExtraEvidence(classified.audit, extra) : classified.audit, removed ?? []);
      commit = new AuditedCommit(merged.sha, auditJson(merged), merged);
    }
    if (this.req.onProgress && this.count % 1000 === 0) this.req.onProgress(this.count);
    if (this.req.signal?.aborted) throw new GitError('aborted', 'cancelled');
    return this.sink.commit(commit) || undefined;
  }
}

/** Identifies a `git log revs --not not` question (the order of exclusions does not matter). */
function readKey(revs: readonly string[], not: readonly string[]): string {
  return `${revs.join(',')}^${[...new Set(not)].sort().join(',')}`;
}

/** The stored tip's time, read from the first line of its stored order (which must be the tip). */
function storedTipNode(cache: AuditCache, tip: string, ranges: Uint32Array): WalkNode | undefined {
  if (ranges.length < 2) return undefined;
  try {
    const first = JSON.parse(cache.lineAt(ranges[0] as number, ranges[1] as number).toString('utf8')) as { sha: string; committerDate: string };
    const time = Date.parse(first.committerDate) / 1000;
    return first.sha === tip && Number.isFinite(time) ? { time, parents: [] } : undefined;
  } catch {
    return undefined;
  }
}
