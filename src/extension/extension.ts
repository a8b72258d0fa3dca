// Composition root of the VS Code extension: builds the object graph by hand (no service locator)
// and returns a small API (used by the host tests and by other extensions).
import * as vscode from 'vscode';
import { acquireGitApi } from './gitApi';
import { Log } from './log';
import { RepositoryManager } from './repositories';
import { CommitReviewer } from './commitReviewer';
import { registerCommands } from './commands';
import { TrailerSuggester } from './trailerSuggester';
import { ProvenanceTree } from './provenanceTree';
import { ProvenanceStatusBar } from './statusBar';
import { SettingsWatcher } from './settingsWatcher';
import type { AiProvenanceApi } from './api';

export async function activate(context: vscode.ExtensionContext): Promise<AiProvenanceApi> {
  const log = new Log();
  context.subscriptions.push(log);
  const cliPath = vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js').fsPath;
  const api = await acquireGitApi();
  if (!api) {
    log.warn('the built-in git extension is disabled: AI Provenance has nothing to watch');
    return {
      ready: Promise.resolve(), reviews: [], onDidReview: new vscode.EventEmitter<never>().event, repositories: () => [],
      dismissRepository: async () => undefined,
    };
  }
  const repos = new RepositoryManager(api, log);
  const reviewer = new CommitReviewer(repos, context.workspaceState, log);
  const tree = new ProvenanceTree(repos, log);
  const status = new ProvenanceStatusBar(repos, log);
  const suggester = new TrailerSuggester(repos, log);
  const settings = new SettingsWatcher(repos, log, cliPath);
  context.subscriptions.push(
    repos, reviewer, tree, status, suggester, settings,
    vscode.window.registerTreeDataProvider('aiProvenance.commits', tree),
    ...registerCommands({ repos, reviewer, tree, log, cliPath, git: api }),
  );
  const ready = repos.start().then(() => {
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
    suggestTrailers: async (root: string) => {
      const repo = repos.get(root);
      return repo ? suggester.suggest(repo) : [];
    },
  };
}

export function deactivate(): void {
  // everything is in context.subscriptions
}
