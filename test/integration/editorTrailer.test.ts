// The commit box shows VS Code's own AI trailer only when the commit-msg hook would keep it, so what
// the box shows is what gets written (real git; the editor's answer is a callback).
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { suggestTrailers } from '../../src/app/hooks/trailerSuggestion';
import { VSCODE_AI_TRAILER } from '../../src/core/capture/editorAiTools';
import { writeEntry } from '../../src/git/worklog';
import { cleanupTempDirs, commit, git, initRepo } from '../helpers/repo';

function staged(file: string, tool?: 'copilot' | 'unknown-ai'): string {
  const dir = initRepo();
  commit(dir, { message: 'base\n', files: { 'README.md': 'x\n' } });
  writeFileSync(path.join(dir, file), 'accepted();\n');
  git(dir, ['add', file]);
  if (tool) writeEntry(path.join(dir, '.git'), { v: 1, time: new Date().toISOString(), tool, source: 'vscode', kind: 'inline-suggestion', files: [{ path: file, ranges: [[1, 1]] }] });
  return dir;
}

describe("the commit box and VS Code's own trailer (real git)", function () {
  this.timeout(30000);
  after(cleanupTempDirs);
  const asked: string[][] = [];
  const vscodeAppends = (answer: boolean) => ({ editorTrailer: async (files: string[]) => (asked.push(files), answer) });

  it('VS Code will append it and the hook keeps it (Copilot recorded for the file): shown, so VS Code does not add it again', async () => {
    const dir = staged('a.ts', 'copilot');
    const s = await suggestTrailers(dir, 'Add a\n', undefined, undefined, vscodeAppends(true));
    assert.deepEqual(asked.at(-1), ['a.ts'], 'asked about the files to be committed');
    assert.deepEqual(s?.added, [VSCODE_AI_TRAILER]);
    assert.equal(s?.message, `Add a\n\n${VSCODE_AI_TRAILER}`);
  });

  it('the hook would replace it (another tool recorded): the box shows what will be written instead', async () => {
    const dir = staged('a.ts', 'unknown-ai');
    const s = await suggestTrailers(dir, 'Add a\n', undefined, undefined, vscodeAppends(true));
    assert.deepEqual(s?.added, ['Assisted-by: AI-assistant']);
    assert.ok(!s?.message.includes(VSCODE_AI_TRAILER));
  });

  it('no evidence behind it: not shown (the hook removes it and records why)', async () => {
    const dir = staged('a.ts');
    assert.equal(await suggestTrailers(dir, 'Add a\n', undefined, undefined, vscodeAppends(true)), undefined);
  });

  it('keep mode: VS Code is left alone, nothing shown; and VS Code not appending: nothing of its own', async () => {
    const dir = staged('a.ts', 'copilot');
    git(dir, ['config', 'aiProvenance.mode', 'keep']);
    assert.equal(await suggestTrailers(dir, 'Add a\n', undefined, undefined, vscodeAppends(true)), undefined);
    git(dir, ['config', 'aiProvenance.mode', 'evidence']);
    const s = await suggestTrailers(dir, 'Add a\n', undefined, undefined, vscodeAppends(false));
    assert.deepEqual(s?.added, ['Assisted-by: GitHub-Copilot'], 'our own disclosure only');
  });

  it('a message that already carries it is not asked about again', async () => {
    const dir = staged('a.ts', 'copilot');
    const before = asked.length;
    assert.equal(await suggestTrailers(dir, `Add a\n\n${VSCODE_AI_TRAILER}\n`, undefined, undefined, vscodeAppends(true)), undefined);
    assert.equal(asked.length, before);
  });
});
