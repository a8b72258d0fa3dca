// Shows, before committing, the trailers the policy would add from recorded evidence: they go into
// the repository's commit message box, where the user sees, edits or deletes them. A line the user
// deleted is not offered again for the same commit. Never touches a message in an untrusted workspace.
// VS Code 1.110+ appends its own `Co-authored-by: Copilot` at commit time when its AI-edit tracker
// counts a committed file: when the hook would keep that line, it is shown here too (VS Code then sees
// it in the message and does not add it again). If the user deletes it, VS Code would append it all
// the same; so the tracker's record for those files is cleared, and the box stays what gets written.
import * as vscode from 'vscode';
import { existsSync, mkdirSync, watch, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import { suggestTrailers } from '../app/hooks/trailerSuggestion';
import { VSCODE_AI_TRAILER } from '../core/capture/editorAiTools';
import { Git } from '../git/exec';
import { worklogDir } from '../git/worklog';
import type { Log } from './log';
import type { RepositoryManager, RepoState } from './repositories';
import { readSettings } from './settings';
import type { VsCodeAiTracker } from './vscodeAiTracker';

const DEBOUNCE_MS = 800;
const WATCH_BOX_MS = 400;

interface EditorLineOffer {
  files: vscode.Uri[];
  head: string;
  timer: NodeJS.Timeout;
}

export class TrailerSuggester implements vscode.Disposable {
  private readonly offered = new Map<string, Set<string>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly watchers: FSWatcher[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly editorLines = new Map<string, EditorLineOffer>();

  constructor(private readonly repos: RepositoryManager, private readonly log: Log, private readonly tracker?: VsCodeAiTracker) {
    this.subscriptions.push(
      repos.onDidOpen((r) => this.track(r)),
      repos.onDidFollow((r) => {
        if (r.api) this.subscriptions.push(r.api.state.onDidChange(() => this.schedule(r)));
        this.schedule(r);
      }),
      repos.onDidCommit(({ repo }) => {
        this.offered.delete(repo.root);
        this.stopWatching(repo.root);
      }),
      ...(tracker ? [tracker.onDidChange(() => { for (const r of repos.all) this.schedule(r); })] : []),
    );
  }

  /** Asks VS Code's tracker whether its git extension will append its trailer to a commit of `files`. */
  private editorTrailer(repo: RepoState, seen: { files: vscode.Uri[] }): ((files: string[]) => Promise<boolean>) | undefined {
    const tracker = this.tracker;
    if (!tracker) return undefined;
    return async (files) => {
      const setting = tracker.setting(repo.uri);
      if (!(await tracker.live(repo.uri))) return false;
      seen.files = files.map((f) => vscode.Uri.file(path.join(repo.root, f)));
      return (await tracker.has(seen.files, setting === 'all' ? 'all' : 'chatAndAgent')) === true;
    };
  }

  private track(repo: RepoState): void {
    const dir = worklogDir(repo.gitDir);
    try {
      if (!existsSync(dir)) {
        if (!vscode.workspace.isTrusted) return; // read-only: create nothing in the repository
        mkdirSync(dir, { recursive: true });
      }
      this.watchers.push(watch(dir, { persistent: false }, () => this.schedule(repo)));
    } catch (e) {
      this.log.warn(`cannot watch ${dir}: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.schedule(repo);
  }

  private schedule(repo: RepoState): void {
    clearTimeout(this.timers.get(repo.root));
    this.timers.set(repo.root, setTimeout(() => void this.suggest(repo), DEBOUNCE_MS));
  }

  /** Adds the missing trailers to the input box; returns the lines added (for tests). */
  async suggest(repo: RepoState): Promise<string[]> {
    if (!vscode.workspace.isTrusted) return [];
    const settings = readSettings(repo.uri, (m) => this.log.warn(m));
    if (!settings.suggestTrailers) return [];
    const box = repo.api?.inputBox;
    if (!box) return []; // no commit box without the git extension
    const before = box.value;
    // An empty box gets a template-like value: a free first line for the subject, then the trailers.
    const base = before.trim() === '' ? 'SUBJECT\n' : before;
    let s;
    const editorFiles = { files: [] as vscode.Uri[] };
    try {
      const editorTrailer = this.editorTrailer(repo, editorFiles);
      s = await suggestTrailers(repo.root, base, settings.policy, (l) => this.log.trace(l), editorTrailer ? { editorTrailer } : {});
    } catch (e) {
      this.log.warn(`suggesting trailers for ${repo.root}: ${e instanceof Error ? e.message : String(e)}`);
      return [];
    }
    if (!s || box.value !== before) return []; // nothing to add, or the user typed meanwhile
    const seen = this.offered.get(repo.root) ?? new Set<string>();
    const fresh = s.added.filter((line) => !seen.has(line));
    if (fresh.length === 0) return [];
    for (const line of fresh) seen.add(line);
    this.offered.set(repo.root, seen);
    const withFresh = s.added.length === fresh.length ? s.message : `${base.replace(/\s*$/, '')}\n\n${fresh.join('\n')}\n`;
    // Line 1 stays free for the subject; no trailing newline (git adds one; the cursor stays on the last trailer).
    box.value = (before.trim() === '' ? withFresh.replace(/^SUBJECT/, '') : withFresh).replace(/\s+$/, '');
    this.log.info(`suggested in the commit message of ${repo.root}: ${fresh.join(', ')}`);
    if (fresh.includes(VSCODE_AI_TRAILER)) this.watchEditorLine(repo, editorFiles.files);
    return fresh;
  }

  /** While VS Code's line is offered: if the user deletes it, VS Code must not append it again. */
  private watchEditorLine(repo: RepoState, files: vscode.Uri[]): void {
    this.stopWatching(repo.root);
    const head = repo.api?.state.HEAD?.commit ?? repo.head ?? '';
    const timer = setInterval(() => void this.checkEditorLine(repo), WATCH_BOX_MS);
    timer.unref?.();
    this.editorLines.set(repo.root, { files, head, timer });
  }

  private async checkEditorLine(repo: RepoState): Promise<void> {
    const offer = this.editorLines.get(repo.root);
    const value = repo.api?.inputBox.value ?? '';
    if (!offer || value.trim() === '' || value.includes(VSCODE_AI_TRAILER)) return;
    this.stopWatching(repo.root);
    // a commit resets the box too: only a box edited on the same HEAD is the user's deletion
    const head = (await new Git(repo.root, (l) => this.log.trace(l)).text(['rev-parse', '--verify', '-q', 'HEAD'], { okExitCodes: [1] }).catch(() => '')).trim();
    if (head !== offer.head) return;
    await this.tracker?.clear(offer.files);
    this.log.info(`"${VSCODE_AI_TRAILER}" was deleted from the commit message: VS Code's AI-edit record of ${offer.files.map((f) => vscode.workspace.asRelativePath(f)).join(', ')} is cleared, so it is not appended at commit`);
  }

  private stopWatching(root: string): void {
    const offer = this.editorLines.get(root);
    if (offer) clearInterval(offer.timer);
    this.editorLines.delete(root);
  }

  dispose(): void {
    for (const root of [...this.editorLines.keys()]) this.stopWatching(root);
    for (const t of this.timers.values()) clearTimeout(t);
    for (const w of this.watchers) w.close();
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}
