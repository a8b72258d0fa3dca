// The git runner's two backends (src/git/exec.ts) against real git: simple-git (its unsafe-operations
// plugin fully on) for text commands, a direct spawn for the rest, with one error classification, the
// same okExitCodes and output; restricted mode still pins and refuses; the hook path never loads simple-git.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Git, GitError, SIMPLE_GIT_REJECTED_ENV, setRestrictedGit, simpleGitEnv, gitEnv } from '../../src/git/exec';
import { CLI } from '../helpers/cli';
import { GIT_ENV, cleanupTempDirs, commit, git, gitRaw, initRepo, tempDir } from '../helpers/repo';

/** Variables that send a call to the spawn backend, removed from process.env while these tests run. */
const KEPT = ['GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'GIT_CONFIG', 'GIT_CONFIG_COUNT', 'GIT_EXEC_PATH', 'PREFIX', 'AIP_GIT_BACKEND'];

function simpleGitLoaded(): boolean {
  return Object.keys(require.cache).some((k) => /node_modules[\\/]simple-git[\\/]/.test(k));
}

async function failure(p: Promise<unknown>): Promise<GitError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof GitError, String(e));
    return e;
  }
  throw new Error('expected a GitError');
}

describe('git runner: simple-git and spawn backends', () => {
  const saved: Record<string, string | undefined> = {};
  let repo: string;

  beforeEach(() => {
    for (const k of [...KEPT, 'GIT_EDITOR', 'PAGER', 'GIT_ASKPASS']) {
      saved[k] = process.env[k];
      if (KEPT.includes(k)) delete process.env[k];
    }
    repo = initRepo();
    commit(repo, { message: 'first: caf\u00e9\n', files: { 'a.txt': 'a\n' } });
  });

  afterEach(() => {
    setRestrictedGit(false);
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    cleanupTempDirs();
  });

  it('classifies failures the same on both backends (not a repository, bad revision, empty repository)', async () => {
    const empty = initRepo();
    const cases: [string, string[], string][] = [
      [tempDir(), ['rev-parse', 'HEAD'], 'not-a-repository'],
      [repo, ['rev-parse', '--verify', 'no-such-branch^{commit}'], 'bad-revision'],
      [repo, ['log', '-1', 'no-such-branch', '--'], 'bad-revision'],
      [empty, ['log', '-1'], 'empty-repository'],
    ];
    for (const [cwd, args, code] of cases) {
      const g = new Git(cwd);
      assert.equal(g.backend(args), 'simple-git', args.join(' '));
      const viaSimpleGit = await failure(g.text(args));
      const viaSpawn = await failure(g.run(args));
      assert.equal(viaSimpleGit.code, code, `${args.join(' ')}: ${viaSimpleGit.message}`);
      assert.deepEqual(
        { code: viaSimpleGit.code, message: viaSimpleGit.message, exitCode: viaSimpleGit.exitCode, stderr: viaSimpleGit.stderr, args: viaSimpleGit.args },
        { code: viaSpawn.code, message: viaSpawn.message, exitCode: viaSpawn.exitCode, stderr: viaSpawn.stderr, args: viaSpawn.args },
        args.join(' '),
      );
    }
    assert.ok(simpleGitLoaded(), 'the simple-git backend ran');
  });

  it('gives the same output, okExitCodes, log line format and git-not-found on both backends', async () => {
    const lines: string[] = [];
    const g = new Git(repo, (l) => lines.push(l));
    const args = ['log', '-1', '--format=%H%n%B'];
    assert.equal(g.backend(args), 'simple-git');
    assert.equal(await g.text(args), (await g.run(args)).stdout.toString('utf8'));
    assert.match(await g.text(args), /caf\u00e9\n\n$/, 'not trimmed, UTF-8');
    assert.equal(await g.text(['config', '--get', 'no.such'], { okExitCodes: [1] }), '');
    assert.equal((await failure(g.text(['config', '--get', 'no.such']))).exitCode, 1);
    assert.equal(lines.length, 5);
    for (const l of lines) assert.match(l, /^> git \S.* \[\d+ms\]( exit \d+)?$/, l);
    assert.match(lines[3] as string, /^> git config --get no\.such \[\d+ms\] exit 1$/);
    const missing = new Git(repo, () => undefined, 'no-such-git-binary');
    assert.equal(missing.backend(['version']), 'simple-git');
    const a = await failure(missing.text(['version']));
    const b = await failure(missing.run(['version']));
    assert.deepEqual([a.code, a.message], [b.code, b.message]);
    assert.equal(a.code, 'git-not-found');
    assert.equal(new Git(repo, () => undefined, '/opt/my git/bin/git').backend(['version']), 'spawn', 'a binary simple-git refuses spawns');
  });

  it('keeps simple-git\'s unsafe-operations plugin on: programs in arguments or config writes are refused', async () => {
    const marker = path.join(tempDir(), 'ran');
    const script = path.join(tempDir(), 'evil.sh');
    writeFileSync(script, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`);
    chmodSync(script, 0o755);
    const g = new Git(repo);
    assert.equal(g.backend(['config', 'core.hooksPath', script], {}, 'write'), 'simple-git');
    assert.equal((await failure(g.verb(['config', 'core.hooksPath', script]))).code, 'unsafe-argument');
    assert.equal(gitRaw(repo, ['config', '--get', 'core.hooksPath']).status, 1, 'nothing written');
    assert.equal((await failure(g.text(['-c', `core.fsmonitor=${script}`, 'status']))).code, 'unsafe-argument');
    assert.equal((await failure(g.text(['-c', `Protocol.Allow=always`, 'log', '-1']))).code, 'unsafe-argument', 'mixed case (CVE-2026-28292)');
    assert.ok(!existsSync(marker), 'no program ran');
    await g.verb(['config', 'aiprovenance.mode', 'strict']);
    assert.equal(git(repo, ['config', '--get', 'aiprovenance.mode']).trim(), 'strict', 'ordinary writes go through');
  });

  it('drops the editor, pager and prompt variables our commands never use, and spawns when the config location is set', async () => {
    Object.assign(process.env, { GIT_EDITOR: 'vi', PAGER: 'less', GIT_ASKPASS: '/bin/false' });
    const g = new Git(repo);
    assert.equal(g.backend(['rev-parse', 'HEAD']), 'simple-git');
    assert.match(await g.text(['rev-parse', 'HEAD']), /^[0-9a-f]{40}\n$/);
    assert.equal(g.backend(['commit', '--amend', '--no-edit'], {}, 'write'), 'spawn', 'commit hooks see the full environment');
    const global = path.join(tempDir(), 'gitconfig');
    writeFileSync(global, '[aip]\n\ttest = from-global\n');
    process.env.GIT_CONFIG_GLOBAL = global;
    assert.equal(g.backend(['config', '--get', 'aip.test']), 'spawn');
    assert.equal((await g.text(['config', '--get', 'aip.test'])).trim(), 'from-global', 'the user\'s config location is kept');
  });

  it('cleans exactly what simple-git\'s plugin rejects (checked with its own parser)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parseEnv } = require('@simple-git/argv-parser') as { parseEnv(env: NodeJS.ProcessEnv): { vulnerabilities: unknown[] } };
    for (const name of SIMPLE_GIT_REJECTED_ENV) {
      assert.ok(parseEnv({ [name.toUpperCase()]: 'x' }).vulnerabilities.length > 0, `${name} is one simple-git rejects`);
    }
    const everything = Object.fromEntries(SIMPLE_GIT_REJECTED_ENV.map((n) => [n.toUpperCase(), 'x']));
    const kept = new Set(['GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'GIT_CONFIG', 'GIT_CONFIG_COUNT', 'GIT_EXEC_PATH', 'PREFIX']);
    const usable = Object.fromEntries(Object.entries(everything).filter(([k]) => !kept.has(k)));
    const read = simpleGitEnv(gitEnv(usable), 'log');
    assert.ok(read);
    assert.deepEqual(parseEnv(read).vulnerabilities, []);
    assert.equal(read.GIT_ALLOW_PROTOCOL, '', 'reads still never fetch');
    assert.equal(simpleGitEnv(gitEnv(usable, 'read', true), 'log'), undefined, 'a lazy fetch keeps the transport variables');
    assert.ok(simpleGitEnv(gitEnv(usable, 'write'), 'config'), 'git config never contacts a remote');
    for (const name of kept) assert.equal(simpleGitEnv(gitEnv({ [name]: 'x' }), 'log'), undefined, name);
  });

  it('restricted mode: calls simple-git would run spawn with the pins, and refusals come first', async () => {
    const marker = path.join(tempDir(), 'ran');
    const script = path.join(tempDir(), 'evil.sh');
    writeFileSync(script, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`);
    chmodSync(script, 0o755);
    git(repo, ['config', 'core.fsmonitor', script]);
    const g = new Git(repo);
    assert.equal(g.backend(['config', '--get', 'core.fsmonitor']), 'simple-git');
    assert.equal((await g.text(['config', '--get', 'core.fsmonitor'])).trim(), script, 'trusted: the repository value');
    setRestrictedGit(true);
    assert.equal(g.backend(['config', '--get', 'core.fsmonitor']), 'spawn');
    assert.equal((await g.text(['config', '--get', 'core.fsmonitor'])).trim(), 'false', 'pinned');
    assert.equal((await g.text(['config', '--get', 'core.hooksPath'])).trim(), '/dev/null', 'pinned');
    assert.equal((await g.text(['config', '--get', 'protocol.allow'])).trim(), 'never', 'pinned');
    const before = git(repo, ['config', '--list', '--local']);
    assert.equal((await failure(g.verb(['config', 'aiprovenance.mode', 'strict']))).code, 'unsafe-argument');
    assert.equal((await failure(g.text(['status', '--porcelain']))).code, 'unsafe-argument');
    assert.equal(git(repo, ['config', '--list', '--local']), before, 'nothing written');
    await g.text(['log', '-1', '-p']);
    assert.ok(!existsSync(marker), 'the repository-configured fsmonitor never ran');
  });
});

describe('git runner: the hook path never loads simple-git', () => {
  after(cleanupTempDirs);

  it('the hook-path bundles do not contain it; the other commands load it lazily from its own bundle', () => {
    const dist = path.dirname(CLI);
    for (const name of ['hook', 'record', 'policy', 'audit']) {
      const text = readFileSync(path.join(dist, `cli-${name}.js`), 'utf8');
      assert.ok(!text.includes('vendor-simple-git'), `cli-${name}.js requires no simple-git`);
      assert.ok(!/simple-git\/dist|createDeferred|GitPluginError/.test(text), `cli-${name}.js does not bundle simple-git`);
    }
    for (const name of ['hooks', 'notes', 'report']) assert.ok(readFileSync(path.join(dist, `cli-${name}.js`), 'utf8').includes('./vendor-simple-git.js'), name);
    assert.ok(readFileSync(path.join(dist, 'extension.js'), 'utf8').includes('./vendor-simple-git.js'), 'the extension loads the same file');
  });

  it('a real commit through the installed hooks, an agent\'s record and an audit never require it (hooks install does)', () => {
    const repo = initRepo();
    commit(repo, { message: 'base\n', files: { 'a.txt': 'a\n' } });
    const probe = path.join(tempDir(), 'probe.cjs');
    const loaded = path.join(tempDir(), 'loaded');
    const ran = path.join(tempDir(), 'ran');
    writeFileSync(probe, `const Module = require('node:module'); const fs = require('node:fs');
fs.appendFileSync(${JSON.stringify(ran)}, process.argv.slice(2).join(' ') + '\\n');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (/simple-git/.test(request)) fs.appendFileSync(${JSON.stringify(loaded)}, process.argv.slice(2).join(' ') + ': ' + request + '\\n');
  return load.call(this, request, ...rest);
};
`);
    // No GIT_CONFIG_GLOBAL (it would send every call to the spawn backend): an empty HOME instead.
    const env: NodeJS.ProcessEnv = { ...GIT_ENV, HOME: tempDir(), XDG_CONFIG_HOME: tempDir(), NODE_OPTIONS: `--require ${probe}` };
    delete env.GIT_CONFIG_GLOBAL;
    delete env.AIP_GIT_BACKEND;
    const cli = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: repo, env, encoding: 'utf8' });
    assert.equal(cli(['hooks', 'install', '--repo', repo]).status, 0);
    assert.match(readFileSync(loaded, 'utf8'), /^hooks .*vendor-simple-git/m, 'the probe sees a command that loads it');
    // The shims start node with NODE_OPTIONS emptied: the probe reaches the hooks' node through a wrapper they name.
    const wrapper = path.join(tempDir(), 'node-with-probe');
    writeFileSync(wrapper, `#!/bin/sh\nexec '${process.execPath}' --require '${probe}' "$@"\n`);
    chmodSync(wrapper, 0o755);
    for (const hook of ['prepare-commit-msg', 'commit-msg', 'post-commit']) {
      const shim = path.join(repo, '.git', 'hooks', hook);
      writeFileSync(shim, readFileSync(shim, 'utf8').replace(/^AIP_NODE=.*$/m, `AIP_NODE='${wrapper}'`));
    }
    writeFileSync(loaded, '');
    writeFileSync(path.join(repo, 'a.txt'), 'a\nb\n');
    const rec = cli(['record', '--repo', repo, '--tool', 'copilot', '--file', `${path.join(repo, 'a.txt')}:2`]);
    assert.equal(rec.status, 0, rec.stderr);
    git(repo, ['add', '-A'], undefined, env);
    const msg = path.join(tempDir(), 'MSG');
    writeFileSync(msg, 'Edit a\n');
    const c = gitRaw(repo, ['commit', '-q', '-F', msg], undefined, env);
    assert.equal(c.status, 0, c.stderr);
    const processes = readFileSync(ran, 'utf8');
    for (const command of ['record', 'policy apply']) assert.ok(processes.includes(`${command} `), `${command} ran:\n${processes}`);
    assert.match(git(repo, ['log', '-1', '--format=%B'], undefined, env), /Copilot/i, 'the hooks did their work');
    assert.equal(readFileSync(loaded, 'utf8'), '', 'no hook-path process required simple-git');
    // audit is built on the spawn backend too (esbuild.config.mjs, SPAWN_BACKEND): loading simple-git cost more than its reads.
    const audit = cli(['audit', '--format', 'summary', '--repo', repo]);
    assert.equal(audit.status, 0, audit.stderr);
    assert.match(audit.stdout, /Copilot/i, 'the audit did its work');
    assert.equal(readFileSync(loaded, 'utf8'), '', 'audit did not require simple-git');
  });
});
