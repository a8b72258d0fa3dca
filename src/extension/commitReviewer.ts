// Reviews every new commit once (made here, in a terminal or by an agent) and, when its
// attribution breaks the policy, shows one notification with the ways out: fix the last commit
// (or every unpushed commit, when more than one breaks the policy), open its provenance, turn off
// VS Code's co-author trailer, or stop asking for this repository.
import * as vscode from 'vscode';
import { reviewCommit, type CommitReview } from '../app/review/commitReview';
import type { RepositoryManager, NewCommit } from './repositories';
import type { ReviewEvent } from './api';
import type { Log } from './log';
import type { PolicyInput } from '../core/policy/policySchema';
import { readSettings } from './settings';
import { COMMANDS } from './commandIds';
import { unpushedProblems } from './fixUnpushed';

const DISMISSED_KEY = 'aiProvenance.dismissedRepositories';
const MAX_REMEMBERED = 500;

export class CommitReviewer implements vscode.Disposable {
  readonly history: ReviewEvent[] = [];
  private readonly reviewed = new Set<string>();
  private readonly emitter = new vscode.EventEmitter<ReviewEvent>();
  readonly onDidReview = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly repos: RepositoryManager, private readonly state: vscode.Memento, private readonly log: Log) {
    this.subscription = repos.onDidCommit((c) => void this.onCommit(c));
  }

  isDismissed(root: string): boolean {
    return (this.state.get<string[]>(DISMISSED_KEY) ?? []).includes(root);
  }

  async dismiss(root: string, dismissed = true): Promise<void> {
    const list = new Set(this.state.get<string[]>(DISMISSED_KEY) ?? []);
    if (dismissed) list.add(root);
    else list.delete(root);
    await this.state.update(DISMISSED_KEY, [...list]);
  }

  private async onCommit({ repo, sha }: NewCommit): Promise<void> {
    const key = `${repo.root}\u0000${sha}`;
    if (this.reviewed.has(key)) return;
    this.reviewed.add(key);
    if (this.reviewed.size > MAX_REMEMBERED) this.reviewed.delete(this.reviewed.values().next().value as string);
    const warn = (m: string): void => this.log.warn(m);
    const settings = readSettings(repo.uri, warn);
    const base = { repo: repo.root, sha };
    if (!settings.reviewCommits) return this.record({ ...base, problems: [], actions: [], silent: 'review-disabled' });
    let review: CommitReview;
    try {
      review = await reviewCommit(repo.root, sha, { overrides: settings.policy, log: (l) => this.log.trace(l) });
    } catch (e) {
      this.log.error(`review of ${sha.slice(0, 10)} failed: ${e instanceof Error ? e.message : String(e)}`);
      return this.record({ ...base, problems: [], actions: [], silent: 'error' });
    }
    const problems = describe(review);
    this.log.info(`reviewed ${sha.slice(0, 10)} in ${repo.root}: ${problems.length ? problems.join('; ') : 'complies'}`);
    if (problems.length === 0) return this.record({ ...base, problems, actions: [], silent: 'complies' });
    if (this.isDismissed(repo.root)) return this.record({ ...base, problems, actions: [], silent: 'dismissed-for-repository' });
    await this.notify(review, repo.root, problems, settings.policy);
  }

  private async notify(review: CommitReview, root: string, problems: string[], overrides: PolicyInput): Promise<void> {
    const fix = vscode.l10n.t('Fix Last Commit');
    const fixAll = vscode.l10n.t('Fix Unpushed Commits…');
    const open = vscode.l10n.t('Open Provenance');
    const turnOff = vscode.l10n.t('Turn Off git.addAICoAuthor');
    const never = vscode.l10n.t("Don't Ask Again for This Repository");
    const trusted = vscode.workspace.isTrusted;
    const vsCodeSetting = vscode.workspace.getConfiguration('git', vscode.Uri.file(root)).get<string>('addAICoAuthor', 'off');
    // More than one unpushed commit breaks the policy: also offer to fix them all (with a preview).
    const broken = trusted ? await unpushedProblems(root, overrides, (l) => this.log.trace(l)).catch((e: unknown) => {
      this.log.warn(`counting the unpushed commits that break the policy failed: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }) : undefined;
    const actions = [
      ...(trusted && review.amendable && review.fix ? [fix] : []),
      open,
      ...(broken !== undefined && broken > 1 ? [fixAll] : []),
      ...(trusted && review.vscodeTrailer && vsCodeSetting !== 'off' ? [turnOff] : []),
      never,
    ];
    const subject = review.audit.subject.length > 60 ? `${review.audit.subject.slice(0, 57)}…` : review.audit.subject;
    const many = broken !== undefined && broken > 1 ? ` ${vscode.l10n.t('{0} unpushed commits break the policy.', broken)}` : '';
    const text = vscode.l10n.t('AI Provenance: commit {0} "{1}" {2}', review.sha.slice(0, 8), subject, problems.join(' ')) + many;
    const shown = vscode.window.showWarningMessage(text, ...actions);
    this.record({ repo: root, sha: review.sha, problems, actions });
    const choice = await shown;
    if (choice === fix) await vscode.commands.executeCommand(COMMANDS.fixLastCommit, root, review.sha);
    else if (choice === fixAll) await vscode.commands.executeCommand(COMMANDS.fixUnpushedCommits, root);
    else if (choice === open) await vscode.commands.executeCommand(COMMANDS.showCommitProvenance, root, review.sha);
    else if (choice === turnOff) await vscode.commands.executeCommand(COMMANDS.turnOffVsCodeCoAuthor, root);
    else if (choice === never) await this.dismiss(root);
  }

  private record(event: ReviewEvent): void {
    this.history.push(event);
    this.emitter.fire(event);
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

/** One sentence per problem, from what the policy would change or why it rejects. */
export function describe(review: CommitReview): string[] {
  const mode = review.policy.policy.mode;
  if (review.outcome.action === 'reject') return review.outcome.reasons.map((r) => `${capitalize(r)}.`);
  if (review.outcome.action !== 'rewritten') return [];
  const removals = review.outcome.decisions.filter((d) => d.action !== 'kept').map((d) => {
    const line = d.line.replace(/\r?\n[ \t]*/g, ' ');
    if (d.mode === 'strip') return vscode.l10n.t('carries "{0}", which the policy ({1}) removes.', line, mode);
    if (d.action === 'replaced') return vscode.l10n.t('carries "{0}": {1}; the policy replaces it with "{2}".', line, d.reason, (d.replacedBy ?? []).join('", "'));
    return vscode.l10n.t('carries "{0}": {1}.', line, d.reason);
  });
  const additions = review.outcome.changes.slice(review.outcome.decisions.length).flatMap((c) => {
    const added = /^added "(.*)"$/.exec(c);
    if (added && review.outcome.action === 'rewritten' && review.outcome.decisions.some((d) => d.replacedBy?.includes(added[1] ?? ''))) return [];
    return [added ? vscode.l10n.t('does not disclose recorded AI assistance: "{0}" is missing.', added[1] ?? '') : c];
  });
  return [...removals, ...additions];
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
