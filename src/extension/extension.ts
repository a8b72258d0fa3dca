// Composition root of the VS Code extension: builds the object graph by hand (no service locator)
// and returns a small API (used by the host tests and by other extensions).
import * as vscode from 'vscode';
import { acquireGitApi } from './gitApi';
import { setRestrictedGit } from '../git/exec';
import { Log } from './log';
import { RepositoryManager } from './repositories';
import { CommitReviewer } from './commitReviewer';
import { registerCommands } from './commands';
import { TrailerSuggester } from './trailerSuggester';
import { ProvenanceTree } from './provenanceTree';
import { ProvenanceStatusBar } from './statusBar';
import { SettingsWatcher } from './settingsWatcher';
import { ProvenancePanel } from './panel/provenancePanel';
import { LineProvenance } from './decorations';
import { registerRevisionDocuments } from './commitDiff';
import { COMMANDS } from './commandIds';
import { VsCodeAiTracker } from './vscodeAiTracker';
import { AiEditCapture } from './aiEditCapture';
import { HistoryDetails } from './historyDetails';
import { AgentHooksCommand } from './agentHooks';
import { PANEL_VIEW_TYPE } from '../protocol/panel';
import type { AiProvenanceApi } from './api';

export async function activate(context: vscode.ExtensionContext): Promise<AiProvenanceApi> {
  const log = new Log();
  context.subscriptions.push(log);
  const cliPath = vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js').fsPath;
  // Untrusted: the folder's own .git/config must not make our git reads run programs.
  setRestrictedGit(!vscode.workspace.isTrusted);
  const repos = new RepositoryManager(log);
  const reviewer = new CommitReviewer(repos, context.workspaceState, log);
  const tree = new ProvenanceTree(repos, log);
  const status = new ProvenanceStatusBar(repos, log);
  const aiTracker = new VsCodeAiTracker(log);
  const capture = new AiEditCapture(repos, aiTracker, log);
  const suggester = new TrailerSuggester(repos, log, aiTracker);
  const history = new HistoryDetails(repos, log);
  const settings = new SettingsWatcher(repos, log, cliPath);
  const lines = new LineProvenance(repos, log, context.extensionUri);
  const agentHooks = new AgentHooksCommand({ repos, log, cliPath });
  const panelDeps = { extensionUri: context.extensionUri, repos, log, version: String(context.extension.packageJSON.version) };
  context.subscriptions.push(
    repos, reviewer, tree, status, suggester, settings, lines, aiTracker, capture, history,
    capture.onDidCapture((c) => { const r = repos.get(c.repo); if (r) void suggester.suggest(r); }),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, ProvenancePanel.serializer(panelDeps)),
    vscode.commands.registerCommand(COMMANDS.openPanel, (root?: unknown) => ProvenancePanel.show(panelDeps, typeof root === 'string' ? root : undefined)),
    vscode.commands.registerCommand(COMMANDS.toggleLineProvenance, () => lines.toggle()),
    vscode.commands.registerCommand(COMMANDS.showCodeShare, (root?: unknown) => ProvenancePanel.show(panelDeps, typeof root === 'string' ? root : undefined, 'code')),
    vscode.window.registerTreeDataProvider('aiProvenance.commits', tree),
    registerRevisionDocuments(log),
    ...registerCommands({ repos, reviewer, tree, log, cliPath }),
    agentHooks, agentHooks.register(),
    // Granting trust enables the git extension (it does not run in Restricted Mode): follow it then.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      setRestrictedGit(false);
      void acquireGitApi().then((git) => git && repos.attach(git).then(() => history.register(git)));
    }),
  );
  // Without the git extension (Restricted Mode, or `git.enabled: false`) the workspace folders'
  // repositories are found with git itself; reviews, tree, panel and exports work the same.
  const ready = acquireGitApi().then((git) => {
    if (!git) log.info('the built-in git extension is not available: finding repositories with git directly');
    history.register(git);
    return repos.start(git);
  }).then(() => {
    log.info(`AI Provenance active: ${repos.all.length} repositor${repos.all.length === 1 ? 'y' : 'ies'}, workspace ${vscode.workspace.isTrusted ? 'trusted' : 'untrusted (read-only)'}`);
  });
  return {
    ready,
    reviews: reviewer.history,
    onDidReview: reviewer.onDidReview,
    repositories: () => repos.all.map((r) => r.root),
    tree,
    settingsWarnings: settings.warnings,
    dismissRepository: (root: string, dismissed = true) => reviewer.dismiss(root, dismissed),
    panelTimings: ProvenancePanel.timings,
    panel: () => ProvenancePanel.current,
    decorateActiveEditor: () => lines.update(),
    lineDecorations: () => lines.refresh(),
    statusBar: () => status.snapshot(),
    suggestTrailers: async (root: string) => {
      const repo = repos.get(root);
      return repo ? suggester.suggest(repo) : [];
    },
    aiEdits: {
      live: (root: string) => capture.isLive(root),
      captured: capture.history,
      onDidCapture: capture.onDidCapture,
      counts: (uri: vscode.Uri) => capture.answer(uri),
    },
    agentHooks: { prompts: agentHooks.prompts, onDidPrompt: agentHooks.onDidPrompt },
    historyDetails: {
      registered: () => history.registered,
      messageFor: (root: string, message: string) => history.provider.provideMessageLinks({ rootUri: vscode.Uri.file(root) }, message),
      hoverCommands: (root: string) => history.provider.provideHoverCommands({ rootUri: vscode.Uri.file(root) }),
    },
  };
}

export function deactivate(): void {
  // everything is in context.subscriptions
}
