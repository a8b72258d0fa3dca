// In a real VS Code: every new commit is reviewed once — through the git API or from a terminal —
// and a phantom Copilot trailer raises one notification whose "Fix Last Commit" removes it.
import * as vscode from 'vscode';
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AiProvenanceApi, ReviewEvent } from '../../src/extension/api';

const WORKSPACE = process.env.AIP_TEST_WORKSPACE as string;
const ENV = { ...process.env, GIT_AUTHOR_NAME: 'Host Test', GIT_AUTHOR_EMAIL: 'host@example.com', GIT_COMMITTER_NAME: 'Host Test', GIT_COMMITTER_EMAIL: 'host@example.com' };
const git = (...args: string[]): string => execFileSync('git', args, { cwd: WORKSPACE, env: ENV, encoding: 'utf8' });

async function extensionApi(): Promise<AiProvenanceApi> {
  const ext = vscode.extensions.getExtension<AiProvenanceApi>('ai-provenance.ai-provenance');
  assert.ok(ext, 'the extension is installed');
  const api = await ext.activate();
  await api.ready;
  return api;
}

/** Resolves with the review of `sha` (already done, or when it happens). */
function reviewOf(api: AiProvenanceApi, sha: () => string, timeoutMs = 15000): Promise<ReviewEvent> {
  return new Promise((resolve, reject) => {
    const done = api.reviews.find((r) => r.sha === sha());
    if (done) return resolve(done);
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no review of ${sha()} within ${timeoutMs} ms; reviews: ${JSON.stringify(api.reviews)}`));
    }, timeoutMs);
    const sub = api.onDidReview((r) => {
      if (r.sha !== sha()) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(r);
    });
  });
}

async function gitApiRepository(): Promise<{ commit(message: string, opts?: { all?: boolean }): Promise<void>; inputBox: { value: string } }> {
  const gitExt = vscode.extensions.getExtension<{ getAPI(v: 1): { repositories: { rootUri: vscode.Uri; commit(m: string, o?: { all?: boolean }): Promise<void>; inputBox: { value: string } }[] } }>('vscode.git');
  const api = (await gitExt?.activate())?.getAPI(1);
  const repo = api?.repositories.find((r) => r.rootUri.fsPath === WORKSPACE);
  assert.ok(repo, 'the git extension opened the workspace repository');
  return repo;
}

describe('commit review', function () {
  this.timeout(60000);

  it('tracks the workspace repository', async () => {
    const api = await extensionApi();
    assert.deepEqual(api.repositories(), [WORKSPACE]);
  });

  it("a commit through VS Code's git API with the phantom Copilot trailer is flagged, and Fix Last Commit removes it", async () => {
    const api = await extensionApi();
    const repo = await gitApiRepository();
    writeFileSync(path.join(WORKSPACE, 'via-api.txt'), 'written in VS Code\n');
    let sha = '';
    const review = reviewOf(api, () => sha);
    await repo.commit('Add a file from the SCM view\n\nCo-authored-by: Copilot <copilot@github.com>', { all: true });
    sha = git('rev-parse', 'HEAD').trim();
    const event = await review;
    assert.deepEqual(event.actions.slice(0, 2), ['Fix Last Commit', 'Open Provenance']);
    assert.match(event.problems.join(' '), /Co-authored-by: Copilot <copilot@github\.com>": VS Code added it, but no AI edit was recorded/);
    await vscode.commands.executeCommand('aiProvenance.fixLastCommit', WORKSPACE, sha);
    const message = git('log', '-1', '--format=%B');
    assert.ok(!message.includes('copilot@github.com'), message);
    assert.match(message, /^Add a file from the SCM view/);
    const amended = git('rev-parse', 'HEAD').trim();
    assert.match(git('notes', '--ref=ai-provenance', 'show', amended), /"type":"removal","action":"removed","line":"Co-authored-by: Copilot <copilot@github\.com>"/,
      'the fix records the removal in the provenance note');
    const again = await reviewOf(api, () => amended);
    assert.equal(again.silent, 'complies', 'the amended commit is reviewed once and complies');
  });

  it('a commit made in a terminal is noticed too, once', async () => {
    const api = await extensionApi();
    writeFileSync(path.join(WORKSPACE, 'terminal.txt'), 'from a shell\n');
    git('add', 'terminal.txt');
    git('commit', '-q', '-m', 'From the terminal\n\nCo-authored-by: Copilot <copilot@github.com>');
    const sha = git('rev-parse', 'HEAD').trim();
    const event = await reviewOf(api, () => sha);
    assert.ok(event.problems.length > 0);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(api.reviews.filter((r) => r.sha === sha).length, 1, 'reviewed exactly once');
  });

  it('a commit that complies raises nothing; a checkout is not a commit', async () => {
    const api = await extensionApi();
    writeFileSync(path.join(WORKSPACE, 'plain.txt'), 'plain\n');
    git('add', 'plain.txt');
    git('commit', '-q', '-m', 'Plain human commit');
    const sha = git('rev-parse', 'HEAD').trim();
    assert.equal((await reviewOf(api, () => sha)).silent, 'complies');
    const before = api.reviews.length;
    git('checkout', '-q', '-b', 'side', 'HEAD~1');
    git('checkout', '-q', 'main');
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(api.reviews.length, before, 'moving HEAD without committing reviews nothing');
  });

  it("Don't Ask Again silences the repository", async () => {
    const api = await extensionApi();
    await api.dismissRepository(WORKSPACE);
    try {
      writeFileSync(path.join(WORKSPACE, 'quiet.txt'), 'quiet\n');
      git('add', 'quiet.txt');
      git('commit', '-q', '-m', 'Quiet\n\nCo-authored-by: Copilot <copilot@github.com>');
      const sha = git('rev-parse', 'HEAD').trim();
      const event = await reviewOf(api, () => sha);
      assert.equal(event.silent, 'dismissed-for-repository');
      assert.deepEqual(event.actions, []);
    } finally {
      await api.dismissRepository(WORKSPACE, false);
    }
  });
});

describe('settings and suggestions', function () {
  this.timeout(60000);

  it('an invalid setting is named with its allowed values and the default is used', async () => {
    const api = await extensionApi();
    await vscode.workspace.getConfiguration('aiProvenance').update('mode', 'bogus', vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(() => (api.settingsWarnings ?? []).some((w) => /aiProvenance\.mode: "bogus" is not one of keep, strip, evidence, require, forbid/.test(w)));
      assert.equal(gitConfig('aiprovenance.mode'), '', 'an invalid value never reaches the hooks');
    } finally {
      await vscode.workspace.getConfiguration('aiProvenance').update('mode', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('a valid setting reaches git config (where the hooks read it); a team lock wins and is reported', async () => {
    const api = await extensionApi();
    await vscode.workspace.getConfiguration('aiProvenance').update('mode', 'strip', vscode.ConfigurationTarget.Workspace);
    await waitFor(() => gitConfig('aiprovenance.mode') === 'strip');
    writeFileSync(path.join(WORKSPACE, '.ai-provenance.json'), '{"mode": "require", "locked": ["mode"]}\n');
    await vscode.workspace.getConfiguration('aiProvenance').update('mode', 'keep', vscode.ConfigurationTarget.Workspace);
    await waitFor(() => (api.settingsWarnings ?? []).some((w) => /aiProvenance\.mode is ignored .*would loosen the mode "require" locked by \.ai-provenance\.json/.test(w)));
    await vscode.workspace.getConfiguration('aiProvenance').update('mode', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => gitConfig('aiprovenance.mode') === '');
    execFileSync('rm', ['-f', path.join(WORKSPACE, '.ai-provenance.json')]);
  });

  it('recorded evidence shows up as a trailer in the commit message box before committing', async () => {
    const api = await extensionApi();
    const repo = await gitApiRepository();
    writeFileSync(path.join(WORKSPACE, 'agent.ts'), 'export const written = "by an agent";\n');
    git('add', 'agent.ts');
    const gitDir = git('rev-parse', '--absolute-git-dir').trim();
    mkdirSync(path.join(gitDir, 'ai-provenance', 'worklog'), { recursive: true });
    writeFileSync(path.join(gitDir, 'ai-provenance', 'worklog', `${Date.now()}-1-abcdef01.json`),
      JSON.stringify({ v: 1, time: new Date().toISOString(), tool: 'claude', model: 'claude-opus-4-6', files: [{ path: 'agent.ts' }] }));
    repo.inputBox.value = 'Add the agent file';
    const added = await api.suggestTrailers?.(WORKSPACE);
    assert.deepEqual(added, ['Assisted-by: Claude-Code:claude-opus-4-6']);
    assert.equal(repo.inputBox.value, 'Add the agent file\n\nAssisted-by: Claude-Code:claude-opus-4-6');
    repo.inputBox.value = 'Add the agent file';
    assert.deepEqual(await api.suggestTrailers?.(WORKSPACE), [], 'a deleted suggestion is not pushed again');
    git('reset', '-q', 'agent.ts');
  });
});

function gitConfig(key: string): string {
  try {
    return git('config', '--get', key).trim();
  } catch {
    return '';
  }
}

async function waitFor(check: () => boolean, timeoutMs = 10000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}
