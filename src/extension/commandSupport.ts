// What the commands share with the other command-like parts of the extension (agent hooks, the
// settings watcher): which repository a command acts on, the trust gate, and which node runs the CLI.
// Its own module so those parts need not import commands.ts, which imports them back.
import * as vscode from 'vscode';
import { execFileSync } from 'node:child_process';
import type { RepositoryManager, RepoState } from './repositories';

export async function pickRepo(repos: RepositoryManager, root?: string): Promise<RepoState | undefined> {
  if (root) return repos.get(root);
  const active = repos.forUri(vscode.window.activeTextEditor?.document.uri);
  if (active) return active;
  if (repos.all.length <= 1) return repos.all[0];
  const picked = await vscode.window.showQuickPick(repos.all.map((r) => ({ label: vscode.workspace.asRelativePath(r.root), repo: r })),
    { placeHolder: vscode.l10n.t('Which repository?') });
  return picked?.repo;
}

export function requireTrust(action: string): void {
  if (!vscode.workspace.isTrusted) throw new Error(vscode.l10n.t('{0} is not available in an untrusted workspace (AI Provenance only reads history there).', action));
}

/** A node on PATH survives VS Code updates; otherwise the extension host's own binary. */
export function nodeBinary(): string {
  try {
    const found = execFileSync('sh', ['-c', 'command -v node'], { encoding: 'utf8' }).trim();
    if (found) return found;
  } catch {
    // no node on PATH
  }
  return process.execPath;
}
