// The lines cache (`ai-provenance lines`, src/git/blameCache.ts) is a file in a repository someone
// else may control, handled as the audit cache is (src/git/cacheFile.ts). A directory, a link to
// /dev/zero, a FIFO, a link to a file elsewhere or garbage in its place never fails, hangs or
// changes a count (rebuilt or bypassed, one notice), and nothing is written through a link; a
// cache directory that links out of .git is not followed; a read-only repository (another user's
// clone) is counted without writing.
import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanupTempDirs, commit, initRepo, tempDir } from '../helpers/repo';
import { IS_ROOT, NOBODY, assertTerminalSafe, bounded, hostileCli } from './bounded';

const CACHE_DIR = ['.git', 'ai-provenance', 'cache'];

function history(repo: string): void {
  commit(repo, { message: 'first\n', files: { 'a.txt': 'a\nb\nc\n' } });
  commit(repo, { message: 'second\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n', files: { 'b.ts': 'x\ny\n', 'a.txt': 'a\nB\nc\n' } });
  commit(repo, { message: 'third\n\nCo-authored-by: Copilot <copilot@github.com>\n', files: { 'c.txt': 'c\n' } });
}

function linesCacheFile(repo: string): string {
  const dir = path.join(repo, ...CACHE_DIR);
  const name = readdirSync(dir).find((f) => f.startsWith('lines-') && f.endsWith('.cache'));
  assert.ok(name, `a lines cache was written (${readdirSync(dir).join(', ')})`);
  return path.join(dir, name);
}

function lines(repo: string, extra: string[] = [], options: { env?: NodeJS.ProcessEnv; uid?: number } = {}): { status: number; stdout: string; stderr: string } {
  return hostileCli(['lines', '--repo', repo, '--by', 'file', '--format', 'json', ...extra], { env: options.env ?? {}, ...(options.uid !== undefined ? { uid: options.uid } : {}) });
}

const notes = (stderr: string): string[] => stderr.split('\n').filter(Boolean);

describe('hostile: the lines cache as a file', function () {
  this.timeout(60_000);
  after(cleanupTempDirs);

  const plants: [string, (file: string, saved: Buffer) => void, RegExp][] = [
    ['a directory', (file) => mkdirSync(file), /lines cache not used: .* is a directory, not a cache file/],
    ['a symbolic link to /dev/zero', (file) => symlinkSync('/dev/zero', file), /lines cache discarded and rebuilt \(the cache file is a symbolic link/],
    ['a FIFO', (file) => void bounded('mkfifo', [file]), /lines cache discarded and rebuilt \(the cache file is a FIFO/],
    ['garbage', (file) => writeFileSync(file, 'aip-lines 1 not this key\nF 99999 0000\n'), /lines cache discarded and rebuilt \(cache header does not match/],
    ['a truncated cache', (file, saved) => writeFileSync(file, saved.subarray(0, -7)), /lines cache discarded and rebuilt \(cache (record is truncated|ends inside)/],
  ];
  for (const [what, plant, notice] of plants) {
    it(`in place of the cache file, ${what}: the same count, at once, with one notice`, () => {
      const repo = initRepo();
      history(repo);
      const expected = lines(repo, ['--no-cache']);
      assert.equal(expected.status, 0, expected.stderr);
      const warm = lines(repo);
      assert.equal(warm.stdout, expected.stdout);
      assert.equal(warm.stderr, '');
      const file = linesCacheFile(repo);
      const saved = readFileSync(file);
      rmSync(file);
      plant(file, saved);
      const r = lines(repo);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, expected.stdout);
      assert.match(r.stderr, notice);
      assert.equal(notes(r.stderr).length, 1, r.stderr);
      const again = lines(repo);
      assert.equal(again.stdout, expected.stdout);
      if (what === 'a directory') {
        assert.ok(lstatSync(file).isDirectory(), 'a directory is left alone');
        assert.match(again.stderr, /lines cache not used/);
      } else {
        assert.ok(lstatSync(file).isFile(), 'rebuilt as a regular file');
        assert.equal(again.stderr, '', 'quiet once rebuilt');
      }
    });
  }

  it('a link to a file elsewhere in place of the cache file: not read, not written through', () => {
    const repo = initRepo();
    history(repo);
    const expected = lines(repo, ['--no-cache']).stdout;
    assert.equal(lines(repo).stdout, expected);
    const file = linesCacheFile(repo);
    const victim = path.join(tempDir('aip-victim-'), 'precious.txt');
    writeFileSync(victim, 'precious\n');
    rmSync(file);
    symlinkSync(victim, file);
    commit(repo, { message: 'fourth\n', files: { 'd.txt': 'd\n' } }); // something new to write
    const r = lines(repo);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, lines(repo, ['--no-cache']).stdout);
    assert.match(r.stderr, /the cache file is a symbolic link/);
    assert.equal(readFileSync(victim, 'utf8'), 'precious\n', 'nothing written through the link');
    assert.ok(lstatSync(file).isFile(), 'the link was replaced by our own file');
  });

  it('the cache directory a link out of .git: not followed, nothing written there', () => {
    const repo = initRepo();
    history(repo);
    const elsewhere = tempDir('aip-elsewhere-');
    mkdirSync(path.join(repo, '.git', 'ai-provenance'), { recursive: true });
    symlinkSync(elsewhere, path.join(repo, ...CACHE_DIR));
    const r = lines(repo);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, lines(repo, ['--no-cache']).stdout);
    assert.match(r.stderr, /lines cache not used: .* is a symbolic link, not a directory/);
    assert.equal(notes(r.stderr).length, 1, r.stderr);
    assert.deepEqual(readdirSync(elsewhere), []);
  });

  it('a notice naming a hostile repository path is terminal-safe', () => {
    const base = tempDir('aip-esc-');
    const dir = path.join(base, 'repo\u001b]0;owned\u0007');
    mkdirSync(dir);
    const repo = initRepo(dir);
    history(repo);
    mkdirSync(path.join(repo, ...CACHE_DIR), { recursive: true });
    assert.equal(lines(repo).status, 0);
    const file = linesCacheFile(repo);
    rmSync(file);
    mkdirSync(file);
    const r = lines(repo);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /lines cache not used/);
    assertTerminalSafe(r.stderr, 'stderr');
  });
});

describe('hostile: the lines cache in a read-only repository (another user\'s clone)', function () {
  this.timeout(60_000);
  after(cleanupTempDirs);

  const asReader = (): { uid?: number; env: NodeJS.ProcessEnv } => (IS_ROOT
    ? { uid: NOBODY, env: { HOME: '/nonexistent', GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'safe.directory', GIT_CONFIG_VALUE_0: '*' } }
    : { env: {} });

  for (const warm of [false, true]) {
    it(`lines counts without writing, with one notice at most (${warm ? 'a cache is there' : 'no cache yet'})`, () => {
      const base = tempDir('aip-ro-');
      chmodSync(base, 0o755);
      mkdirSync(path.join(base, 'clone'));
      const repo = initRepo(path.join(base, 'clone'));
      history(repo);
      if (warm) assert.equal(lines(repo).status, 0);
      bounded('chmod', ['-R', 'a-w,a+rX', repo]);
      const before = bounded('find', [path.join(repo, '.git'), '-printf', '%p %s %T@\n']).stdout;
      const { uid, env } = asReader();
      const r = lines(repo, [], { env, ...(uid !== undefined ? { uid } : {}) });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, lines(repo, ['--no-cache']).stdout);
      assert.ok(notes(r.stderr).length <= 1, r.stderr);
      assert.match(r.stderr, /lines cache not written: cannot (create|write in) .*EACCES.*; counted without saving it/);
      assert.equal(bounded('find', [path.join(repo, '.git'), '-printf', '%p %s %T@\n']).stdout, before, 'nothing was written in .git');
      assert.ok(!existsSync(path.join(repo, ...CACHE_DIR, 'x')));
    });
  }
});
