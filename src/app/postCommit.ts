// After a commit that did not pass through commit-msg (git commit --no-verify, as aider does by
// default), attach the recorded evidence that backs the lines it changed as its provenance note
// (the same backing rule as commit-msg: core/backing.ts, over the commit's own diff).
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { NOTES_REF, noteText } from '../core/evidenceSchema';
import { selectBacked } from '../core/backing';
import { Git, type GitLogger } from '../git/exec';
import { readCommitDiff } from '../git/stagedDiff';
import { readEntries, removeEntries, writeEntry } from '../git/worklog';
import { DEFAULT_PATCH_CAP } from './auditor';
import { digestSources, gitPaths } from './policyApply';

export interface ReconcileOutcome {
  attached: boolean;
  /** Why nothing was attached. */
  skipped?: string;
  consumed: number;
  problems: string[];
}

const SEQUENCER_STATE = ['rebase-merge', 'rebase-apply', 'CHERRY_PICK_HEAD', 'REVERT_HEAD', 'sequencer'];

export async function reconcileAfterCommit(repo: string, log?: GitLogger, env: NodeJS.ProcessEnv = process.env): Promise<ReconcileOutcome> {
  const git = new Git(repo, log);
  const { gitDir, root } = await gitPaths(git);
  const none = (skipped: string, problems: string[] = []): ReconcileOutcome => ({ attached: false, skipped, consumed: 0, problems });
  if (!gitDir) return none('not a repository');
  // Commits replayed by rebase or cherry-pick are old work: recorded evidence is not theirs.
  if (SEQUENCER_STATE.some((f) => existsSync(path.join(gitDir, f))) || /^(rebase|cherry-pick|revert)/.test(env.GIT_REFLOG_ACTION ?? '')) {
    return none('a rebase, cherry-pick or revert is in progress');
  }
  const { entries, problems } = readEntries(gitDir);
  if (entries.length === 0) return none('no recorded evidence', problems);
  const head = (await git.text(['rev-parse', 'HEAD'])).trim();
  const diff = await readCommitDiff(git, DEFAULT_PATCH_CAP, head);
  const selection = selectBacked(entries.map((e) => ({ name: path.basename(e.file), entry: e.entry })), diff.files, digestSources(diff, root || repo));
  if (selection.consumed.length === 0) return none('no recorded evidence for the files of HEAD', problems);
  if (selection.note.length === 0) {
    for (const entry of selection.remaining) writeEntry(gitDir, entry);
    removeEntries(selection.consumed.map((name) => path.join(path.dirname(entries[0]?.file ?? gitDir), name)));
    return { attached: false, skipped: 'the recorded evidence does not back the lines HEAD changed', consumed: selection.consumed.length, problems };
  }
  await git.run(['notes', `--ref=${NOTES_REF}`, 'append', '-F', '-', head], { input: noteText(selection.note) });
  for (const entry of selection.remaining) writeEntry(gitDir, entry);
  removeEntries(selection.consumed.map((name) => path.join(path.dirname(entries[0]?.file ?? gitDir), name)));
  return { attached: true, consumed: selection.consumed.length, problems };
}
