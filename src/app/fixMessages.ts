// The one seam between `ai-provenance fix` and the policy: what the commit-msg hook would have made
// of an existing commit's message, given the evidence recorded for that commit. Built once per run
// (one bulk read of notes, git-ai notes and Agent Trace for every commit of the range), then asked
// per commit without I/O. The machinery that rewrites history knows nothing else about the policy.
import type { PolicyOutcome } from '../core/policy';
import { applyPolicy } from '../core/policy';
import { recordedTools } from '../core/report/violations';
import type { Git } from '../git/exec';
import type { RepositoryInfo } from '../git/repo';
import { fixFor } from './commitReview';
import type { LoadedPolicy } from './policyLoad';
import { loadNoteEvidence } from './provenanceNotes';

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
    /** JSON Lines to append to the new commit's provenance note (removal records, marker evidence). */
    noteRecords: string;
  }
  /** The policy rejects the message and no honest automatic fix exists (forbid): the user must act. */
  | { action: 'unfixable'; reasons: string[] };

export interface MessageFixer {
  fix(commit: FixInput): MessageFix;
  /** Notes or traces that could not be read (never fatal). */
  problems: string[];
}

/** The fixer for `shas` under `policy`: evidence is read once for all of them. */
export async function createMessageFixer(git: Git, info: RepositoryInfo, policy: LoadedPolicy, shas: readonly string[]): Promise<MessageFixer> {
  const evidence = await loadNoteEvidence(git, info, new Set(shas));
  return {
    problems: evidence.problems,
    fix(commit) {
      const recorded = recordedTools(evidence.bySha.get(commit.sha));
      const outcome: PolicyOutcome = applyPolicy(commit.message, recorded, policy.policy, { trailers: info.trailers, stage: 'commit' });
      if (outcome.action === 'unchanged') return { action: 'unchanged' };
      const fixed = fixFor(commit.message, recorded, policy, outcome, info.trailers);
      if (!fixed) return { action: 'unfixable', reasons: outcome.action === 'reject' ? outcome.reasons : ['no fix is possible'] };
      return { action: 'rewritten', message: fixed.message, changes: fixed.changes, noteRecords: '' };
    },
  };
}
