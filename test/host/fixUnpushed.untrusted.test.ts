// Restricted Mode: "Fix Unpushed Commits…" refuses (its menus are hidden by `isWorkspaceTrusted`),
// and no history is rewritten.
import * as vscode from 'vscode';
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';

const WORKSPACE = process.env.AIP_TEST_WORKSPACE as string;
const ENV = { ...process.env, GIT_AUTHOR_NAME: 'Host Test', GIT_AUTHOR_EMAIL: 'host@example.com', GIT_COMMITTER_NAME: 'Host Test', GIT_COMMITTER_EMAIL: 'host@example.com' };
const git = (...args: string[]): string => execFileSync('git', args, { cwd: WORKSPACE, env: ENV, encoding: 'utf8' });

describe('Fix Unpushed Commits… in an untrusted workspace', function () {
  this.timeout(60000);

  it('refuses to rewrite anything', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    await vscode.extensions.getExtension('ai-provenance.ai-provenance')?.activate();
    const start = git('rev-parse', 'HEAD').trim();
    writeFileSync(path.join(WORKSPACE, 'fix-u.txt'), 'u\n');
    git('add', 'fix-u.txt');
    git('commit', '-q', '-m', 'Untrusted phantom\n\nCo-authored-by: Copilot <copilot@github.com>');
    const sha = git('rev-parse', 'HEAD').trim();
    const outcome = await vscode.commands.executeCommand('aiProvenance.fixUnpushedCommits', WORKSPACE, { apply: true });
    assert.equal(outcome, undefined, 'the command refused');
    assert.equal(git('rev-parse', 'HEAD').trim(), sha, 'no commit was rewritten');
    assert.equal(git('for-each-ref', 'refs/ai-provenance/').trim(), '', 'no backup ref');
    git('reset', '-q', '--hard', start);
  });
});
