// Shows, before committing, the trailers the policy would add from recorded evidence: they go into
// the repository's commit message box, where the user sees, edits or deletes them. A line the user
// deleted is not offered again for the same commit. Never touches a message in an untrusted workspace.
import * as vscode from 'vscode';
import { existsSync, mkdirSync, watch, type FSWatcher } from 'node:fs';
import { suggestTrailers } from '../app/trailerSuggestion';
import { worklogDir } from '../git/worklog';
import type { Log } from './log';
import type { RepositoryManager, RepoState } from './repositories';
import { readSettings } from './settings';

const DEBOUNCE_MS = 800;

export class TrailerSuggester implements vscode.Disposable {
  private readonly offered = new Map<string, Set<string>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly watchers: FSWatcher[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly repos: RepositoryManager, private readonly log: Log) {
    this.subscriptions.push(
      repos.onDidOpen((r) => this.track(r)),
      repos.onDidFollow((r) => {
        if (r.api) this.subscriptions.push(r.api.state.onDidChange(() => this.schedule(r)));
        this.schedule(r);
      }),
      repos.onDidCommit(({ repo }) => this.offered.delete(repo.root)),
    );
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
    try {
      s = await suggestTrailers(repo.root, base, settings.policy, (l) => this.log.trace(l));
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
    return fresh;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const w of this.watchers) w.close();
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}
