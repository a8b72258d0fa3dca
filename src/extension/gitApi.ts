// The built-in git extension's API (`vscode.git`, getAPI(1)): the subset this extension uses,
// written from the published contract (extensions/git/src/api/git.d.ts), and its acquisition.
import * as vscode from 'vscode';

export interface Branch {
  readonly name?: string;
  readonly commit?: string;
  readonly upstream?: { readonly remote: string; readonly name: string };
}

export interface RepositoryState {
  readonly HEAD: Branch | undefined;
  readonly onDidChange: vscode.Event<void>;
}

export interface InputBox {
  value: string;
}

export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly inputBox: InputBox;
  readonly state: RepositoryState;
  /** Fires after a commit made through VS Code (SCM view, API). */
  readonly onDidCommit: vscode.Event<void>;
  commit(message: string, opts?: { all?: boolean | 'tracked'; amend?: boolean }): Promise<void>;
}

export interface GitAPI {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  readonly repositories: GitRepository[];
  readonly onDidOpenRepository: vscode.Event<GitRepository>;
  readonly onDidCloseRepository: vscode.Event<GitRepository>;
  toGitUri(uri: vscode.Uri, ref: string): vscode.Uri;
}

interface GitExtension {
  readonly enabled: boolean;
  readonly onDidChangeEnablement: vscode.Event<boolean>;
  getAPI(version: 1): GitAPI;
}

/**
 * The git API once the git extension is enabled and initialised. Undefined when it is missing,
 * disabled (`git.enabled: false`, or Restricted Mode, which it does not support), fails to activate,
 * or is not initialised within `timeoutMs` (no git on PATH): callers then work without it.
 */
export async function acquireGitApi(timeoutMs = 10_000): Promise<GitAPI | undefined> {
  const ext = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!ext) return undefined;
  let api: GitAPI;
  try {
    const exports = ext.isActive ? ext.exports : await ext.activate();
    if (!exports?.enabled) return undefined;
    api = exports.getAPI(1);
  } catch {
    return undefined;
  }
  if (api.state === 'initialized') return api;
  return new Promise<GitAPI | undefined>((resolve) => {
    const timer = setTimeout(() => {
      sub.dispose();
      resolve(undefined);
    }, timeoutMs);
    const sub = api.onDidChangeState((s) => {
      if (s !== 'initialized') return;
      clearTimeout(timer);
      sub.dispose();
      resolve(api);
    });
  });
}
