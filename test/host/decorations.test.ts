// Line provenance in a real editor: lines a provenance note records get a gutter mark and a hover;
// the toggle command turns it off and on; a dirty buffer is blamed as it is.
import * as vscode from 'vscode';
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AiProvenanceApi } from '../../src/extension/api';
import { until } from './wait';

const WORKSPACE = process.env.AIP_TEST_WORKSPACE as string;
const ENV = { ...process.env, GIT_AUTHOR_NAME: 'Deco Test', GIT_AUTHOR_EMAIL: 'deco@example.com', GIT_COMMITTER_NAME: 'Deco Test', GIT_COMMITTER_EMAIL: 'deco@example.com' };
const git = (...args: string[]): string => execFileSync('git', args, { cwd: WORKSPACE, env: ENV, encoding: 'utf8' });

describe('line provenance decorations', function () {
  this.timeout(60000);
  let api: AiProvenanceApi;
  const file = path.join(WORKSPACE, 'recorded.ts');

  before(async () => {
    const a = await vscode.extensions.getExtension<AiProvenanceApi>('ai-provenance.ai-provenance')?.activate();
    assert.ok(a);
    api = a;
    await api.ready;
    writeFileSync(file, Array.from({ length: 10 }, (_, i) => `export const line${i + 1} = ${i + 1};`).join('\n') + '\n');
    git('add', 'recorded.ts');
    git('commit', '-q', '--no-verify', '-m', 'Add recorded lines');
    const note = JSON.stringify({ v: 1, tool: 'claude', model: 'claude-opus-4-6', session: 'session-42', source: 'claude-code', files: [{ path: 'recorded.ts', ranges: [[3, 5]] }] });
    git('notes', '--ref=refs/notes/ai-provenance', 'add', '-m', note, 'HEAD');
  });

  after(async () => {
    await vscode.workspace.getConfiguration('aiProvenance').update('decorations.enabled', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('marks exactly the recorded lines of the active file', async () => {
    await vscode.window.showTextDocument(vscode.Uri.file(file));
    const lines = await until('decorated lines', async () => {
      const l = await api.decorateActiveEditor?.();
      return l && l.length ? l : undefined;
    });
    assert.deepEqual(lines.sort((a, b) => a - b), [3, 4, 5]);
  });

  it('follows edits: lines inserted above move the marks down (the unsaved buffer is blamed)', async () => {
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// new first line\n// and a second\n'));
    const lines = await api.decorateActiveEditor?.();
    assert.deepEqual(lines?.sort((a, b) => a - b), [5, 6, 7]);
    // back to the saved text (workbench.action.files.revert is not reliable in VS Code 1.139: it
    // sometimes resolves without touching the buffer)
    await editor.edit((b) => b.delete(new vscode.Range(0, 0, 2, 0)));
    await editor.document.save();
    assert.ok(editor.document.getText().startsWith('export const line1') && !editor.document.isDirty);
  });

  it('the toggle command turns the marks off and on again', async () => {
    await vscode.commands.executeCommand('aiProvenance.toggleLineProvenance');
    assert.deepEqual(await api.decorateActiveEditor?.(), []);
    await vscode.commands.executeCommand('aiProvenance.toggleLineProvenance');
    assert.deepEqual((await api.decorateActiveEditor?.())?.sort((a, b) => a - b), [3, 4, 5]);
  });
});
