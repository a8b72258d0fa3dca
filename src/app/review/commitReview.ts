// Use cases for a commit that already exists (the editor reviews each new one): does its message
// follow the policy, given the evidence recorded for it (the same note evidence `check` reads)? And the fix: amend
// the message — only while the commit is on no remote-tracking branch (never rewrite pushed work).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { classifyCommit, withExtraEvidence, withRemovals } from '../../core/detect/classify';
import { recordedTools } from '../../core/report/violations';
import { NOTES_REF, noteText } from '../../core/evidence/evidenceSchema';
import type { CommitAudit } from '../../core/model';
import { applyPolicy, type AttributionDecision, type PolicyOutcome, type RecordedTool } from '../../core/policy/policy';
import type { PolicyInput } from '../../core/policy/policySchema';
import { Git, GitError, assertRevision, type GitLogger } from '../../git/exec';
import { decodeRecord, LOG_FORMAT } from '../../git/logReader';
import { appendNote, copyNote } from '../../git/notesWrite';
import { openRepository, type RepositoryInfo } from '../../git/repo';
import { removalRecords } from '../hooks/policyApply';
import { loadPolicy, type LoadedPolicy } from '../policyLoad';
import { loadNoteEvidence } from '../audit/provenanceNotes';

export interface CommitReview {
  sha: string;
  audit: CommitAudit;
  message: string;
  /** Evidence recorded for this commit (provenance notes, git-ai notes, Agent Trace), per tool. */
  recorded: RecordedTool[];
  policy: LoadedPolicy;
  /** What the policy would do to the message: 'unchanged' means it complies. */
  outcome: PolicyOutcome;
  /** The message that would make the commit comply, when one can be computed (not under forbid). */
  fix?: { message: string; changes: string[]; decisions: AttributionDecision[] };
  /** The message carries VS Code's sticky `Co-authored-by: Copilot <copilot@github.com>`. */
  vscodeTrailer: boolean;
  /** HEAD is this commit and no remote-tracking branch contains it: it may be amended. */
  amendable: boolean;
}

export interface ReviewOptions {
  overrides?: PolicyInput;
  log?: GitLogger;
}

/** Reviews one commit (default HEAD) against the effective policy of its repository. */
export async function reviewCommit(repo: string, rev = 'HEAD', options: ReviewOptions = {}): Promise<CommitReview> {
  assertRevision(rev);
  const { git, info } = await openRepository(repo, options.log);
  const [raw, head, remotes, policy] = await Promise.all([
    git.run(['log', '-1', '-z', `--format=${LOG_FORMAT}`, '--date=raw', '--no-show-signature', '--no-notes', '--end-of-options', rev, '--']),
    git.text(['rev-parse', '-q', '--verify', 'HEAD^{commit}'], { okExitCodes: [1] }),
    git.text(['branch', '-r', '--contains', rev, '--format=%(refname)']).catch(() => 'unknown'), // unknown: treat as pushed
    loadPolicy(git, info.root, options.overrides),
  ]);
  const bytes = raw.stdout.subarray(0, raw.stdout.indexOf(0));
  if (bytes.length === 0) throw new GitError('bad-revision', `no commit ${rev}`);
  const commit = decodeRecord(bytes);
  // The evidence `check` and the audit use (our notes, git-ai's, Agent Trace), for this commit only.
  const notes = await loadNoteEvidence(git, info, new Set([commit.sha]));
  const noted = notes.bySha.get(commit.sha);
  const recorded = recordedTools(noted);
  const classified = classifyCommit(commit, { trailers: info.trailers });
  const audit = withRemovals(noted ? withExtraEvidence(classified, noted) : classified, notes.removedBySha.get(commit.sha) ?? []);
  const outcome = applyPolicy(commit.message, recorded, policy.policy, { trailers: info.trailers, stage: 'commit' });
  const fix = fixFor(commit.message, recorded, policy, outcome, info.trailers);
  return {
    sha: commit.sha, audit, message: commit.message, recorded, policy, outcome, ...(fix ? { fix } : {}),
    vscodeTrailer: audit.evidence.some((e) => e.sticky),
    amendable: head.trim() === commit.sha && remotes.trim() === '',
  };
}

/**
 * A rewrite is its own fix. Under `require` a rejection for undisclosed evidence is fixed by adding
 * the trailers (what `evidence` would do); under `forbid` there is no honest automatic fix.
 */
export function fixFor(message: string, recorded: RecordedTool[], policy: LoadedPolicy, outcome: PolicyOutcome,
  trailers: RepositoryTrailers): CommitReview['fix'] {
  if (outcome.action === 'rewritten') return { message: outcome.message, changes: outcome.changes, decisions: outcome.decisions };
  if (outcome.action !== 'reject') return undefined;
  const modes = new Set([policy.policy.mode, ...recorded.map((r) => policy.policy.tools[r.tool] ?? policy.policy.mode)]);
  if (modes.has('forbid')) return undefined;
  const tools = Object.fromEntries(Object.entries(policy.policy.tools).map(([t, m]) => [t, m === 'require' ? 'evidence' : m]));
  const relaxed = { ...policy.policy, mode: policy.policy.mode === 'require' ? 'evidence' as const : policy.policy.mode, tools };
  const retry = applyPolicy(message, recorded, relaxed, { trailers, stage: 'commit' });
  if (retry.action !== 'rewritten') return undefined;
  const check = applyPolicy(retry.message, recorded, policy.policy, { trailers, stage: 'commit' });
  return check.action === 'unchanged' ? { message: retry.message, changes: retry.changes, decisions: retry.decisions } : undefined;
}

type RepositoryTrailers = RepositoryInfo['trailers'];

export interface FixOutcome {
  /** The commit replacing the reviewed one. */
  sha: string;
  changes: string[];
}

/**
 * Rewrites HEAD's message as the policy says (`git commit --amend --only`: staged changes stay
 * staged). Refuses when HEAD moved, when the commit is on a remote-tracking branch, or when the
 * policy rejects rather than rewrites (the user must change the message themselves).
 */
export async function fixLastCommit(repo: string, expectedSha: string, options: ReviewOptions = {}): Promise<FixOutcome> {
  const review = await reviewCommit(repo, 'HEAD', options);
  if (review.sha !== expectedSha) throw new GitError('failed', `HEAD is no longer ${expectedSha.slice(0, 10)}: nothing was changed`);
  if (!review.amendable) throw new GitError('failed', `${expectedSha.slice(0, 10)} is already on a remote branch: pushed history is never rewritten`);
  if (review.outcome.action === 'unchanged') return { sha: review.sha, changes: [] };
  if (!review.fix) {
    throw new GitError('failed', review.outcome.action === 'reject' ? review.outcome.reasons.join('; ') : 'no fix is possible');
  }
  const fix = review.fix;
  const dir = mkdtempSync(path.join(tmpdir(), 'aip-fix-'));
  try {
    const file = path.join(dir, 'MSG');
    writeFileSync(file, Buffer.from(fix.message, review.audit.encoding === 'latin1' ? 'latin1' : 'utf8'));
    // --no-verify: the message is already the policy's; --cleanup=verbatim: keep it byte for byte.
    await new Git(repo, options.log).verb(['commit', '--amend', '--only', '--no-verify', '--allow-empty', '--cleanup=verbatim', '-F', file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const git = new Git(repo, options.log);
  const sha = (await git.text(['rev-parse', 'HEAD'])).trim();
  // Our post-rewrite hook (or notes.rewriteRef) has copied the note across the amend; without them, copy it here.
  // Both writes are compare-and-swap updates of the notes ref (notesWrite.ts): a concurrent commit's note is never lost.
  const [had, has] = await Promise.all([review.sha, sha].map((c) =>
    git.run(['notes', `--ref=${NOTES_REF}`, 'list', c], { okExitCodes: [1] }).then((r) => r.exitCode === 0)));
  if (had && !has) await copyNote(git, review.sha, sha);
  // Nothing is removed silently: the lines the fix took out go into the new commit's note.
  const removals = removalRecords(fix.decisions, review.policy.policy, new Date());
  if (removals.length) await appendNote(git, sha, noteText(removals));
  return { sha, changes: fix.changes };
}
