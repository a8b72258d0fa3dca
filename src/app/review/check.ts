// Use case: the CI gate. Does every commit of a range follow the team policy, given the evidence
// recorded for it? One `git log` stream for the range (messages and identities, no patches) and one
// bulk read of notes and traces (loadNoteEvidence) — never one process per commit. A shallow clone
// whose range reaches the shallow boundary cannot be checked: HistoryMissingError says how to fetch.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { classifyCommit } from '../../core/detect/classify';
import type { AuditQuery } from '../../core/model';
import type { Policy } from '../../core/policy/policySchema';
import { resolvePolicy } from '../../core/policy/policyResolve';
import { checkCommit, recordedTools, type PolicyViolation } from '../../core/report/violations';
import { assistedByWarnings } from '../../core/policy/kernelGrammar';
import { GitError, assertRevision, type GitLogger } from '../../git/exec';
import { readLogBatches } from '../../git/logReader';
import { openRepository } from '../../git/repo';
import { loadPolicy, readPolicyFile } from '../policyLoad';
import { loadNoteEvidence } from '../audit/provenanceNotes';
import { runLines, tipOfRange } from '../lines/lines';
import type { LinesTotals } from '../../core/lines/linesReport';

export const FETCH_HINT = 'fetch the full history first: git fetch --unshallow (GitHub Actions: actions/checkout with '
  + '`fetch-depth: 0`; GitLab CI: `GIT_DEPTH: 0`)';

export class HistoryMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HistoryMissingError';
  }
}

export interface CheckRequest extends Partial<Omit<AuditQuery, 'diffs'>> {
  repo: string;
  /** A team-file-shaped JSON file to check against instead of the repository's own policy. */
  policyFile?: string;
  /** Check what is there even in a shallow clone (reports use this; the gate does not). */
  allowShallow?: boolean;
  signal?: AbortSignal;
  log?: GitLogger;
  /** Opt-in line gate (percent of lines), overriding the policy's `maxAiShare`. */
  maxAiShare?: number;
  version?: string;
}

/** The line gate's figures: the AI share of the code at the range's tip against the limit. */
export interface LinesGate {
  rev: string;
  limit: number;
  /** Where the limit came from (--max-ai-share or the policy file). */
  limitSource: string;
  totals: LinesTotals;
  exceeded: boolean;
}

export interface CheckOutcome {
  commits: number;
  violations: PolicyViolation[];
  policy: Policy;
  /** Where the policy came from, for the reader. */
  policySource: string;
  /** Notes or traces that could not be read (never fatal). */
  notices: string[];
  /**
   * Advice that does not fail the check: under `require` with format `assisted-by`, Assisted-by
   * values that break the kernel's AGENT:MODEL grammar (core/policy/kernelGrammar.ts).
   */
  warnings: { sha: string; subject: string; text: string }[];
  /** The repository's identity (remote URL without credentials, else folder name). */
  repository: string;
  /** Present when a line gate applies (--max-ai-share, or maxAiShare in the policy). */
  lines?: LinesGate;
}

/** Where the policy came from, as reports print it: never an absolute path of this machine. */
function describePolicySource(teamFile: string | undefined, policyFile: string | undefined, root: string): string {
  if (policyFile) {
    const rel = root ? path.relative(root, policyFile) : '';
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : path.basename(policyFile);
  }
  return teamFile ? `${path.basename(teamFile)} and git config` : 'defaults and git config';
}

export async function runCheck(req: CheckRequest): Promise<CheckOutcome> {
  const revs = req.revs ?? [];
  for (const rev of revs) assertRevision(rev);
  const { git, info } = await openRepository(req.repo, req.log);
  let policy: Policy;
  let teamFile: string | undefined;
  const policyWarnings: string[] = [];
  if (req.policyFile) {
    const team = readPolicyFile(req.policyFile);
    policy = resolvePolicy(team, undefined, req.policyFile).policy;
  } else {
    const loaded = await loadPolicy(git, info.root);
    policy = loaded.policy;
    teamFile = loaded.teamFile;
    policyWarnings.push(...(loaded.warnings ?? []));
  }
  const policySource = describePolicySource(teamFile, req.policyFile, info.root);
  if (!info.head && !req.all && revs.length === 0) return { commits: 0, violations: [], policy, policySource, notices: policyWarnings, warnings: [], repository: info.identity };

  const shallow = info.shallow ? shallowCommits(info.commonDir) : new Set<string>();
  const notes = await loadNoteEvidence(git, info);
  const violations: PolicyViolation[] = [];
  const warnings: CheckOutcome['warnings'] = [];
  const boundary: string[] = [];
  let commits = 0;
  const query = {
    revs: revs.length || req.all ? revs : ['HEAD'], all: req.all ?? false, paths: req.paths ?? [], forceUtf8: info.forceUtf8,
    ...(req.maxCount !== undefined ? { maxCount: req.maxCount } : {}),
    ...(req.since ? { since: req.since } : {}),
    ...(req.until ? { until: req.until } : {}),
  };
  try {
    for await (const batch of readLogBatches(git, query, req.signal ? { signal: req.signal } : {})) {
      for (const { commit } of batch) {
        commits++;
        if (shallow.has(commit.sha)) boundary.push(commit.sha);
        const recorded = notes.bySha.get(commit.sha);
        const audit = classifyCommit(commit, { trailers: info.trailers });
        const violation = checkCommit(audit, commit.message, recordedTools(recorded), policy, info.trailers);
        if (violation) violations.push(violation);
        for (const text of assistedByWarnings(commit.message, policy, info.trailers)) warnings.push({ sha: commit.sha, subject: audit.subject, text });
      }
    }
  } catch (e) {
    if (info.shallow && !req.allowShallow && e instanceof GitError && e.code === 'bad-revision') {
      throw new HistoryMissingError(`${e.message}: this is a shallow clone, so the revision may not have been fetched; ${FETCH_HINT}`);
    }
    throw e;
  }
  if (boundary.length && !req.allowShallow) {
    throw new HistoryMissingError(`history is incomplete: this is a shallow clone and the range reaches its boundary at `
      + `${boundary.slice(0, 3).map((s) => s.slice(0, 10)).join(', ')} (their parents were not fetched); ${FETCH_HINT}`);
  }
  const limit = req.maxAiShare ?? policy.maxAiShare;
  const notices = [...policyWarnings, ...notes.problems];
  if (limit === undefined) return { commits, violations, policy, policySource, notices, warnings, repository: info.identity };
  const lines = await runLines({
    repo: req.repo, rev: tipOfRange(revs, req.all), paths: req.paths ?? [], by: 'file', detectMoves: false, cache: true,
    version: req.version ?? 'check', ...(req.signal ? { signal: req.signal } : {}), ...(req.log ? { log: req.log } : {}),
  });
  const totals = lines.document.totals;
  if (totals.unknown > 0 && !req.allowShallow) {
    throw new HistoryMissingError(`the AI share of the code cannot be checked: ${totals.unknown} lines were last changed beyond the shallow boundary; ${FETCH_HINT}`);
  }
  const gate: LinesGate = {
    rev: lines.document.rev, limit, limitSource: req.maxAiShare !== undefined ? '--max-ai-share' : policySource, totals,
    exceeded: totals.aiShare * 100 > limit + 1e-9,
  };
  return { commits, violations, policy, policySource, notices: [...notices, ...lines.notices], warnings, repository: info.identity, lines: gate };
}

/** The commits whose parents a shallow clone cut off (`<git dir>/shallow`). */
function shallowCommits(commonDir: string): Set<string> {
  try {
    return new Set(readFileSync(path.join(commonDir, 'shallow'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean));
  } catch {
    return new Set();
  }
}
