// Lines whose provenance is recorded (our notes, git-ai notes, Agent Trace) get a subtle gutter mark
// and a hover naming tool, model, commit and session. It follows the active editor; only the visible
// lines (plus a margin) are blamed, and results are cached per file version, HEAD and notes state —
// a repository without any recorded provenance costs one `for-each-ref` per HEAD move. Off in an
// untrusted folder: blame reads the work tree, where the folder's filters and textconv would run.
import * as vscode from 'vscode';
import * as path from 'node:path';
import { loadNoteEvidence } from '../app/provenanceNotes';
import type { Evidence } from '../core/model';
import { Git } from '../git/exec';
import { openRepository } from '../git/repo';
import type { Log } from './log';
import type { RepositoryManager, RepoState } from './repositories';

const MARGIN = 100;
const MAX_LINES = 3000;
const DEBOUNCE_MS = 150;

interface LineInfo {
  sha: string;
  evidence: Evidence;
}

export class LineProvenance implements vscode.Disposable {
  private readonly type: vscode.TextEditorDecorationType;
  private readonly notes = new Map<string, Promise<Map<string, Evidence[]>>>();
  private readonly cache = new Map<string, Map<number, LineInfo>>();
  private timer?: NodeJS.Timeout;
  private readonly subscriptions: vscode.Disposable[] = [];
  private enabled: boolean;
  private untrustedNoted = false;

  constructor(private readonly repos: RepositoryManager, private readonly log: Log, extensionUri: vscode.Uri) {
    this.type = vscode.window.createTextEditorDecorationType({
      gutterIconPath: vscode.Uri.joinPath(extensionUri, 'media', 'line.svg'),
      gutterIconSize: 'contain',
      overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.infoForeground'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
    });
    this.enabled = vscode.workspace.getConfiguration('aiProvenance').get<boolean>('decorations.enabled', true);
    this.subscriptions.push(
      this.type,
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule()),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => e.textEditor === vscode.window.activeTextEditor && this.schedule()),
      vscode.workspace.onDidSaveTextDocument(() => this.schedule()),
      repos.onDidChange((r) => {
        this.notes.delete(r.root);
        this.cache.clear();
        this.schedule();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.schedule()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('aiProvenance.decorations.enabled')) return;
        this.enabled = vscode.workspace.getConfiguration('aiProvenance').get<boolean>('decorations.enabled', true);
        this.schedule();
      }),
    );
    this.schedule();
  }

  /** The toggle command: on ↔ off, remembered in the user's settings. */
  async toggle(): Promise<boolean> {
    this.enabled = !this.enabled;
    await vscode.workspace.getConfiguration('aiProvenance').update('decorations.enabled', this.enabled, vscode.ConfigurationTarget.Global);
    this.schedule();
    return this.enabled;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update().catch((e: unknown) => this.log.warn(`line provenance: ${e instanceof Error ? e.message : String(e)}`)), DEBOUNCE_MS);
  }

  /** Decorates the active editor; returns the decorated line numbers (1-based), for tests. */
  async update(): Promise<number[]> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return [];
    const repo = editor.document.uri.scheme === 'file' ? this.repos.forUri(editor.document.uri) : undefined;
    if (!this.enabled || !repo) {
      editor.setDecorations(this.type, []);
      return [];
    }
    if (!vscode.workspace.isTrusted) {
      // git blame reads the work tree, where the folder's own .gitattributes and .git/config can
      // name clean filters and textconv programs: no blame, so no decorations, until it is trusted.
      if (!this.untrustedNoted) this.log.info('line provenance is off in an untrusted folder (git blame could run programs the folder configures); trust the folder to see it');
      this.untrustedNoted = true;
      editor.setDecorations(this.type, []);
      return [];
    }
    const bySha = await this.noteEvidence(repo);
    if (bySha.size === 0) {
      editor.setDecorations(this.type, []);
      return [];
    }
    const doc = editor.document;
    const visible = editor.visibleRanges[0] ?? new vscode.Range(0, 0, Math.min(doc.lineCount, 200), 0);
    const first = Math.max(1, visible.start.line + 1 - MARGIN);
    const last = Math.min(doc.lineCount, Math.max(first, visible.end.line + 1 + MARGIN), first + MAX_LINES);
    const key = `${doc.uri.fsPath}\u0000${doc.version}\u0000${repo.head ?? ''}\u0000${first}-${last}`;
    let lines = this.cache.get(key);
    if (!lines) {
      lines = await this.blame(repo, doc, first, last, bySha);
      if (this.cache.size > 50) this.cache.clear();
      this.cache.set(key, lines);
    }
    const decorations = [...lines].map(([line, info]) => ({ range: new vscode.Range(line - 1, 0, line - 1, 0), hoverMessage: hover(info) }));
    editor.setDecorations(this.type, decorations);
    return [...lines.keys()];
  }

  private noteEvidence(repo: RepoState): Promise<Map<string, Evidence[]>> {
    let p = this.notes.get(repo.root);
    if (!p) {
      p = openRepository(repo.root, (l) => this.log.trace(l))
        .then(({ git, info }) => loadNoteEvidence(git, info))
        .then((r) => {
          const located = new Map<string, Evidence[]>();
          for (const [sha, ev] of r.bySha) {
            const lines = ev.filter((e) => e.locations?.some((l) => l.line !== undefined));
            if (lines.length) located.set(sha, lines);
          }
          return located;
        })
        .catch((e: unknown) => {
          this.log.warn(`line provenance: ${e instanceof Error ? e.message : String(e)}`);
          return new Map<string, Evidence[]>();
        });
      this.notes.set(repo.root, p);
    }
    return p;
  }

  /** `git blame --porcelain` of lines first..last of the buffer (its unsaved text when dirty). */
  private async blame(repo: RepoState, doc: vscode.TextDocument, first: number, last: number, bySha: Map<string, Evidence[]>): Promise<Map<number, LineInfo>> {
    const rel = path.relative(repo.root, doc.uri.fsPath).split(path.sep).join('/');
    const args = ['blame', '--porcelain', '-L', `${first},${last}`, ...(doc.isDirty ? ['--contents', '-'] : []), '--', rel];
    const r = await new Git(repo.root, (l) => this.log.trace(l)).run(args, { okExitCodes: [128], ...(doc.isDirty ? { input: doc.getText() } : {}) });
    const out = new Map<number, LineInfo>();
    if (r.exitCode !== 0) return out; // untracked or outside history: nothing recorded
    const files = new Map<string, string>();
    let sha = '';
    let orig = 0;
    let final = 0;
    for (const line of r.stdout.toString('utf8').split('\n')) {
      const header = /^([0-9a-f]{40,64}) (\d+) (\d+)/.exec(line);
      if (header) {
        [sha, orig, final] = [header[1] as string, Number(header[2]), Number(header[3])];
        continue;
      }
      if (line.startsWith('filename ')) files.set(sha, line.slice(9));
      if (!line.startsWith('\t')) continue;
      const file = files.get(sha) ?? rel;
      const evidence = bySha.get(sha)?.find((e) => e.locations?.some((l) => l.file === file && l.line !== undefined && orig >= l.line && orig <= (l.endLine ?? l.line)));
      if (evidence) out.set(final, { sha, evidence });
    }
    return out;
  }

  dispose(): void {
    clearTimeout(this.timer);
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}

function hover(info: LineInfo): vscode.MarkdownString {
  const e = info.evidence;
  const md = new vscode.MarkdownString();
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown('**AI provenance** — ');
  md.appendText(`${e.tool}${e.model ? ` · ${e.model}` : ''} · commit ${info.sha.slice(0, 10)}`);
  if (e.session) md.appendMarkdown('\n\nsession: ').appendText(e.session);
  md.appendMarkdown('\n\n').appendText(e.detail);
  return md;
}
