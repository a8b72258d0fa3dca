// `hooks install` over what a hooks directory really holds: a dangling symbolic link (left by a
// removed tool), a link to a shared hook, a leftover `<hook>.pre-ai-provenance` from an earlier
// install, a directory. Install is all or nothing (no half-install, never "internal error"), and
// uninstall puts back exactly what was there, links included.
import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanupTempDirs, commit, initRepo, tempDir } from '../helpers/repo';
import { hostileCli, hostileGit } from './bounded';

/** Every entry of the hooks directory: name, kind, link target or content. */
function listing(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().map((name) => {
    const file = path.join(dir, name);
    const st = lstatSync(file);
    if (st.isSymbolicLink()) return `${name} -> ${readlinkSync(file)}`;
    if (st.isDirectory()) return `${name}/`;
    return `${name} ${(st.mode & 0o777).toString(8)} ${readFileSync(file, 'utf8').length}:${readFileSync(file, 'utf8').slice(0, 40)}`;
  });
}

function repoWithHooks(): { repo: string; hooks: string } {
  const repo = initRepo();
  commit(repo, { message: 'first\n', files: { 'a.txt': 'a\n' } });
  const hooks = path.join(repo, '.git', 'hooks');
  mkdirSync(hooks, { recursive: true });
  return { repo, hooks };
}

describe('hostile: hooks install and uninstall', function () {
  this.timeout(60_000);
  after(cleanupTempDirs);

  it('over a dangling symbolic link: kept (still dangling) and restored exactly on uninstall', () => {
    const { repo, hooks } = repoWithHooks();
    symlinkSync('/nonexistent/tool/commit-msg', path.join(hooks, 'commit-msg'));
    const before = listing(hooks);
    const r = hostileCli(['hooks', 'install', '--repo', repo]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readlinkSync(path.join(hooks, 'commit-msg.pre-ai-provenance')), '/nonexistent/tool/commit-msg');
    writeFileSync(path.join(repo, 'b.txt'), 'b\n');
    hostileGit(repo, ['add', 'b.txt']);
    hostileGit(repo, ['commit', '-q', '-m', 'with the hooks\n\nCo-authored-by: Copilot <copilot@github.com>\n']);
    const u = hostileCli(['hooks', 'uninstall', '--repo', repo]);
    assert.equal(u.status, 0, u.stderr);
    assert.deepEqual(listing(hooks), before);
  });

  it('over a link to a shared hook: the hook still runs first, and the link comes back on uninstall', () => {
    const { repo, hooks } = repoWithHooks();
    const shared = path.join(tempDir('aip-shared-'), 'commit-msg');
    const ran = path.join(tempDir(), 'ran');
    writeFileSync(shared, `#!/bin/sh\necho ran >> '${ran}'\n`);
    chmodSync(shared, 0o755);
    symlinkSync(shared, path.join(hooks, 'commit-msg'));
    const before = listing(hooks);
    assert.equal(hostileCli(['hooks', 'install', '--repo', repo]).status, 0);
    writeFileSync(path.join(repo, 'b.txt'), 'b\n');
    hostileGit(repo, ['add', 'b.txt']);
    hostileGit(repo, ['commit', '-q', '-m', 'chained']);
    assert.equal(readFileSync(ran, 'utf8'), 'ran\n');
    assert.equal(hostileCli(['hooks', 'uninstall', '--repo', repo]).status, 0);
    assert.deepEqual(listing(hooks), before);
  });

  const conflicts: [string, (hooks: string) => void, RegExp][] = [
    ['a leftover commit-msg.pre-ai-provenance beside a foreign commit-msg', (hooks) => {
      writeFileSync(path.join(hooks, 'commit-msg'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
      writeFileSync(path.join(hooks, 'commit-msg.pre-ai-provenance'), '#!/bin/sh\necho old\n', { mode: 0o755 });
    }, /commit-msg\.pre-ai-provenance already exists beside a foreign commit-msg/],
    ['a leftover commit-msg.pre-ai-provenance without a commit-msg', (hooks) => {
      writeFileSync(path.join(hooks, 'commit-msg.pre-ai-provenance'), '#!/bin/sh\necho old\n', { mode: 0o755 });
    }, /commit-msg\.pre-ai-provenance is left from an earlier install and commit-msg is missing/],
    ['a leftover link post-commit.pre-ai-provenance beside a foreign post-commit', (hooks) => {
      writeFileSync(path.join(hooks, 'post-commit'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
      symlinkSync('/nowhere', path.join(hooks, 'post-commit.pre-ai-provenance'));
    }, /post-commit\.pre-ai-provenance already exists/],
    ['a directory named post-rewrite', (hooks) => mkdirSync(path.join(hooks, 'post-rewrite')), /post-rewrite is a directory, not a hook script/],
  ];
  for (const [what, plant, says] of conflicts) {
    it(`with ${what}: refused with one line, exit 2, nothing changed`, () => {
      const { repo, hooks } = repoWithHooks();
      plant(hooks);
      const before = listing(hooks);
      const config = readFileSync(path.join(repo, '.git', 'config'), 'utf8');
      const r = hostileCli(['hooks', 'install', '--repo', repo]);
      assert.equal(r.status, 2, r.stdout + r.stderr);
      assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, r.stderr);
      assert.match(r.stderr, /^ai-provenance: hooks install: nothing was changed: /);
      assert.match(r.stderr, says);
      assert.doesNotMatch(r.stderr, /internal error/);
      assert.deepEqual(listing(hooks), before, 'no hook was written or renamed');
      assert.equal(readFileSync(path.join(repo, '.git', 'config'), 'utf8'), config, 'git config untouched');
      assert.ok(!existsSync(path.join(repo, '.git', 'ai-provenance', 'install.json')));
    });
  }

  it('install twice, then uninstall: byte for byte what was there (a chained foreign hook too)', () => {
    const { repo, hooks } = repoWithHooks();
    writeFileSync(path.join(hooks, 'post-commit'), '#!/bin/sh\necho mine\n', { mode: 0o750 });
    const before = listing(hooks);
    assert.equal(hostileCli(['hooks', 'install', '--repo', repo]).status, 0);
    const once = listing(hooks);
    assert.equal(hostileCli(['hooks', 'install', '--repo', repo]).status, 0);
    assert.deepEqual(listing(hooks), once, 'idempotent');
    assert.equal(hostileCli(['hooks', 'uninstall', '--repo', repo]).status, 0);
    assert.deepEqual(listing(hooks), before);
  });
});
