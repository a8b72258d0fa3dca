// VS Code's own AI-edit record (VS Code 1.110+), behind the workbench's internal commands
// `_aiEdits.hasAiContributions(uris, mode)` → boolean and `_aiEdits.clearAiContributions(uris)`.
// Feature-detected, never by version: the command must exist, `git.addAICoAuthor` must be on for the
// resource (the tracker runs only then) and AI features must not be hidden. A command that is missing,
// throws or answers something other than a boolean makes the tracker "unavailable", and everything
// built on it stands down quietly (VS Code 1.100 has none of it).
import * as vscode from 'vscode';
import type { Log } from './log';

const HAS = '_aiEdits.hasAiContributions';
const CLEAR = '_aiEdits.clearAiContributions';

export type CoAuthorSetting = 'off' | 'chatAndAgent' | 'all';
export type TrackerMode = 'all' | 'chatAndAgent';

export class VsCodeAiTracker implements vscode.Disposable {
  private exists?: Promise<boolean>;
  private broken = false;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** The setting, the AI features switch or the set of commands changed: re-check `live()`. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: Log) {
    this.subscriptions.push(
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('git.addAICoAuthor') || e.affectsConfiguration('chat.disableAIFeatures')) this.changed.fire();
      }),
      vscode.extensions.onDidChange(() => {
        this.exists = undefined;
        this.changed.fire();
      }),
    );
  }

  /** VS Code's `git.addAICoAuthor` for a resource ('off' when VS Code has no such setting). */
  setting(scope?: vscode.Uri): CoAuthorSetting {
    const value = vscode.workspace.getConfiguration('git', scope).get<unknown>('addAICoAuthor', 'off');
    return value === 'all' || value === 'chatAndAgent' ? value : 'off';
  }

  /** VS Code hides (and stops tracking) AI features. */
  aiFeaturesDisabled(): boolean {
    return vscode.workspace.getConfiguration('chat').get<unknown>('disableAIFeatures', false) === true;
  }

  /** The internal command is there (cached; internal commands are listed only without the filter). */
  async available(): Promise<boolean> {
    if (this.broken) return false;
    this.exists ??= Promise.resolve(vscode.commands.getCommands(false)).then((all) => all.includes(HAS), () => false);
    return this.exists;
  }

  /** The tracker records AI edits for this resource now. */
  async live(scope?: vscode.Uri): Promise<boolean> {
    return this.setting(scope) !== 'off' && !this.aiFeaturesDisabled() && (await this.available());
  }

  /** Does any of these files have AI contributions? undefined when the tracker cannot say. */
  async has(uris: readonly vscode.Uri[], mode: TrackerMode): Promise<boolean | undefined> {
    if (uris.length === 0) return false;
    if (!(await this.available())) return undefined;
    try {
      const answer = await vscode.commands.executeCommand<unknown>(HAS, uris, mode);
      if (typeof answer === 'boolean') return answer;
      this.standDown(`${HAS} answered ${JSON.stringify(answer)?.slice(0, 80)} instead of true or false`);
    } catch (e) {
      this.standDown(`${HAS} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    return undefined;
  }

  /** Forgets the AI contributions of these files (what VS Code does itself after committing them). */
  async clear(uris: readonly vscode.Uri[]): Promise<void> {
    if (uris.length === 0 || !(await this.available())) return;
    await Promise.resolve(vscode.commands.executeCommand(CLEAR, uris)).catch((e: unknown) => this.log.warn(`${CLEAR} failed: ${String(e)}`));
  }

  private standDown(reason: string): void {
    if (this.broken) return;
    this.broken = true;
    this.log.warn(`VS Code's AI-edit tracker changed shape (${reason}): AI edits in the editor are no longer captured in this session`);
    this.changed.fire();
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}
