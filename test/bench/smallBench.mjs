// Bench case s: a small repository end to end. The same generator as the 100,000-commit repository
// (genRepo.mjs), at AIP_BENCH_SMALL_COMMITS (default 4,500) commits, cached beside it
// (${AIP_BENCH_DIR:-~/.cache/ai-provenance-bench}/repo-g<GENERATOR_VERSION>-4500): the case does not
// need the big repository. Rows, each a ratio against raw git in the same run (median of
// interleaved runs, stdout to /dev/null for both sides):
//   s. `audit` as a user runs it (diff scan, cache warm: filled by an untimed run) vs `git log`
//   s. `audit --no-diffs --no-cache --format jsonl` vs `git log`
//   s. `audit` cold (diff scan, no cache at all: the cache directory removed before each run) vs `git log -p`
//   s. bare `node -e 0` vs `git log`: the floor under every row (any node program pays it)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureRepo } from './genRepo.mjs';

export const SMALL_COMMITS_DEFAULT = 4500;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function smallCommits(env = process.env) {
  const raw = env.AIP_BENCH_SMALL_COMMITS;
  if (raw === undefined || raw === '') return SMALL_COMMITS_DEFAULT;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 20) throw new Error(`AIP_BENCH_SMALL_COMMITS must be an integer ≥ 20, got ${JSON.stringify(raw)}`);
  return n;
}

export async function measureSmallRepo(ctx) {
  const commits = smallCommits();
  const { dir: repo } = await ensureRepo({ commits, log: ctx.log });
  const cacheDir = path.join(repo, '.git', 'ai-provenance');
  const env = ctx.env;
  const ours = (args) => ({ label: `node ${path.basename(ctx.cli)} ${[args[0], '--repo', `<repo-${commits}>`, ...args.slice(1)].join(' ')}`,
    cmd: process.execPath, args: [ctx.cli, args[0], '--repo', repo, ...args.slice(1)], env });
  const git = (args) => ({ label: `git -C <repo-${commits}> ${args.join(' ')}`, cmd: 'git', args: ['-C', repo, ...args], env });
  const node0 = { label: 'node -e 0', cmd: process.execPath, args: ['-e', '0'], env };
  const dropCache = () => fs.rmSync(cacheDir, { recursive: true, force: true });

  const rows = [];
  /** One warm-up of each, then `runs` alternating pairs; `before` runs untimed before each of ours. */
  const pair = async (metric, a, b, { before = () => {}, target, note } = {}) => {
    ctx.log(`  s: ${metric}`);
    before();
    await ctx.time(a);
    await ctx.time(b);
    const xs = [];
    const ys = [];
    for (let i = 0; i < ctx.runs; i++) {
      if (i % 2 === 0) {
        before();
        xs.push(await ctx.time(a));
        ys.push(await ctx.time(b));
      } else {
        ys.push(await ctx.time(b));
        before();
        xs.push(await ctx.time(a));
      }
    }
    const x = median(xs);
    const y = median(ys);
    rows.push({ metric, ours: x, base: y, ratio: x / y, unit: 'ms', samples: { ours: xs, base: ys },
      ...(target !== undefined ? { target } : {}), note: `${commits} commits; ${a.label}${note ? `; ${note}` : ''}` });
  };

  try {
    dropCache();
    ctx.log('  s: filling the cache (untimed)');
    await ctx.time(ours(['audit', '--format', 'jsonl']));
    await pair(`s. audit, ${commits.toLocaleString('en')} commits, cache warm (diff scan) vs git log`,
      ours(['audit', '--format', 'jsonl']), git(['log']));
    await pair('s. audit --no-diffs --no-cache vs git log', ours(['audit', '--no-diffs', '--no-cache', '--format', 'jsonl']), git(['log']));
    await pair('s. audit cold (diff scan, no cache at all) vs git log -p', ours(['audit', '--format', 'jsonl']), git(['log', '-p']),
      { before: dropCache, note: 'cache directory removed before each run' });
    await pair('s. floor: bare node -e 0 vs git log', node0, git(['log']), { target: null });
  } finally {
    dropCache(); // keep the cached repository lean
  }
  return rows;
}
