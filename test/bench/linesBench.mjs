// Bench cases g and h: `ai-provenance lines` against `git blame --porcelain` over the same files run
// back to back by a shell loop (targets: first run ≤ 1.2× the loop; re-run after one new commit ≤
// 0.1× the first run). g runs on the main bench repository (a subset of its paths, the whole of it
// takes minutes per loop), h on the lines bench repository (genLinesRepo.mjs: long files edited
// hunk by hunk, merges, renames, provenance notes).
//   AIP_BENCH_LINES_PATHS   paths of case g (comma-separated; default "src,lib")
//   AIP_BENCH_LINES_RUNS    timed runs per side (default: min(AIP_BENCH_RUNS, 3))
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureLinesRepo } from './genLinesRepo.mjs';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function runsOf(ctx) {
  const raw = Number(process.env.AIP_BENCH_LINES_RUNS);
  return Number.isInteger(raw) && raw > 0 ? raw : Math.min(ctx.runs, 3);
}

/** Case g: the main bench repository, AIP_BENCH_LINES_PATHS only. */
export function measureLinesOnBenchRepo(ctx) {
  const paths = (process.env.AIP_BENCH_LINES_PATHS ?? 'src,lib').split(',').map((s) => s.trim()).filter(Boolean);
  return measureLines(ctx, ctx.repo, paths, 'g');
}

/** Case h: the lines bench repository, whole tree. */
export async function measureLinesOnLinesRepo(ctx) {
  const { dir, marker } = await ensureLinesRepo({ log: ctx.log });
  const rows = await measureLines(ctx, dir, [], 'h');
  for (const r of rows) r.note = `${marker.commits} commits, ${marker.files} files, ${marker.lines} lines, ${marker.merges} merges${r.note ? `; ${r.note}` : ''}`;
  return rows;
}

async function measureLines(ctx, repo, paths, id) {
  const runs = runsOf(ctx);
  const git = (args, env = ctx.env, input) => execFileSync('git', args, { cwd: repo, env, encoding: 'utf8', input, maxBuffer: 1 << 30 }).trim();
  const commonDir = path.resolve(repo, git(['rev-parse', '--git-common-dir']));
  const cacheDir = path.join(commonDir, 'ai-provenance');
  const clear = () => fs.rmSync(cacheDir, { recursive: true, force: true });
  const pathArgs = paths.flatMap((p) => ['--path', p]);
  const lines = (rev = []) => ({
    label: `node ${path.relative(process.cwd(), ctx.cli)} lines --repo ${repo} --format json ${[...pathArgs, ...rev].join(' ')}`,
    cmd: process.execPath, args: [ctx.cli, 'lines', '--repo', repo, '--format', 'json', ...pathArgs, ...rev], env: ctx.env,
  });

  // the files lines blames: every text file with lines, from an untimed run (it also warms the page cache)
  ctx.log(`  ${id}: listing the files (untimed run)`);
  clear();
  const doc = JSON.parse(execFileSync(process.execPath, [ctx.cli, 'lines', '--repo', repo, '--format', 'json', ...pathArgs],
    { env: ctx.env, encoding: 'utf8', maxBuffer: 1 << 30 }));
  const files = doc.groups.map((g) => g.key);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-bench-lines-'));
  const list = path.join(tmp, 'files.txt');
  fs.writeFileSync(list, files.join('\n') + '\n');
  const loop = {
    label: `sh: git blame --porcelain over ${files.length} files, one after the other`,
    cmd: 'sh', args: ['-c', 'cd "$1" && while IFS= read -r f; do git blame --porcelain -- "$f"; done < "$2"', 'sh', repo, list], env: ctx.env,
  };
  try {
    ctx.log(`  ${id}: ${files.length} files, ${doc.totals.total} lines; warm-up of the loop`);
    await ctx.time(loop);
    const first = [], base = [];
    for (let i = 0; i < runs; i++) {
      ctx.log(`  ${id}: run ${i + 1}/${runs} (first run, no caches; shell loop)`);
      clear();
      if (i % 2 === 0) { first.push(await ctx.time(lines())); base.push(await ctx.time(loop)); }
      else { base.push(await ctx.time(loop)); clear(); first.push(await ctx.time(lines())); }
    }

    // one new commit changing one file (not on any ref), over a cache filled at HEAD
    clear();
    await ctx.time(lines());
    const snapshot = path.join(tmp, 'cache');
    fs.cpSync(cacheDir, snapshot, { recursive: true });
    const file = files[Math.floor(files.length / 2)];
    const index = path.join(tmp, 'index');
    const env = { ...ctx.env, GIT_INDEX_FILE: index };
    git(['read-tree', 'HEAD'], env);
    const content = git(['cat-file', 'blob', `HEAD:${file}`]).split('\n');
    content.splice(Math.floor(content.length / 2), 1, '// bench: one line changed');
    const blob = git(['hash-object', '-w', '--stdin'], ctx.env, `${content.join('\n')}\n`);
    git(['update-index', '--cacheinfo', `100644,${blob},${file}`], env);
    const tree = git(['write-tree'], env);
    const commit = git(['commit-tree', tree, '-p', 'HEAD', '-m', 'bench: one more\n\nCo-Authored-By: Claude <noreply@anthropic.com>'], {
      ...ctx.env, GIT_AUTHOR_NAME: 'AIP Bench', GIT_AUTHOR_EMAIL: 'bench@example.invalid', GIT_COMMITTER_NAME: 'AIP Bench',
      GIT_COMMITTER_EMAIL: 'bench@example.invalid', GIT_AUTHOR_DATE: '2031-01-01T00:00:00+0000', GIT_COMMITTER_DATE: '2031-01-01T00:00:00+0000',
    });
    const again = [], warm = [];
    for (let i = 0; i < runs; i++) {
      ctx.log(`  ${id}: run ${i + 1}/${runs} (after one new commit; then nothing new)`);
      fs.rmSync(cacheDir, { recursive: true, force: true });
      fs.cpSync(snapshot, cacheDir, { recursive: true });
      again.push(await ctx.time(lines([commit])));
      warm.push(await ctx.time(lines([commit])));
    }
    const f = median(first);
    const where = paths.length ? `--path ${paths.join(' --path ')}` : 'whole tree';
    return [
      { metric: `${id}. lines, first run (no caches) vs git blame --porcelain loop, ${files.length} files (${where})`, ours: f, base: median(base),
        ratio: f / median(base), unit: 'ms', samples: { ours: first, base }, target: { max: 1.2, of: 'ratio' } },
      { metric: `${id}. lines after one new commit (1 file changed) vs the first run`, ours: median(again), base: f, ratio: median(again) / f,
        unit: 'ms', samples: { ours: again, base: first }, target: { max: 0.1, of: 'ratio' }, note: `changed ${file}` },
      { metric: `${id}. lines again, nothing new, vs the first run`, ours: median(warm), base: f, ratio: median(warm) / f,
        unit: 'ms', samples: { ours: warm, base: first }, target: null },
    ];
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    clear();
  }
}
