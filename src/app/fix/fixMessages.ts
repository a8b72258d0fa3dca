// The one seam between `ai-provenance fix` and the policy: what the commit-msg hook would have made
// of an existing commit's message. The decision is the hook's own (core/policy/policy applyPolicy, and
// fixFor's relaxation of `require` as Fix Last Commit does): the "staged diff" is the commit's diff
// against its first parent (read for every commit of the range in one git process), the AI code
// markers in its added lines are evidence (not for a merge), and the recorded evidence is the commit's own provenance note plus git-ai
// notes and Agent Trace, as `check` and the audit read them. What the hook would write to the note
// — marker evidence and a record of every line removed, replaced or kept against the policy — is
// returned for the new commit's note. Built once per run, then asked per commit without I/O.
import { noteText } from '../../core/evidence/evidenceSchema';
import { markerRecords } from '../../core/capture/backing';
import { scanPatch } from '../../core/detect/diffMarkers';
import { applyPolicy } from '../../core/policy/policy';
import { recordedTools } from '../../core/report/violations';
import { parseStagedDiff } from '../../core/capture/stagedDiff';
import { readCommitDiffs } from '../../git/commitDiffs';
import type { Git } from '../../git/exec';
import type { RepositoryInfo } from '../../git/repo';
import { DEFAULT_PATCH_CAP } from '../audit/auditor';
import { fixFor } from '../review/commitReview';
import { markerTools, removalRecords } from '../hooks/policyApply';
import type { LoadedPolicy } from '../policyLoad';
import { loadNoteEvidence } from '../audit/provenanceNotes';

export interface FixInput {
  sha: string;
  parents: readonly string[];
  /** The message as text (UTF-8, or one char per byte when it is not UTF-8). */
  message: string;
}

export type MessageFix =
  | { action: 'unchanged' }
  | {
    action: 'rewritten';
    message: string;
    /** One line per change, as the hook says them ("removed …", "added …"). */
    changes: string[];
    /** JSON Lines to append to the new commit's provenance note (marker evidence, removal records). */
    noteRecords: string;
  }
  /** The policy rejects the message and no honest automatic fix exists (forbid): the user must act. */
  | { action: 'unfixable'; reasons: string[] };

export interface MessageFixer {
  fix(commit: FixInput): MessageFix;
  /** Notes or traces that could not be read (never fatal). */
  problems: string[];
}

/**
 * The fixer for `commits` under `policy`: evidence and diffs are read once for all of them. A merge's
 * diff is not scanned for code markers: the commits it brings in were scanned when they were made
 * (the hook and the audit skip merges too).
 */
export async function createMessageFixer(git: Git, info: RepositoryInfo, policy: LoadedPolicy,
  commits: readonly { sha: string; parents: readonly string[] }[], now = new Date()): Promise<MessageFixer> {
  const [evidence, diffs] = await Promise.all([
    loadNoteEvidence(git, info, new Set(commits.map((c) => c.sha))),
    readCommitDiffs(git, commits.filter((c) => c.parents.length <= 1).map((c) => c.sha), DEFAULT_PATCH_CAP),
  ]);
  const options = { trailers: info.trailers, stage: 'commit' as const };
  return {
    problems: evidence.problems,
    fix(commit) {
      const diff = commit.parents.length <= 1 ? diffs.get(commit.sha) : undefined;
      const markers = diff ? markerRecords(scanPatch(parseStagedDiff(diff.text, diff.truncated).patch)) : [];
      const recorded = [...recordedTools(evidence.bySha.get(commit.sha)), ...markerTools(markers)];
      const outcome = applyPolicy(commit.message, recorded, policy.policy, options);
      if (outcome.action === 'unchanged') return { action: 'unchanged' };
      const fixed = fixFor(commit.message, recorded, policy, outcome, info.trailers);
      if (!fixed) return { action: 'unfixable', reasons: outcome.action === 'reject' ? outcome.reasons : ['no fix is possible'] };
      const records = [...markers, ...removalRecords(fixed.decisions, policy.policy, now)];
      return { action: 'rewritten', message: fixed.message, changes: fixed.changes, noteRecords: noteText(records) };
    },
  };
}
