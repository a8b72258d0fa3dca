// What the commit about to be made should disclose: recorded evidence for the files that will be
// committed, as the trailers the policy would add — shown in the editor's commit input box so the
// user sees and edits them (nothing is appended behind their back).
import * as path from 'node:path';
import { applyPolicy } from '../core/policy';
import type { PolicyInput } from '../core/policySchema';
import { selectForCommit } from '../core/worklogSelect';
import { Git, type GitLogger } from '../git/exec';
import { trailerConfig } from '../git/repo';
import { readEntries } from '../git/worklog';
import { gitPaths } from './policyApply';
import { loadPolicy } from './policyLoad';

export interface Suggestion {
  /** The message with the trailers added. */
  message: string;
  /** The trailer lines added. */
  added: string[];
}

/** Trailers to add to `message` for the staged files (or every changed file when none is staged). */
export async function suggestTrailers(repo: string, message: string, overrides?: PolicyInput, log?: GitLogger): Promise<Suggestion | undefined> {
  const git = new Git(repo, log);
  const { gitDir, root } = await gitPaths(git);
  if (!gitDir) return undefined;
  const { entries } = readEntries(gitDir);
  if (entries.length === 0) return undefined;
  const [config, staged] = await Promise.all([
    git.text(['config', '-z', '--get-regexp', '^(aiprovenance\\.|trailer\\.|core\\.commentchar$)'], { okExitCodes: [1] }),
    git.text(['diff', '--cached', '--name-only', '-z', '--no-renames']),
  ]);
  let files = staged.split('\0').filter(Boolean);
  if (files.length === 0) {
    // Nothing staged: VS Code's smart commit takes every change (untracked files included).
    const status = await git.text(['status', '--porcelain=v1', '-z', '--no-renames', '--untracked-files=all']);
    files = status.split('\0').filter((e) => e.length > 3).map((e) => e.slice(3));
  }
  const selection = selectForCommit(entries.map((e) => ({ name: path.basename(e.file), entry: e.entry })), files);
  if (selection.recorded.length === 0) return undefined;
  const policy = await loadPolicy(git, root, overrides, config);
  const outcome = applyPolicy(message, selection.recorded, policy.policy, { trailers: trailerConfig(config), stage: 'prepare' });
  if (outcome.action !== 'rewritten') return undefined;
  return { message: outcome.message, added: outcome.changes.map((c) => c.replace(/^added "(.*)"$/, '$1')) };
}
