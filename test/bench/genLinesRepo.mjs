// A second benchmark repository for `lines`: a history shaped for git blame, not for git log —
// long-lived source files (hundreds of lines each) edited hunk by hunk over thousands of commits,
// with side branches merged back, renames, AI-attributed commits (trailers) and provenance notes
// recording the lines those commits wrote (refs/notes/ai-provenance), so every class of line occurs.
// One `git fast-import` stream, deterministic, cached next to the main bench repository:
//   ${AIP_BENCH_DIR:-~/.cache/ai-provenance-bench}/lines-g<GENERATOR_VERSION>-<commits>
//   AIP_BENCH_LINES_COMMITS   commits (default 6000)
//   node test/bench/genLinesRepo.mjs    # ensure it exists, print its path
import { spawn, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { benchDir, gitEnv } from './genRepo.mjs';

export const LINES_GENERATOR_VERSION = 1;
export const DEFAULT_LINES_COMMITS = 6000;
const MARKER = 'aip-lines-bench-complete.json';

export function linesCommitsFromEnv(env = process.env) {
  const raw = env.AIP_BENCH_LINES_COMMITS;
  if (raw === undefined || raw === '') return DEFAULT_LINES_COMMITS;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 50) throw new Error(`AIP_BENCH_LINES_COMMITS must be an integer ≥ 50, got ${JSON.stringify(raw)}`);
  return n;
}

function sfc32(a, b, c, d) {
  return () => {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

const WORDS = ('alpha beta gamma delta parser token cache store index query router handler request response session user ' +
  'account billing invoice payment order item price stock report metric event queue worker job task schedule retry timeout ' +
  'buffer stream reader writer encoder decoder schema model field record table column row page view layout render').split(' ');
const AUTHORS = ['Alice Nguyen <alice@example.com>', 'Bob Stone <bob@example.com>', 'Chen Wei <chen@example.com>',
  'Dana Cruz <dana@example.com>', 'Eve Adams <eve@example.com>', 'Femi Ade <femi@example.com>'];
const AI = [
  { tool: 'claude', model: 'claude-opus-4-6', trailer: 'Co-Authored-By: Claude Opus 4.6 <noreply@anthropic.com>' },
  { tool: 'codex', model: 'gpt-5-codex', trailer: 'Co-authored-by: Codex <codex@openai.com>' },
  { tool: 'aider', model: 'gpt-4o', trailer: 'Assisted-by: aider:gpt-4o' },
  { tool: 'copilot', model: undefined, trailer: 'Co-authored-by: Copilot <copilot@github.com>' },
];
const DIRS = ['src/core', 'src/api', 'src/ui', 'lib/util', 'lib/io', 'pkg/store', 'pkg/net', 'tools', 'docs'];

/** @returns {Promise<{dir: string, commits: number, generated: boolean}>} */
export async function ensureLinesRepo({ commits = linesCommitsFromEnv(), log = (s) => process.stderr.write(`${s}\n`) } = {}) {
  const dir = path.join(benchDir(), `lines-g${LINES_GENERATOR_VERSION}-${commits}`);
  try {
    const m = JSON.parse(fs.readFileSync(path.join(dir, '.git', MARKER), 'utf8'));
    if (m.commits === commits && m.version === LINES_GENERATOR_VERSION) return { dir, commits, generated: false, marker: m };
  } catch { /* generate */ }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const tmp = `${dir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  log(`generating the lines bench repository (${commits} commits) into ${dir} …`);
  const t0 = Date.now();
  try {
    const stats = await generate(tmp, commits);
    fs.renameSync(tmp, dir);
    const marker = { version: LINES_GENERATOR_VERSION, commits, ...stats, seconds: Math.round((Date.now() - t0) / 100) / 10 };
    fs.writeFileSync(path.join(dir, '.git', MARKER), `${JSON.stringify(marker, null, 2)}\n`);
    log(`  generated in ${marker.seconds} s: ${stats.files} files, ${stats.lines} lines at HEAD, ${stats.merges} merges, ${stats.ai} AI commits`);
    return { dir, commits, generated: true, marker };
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

async function generate(dir, total) {
  const rnd = sfc32(0x13, 0x2f, 0x5a, LINES_GENERATOR_VERSION);
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  let lineNo = 0;
  const line = () => {
    const n = lineNo++;
    const w = (k) => WORDS[(n * 7 + k * 13) % WORDS.length];
    return [`const ${w(1)}_${n} = ${w(2)}(${w(3)}, ${n % 997});`, `if (${w(4)}.${w(5)} > ${n % 101}) return ${w(6)};`,
      `// ${w(7)} ${w(8)} ${w(9)} keeps ${w(1)} in step with ${w(2)} (${n})`, `function ${w(3)}${n}(${w(4)}) {`, '}', ''][n % 6];
  };

  execFileSync('git', ['init', '-q', '-b', 'main', dir], { env: gitEnv() });
  const git = (args, input) => execFileSync('git', args, { cwd: dir, env: gitEnv(), input, maxBuffer: 1 << 30 });
  git(['config', 'gc.auto', '0']);
  const child = spawn('git', ['fast-import', '--quiet', '--done'], { cwd: dir, env: gitEnv(), stdio: ['pipe', 'ignore', 'inherit'] });
  const exited = once(child, 'close');
  const write = async (s) => { if (!child.stdin.write(s)) await once(child.stdin, 'drain'); };

  /** main-line state: path → lines; a side branch keeps its own copies of the files it edits. */
  let files = new Map();
  for (let i = 0; i < 240; i++) {
    const p = `${pick(DIRS)}/${pick(WORDS)}_${pick(WORDS)}_${i}.${pick(['ts', 'js', 'go', 'py'])}`;
    files.set(p, Array.from({ length: int(150, 900) }, line));
  }
  let mark = 0;
  let t = 1_600_000_000;
  const stats = { merges: 0, ai: 0, files: 0, lines: 0 };
  const notes = [];
  const data = (s) => `data ${Buffer.byteLength(s)}\n${s}\n`;
  const emit = async ({ ref, from, merge, changes, message, author }) => {
    mark++;
    t += int(60, 7200);
    let s = `commit ${ref}\nmark :${mark}\nauthor ${author} ${t} +0000\ncommitter ${author} ${t} +0000\n${data(message)}`;
    if (from) s += `from :${from}\n`;
    if (merge) s += `merge :${merge}\n`;
    for (const [p, lines] of changes) s += lines === null ? `D ${p}\n` : `M 100644 inline ${p}\n${data(lines.join('\n') + '\n')}`;
    await write(`${s}\n`);
    return mark;
  };
  const editCommit = async (state, ref, from, avoid) => {
    const ai = rnd() < 0.25 ? pick(AI) : null;
    const changes = new Map();
    const recorded = [];
    const keys = [...state.keys()].filter((k) => !avoid?.has(k));
    for (let k = int(1, 3); k > 0; k--) {
      const p = pick(keys);
      const lines = [...(changes.get(p) ?? state.get(p))];
      const at = int(0, lines.length);
      const del = Math.min(int(0, 6), lines.length - at);
      const add = Array.from({ length: int(1, 25) }, line);
      lines.splice(at, del, ...add);
      changes.set(p, lines);
      state.set(p, lines);
      if (ai && ai.tool !== 'copilot') recorded.push({ path: p, ranges: [[at + 1, at + add.length]] });
    }
    if (rnd() < 0.004) { // a rename
      const p = pick(keys);
      if (!changes.has(p)) {
        const to = `${pick(DIRS)}/renamed_${mark}_${p.split('/').pop()}`;
        changes.set(p, null);
        changes.set(to, state.get(p));
        state.set(to, state.get(p));
        state.delete(p);
      }
    }
    const message = `${pick(['Add', 'Fix', 'Update', 'Refactor'])} ${pick(WORDS)} ${pick(WORDS)}\n${ai ? `\n${ai.trailer}\n` : ''}`;
    const m = await emit({ ref, from, changes, message, author: pick(AUTHORS) });
    if (ai) {
      stats.ai++;
      // the note's ranges are in this commit's numbering: only the last hunk of a file stays exact when
      // one file got two hunks, so keep the last record per path
      const byPath = new Map(recorded.map((r) => [r.path, r]));
      if (byPath.size) notes.push({ mark: m, record: { v: 1, tool: ai.tool, ...(ai.model ? { model: ai.model } : {}), source: 'bench', files: [...byPath.values()] } });
    }
    return m;
  };

  let head = await emit({ ref: 'refs/heads/main', changes: files, message: 'Initial import\n', author: AUTHORS[0] });
  let made = 1;
  while (made < total) {
    if (made + 6 < total && rnd() < 0.03) { // a side branch of 3 commits, main moves on, then a merge
      const side = new Map(files);
      const touched = new Set();
      let tip = head;
      for (let i = 0; i < 3; i++) {
        const before = new Map(side);
        tip = await editCommit(side, 'refs/heads/side', tip);
        for (const [p, v] of side) if (v !== before.get(p)) touched.add(p);
        for (const p of before.keys()) if (!side.has(p)) touched.add(p);
      }
      head = await editCommit(files, 'refs/heads/main', head, touched);
      const changes = new Map();
      for (const p of touched) {
        changes.set(p, side.has(p) ? side.get(p) : null);
        if (side.has(p)) files.set(p, side.get(p)); else files.delete(p);
      }
      head = await emit({ ref: 'refs/heads/main', from: head, merge: tip, changes, message: 'Merge branch side\n', author: pick(AUTHORS) });
      stats.merges++;
      made += 5;
    } else {
      head = await editCommit(files, 'refs/heads/main', head);
      made++;
    }
  }
  // provenance notes, one notes commit
  let n = `commit refs/notes/ai-provenance\ncommitter Bench <bench@example.invalid> ${t + 1} +0000\n${data('notes\n')}`;
  for (const { mark: m, record } of notes) n += `N inline :${m}\n${data(JSON.stringify(record) + '\n')}`;
  await write(`${n}\ndone\n`);
  child.stdin.end();
  const [code] = await exited;
  if (code !== 0) throw new Error(`git fast-import exited with ${code}`);
  try { git(['branch', '-q', '-D', 'side']); } catch { /* no side branch was made */ }
  git(['checkout', '-q', '-f', 'main']);
  git(['repack', '-adfq', '--depth=50', '--window=10']);
  git(['commit-graph', 'write', '--reachable']);
  stats.files = files.size;
  stats.lines = [...files.values()].reduce((s, l) => s + l.length, 0);
  return stats;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await ensureLinesRepo();
  process.stdout.write(`${r.dir}\n`);
}
