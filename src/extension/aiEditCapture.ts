// Turns VS Code's AI-edit record into recorded evidence, line by line. VS Code's tracker only answers
// "does this file have AI contributions?" (per file, sticky until VS Code clears it: after a commit of
// the file, a discard, a checkout). So each document's changes are collected into bursts (changes
// with less than BURST_MS between them), and after each burst the tracker is asked again: the burst
// after which the answer turned from no to yes is the AI edit, and its inserted lines are recorded
// (kind from the mode that turned: `chatAndAgent` counts only chat edits). A human burst never turns
// it, so it is never recorded. Measured in VS Code 1.139: the answer turns within milliseconds of an
// accepted inline suggestion, but about a second after a chat edit lands; so a burst after which it
// did not turn stays a candidate for LAG_MS, the tracker is asked again meanwhile, and a late turn is
// the earliest candidate's (a chat edit, then the user's typing). Once a file counts, later edits
// cannot be told apart until VS Code clears it; the known answers are refreshed when git moves, when
// settings change and while any file counts, so the file is re-armed as soon as VS Code clears it.
// Evidence goes through the same use case as agents' hooks (recordEvidence), with the buffer's text
// (it may be unsaved), source "vscode", the kind, and the tool as honestly as it can be known.
import * as vscode from 'vscode';
import { recordEvidence } from '../app/hooks/record';
import { addEvent, emptyBurst, type Burst } from '../core/capture/editRanges';
import { attributeEditorEdit, type EditorAiKind, type ExtensionInfo } from '../core/capture/editorAiTools';
import type { WorklogEntry } from '../core/evidence/evidenceSchema';
import type { Log } from './log';
import type { RepositoryManager, RepoState } from './repositories';
import type { VsCodeAiTracker } from './vscodeAiTracker';

const BURST_MS = 100;
const LAG_MS = 3000;
const POLL_MS = 150;
const REFRESH_MS = 4000;

interface ClosedBurst {
  burst: Burst;
  /** The document's text when the burst closed (maybe unsaved). */
  text: string;
  expires: number;
}

interface DocState {
  uri: vscode.Uri;
  /** The tracker's last answers: undefined until asked. */
  all?: boolean;
  chat?: boolean;
  burst: Burst;
  events: number;
  timer?: NodeJS.Timeout;
  busy: boolean;
  /** Bursts after which the answer did not turn (yet): VS Code may still be counting them. */
  candidates: ClosedBurst[];
  poll?: NodeJS.Timeout;
}

export interface CapturedEdit {
  repo: string;
  path: string;
  kind: EditorAiKind;
  entry: WorklogEntry;
}

export class AiEditCapture implements vscode.Disposable {
  private readonly docs = new Map<string, DocState>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly captured = new vscode.EventEmitter<CapturedEdit>();
  private refresher?: NodeJS.Timeout;
  private liveRoots = new Set<string>();
  readonly onDidCapture = this.captured.event;
  readonly history: CapturedEdit[] = [];

  constructor(private readonly repos: RepositoryManager, private readonly tracker: VsCodeAiTracker, private readonly log: Log) {
    this.subscriptions.push(
      this.captured,
      vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e)),
      vscode.workspace.onDidOpenTextDocument((d) => void this.arm(d.uri)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => { for (const e of editors) void this.arm(e.document.uri); }),
      tracker.onDidChange(() => void this.restart()),
      repos.onDidOpen(() => void this.restart()),
      // git moved (commit, checkout, reset, discard): VS Code may have cleared files; learn which
      repos.onDidChange((r) => void this.refresh((s) => this.repos.forUri(s.uri) === r)),
      repos.onDidFollow((r) => {
        if (r.api) this.subscriptions.push(r.api.state.onDidChange(() => void this.refresh((s) => this.repos.forUri(s.uri) === r)));
      }),
    );
    void this.restart();
  }

  /** The tracker's last answers for a document (undefined: not asked yet). */
  answer(uri: vscode.Uri): { all?: boolean; chat?: boolean } | undefined {
    const s = this.docs.get(uri.toString());
    return s ? { ...(s.all !== undefined ? { all: s.all } : {}), ...(s.chat !== undefined ? { chat: s.chat } : {}) } : undefined;
  }

  /** Is VS Code's tracker recording AI edits for this repository now? */
  isLive(root: string): boolean {
    return this.liveRoots.has(root);
  }

  /** Re-reads which repositories are live, and arms the documents already open. */
  private async restart(): Promise<void> {
    const live = new Set<string>();
    if (vscode.workspace.isTrusted) {
      for (const r of this.repos.all) if (await this.tracker.live(r.uri)) live.add(r.root);
    }
    const was = [...this.liveRoots].sort().join('\n');
    this.liveRoots = live;
    if (was !== [...live].sort().join('\n')) {
      this.log.info(live.size
        ? `capturing VS Code's AI edits (inline suggestions, chat edits) in ${[...live].join(', ')}`
        : 'not capturing AI edits from VS Code: its AI-edit tracker is not available or git.addAICoAuthor is off');
      // toggling the setting (or AI features) rebuilds VS Code's tracker: every answer is stale
      for (const s of this.docs.values()) {
        s.all = undefined;
        s.chat = undefined;
      }
    }
    await Promise.all(vscode.workspace.textDocuments.map((d) => this.arm(d.uri)));
  }

  private repoOf(uri: vscode.Uri): RepoState | undefined {
    if (uri.scheme !== 'file') return undefined;
    const repo = this.repos.forUri(uri);
    return repo && this.liveRoots.has(repo.root) ? repo : undefined;
  }

  private state(uri: vscode.Uri): DocState {
    const key = uri.toString();
    let s = this.docs.get(key);
    if (!s) {
      s = { uri, burst: emptyBurst(), events: 0, busy: false, candidates: [] };
      this.docs.set(key, s);
    }
    return s;
  }

  /** Learns the tracker's answer for a document before its next edit. */
  private async arm(uri: vscode.Uri): Promise<void> {
    if (!this.repoOf(uri)) return;
    const s = this.state(uri);
    if (s.all !== undefined || s.busy) return;
    await this.ask(s, () => undefined);
  }

  private forget(uri: vscode.Uri): void {
    const s = this.docs.get(uri.toString());
    if (s?.timer) clearTimeout(s.timer);
    if (s?.poll) clearInterval(s.poll);
    this.docs.delete(uri.toString());
  }

  private onChange(e: vscode.TextDocumentChangeEvent): void {
    if (e.contentChanges.length === 0 || !this.repoOf(e.document.uri)) return;
    const s = this.state(e.document.uri);
    if (s.all && s.chat) return; // counts for every mode already: nothing more can be told apart
    s.burst = addEvent(s.burst, e.contentChanges.map((c) => ({
      startLine: c.range.start.line, startCharacter: c.range.start.character,
      endLine: c.range.end.line, endCharacter: c.range.end.character, text: c.text,
    })));
    s.events++;
    if (s.timer) clearTimeout(s.timer);
    s.timer = setTimeout(() => void this.closeBurst(s, e.document), BURST_MS);
  }

  /** The burst is over: ask the tracker whether it made the file AI-contributed. */
  private async closeBurst(s: DocState, document: vscode.TextDocument): Promise<void> {
    s.timer = undefined;
    if (s.busy) {
      s.timer = setTimeout(() => void this.closeBurst(s, document), BURST_MS);
      return;
    }
    const closed: ClosedBurst = { burst: s.burst, text: document.getText(), expires: Date.now() + LAG_MS };
    const known = s.all !== undefined;
    s.burst = emptyBurst();
    s.events = 0;
    let turned = false;
    await this.ask(s, (kind) => {
      turned = true;
      s.candidates = [];
      // without a previous answer the burst cannot be told from an earlier AI edit: record nothing
      if (known) void this.record(document.uri, kind, closed);
    });
    if (!turned && known && !(s.all && s.chat) && closed.burst.ranges.length) {
      s.candidates.push(closed);
      this.pollCandidates(s, document.uri);
    }
  }

  /** Asks again while bursts wait for a late answer; a late turn is the earliest waiting burst's. */
  private pollCandidates(s: DocState, uri: vscode.Uri): void {
    if (s.poll) return;
    s.poll = setInterval(() => {
      s.candidates = s.candidates.filter((c) => c.expires > Date.now());
      if (s.candidates.length === 0 || !this.docs.has(uri.toString())) {
        clearInterval(s.poll);
        s.poll = undefined;
        return;
      }
      if (s.busy || s.timer) return; // a burst is open: its own answer comes when it closes
      void this.ask(s, (kind) => {
        const first = s.candidates[0];
        s.candidates = [];
        if (first) void this.record(uri, kind, first);
      });
    }, POLL_MS);
    s.poll.unref?.();
  }

  /**
   * Asks the tracker (both modes when needed) and calls `turned` with the kind of edit that made it
   * count. An answer is dropped when the document changed while it was asked: the workbench may have
   * answered after that change (its event reaches us first), so the change's own burst must ask again.
   */
  private async ask(s: DocState, turned: (kind: EditorAiKind) => void): Promise<void> {
    s.busy = true;
    const version = this.version(s.uri);
    try {
      const all = await this.tracker.has([s.uri], 'all');
      if (all === undefined) return;
      let chat = all ? s.chat : false;
      if (all && !s.chat) chat = await this.tracker.has([s.uri], 'chatAndAgent');
      if (chat === undefined || this.version(s.uri) !== version) return;
      const kind: EditorAiKind | undefined = chat && s.chat === false ? 'chat-edit' : all && s.all === false ? 'inline-suggestion' : undefined;
      s.all = all;
      s.chat = chat;
      if (kind) turned(kind);
      this.scheduleRefresh();
    } finally {
      s.busy = false;
    }
  }

  private version(uri: vscode.Uri): number | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.version;
  }

  /** Re-reads the answers of documents that count (VS Code may have cleared them since). */
  private async refresh(which: (s: DocState) => boolean = () => true): Promise<void> {
    for (const s of [...this.docs.values()]) {
      if (!s.all || s.busy || s.timer || s.candidates.length || !which(s) || !this.repoOf(s.uri)) continue;
      await this.ask(s, () => undefined);
    }
  }

  private scheduleRefresh(): void {
    const counting = [...this.docs.values()].some((s) => s.all);
    if (counting && !this.refresher) {
      this.refresher = setInterval(() => void this.refresh(), REFRESH_MS);
      this.refresher.unref?.();
    } else if (!counting && this.refresher) {
      clearInterval(this.refresher);
      this.refresher = undefined;
    }
  }

  private async record(uri: vscode.Uri, kind: EditorAiKind, { burst, text }: ClosedBurst): Promise<void> {
    const repo = this.repoOf(uri);
    if (!repo) return;
    const who = attributeEditorEdit(kind, activeExtensions());
    try {
      const result = await recordEvidence(repo.root, {
        edit: {
          tool: who.tool, source: 'vscode', kind, detail: who.detail,
          files: [{ path: uri.fsPath, ranges: burst.ranges, inserted: burst.texts, content: text }],
        },
      }, { cwd: repo.root, log: (l) => this.log.trace(l) });
      if ('skipped' in result) return;
      const file = result.entry.files[0];
      const event = { repo: repo.root, path: file?.path ?? uri.fsPath, kind, entry: result.entry };
      this.history.push(event);
      this.log.info(`recorded ${kind} by ${who.tool} in ${event.path} lines ${(file?.ranges ?? []).map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(', ')} (${who.detail})`);
      this.captured.fire(event);
    } catch (e) {
      this.log.warn(`recording an AI edit in ${uri.fsPath}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  dispose(): void {
    for (const s of this.docs.values()) {
      if (s.timer) clearTimeout(s.timer);
      if (s.poll) clearInterval(s.poll);
    }
    if (this.refresher) clearInterval(this.refresher);
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}

/** The active extensions, as the tool attribution needs them. */
function activeExtensions(): ExtensionInfo[] {
  return vscode.extensions.all.filter((e) => e.isActive).map((e) => {
    const pkg = e.packageJSON as { categories?: unknown; contributes?: { chatParticipants?: unknown }; isBuiltin?: boolean };
    return {
      id: e.id,
      categories: Array.isArray(pkg.categories) ? pkg.categories.filter((c): c is string => typeof c === 'string') : [],
      chatParticipants: Array.isArray(pkg.contributes?.chatParticipants) && pkg.contributes.chatParticipants.length > 0,
      builtin: e.extensionUri.fsPath.includes(`${vscode.env.appRoot}`) || pkg.isBuiltin === true,
    };
  }).filter((e) => e.id !== 'ai-provenance.ai-provenance');
}
