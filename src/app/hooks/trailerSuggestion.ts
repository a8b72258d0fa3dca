// What the commit about to be made should disclose: recorded evidence for the files that will be
// committed, as the trailers the policy would add — shown in the editor's commit input box so the
// user sees and edits them (nothing is appended behind their back). When the editor itself will
// append its AI trailer (VS Code's `git.addAICoAuthor`), the commit-msg hook decides that line like
// any other: the suggestion shows it only when the hook would keep it, so the box holds what will be
// written (and with the trailer already in the message, VS Code does not append it again).
import * as path from 'node:path';
import { applyPolicy } from '../../core/policy/policy';
import type { PolicyInput } from '../../core/policy/policySchema';
import { selectForCommit } from '../../core/capture/worklogSelect';
import { VSCODE_AI_TRAILER, withVsCodeTrailer } from '../../core/capture/editorAiTools';
import { modeFor } from '../../core/policy/policySchema';
import { Git, type GitLogger } from '../../git/exec';
import { trailerConfig } from '../../git/repo';
import { readEntries } from '../../git/worklog';
import { gitPaths } from './policyApply';
import { loadPolicy } from '../policyLoad';

export interface Suggestion {
  /** The message with the trailers added. */
  message: string;
  /** The trailer lines added. */
  added: string[];
}

export interface SuggestOptions {
  /**
   * Will the editor append its own AI trailer (VS Code's `Co-authored-by: Copilot`) to a commit of
   * these files (repository-relative)? Asked only when the message does not carry it yet.
   */
  editorTrailer?: (files: string[]) => Promise<boolean>;
}

/** Trailers to add to `message` for the staged files (or every changed file when none is staged). */
export async function suggestTrailers(repo: string, message: string, overrides?: PolicyInput, log?: GitLogger, options: SuggestOptions = {}): Promise<Suggestion | undefined> {
  const git = new Git(repo, log);
  const { gitDir, root } = await gitPaths(git);
  if (!gitDir) return undefined;
  const { entries } = readEntries(gitDir);
  if (entries.length === 0 && !options.editorTrailer) return undefined;
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
  const editorAppends = !message.includes(VSCODE_AI_TRAILER) && options.editorTrailer !== undefined && files.length > 0
    && await options.editorTrailer(files);
  if (selection.recorded.length === 0 && !editorAppends) return undefined;
  const policy = await loadPolicy(git, root, overrides, config);
  const trailers = trailerConfig(config);
  let shown = message;
  if (editorAppends && modeFor(policy.policy, 'copilot') !== 'keep') {
    // what the hook will see: the typed message with VS Code's line; show the line if it survives
    const atCommit = applyPolicy(withVsCodeTrailer(message), selection.recorded, policy.policy, { trailers, stage: 'commit' });
    if (atCommit.action === 'unchanged' || (atCommit.action === 'rewritten' && atCommit.message.split(/\r?\n/).includes(VSCODE_AI_TRAILER))) {
      shown = withVsCodeTrailer(message);
    }
  }
  const outcome = selection.recorded.length
    ? applyPolicy(shown, selection.recorded, policy.policy, { trailers, stage: 'prepare' })
    : { action: 'unchanged' as const, message: shown };
  const added = [
    ...(shown !== message ? [VSCODE_AI_TRAILER] : []),
    ...(outcome.action === 'rewritten' ? outcome.changes.map((c) => c.replace(/^added "(.*)"$/, '$1')) : []),
  ];
  if (added.length === 0 || outcome.action === 'reject') return undefined;
  return { message: outcome.message, added };
}
