// Runs in a VS Code where workspace trust is on and this folder is not trusted: AI Provenance only
// reads history — no hooks, no git config writes, no amend — but still reviews new commits.
import * as vscode from 'vscode';
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AiProvenanceApi, ReviewEvent } from '../../src/extension/api';
import type { Outbound } from '../../src/protocol/panel';
import { probeWebviews } from '../harness/host-webview';
import { until } from './wait';

const WORKSPACE = process.env.AIP_TEST_WORKSPACE as string;
const ENV = { ...process.env, GIT_AUTHOR_NAME: 'Host Test', GIT_AUTHOR_EMAIL: 'host@example.com', GIT_COMMITTER_NAME: 'Host Test', GIT_COMMITTER_EMAIL: 'host@example.com' };
const git = (...args: string[]): string => execFileSync('git', args, { cwd: WORKSPACE, env: ENV, encoding: 'utf8' });

describe('untrusted workspace', function () {
  this.timeout(60000);

  it('is untrusted, and the extension still activates and reads history', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const ext = vscode.extensions.getExtension<AiProvenanceApi>('ai-provenance.ai-provenance');
    const api = await ext?.activate();
    await api?.ready;
    assert.deepEqual(api?.repositories(), [WORKSPACE]);
  });

  it('refuses to install hooks, amend or write git config', async () => {
    const configBefore = readFileSync(path.join(WORKSPACE, '.git', 'config'), 'utf8');
    await vscode.commands.executeCommand('aiProvenance.installHooks', WORKSPACE, true);
    assert.ok(!existsSync(path.join(WORKSPACE, '.git', 'hooks', 'commit-msg')), 'no hook was installed');
    writeFileSync(path.join(WORKSPACE, 'u.txt'), 'u\n');
    git('add', 'u.txt');
    git('commit', '-q', '-m', 'Untrusted\n\nCo-authored-by: Copilot <copilot@github.com>');
    const sha = git('rev-parse', 'HEAD').trim();
    await vscode.commands.executeCommand('aiProvenance.fixLastCommit', WORKSPACE, sha);
    assert.equal(git('rev-parse', 'HEAD').trim(), sha, 'the commit was not amended');
    assert.equal(readFileSync(path.join(WORKSPACE, '.git', 'config'), 'utf8'), configBefore, 'git config untouched');
  });

  it('refuses to install agent hooks: no question is asked, no file is written', async () => {
    const api = await vscode.extensions.getExtension<AiProvenanceApi>('ai-provenance.ai-provenance')?.activate();
    mkdirSync(path.join(WORKSPACE, '.claude'), { recursive: true });
    try {
      assert.equal(await vscode.commands.executeCommand('aiProvenance.installAgentHooks', WORKSPACE), undefined);
      assert.deepEqual(api?.agentHooks?.prompts, []);
      assert.ok(!existsSync(path.join(WORKSPACE, '.claude', 'settings.json')), 'no agent hook was installed');
    } finally {
      rmSync(path.join(WORKSPACE, '.claude'), { recursive: true, force: true });
    }
  });

  it('reviews new commits read-only: no Fix or settings action is offered', async () => {
    const ext = vscode.extensions.getExtension<AiProvenanceApi>('ai-provenance.ai-provenance');
    const api = await ext?.activate();
    assert.ok(api);
    writeFileSync(path.join(WORKSPACE, 'u2.txt'), 'u2\n');
    git('add', 'u2.txt');
    git('commit', '-q', '-m', 'Second\n\nCo-authored-by: Copilot <copilot@github.com>');
    const sha = git('rev-parse', 'HEAD').trim();
    const event = await new Promise<ReviewEvent>((resolve, reject) => {
      const found = api.reviews.find((r) => r.sha === sha);
      if (found) return resolve(found);
      const t = setTimeout(() => reject(new Error('no review')), 15000);
      api.onDidReview((r) => {
        if (r.sha === sha) {
          clearTimeout(t);
          resolve(r);
        }
      });
    });
    assert.ok(event.problems.length > 0);
    assert.deepEqual(event.actions, ['Open Provenance', "Don't Ask Again for This Repository"]);
  });

  it('opens the provenance panel read-only: the policy verdict shows, the fix does not', async () => {
    const api = await vscode.extensions.getExtension<AiProvenanceApi>('ai-provenance.ai-provenance')?.activate();
    assert.ok(api);
    await vscode.commands.executeCommand('aiProvenance.openPanel', WORKSPACE);
    const head = git('rev-parse', 'HEAD').trim();
    const panel = await until('the panel', () => api.panel?.());
    await until('the history is loaded', () => panel.sent.find((m) => m.type === 'status' && m.state === 'ready'));
    await panel.deliver({ type: 'select', sha: head });
    const detail = await until('the detail of HEAD', () => panel.sent.find((m): m is Extract<Outbound, { type: 'detail' }> => m.type === 'detail' && m.sha === head));
    assert.equal(detail.policy?.verdict, 'rewrite');
    assert.equal(detail.policy?.fixable, false, 'no fix offered in Restricted Mode');
    const probe = await probeWebviews();
    assert.ok(probe, 'webview probes need the harness');
    const frame = await until('the panel webview', async () => (await probeWebviews())?.frames.find((f) => f.text.includes('Second')));
    assert.ok(!frame.text.includes('Fix Attribution'), 'the webview shows no Fix button');
  });

  it('decorates no line (git blame would run the folder\'s filters): the filter program never runs', async () => {
    const api = await vscode.extensions.getExtension<AiProvenanceApi>('ai-provenance.ai-provenance')?.activate();
    assert.ok(api);
    const canary = path.join(WORKSPACE, '..', `aip-canary-${process.pid}`);
    const script = path.join(WORKSPACE, '..', `aip-evil-${process.pid}.sh`);
    writeFileSync(script, `#!/bin/sh\ntouch '${canary}'\nexit 1\n`, { mode: 0o755 });
    const file = path.join(WORKSPACE, 'recorded.ts');
    writeFileSync(file, 'export const a = 1;\nexport const b = 2;\n');
    git('add', 'recorded.ts');
    git('commit', '-q', '--no-verify', '-m', 'Recorded lines');
    git('notes', '--ref=refs/notes/ai-provenance', 'add', '-m',
      JSON.stringify({ v: 1, tool: 'claude', files: [{ path: 'recorded.ts', ranges: [[1, 2]] }] }), 'HEAD');
    writeFileSync(path.join(WORKSPACE, '.gitattributes'), '*.ts filter=evil diff=evil\n');
    git('config', 'filter.evil.clean', script);
    git('config', 'diff.evil.textconv', script);
    await vscode.window.showTextDocument(vscode.Uri.file(file));
    assert.deepEqual(await api.decorateActiveEditor?.(), []);
    assert.ok(!existsSync(canary), 'no program configured by the folder ran');
  });
});
