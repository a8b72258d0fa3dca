// The status bar item: the provenance of HEAD in the repository of the active editor (or the first
// one), plus the count of evidence recorded in the working log and not yet committed; its tooltip
// also gives the active file's AI share at HEAD (ai-provenance lines, cached per file and HEAD).
// Clicking it opens the AI Provenance view. Hidden when `aiProvenance.statusBar.enabled` is false.
import * as vscode from 'vscode';
import { existsSync, readdirSync, watch, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import type { CommitAudit } from '../core/model';
import { worklogDir } from '../git/worklog';
import { runLines } from '../app/lines/lines';
import type { LinesDocument } from '../core/lines/linesReport';
import { auditCommits } from './commitViews';
import type { Log } from './log';
import type { RepoState, RepositoryManager } from './repositories';

export const FOCUS_TREE_COMMAND = 'aiProvenance.focusTree';
const SETTING = 'aiProvenance.statusBar.enabled';
const DEBOUNCE_MS = 300;
const MAX_CACHED = 64;
const VERSION = (process.env.AIP_VERSION as string | undefined) ?? '0.0.0-dev';
/** Working-log entry names (see git/worklog): `<epoch ms>-<pid>-<8 hex>.json`. */
const ENTRY_NAME = /^\d{13}-\d+-[0-9a-f]{8}\.json$/;

export class ProvenanceStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('aiProvenance.head', vscode.StatusBarAlignment.Left, 0);
  private readonly disposables: vscode.Disposable[];
  /** HEAD audits by `root\0sha`: switching editors does not audit again. */
  private readonly audits = new Map<string, CommitAudit>();
  /** The active file's figures by `root\0head\0path` (null: not a file of that tree). */
  private readonly shares = new Map<string, LinesDocument | null>();
  private watcher?: { dir: string; handle: FSWatcher };
  private timer?: NodeJS.Timeout;
  private generation = 0;
  private disposed = false;

  constructor(private readonly repos: RepositoryManager, private readonly log: Log) {
    this.item.name = 'AI Provenance';
    this.item.command = FOCUS_TREE_COMMAND;
    this.disposables = [
      this.item,
      vscode.commands.registerCommand(FOCUS_TREE_COMMAND, () => this.focusTree()),
      repos.onDidChange(() => this.schedule()),
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SETTING)) this.schedule();
      }),
    ];
    this.schedule();
  }

  private schedule(): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update().catch((e: unknown) => this.log.warn(`status bar: ${message(e)}`)), DEBOUNCE_MS);
  }

  private async update(): Promise<void> {
    const generation = ++this.generation;
    const enabled = vscode.workspace.getConfiguration().get<boolean>(SETTING, true) !== false;
    const repo = enabled ? this.repos.forUri(vscode.window.activeTextEditor?.document.uri) ?? this.repos.all[0] : undefined;
    if (!repo) {
      this.unwatch();
      this.item.hide();
      return;
    }
    this.watch(repo.gitDir);
    const recorded = countEntries(repo.gitDir);
    const head = repo.head ?? repo.api?.state.HEAD?.commit;
    let audit: CommitAudit | undefined;
    let error: string | undefined;
    if (head) {
      try {
        audit = await this.auditOf(repo.root, head);
      } catch (e) {
        error = message(e);
        this.log.warn(`status bar: cannot audit HEAD of ${repo.root}: ${error}`);
      }
    }
    const file = head ? await this.fileShare(repo, head).catch((e: unknown) => {
      this.log.warn(`status bar: cannot count the lines of the active file: ${message(e)}`);
      return null;
    }) : null;
    if (generation !== this.generation || this.disposed) return;
    this.render(repo, head, audit, recorded, error, file);
  }

  /** `lines` of the active editor's file at HEAD (memoised per HEAD). */
  private async fileShare(repo: RepoState, head: string): Promise<LinesDocument | null> {
    const uri = vscode.window.activeTextEditor?.document.uri;
    if (!uri || uri.scheme !== 'file') return null;
    const rel = path.relative(repo.root, uri.fsPath).split(path.sep).join('/');
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return null;
    const key = `${repo.root}\0${head}\0${rel}`;
    if (this.shares.has(key)) return this.shares.get(key) ?? null;
    const outcome = await runLines({
      repo: repo.root, rev: head, paths: [rel], by: 'file', detectMoves: false, cache: true, version: VERSION,
      log: (l) => this.log.trace(l),
    });
    const doc = outcome.document;
    const found = doc.groups.some((g) => g.key === rel) || doc.binary.some((b) => b.path === rel) || doc.generated.some((g) => g.path === rel);
    if (this.shares.size >= MAX_CACHED) this.shares.clear();
    this.shares.set(key, found ? doc : null);
    return found ? doc : null;
  }

  private async auditOf(root: string, sha: string): Promise<CommitAudit | undefined> {
    const key = `${root}\0${sha}`;
    const known = this.audits.get(key);
    if (known) return known;
    const [audit] = await auditCommits(root, [sha], 1, this.log);
    if (audit) {
      if (this.audits.size >= MAX_CACHED) this.audits.clear();
      this.audits.set(key, audit);
    }
    return audit;
  }

  private render(repo: RepoState, head: string | undefined, audit: CommitAudit | undefined, recorded: number, error?: string, file?: LinesDocument | null): void {
    let text: string;
    let summary: string;
    if (error) {
      text = `$(error) ${vscode.l10n.t('AI provenance')}`;
      summary = vscode.l10n.t('Could not read HEAD: {0}', error);
    } else if (!head || !audit) {
      text = `$(hubot) ${vscode.l10n.t('no commits')}`;
      summary = vscode.l10n.t('The repository has no commits yet.');
    } else if (audit.verdict === 'assisted') {
      text = `$(hubot) ${audit.tools.join(', ') || 'AI'}`;
      summary = vscode.l10n.t('HEAD was made with AI assistance.');
    } else if (audit.verdict === 'unverified') {
      text = `$(warning) ${vscode.l10n.t('unverified')}`;
      summary = vscode.l10n.t('HEAD only carries VS Code\'s sticky "Co-authored-by: Copilot" trailer, with no other evidence: VS Code adds it to files Copilot once touched.');
    } else {
      text = `$(check) ${vscode.l10n.t('no AI')}`;
      summary = vscode.l10n.t('HEAD has no AI evidence.');
    }
    if (recorded > 0) text += ` · $(record) ${recorded}`;

    const md = new vscode.MarkdownString('', false);
    md.supportHtml = false;
    md.isTrusted = false;
    md.appendMarkdown('**AI Provenance** — ').appendText(path.basename(repo.root) || repo.root).appendMarkdown('\n\n');
    if (head) {
      md.appendMarkdown('HEAD `').appendText(head.slice(0, 7)).appendMarkdown('`');
      if (audit?.subject) md.appendMarkdown(': ').appendText(audit.subject);
      md.appendMarkdown('\n\n');
    }
    md.appendText(summary).appendMarkdown('\n\n');
    if (audit?.tools.length) md.appendMarkdown(`${vscode.l10n.t('Tools')}: `).appendText(audit.tools.join(', ')).appendMarkdown('\n\n');
    if (audit?.models.length) md.appendMarkdown(`${vscode.l10n.t('Models')}: `).appendText(audit.models.join(', ')).appendMarkdown('\n\n');
    if (recorded > 0) {
      md.appendText(recorded === 1
        ? vscode.l10n.t('1 piece of recorded AI evidence is waiting for the next commit.')
        : vscode.l10n.t('{0} pieces of recorded AI evidence are waiting for the next commit.', recorded)).appendMarkdown('\n\n');
    }
    if (file) appendFileShare(md, file);
    md.appendText(vscode.l10n.t('Click to open the AI Provenance view.'));
    this.item.text = text;
    this.item.tooltip = md;
    this.item.accessibilityInformation = { label: `AI Provenance: ${summary}${recorded ? ` ${recorded} recorded` : ''}` };
    this.item.show();
  }

  /** Watches the working log, or the closest existing parent until it appears. */
  private watch(gitDir: string): void {
    const log = worklogDir(gitDir);
    const parent = path.dirname(log);
    const dir = existsSync(log) ? log : existsSync(parent) ? parent : gitDir;
    if (this.watcher?.dir === dir) return;
    this.unwatch();
    const awaited = dir === log ? undefined : path.basename(dir === parent ? log : parent);
    try {
      const handle = watch(dir, { persistent: false }, (_event, file) => {
        if (!awaited || !file || String(file) === awaited) this.schedule();
      });
      handle.on('error', () => this.unwatch());
      this.watcher = { dir, handle };
    } catch (e) {
      this.log.warn(`status bar: cannot watch ${dir}: ${message(e)}`);
    }
  }

  /** The item as shown (tests). */
  snapshot(): { text: string; tooltip: string } {
    const tip = this.item.tooltip;
    return { text: this.item.text, tooltip: typeof tip === 'string' ? tip : tip?.value ?? '' };
  }

  private unwatch(): void {
    this.watcher?.handle.close();
    this.watcher = undefined;
  }

  private async focusTree(): Promise<void> {
    try {
      await vscode.commands.executeCommand('workbench.view.scm');
      await vscode.commands.executeCommand('aiProvenance.commits.focus');
    } catch (e) {
      this.log.warn(`cannot show the AI Provenance view: ${message(e)}`);
    }
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.unwatch();
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

/** The active file's line figures: its AI share at HEAD, by class (or why it is not counted). */
function appendFileShare(md: vscode.MarkdownString, doc: LinesDocument): void {
  const name = doc.paths[0] ?? '';
  md.appendMarkdown('**').appendText(path.posix.basename(name)).appendMarkdown(`** ${vscode.l10n.t('at HEAD')}: `);
  const apart = doc.binary.length ? vscode.l10n.t('binary file, not counted') : doc.generated.length ? vscode.l10n.t('generated file, not counted') : undefined;
  const t = doc.totals;
  if (apart || !t.total) {
    md.appendText(apart ?? vscode.l10n.t('no lines')).appendMarkdown('\n\n');
    return;
  }
  const pct = (n: number): string => `${((n / t.total) * 100).toFixed(1)} %`;
  md.appendText(vscode.l10n.t('AI share {0} of {1} lines', `${(t.aiShare * 100).toFixed(1)} %`, t.total)).appendMarkdown('\n\n');
  md.appendText(`${vscode.l10n.t('recorded')} ${pct(t.recorded)} · ${vscode.l10n.t('assisted commits')} ${pct(t.assistedCommit)} · `
    + `${vscode.l10n.t('unverified')} ${pct(t.unverified)} · ${vscode.l10n.t('no AI evidence')} ${pct(t.none)}${t.unknown ? ` · ${vscode.l10n.t('unknown')} ${pct(t.unknown)}` : ''}`);
  md.appendMarkdown('\n\n');
}

/** Entry files in the working log (read without parsing: the count is all the item shows). */
function countEntries(gitDir: string): number {
  try {
    return readdirSync(worklogDir(gitDir)).filter((n) => ENTRY_NAME.test(n)).length;
  } catch {
    return 0;
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
