// Keeps settings honest: warns (once per distinct problem) about invalid values and about values
// the team file's locks override, mirrors the user's policy into each repository's git config for
// the hooks, and re-points installed hooks at this extension's CLI after an update. Trusted only.
import * as vscode from 'vscode';
import { installHooks, statusHooks } from '../app/hooks/hooks';
import { loadPolicy } from '../app/policyLoad';
import { Git } from '../git/exec';
import type { Log } from './log';
import type { RepositoryManager, RepoState } from './repositories';
import { readSettings, syncPolicyToGitConfig } from './settings';
import { nodeBinary } from './commandSupport';
import { terminalSafe } from '../core/report/summaryText';

export class SettingsWatcher implements vscode.Disposable {
  private readonly warned = new Set<string>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Every warning shown, for tests. */
  readonly warnings: string[] = [];

  constructor(private readonly repos: RepositoryManager, private readonly log: Log, private readonly cliPath: string) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('aiProvenance')) for (const r of repos.all) void this.apply(r);
      }),
      repos.onDidOpen((r) => void this.apply(r, true)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => repos.all.forEach((r) => void this.apply(r, true))),
    );
  }

  async apply(repo: RepoState, opening = false): Promise<void> {
    const settings = readSettings(repo.uri, (m) => this.warn(m));
    if (!vscode.workspace.isTrusted) return;
    try {
      await syncPolicyToGitConfig(repo.root, settings.policy, this.log);
      const loaded = await loadPolicy(new Git(repo.root), repo.root, settings.policy);
      for (const i of loaded.ignored) this.warn(`Setting aiProvenance.${i.field} is ignored in ${vscode.workspace.asRelativePath(repo.root)}: ${i.reason}.`);
      for (const w of loaded.warnings ?? []) this.warn(`AI Provenance (${vscode.workspace.asRelativePath(repo.root)}): ${terminalSafe(w)}.`);
      if (opening) await this.healHooks(repo);
    } catch (e) {
      this.warn(`AI Provenance: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Hooks installed by an older copy of the extension call a CLI that may be gone: re-point them. */
  private async healHooks(repo: RepoState): Promise<void> {
    const req = { repo: repo.root, node: nodeBinary(), cli: this.cliPath };
    const status = await statusHooks(req);
    if (status.hooks.some((h) => h.state === 'outdated')) {
      await installHooks(req);
      this.log.info(`re-pointed the hooks of ${repo.root} at ${this.cliPath}`);
    }
  }

  private warn(message: string): void {
    this.log.warn(message);
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.warnings.push(message);
    void vscode.window.showWarningMessage(message);
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}
