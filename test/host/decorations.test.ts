// Line provenance in a real editor: lines a provenance note records get a gutter mark and a hover;
// with the second level, lines last changed by an AI-assisted commit get a fainter one whose hover
// names the commit, tools and evidence; the toggle cycles off → recorded → all; a dirty buffer is
// blamed as it is; the status bar's tooltip gives the active file's AI share.
import * as vscode from 'vscode';
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AiProvenanceApi } from '../../src/extension/api';
import { until } from './wait';

const WORKSPACE = process.env.AIP_TEST_WORKSPACE as string;
const ENV = { ...process.env, GIT_AUTHOR_NAME: 'Deco Test', GIT_AUTHOR_EMAIL: 'deco@example.com', GIT_COMMITTER_NAME: 'Deco Test', GIT_COMMITTER_EMAIL: 'deco@example.com' };
/** Markdown as text: VS Code's appendText escapes spaces and punctuation. */
const plain = (md: string): string => md.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
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
    await vscode.workspace.getConfiguration('aiProvenance').update('decorations.mode', undefined, vscode.ConfigurationTarget.Global);
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
    // undone by an edit and a save: VS Code for the web saves after a delay by default
    // an edit can be refused (false) while the editor is busy: try again while the lines are there
    await until('the two lines deleted', async () => editor.document.getText().startsWith('export const line1')
      || (editor.document.getText().startsWith('// new first line\n// and a second\n') && await editor.edit((b) => b.delete(new vscode.Range(0, 0, 2, 0))) && false));
    // under load the document may report dirty for a moment after save() resolved: save until clean
    await until('the edit undone and saved', async () => !editor.document.isDirty || (await editor.document.save(), false));
  });

  it('the toggle cycles recorded → all → off → recorded; "all" adds the assisted commit\'s other lines', async () => {
    assert.equal((await api.lineDecorations?.())?.mode, 'recorded');
    await until('the reverted buffer', () => {
      const d = vscode.window.activeTextEditor?.document;
      return d?.isDirty === false && d.getText() === readFileSync(file, 'utf8');
    });
    await vscode.commands.executeCommand('aiProvenance.toggleLineProvenance');
    const all = await until('the second level', async () => {
      const d = await api.lineDecorations?.();
      return d?.mode === 'all' && d.assisted.length ? d : undefined;
    });
    const doc = vscode.window.activeTextEditor?.document;
    assert.deepEqual(all.recorded, [3, 4, 5], `dirty ${String(doc?.isDirty)} v${doc?.version} ${JSON.stringify(doc?.getText().slice(0, 60))}`);
    // the commit is AI-assisted (its note is evidence): every other line of it is an assisted-commit line
    assert.deepEqual(all.assisted, [1, 2, 6, 7, 8, 9, 10]);
    assert.equal(vscode.workspace.getConfiguration('aiProvenance').get('decorations.mode'), 'all');
    await vscode.commands.executeCommand('aiProvenance.toggleLineProvenance');
    assert.deepEqual(await api.decorateActiveEditor?.(), []);
    assert.deepEqual((await api.lineDecorations?.())?.assisted, []);
    await vscode.commands.executeCommand('aiProvenance.toggleLineProvenance');
    const back = await api.lineDecorations?.();
    const d2 = vscode.window.activeTextEditor?.document;
    assert.deepEqual(back?.recorded, [3, 4, 5], `mode ${back?.mode} dirty ${String(d2?.isDirty)} v${d2?.version} ${JSON.stringify(d2?.getText().slice(0, 40))}`);
    assert.deepEqual(back?.assisted, []);
  });

  it('marks the lines of a commit with a Claude trailer and no record, fainter, with a hover naming commit, tools and evidence', async () => {
    const other = path.join(WORKSPACE, 'assisted.ts');
    writeFileSync(other, 'export const a = 1;\nexport const b = 2;\n');
    git('add', 'assisted.ts');
    git('commit', '-q', '--no-verify', '-m', 'Assisted lines\n\nCo-Authored-By: Claude Opus 4.6 <noreply@anthropic.com>');
    const sha = git('rev-parse', 'HEAD').trim();
    await vscode.workspace.getConfiguration('aiProvenance').update('decorations.mode', 'all', vscode.ConfigurationTarget.Global);
    await vscode.window.showTextDocument(vscode.Uri.file(other));
    const d = await until('assisted lines', async () => {
      const x = await api.lineDecorations?.();
      return x?.mode === 'all' && x.assisted.length === 2 ? x : undefined;
    });
    assert.deepEqual(d.recorded, []);
    const hover = plain(d.hovers[1] ?? '');
    assert.match(hover, /AI-assisted commit/);
    assert.ok(hover.includes(sha.slice(0, 10)), hover);
    assert.match(hover, /Tools.*claude/s);
    assert.match(hover, /trailer: Co-Authored-By: Claude Opus 4\.6/);
    await vscode.workspace.getConfiguration('aiProvenance').update('decorations.mode', undefined, vscode.ConfigurationTarget.Global);
  });

  it('the status bar tooltip gives the active file\'s AI share at HEAD', async () => {
    await vscode.window.showTextDocument(vscode.Uri.file(file));
    const tooltip = await until('the file share in the tooltip', () => {
      const s = plain(api.statusBar?.().tooltip ?? '');
      return /recorded\.ts\*\* at HEAD/.test(s) ? s : undefined;
    });
    // 3 recorded lines + 7 lines of the same AI-assisted commit
    assert.match(tooltip, /AI share 100\.0 % of 10 lines/);
    assert.match(tooltip, /recorded 30\.0 % · assisted commits 70\.0 %/);
  });
});
