// Use case: audit a range of history. One `git log` stream classifies what the cache does not know;
// when the cache holds the whole history of earlier tips, only new commits are read from git and
// the cached audits are replayed in git's own order (core/history/walk). Never reports a failed read as clean.
import { CATALOG_VERSION } from '../../core/detect/signatures';
import { ENGINE_VERSION } from '../../core/detect/classify';
import type { AuditQuery, ReportMeta } from '../../core/model';
import { assertRevision, type Git } from '../../git/exec';
import type { LogQuery } from '../../git/logReader';
import { openRepository, type RepositoryInfo } from '../../git/repo';
import type { AuditRequest, AuditSink } from './auditRequest';
import { Auditor, DEFAULT_PATCH_CAP } from './auditor';
import { loadNoteEvidence } from './provenanceNotes';
import { openAuditCache } from './auditCacheOpen';

export { AuditedCommit } from './auditedCommit';
export type { AuditRequest, AuditSink } from './auditRequest';

export interface AuditOutcome {
  meta: ReportMeta;
  commits: number;
  /** Things a reader should know (cache rebuilt, shallow history, empty repository). */
  notices: string[];
  /**
   * How the run was served: 'splice' (new commits + the stored order of the last audit), 'replay'
   * (new commits + a walk over the cached graph), 'stream' (one git log), 'empty'.
   */
  mode: 'splice' | 'replay' | 'stream' | 'empty';
  /** Commits classified in this run (the others came from the cache). */
  classified: number;
  /** Commits read from git in this run (a replay reads only what the cache lacks). */
  read: number;
}


export async function runAudit(req: AuditRequest, sink: AuditSink): Promise<AuditOutcome> {
  const { git, info } = await openRepository(req.repo, req.log, req.fetchMissing ? { lazyFetch: true } : {});
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
    repository: { id: info.identity, ...(info.head ? { head: info.head } : {}), shallow: info.shallow },
    query,
  };
  const notices: string[] = [];
  if (info.shallow) notices.push('shallow clone: history before the shallow boundary is not audited (git fetch --unshallow)');
  const revs = req.revs.length || req.all ? req.revs : ['HEAD'];
  if (!info.head && !req.all && req.revs.length === 0) {
    await sink.begin(meta);
    notices.push('the repository has no commits yet');
    return { meta, commits: 0, notices, mode: 'empty', classified: 0, read: 0 };
  }

  // Notes change without commits changing: their evidence is read fresh and merged on output.
  // The cache is opened meanwhile (its checks are a few git calls of their own).
  const opening = req.cache ? openAuditCache(git, info, cacheKey(req, info)) : Promise.resolve(undefined);
  let notes;
  try {
    notes = await loadNoteEvidence(git, info);
    await sink.begin(meta);
  } catch (e) {
    (await opening.catch(() => undefined))?.cache?.unlock();
    throw e;
  }
  notices.push(...notes.problems);
  const audit = new Auditor(git, info, req, sink, notes.bySha, notes.removedBySha);
  const opened = await opening;
  if (opened) notices.push(...opened.notices);
  const cache = opened?.cache;
  if (!opened || !cache) {
    const commits = await audit.stream(logQuery(req, revs, info), null);
    return { meta, commits, notices, mode: 'stream', classified: audit.classified, read: audit.read };
  }
  const { writable } = opened;
  const outcome = (commits: number, mode: AuditOutcome['mode']): AuditOutcome => ({
    meta, commits, mode, classified: audit.classified, read: audit.read,
    notices: cache.writeFailed ? [...notices, `audit cache not saved: ${cache.writeFailed}`] : notices,
  });
  try {
    const replayable = !req.since && !req.until && req.paths.length === 0 && revs.every(isPlainTip);
    if (replayable && (cache.tips.length > 0 || cache.order)) {
      const tips = await resolveTips(git, revs, req.all, info.head);
      const spliced = await audit.splice(cache, tips);
      if (spliced !== undefined) return outcome(spliced, 'splice');
      const replayed = cache.tips.length > 0 ? await audit.replay(cache, tips) : undefined;
      if (replayed !== undefined) return outcome(replayed, 'replay');
    }
    // Resolved beside the stream (a handler is attached at once: a failure just means no tips to record).
    const complete = replayable && writable && req.maxCount === undefined;
    const tips = complete ? resolveTips(git, revs, req.all, info.head).catch(() => undefined) : undefined;
    const commits = await audit.stream(logQuery(req, revs, info), cache, complete);
    const known = await tips;
    if (known) {
      if (known.length === 1) audit.saveOrder(cache, known[0] as string);
      cache.setTips(known);
    }
    return outcome(commits, 'stream');
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

/**
 * What the cached audits depend on besides the commit itself: the settings of the run and the
 * repository's config (the repository's state — replace refs, grafts, shallow boundary, objects —
 * is checked by openAuditCache). `lines` shares the cache (app/lines/commitFacts).
 */
export function cacheKey(req: AuditRequest, info: RepositoryInfo): string {
  const diff = req.diffs ? `d${req.diffByteCap ?? DEFAULT_PATCH_CAP}${req.scanMerges ? 'm' : ''}` : 'n';
  return [`e${ENGINE_VERSION}`, `c${CATALOG_VERSION}`, diff, `u${info.forceUtf8 ? 1 : 0}`,
    `t${JSON.stringify(info.trailers)}`].join(' ');
}

/** Revisions that name commits to start from (no ranges, negations or parent shorthands). */
function isPlainTip(rev: string): boolean {
  return !rev.includes('..') && !rev.startsWith('^') && !/\^[!@-]/.test(rev);
}

/**
 * The commits a query starts from, in git's own order (refs sorted, peeled, duplicates dropped).
 * The default query (HEAD alone) starts from the HEAD commit openRepository read: no git process.
 */
async function resolveTips(git: Git, revs: string[], all: boolean, head: string | undefined): Promise<string[]> {
  if (!all && head && revs.length === 1 && revs[0] === 'HEAD') return [head];
  const args = ['log', '--no-walk=unsorted', '--format=%H'];
  if (all) args.push('--exclude=refs/notes/*', '--exclude=refs/stash', '--exclude=refs/prefetch/*', '--all');
  args.push('--end-of-options', ...revs, '--');
  return (await git.text(args)).split('\n').filter(Boolean);
}

