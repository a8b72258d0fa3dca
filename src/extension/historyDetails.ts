// Each commit's provenance in the Source Control Graph hover (and the timeline's and blame's), where
// the git API offers `registerSourceControlHistoryItemDetailsProvider` (feature-detected). The hover
// gets a "Provenance" command for the commit, and its message a line saying what the audit found.
// VS Code asks every provider in turn and uses the first answer: a repository whose hover another
// provider fills (the GitHub extension does, for GitHub remotes) keeps that provider's.
import * as vscode from 'vscode';
import type { CommitAudit, Evidence } from '../core/model';
import { TOOL_DISPLAY } from '../core/policy/trailerWriter';
import { Git } from '../git/exec';
import { COMMANDS } from './commandIds';
import { auditCommits, formatLocation } from './commitViews';
import type { GitAPI } from './gitApi';
import type { Log } from './log';
import type { RepositoryManager } from './repositories';

/** The git extension's `SourceControlHistoryItemDetailsProvider` (extensions/git/src/api/git.d.ts). */
interface HistoryItemDetailsProvider {
  provideAvatar(repository: { rootUri: vscode.Uri }, query: unknown): Promise<undefined>;
  provideHoverCommands(repository: { rootUri: vscode.Uri }): Promise<vscode.Command[] | undefined>;
  provideMessageLinks(repository: { rootUri: vscode.Uri }, message: string): Promise<string | undefined>;
}

type WithDetails = GitAPI & { registerSourceControlHistoryItemDetailsProvider?(provider: HistoryItemDetailsProvider): vscode.Disposable };

const WINDOW = 300;

/** Messages of the last commits → their audits; one per repository and HEAD. */
interface Index {
  head: string;
  byMessage: Promise<Map<string, CommitAudit | null>>;
}

export class HistoryDetails implements vscode.Disposable {
  private readonly indexes = new Map<string, Index>();
  private registration?: vscode.Disposable;

  constructor(private readonly repos: RepositoryManager, private readonly log: Log) {}

  /** Registers with the git extension when it offers the API; returns whether it did. */
  register(api: GitAPI | undefined): boolean {
    const git = api as WithDetails | undefined;
    if (this.registration || typeof git?.registerSourceControlHistoryItemDetailsProvider !== 'function') return Boolean(this.registration);
    this.registration = git.registerSourceControlHistoryItemDetailsProvider(this.provider);
    this.log.info('showing AI provenance in the Source Control Graph hover');
    return true;
  }

  get registered(): boolean {
    return this.registration !== undefined;
  }

  readonly provider: HistoryItemDetailsProvider = {
    provideAvatar: async () => undefined,
    provideHoverCommands: async (repository) => {
      const repo = this.repos.get(repository.rootUri.fsPath);
      if (!repo) return undefined;
      // VS Code appends the commit's hash to the arguments
      return [{ title: vscode.l10n.t('{0} Provenance', '$(sparkle)'), tooltip: vscode.l10n.t('AI Provenance: show what this commit discloses and what was recorded'), command: COMMANDS.showCommitProvenance, arguments: [repo.root] }];
    },
    provideMessageLinks: async (repository, message) => {
      try {
        const audit = await this.auditOf(repository.rootUri.fsPath, message);
        return audit ? `${message}\n\n${summary(audit)}` : undefined;
      } catch (e) {
        this.log.warn(`provenance for the history hover: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      }
    },
  };

  /** The audit of the recent commit with this message (as the git extension shows it), if exactly one has it. */
  async auditOf(root: string, message: string): Promise<CommitAudit | undefined> {
    const repo = this.repos.get(root);
    if (!repo) return undefined;
    const head = repo.head ?? '';
    let index = this.indexes.get(root);
    if (!index || index.head !== head) {
      index = { head, byMessage: this.build(root) };
      this.indexes.set(root, index);
    }
    return (await index.byMessage).get(key(message)) ?? undefined;
  }

  private async build(root: string): Promise<Map<string, CommitAudit | null>> {
    const [log, audits] = await Promise.all([
      new Git(root, (l) => this.log.trace(l)).text(['log', '-z', `-n${WINDOW}`, '--format=%H%x1f%B', 'HEAD', '--'], { okExitCodes: [128] }),
      auditCommits(root, [], WINDOW, this.log),
    ]);
    const bySha = new Map(audits.map((a) => [a.sha, a]));
    const map = new Map<string, CommitAudit | null>();
    for (const record of log.split('\0')) {
      const sep = record.indexOf('\x1f');
      if (sep < 0) continue;
      const audit = bySha.get(record.slice(0, sep).trim());
      const k = key(record.slice(sep + 1));
      if (!audit) continue;
      map.set(k, map.has(k) ? null : audit); // the same message twice: cannot tell which
    }
    return map;
  }

  dispose(): void {
    this.registration?.dispose();
  }
}

/** Messages compared without emoji and :shortcodes: (the git extension turns one into the other). */
function key(message: string): string {
  return message.replace(/:[-+_a-z0-9]+:/g, '').replace(/[^\x20-\x7e\n]/g, '').replace(/\s+/g, ' ').trim();
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~$]/g, (c) => `\\${c}`);
}

/** One markdown line: the verdict and what it rests on. */
export function summary(audit: CommitAudit): string {
  const verdict = audit.verdict === 'assisted' ? vscode.l10n.t('AI-assisted')
    : audit.verdict === 'unverified' ? vscode.l10n.t('unverified (only VS Code\'s sticky Copilot trailer)') : vscode.l10n.t('no AI attribution');
  const items = audit.evidence.slice(0, 4).map((e) => escape(evidenceText(e)));
  const more = audit.evidence.length > 4 ? ` ${vscode.l10n.t('and {0} more', audit.evidence.length - 4)}` : '';
  return `**${vscode.l10n.t('AI provenance')}:** ${verdict}${items.length ? ` — ${items.join('; ')}${more}` : ''}`;
}

function evidenceText(e: Evidence): string {
  const who = e.tool ? TOOL_DISPLAY[e.tool] : '';
  const where = e.locations?.length ? ` ${e.locations.slice(0, 3).map(formatLocation).join(', ')}` : '';
  return `${who}${e.model ? ` (${e.model})` : ''}: ${e.kind}${where}`;
}
