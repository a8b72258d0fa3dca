// Benchmark — a report, not a test. Measures the CLI against raw git ON THE SAME COMMITS IN THE SAME RUN
// and prints ratios; a missed target is reported (MISS) but does not fail the run.
//   npm run bench                        # builds dist/ (esbuild), then runs this file
//   node test/bench/run.mjs              # measures the existing dist/cli.js
//   AIP_BENCH_ONLY=a,c AIP_BENCH_RUNS=3 npm run bench
// Environment:
//   AIP_BENCH_COMMITS  commits in the generated repository (default 100000; generated once by genRepo.mjs, cached)
//   AIP_BENCH_DIR      where generated repositories are cached (default ${XDG_CACHE_HOME:-~/.cache}/ai-provenance-bench)
//   AIP_BENCH_RUNS     timed runs per command; the median is reported (default 5). One untimed warm-up
//                      run of every command precedes them (it warms the OS page cache).
//   AIP_BENCH_ONLY     comma-separated case ids to run (default: all), e.g. `a,c`
//   AIP_BENCH_CLI      the CLI bundle to measure (default dist/cli.js)
//   AIP_BENCH_REPACK=0 keep fast-import's pack when generating (see genRepo.mjs)
//   AIP_BENCH_PANEL_RUNS  case f: cached panel opens after the uncached one (default 3; the median is reported)
//   AIP_BENCH_LINES_PATHS, AIP_BENCH_LINES_RUNS, AIP_BENCH_LINES_COMMITS  cases g and h (see linesBench.mjs, genLinesRepo.mjs)
//   AIP_BENCH_SMALL_COMMITS  case s: commits in its small repository (default 4500; see smallBench.mjs)
// Case f runs the extension in the real-VS-Code harness (test/harness/, set up on first use; skipped with
// a reason when it cannot be); its VS Code output goes to test-output/harness/bench-panel/output.log.
// Every command runs with stdout on /dev/null (one fd, shared by both sides) and stderr captured; git config
// is isolated from ~/.gitconfig and /etc/gitconfig (GIT_CONFIG_GLOBAL=/dev/null, GIT_CONFIG_NOSYSTEM=1) for
// both sides. Output: a table on stdout, the same as JSON in test-output/bench.json. Exit status: 0 when
// every case ran (targets met or not), 1 on errors (missing build, a measured command exiting non-zero).
// Adding a case: append to CASES an object
//   { id, name, target: { max, of: 'ratio' | 'ours', unit? }, measure: async (ctx) => row | row[] }
// where row = { ours, base, ratio, unit, metric?, target?, samples?, note? } (base/ratio may be null).
// ctx offers repo, cli, runs, env, commonDir, ours(args), git(args), time(cmd), pair(oursCmd, baseCmd), log().
import { measureHookOverhead } from './hookBench.mjs';
import { measurePanelFirstPaint } from './panelBench.mjs';
import { measureFleet } from './fleetBench.mjs';
import { measureLinesOnBenchRepo, measureLinesOnLinesRepo } from './linesBench.mjs';
import { measureSmallRepo } from './smallBench.mjs';
import { spawn, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRepo, gitEnv, commitCountFromEnv } from './genRepo.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const RSS_PROBE = path.join(HERE, 'rssProbe.cjs');
const OUT_FILE = path.join(ROOT, 'test-output', 'bench.json');

class BenchError extends Error {}

const log = (s) => process.stderr.write(`${s}\n`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const rel = (p) => (path.relative(ROOT, p).startsWith('..') ? p : path.relative(ROOT, p) || '.');

function positiveInt(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new BenchError(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return n;
}

// ---------------------------------------------------------------------------------------------
// Cases

const AUDIT_ALL = ['audit', '--no-diffs', '--no-cache', '--format', 'jsonl'];

/** @type {{ id: string, name: string, target: { max: number, of: 'ratio' | 'ours', unit?: string }, measure: (ctx: object) => Promise<object | object[]> }[]} */
const CASES = [
  {
    id: 'a',
    name: 'message audit, all commits (--no-diffs) vs git log --format=%H%x00%B',
    target: { max: 1.3, of: 'ratio' },
    measure: (ctx) => ctx.pair(ctx.ours(AUDIT_ALL), ctx.git(['log', '--format=%H%x00%B'])),
  },
  {
    id: 'b',
    name: 'diff scan, 5,000 commits vs git log -p -n 5000',
    target: { max: 1.5, of: 'ratio' },
    measure: (ctx) => ctx.pair(ctx.ours(['audit', '-n', '5000', '--no-cache', '--format', 'jsonl']), ctx.git(['log', '-p', '-n', '5000'])),
  },
  {
    id: 'c',
    name: 'cached re-audit after one new commit vs uncached audit (--no-diffs)',
    target: { max: 0.25, of: 'ratio' },
    measure: measureCachedReaudit,
  },
  {
    id: 'd',
    name: 'peak RSS of the full message audit (uncached)',
    target: { max: 150, of: 'ours', unit: 'MB' },
    measure: measurePeakRss,
  },
  {
    id: 'e',
    name: 'git commit through the installed hooks: time added, as a multiple of a bare node -e 0 start',
    target: { max: 1.5, of: 'ratio' },
    // its own small repository in a temporary directory: the 100,000-commit one is not needed
    standalone: true,
    measure: measureHookOverhead,
  },
  {
    // uncached row: report only; cached row: median against the target (see panelBench.mjs)
    id: 'f',
    name: 'panel: first painted row, 100k commits (real VS Code)',
    target: { max: 1000, of: 'ours', unit: 'ms' },
    measure: measurePanelFirstPaint,
  },
  {
    // rows: first run vs a git blame loop (≤ 1.2×), re-run after one new commit vs the first run (≤ 0.1×); see linesBench.mjs
    id: 'g',
    name: 'lines on the bench repository (AIP_BENCH_LINES_PATHS) vs git blame --porcelain in a shell loop',
    target: { max: 1.2, of: 'ratio' },
    measure: measureLinesOnBenchRepo,
  },
  {
    id: 'h',
    name: 'lines on the lines bench repository (long files, merges, renames, notes) vs git blame --porcelain in a shell loop',
    target: { max: 1.2, of: 'ratio' },
    measure: measureLinesOnLinesRepo,
  },
  {
    // fleet over 200 generated small repositories (its own, cached beside the big one); report only
    id: 'i',
    name: 'fleet: 200 small repositories vs a shell loop of git log; fixed cost per repository',
    target: null,
    standalone: true,
    measure: measureFleet,
  },
  {
    // a 4,500-commit repository end to end (its own, cached beside the big one); see smallBench.mjs
    id: 's',
    name: 'small repository (4,500 commits) end to end: audit warm, --no-diffs --no-cache, cold vs git log / git log -p',
    target: { max: 3, of: 'ratio' },
    standalone: true,
    measure: measureSmallRepo,
  },
];

async function measureCachedReaudit(ctx) {
  const cacheDir = path.join(ctx.commonDir, 'ai-provenance');
  const fill = ctx.ours(['audit', '--no-diffs', '--format', 'jsonl']);
  // The state: a cache filled by a full audit, then one commit that no ref points at.
  fs.rmSync(cacheDir, { recursive: true, force: true });
  ctx.log('  c: filling the cache (untimed)');
  await ctx.time(fill);
  const newSha = execFileSync('git', ['commit-tree', 'HEAD^{tree}', '-p', 'HEAD', '-m', 'bench: one more'], {
    cwd: ctx.repo, encoding: 'utf8',
    env: { ...ctx.env, GIT_AUTHOR_NAME: 'AIP Bench', GIT_AUTHOR_EMAIL: 'bench@example.invalid', GIT_AUTHOR_DATE: '2030-01-01T00:00:00+0000',
      GIT_COMMITTER_NAME: 'AIP Bench', GIT_COMMITTER_EMAIL: 'bench@example.invalid', GIT_COMMITTER_DATE: '2030-01-01T00:00:00+0000' },
  }).trim();
  const cached = ctx.ours(['audit', '--no-diffs', '--format', 'jsonl', newSha]);
  const uncached = ctx.ours(['audit', '--no-diffs', '--no-cache', '--format', 'jsonl', newSha]);
  const notes = [];
  let snapshot = null;
  if (fs.existsSync(cacheDir)) {
    snapshot = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-bench-cache-'));
    fs.cpSync(cacheDir, snapshot, { recursive: true });
  } else {
    notes.push(`the CLI did not create ${cacheDir}`);
    ctx.log(`  c: warning: the fill run did not create ${cacheDir}`);
  }
  const restore = () => {
    if (!snapshot) return;
    fs.rmSync(cacheDir, { recursive: true, force: true });
    fs.cpSync(snapshot, cacheDir, { recursive: true });
  };
  try {
    ctx.log('  c: first cached run (one new commit)');
    const first = await ctx.time(cached);
    ctx.log('  c: warm-up uncached');
    await ctx.time(uncached);
    const fresh = [], warm = [], base = [];
    for (let i = 0; i < ctx.runs; i++) {
      ctx.log(`  c: run ${i + 1}/${ctx.runs}`);
      restore();
      fresh.push(await ctx.time(cached)); // the cache does not know the new commit yet
      warm.push(await ctx.time(cached)); // now it does
      base.push(await ctx.time(uncached));
    }
    const b = median(base);
    const note = notes.join('; ') || undefined;
    return [
      { metric: 'c. cached re-audit, 1 new commit (first run)', ours: first, base: b, ratio: first / b, unit: 'ms',
        samples: { ours: [first], base }, note: note ?? `new commit ${newSha.slice(0, 12)}` },
      { metric: `c. same, cache restored each run (median)`, ours: median(fresh), base: b, ratio: median(fresh) / b, unit: 'ms',
        samples: { ours: fresh, base }, note },
      { metric: 'c. warm re-audit, commit already cached (median)', ours: median(warm), base: b, ratio: median(warm) / b, unit: 'ms',
        samples: { ours: warm, base }, target: null, note },
    ];
  } finally {
    if (snapshot) fs.rmSync(snapshot, { recursive: true, force: true });
    fs.rmSync(cacheDir, { recursive: true, force: true }); // keep the cached repository lean
  }
}

async function measurePeakRss(ctx) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-bench-rss-'));
  try {
    const kb = [];
    for (let i = 0; i < ctx.runs; i++) {
      ctx.log(`  d: run ${i + 1}/${ctx.runs}`);
      const file = path.join(dir, `rss-${i}`);
      const cmd = ctx.ours(AUDIT_ALL, { nodeArgs: ['--require', RSS_PROBE], env: { AIP_BENCH_RSS_FILE: file } });
      await ctx.time(cmd);
      const v = fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8').trim()) : NaN;
      if (!Number.isFinite(v) || v <= 0) throw new BenchError(`rssProbe wrote no peak RSS for: ${cmd.label}`);
      kb.push(v);
    }
    const mb = kb.map((v) => v / 1024);
    return { ours: median(mb), base: null, ratio: null, unit: 'MB', samples: { ours: mb } };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Running commands

function makeContext({ repo, cli, runs, env, commonDir, devNull }) {
  /** Runs a command, stdout to /dev/null; resolves to wall-clock ms from spawn to 'close'. */
  function time(c, { countLines = false } = {}) {
    return new Promise((resolve, reject) => {
      let stderr = '';
      let lines = 0;
      const t0 = process.hrtime.bigint();
      const child = spawn(c.cmd, c.args, { cwd: repo, env: c.env, stdio: ['ignore', countLines ? 'pipe' : devNull, 'pipe'] });
      if (countLines) child.stdout.on('data', (d) => { for (let i = d.indexOf(10); i !== -1; i = d.indexOf(10, i + 1)) lines++; });
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-16000); });
      child.on('error', (e) => reject(new BenchError(`cannot run ${c.label}: ${e.message}`)));
      child.on('close', (code, signal) => {
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (code === 0) resolve(countLines ? { ms, lines } : ms);
        else reject(new BenchError(`measured command failed (${signal ?? `exit ${code}`}): ${c.label}\n${stderr.trimEnd() || '(no stderr)'}`));
      });
    });
  }
  const ctx = {
    repo, cli, runs, env, commonDir, log, time,
    /** The CLI under test: node [nodeArgs] <cli> <args> --repo <repo>. */
    ours(args, { nodeArgs = [], env: extra = {} } = {}) {
      const full = [...args.slice(0, 1), '--repo', repo, ...args.slice(1)];
      return { label: `node ${[...nodeArgs.map(rel), rel(cli), ...full].join(' ')}`, cmd: process.execPath,
        args: [...nodeArgs, cli, ...full], env: { ...env, ...extra } };
    },
    /** Raw git on the same repository. */
    git(args) {
      return { label: `git -C ${repo} ${args.join(' ')}`, cmd: 'git', args: ['-C', repo, ...args], env };
    },
    /** One warm-up of each, then `runs` alternating timed pairs; medians and their ratio. */
    async pair(ours, base) {
      log(`  warm-up: ${ours.label}`);
      const warm = await time(ours, { countLines: true });
      log(`  warm-up: ${base.label}`);
      await time(base);
      const a = [], b = [];
      for (let i = 0; i < runs; i++) {
        log(`  run ${i + 1}/${runs}`);
        if (i % 2 === 0) { a.push(await time(ours)); b.push(await time(base)); }
        else { b.push(await time(base)); a.push(await time(ours)); }
      }
      return { ours: median(a), base: median(b), ratio: median(a) / median(b), unit: 'ms', samples: { ours: a, base: b },
        note: `CLI wrote ${warm.lines} lines` };
    },
  };
  return ctx;
}

// ---------------------------------------------------------------------------------------------
// Report

function fmt(v, unit) {
  if (v === null || v === undefined || Number.isNaN(v)) return '-';
  if (unit === 'MB') return `${v.toFixed(1)} MB`;
  return `${v < 100 ? v.toFixed(1) : Math.round(v)} ms`;
}

function printTable(rows) {
  const head = ['metric', 'ours', 'baseline', 'ratio', 'target', 'ok'];
  const body = rows.map((r) => [
    r.metric, fmt(r.ours, r.unit), fmt(r.base, r.unit), r.ratio == null ? '-' : `${r.ratio.toFixed(2)}×`,
    r.target ? `≤ ${r.target.max}${r.target.of === 'ratio' ? '×' : ` ${r.target.unit ?? r.unit}`}` : '-',
    r.ok === null ? '-' : r.ok ? 'ok' : 'MISS',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ');
  process.stdout.write(`${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}\n${body.map(line).join('\n')}\n`);
}

function dirSize(dir) {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += dirSize(p);
    else if (e.isFile()) total += fs.statSync(p).size;
  }
  return total;
}

// ---------------------------------------------------------------------------------------------
// Main

async function main() {
  const cli = process.env.AIP_BENCH_CLI ? path.resolve(process.env.AIP_BENCH_CLI) : path.join(ROOT, 'dist', 'cli.js');
  if (!fs.existsSync(cli)) {
    throw new BenchError(process.env.AIP_BENCH_CLI ? `${cli} missing (AIP_BENCH_CLI)` : 'dist/cli.js missing: run npm run build');
  }
  const runs = positiveInt('AIP_BENCH_RUNS', 5);
  const only = (process.env.AIP_BENCH_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = only.filter((id) => !CASES.some((c) => c.id === id));
  if (unknown.length) throw new BenchError(`AIP_BENCH_ONLY: unknown case(s) ${unknown.join(', ')}; known: ${CASES.map((c) => c.id).join(', ')}`);
  const cases = only.length ? CASES.filter((c) => only.includes(c.id)) : CASES;

  let commits;
  try {
    commits = commitCountFromEnv();
  } catch (e) {
    throw new BenchError(e.message);
  }
  // Cases marked standalone bring their own repositories: the big one is generated only when needed.
  const standalone = cases.every((c) => c.standalone);
  const repoInfo = standalone ? null : await ensureRepo({ commits, log });
  const repo = repoInfo ? repoInfo.dir : os.tmpdir();
  const env = gitEnv();
  const git = (args) => execFileSync('git', args, { cwd: repo, env, encoding: 'utf8' }).trim();
  const commonDir = repoInfo ? path.resolve(repo, git(['rev-parse', '--git-common-dir'])) : null;
  const info = {
    date: new Date().toISOString(),
    repo: !repoInfo ? { path: null, commits: 0 } : { path: repo, commits: Number(git(['rev-list', '--count', 'HEAD'])), head: git(['rev-parse', 'HEAD']),
      gitDirBytes: dirSize(path.join(repo, '.git')), generatedSeconds: repoInfo.marker.seconds, generator: repoInfo.marker.generatorVersion },
    git: git(['--version']).replace(/^git version /, ''),
    node: process.version,
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    platform: `${os.platform()} ${os.release()}`,
    cli: rel(cli),
    runs,
  };
  log(`${repoInfo ? `repo: ${repo} (${info.repo.commits} commits, .git ${(info.repo.gitDirBytes / 2 ** 20).toFixed(0)} MB); ` : ''}` +
    `git ${info.git}, node ${info.node}, ${info.cpus} CPUs; ${runs} runs, median`);

  const devNull = fs.openSync('/dev/null', 'w');
  const ctx = makeContext({ repo, cli, runs, env, commonDir, devNull });
  const rows = [];
  try {
    for (const c of cases) {
      log(`${c.id}. ${c.name}`);
      const out = await c.measure(ctx);
      for (const r of Array.isArray(out) ? out : [out]) {
        const target = r.target === undefined ? c.target : r.target;
        const value = target ? (target.of === 'ratio' ? r.ratio : r.ours) : null;
        rows.push({ id: c.id, metric: r.metric ?? `${c.id}. ${c.name}`, ours: r.ours, base: r.base ?? null, ratio: r.ratio ?? null,
          unit: r.unit, target: target ?? null, ok: target && value != null ? value <= target.max : null,
          samples: r.samples, note: r.note });
      }
    }
  } finally {
    fs.closeSync(devNull);
  }

  process.stdout.write(`\nAI Provenance benchmark — ${info.repo.commits.toLocaleString('en')} commits, git ${info.git}, ` +
    `node ${info.node}, ${info.cpus} CPUs (${info.cpuModel}), median of ${runs}\n\n`);
  printTable(rows);
  for (const r of rows) if (r.note) process.stdout.write(`  ${r.metric}: ${r.note}\n`);
  fs.mkdirSync(path.dirname(OUT_FILE), { recursive: true });
  fs.writeFileSync(OUT_FILE, JSON.stringify({ ...info, results: rows }, null, 2) + '\n');
  process.stdout.write(`\nwritten: ${rel(OUT_FILE)}\n`);
}

try {
  await main();
} catch (e) {
  if (e instanceof BenchError) log(`bench: ${e.message}`);
  else log(`bench: unexpected error: ${e instanceof Error ? e.stack : e}`);
  process.exit(1);
}
