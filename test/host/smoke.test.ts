// Smoke test in the real VS Code extension host (code-server: VS Code 1.100.3 and 1.139.1, one run
// each): the extension activates in a git workspace and registers every command it contributes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { screenshot } from '../harness/host-screenshot';

const EXTENSION_ID = 'ai-provenance.ai-provenance';

describe('smoke: extension in a real VS Code', () => {
  it('runs in exactly the VS Code the harness started', () => {
    const expected = process.env.AIP_HOST_VSCODE_VERSION;
    assert.ok(expected, 'AIP_HOST_VSCODE_VERSION is set by the harness');
    assert.equal(vscode.version, expected);
    console.log(`[host] vscode ${vscode.version}, ${vscode.env.appName}, node ${process.version}`);
  });

  it('opens a git repository as the workspace', () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a workspace folder');
    assert.ok(fs.existsSync(`${folder.uri.fsPath}/.git`), 'the workspace folder is a git repository');
  });

  it('activates and registers its contributed commands', async function () {
    this.timeout(60000);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded as the development extension`);
    await ext.activate();
    assert.equal(ext.isActive, true);
    const contributed = ((ext.packageJSON as { contributes?: { commands?: { command: string }[] } }).contributes?.commands ?? [])
      .map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], 'every contributed command is registered');
  });

  it('can save a workbench screenshot (harness)', async () => {
    const file = await screenshot('smoke-activated');
    if (file) { assert.ok(fs.statSync(file).size > 1000, `${file} is a real PNG`); }
  });
});
