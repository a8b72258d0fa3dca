// Use case: how much of the code as it stands in a tree came from AI. Every text file of the tree
// at REV is blamed (a pool of git processes, one per core); each line is classed by the commit
// blame names (its audit, as `audit` gives it) and the line-level records of that commit. Binary
// and generated files are listed apart. Blame results are cached per file and reused along the
// first-parent chain: after one new commit only the files it changed are blamed again.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileKind, type BlobFacts, type KindAttributes } from '../../core/lines/fileKind';
import type { LineCounts } from '../../core/lines/lineClass';
import {
  LinesAccumulator, classifyGroups, linesDocument, type ApartFiles, type LineGroup, type LineSegment, type LinesBy, type LinesDocument,
} from '../../core/lines/linesReport';
import { BlameCache, type SnapshotFile } from '../../git/blameCache';
import { blameMany } from '../../git/blamePool';
import { cacheDir } from '../../git/auditCache';
import { historyState } from '../../git/cacheValidity';
import { GitError, assertRevision, type Git, type GitLogger } from '../../git/exec';
import { walkToKnown } from '../../git/firstParentChanges';
import { openRepository, type RepositoryInfo } from '../../git/repo';
import { attributesMayApply, listTree, probeBlobs, readKindAttributes, type TreeEntry } from '../../git/treeFiles';
import { commitFacts } from './commitFacts';
import { loadRecordedLines } from './recordedLines';
import { repoRelative } from './repoPaths';

/** First-parent commits walked back to a cached snapshot before blaming everything afresh. */
const MAX_WALK = 2000;

export interface LinesRequest {
  repo: string;
  /** Default HEAD. */
  rev?: string;
  /** Files or directories ('' or none: the whole tree): repository-relative, or relative to `pathBase`. */
  paths: string[];
  /** The directory `paths` are relative to (the CLI's working directory), as git reads them. */
  pathBase?: string;
  by: LinesBy;
  detectMoves: boolean;
  cache: boolean;
  /** git blame processes at once (default: one per core). */
  jobs?: number;
  version: string;
  signal?: AbortSignal;
  log?: GitLogger;
  onProgress?: (blamed: number, total: number) => void;
  /** Every text file's classed lines (SARIF regions, the editor). */
  onFile?: (path: string, segments: readonly LineSegment[], counts: LineCounts) => void;
}

export interface LinesStats {
  files: number;
  /** Files blamed in this run. */
  blamed: number;
  /** Files whose cached blame was reused. */
  reused: number;
  /** Commits audited in this run (the others came from the audit cache). */
  classified: number;
  /** First-parent commits walked back to the cached snapshot (-1: none reached). */
  walked: number;
}

export interface LinesOutcome {
  document: LinesDocument;
  notices: string[];
  stats: LinesStats;
}

/** The commit a revision names; GitError('bad-revision') when none. */
export async function resolveCommit(git: Git, rev: string): Promise<string> {
  assertRevision(rev);
  const out = (await git.text(['rev-parse', '--verify', '-q', '--end-of-options', `${rev}^{commit}`], { okExitCodes: [1] })).trim();
  if (!/^[0-9a-f]{40,64}$/.test(out)) throw new GitError('bad-revision', `unknown revision ${JSON.stringify(rev)}`, ['rev-parse', rev]);
  return out;
}

/**
 * The tree whose lines a range stands for: the tip of its last positive revision (`A..B` → B,
 * `A..` → HEAD, `^X` skipped), HEAD without revisions or with --all.
 */
export function tipOfRange(revs: readonly string[], all = false): string {
  if (all) return 'HEAD';
  for (let i = revs.length - 1; i >= 0; i--) {
    const rev = revs[i] as string;
    if (rev.startsWith('^')) continue;
    const dots = rev.includes('...') ? rev.split('...') : rev.split('..');
    const tip = (dots.length > 1 ? dots[dots.length - 1] : rev)?.replace(/\^[!@-].*$/, '');
    return tip || 'HEAD';
  }
  return 'HEAD';
}

/** `path` is one of the prefixes (a file, or a directory's contents). */
export function underPaths(p: string, prefixes: readonly string[]): boolean {
  if (!prefixes.length) return true;
  return prefixes.some((x) => x === '' || x === '.' || p === x || p.startsWith(x.endsWith('/') ? x : `${x}/`));
}

export async function runLines(req: LinesRequest): Promise<LinesOutcome> {
  const { git, info } = await openRepository(req.repo, req.log);
  const notices: string[] = [];
  const stats: LinesStats = { files: 0, blamed: 0, reused: 0, classified: 0, walked: -1 };
  const paths = req.pathBase && info.root ? req.paths.map((p) => repoRelative(info.root, req.pathBase as string, p)) : req.paths;
  if (req.rev === undefined && !info.head) throw new GitError('empty-repository', 'the repository has no commits yet: no lines to count');
  const rev = await resolveCommit(git, req.rev ?? 'HEAD');
  const meta = { rev, by: req.by, paths, detectMoves: req.detectMoves };
  const listing = await listTree(git, rev);
  const files = listing.files.filter((f) => underPaths(f.path, paths));
  const apart: ApartFiles = { binary: [], generated: [], skipped: listing.skipped.filter((s) => underPaths(s.path, paths)) };
  const [key, attributesFile] = await cacheKey(git, info, req.detectMoves);

  const loaded = req.cache ? new BlameCache(cacheDir(info.commonDir), key).load() : undefined;
  if (loaded?.bypassed) notices.push(`lines cache not used: ${loaded.bypassed}`);
  const cache = loaded?.bypassed ? undefined : loaded;
  if (cache?.discarded) notices.push(`lines cache discarded and rebuilt (${cache.discarded})`);
  const writable = cache?.lock() ?? false;
  if (cache && !writable) {
    notices.push(cache.readOnly ? `lines cache not written: ${cache.readOnly}; counted without saving it`
      : 'the lines cache is in use by another process: this run does not update it');
  }
  try {
    // What the cache knows: a snapshot reached along the first-parent chain, minus what changed since.
    const inherited = new Map<string, SnapshotFile>();
    let base: SnapshotFile[] = [];
    if (cache && cache.known.size) {
      const walk = await walkToKnown(git, rev, cache.known, MAX_WALK);
      if (walk.base) {
        stats.walked = walk.commits;
        base = (cache.snapshot(walk.base) ?? []).filter((f) => !walk.changed.has(f.path));
        for (const f of base) inherited.set(f.path, f);
      }
    }
    const blobOf = new Map(listing.files.map((f) => [f.path, f.oid]));
    const usable = (e: TreeEntry): SnapshotFile | undefined => {
      const s = inherited.get(e.path);
      return s && s.blob === e.oid ? s : undefined;
    };
    const toProbe = files.filter((f) => !usable(f) && f.size > 0);
    const probed = await probeBlobs(git, toProbe, req.signal);
    const attrs = attributesMayApply(listing.files, info.commonDir, attributesFile)
      ? await readKindAttributes(git, rev, files.map((f) => f.path)) : new Map<string, KindAttributes>();

    const groupsOf = new Map<string, readonly LineGroup[]>();
    const entries = new Map<string, SnapshotFile>();
    const toBlame: string[] = [];
    for (const f of files) {
      const known = usable(f);
      const facts: BlobFacts = known?.facts ?? probed.get(f.oid) ?? { nul: false, lines: 0 };
      const kind = fileKind(f.path, attrs.get(f.path) ?? {}, facts);
      const entry: SnapshotFile = { path: f.path, blob: f.oid, facts };
      if (kind.kind === 'binary') apart.binary.push({ path: f.path, bytes: f.size, reason: kind.reason });
      else if (kind.kind === 'generated') apart.generated.push({ path: f.path, lines: facts.lines, reason: kind.reason, ...(kind.detail ? { detail: kind.detail } : {}) });
      else if (facts.lines === 0) groupsOf.set(f.path, []);
      else {
        const cached = known?.result ? cache?.result(known.result) : undefined;
        if (cached) {
          groupsOf.set(f.path, cached);
          entry.result = known?.result;
          stats.reused++;
        } else toBlame.push(f.path);
      }
      entries.set(f.path, entry);
    }
    stats.files = groupsOf.size + toBlame.length;
    await blameMany(git, toBlame, {
      rev, detectMoves: req.detectMoves, ...(req.jobs ? { jobs: req.jobs } : {}), ...(req.signal ? { signal: req.signal } : {}),
      ...(req.onProgress ? { onDone: req.onProgress } : {}),
    }, (p, result) => {
      const groups = result.groups.map(({ sha, origLine, finalLine, count, origPath }) => ({ sha, origLine, finalLine, count, origPath }));
      groupsOf.set(p, groups);
      const entry = entries.get(p) as SnapshotFile;
      if (cache) entry.result = cache.addResult(groups);
    });
    stats.blamed = toBlame.length;

    if (cache?.writable && (toBlame.length || toProbe.length || stats.walked !== 0)) {
      // Files outside --path that the snapshot knew and nothing changed are carried along.
      const snapshot = [...entries.values()];
      for (const f of base) if (!entries.has(f.path) && blobOf.get(f.path) === f.blob) snapshot.push(f);
      cache.setSnapshot(rev, snapshot);
    }

    const shas = new Set<string>();
    for (const groups of groupsOf.values()) for (const g of groups) shas.add(g.sha);
    const [facts, recorded] = await Promise.all([
      commitFacts(git, info, shas, { version: req.version, cache: req.cache, ...(req.signal ? { signal: req.signal } : {}), ...(req.log ? { log: req.log } : {}) }),
      loadRecordedLines(git, info, shas),
    ]);
    stats.classified = facts.classified;
    notices.push(...facts.notices, ...recorded.problems);
    const boundary = info.shallow ? shallowCommits(info.commonDir) : new Set<string>();
    const ctx = { facts: facts.facts, recorded: recorded.index, boundary };
    const acc = new LinesAccumulator(req.by, facts.facts);
    let unknown = 0;
    for (const f of files) {
      const groups = groupsOf.get(f.path);
      if (!groups) continue;
      const segments = classifyGroups(groups, ctx);
      const counts = acc.add(f.path, segments);
      unknown += counts.unknown;
      req.onFile?.(f.path, segments, counts);
    }
    if (unknown) notices.push(`shallow clone: ${unknown} lines were last changed beyond the shallow boundary and are counted as unknown (git fetch --unshallow)`);
    if (cache?.writeFailed) notices.push(`lines cache not saved: ${cache.writeFailed}`);
    return { document: linesDocument(meta, acc, apart), notices, stats };
  } finally {
    cache?.unlock();
  }
}

/**
 * What a cached blame depends on besides the commit: options, the history it was computed on
 * (replace refs, grafts, shallow boundary — as the audit cache), git's blame settings.
 */
async function cacheKey(git: Git, info: RepositoryInfo, detectMoves: boolean): Promise<[string, string]> {
  const [config, history] = await Promise.all([
    git.text(['config', '-z', '--get-regexp', '^(blame\\.|diff\\.(algorithm|indentheuristic)$|core\\.attributesfile$)'], { okExitCodes: [1] }).catch(() => ''),
    historyState(git, info),
  ]);
  const attributesFile = /(?:^|\0)core\.attributesfile\n([^\0]*)/i.exec(config)?.[1] ?? '';
  const key = [`m${detectMoves ? 1 : 0}`, `h${history.digest.slice(0, 12)}`, `c${hash(config)}`].join(' ');
  return [key, attributesFile];
}

function hash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 12);
}

/** The commits whose parents a shallow clone cut off. */
export function shallowCommits(commonDir: string): Set<string> {
  try {
    return new Set(readFileSync(path.join(commonDir, 'shallow'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean));
  } catch {
    return new Set();
  }
}
