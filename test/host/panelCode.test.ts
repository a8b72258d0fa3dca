// The panel's Code view in a real VS Code: "Show AI Share of the Code" opens the panel on its Code
// tab, the host counts the lines at HEAD (ai-provenance lines) and answers one directory at a time
// with the CLI's classes, the webview shows the directory's files, and a new commit is counted again.
import * as vscode from 'vscode';
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AiProvenanceApi } from '../../src/extension/api';
import type { CodeMessage } from '../../src/protocol/panel';
import { probeWebviews } from '../harness/host-webview';
import { screenshot } from '../harness/host-screenshot';
import { until } from './wait';

const WORKSPACE = process.env.AIP_TEST_WORKSPACE as string;
const ENV = { ...process.env, GIT_AUTHOR_NAME: 'Code Test', GIT_AUTHOR_EMAIL: 'code@example.com', GIT_COMMITTER_NAME: 'Code Test', GIT_COMMITTER_EMAIL: 'code@example.com' };
const git = (...args: string[]): string => execFileSync('git', args, { cwd: WORKSPACE, env: ENV, encoding: 'utf8' });

function codeMessage(a: AiProvenanceApi, test: (m: CodeMessage) => boolean, from = 0): Promise<CodeMessage> {
  return until('a code message', () => (a.panel?.()?.sent ?? []).slice(from).find((m): m is CodeMessage => m.type === 'code' && test(m)), 30000);
}

describe('panel: Code view', function () {
  this.timeout(90000);
  let api: AiProvenanceApi;

  before(async () => {
    const a = await vscode.extensions.getExtension<AiProvenanceApi>('ai-provenance.ai-provenance')?.activate();
    assert.ok(a);
    api = a;
    await api.ready;
    mkdirSync(path.join(WORKSPACE, 'code', 'deep'), { recursive: true });
    writeFileSync(path.join(WORKSPACE, 'code', 'human.ts'), 'h1\nh2\nh3\nh4\n');
    writeFileSync(path.join(WORKSPACE, 'code', 'deep', 'agent.ts'), 'a1\na2\n');
    git('add', 'code/human.ts');
    git('commit', '-q', '--no-verify', '-m', 'Human code');
    git('add', 'code/deep/agent.ts');
    git('commit', '-q', '--no-verify', '-m', 'Agent code\n\nCo-Authored-By: Claude Opus 4.6 <noreply@anthropic.com>');
  });

  it('opens on the Code tab and lists the root by directory with the CLI\'s classes', async () => {
    await vscode.commands.executeCommand('aiProvenance.showCodeShare', WORKSPACE);
    const root = await codeMessage(api, (m) => m.state === 'ready' && m.dir === '');
    assert.equal(root.rev, git('rev-parse', 'HEAD').trim());
    const dir = root.listing?.entries.find((e) => e.path === 'code');
    assert.ok(dir, JSON.stringify(root.listing?.entries.map((e) => e.path)));
    assert.equal(dir.kind, 'dir');
    assert.deepEqual({ ...dir.counts }, { total: 6, recorded: 0, assistedCommit: 2, unverified: 0, none: 4, unknown: 0 });
    const t = root.listing?.totals;
    assert.ok(t && t.total === t.recorded + t.assistedCommit + t.unverified + t.none + t.unknown);
  });

  it('drills down into a directory, and the webview shows its files', async () => {
    const panel = api.panel?.();
    assert.ok(panel);
    const mark = panel.sent.length;
    await panel.deliver({ type: 'code', dir: 'code' });
    const sub = await codeMessage(api, (m) => m.state === 'ready' && m.dir === 'code', mark);
    assert.deepEqual(sub.listing?.entries.map((e) => [e.kind, e.name, e.aiShare]), [['dir', 'deep', 1], ['file', 'human.ts', 0]]);
    await panel.deliver({ type: 'code', dir: 'code/deep' });
    await codeMessage(api, (m) => m.state === 'ready' && m.dir === 'code/deep', mark);
    const frame = await until('the Code view in the webview', async () => {
      const p = await probeWebviews();
      assert.ok(p, 'webview probes need the harness (npm run test:host)');
      return p.frames.find((f) => f.text.includes('agent.ts') && f.text.includes('AI share'));
    });
    assert.match(frame.text, /assisted commit/);
    assert.doesNotMatch(frame.text, /human\.ts/, 'only the directory shown');
    await screenshot('panel-code');
    await panel.deliver({ type: 'code', dir: '../../etc' });
    const outside = await codeMessage(api, (m) => m.state === 'ready' && m.dir === 'etc', mark);
    assert.deepEqual(outside.listing?.entries, []);
  });

  it('counts again after a new commit', async () => {
    const panel = api.panel?.();
    assert.ok(panel);
    writeFileSync(path.join(WORKSPACE, 'code', 'human.ts'), 'h1\nh2\nh3\nh4\nai5\n');
    git('commit', '-q', '--no-verify', '-am', 'One more\n\nCo-Authored-By: Claude Opus 4.6 <noreply@anthropic.com>');
    const head = git('rev-parse', 'HEAD').trim();
    const mark = panel.sent.length;
    const again = await until('a recount at the new HEAD', async () => {
      await panel.deliver({ type: 'code', dir: 'code' });
      return (panel.sent.slice(mark) as CodeMessage[]).find((m) => m.type === 'code' && m.state === 'ready' && m.rev === head);
    });
    const human = again.listing?.entries.find((e) => e.name === 'human.ts');
    assert.deepEqual({ ...human?.counts }, { total: 5, recorded: 0, assistedCommit: 1, unverified: 0, none: 4, unknown: 0 });
  });
});
