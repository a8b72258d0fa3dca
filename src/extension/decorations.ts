// Line provenance in the editor, two levels: lines a line-level record attributes to AI (our
// notes, git-ai notes, Agent Trace) get a gutter mark; with "all", lines last changed by an
// AI-assisted commit that no record covers get a fainter one. Hovers name the commit, tools and
// evidence. The toggle cycles off → recorded → all. It follows the active editor; only the visible
// lines (plus a margin) are blamed, the buffer's text with `--contents`; results are cached per
// file version, HEAD and mode, commit audits and records per repository until it changes — in
// "recorded" mode a repository without any record costs one for-each-ref per HEAD move. Off in an
// untrusted folder: blame reads the work tree, where the folder's filters and textconv would run.
import * as vscode from 'vscode';
import * as path from 'node:path';
import { runBlame, type BlameMemo, type BlamedLine } from '../app/lines/blame';
import type { CommitAudit } from '../core/model';
import { GitError } from '../git/exec';
import { loadRecordedLines } from '../app/lines/recordedLines';
import { openRepository } from '../git/repo';
import type { Log } from './log';
import type { RepositoryManager, RepoState } from './repositories';

const MARGIN = 100;
const MAX_LINES = 3000;
const DEBOUNCE_MS = 150;
const VERSION = (process.env.AIP_VERSION as string | undefined) ?? '0.0.0-dev';

export const DECORATION_MODES = ['off', 'recorded', 'all'] as const;
export type DecorationMode = (typeof DECORATION_MODES)[number];

interface Marked {
  line: BlamedLine;
  audit?: CommitAudit;
  subject?: string;
}

interface Decorated {
  recorded: Map<number, Marked>;
  assisted: Map<number, Marked>;
}

export interface DecorationState {
  mode: DecorationMode;
  recorded: number[];
  assisted: number[];
  /** Hover text (markdown) by line. */
  hovers: Record<number, string>;
}

export class LineProvenance implements vscode.Disposable {
  private readonly recordedType: vscode.TextEditorDecorationType;
  private readonly assistedType: vscode.TextEditorDecorationType;
  private readonly memos = new Map<string, BlameMemo>();
  private readonly cache = new Map<string, Decorated>();
  private timer?: NodeJS.Timeout;
  private readonly subscriptions: vscode.Disposable[] = [];
  private mode: DecorationMode;
  private last: DecorationState = { mode: 'off', recorded: [], assisted: [], hovers: {} };
  private untrustedNoted = false;

  constructor(private readonly repos: RepositoryManager, private readonly log: Log, extensionUri: vscode.Uri) {
    this.recordedType = vscode.window.createTextEditorDecorationType({
      gutterIconPath: vscode.Uri.joinPath(extensionUri, 'media', 'line.svg'),
      gutterIconSize: 'contain',
      overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.infoForeground'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
    });
    this.assistedType = vscode.window.createTextEditorDecorationType({
      gutterIconPath: vscode.Uri.joinPath(extensionUri, 'media', 'line-assisted.svg'),
      gutterIconSize: 'contain',
    });
    this.mode = readMode();
    this.subscriptions.push(
      this.recordedType, this.assistedType,
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule()),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => e.textEditor === vscode.window.activeTextEditor && this.schedule()),
      vscode.workspace.onDidSaveTextDocument(() => this.schedule()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.schedule()),
      repos.onDidChange((r) => {
        this.memos.delete(r.root);
        this.cache.clear();
        this.schedule();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('aiProvenance.decorations')) return;
        this.mode = readMode();
        this.schedule();
      }),
    );
    this.schedule();
  }

  /** The toggle command: off → recorded → all → off, remembered in the user's settings. */
  async toggle(): Promise<DecorationMode> {
    const next = DECORATION_MODES[(DECORATION_MODES.indexOf(this.mode) + 1) % DECORATION_MODES.length] as DecorationMode;
    this.mode = next;
    const config = vscode.workspace.getConfiguration('aiProvenance');
    await config.update('decorations.mode', next, vscode.ConfigurationTarget.Global);
    if (next !== 'off' && config.get<boolean>('decorations.enabled', true) === false) {
      await config.update('decorations.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
    vscode.window.setStatusBarMessage(vscode.l10n.t('Line provenance: {0}', modeLabel(next)), 3000);
    this.mode = next;
    this.schedule();
    return next;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update().catch((e: unknown) => this.log.warn(`line provenance: ${e instanceof Error ? e.message : String(e)}`)), DEBOUNCE_MS);
  }

  /** Decorates the active editor; returns the recorded line numbers (1-based), for tests. */
  async update(): Promise<number[]> {
    return (await this.refresh()).recorded;
  }

  /** Decorates the active editor; returns both levels and their hovers. */
  async refresh(): Promise<DecorationState> {
    const editor = vscode.window.activeTextEditor;
    const mode = this.mode;
    const clear = (): DecorationState => {
      editor?.setDecorations(this.recordedType, []);
      editor?.setDecorations(this.assistedType, []);
      this.last = { mode, recorded: [], assisted: [], hovers: {} };
      return this.last;
    };
    if (!editor) return clear();
    const repo = editor.document.uri.scheme === 'file' ? this.repos.forUri(editor.document.uri) : undefined;
    if (mode === 'off' || !repo) return clear();
    if (!vscode.workspace.isTrusted) {
      // git blame reads the work tree, where the folder's own .gitattributes and .git/config can
      // name clean filters and textconv programs: no blame, so no decorations, until it is trusted.
      if (!this.untrustedNoted) this.log.info('line provenance is off in an untrusted folder (git blame could run programs the folder configures); trust the folder to see it');
      this.untrustedNoted = true;
      return clear();
    }
    const memo = this.memo(repo);
    if (mode === 'recorded') {
      const log = (l: string): void => this.log.trace(l);
      memo.repo ??= openRepository(repo.root, log);
      memo.recorded ??= memo.repo.then(({ git, info }) => loadRecordedLines(git, info));
      const recorded = await memo.recorded.catch(() => undefined);
      if (!recorded || recorded.index.size === 0) return clear();
    }
    const doc = editor.document;
    const visible = editor.visibleRanges[0] ?? new vscode.Range(0, 0, Math.min(doc.lineCount, 200), 0);
    const first = Math.max(1, visible.start.line + 1 - MARGIN);
    const last = Math.min(doc.lineCount, Math.max(first, visible.end.line + 1 + MARGIN), first + MAX_LINES);
    const key = `${doc.uri.fsPath}\u0000${doc.version}\u0000${repo.head ?? ''}\u0000${first}-${last}\u0000${mode}`;
    let marks = this.cache.get(key);
    if (!marks) {
      marks = await this.blame(repo, doc, first, last, memo);
      if (this.cache.size > 50) this.cache.clear();
      this.cache.set(key, marks);
    }
    const hovers: Record<number, string> = {};
    const options = (m: Map<number, Marked>, recorded: boolean): vscode.DecorationOptions[] => [...m].map(([line, info]) => {
      const hover = recorded ? recordedHover(info) : assistedHover(info);
      hovers[line] = hover.value;
      return { range: new vscode.Range(line - 1, 0, line - 1, 0), hoverMessage: hover };
    });
    editor.setDecorations(this.recordedType, options(marks.recorded, true));
    editor.setDecorations(this.assistedType, mode === 'all' ? options(marks.assisted, false) : []);
    const byLine = (m: Map<number, Marked>): number[] => [...m.keys()].sort((a, b) => a - b);
    this.last = { mode, recorded: byLine(marks.recorded), assisted: mode === 'all' ? byLine(marks.assisted) : [], hovers };
    return this.last;
  }

  get state(): DecorationState {
    return this.last;
  }

  private memo(repo: RepoState): BlameMemo {
    let memo = this.memos.get(repo.root);
    if (!memo) {
      memo = { facts: new Map() };
      this.memos.set(repo.root, memo);
    }
    return memo;
  }

  /** Lines first..last of the buffer (its unsaved text when dirty), by level. */
  private async blame(repo: RepoState, doc: vscode.TextDocument, first: number, last: number, memo: BlameMemo): Promise<Decorated> {
    const out: Decorated = { recorded: new Map(), assisted: new Map() };
    const rel = path.relative(repo.root, doc.uri.fsPath).split(path.sep).join('/');
    let outcome;
    try {
      outcome = await runBlame({
        repo: repo.root, path: rel, detectMoves: false, range: [first, last], cache: false, version: VERSION, memo,
        // the buffer as shown, saved or not: lines changed since HEAD are uncommitted
        contents: doc.getText(), log: (l) => this.log.trace(l),
      });
    } catch (e) {
      if (e instanceof GitError) return out; // untracked, outside history, unborn HEAD: nothing to mark
      throw e;
    }
    for (const line of outcome.lines) {
      const c = outcome.commits.get(line.sha);
      const info: Marked = { line, ...(c?.audit ? { audit: c.audit } : {}), ...(c?.blame.summary ? { subject: c.blame.summary } : {}) };
      if (line.class === 'recorded') out.recorded.set(line.line, info);
      else if (line.class === 'assistedCommit') out.assisted.set(line.line, info);
    }
    return out;
  }

  dispose(): void {
    clearTimeout(this.timer);
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}

function readMode(): DecorationMode {
  const config = vscode.workspace.getConfiguration('aiProvenance');
  if (config.get<boolean>('decorations.enabled', true) === false) return 'off';
  const mode = config.get<string>('decorations.mode', 'recorded');
  return (DECORATION_MODES as readonly string[]).includes(mode) ? mode as DecorationMode : 'recorded';
}

function modeLabel(mode: DecorationMode): string {
  return mode === 'off' ? vscode.l10n.t('off') : mode === 'recorded' ? vscode.l10n.t('recorded lines') : vscode.l10n.t('recorded lines and AI-assisted commits');
}

function commitLine(md: vscode.MarkdownString, info: Marked): void {
  md.appendMarkdown('commit `').appendText(info.line.sha.slice(0, 10)).appendMarkdown('`');
  if (info.subject) md.appendMarkdown(' — ').appendText(info.subject);
}

function recordedHover(info: Marked): vscode.MarkdownString {
  const r = info.line.recorded;
  const md = new vscode.MarkdownString();
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown('**AI provenance** — recorded: ');
  md.appendText(`${r?.tool ?? ''}${r?.model ? ` · ${r.model}` : ''} · commit ${info.line.sha.slice(0, 10)}`);
  if (r?.session) md.appendMarkdown('\n\nsession: ').appendText(r.session);
  if (r) md.appendMarkdown('\n\nsource: ').appendText(`${r.source}${r.agent ? ` (${r.agent})` : ''}`);
  md.appendMarkdown('\n\n');
  commitLine(md, info);
  return md;
}

function assistedHover(info: Marked): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown(`**${vscode.l10n.t('AI-assisted commit')}** — `);
  commitLine(md, info);
  md.appendMarkdown(`\n\n${vscode.l10n.t('Tools')}: `).appendText(info.line.tools.join(', ') || '—');
  if (info.line.models.length) md.appendMarkdown(`\n\n${vscode.l10n.t('Models')}: `).appendText(info.line.models.join(', '));
  const evidence = info.audit?.evidence ?? [];
  if (evidence.length) {
    md.appendMarkdown(`\n\n${vscode.l10n.t('Evidence')}:`);
    for (const e of evidence.slice(0, 4)) md.appendMarkdown('\n- ').appendText(`${e.kind}: ${e.detail.slice(0, 200)}`);
    if (evidence.length > 4) md.appendMarkdown('\n- ').appendText(`… ${evidence.length - 4} more`);
  }
  md.appendMarkdown(`\n\n_${vscode.l10n.t('No line-level record covers this line: the commit as a whole is AI-assisted.')}_`);
  return md;
}
