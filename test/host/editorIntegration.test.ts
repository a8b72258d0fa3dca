// In every VS Code the harness runs (1.100 and 1.139), without VS Code's AI co-author feature turned
// on: the AI-edit capture stands down (nothing captured, nothing broken), and where the git API
// offers history item details providers, each commit's provenance is in the Source Control Graph hover.
import * as vscode from 'vscode';
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AiProvenanceApi } from '../../src/extension/api';
import { until } from './wait';

const WORKSPACE = process.env.AIP_TEST_WORKSPACE as string;
const ENV = { ...process.env, GIT_AUTHOR_NAME: 'Hover Test', GIT_AUTHOR_EMAIL: 'hover@example.com', GIT_COMMITTER_NAME: 'Hover Test', GIT_COMMITTER_EMAIL: 'hover@example.com' };
const git = (...args: string[]): string => execFileSync('git', args, { cwd: WORKSPACE, env: ENV, encoding: 'utf8' });

async function extensionApi(): Promise<AiProvenanceApi> {
  const api = await vscode.extensions.getExtension<AiProvenanceApi>('ai-provenance.ai-provenance')?.activate();
  assert.ok(api);
  await api.ready;
  return api;
}

describe('VS Code integration: AI-edit capture off, history hover', function () {
  this.timeout(60_000);

  it('without VS Code\'s AI-edit tracker running, editing records nothing and breaks nothing', async () => {
    const api = await extensionApi();
    const tracker = (await vscode.commands.getCommands(false)).includes('_aiEdits.hasAiContributions');
    const setting = vscode.workspace.getConfiguration('git').get<string>('addAICoAuthor');
    console.log(`[host] VS Code ${vscode.version}: _aiEdits tracker command ${tracker ? 'present' : 'absent'}, git.addAICoAuthor ${setting ?? 'unknown'}`);
    assert.equal(api.aiEdits?.live(WORKSPACE), false, 'the capture stands down');
    const file = path.join(WORKSPACE, 'typed.txt');
    writeFileSync(file, 'one\n');
    const document = await vscode.workspace.openTextDocument(file);
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((b) => b.insert(new vscode.Position(1, 0), 'two\nthree\n'));
    await document.save();
    const gitDir = git('rev-parse', '--absolute-git-dir').trim();
    const worklog = path.join(gitDir, 'ai-provenance', 'worklog');
    await until('the edit to be seen by every listener', () => document.version >= 2 && !document.isDirty, 5_000);
    assert.deepEqual(api.aiEdits?.captured, []);
    assert.deepEqual(existsSync(worklog) ? readdirSync(worklog).filter((f) => !f.startsWith('.')) : [], [], 'no working-log entry');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    execFileSync('rm', ['-f', file]);
  });

  it('each commit\'s provenance in the Source Control Graph hover, where the git API offers it', async () => {
    const api = await extensionApi();
    const gitApi = (await vscode.extensions.getExtension<{ getAPI(v: 1): Record<string, unknown> }>('vscode.git')?.activate())?.getAPI(1);
    const offered = typeof gitApi?.registerSourceControlHistoryItemDetailsProvider === 'function';
    assert.equal(api.historyDetails?.registered(), offered, 'registered exactly when the git API offers it');
    if (!offered) return; // nothing to show where VS Code has no such hover
    writeFileSync(path.join(WORKSPACE, 'hover.txt'), 'hover\n');
    git('add', 'hover.txt');
    const message = 'Add the hover file\n\nCo-Authored-By: Claude <noreply@anthropic.com>';
    git('commit', '-q', '--no-verify', '-m', message);
    const sha = git('rev-parse', 'HEAD').trim();
    // the git extension passes the message with trailing newlines trimmed and :emoji: replaced
    const shown = await until('the hover text of the new commit', () => api.historyDetails?.messageFor(WORKSPACE, message), 15_000);
    assert.ok(shown.startsWith(message), shown);
    assert.match(shown, /\*\*AI provenance:\*\* AI-assisted — Claude Code: trailer/);
    assert.equal(await api.historyDetails?.messageFor(WORKSPACE, 'a message no commit has'), undefined);
    const commands = await api.historyDetails?.hoverCommands(WORKSPACE);
    assert.equal(commands?.[0]?.command, 'aiProvenance.showCommitProvenance');
    // VS Code appends the commit's hash to the arguments of a hover command
    await vscode.commands.executeCommand(commands[0].command, ...(commands[0].arguments ?? []), sha);
    await until('the provenance document of the commit', () => vscode.workspace.textDocuments.find((d) => d.languageId === 'markdown' && d.getText().includes(sha)), 10_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
