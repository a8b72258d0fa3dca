// After a commit that did not pass through commit-msg (git commit --no-verify, as aider does by
// default), attach recorded evidence for the files it changed as its provenance note.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { NOTES_REF, noteText } from '../core/evidenceSchema';
import { selectForCommit } from '../core/worklogSelect';
import { Git, type GitLogger } from '../git/exec';
import { readEntries, removeEntries, writeEntry } from '../git/worklog';
import { gitPaths } from './policyApply';

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
  const { gitDir } = await gitPaths(git);
  const none = (skipped: string, problems: string[] = []): ReconcileOutcome => ({ attached: false, skipped, consumed: 0, problems });
  if (!gitDir) return none('not a repository');
  // Commits replayed by rebase or cherry-pick are old work: recorded evidence is not theirs.
  if (SEQUENCER_STATE.some((f) => existsSync(path.join(gitDir, f))) || /^(rebase|cherry-pick|revert)/.test(env.GIT_REFLOG_ACTION ?? '')) {
    return none('a rebase, cherry-pick or revert is in progress');
  }
  const { entries, problems } = readEntries(gitDir);
  if (entries.length === 0) return none('no recorded evidence', problems);
  const changed = (await git.text(['log', '-1', '--diff-merges=first-parent', '--name-only', '-z', '--no-renames', '--format=', 'HEAD']))
    .split('\0').map((s) => s.replace(/^\n+/, '')).filter(Boolean);
  const selection = selectForCommit(entries.map((e) => ({ name: path.basename(e.file), entry: e.entry })), changed);
  if (selection.consumed.length === 0) return none('no recorded evidence for the files of HEAD', problems);
  await git.run(['notes', `--ref=${NOTES_REF}`, 'append', '-F', '-', 'HEAD'], { input: noteText(selection.note) });
  for (const entry of selection.remaining) writeEntry(gitDir, entry);
  removeEntries(selection.consumed.map((name) => path.join(path.dirname(entries[0]?.file ?? gitDir), name)));
  return { attached: true, consumed: selection.consumed.length, problems };
}
