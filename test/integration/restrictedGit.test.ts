// Restricted mode (untrusted workspaces): a repository's own config cannot make our git reads run
// programs. Checked with a real fsmonitor hook and a real gpg.program configured in .git/config.
import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { Git, GitError, gitEnv, setRestrictedGit } from '../../src/git/exec';
import { cleanupTempDirs, commit, git, initRepo, tempDir } from '../helpers/repo';

describe('restricted git (untrusted workspaces)', () => {
  let repo: string;
  let marker: string;

  beforeEach(() => {
    repo = initRepo();
    commit(repo, { message: 'first\n', files: { 'a.txt': 'a\n' } });
    marker = path.join(tempDir(), 'ran');
    const script = path.join(tempDir(), 'evil.sh');
    writeFileSync(script, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`);
    chmodSync(script, 0o755);
    git(repo, ['config', 'core.fsmonitor', script]);
    git(repo, ['config', 'log.showSignature', 'true']);
    git(repo, ['config', 'gpg.program', script]);
  });

  afterEach(() => {
    setRestrictedGit(false);
    cleanupTempDirs();
  });

  it('runs the repository-configured programs normally (the fixture is live)', async () => {
    await new Git(repo).run(['status', '--porcelain'], { okExitCodes: [128] });
    assert.ok(existsSync(marker), 'fsmonitor ran');
  });

  it('neutralises a repository-configured fsmonitor in restricted mode, for text, verb and run calls (all spawn: gitRunner.test.ts)', async () => {
    setRestrictedGit(true);
    await new Git(repo).text(['log', '-1', '--format=%H%n%B']);
    await new Git(repo).verb(['rev-parse', 'HEAD']);
    // The pinned environment alone stops it, even for a command restricted mode refuses to run.
    execFileSync('git', ['status', '--porcelain'], { cwd: repo, env: gitEnv() });
    assert.ok(!existsSync(marker), 'no repository-configured program ran');
  });

  it('refuses commands that touch the work tree or write, at the choke point', async () => {
    setRestrictedGit(true);
    for (const args of [['status', '--porcelain'], ['blame', 'a.txt'], ['diff'], ['config', 'a.b', 'c'], ['notes', 'add', '-m', 'x'], ['checkout', '.']]) {
      await assert.rejects(new Git(repo).run(args), (e: unknown) => e instanceof GitError && e.code === 'unsafe-argument', args.join(' '));
    }
    await assert.rejects(new Git(repo).verb(['commit', '--allow-empty', '-m', 'x']), GitError);
    assert.ok(!existsSync(marker), 'no repository-configured program ran');
  });

  it('keeps a caller-provided GIT_CONFIG_COUNT and appends after it', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'aip.test', GIT_CONFIG_VALUE_0: 'kept' });
    try {
      setRestrictedGit(true);
      const g = new Git(repo);
      assert.equal((await g.text(['config', '--get', 'aip.test'])).trim(), 'kept');
      assert.equal((await g.text(['config', '--get', 'core.fsmonitor'])).trim(), 'false');
    } finally {
      for (const k of ['GIT_CONFIG_COUNT', 'GIT_CONFIG_KEY_0', 'GIT_CONFIG_VALUE_0']) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
  });
});
