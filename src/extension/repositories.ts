// Every repository of the workspace (multi-root, worktrees, submodules — whatever the git
// extension opens; without it, in Restricted Mode or with git disabled, the repositories of the
// workspace folders), and every new commit in each: made in VS Code (onDidCommit) or anywhere else
// (terminal, agents with --no-verify), noticed through the reflog, debounced, ignoring lock-file
// noise, and only once git has finished (no lock files left).
import * as vscode from 'vscode';
import { existsSync, watch, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import { Git } from '../git/exec';
import type { GitAPI, GitRepository } from './gitApi';
import type { Log } from './log';

export interface RepoState {
  readonly root: string;
  readonly uri: vscode.Uri;
  readonly gitDir: string;
  readonly commonDir: string;
  /** The built-in git extension's view of it (commit box, onDidCommit); absent without that extension. */
  api?: GitRepository;
  /** The last HEAD commit seen. */
  head?: string;
}

export interface NewCommit {
  repo: RepoState;
  sha: string;
  /** The reflog subject: "commit: …", "commit (amend): …", "commit (merge): …", … */
  action: string;
}

const DEBOUNCE_MS = 400;
const LOCKS = ['index.lock', 'HEAD.lock'];

export class RepositoryManager implements vscode.Disposable {
  private readonly repos = new Map<string, RepoState>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly watchers = new Map<string, FSWatcher[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly changed = new vscode.EventEmitter<RepoState>();
  private readonly committed = new vscode.EventEmitter<NewCommit>();
  private readonly opened = new vscode.EventEmitter<RepoState>();
  private readonly followed = new vscode.EventEmitter<RepoState>();
  private gitApi?: GitAPI;
  /** A repository appeared, or its HEAD moved. */
  readonly onDidChange = this.changed.event;
  /** A new commit was made (once per commit, whoever made it). */
  readonly onDidCommit = this.committed.event;
  readonly onDidOpen = this.opened.event;
  /** The git extension now knows this repository (`repo.api` is set): its commit box can be used. */
  readonly onDidFollow = this.followed.event;

  constructor(private readonly log: Log) {
    this.disposables.push(this.changed, this.committed, this.opened, this.followed);
  }

  /** Follows the git extension's repositories; without it, finds the workspace folders' repositories. */
  async start(api: GitAPI | undefined): Promise<void> {
    if (api) return this.attach(api);
    this.disposables.push(vscode.workspace.onDidChangeWorkspaceFolders(() => {
      if (!this.gitApi) void this.discover();
    }));
    await this.discover();
  }

  /** Switches to the git extension (at start, or once trust is granted and it comes up). */
  async attach(api: GitAPI): Promise<void> {
    if (this.gitApi) return;
    this.gitApi = api;
    this.disposables.push(
      api.onDidOpenRepository((r) => void this.add(r.rootUri, r)),
      api.onDidCloseRepository((r) => this.remove(r.rootUri.fsPath)),
    );
    await Promise.all(api.repositories.map((r) => this.add(r.rootUri, r)));
  }

  /** The top level of each workspace folder's repository, read with git itself. */
  private async discover(): Promise<void> {
    const folders = vscode.workspace.workspaceFolders?.filter((f) => f.uri.scheme === 'file') ?? [];
    const roots = await Promise.all(folders.map(async (f) => {
      try {
        // --show-cdup keeps the folder's own spelling of the path (symlinks), as the git extension does.
        const cdup = (await new Git(f.uri.fsPath, (l) => this.log.trace(l)).text(['rev-parse', '--show-cdup'])).trim();
        return path.resolve(f.uri.fsPath, cdup);
      } catch {
        return undefined; // not a repository (or git is missing: reported where git is needed)
      }
    }));
    const wanted = new Set(roots.filter((r): r is string => Boolean(r)));
    for (const root of [...this.repos.keys()]) if (!wanted.has(root)) this.remove(root);
    await Promise.all([...wanted].map((root) => this.add(vscode.Uri.file(root))));
  }

  get all(): RepoState[] {
    return [...this.repos.values()];
  }

  get(root: string): RepoState | undefined {
    return this.repos.get(root);
  }

  /** The repository containing a file, or the only one. */
  forUri(uri?: vscode.Uri): RepoState | undefined {
    if (uri?.scheme === 'file') {
      const candidates = this.all.filter((r) => uri.fsPath === r.root || uri.fsPath.startsWith(r.root + path.sep));
      return candidates.sort((a, b) => b.root.length - a.root.length)[0];
    }
    return this.repos.size === 1 ? this.all[0] : undefined;
  }

  private async add(uri: vscode.Uri, api?: GitRepository): Promise<void> {
    const root = uri.fsPath;
    const known = this.repos.get(root);
    if (known) {
      if (api && !known.api) this.follow(known, api);
      return;
    }
    let out: string;
    try {
      out = await new Git(root, (l) => this.log.trace(l)).text(['rev-parse', '--path-format=absolute', '--git-dir', '--git-common-dir', 'HEAD'], { okExitCodes: [128] });
    } catch (e) {
      this.log.warn(`cannot open ${root}: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    const [gitDir = '', commonDir = '', head = ''] = out.split('\n');
    if (!gitDir || this.repos.has(root)) return;
    const repo: RepoState = { root, uri, gitDir, commonDir, ...(/^[0-9a-f]{40,64}$/.test(head) ? { head } : {}) };
    this.repos.set(root, repo);
    this.watch(repo);
    this.log.info(`watching ${root}${gitDir.startsWith(root) ? '' : ` (git dir ${gitDir})`}${api ? '' : ' (without the git extension)'}`);
    this.opened.fire(repo);
    if (api) this.follow(repo, api);
    this.changed.fire(repo);
  }

  /** Commits made through the git extension are seen before the reflog watcher notices them. */
  private follow(repo: RepoState, api: GitRepository): void {
    repo.api = api;
    this.disposables.push(
      api.onDidCommit(() => this.schedule(repo)),
      api.state.onDidChange(() => {
        if (api.state.HEAD?.commit && api.state.HEAD.commit !== repo.head) this.schedule(repo);
      }),
    );
    this.followed.fire(repo);
  }

  private remove(root: string): void {
    this.repos.delete(root);
    for (const w of this.watchers.get(root) ?? []) w.close();
    this.watchers.delete(root);
  }

  /** The reflog and HEAD of this worktree's git dir: terminal and agent commits land there. */
  private watch(repo: RepoState): void {
    const list: FSWatcher[] = [];
    const onEvent = (_: string, file: string | Buffer | null): void => {
      const name = String(file ?? '');
      if (name.endsWith('.lock') || name.startsWith('.watchman-cookie')) return;
      if (name === '' || name === 'HEAD') this.schedule(repo);
    };
    for (const dir of [repo.gitDir, path.join(repo.gitDir, 'logs')]) {
      try {
        if (existsSync(dir)) list.push(watch(dir, { persistent: false }, onEvent));
      } catch (e) {
        this.log.warn(`cannot watch ${dir}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    this.watchers.set(repo.root, list);
  }

  /** Debounced: look at HEAD once git is done (no lock files), then report what changed. */
  private schedule(repo: RepoState): void {
    clearTimeout(this.timers.get(repo.root));
    this.timers.set(repo.root, setTimeout(() => void this.check(repo), DEBOUNCE_MS));
  }

  private async check(repo: RepoState): Promise<void> {
    if (LOCKS.some((l) => existsSync(path.join(repo.gitDir, l)))) return this.schedule(repo); // git is still working
    let out: string;
    try {
      out = await new Git(repo.root, (l) => this.log.trace(l)).text(['log', '-g', '-1', '--format=%H%x00%gs', 'HEAD', '--'], { okExitCodes: [128] });
    } catch (e) {
      this.log.warn(`cannot read HEAD of ${repo.root}: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    const [sha = '', action = ''] = out.trim().split('\0');
    if (!sha || sha === repo.head) return;
    repo.head = sha;
    this.changed.fire(repo);
    if (/^commit\b/.test(action)) this.committed.fire({ repo, sha, action });
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const root of [...this.watchers.keys()]) this.remove(root);
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
