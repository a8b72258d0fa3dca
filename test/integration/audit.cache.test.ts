// The audit cache: an unchanged history is never classified twice, a replay is byte-identical to
// an uncached audit in git's order, and a corrupt cache is discarded, never trusted.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, writeFileSync, truncateSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { runAudit, type AuditRequest, type AuditedCommit } from '../../src/app/audit/audit';
import { GitError } from '../../src/git/exec';
import { runCli } from '../helpers/cli';
import { cleanupTempDirs, commit, fastImport, git, initRepo, type FastCommit } from '../helpers/repo';

function request(repo: string, extra: Partial<AuditRequest> = {}): AuditRequest {
  return { repo, revs: [], all: false, paths: [], diffs: true, cache: true, version: 'test', ...extra };
}

async function collect(req: AuditRequest): Promise<{ lines: string[]; mode: string; classified: number; read: number; notices: string[] }> {
  const lines: string[] = [];
  const outcome = await runAudit(req, { begin: () => undefined, commit: (c: AuditedCommit) => void lines.push(c.json) });
  return { lines, mode: outcome.mode, classified: outcome.classified, read: outcome.read, notices: outcome.notices };
}

function dag(n: number, seed: number): FastCommit[] {
  let s = seed;
  const r = (): number => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const commits: FastCommit[] = [];
  let t = 1_700_000_000;
  for (let i = 0; i < n; i++) {
    t += r() < 0.3 ? 0 : r() < 0.9 ? 60 : -300; // ties and clock skew
    const parents = i === 0 ? [] : r() < 0.15 && i > 4 ? [i - 1, i - 2 - Math.floor(r() * 3)] : [i - 1];
    const msg = r() < 0.2 ? `c${i}\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n` : `c${i}\n`;
    commits.push({ message: msg, time: t, parents });
  }
  return commits;
}

describe('audit cache', function () {
  this.timeout(60000);
  after(cleanupTempDirs);

  it('replays a warm cache identically to an uncached audit, classifying nothing twice', async () => {
    const dir = initRepo();
    fastImport(dir, dag(120, 7));
    const uncached = await collect(request(dir, { cache: false }));
    const cold = await collect(request(dir));
    assert.equal(cold.mode, 'stream');
    assert.equal(cold.classified, 120);
    assert.deepEqual(cold.lines, uncached.lines);
    const warm = await collect(request(dir));
    assert.equal(warm.mode, 'splice');
    assert.equal(warm.classified, 0);
    assert.equal(warm.read, 0, 'nothing is read from git again');
    assert.deepEqual(warm.lines, uncached.lines);
  });

  it('after new commits (with merges and skewed dates) reads only those and keeps git order', async () => {
    const dir = initRepo();
    const base = dag(80, 11);
    fastImport(dir, base);
    await collect(request(dir, { diffs: false }));
    git(dir, ['checkout', '-q', '-b', 'topic', 'HEAD~5']);
    commit(dir, { message: 'topic 1\n\nAssisted-by: Claude:claude-3-opus\n', files: { 't1.txt': '1\n' }, date: '2023-11-10T00:00:00Z' });
    commit(dir, { message: 'topic 2\n', files: { 't2.txt': '2\n' }, date: '2023-11-16T00:00:00Z' });
    git(dir, ['checkout', '-q', 'main']);
    commit(dir, { message: 'main 1\n', files: { 'm.txt': 'm\n' }, date: '2023-11-12T00:00:00Z' });
    git(dir, ['merge', '-q', '--no-ff', '-m', 'merge topic', 'topic'], undefined);
    const warm = await collect(request(dir, { diffs: false }));
    assert.ok(['splice', 'replay'].includes(warm.mode), warm.mode + JSON.stringify(warm.notices));
    assert.equal(warm.classified, 4);
    assert.equal(warm.read, 4, 'only the new commits are read from git');
    assert.deepEqual(warm.lines, (await collect(request(dir, { diffs: false, cache: false }))).lines);
    const all = await collect(request(dir, { diffs: false, all: true }));
    assert.deepEqual(all.lines, (await collect(request(dir, { diffs: false, all: true, cache: false }))).lines);
    const limited = await collect(request(dir, { diffs: false, maxCount: 7 }));
    assert.ok(['splice', 'replay'].includes(limited.mode), limited.mode);
    assert.deepEqual(limited.lines, (await collect(request(dir, { diffs: false, cache: false, maxCount: 7 }))).lines);
  });

  it('splices the stored order after linear growth: reads and classifies only the new commits', async () => {
    const dir = initRepo();
    fastImport(dir, dag(60, 13));
    await collect(request(dir, { diffs: false }));
    for (let round = 0; round < 3; round++) {
      commit(dir, { message: `new ${round}\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n`, files: { [`n${round}.txt`]: 'n\n' },
        date: `2031-0${round + 1}-01T00:00:00Z` });
      const warm = await collect(request(dir, { diffs: false }));
      assert.equal(warm.mode, 'splice');
      assert.equal(warm.read, 1);
      assert.equal(warm.classified, 1);
      assert.deepEqual(warm.lines, (await collect(request(dir, { diffs: false, cache: false }))).lines);
    }
    const limited = await collect(request(dir, { diffs: false, maxCount: 5 }));
    assert.equal(limited.mode, 'splice');
    assert.deepEqual(limited.lines, (await collect(request(dir, { diffs: false, cache: false, maxCount: 5 }))).lines);
  });

  it('falls back to the walk when new history interleaves with the old by date', async () => {
    const dir = initRepo();
    commit(dir, { message: 'a\n', files: { 'a.txt': 'a\n' }, date: '2030-01-01T00:00:00Z' });
    commit(dir, { message: 'b\n', files: { 'b.txt': 'b\n' }, date: '2030-01-03T00:00:00Z' });
    await collect(request(dir, { diffs: false }));
    git(dir, ['checkout', '-q', '-b', 'old', 'HEAD~1']);
    commit(dir, { message: 'side, dated between a and b\n', files: { 's.txt': 's\n' }, date: '2030-01-02T00:00:00Z' });
    git(dir, ['checkout', '-q', 'main']);
    git(dir, ['merge', '-q', '--no-ff', '-m', 'merge old', 'old'], undefined);
    const warm = await collect(request(dir, { diffs: false }));
    assert.equal(warm.mode, 'replay');
    assert.equal(warm.read, 2, 'the fallback reuses what splice read');
    assert.deepEqual(warm.lines, (await collect(request(dir, { diffs: false, cache: false }))).lines);
  });

  it('filtered audits reuse cached classifications', async () => {
    const dir = initRepo();
    fastImport(dir, dag(40, 3));
    await collect(request(dir));
    const filtered = await collect(request(dir, { revs: ['HEAD~30..HEAD~10'] }));
    assert.equal(filtered.mode, 'stream');
    assert.equal(filtered.classified, 0);
    assert.equal(filtered.lines.length, 20);
  });

  it('keeps separate caches for different settings (diffs on/off)', async () => {
    const dir = initRepo();
    fastImport(dir, dag(10, 5));
    await collect(request(dir, { diffs: true }));
    const other = await collect(request(dir, { diffs: false }));
    assert.equal(other.classified, 10);
    const files = readdirSync(path.join(dir, '.git', 'ai-provenance', 'cache')).filter((f) => f.endsWith('.cache'));
    assert.equal(files.length, 2);
  });

  for (const [name, damage] of [
    ['a flipped byte', (file: string) => {
      const buf = readFileSync(file);
      const i = buf.indexOf('"verdict"') + 12;
      buf[i] = (buf[i] as number) ^ 0x20;
      writeFileSync(file, buf);
    }],
    ['a truncated file', (file: string) => truncateSync(file, Math.floor(statSync(file).size * 0.6))],
    ['a foreign header', (file: string) => writeFileSync(file, Buffer.concat([Buffer.from('aip-cache 0 old\n'), readFileSync(file)]))],
    ['a damaged order record', (file: string) => {
      const buf = readFileSync(file);
      const at = buf.lastIndexOf('\nO ') + 1;
      const payload = buf.indexOf(0x0a, at) + 1;
      buf[payload + 2] = (buf[payload + 2] as number) ^ 0xff;
      writeFileSync(file, buf);
    }],
  ] as const) {
    it(`discards and rebuilds a cache with ${name}`, async () => {
      const dir = initRepo();
      fastImport(dir, dag(30, 9));
      const reference = (await collect(request(dir, { cache: false }))).lines;
      await collect(request(dir));
      const cacheDir = path.join(dir, '.git', 'ai-provenance', 'cache');
      const file = path.join(cacheDir, readdirSync(cacheDir).find((f) => f.endsWith('.cache')) as string);
      damage(file);
      const after = await collect(request(dir));
      assert.match(after.notices.join('\n'), /audit cache discarded and rebuilt/);
      assert.equal(after.classified, 30);
      assert.deepEqual(after.lines, reference);
      const again = await collect(request(dir));
      assert.equal(again.mode, 'splice');
      assert.deepEqual(again.lines, reference);
    });
  }

  it('the CLI reports a rebuilt cache on stderr and still prints the right report', () => {
    const dir = initRepo();
    fastImport(dir, dag(12, 4));
    const first = runCli(['audit', '--repo', dir]);
    const cacheDir = path.join(dir, '.git', 'ai-provenance', 'cache');
    const file = path.join(cacheDir, readdirSync(cacheDir).find((f) => f.endsWith('.cache')) as string);
    writeFileSync(file, 'garbage');
    const second = runCli(['audit', '--repo', dir]);
    assert.equal(second.status, 0);
    assert.equal(second.stdout, first.stdout);
    assert.match(second.stderr, /audit cache discarded/);
  });

  it('reports progress and stops on cancellation', async () => {
    const dir = initRepo();
    fastImport(dir, dag(2500, 2));
    const seen: number[] = [];
    const lines: string[] = [];
    const controller = new AbortController();
    await assert.rejects(
      runAudit(request(dir, { cache: false, diffs: false, signal: controller.signal, onProgress: (n) => seen.push(n) }), {
        begin: () => undefined,
        commit: (c) => {
          lines.push(c.sha);
          if (lines.length === 1500) controller.abort();
        },
      }),
      (e: unknown) => e instanceof GitError && e.code === 'aborted',
    );
    assert.deepEqual(seen, [1000]);
    assert.ok(lines.length < 2500);
  });
});
