// The npm package as users get it: `npm pack`, installed into an empty prefix with the registry out
// of reach (--offline, a fresh cache: it must need no dependency), then both bins run, including
// `git ai-provenance -h` (git turns --help into a man-page lookup, so -h is the way).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { GIT_ENV, cleanupTempDirs, commit, initRepo, tempDir } from '../helpers/repo';

const ROOT = path.resolve(__dirname, '../..');

function run(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(cmd, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

describe('npm package (npm pack, installed offline into an empty prefix)', function () {
  this.timeout(300000);
  let tarball: string;
  let prefix: string;
  let env: NodeJS.ProcessEnv;
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    name: string; version: string; private?: boolean; dependencies?: object; bin: Record<string, string>; files: string[];
  };

  before(() => {
    const out = tempDir('aip-pack-');
    const cache = tempDir('aip-npm-cache-');
    const npmEnv = { ...process.env, npm_config_cache: cache, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
    const packed = run('npm', ['pack', '--pack-destination', out, '--silent'], { env: npmEnv });
    assert.equal(packed.status, 0, packed.stderr);
    tarball = path.join(out, packed.stdout.trim().split('\n').pop() as string);
    assert.ok(existsSync(tarball), tarball);
    prefix = tempDir('aip-prefix-');
    assert.deepEqual(readdirSync(prefix), [], 'an empty prefix');
    const installed = run('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], { env: npmEnv });
    assert.equal(installed.status, 0, `${installed.stdout}\n${installed.stderr}`);
    env = { ...GIT_ENV, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`, NODE_PATH: '' };
  });
  after(cleanupTempDirs);

  it('is publishable: not private, no runtime dependencies, both bins, a files list', () => {
    assert.equal(manifest.private, undefined);
    assert.equal(manifest.dependencies, undefined, 'simple-git and zod are bundled: devDependencies');
    assert.deepEqual(manifest.bin, { 'ai-provenance': 'dist/cli.js', 'git-ai-provenance': 'dist/cli.js' });
    assert.ok(manifest.files.length > 0);
    const listing = run('tar', ['tzf', tarball]).stdout.split('\n').filter(Boolean);
    for (const f of ['package/package.json', 'package/README.md', 'package/LICENSE', 'package/CHANGELOG.md', 'package/dist/cli.js',
      'package/dist/vendor-simple-git.js', 'package/dist/schemas/report.schema.json', 'package/dist/schemas/team-file.schema.json',
      'package/dist/schemas/fleet-record.schema.json']) {
      assert.ok(listing.includes(f), f);
    }
    for (const f of listing) assert.ok(!/^package\/(src|test|node_modules)\/|\.map$|\.ts$/.test(f), `not shipped: ${f}`);
    const installed = path.join(prefix, 'lib', 'node_modules', manifest.name);
    assert.ok(existsSync(path.join(installed, 'dist', 'cli.js')));
    assert.ok(!existsSync(path.join(installed, 'node_modules')), 'nothing else was installed');
  });

  it('runs both bins from the prefix', () => {
    const version = run(path.join(prefix, 'bin', 'ai-provenance'), ['--version'], { env });
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout, `${manifest.version}\n`);
    const repo = initRepo();
    commit(repo, { message: 'Add x\n\nCo-Authored-By: Claude Opus 4.6 <noreply@anthropic.com>\n', files: { 'x.txt': 'x\n' } });
    const audit = run('ai-provenance', ['audit', '--format', 'json'], { cwd: repo, env });
    assert.equal(audit.status, 0, audit.stderr);
    assert.equal((JSON.parse(audit.stdout) as { summary: { assisted: number } }).summary.assisted, 1);
    const hooks = run('git-ai-provenance', ['hooks', 'status'], { cwd: repo, env });
    assert.equal(hooks.status, 0, hooks.stderr);
  });

  it('works as a git subcommand: git ai-provenance -h, git ai-provenance audit', () => {
    const repo = initRepo();
    commit(repo, { message: 'Plain\n', files: { 'a.txt': 'a\n' } });
    const help = run('git', ['ai-provenance', '-h'], { cwd: repo, env });
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /^ai-provenance \d+\.\d+\.\d+: audits AI attribution in git commits/);
    assert.match(help.stdout, /git ai-provenance/);
    const sub = run('git', ['ai-provenance', 'audit', '-h'], { cwd: repo, env });
    assert.equal(sub.status, 0);
    const audit = run('git', ['ai-provenance', 'audit', '--format', 'jsonl'], { cwd: repo, env });
    assert.equal(audit.status, 0, audit.stderr);
    assert.equal(audit.stdout.trim().split('\n').length, 1);
  });
});
