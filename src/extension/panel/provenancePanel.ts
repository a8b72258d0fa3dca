// The provenance panel's host side: streams the audit of a repository into the history model
// (pages from the cache, the first page painted before the whole history is read), answers the
// webview's window requests, and runs its actions. Every inbound message is validated first.
import * as vscode from 'vscode';
import { runAudit } from '../../app/audit/audit';
import { reviewCommit } from '../../app/review/commitReview';
import { HistoryModel } from '../../core/history/historyModel';
import { authorBreakdown, chartSeries, type Bucket } from '../../core/history/historyCharts';
import { SummaryAccumulator } from '../../core/history/summary';
import type { AuditSummary } from '../../core/model';
import { Git } from '../../git/exec';
import {
  DEFAULT_QUERY, PAGE_SIZE, PANEL_VIEW_TYPE, parseInbound, toRow,
  type Inbound, type Outbound, type Query, type Row,
} from '../../protocol/panel';
import type { Log } from '../log';
import type { RepositoryManager } from '../repositories';
import { COMMANDS } from '../commandIds';
import { auditCommits } from '../commitViews';
import { panelHtml, panelResourceRoots } from './panelHtml';
import { exportFromPanel } from './panelExport';
import { CodeProvider } from './codeProvider';

export interface PanelDeps {
  extensionUri: vscode.Uri;
  repos: RepositoryManager;
  log: Log;
  version: string;
}

export interface PanelTiming {
  /** ms from opening to the webview reporting its first painted rows. */
  firstPaint?: number;
  /** ms from opening to the webview reporting the whole history in: rows, facets and charts applied. */
  loaded?: number;
  mode?: string;
  /** Where the first load's time went, in ms (see reload()). */
  stages?: LoadStages;
  /** The webview's own clock (ms since its document started): when it said ready, painted, loaded. */
  webview?: { ready?: number; painted?: number; loaded?: number };
}

/** The first load of a panel, host side, in ms from the start of the load. */
export interface LoadStages {
  /** The audit's first commit reached the panel (repository checks, notes, cache open, git start). */
  firstCommit: number;
  /** The audit returned (git read and classified everything, the cache written). */
  audit: number;
  /** Of `audit`: time in the panel's own per-commit work (rows, summary, model, posts). */
  panelWork: number;
  /** Of `audit`: time the panel waited for the webview's first paint or yielded to the event loop. */
  waits: number;
  /** Messages posted during the load. */
  posts: number;
  /** Everything posted: final model, summary, facets, charts. */
  done: number;
}

const FLUSH_ROWS = 500;
/** How long a load waits for the webview to paint its first page before reading on. */
const FIRST_PAINT_WAIT_MS = 400;
/** How long a load started with the panel waits, its first page ready, for the webview to start. */
const WEBVIEW_READY_WAIT_MS = 3000;

export class ProvenancePanel implements vscode.Disposable {
  static current?: ProvenancePanel;
  static readonly timings: PanelTiming[] = [];
  private model = new HistoryModel(DEFAULT_QUERY);
  private query: Query = DEFAULT_QUERY;
  private bucket: Bucket = 'month';
  private load?: AbortController;
  private readonly opened = Date.now();
  private timing: PanelTiming = {};
  private readonly disposables: vscode.Disposable[] = [];
  private loading = false;
  /** A complete model is being shown (later reloads swap, not stream). */
  private loaded = false;
  /** The repository changed during a load: load again when it ends. */
  private stale = false;
  private summary?: AuditSummary;
  private readonly code: CodeProvider;

  static show(deps: PanelDeps, root?: string, tab?: 'history' | 'charts' | 'code'): ProvenancePanel {
    if (ProvenancePanel.current) {
      ProvenancePanel.current.panel.reveal();
      if (root && root !== ProvenancePanel.current.root) void ProvenancePanel.current.switchRepo(root);
      if (tab) ProvenancePanel.current.showTab(tab);
      return ProvenancePanel.current;
    }
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, 'AI Provenance', vscode.ViewColumn.Active, {
      enableScripts: true, localResourceRoots: panelResourceRoots(deps.extensionUri),
    });
    const created = new ProvenancePanel(panel, deps, root);
    if (tab) created.showTab(tab);
    return created;
  }

  /** Shows a tab of the webview (now, or once it is ready). */
  private showTab(tab: 'history' | 'charts' | 'code'): void {
    if (this.ready) this.post({ type: 'showTab', tab });
    else this.pendingTab = tab;
  }

  private ready = false;
  private pendingTab?: 'history' | 'charts' | 'code';

  /** Restores a panel after a reload (its webview state holds the query). */
  static serializer(deps: PanelDeps): vscode.WebviewPanelSerializer {
    return {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => {
        const root = typeof (state as { repo?: unknown })?.repo === 'string' ? (state as { repo: string }).repo : undefined;
        panel.webview.options = { enableScripts: true, localResourceRoots: panelResourceRoots(deps.extensionUri) };
        new ProvenancePanel(panel, deps, root);
      },
    };
  }

  private constructor(private readonly panel: vscode.WebviewPanel, private readonly deps: PanelDeps, private root = '') {
    ProvenancePanel.current = this;
    this.root = root && deps.repos.get(root) ? root : (deps.repos.forUri(vscode.window.activeTextEditor?.document.uri) ?? deps.repos.all[0])?.root ?? '';
    this.code = new CodeProvider(this.root, deps.log, (m) => this.post(m));
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'icon.svg');
    panel.webview.html = panelHtml(panel.webview, deps.extensionUri);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      panel.onDidDispose(() => this.dispose()),
      deps.repos.onDidChange((r) => {
        if (r.root !== this.root) return;
        this.code.invalidate(r.head);
        if (this.loading) this.stale = true;
        else void this.reload();
      }),
    );
    // Read while VS Code starts the webview (about a second): the audit's start (repository checks,
    // notes, cache open) overlaps it, and the first page goes out as soon as the webview says ready.
    if (this.root) void this.reload();
  }

  private readonly readyWaiters: (() => void)[] = [];

  /** Resolves when the webview has said ready, or after `ms`. */
  private webviewReady(ms: number): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.readyWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private readonly paintWaiters: (() => void)[] = [];

  /** The first page is out (or queued): let the webview start if it has not, then paint it, before reading on. */
  private async firstPaintShown(): Promise<void> {
    await this.webviewReady(WEBVIEW_READY_WAIT_MS);
    await this.firstPaint(FIRST_PAINT_WAIT_MS);
  }

  /** Resolves when the webview next reports painted rows, or after `ms`. */
  private firstPaint(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.paintWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** The last messages sent to the webview (tests observe the panel through this). */
  readonly sent: Outbound[] = [];

  private postCount = 0;

  /** Messages for a webview that has not said ready yet (sent after its init). */
  private queued: Outbound[] = [];

  private post(message: Outbound): void {
    if (!this.ready) {
      this.queued.push(message);
      return;
    }
    this.postCount++;
    this.sent.push(message);
    if (this.sent.length > 500) this.sent.splice(0, this.sent.length - 500);
    void this.panel.webview.postMessage(message);
  }

  /** A message as if from the webview: validated exactly like the webview's own. */
  deliver(raw: unknown): Promise<void> {
    return this.receive(raw);
  }

  private async receive(raw: unknown): Promise<void> {
    const m = parseInbound(raw);
    if (!m) {
      this.deps.log.warn(`panel: ignored an invalid message ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    try {
      await this.handle(m);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.deps.log.error(`panel: ${m.type}: ${message}`);
      this.post({ type: 'notice', level: 'error', message });
    }
  }

  private async handle(m: Inbound): Promise<void> {
    switch (m.type) {
      case 'ready': {
        this.ready = true;
        if (m.at !== undefined) (this.timing.webview ??= {}).ready ??= m.at;
        this.postInit();
        // what a load started with the panel produced meanwhile (its own init is superseded)
        const queued = this.queued.splice(0);
        for (const q of queued) if (q.type !== 'init') this.post(q);
        for (const resolve of this.readyWaiters.splice(0)) resolve();
        if (this.pendingTab) this.post({ type: 'showTab', tab: this.pendingTab });
        this.pendingTab = undefined;
        // the webview was reloaded (or the load ended before it started, its messages just sent): the model is current
        if (this.loaded) return queued.length ? undefined : this.sendLoaded();
        return this.loading ? undefined : this.reload();
      }
      case 'query': return this.applyQuery(m.query);
      case 'range':
        return this.post({ type: 'rows', requestId: m.requestId, start: m.start, total: this.model.total, rows: this.model.range(m.start, m.count) });
      case 'select': return this.detail(m.sha);
      case 'openDiff': return void (await vscode.commands.executeCommand(COMMANDS.openCommitDiff, this.root, m.sha));
      case 'copySha':
        await vscode.env.clipboard.writeText(m.sha);
        return this.post({ type: 'notice', level: 'info', message: `Copied ${m.sha.slice(0, 10)}` });
      case 'fix':
        await vscode.commands.executeCommand(COMMANDS.fixLastCommit, this.root, m.sha);
        return this.reload();
      case 'export': return exportFromPanel(this.root, m.format, this.query, this.deps, (message) => this.post({ type: 'notice', level: 'info', message }));
      case 'changeRepo': return this.switchRepo(m.root);
      case 'code': return this.code.request(m.dir);
      case 'chartBucket':
        this.bucket = m.bucket;
        return this.sendCharts();
      case 'loaded':
        if (this.timing.loaded === undefined && this.loaded) {
          this.timing.loaded = Date.now() - this.opened;
          if (m.at !== undefined) (this.timing.webview ??= {}).loaded = m.at;
          this.publishTiming();
          this.deps.log.info(`panel: whole history loaded in the webview after ${this.timing.loaded} ms (${m.rows} rows, ${this.timing.mode ?? '?'})`);
        }
        return;
      case 'painted':
        for (const resolve of this.paintWaiters.splice(0)) resolve();
        if (this.timing.firstPaint === undefined && m.rows > 0) {
          this.timing.firstPaint = Date.now() - this.opened;
          if (m.at !== undefined) (this.timing.webview ??= {}).painted = m.at;
          this.publishTiming();
          this.deps.log.info(`panel: first rows painted after ${this.timing.firstPaint} ms (${this.timing.mode ?? 'loading'}; ` +
            `the webview's document said ready at ${this.timing.webview?.ready ?? '?'} ms of its clock, painted at ${m.at ?? '?'} ms)`);
        }
    }
  }

  private timingPublished = false;

  /** Makes this panel's timings visible (tests and the bench read them), once. */
  private publishTiming(): void {
    if (this.timingPublished) return;
    this.timingPublished = true;
    ProvenancePanel.timings.push(this.timing);
  }

  private async switchRepo(root: string): Promise<void> {
    if (!this.deps.repos.get(root)) return;
    this.root = root;
    this.code.reset(root);
    this.loaded = false;
    this.postInit();
    await this.reload();
  }

  private postInit(): void {
    this.post({
      type: 'init', repos: this.deps.repos.all.map((r) => ({ root: r.root, name: vscode.workspace.asRelativePath(r.root) })),
      repo: this.root, query: this.query, trusted: vscode.workspace.isTrusted,
    });
  }

  /**
   * Reads the whole history into a fresh model. The first load streams: the first page goes out as
   * soon as it exists. A reload (new commit, fix) builds the new model aside and swaps it in when
   * complete, so the table and queries keep answering from the old one meanwhile.
   */
  private async reload(): Promise<void> {
    this.load?.abort();
    const abort = new AbortController();
    this.load = abort;
    this.loading = true;
    const streaming = !this.loaded;
    const model = new HistoryModel(this.query);
    if (streaming) this.model = model;
    const summary = new SummaryAccumulator();
    let batch: Row[] = [];
    let firstSent = false;
    // stage timings of the first load (logged, and kept for the bench)
    const t0 = performance.now();
    const stages: LoadStages = { firstCommit: -1, audit: 0, panelWork: 0, waits: 0, posts: 0, done: 0 };
    const sentBefore = this.postCount;
    const timed = (p: Promise<void>): Promise<void> => {
      const w = performance.now();
      return p.then(() => { stages.waits += performance.now() - w; });
    };
    const flush = (): void => {
      model.add(batch);
      batch = [];
      if (!streaming) return;
      if (!firstSent && model.total > 0) {
        firstSent = true;
        this.post({ type: 'rows', requestId: 0, start: 0, total: model.total, rows: model.range(0, PAGE_SIZE) });
      }
      this.post({ type: 'status', state: 'loading', loaded: model.size });
    };
    if (streaming) this.post({ type: 'status', state: 'loading', loaded: 0 });
    try {
      const outcome = await runAudit({
        repo: this.root, revs: [], all: false, paths: [], diffs: true, cache: true, version: this.deps.version,
        signal: abort.signal, log: (l) => this.deps.log.trace(l),
      }, {
        begin: () => undefined,
        commit: (c) => {
          const w = performance.now();
          if (stages.firstCommit < 0) stages.firstCommit = w - t0;
          const audit = c.audit;
          summary.add(audit);
          batch.push(toRow(audit));
          if (batch.length < (firstSent ? FLUSH_ROWS * 10 : PAGE_SIZE)) {
            stages.panelWork += performance.now() - w;
            return undefined;
          }
          const first = !firstSent;
          flush();
          stages.panelWork += performance.now() - w;
          // A cached replay never waits on git. It yields after every flush so the extension host
          // never stalls for long, and after the first page it waits (briefly) for the webview to
          // paint it: measured in a real VS Code, the page otherwise reached the screen only once
          // the whole history was read.
          return timed(first && firstSent ? this.firstPaintShown() : new Promise<void>((resolve) => setTimeout(resolve, 0)));
        },
      });
      if (abort.signal.aborted) return;
      stages.audit = performance.now() - t0;
      flush();
      this.model = model;
      this.loaded = true;
      this.timing.mode = outcome.mode;
      this.summary = summary.result();
      // The query may have changed while a reload was reading: the swapped-in model follows it.
      if (this.query.path) await this.applyQuery(this.query);
      else model.setQuery(this.query);
      this.sendLoaded();
      for (const n of outcome.notices) this.post({ type: 'notice', level: 'info', message: n });
      stages.done = performance.now() - t0;
      stages.posts = this.postCount - sentBefore;
      if (!this.timing.stages) {
        const ms = (k: keyof LoadStages): number => Math.round(stages[k]);
        this.timing.stages = { firstCommit: ms('firstCommit'), audit: ms('audit'), panelWork: ms('panelWork'), waits: ms('waits'), posts: stages.posts, done: ms('done') };
        this.deps.log.info(`panel: ${model.size} commits loaded (${outcome.mode}) in ${ms('done')} ms: first commit after ${ms('firstCommit')} ms, ` +
          `audit done at ${ms('audit')} ms (the panel's own work ${ms('panelWork')} ms, waits ${ms('waits')} ms), ${stages.posts} messages posted`);
      }
    } catch (e) {
      if (abort.signal.aborted) return;
      this.post({ type: 'status', state: 'error', loaded: model.size, message: e instanceof Error ? e.message : String(e) });
    } finally {
      if (this.load === abort) {
        this.loading = false;
        if (this.stale) {
          this.stale = false;
          void this.reload();
        }
      }
    }
  }

  /** Everything a webview needs to show the loaded model (after a load, or a webview reload). */
  private sendLoaded(): void {
    const result = this.summary;
    this.post({ type: 'rows', requestId: 0, start: 0, total: this.model.total, rows: this.model.range(0, PAGE_SIZE) });
    if (result) this.post({ type: 'summary', summary: result, ...(result.firstDate && result.lastDate ? { range: { first: result.firstDate, last: result.lastDate } } : {}) });
    this.post({ type: 'facets', ...this.model.facets() });
    this.post({ type: 'status', state: 'ready', loaded: this.model.size });
    this.sendCharts();
  }

  private async applyQuery(query: Query): Promise<void> {
    this.query = query;
    let shas: Set<string> | undefined;
    if (query.path) {
      const out = await new Git(this.root, (l) => this.deps.log.trace(l)).text(['log', '--format=%H', '--', query.path]);
      shas = new Set(out.split('\n').filter(Boolean));
    }
    this.model.setQuery(query, shas);
    this.post({ type: 'rows', requestId: 0, start: 0, total: this.model.total, rows: this.model.range(0, PAGE_SIZE) });
    this.sendCharts();
  }

  private sendCharts(): void {
    const rows = [...this.model.matching()];
    this.post({ type: 'charts', bucket: this.bucket, series: chartSeries(rows, this.bucket), authors: authorBreakdown(rows) });
  }

  private async detail(sha: string): Promise<void> {
    const review = await reviewCommit(this.root, sha, { log: (l) => this.deps.log.trace(l) });
    const verdict = review.outcome.action === 'unchanged' ? 'complies' : review.outcome.action === 'reject' ? 'reject' : 'rewrite';
    const reasons = review.outcome.action === 'reject' ? review.outcome.reasons : review.outcome.action === 'rewritten' ? review.outcome.changes : [];
    // the review's audit has the notes but not the diff markers: the cached audit has both
    const [audited] = await auditCommits(this.root, [sha], 1, this.deps.log);
    const audit = audited ?? review.audit;
    this.post({
      type: 'detail', sha, audit,
      policy: { mode: review.policy.policy.mode, verdict, reasons, fixable: vscode.workspace.isTrusted && review.amendable && Boolean(review.fix) },
    });
  }

  dispose(): void {
    this.load?.abort();
    this.code.dispose();
    if (ProvenancePanel.current === this) ProvenancePanel.current = undefined;
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
