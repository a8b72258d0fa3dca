// Use case: every line of one file with where it came from — the commit git blame names (moves
// and copies followed when asked), that commit's audit (verdict, tools, models, autonomy) and the
// line-level record covering the line in that commit, if any. `contents` blames unsaved text
// (`--contents -`): its new lines are `uncommitted`.
import { commitLineClass, isUncommitted, type CommitFacts } from '../../core/lines/lineClass';
import type { CommitAudit } from '../../core/model';
import type { BlameViewLine } from '../../core/report/blameFormat';
import { readBlame, type BlameCommit } from '../../git/blameReader';
import { GitError, type Git, type GitLogger } from '../../git/exec';
import { openRepository, type RepositoryInfo } from '../../git/repo';
import { commitFacts } from './commitFacts';
import { resolveCommit, shallowCommits } from './lines';
import { loadRecordedLines, type RecordedLines } from './recordedLines';
import { PathError, repoRelative } from './repoPaths';

export interface BlameRequest {
  repo: string;
  /** The file: relative to `pathBase` (default: the repository root), or absolute. */
  path: string;
  pathBase?: string;
  /** Default HEAD; with `contents`, git 2.41 or newer is needed for another revision. */
  rev?: string;
  /** The file's text to blame instead of the committed one (an unsaved buffer, `--contents`). */
  contents?: Buffer | string;
  detectMoves: boolean;
  /** 1-based inclusive line range. */
  range?: [number, number];
  cache: boolean;
  version: string;
  signal?: AbortSignal;
  log?: GitLogger;
  /** What a long-lived caller (the editor) keeps between calls; runBlame fills it. */
  memo?: BlameMemo;
}

/** Kept between blames of one repository (until its HEAD or notes change). */
export interface BlameMemo {
  repo?: Promise<{ git: Git; info: RepositoryInfo }>;
  /** Every line-level record of the repository. */
  recorded?: Promise<RecordedLines>;
  facts: Map<string, { facts: CommitFacts; audit?: CommitAudit }>;
}

/** One line as blame reports it: its commit, verdict, tools, recorded AI lines and class (the writers' view). */
export type BlamedLine = BlameViewLine;

export interface BlameOutcome {
  path: string;
  /** The commit blamed at (with `contents`, the one the text is compared with); null when unborn. */
  rev: string | null;
  lines: BlamedLine[];
  /** git's details of each commit named, and its audit (absent for the uncommitted id). */
  commits: Map<string, { blame: BlameCommit; facts?: CommitFacts; audit?: CommitAudit }>;
  notices: string[];
}

export async function runBlame(req: BlameRequest): Promise<BlameOutcome> {
  const memo = req.memo;
  if (memo) memo.repo ??= openRepository(req.repo, req.log);
  const { git, info } = await (memo?.repo ?? openRepository(req.repo, req.log));
  const file = info.root ? repoRelative(info.root, req.pathBase ?? info.root, req.path) : req.path;
  if (!file) throw new PathError(`${req.path}: is the repository itself, not a file`);
  const rev = req.rev !== undefined ? await resolveCommit(git, req.rev) : info.head ? await resolveCommit(git, 'HEAD') : null;
  if (rev === null && req.contents === undefined) throw new GitError('empty-repository', 'the repository has no commits yet');
  let blamed;
  try {
    blamed = await readBlame(git, {
      path: file, porcelain: true, detectMoves: req.detectMoves,
      ...(rev !== null && (req.contents === undefined || req.rev !== undefined) ? { rev } : {}),
      ...(req.range ? { range: req.range } : {}),
    }, { ...(req.contents !== undefined ? { input: req.contents } : {}), ...(req.signal ? { signal: req.signal } : {}) });
  } catch (e) {
    if (e instanceof GitError && /cannot use --contents with final commit/.test(e.stderr)) {
      throw new PathError('--contents with a revision needs git 2.41 or newer: leave out the revision (the text is compared with HEAD)');
    }
    throw e;
  }
  const shas = new Set(blamed.groups.map((g) => g.sha).filter((s) => !isUncommitted(s)));
  const known = memo?.facts;
  const missing = known ? [...shas].filter((s) => !known.has(s)) : [...shas];
  if (memo) memo.recorded ??= loadRecordedLines(git, info);
  const [fresh, recorded] = await Promise.all([
    commitFacts(git, info, missing, { version: req.version, cache: req.cache, keepAudits: true, ...(req.log ? { log: req.log } : {}) }),
    memo?.recorded ?? loadRecordedLines(git, info, shas),
  ]);
  const facts = { facts: new Map<string, CommitFacts>(), audits: new Map<string, CommitAudit>(), notices: fresh.notices };
  for (const sha of shas) {
    const f = fresh.facts.get(sha) ?? known?.get(sha)?.facts;
    const audit = fresh.audits.get(sha) ?? known?.get(sha)?.audit;
    if (f) facts.facts.set(sha, f);
    if (audit) facts.audits.set(sha, audit);
    if (known && f && !known.has(sha)) known.set(sha, { facts: f, ...(audit ? { audit } : {}) });
  }
  const boundary = info.shallow ? shallowCommits(info.commonDir) : new Set<string>();
  const lines: BlamedLine[] = [];
  for (const g of blamed.groups) {
    const f = facts.facts.get(g.sha);
    const uncommitted = isUncommitted(g.sha);
    (g.contents ?? []).forEach((content, i) => {
      const origLine = g.origLine + i;
      const by = uncommitted || boundary.has(g.sha) ? undefined : recorded.index.at(g.sha, g.origPath, origLine);
      lines.push({
        line: g.finalLine + i, sha: g.sha,
        verdict: uncommitted ? 'uncommitted' : f?.verdict ?? 'none',
        tools: f?.tools ?? [], models: f?.models ?? [], ...(f?.autonomy ? { autonomy: f.autonomy } : {}),
        recorded: by ?? null,
        class: uncommitted ? 'uncommitted' : by ? 'recorded' : commitLineClass(f, boundary.has(g.sha)),
        origLine, origPath: g.origPath, content,
      });
    });
  }
  lines.sort((a, b) => a.line - b.line);
  const commits: BlameOutcome['commits'] = new Map();
  for (const [sha, blame] of blamed.commits) {
    const f = facts.facts.get(sha);
    const audit = facts.audits.get(sha);
    commits.set(sha, { blame, ...(f ? { facts: f } : {}), ...(audit ? { audit } : {}) });
  }
  return { path: file, rev, lines, commits, notices: [...facts.notices, ...recorded.problems] };
}
