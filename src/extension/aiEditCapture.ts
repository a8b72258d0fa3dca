// Turns VS Code's AI-edit record into recorded evidence, line by line. VS Code's tracker only answers
// "does this file have AI contributions?" (per file, sticky until VS Code clears it: after a commit of
// the file, a discard, a checkout). So the tracker is asked again after each edit, and the edit after
// which the answer turned from no to yes is the AI edit; its inserted lines are recorded (kind from
// the mode that turned: `chatAndAgent` counts only chat edits). A human edit never turns it, so it is
// never recorded. Two groupings of a document's changes:
// - a unit: the changes since the last question. A single-character change (typing, deleting) waits
//   UNIT_MS for more keys; any other change (an accepted suggestion, a paste, an extension's edit) is
//   asked about at once. Changes that arrive while a question runs start the next unit, so a human
//   edit and a suggestion accepted right after it (VS Code 1.139 counts it within milliseconds) are
//   told apart; when the answer turned and the document changed meanwhile, both units are recorded
//   (the turn cannot be placed: disclose rather than hide).
// - a run: changes with less than RUN_MS between them. VS Code counts a chat edit about a second after
//   it lands, often in several changes; a run after which the answer did not turn stays a candidate for
//   LAG_MS, the tracker is asked again meanwhile, and a late turn is the earliest candidate run's (a
//   chat edit, then the user's typing).
// Once a file counts, later edits cannot be told apart until VS Code clears it; the known answers are
// refreshed when git moves, when settings change and while any file counts, so the file is re-armed as
// soon as VS Code clears it. Evidence goes through the same use case as agents' hooks
// (recordEvidence), with the buffer's text (it may be unsaved), source "vscode", the kind, and the tool
// as honestly as it can be known.
import * as vscode from 'vscode';
import { recordEvidence } from '../app/hooks/record';
import { addEvent, emptyBurst, type Burst } from '../core/capture/editRanges';
import { attributeEditorEdit, type EditorAiKind, type ExtensionInfo } from '../core/capture/editorAiTools';
import type { WorklogEntry } from '../core/evidence/evidenceSchema';
import type { Log } from './log';
import type { RepositoryManager, RepoState } from './repositories';
import type { VsCodeAiTracker } from './vscodeAiTracker';

const UNIT_MS = 100;
const RUN_MS = 100;
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
  /** The changes since the last question (or since the running one began). */
  unit: Burst;
  /** The changes since a question about a unit began, while it runs. */
  since?: Burst;
  timer?: NodeJS.Timeout;
  /** The current run, and whether the tracker had answered before it began. */
  run: Burst;
  runKnown: boolean;
  runTimer?: NodeJS.Timeout;
  busy: boolean;
  /** Runs after which the answer did not turn (yet): VS Code may still be counting them. */
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
      s = { uri, unit: emptyBurst(), run: emptyBurst(), runKnown: false, busy: false, candidates: [] };
      this.docs.set(key, s);
    }
    return s;
  }

  /** Learns the tracker's answer for a document before its next edit. */
  private async arm(uri: vscode.Uri): Promise<void> {
    if (!this.repoOf(uri)) return;
    const s = this.state(uri);
    if (s.all !== undefined || s.busy) return;
    await this.ask(s);
  }

  private forget(uri: vscode.Uri): void {
    const s = this.docs.get(uri.toString());
    if (s?.timer) clearTimeout(s.timer);
    if (s?.runTimer) clearTimeout(s.runTimer);
    if (s?.poll) clearInterval(s.poll);
    this.docs.delete(uri.toString());
  }

  private onChange(e: vscode.TextDocumentChangeEvent): void {
    if (e.contentChanges.length === 0 || !this.repoOf(e.document.uri)) return;
    const s = this.state(e.document.uri);
    if (s.all && s.chat) return; // counts for every mode already: nothing more can be told apart
    const changes = e.contentChanges.map((c) => ({
      startLine: c.range.start.line, startCharacter: c.range.start.character,
      endLine: c.range.end.line, endCharacter: c.range.end.character, text: c.text,
    }));
    if (s.run.ranges.length === 0 && s.run.texts.length === 0) s.runKnown = s.all !== undefined;
    s.unit = addEvent(s.unit, changes);
    if (s.since) s.since = addEvent(s.since, changes);
    s.run = addEvent(s.run, changes);
    if (s.timer) clearTimeout(s.timer);
    s.timer = setTimeout(() => void this.closeUnit(s, e.document), keystroke(e.contentChanges) ? UNIT_MS : 0);
    if (s.runTimer) clearTimeout(s.runTimer);
    s.runTimer = setTimeout(() => this.closeRun(s, e.document), RUN_MS);
  }

  /** A unit is complete: ask the tracker whether it made the file AI-contributed. */
  private async closeUnit(s: DocState, document: vscode.TextDocument): Promise<void> {
    s.timer = undefined;
    if (s.busy) { // another question runs (arming, a refresh, a candidate's poll): ask after it
      s.timer = setTimeout(() => void this.closeUnit(s, document), UNIT_MS);
      return;
    }
    const text = document.getText();
    const known = s.all !== undefined;
    s.since = emptyBurst(); // s.unit goes on collecting too: the unit and the changes since, in today's lines
    const answer = await this.ask(s, false);
    const since = s.since;
    const both = s.unit;
    s.since = undefined;
    s.unit = since; // the changes made while it was asked wait for their own question
    if (!answer?.kind) return;
    const waiting = s.candidates.filter((c) => c.expires > Date.now());
    s.candidates = [];
    s.run = emptyBurst();
    s.runKnown = true;
    if (!known) return; // without a previous answer the unit cannot be told from an earlier AI edit
    if (answer.kind === 'chat-edit' && waiting[0]) {
      void this.record(document.uri, answer.kind, waiting[0]); // counted late: the earliest waiting run's
    } else if (answer.changed) {
      // the workbench may have answered after the later changes: the turn is in one of them or in the
      // unit, so both are recorded
      s.unit = emptyBurst();
      void this.record(document.uri, answer.kind, { burst: both, text: document.getText(), expires: 0 });
    } else {
      void this.record(document.uri, answer.kind, { burst: both, text, expires: 0 });
    }
  }

  /** A run of changes ended without turning the answer: it waits LAG_MS for a late one (chat edits). */
  private closeRun(s: DocState, document: vscode.TextDocument): void {
    s.runTimer = undefined;
    const run = s.run;
    s.run = emptyBurst();
    if (!s.runKnown || (s.all && s.chat) || run.ranges.length === 0) return;
    s.candidates.push({ burst: run, text: document.getText(), expires: Date.now() + LAG_MS });
    this.pollCandidates(s, document.uri);
  }

  /** Asks again while runs wait for a late answer; a late turn is the earliest waiting run's. */
  private pollCandidates(s: DocState, uri: vscode.Uri): void {
    if (s.poll) return;
    s.poll = setInterval(() => {
      s.candidates = s.candidates.filter((c) => c.expires > Date.now());
      if (s.candidates.length === 0 || !this.docs.has(uri.toString())) {
        clearInterval(s.poll);
        s.poll = undefined;
        return;
      }
      if (s.busy || s.timer || s.runTimer) return; // changes are open: their own question comes
      void this.ask(s).then((answer) => {
        if (!answer?.kind) return;
        const first = s.candidates[0];
        s.candidates = [];
        if (first) void this.record(uri, answer.kind, first);
      });
    }, POLL_MS);
    s.poll.unref?.();
  }

  /**
   * Asks the tracker (both modes when needed): the kind of edit that made it count, if it turned, and
   * whether the document changed while it was asked (the workbench may have answered after that
   * change: its event reaches us first). With `dropChanged` such an answer is dropped (undefined) and
   * the known answers stay as they were, so the change's own question sees the turn.
   */
  private async ask(s: DocState, dropChanged = true): Promise<{ kind?: EditorAiKind; changed: boolean } | undefined> {
    s.busy = true;
    const version = this.version(s.uri);
    try {
      const all = await this.tracker.has([s.uri], 'all');
      if (all === undefined) return undefined;
      let chat = all ? s.chat : false;
      if (all && !s.chat) chat = await this.tracker.has([s.uri], 'chatAndAgent');
      const changed = this.version(s.uri) !== version;
      if (chat === undefined || (changed && dropChanged)) return undefined;
      const kind: EditorAiKind | undefined = chat && s.chat === false ? 'chat-edit' : all && s.all === false ? 'inline-suggestion' : undefined;
      s.all = all;
      s.chat = chat;
      this.scheduleRefresh();
      return { ...(kind ? { kind } : {}), changed };
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
      if (!s.all || s.busy || s.timer || s.runTimer || s.candidates.length || !which(s) || !this.repoOf(s.uri)) continue;
      await this.ask(s);
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
      if (s.runTimer) clearTimeout(s.runTimer);
      if (s.poll) clearInterval(s.poll);
    }
    if (this.refresher) clearInterval(this.refresher);
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}

/** One key typed or deleted: more keys may follow, so the question waits for them. */
function keystroke(changes: readonly vscode.TextDocumentContentChangeEvent[]): boolean {
  return changes.length === 1 && changes[0]!.text.length <= 1 && changes[0]!.rangeLength <= 1;
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
