// Use case: audit a range of history. One `git log` stream classifies what the cache does not know;
// when the cache holds the whole history of earlier tips, only new commits are read from git and
// the cached audits are replayed in git's own order (core/walk). Never reports a failed read as clean.
import { CATALOG_VERSION } from '../core/signatures';
import { ENGINE_VERSION, classifyCommit, withExtraEvidence, type ClassifyOptions } from '../core/classify';
import { scanPatch } from '../core/diffMarkers';
import { auditJson } from '../core/auditJson';
import type { AuditQuery, CommitAudit, Evidence, ReportMeta } from '../core/model';
import { walkOrder } from '../core/walk';
import { AuditCache, cacheDir, shallowKey } from '../git/auditCache';
import { GitError, assertRevision, type Git, type GitLogger } from '../git/exec';
import { readLogBatches, type LogItem, type LogQuery } from '../git/logReader';
import { openRepository, type RepositoryInfo } from '../git/repo';
import { loadNoteEvidence } from './provenanceNotes';

export interface AuditRequest extends AuditQuery {
  repo: string;
  /** Diff merges against their first parent (merges are skipped by default). */
  scanMerges?: boolean;
  /** Per-commit patch byte cap. */
  diffByteCap?: number;
  cache?: boolean;
  signal?: AbortSignal;
  onProgress?: (commits: number) => void;
  log?: GitLogger;
  version: string;
}

/** One audited commit: the JSON text is what reports print; the object is parsed on demand. */
export class AuditedCommit {
  private parsed?: CommitAudit;
  constructor(readonly sha: string, readonly json: string, audit?: CommitAudit) {
    this.parsed = audit;
  }
  get audit(): CommitAudit {
    this.parsed ??= JSON.parse(this.json) as CommitAudit;
    return this.parsed;
  }
}

export interface AuditSink {
  begin(meta: ReportMeta): void | Promise<void>;
  commit(commit: AuditedCommit): void | Promise<void>;
}

export interface AuditOutcome {
  meta: ReportMeta;
  commits: number;
  /** Things a reader should know (cache rebuilt, shallow history, empty repository). */
  notices: string[];
  /** How the run was served: 'replay' (cache + new commits), 'stream' (one git log), 'empty'. */
  mode: 'replay' | 'stream' | 'empty';
  /** Commits classified in this run (the others came from the cache). */
  classified: number;
}

const DEFAULT_PATCH_CAP = 1 << 20;
const FLUSH_EVERY = 2000;
const MAX_TIPS = 64;

export async function runAudit(req: AuditRequest, sink: AuditSink): Promise<AuditOutcome> {
  const { git, info } = await openRepository(req.repo, req.log);
  for (const rev of req.revs) assertRevision(rev);
  const query: AuditQuery = {
    revs: req.revs, all: req.all, paths: req.paths, diffs: req.diffs,
    ...(req.maxCount !== undefined ? { maxCount: req.maxCount } : {}),
    ...(req.since ? { since: req.since } : {}),
    ...(req.until ? { until: req.until } : {}),
  };
  const meta: ReportMeta = {
    schemaVersion: 1,
    generator: { name: 'ai-provenance', version: req.version, engine: ENGINE_VERSION, catalog: CATALOG_VERSION },
    repository: { root: info.root || info.gitDir, ...(info.head ? { head: info.head } : {}), shallow: info.shallow },
    query,
  };
  const notices: string[] = [];
  if (info.shallow) notices.push('shallow clone: history before the shallow boundary is not audited (git fetch --unshallow)');
  const revs = req.revs.length || req.all ? req.revs : ['HEAD'];
  if (!info.head && !req.all && req.revs.length === 0) {
    await sink.begin(meta);
    notices.push('the repository has no commits yet');
    return { meta, commits: 0, notices, mode: 'empty', classified: 0 };
  }

  // Notes change without commits changing: their evidence is read fresh and merged on output.
  const notes = await loadNoteEvidence(git, info);
  notices.push(...notes.problems);
  const audit = new Auditor(git, info, req, sink, notes.bySha);
  await sink.begin(meta);
  if (!req.cache) {
    const commits = await audit.stream(logQuery(req, revs, info), null);
    return { meta, commits, notices, mode: 'stream', classified: audit.classified };
  }

  const cache = new AuditCache(cacheDir(info.commonDir), cacheKey(req, info)).load();
  if (cache.discarded) notices.push(`audit cache discarded and rebuilt (${cache.discarded})`);
  const writable = cache.lock();
  try {
    const replayable = !req.since && !req.until && req.paths.length === 0 && revs.every(isPlainTip);
    if (replayable && cache.tips.length > 0) {
      const replayed = await audit.replay(cache, revs);
      if (replayed !== undefined) return { meta, commits: replayed, notices, mode: 'replay', classified: audit.classified };
    }
    // Resolved beside the stream (a handler is attached at once: a failure just means no tips to record).
    const tips = replayable && writable && req.maxCount === undefined
      ? resolveTips(git, revs, req.all).catch(() => undefined) : undefined;
    const commits = await audit.stream(logQuery(req, revs, info), cache);
    const known = await tips;
    if (known) cache.setTips(known);
    return { meta, commits, notices, mode: 'stream', classified: audit.classified };
  } finally {
    cache.unlock();
  }
}

function logQuery(req: AuditRequest, revs: string[], info: RepositoryInfo): LogQuery {
  return {
    revs, all: req.all, paths: req.paths, patch: req.diffs, mergePatches: req.scanMerges ?? false, forceUtf8: info.forceUtf8,
    ...(req.maxCount !== undefined ? { maxCount: req.maxCount } : {}),
    ...(req.since ? { since: req.since } : {}),
    ...(req.until ? { until: req.until } : {}),
  };
}

/** What the cached audits depend on besides the commit itself. */
function cacheKey(req: AuditRequest, info: RepositoryInfo): string {
  const diff = req.diffs ? `d${req.diffByteCap ?? DEFAULT_PATCH_CAP}${req.scanMerges ? 'm' : ''}` : 'n';
  return [`e${ENGINE_VERSION}`, `c${CATALOG_VERSION}`, diff, `s${shallowKey(info.commonDir)}`,
    `t${JSON.stringify(info.trailers)}`].join(' ');
}

/** Revisions that name commits to start from (no ranges, negations or parent shorthands). */
function isPlainTip(rev: string): boolean {
  return !rev.includes('..') && !rev.startsWith('^') && !/\^[!@-]/.test(rev);
}

/** The commits a query starts from, in git's own order (refs sorted, peeled, duplicates dropped). */
async function resolveTips(git: Git, revs: string[], all: boolean): Promise<string[]> {
  const args = ['log', '--no-walk=unsorted', '--format=%H'];
  if (all) args.push('--exclude=refs/notes/*', '--exclude=refs/stash', '--exclude=refs/prefetch/*', '--all');
  args.push('--end-of-options', ...revs, '--');
  return (await git.text(args)).split('\n').filter(Boolean);
}

class Auditor {
  private count = 0;
  classified = 0;
  private readonly options: ClassifyOptions;

  private readonly forceUtf8: boolean;

  constructor(
    private readonly git: Git,
    info: RepositoryInfo,
    private readonly req: AuditRequest,
    private readonly sink: AuditSink,
    private readonly notes: ReadonlyMap<string, Evidence[]> = new Map(),
  ) {
    this.options = { trailers: info.trailers };
    this.forceUtf8 = info.forceUtf8;
  }

  /** One git log over the query; cached audits are reused, new ones classified (and cached). */
  async stream(query: LogQuery, cache: AuditCache | null): Promise<number> {
    let pending: { sha: string; parents: string[]; time: number; json: string }[] = [];
    for await (const batch of readLogBatches(this.git, query, this.readOptions())) {
      for (const item of batch) {
        const { commit } = item;
        const cached = cache?.json(commit.sha);
        if (cached !== undefined) {
          await this.emit(new AuditedCommit(commit.sha, cached));
          continue;
        }
        const audited = this.classify(item);
        pending.push({ sha: commit.sha, parents: commit.parents, time: commit.committerTime, json: audited.json });
        if (pending.length >= FLUSH_EVERY) {
          cache?.append(pending);
          pending = [];
        }
        await this.emit(audited);
      }
    }
    cache?.append(pending);
    return this.count;
  }

  /**
   * Reads only commits the cache lacks (`--not` its complete tips), then replays the whole
   * range in git's order. Returns undefined when the cached graph turns out incomplete.
   */
  async replay(cache: AuditCache, revs: string[]): Promise<number | undefined> {
    const tips = await resolveTips(this.git, revs, this.req.all);
    const fresh: { sha: string; parents: string[]; time: number; json: string }[] = [];
    const query: LogQuery = {
      revs: tips, not: [...cache.tips], patch: this.req.diffs, mergePatches: this.req.scanMerges ?? false, forceUtf8: this.forceUtf8,
    };
    for await (const batch of readLogBatches(this.git, query, this.readOptions())) {
      for (const item of batch) {
        if (cache.has(item.commit.sha)) continue;
        const audited = this.classify(item);
        fresh.push({ sha: item.commit.sha, parents: item.commit.parents, time: item.commit.committerTime, json: audited.json });
      }
    }
    cache.append(fresh);
    const walk = walkOrder(tips, (sha) => cache.node(sha), this.req.maxCount ?? Infinity);
    if ('missing' in walk) return undefined;
    for (const sha of walk.order) await this.emit(new AuditedCommit(sha, cache.json(sha) as string));
    const stillNeeded = cache.tips.filter((t) => !tips.includes(t));
    cache.setTips([...tips, ...stillNeeded].slice(0, MAX_TIPS));
    return this.count;
  }

  private classify(item: LogItem): AuditedCommit {
    const { commit } = item;
    this.classified++;
    const isMerge = commit.parents.length > 1;
    const diff = this.req.diffs
      ? {
        evidence: item.patch ? scanPatch(item.patch) : [],
        scanned: !isMerge || (this.req.scanMerges ?? false),
        truncated: item.patchTruncated ?? false,
      }
      : undefined;
    const audit = classifyCommit(commit, this.options, diff);
    return new AuditedCommit(commit.sha, auditJson(audit), audit);
  }

  private readOptions(): { signal?: AbortSignal; patchCap: number } {
    return { ...(this.req.signal ? { signal: this.req.signal } : {}), patchCap: this.req.diffByteCap ?? DEFAULT_PATCH_CAP };
  }

  private async emit(classified: AuditedCommit): Promise<void> {
    this.count++;
    const extra = this.notes.get(classified.sha);
    let commit = classified;
    if (extra) {
      const merged = withExtraEvidence(classified.audit, extra);
      commit = new AuditedCommit(merged.sha, auditJson(merged), merged);
    }
    if (this.req.onProgress && this.count % 1000 === 0) this.req.onProgress(this.count);
    const r = this.sink.commit(commit);
    if (r) await r;
    else if (this.req.signal?.aborted) throw new GitError('aborted', 'cancelled');
  }
}
