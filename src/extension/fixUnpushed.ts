// "Fix Unpushed Commits…": the editor's face of `ai-provenance fix`. Plans the rewrite, shows every
// message change in the multi-file diff editor (read-only documents of our own scheme, served from
// memory: the new messages exist nowhere else yet), then asks before rewriting. Trusted workspaces
// only; the command is hidden in Restricted Mode and refuses if called there anyway.
import * as vscode from 'vscode';
import { applyFix, type FixResult } from '../app/fix/fixApply';
import { planFix, type FixPlan } from '../app/fix/fixPlan';
import type { PolicyInput } from '../core/policy/policySchema';
import type { GitLogger } from '../git/exec';

export const MESSAGE_SCHEME = 'ai-provenance-msg';

/** How many planned previews stay readable (older diff editors fall back to an explanation). */
const KEPT_PLANS = 5;
const plans = new Map<string, Map<string, string>>();
let planCounter = 0;

/** Serves the before/after messages of recent plans; registered once by registerCommands. */
export function registerMessageDocuments(): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(MESSAGE_SCHEME, {
    provideTextDocumentContent: (uri) => {
      const q = new URLSearchParams(uri.query);
      const text = plans.get(q.get('plan') ?? '')?.get(`${q.get('sha') ?? ''}:${q.get('side') ?? ''}`);
      return text ?? vscode.l10n.t('(this preview is no longer available: run Fix Unpushed Commits… again)');
    },
  });
}

function messageUri(plan: string, sha: string, side: 'before' | 'after'): vscode.Uri {
  // COMMIT_EDITMSG: VS Code highlights it as a git commit message.
  return vscode.Uri.from({ scheme: MESSAGE_SCHEME, path: `/${sha.slice(0, 12)}/COMMIT_EDITMSG`, query: new URLSearchParams({ plan, sha, side }).toString() });
}

/** Opens the message changes of `plan` (one entry per commit whose message changes). */
export async function previewPlan(plan: FixPlan): Promise<vscode.Uri[]> {
  const id = String(++planCounter);
  const texts = new Map<string, string>();
  const resources: [vscode.Uri, vscode.Uri, vscode.Uri][] = [];
  for (const c of plan.rewrite) {
    if (!c.fix) continue;
    texts.set(`${c.sha}:before`, c.fix.before);
    texts.set(`${c.sha}:after`, c.fix.after);
    const after = messageUri(id, c.sha, 'after');
    resources.push([after, messageUri(id, c.sha, 'before'), after]);
  }
  plans.set(id, texts);
  for (const old of [...plans.keys()].slice(0, -KEPT_PLANS)) plans.delete(old);
  if (!resources.length) return [];
  const [only] = resources;
  const title = vscode.l10n.t('AI Provenance: new messages for {0} unpushed commit(s)', resources.length);
  if (resources.length === 1 && only) {
    const c = plan.rewrite.find((x) => x.fix) as FixPlan['rewrite'][number];
    await vscode.commands.executeCommand('vscode.diff', only[1], only[2], `${c.sha.slice(0, 7)} · ${c.subject} — ${title}`, { preview: true });
  } else {
    await vscode.commands.executeCommand('vscode.changes', title, resources);
  }
  return resources.flatMap(([, before, after]) => [before, after]);
}

export interface FixUnpushedOptions {
  /** Skip the question (the caller already asked, or a test). */
  apply?: boolean;
  overrides?: PolicyInput;
  log?: GitLogger;
  /** The output channel line for each step. */
  info(line: string): void;
}

export interface FixUnpushedOutcome {
  plan: FixPlan;
  /** The documents of the preview. */
  preview: vscode.Uri[];
  result?: FixResult;
}

/** Plans, previews, asks, applies. Refusals (pushed commits, a rebase in progress…) are thrown as errors with their reason. */
export async function fixUnpushedCommits(root: string, name: string, o: FixUnpushedOptions): Promise<FixUnpushedOutcome> {
  const plan = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('AI Provenance: reading the unpushed commits of {0}', name) },
    () => planFix({ repo: root, ...(o.overrides ? { overrides: o.overrides } : {}), ...(o.log ? { log: o.log } : {}) }),
  );
  for (const n of plan.notices) o.info(`fix: ${n}`);
  const fixed = plan.rewrite.filter((c) => c.fix);
  const unfixable = plan.unfixable.length
    ? ` ${vscode.l10n.t('{0} commit(s) break the policy in a way only you can fix: {1}', plan.unfixable.length,
      plan.unfixable.map((u) => `${u.sha.slice(0, 7)} (${u.reasons[0] ?? ''})`).join('; '))}`
    : '';
  if (!fixed.length) {
    const text = plan.examined === 0
      ? vscode.l10n.t('AI Provenance: {0} has no unpushed commits.', name)
      : vscode.l10n.t('AI Provenance: the {0} unpushed commit(s) of {1} already have the messages the policy asks for.', plan.examined, name);
    void (unfixable ? vscode.window.showWarningMessage(text + unfixable) : vscode.window.showInformationMessage(text));
    return { plan, preview: [] };
  }
  const preview = await previewPlan(plan);
  if (!o.apply) {
    const go = plan.signedCount && plan.signatures === 'drop'
      ? vscode.l10n.t('Rewrite and Drop Signatures')
      : vscode.l10n.t('Rewrite {0} Commit(s)', plan.rewrite.length);
    const target = plan.ref ? plan.ref.slice('refs/heads/'.length) : 'HEAD';
    const parts = [
      vscode.l10n.t('AI Provenance: give {0} unpushed commit(s) of {1} the messages shown?', fixed.length, target),
      plan.rewrite.length > fixed.length ? vscode.l10n.t('{0} later commit(s) get new ids too (only their parent changes).', plan.rewrite.length - fixed.length) : '',
      vscode.l10n.t('Trees, authors and dates stay; the old tip is kept as a backup ref.'),
      plan.signedCount ? (plan.signatures === 'resign'
        ? vscode.l10n.t('{0} signed commit(s) are re-signed with your key.', plan.signedCount)
        : vscode.l10n.t('{0} signed commit(s) lose their signature (commit.gpgSign is off).', plan.signedCount)) : '',
      unfixable,
    ];
    const choice = await vscode.window.showWarningMessage(parts.filter(Boolean).join(' '), go, vscode.l10n.t('Cancel'));
    if (choice !== go) return { plan, preview };
  }
  const result = await applyFix(plan, { dropSignatures: true, ...(o.log ? { log: o.log } : {}) });
  for (const c of result.rewritten) o.info(`fix: ${c.old.slice(0, 10)} → ${c.new.slice(0, 10)} ${c.subject}${c.changes.length ? `: ${c.changes.join('; ')}` : ' (parent rewritten)'}`);
  o.info(`fix: backup ${result.backup}; undo with: git reset --soft ${result.backup}`);
  void vscode.window.showInformationMessage(vscode.l10n.t('AI Provenance: rewrote {0} commit(s) of {1}; the old tip is kept as {2}.',
    result.rewritten.length, plan.ref ? plan.ref.slice('refs/heads/'.length) : 'HEAD', result.backup ?? ''));
  return { plan, preview, result };
}

/** How many unpushed commits break the policy (for the commit review), or undefined past `limit` commits or on refusal. */
export async function unpushedProblems(root: string, overrides: PolicyInput, log: GitLogger, limit = 200): Promise<number | undefined> {
  try {
    const plan = await planFix({ repo: root, overrides, log, limit });
    return plan.rewrite.filter((c) => c.fix).length + plan.unfixable.length;
  } catch (e) {
    if (e instanceof Error && e.name === 'FixRefusedError') return undefined;
    throw e;
  }
}
