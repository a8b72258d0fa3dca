// The "AI Provenance" view in Source Control: the last commits of HEAD grouped by verdict, each
// commit's evidence as its children. Audited through the engine's cache, per repository, again
// (debounced) whenever HEAD moves. Errors become an item in the view, never an exception.
import * as vscode from 'vscode';
import * as path from 'node:path';
import type { CommitAudit, Evidence, EvidenceKind, Verdict } from '../core/model';
import { auditCommits, dateText, formatLocation, relativeDate } from './commitViews';
import type { Log } from './log';
import type { RepositoryManager } from './repositories';

const MAX_COMMITS = 200;
const DEBOUNCE_MS = 300;
const VERDICT_ORDER: Verdict[] = ['assisted', 'unverified', 'none'];

export type Node =
  | { kind: 'repo'; root: string }
  | { kind: 'group'; root: string; verdict: Verdict; commits: CommitAudit[] }
  | { kind: 'commit'; root: string; audit: CommitAudit }
  | { kind: 'evidence'; root: string; sha: string; index: number; evidence: Evidence }
  | { kind: 'message'; root: string; text: string; error?: boolean };

export interface TreeSnapshot {
  repo: string;
  error?: string;
  groups: { verdict: string; commits: { sha: string; subject: string; tools: string[]; evidence: string[] }[] }[];
}

interface RepoView {
  commits?: CommitAudit[];
  error?: string;
  loading?: Promise<void>;
  abort?: AbortController;
  /** Bumped by every load: only the latest one publishes. */
  generation: number;
}

/** The repository and commit a context-menu command received (a commit node), if any. */
export function commitTarget(arg: unknown): { root: string; sha: string } | undefined {
  const n = arg as Partial<Extract<Node, { kind: 'commit' }>> | undefined;
  return n?.kind === 'commit' && typeof n.root === 'string' && n.audit ? { root: n.root, sha: n.audit.sha } : undefined;
}

export class ProvenanceTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly views = new Map<string, RepoView>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  private readonly subscriptions: vscode.Disposable[];
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly repos: RepositoryManager, private readonly log: Log) {
    this.subscriptions = [this.changed, repos.onDidChange((r) => this.schedule(r.root))];
  }

  /** Audits again now: one repository, or every repository already shown. */
  refresh(root?: string): void {
    const roots = root ? (this.repos.get(root) ? [root] : []) : [...this.views.keys()];
    for (const r of roots) {
      clearTimeout(this.timers.get(r));
      this.timers.delete(r);
      void this.load(r);
    }
    if (!root) this.changed.fire(undefined);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    try {
      switch (node.kind) {
        case 'repo': return repoItem(node.root);
        case 'group': return groupItem(node);
        case 'commit': return commitItem(node.root, node.audit);
        case 'evidence': return evidenceItem(node);
        case 'message': return messageItem(node);
      }
    } catch (e) {
      this.log.error(`provenance view: ${message(e)}`);
      return messageItem({ kind: 'message', root: node.root, text: vscode.l10n.t('Could not read history: {0}', message(e)), error: true });
    }
  }

  getChildren(node?: Node): Node[] {
    try {
      if (!node) {
        const all = this.repos.all;
        if (all.length === 1 && all[0]) return this.groups(all[0].root);
        return [...all].sort((a, b) => a.root.localeCompare(b.root)).map((r): Node => ({ kind: 'repo', root: r.root }));
      }
      switch (node.kind) {
        case 'repo': return this.groups(node.root);
        case 'group': return node.commits.map((audit): Node => ({ kind: 'commit', root: node.root, audit }));
        case 'commit': return node.audit.evidence.map((evidence, index): Node => ({ kind: 'evidence', root: node.root, sha: node.audit.sha, index, evidence }));
        default: return [];
      }
    } catch (e) {
      this.log.error(`provenance view: ${message(e)}`);
      return [{ kind: 'message', root: node?.root ?? '', text: vscode.l10n.t('Could not read history: {0}', message(e)), error: true }];
    }
  }

  /** What the view shows (loading what was never loaded; waiting for loads in flight). For tests. */
  async snapshot(): Promise<TreeSnapshot[]> {
    const roots = this.repos.all.map((r) => r.root).sort();
    for (const root of roots) {
      const view = this.views.get(root);
      await (view?.loading ?? (view ? undefined : this.load(root)));
    }
    return roots.map((root) => {
      const view = this.views.get(root);
      return {
        repo: root,
        ...(view?.error ? { error: view.error } : {}),
        groups: groupCommits(view?.commits ?? []).map(({ verdict, commits }) => ({
          verdict,
          commits: commits.map((c) => ({ sha: c.sha, subject: c.subject, tools: [...c.tools], evidence: c.evidence.map((e) => `${e.kind}:${e.tool}`) })),
        })),
      };
    });
  }

  private groups(root: string): Node[] {
    const view = this.views.get(root);
    if (!view) {
      void this.load(root);
      return [loadingNode(root)];
    }
    if (view.error) return [{ kind: 'message', root, text: vscode.l10n.t('Could not read history: {0}', view.error), error: true }];
    if (!view.commits) return [loadingNode(root)];
    if (!view.commits.length) return [{ kind: 'message', root, text: vscode.l10n.t('No commits yet') }];
    return groupCommits(view.commits).map(({ verdict, commits }): Node => ({ kind: 'group', root, verdict, commits }));
  }

  /** Debounced reload after HEAD moved; only for repositories the view already audited. */
  private schedule(root: string): void {
    if (!this.views.has(root)) {
      this.changed.fire(undefined); // a new repository: the view asks for it (and audits it) when shown
      return;
    }
    clearTimeout(this.timers.get(root));
    this.timers.set(root, setTimeout(() => {
      this.timers.delete(root);
      void this.load(root);
    }, DEBOUNCE_MS));
  }

  private load(root: string): Promise<void> {
    const view = this.views.get(root) ?? { generation: 0 };
    this.views.set(root, view);
    view.abort?.abort();
    const abort = new AbortController();
    const generation = ++view.generation;
    view.abort = abort;
    const started = Date.now();
    const task = auditCommits(root, [], MAX_COMMITS, this.log, abort.signal).then(
      (commits) => {
        if (view.generation !== generation) return;
        view.commits = commits;
        delete view.error;
        this.log.trace(`provenance view: ${commits.length} commits of ${root} [${Date.now() - started}ms]`);
      },
      (e: unknown) => {
        if (view.generation !== generation) return;
        view.error = message(e);
        this.log.warn(`provenance view: cannot audit ${root}: ${view.error}`);
      },
    ).finally(() => {
      if (view.generation !== generation) return;
      delete view.loading;
      delete view.abort;
      this.changed.fire(undefined);
    });
    view.loading = task;
    void vscode.window.withProgress({ location: { viewId: 'aiProvenance.commits' } }, () => task);
    return task;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const v of this.views.values()) v.abort?.abort();
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}

const message = (e: unknown): string => e instanceof Error ? e.message : String(e);
const loadingNode = (root: string): Node => ({ kind: 'message', root, text: vscode.l10n.t('Loading…') });

function groupCommits(commits: readonly CommitAudit[]): { verdict: Verdict; commits: CommitAudit[] }[] {
  return VERDICT_ORDER
    .map((verdict) => ({ verdict, commits: commits.filter((c) => c.verdict === verdict) }))
    .filter((g) => g.commits.length > 0);
}

// ---- items ------------------------------------------------------------------------------------

const VERDICT_ICON: Record<Verdict, [string, string]> = {
  assisted: ['hubot', 'charts.purple'],
  unverified: ['warning', 'list.warningForeground'],
  none: ['git-commit', 'descriptionForeground'],
};

const KIND_ICON: Record<EvidenceKind, string> = {
  trailer: 'tag', author: 'person', committer: 'account', message: 'comment', diff: 'diff', note: 'note', branch: 'git-merge',
};

function verdictIcon(verdict: Verdict): vscode.ThemeIcon {
  const [icon, color] = VERDICT_ICON[verdict];
  return new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
}

function markdown(): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', false);
  md.supportHtml = false;
  md.isTrusted = false;
  return md;
}

function repoItem(root: string): vscode.TreeItem {
  const item = new vscode.TreeItem(path.basename(root) || root, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `repo\0${root}`;
  item.description = path.dirname(root);
  item.tooltip = root;
  item.iconPath = new vscode.ThemeIcon('repo');
  item.contextValue = 'repository';
  return item;
}

function groupItem(node: Extract<Node, { kind: 'group' }>): vscode.TreeItem {
  const n = node.commits.length;
  const label = node.verdict === 'assisted' ? vscode.l10n.t('Assisted ({0})', n)
    : node.verdict === 'unverified' ? vscode.l10n.t('Unverified ({0})', n) : vscode.l10n.t('No AI evidence ({0})', n);
  const item = new vscode.TreeItem(label, node.verdict === 'none' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
  item.id = `group\0${node.root}\0${node.verdict}`;
  item.iconPath = verdictIcon(node.verdict);
  item.contextValue = `group-${node.verdict}`;
  item.tooltip = node.verdict === 'assisted'
    ? vscode.l10n.t('Commits with evidence of AI assistance: trailers, AI identities, message or diff markers, recorded notes.')
    : node.verdict === 'unverified'
      ? vscode.l10n.t('Commits whose only AI evidence is VS Code\'s sticky "Co-authored-by: Copilot" trailer. VS Code adds it to files Copilot once touched, so on its own it does not show that Copilot wrote this commit.')
      : vscode.l10n.t('Commits with no AI evidence in the message, identities, diff or notes.');
  return item;
}

function commitItem(root: string, a: CommitAudit): vscode.TreeItem {
  const item = new vscode.TreeItem(a.subject || vscode.l10n.t('(no subject)'),
    a.evidence.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = `commit\0${root}\0${a.sha}`;
  item.description = `${a.sha.slice(0, 7)} · ${a.author.name} · ${relativeDate(a.date)}`;
  item.iconPath = verdictIcon(a.verdict);
  item.contextValue = `commit-${a.verdict}`;
  item.command = { command: 'aiProvenance.openCommitDiff', title: vscode.l10n.t('Open Commit Changes'), arguments: [root, a.sha] };
  const md = markdown();
  md.appendMarkdown('**').appendText(a.subject || vscode.l10n.t('(no subject)')).appendMarkdown('**\n\n');
  md.appendMarkdown('`').appendText(a.sha.slice(0, 12)).appendMarkdown('` · ').appendText(`${a.author.name} <${a.author.email}>`)
    .appendMarkdown(' · ').appendText(dateText(a.date)).appendMarkdown('\n\n');
  const verdict = a.verdict === 'assisted' ? vscode.l10n.t('AI-assisted') : a.verdict === 'unverified'
    ? vscode.l10n.t('Unverified: only VS Code\'s sticky Copilot trailer, no other evidence') : vscode.l10n.t('No AI evidence');
  md.appendMarkdown('**').appendText(verdict).appendMarkdown('**');
  if (a.tools.length) md.appendText(` — ${a.tools.join(', ')}`);
  if (a.models.length) md.appendText(` (${a.models.join(', ')})`);
  md.appendMarkdown('\n\n');
  for (const e of a.evidence.slice(0, 12)) {
    md.appendMarkdown('- ').appendText(`${e.kind} · ${e.tool}: ${e.detail.slice(0, 200)}`).appendMarkdown('\n');
  }
  if (a.evidence.length > 12) md.appendMarkdown('- ').appendText(vscode.l10n.t('… and {0} more', a.evidence.length - 12)).appendMarkdown('\n');
  item.tooltip = md;
  return item;
}

function evidenceItem(node: Extract<Node, { kind: 'evidence' }>): vscode.TreeItem {
  const e = node.evidence;
  const item = new vscode.TreeItem(e.model ? `${e.tool} · ${e.model}` : e.tool, vscode.TreeItemCollapsibleState.None);
  item.id = `evidence\0${node.root}\0${node.sha}\0${node.index}`;
  const where = e.locations?.[0];
  item.description = `${e.kind}: ${e.detail}${where ? ` (${formatLocation(where)})` : ''}`;
  item.iconPath = new vscode.ThemeIcon(KIND_ICON[e.kind] ?? 'circle-small');
  item.contextValue = `evidence-${e.kind}`;
  const md = markdown();
  md.appendMarkdown('**').appendText(`${e.kind} · ${e.tool}${e.model ? ` · ${e.model}` : ''}`).appendMarkdown('**\n\n');
  md.appendText(e.detail).appendMarkdown('\n\n');
  md.appendMarkdown(`- ${vscode.l10n.t('Confidence')}: `).appendText(e.confidence).appendMarkdown('\n');
  md.appendMarkdown(`- ${vscode.l10n.t('Signature')}: `).appendText(e.signature).appendMarkdown('\n');
  if (e.session) md.appendMarkdown(`- ${vscode.l10n.t('Session')}: `).appendText(e.session).appendMarkdown('\n');
  if (e.sticky) md.appendMarkdown('- ').appendText(vscode.l10n.t('Sticky: VS Code adds this trailer to files Copilot once touched.')).appendMarkdown('\n');
  for (const l of (e.locations ?? []).slice(0, 10)) md.appendMarkdown('- ').appendText(formatLocation(l)).appendMarkdown('\n');
  if ((e.locations?.length ?? 0) > 10) md.appendMarkdown('- ').appendText(vscode.l10n.t('… and {0} more', (e.locations?.length ?? 0) - 10)).appendMarkdown('\n');
  item.tooltip = md;
  return item;
}

function messageItem(node: Extract<Node, { kind: 'message' }>): vscode.TreeItem {
  const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
  item.iconPath = node.error ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'))
    : node.text === vscode.l10n.t('Loading…') ? new vscode.ThemeIcon('loading~spin') : new vscode.ThemeIcon('info');
  item.tooltip = node.text;
  item.contextValue = node.error ? 'error' : 'message';
  return item;
}
