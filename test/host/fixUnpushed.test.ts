// In a real VS Code: two unpushed commits with VS Code's phantom Copilot trailer make the review
// notification offer "Fix Unpushed Commits…"; the command previews the message changes in a diff
// editor and rewrites both (backup ref, same trees); a second run has nothing to change. The
// workspace is put back as it was afterwards (other test files share it).
import * as vscode from 'vscode';
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AiProvenanceApi, ReviewEvent } from '../../src/extension/api';
import type { FixUnpushedOutcome } from '../../src/extension/fixUnpushed';
import { until } from './wait';

const WORKSPACE = process.env.AIP_TEST_WORKSPACE as string;
const ENV = { ...process.env, GIT_AUTHOR_NAME: 'Host Test', GIT_AUTHOR_EMAIL: 'host@example.com', GIT_COMMITTER_NAME: 'Host Test', GIT_COMMITTER_EMAIL: 'host@example.com' };
const git = (...args: string[]): string => execFileSync('git', args, { cwd: WORKSPACE, env: ENV, encoding: 'utf8' });
const PHANTOM = 'Co-authored-by: Copilot <copilot@github.com>';

async function extensionApi(): Promise<AiProvenanceApi> {
  const api = await vscode.extensions.getExtension<AiProvenanceApi>('ai-provenance.ai-provenance')?.activate();
  assert.ok(api, 'the extension is installed');
  await api.ready;
  return api;
}

function commitFile(file: string, message: string): string {
  writeFileSync(path.join(WORKSPACE, file), `${file}\n`);
  git('add', file);
  git('commit', '-q', '--no-verify', '-m', message);
  return git('rev-parse', 'HEAD').trim();
}

describe('Fix Unpushed Commits…', function () {
  this.timeout(90000);
  let start = '';
  before(() => {
    start = git('rev-parse', 'HEAD').trim();
  });
  after(() => {
    git('reset', '-q', '--hard', start);
    for (const ref of git('for-each-ref', '--format=%(refname)', 'refs/ai-provenance/backup/').split('\n').filter(Boolean)) git('update-ref', '-d', ref);
  });

  it('is offered by the review notification when more than one unpushed commit breaks the policy', async () => {
    const api = await extensionApi();
    const first = commitFile('fix-1.txt', `First phantom\n\n${PHANTOM}`);
    await until('the review of the first commit', () => api.reviews.find((r) => r.sha === first));
    const second = commitFile('fix-2.txt', `Second phantom\n\n${PHANTOM}`);
    const event = await until<ReviewEvent>('the review of the second commit', () => api.reviews.find((r) => r.sha === second));
    assert.deepEqual(event.actions.slice(0, 3), ['Fix Last Commit', 'Open Provenance', 'Fix Unpushed Commits…']);
  });

  it('previews the message changes in a diff editor, then rewrites the commits with a backup ref', async () => {
    const before = git('log', '--format=%H %T %an %ad', '-2').trim().split('\n');
    const oldTip = git('rev-parse', 'HEAD').trim();
    const outcome = await vscode.commands.executeCommand<FixUnpushedOutcome>('aiProvenance.fixUnpushedCommits', WORKSPACE, { apply: true });
    assert.ok(outcome?.result, 'the commits were rewritten');
    // the preview: before/after documents of every changed message, shown in a diff editor
    assert.ok(outcome.preview.length >= 4, `preview documents: ${outcome.preview.length}`);
    const docs = await Promise.all(outcome.preview.map((u) => vscode.workspace.openTextDocument(u)));
    assert.ok(docs.some((d) => d.getText() === `Second phantom\n\n${PHANTOM}\n`), 'the old message');
    assert.ok(docs.some((d) => d.getText() === 'Second phantom\n'), 'the new message');
    await until('a diff editor of the preview', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
      .some((t) => t.input instanceof vscode.TabInputTextDiff ? t.input.original.scheme === 'ai-provenance-msg'
        : /new messages for \d+ unpushed commit/.test(t.label)));
    // the rewrite: messages fixed, trees, authors and dates kept, old tip kept as a backup ref
    assert.equal(git('log', '-1', '--format=%B').trim(), 'Second phantom');
    assert.equal(git('log', '-1', '--format=%B', 'HEAD~1').trim(), 'First phantom');
    const after = git('log', '--format=%H %T %an %ad', '-2').trim().split('\n');
    assert.deepEqual(after.map((l) => l.slice(41)), before.map((l) => l.slice(41)));
    assert.equal(git('rev-parse', outcome.result.backup as string).trim(), oldTip);
    const again = await vscode.commands.executeCommand<FixUnpushedOutcome>('aiProvenance.fixUnpushedCommits', WORKSPACE, { apply: true });
    assert.equal(again?.result, undefined, 'nothing left to change');
    assert.equal(again?.plan.rewrite.length, 0);
  });
});
