// Bench case i: `ai-provenance fleet` over 200 generated small repositories, against a shell loop of
// `git log` over the same repositories (one git process per repository, in series, as a script
// would), in repositories per minute; and the fixed start-up cost per repository (what fleet adds
// per repository whatever its history: measured over 200 one-commit repositories with --jobs 1,
// (T(200) − T(1)) / 199, next to the same figure for the git loop).
// The repositories are generated once (one `git fast-import` each) and cached under the bench dir:
//   ${AIP_BENCH_DIR:-~/.cache/ai-provenance-bench}/fleet-g<FLEET_GENERATOR>-<n>/{small,tiny}/rNNN
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { benchDir, gitEnv } from './genRepo.mjs';

const FLEET_GENERATOR = 1;
export const FLEET_REPOS = 200;
const SMALL_COMMITS = 40;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const MESSAGES = [
  (i) => `Fix the parser edge case ${i}\n`,
  (i) => `Add feature ${i}\n\nCo-Authored-By: Claude Opus 4.6 <noreply@anthropic.com>\n`,
  (i) => `Update docs ${i}\n\nCo-authored-by: Copilot <copilot@github.com>\n`,
  (i) => `aider: refactor module ${i}\n`,
  (i) => `Tidy ${i}\n\nSigned-off-by: Dev <dev@example.com>\n`,
];

/** One repository from one fast-import stream: `commits` commits touching a few files. */
function generate(dir, commits, seed) {
  fs.mkdirSync(dir, { recursive: true });
  const env = gitEnv();
  execFileSync('git', ['init', '-q', '-b', 'main', dir], { env });
  const parts = [];
  for (let i = 0; i < commits; i++) {
    const msg = Buffer.from(MESSAGES[(i + seed) % MESSAGES.length](i));
    const file = Buffer.from(`line ${i} of ${seed}\n`.repeat(1 + (i % 7)));
    const t = 1_700_000_000 + seed * 1000 + i * 3600;
    const who = (i + seed) % 5 === 3 ? 'Dev (aider) <dev@example.com>' : 'Dev <dev@example.com>';
    parts.push(Buffer.from(`commit refs/heads/main\nmark :${i + 1}\nauthor ${who} ${t} +0000\ncommitter ${who} ${t} +0000\ndata ${msg.length}\n`),
      msg, Buffer.from(`\n${i ? `from :${i}\n` : ''}M 100644 inline src/f${i % 5}.ts\ndata ${file.length}\n`), file, Buffer.from('\n\n'));
  }
  parts.push(Buffer.from('done\n'));
  const r = spawnSync('git', ['-C', dir, 'fast-import', '--quiet', '--done'], { input: Buffer.concat(parts), env });
  if (r.status !== 0) throw new Error(`fast-import failed in ${dir}: ${r.stderr}`);
  if (seed % 4 === 0) execFileSync('git', ['-C', dir, 'remote', 'add', 'origin', `https://git.example.com/bench/r${seed}.git`], { env });
}

function ensureFleet(log) {
  const root = path.join(benchDir(), `fleet-g${FLEET_GENERATOR}-${FLEET_REPOS}`);
  const marker = path.join(root, 'complete');
  if (fs.existsSync(marker)) return root;
  fs.rmSync(root, { recursive: true, force: true });
  log(`  i: generating ${FLEET_REPOS} small (${SMALL_COMMITS} commits) and ${FLEET_REPOS} one-commit repositories in ${root}`);
  for (let i = 0; i < FLEET_REPOS; i++) {
    const name = `r${String(i).padStart(3, '0')}`;
    generate(path.join(root, 'small', name), SMALL_COMMITS, i);
    generate(path.join(root, 'tiny', name), 1, i);
  }
  fs.writeFileSync(marker, `${new Date().toISOString()}\n`);
  return root;
}

export async function measureFleet(ctx) {
  const root = ensureFleet(ctx.log);
  const small = path.join(root, 'small');
  const tiny = path.join(root, 'tiny');
  const env = ctx.env;
  const fleet = (dir, args, label) => ({ label: `node ${path.basename(ctx.cli)} fleet ${label} ${args.join(' ')}`, cmd: process.execPath,
    args: [ctx.cli, 'fleet', dir, '--format', 'jsonl', ...args], env });
  const loop = (dir, gitArgs) => ({ label: `sh: for r in ${path.basename(dir)}/*; do git -C "$r" log ${gitArgs.join(' ')}; done`, cmd: 'sh',
    args: ['-c', `for r in "$1"/*/; do git -C "$r" log ${gitArgs.map((a) => `'${a}'`).join(' ')} || exit 1; done`, 'sh', dir], env });
  const one = (dir) => path.join(dir, 'r000');
  const perMinute = (ms) => (FLEET_REPOS / ms) * 60000;

  const rows = [];
  const pair = async (metric, ours, base) => {
    ctx.log(`  i: ${metric}`);
    await ctx.time(ours);
    await ctx.time(base);
    const a = [];
    const b = [];
    for (let i = 0; i < ctx.runs; i++) {
      if (i % 2 === 0) { a.push(await ctx.time(ours)); b.push(await ctx.time(base)); } else { b.push(await ctx.time(base)); a.push(await ctx.time(ours)); }
    }
    const ms = median(a);
    const baseMs = median(b);
    rows.push({ metric, ours: ms, base: baseMs, ratio: ms / baseMs, unit: 'ms', samples: { ours: a, base: b },
      note: `${perMinute(ms).toFixed(0)} repositories/min (git loop ${perMinute(baseMs).toFixed(0)}/min); ${ours.label}` });
  };
  const messages = ['--format=%H%x00%B'];
  await pair(`g. fleet, ${FLEET_REPOS} repositories × ${SMALL_COMMITS} commits (--no-diffs --no-cache) vs a git log loop`,
    fleet(small, ['--no-diffs', '--no-cache'], 'small'), loop(small, messages));
  await pair(`g. fleet with the diff scan (--no-cache) vs a git log -p loop`, fleet(small, ['--no-cache'], 'small'), loop(small, ['-p']));
  // Warm: every repository's cache filled by the runs above (the default reads and writes it).
  await ctx.time(fleet(small, ['--no-diffs'], 'small'));
  await pair('g. fleet, second run (each repository served from its own cache) vs a git log loop',
    fleet(small, ['--no-diffs'], 'small'), loop(small, messages));

  // Fixed cost per repository: 200 one-commit repositories against one, in series.
  ctx.log('  i: fixed start-up cost per repository (--jobs 1, one-commit repositories)');
  const oursAll = fleet(tiny, ['--no-diffs', '--no-cache', '--jobs', '1'], 'tiny');
  const oursOne = fleet(one(tiny), ['--no-diffs', '--no-cache', '--jobs', '1'], 'tiny/r000');
  const gitAll = loop(tiny, messages);
  const gitOne = { ...loop(tiny, messages), args: ['-c', `git -C "$1" log '--format=%H%x00%B'`, 'sh', one(tiny)] };
  const per = [];
  const perGit = [];
  for (const c of [oursAll, oursOne, gitAll, gitOne]) await ctx.time(c);
  for (let i = 0; i < ctx.runs; i++) {
    per.push(((await ctx.time(oursAll)) - (await ctx.time(oursOne))) / (FLEET_REPOS - 1));
    perGit.push(((await ctx.time(gitAll)) - (await ctx.time(gitOne))) / (FLEET_REPOS - 1));
  }
  rows.push({ metric: 'g. fixed start-up cost per repository (fleet --jobs 1, (T(200) − T(1)) / 199) vs the git loop\'s',
    ours: median(per), base: median(perGit), ratio: median(per) / median(perGit), unit: 'ms', target: null,
    samples: { ours: per, base: perGit }, note: 'per repository: open it, read its notes, replay or fill its cache, one git log' });
  return rows;
}
