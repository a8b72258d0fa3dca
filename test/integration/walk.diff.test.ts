// walkOrder() must reproduce `git log <tips>` order exactly: random DAGs with merges, equal
// timestamps and clock skew, compared with real git.
import { strict as assert } from 'node:assert';
import { walkOrder, type WalkNode } from '../../src/core/history/walk';
import { cleanupTempDirs, fastImport, git, initRepo, type FastCommit } from '../helpers/repo';

function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomDag(seed: number, n: number): FastCommit[] {
  const r = rng(seed);
  const commits: FastCommit[] = [];
  let time = 1_700_000_000;
  for (let i = 0; i < n; i++) {
    // mostly increasing, many ties, some skew backwards
    const roll = r();
    time += roll < 0.3 ? 0 : roll < 0.85 ? Math.floor(r() * 100) : -Math.floor(r() * 500);
    const parents: number[] = [];
    if (i > 0 && r() > 0.05) parents.push(i - 1 - Math.floor(r() * Math.min(i, 6)));
    if (i > 3 && r() < 0.2) parents.push(Math.floor(r() * i));
    if (i > 3 && r() < 0.05) parents.push(Math.floor(r() * i));
    commits.push({ message: `c${i}\n`, time, parents: [...new Set(parents)] });
  }
  return commits;
}

describe('history walk order (differential against git log)', function () {
  this.timeout(120000);
  after(cleanupTempDirs);

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`matches git log on random DAG #${seed}`, () => {
      const dir = initRepo();
      const commits = randomDag(seed, 160);
      const shas = fastImport(dir, commits);
      const graph = new Map<string, WalkNode>();
      for (const line of git(dir, ['log', '--no-walk=unsorted', '--format=%H %ct %P', ...shas]).trim().split('\n')) {
        const [sha, ct, ...parents] = line.split(' ');
        graph.set(sha as string, { time: Number(ct), parents: parents.filter(Boolean) });
      }
      const r = rng(seed * 31);
      for (let round = 0; round < 6; round++) {
        const tips = Array.from({ length: 1 + Math.floor(r() * 4) }, () => shas[Math.floor(r() * shas.length)] as string);
        const expected = git(dir, ['log', '--format=%H', ...tips, '--']).trim().split('\n');
        const got = walkOrder(tips, (s) => graph.get(s));
        assert.ok('order' in got, 'graph is complete');
        assert.deepEqual(got.order, expected, `tips ${tips.map((t) => t.slice(0, 7)).join(' ')}`);
        const limited = walkOrder(tips, (s) => graph.get(s), 17);
        assert.ok('order' in limited);
        assert.deepEqual(limited.order, expected.slice(0, 17));
      }
    });
  }

  it('reports the first commit the graph lacks', () => {
    const graph = new Map<string, WalkNode>([['a', { time: 2, parents: ['b'] }]]);
    assert.deepEqual(walkOrder(['a'], (s) => graph.get(s)), { missing: 'b' });
  });
});
