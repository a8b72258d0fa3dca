// The extension's commands (category "AI Provenance"). Writing commands (hooks, amend, record,
// settings) refuse in an untrusted workspace: there AI Provenance only reads history.
import * as vscode from 'vscode';
import { runAudit } from '../app/audit/audit';
import { fixLastCommit } from '../app/review/commitReview';
import { installHooks, uninstallHooks } from '../app/hooks/hooks';
import { loadPolicy } from '../app/policyLoad';
import { recordEvidence } from '../app/hooks/record';
import { SummaryAccumulator } from '../core/history/summary';
import { createWriter } from '../core/report/writers';
import { TOOL_IDS, type ToolId } from '../core/model';
import { TOOL_DISPLAY } from '../core/policy/trailerWriter';
import { Git } from '../git/exec';
import type { Log } from './log';
import type { RepositoryManager } from './repositories';
import { nodeBinary, pickRepo, requireTrust } from './commandSupport';
import type { CommitReviewer } from './commitReviewer';
import { commitTarget, type ProvenanceTree } from './provenanceTree';
import { readSettings } from './settings';
import { showCommitProvenance } from './commitViews';
import { openCommitDiff } from './commitDiff';
import { COMMANDS } from './commandIds';
import { terminalSafe } from '../core/report/summaryText';
import { fixUnpushedCommits, registerMessageDocuments, type FixUnpushedOutcome } from './fixUnpushed';

export interface CommandDeps {
  repos: RepositoryManager;
  reviewer: CommitReviewer;
  tree: ProvenanceTree;
  log: Log;
  /** The bundled CLI the hooks call. */
  cliPath: string;
}

const VERSION = (process.env.AIP_VERSION as string | undefined) ?? '0.0.0-dev';

export function registerCommands(d: CommandDeps): vscode.Disposable[] {
  const cmd = (id: string, fn: (...args: never[]) => unknown): vscode.Disposable =>
    vscode.commands.registerCommand(id, async (...args: never[]) => {
      try {
        return await fn(...args);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        d.log.error(`${id}: ${message}`);
        void vscode.window.showErrorMessage(`AI Provenance: ${message}`);
        return undefined;
      }
    });
  return [
    cmd(COMMANDS.auditRepository, (root?: string) => auditRepository(d, root)),
    cmd(COMMANDS.installHooks, (root?: string, confirmed?: boolean) => hooks(d, 'install', root, confirmed)),
    cmd(COMMANDS.uninstallHooks, (root?: string, confirmed?: boolean) => hooks(d, 'uninstall', root, confirmed)),
    cmd(COMMANDS.recordAssistance, () => recordAssistance(d)),
    cmd(COMMANDS.showCommitProvenance, async (rootOrNode?: unknown, sha?: string) => {
      // from the tree's context menu VS Code passes the tree node itself
      const target = commitTarget(rootOrNode);
      const repo = await pickRepo(d.repos, target?.root ?? (typeof rootOrNode === 'string' ? rootOrNode : undefined));
      if (repo) await showCommitProvenance(repo.root, target?.sha ?? sha ?? repo.head ?? 'HEAD');
    }),
    cmd(COMMANDS.openLog, () => d.log.show()),
    cmd(COMMANDS.fixLastCommit, (root?: string, sha?: string) => fix(d, root, sha)),
    cmd(COMMANDS.fixUnpushedCommits, (root?: unknown, options?: { apply?: boolean }) => fixUnpushed(d, root, options)),
    registerMessageDocuments(),
    cmd(COMMANDS.turnOffVsCodeCoAuthor, (root?: string) => turnOffVsCodeCoAuthor(root)),
    cmd(COMMANDS.showEffectivePolicy, (root?: string) => showEffectivePolicy(d, root)),
    cmd(COMMANDS.refresh, () => d.tree.refresh()),
    cmd(COMMANDS.openCommitDiff, (root: string, sha: string) => openCommitDiff(root, sha)),
  ];
}

async function auditRepository(d: CommandDeps, root?: string): Promise<string | undefined> {
  const repo = await pickRepo(d.repos, root);
  if (!repo) return undefined;
  const settings = readSettings(repo.uri, (m) => d.log.warn(m));
  const summary = new SummaryAccumulator();
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('AI Provenance: auditing {0}', vscode.workspace.asRelativePath(repo.root)), cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return runAudit({
        repo: repo.root, revs: [], all: false, paths: [], diffs: true, cache: true, version: VERSION, signal: abort.signal,
        log: (l) => d.log.trace(l), onProgress: (n) => progress.report({ message: vscode.l10n.t('{0} commits', n) }),
      }, { begin: () => undefined, commit: (c) => summary.add(c.audit) });
    },
  );
  const result = summary.result();
  const writer = createWriter('summary');
  const text = writer.begin(outcome.meta) + writer.end(result);
  d.log.info(`audit of ${repo.root} (policy ${settings.policy.mode ?? 'default'}):\n${text}`);
  for (const n of outcome.notices) d.log.warn(n);
  d.tree.refresh(repo.root);
  void vscode.window.showInformationMessage(vscode.l10n.t('AI Provenance: {0} commits audited — {1} assisted, {2} unverified.',
    result.commits, result.assisted, result.unverified), vscode.l10n.t('Open Output Log')).then((c) => c && d.log.show());
  return text;
}

async function hooks(d: CommandDeps, action: 'install' | 'uninstall', root?: string, confirmed?: boolean): Promise<unknown> {
  requireTrust(action === 'install' ? vscode.l10n.t('Installing git hooks') : vscode.l10n.t('Uninstalling git hooks'));
  const repo = await pickRepo(d.repos, root);
  if (!repo) return undefined;
  const name = vscode.workspace.asRelativePath(repo.root);
  if (!confirmed) {
    const go = action === 'install' ? vscode.l10n.t('Install') : vscode.l10n.t('Uninstall');
    const detail = action === 'install'
      ? vscode.l10n.t('Adds prepare-commit-msg, commit-msg, post-commit and post-rewrite hooks that apply the AI attribution policy to every commit (VS Code, terminal, agents). Existing hooks are kept and run first; uninstalling restores them exactly. Provenance notes follow amend and rebase.')
      : vscode.l10n.t('Removes the AI Provenance hooks and puts back the hooks that were there before.');
    if (await vscode.window.showWarningMessage(vscode.l10n.t('{0} AI Provenance git hooks in {1}?', go, name), { modal: true, detail }, go) !== go) return undefined;
  }
  const req = { repo: repo.root, node: nodeBinary(), cli: d.cliPath, log: (l: string) => d.log.trace(l) };
  const result = action === 'install' ? await installHooks(req) : await uninstallHooks(req);
  d.log.info(`${action} hooks in ${repo.root}: ${JSON.stringify(result.results)}`);
  if ('instructions' in result && result.instructions) {
    d.log.info(result.instructions);
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} manages the hooks of {1}: add the lines shown in the output log to its configuration.',
      result.location.manager ?? '', name), vscode.l10n.t('Open Output Log')).then((c) => c && d.log.show());
  } else {
    void vscode.window.showInformationMessage(action === 'install'
      ? vscode.l10n.t('AI Provenance hooks installed in {0}.', name) : vscode.l10n.t('AI Provenance hooks removed from {0}.', name));
  }
  return result;
}

async function recordAssistance(d: CommandDeps): Promise<unknown> {
  requireTrust(vscode.l10n.t('Recording AI assistance'));
  const editor = vscode.window.activeTextEditor;
  const repo = await pickRepo(d.repos);
  if (!repo) return undefined;
  const tool = await vscode.window.showQuickPick(TOOL_IDS.map((t) => ({ label: TOOL_DISPLAY[t], description: t, tool: t })),
    { placeHolder: vscode.l10n.t('Which AI tool helped?') });
  if (!tool) return undefined;
  const model = await vscode.window.showInputBox({ prompt: vscode.l10n.t('Model (optional), e.g. claude-opus-4-6') });
  if (model === undefined) return undefined;
  let files: { path: string; ranges?: [number, number][] }[];
  if (editor?.document.uri.scheme === 'file' && repo === d.repos.forUri(editor.document.uri)) {
    const ranges = editor.selections.filter((s) => !s.isEmpty).map((s) => [s.start.line + 1, s.end.line + 1] as [number, number]);
    files = [{ path: editor.document.uri.fsPath, ...(ranges.length ? { ranges } : {}) }];
  } else {
    const changed = (await new Git(repo.root).text(['status', '--porcelain=v1', '-z', '--untracked-files=all'])).split('\0').filter((e) => e.length > 3).map((e) => e.slice(3));
    const picked = await vscode.window.showQuickPick(changed.map((f) => ({ label: f })), { canPickMany: true, placeHolder: vscode.l10n.t('Which files did it write?') });
    if (!picked?.length) return undefined;
    files = picked.map((p) => ({ path: `${repo.root}/${p.label}` }));
  }
  const result = await recordEvidence(repo.root, { edit: { tool: tool.tool as ToolId, source: 'vscode', files, ...(model ? { model } : {}) } }, { cwd: repo.root });
  if ('skipped' in result) throw new Error(result.skipped);
  void vscode.window.showInformationMessage(vscode.l10n.t('Recorded {0} for {1}.', TOOL_DISPLAY[tool.tool as ToolId], result.entry.files.map((f) => f.path).join(', ')));
  return result;
}

async function fix(d: CommandDeps, root?: string, sha?: string): Promise<unknown> {
  requireTrust(vscode.l10n.t('Amending a commit'));
  const repo = await pickRepo(d.repos, root);
  if (!repo) return undefined;
  const settings = readSettings(repo.uri, (m) => d.log.warn(m));
  const head = sha ?? repo.head ?? (await new Git(repo.root).text(['rev-parse', 'HEAD'])).trim();
  const result = await fixLastCommit(repo.root, head, { overrides: settings.policy, log: (l) => d.log.trace(l) });
  d.log.info(`fixed ${head.slice(0, 10)} → ${result.sha.slice(0, 10)}: ${result.changes.join('; ')}`);
  void vscode.window.showInformationMessage(result.changes.length
    ? vscode.l10n.t('AI Provenance: last commit amended — {0}.', result.changes.join('; '))
    : vscode.l10n.t('AI Provenance: the last commit already follows the policy.'));
  d.tree.refresh(repo.root);
  return result;
}

/** From the tree's title menu (no argument), the review notification (a root) or a test ({ apply: true } skips the question). */
async function fixUnpushed(d: CommandDeps, root?: unknown, options?: { apply?: boolean }): Promise<FixUnpushedOutcome | undefined> {
  requireTrust(vscode.l10n.t('Rewriting commits'));
  const repo = await pickRepo(d.repos, typeof root === 'string' ? root : undefined);
  if (!repo) return undefined;
  const settings = readSettings(repo.uri, (m) => d.log.warn(m));
  const outcome = await fixUnpushedCommits(repo.root, vscode.workspace.asRelativePath(repo.root), {
    ...(options?.apply ? { apply: true } : {}), overrides: settings.policy, log: (l) => d.log.trace(l), info: (l) => d.log.info(l),
  });
  if (outcome.result) d.tree.refresh(repo.root);
  return outcome;
}

async function turnOffVsCodeCoAuthor(root?: string): Promise<void> {
  requireTrust(vscode.l10n.t('Changing settings'));
  const config = vscode.workspace.getConfiguration('git', root ? vscode.Uri.file(root) : undefined);
  const i = config.inspect('addAICoAuthor');
  const target = i?.workspaceFolderValue !== undefined ? vscode.ConfigurationTarget.WorkspaceFolder
    : i?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update('addAICoAuthor', 'off', target);
  void vscode.window.showInformationMessage(vscode.l10n.t('git.addAICoAuthor is now off: VS Code no longer appends "Co-authored-by: Copilot" to your commits.'));
}

async function showEffectivePolicy(d: CommandDeps, root?: string): Promise<string | undefined> {
  const repo = await pickRepo(d.repos, root);
  if (!repo) return undefined;
  const settings = readSettings(repo.uri, (m) => d.log.warn(m));
  const loaded = await loadPolicy(new Git(repo.root), repo.root, settings.policy);
  const lock = (f: string): string => (loaded.locked.includes(f as never) ? ' 🔒 locked by .ai-provenance.json' : '');
  const lines = [
    `mode: ${loaded.policy.mode}${lock('mode')}`,
    `format: ${loaded.policy.format}${lock('format')}`,
    `tools: ${Object.entries(loaded.policy.tools).map(([t, m]) => `${t}=${m}`).join(', ') || '—'}${lock('tools')}`,
    `team file: ${loaded.teamFile ?? (loaded.warnings?.length ? 'not used' : 'none')}`,
    ...(loaded.warnings ?? []).map((w) => terminalSafe(w)),
    ...loaded.ignored.map((x) => `ignored aiProvenance.${x.field}: ${x.reason}`),
  ];
  await vscode.window.showInformationMessage(vscode.l10n.t('AI Provenance policy for {0}', vscode.workspace.asRelativePath(repo.root)), { modal: true, detail: lines.join('\n') });
  return lines.join('\n');
}
