// Benchmark repository generator: one `git fast-import` stream builds a deterministic repository of
// AIP_BENCH_COMMITS (default 100,000) commits with a realistic mix of human, bot and AI-attributed
// commits, merges, odd encodings and code diffs. The result is cached outside the clone:
//   ${AIP_BENCH_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ai-provenance-bench}/repo-g<GENERATOR_VERSION>-<count>
// and reused while `.git/aip-bench-complete.json` (written last) exists. Bump GENERATOR_VERSION
// whenever the output changes. The repository is non-bare with `main` checked out (HEAD →
// refs/heads/main), repacked (`git repack -adf --depth=50 --window=10`, skip with AIP_BENCH_REPACK=0)
// and has a commit-graph, like a repository after `git gc`; `gc.auto` is 0 so nothing repacks mid-bench.
//   node test/bench/genRepo.mjs            # ensure the repo exists, print its path
import { spawn, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export const GENERATOR_VERSION = 1;
export const DEFAULT_COMMITS = 100_000;
export const MARKER_NAME = 'aip-bench-complete.json';

/** git, isolated from the user's and the system's configuration and from a surrounding hook's GIT_DIR. */
export function gitEnv(extra = {}) {
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', LC_ALL: 'C', ...extra };
  for (const k of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_COMMON_DIR', 'GIT_OBJECT_DIRECTORY']) delete env[k];
  return env;
}

export function benchDir(env = process.env) {
  if (env.AIP_BENCH_DIR) return path.resolve(env.AIP_BENCH_DIR);
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'ai-provenance-bench');
}

export function commitCountFromEnv(env = process.env) {
  const raw = env.AIP_BENCH_COMMITS;
  if (raw === undefined || raw === '') return DEFAULT_COMMITS;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 20) throw new Error(`AIP_BENCH_COMMITS must be an integer ≥ 20, got ${JSON.stringify(raw)}`);
  return n;
}

export function repoDir(commits, env = process.env) {
  return path.join(benchDir(env), `repo-g${GENERATOR_VERSION}-${commits}`);
}

/** The completion marker of a generated repo, or null when the repo is missing or incomplete. */
export function readMarker(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, '.git', MARKER_NAME), 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Returns the benchmark repository, generating it when missing or incomplete.
 * @returns {Promise<{dir: string, commits: number, head: string, generated: boolean, marker: object}>}
 */
export async function ensureRepo({ commits = commitCountFromEnv(), log = (s) => process.stderr.write(s + '\n') } = {}) {
  const dir = repoDir(commits);
  const marker = readMarker(dir);
  if (marker && marker.generatorVersion === GENERATOR_VERSION && marker.commits === commits) {
    return { dir, commits, head: marker.head, generated: false, marker };
  }
  if (fs.existsSync(dir)) {
    log(`bench repo ${dir} is incomplete (no marker): regenerating`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  removeStaleTemps(dir);
  const tmp = `${dir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  log(`generating ${commits.toLocaleString('en')} commits into ${dir} (generator v${GENERATOR_VERSION}) …`);
  try {
    const m = await generate(tmp, commits, log);
    fs.renameSync(tmp, dir);
    fs.writeFileSync(path.join(dir, '.git', MARKER_NAME), JSON.stringify(m, null, 2) + '\n');
    return { dir, commits, head: m.head, generated: true, marker: m };
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

/** Removes `<dir>.tmp-<pid>` left by an interrupted generation whose process is gone. */
function removeStaleTemps(dir) {
  const base = path.basename(dir) + '.tmp-';
  for (const name of fs.readdirSync(path.dirname(dir))) {
    if (!name.startsWith(base)) continue;
    const pid = Number(name.slice(base.length));
    if (!Number.isInteger(pid) || pid <= 0) continue;
    let alive = pid !== process.pid;
    if (alive) {
      try {
        process.kill(pid, 0);
      } catch (e) {
        alive = e.code === 'EPERM';
      }
    }
    if (!alive) fs.rmSync(path.join(path.dirname(dir), name), { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

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

function mix32(x) {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

let rnd = sfc32(1, 2, 3, 4);
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
const chance = (p) => rnd() < p;
const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
/** Skewed towards the start of the list (a few prolific authors, many occasional ones). */
const pickSkewed = (arr) => arr[Math.floor(rnd() * rnd() * arr.length)];
const hex = (n) => { let s = ''; for (let i = 0; i < n; i++) s += '0123456789abcdef'[int(0, 15)]; return s; };
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[int(0, 3)]}${hex(3)}-${hex(12)}`;
function weighted(table) {
  let total = 0;
  for (const [w] of table) total += w;
  let r = rnd() * total;
  for (const [w, v] of table) if ((r -= w) < 0) return v;
  return table[table.length - 1][1];
}
const cap = (s) => s[0].toUpperCase() + s.slice(1);

// ---------------------------------------------------------------------------------------------
// Vocabulary and identities

const WORDS = ('parser lexer token config cache store index query router handler request response session user account ' +
  'billing invoice payment order cart item price stock report metric event queue worker job task schedule retry timeout ' +
  'buffer stream reader writer encoder decoder schema model field record table column row page view layout render theme ' +
  'widget button dialog menu panel editor cursor selection range offset length count total limit batch chunk frame ' +
  'packet socket client server proxy gateway auth token secret key hash digest signature cert policy rule filter ' +
  'mapper reducer state store action effect hook plugin module loader bundle asset image font style color ' +
  'logger trace span metric counter gauge histogram alert monitor probe health status ready deploy release version').split(' ');
const VERBS = ['add', 'fix', 'update', 'remove', 'refactor', 'rename', 'simplify', 'handle', 'support', 'improve', 'validate',
  'cache', 'document', 'test', 'extract', 'inline', 'optimize', 'bump', 'clean up', 'revert'];
const CC_TYPES = ['feat', 'fix', 'chore', 'refactor', 'docs', 'test', 'perf', 'build', 'ci', 'style'];
const SENTENCES = [
  'This keeps the previous behaviour for callers that pass an explicit value.',
  'The old code path allocated a new buffer on every call, which showed up in profiles.',
  'Without this the retry loop never terminates when the server closes the connection early.',
  'Tests cover the empty input, a single element and the boundary at the configured limit.',
  'We now validate the input before touching the cache so a bad request cannot poison it.',
  'The migration is idempotent and can be re-run safely on a partially upgraded database.',
  'No functional change intended; this only moves code so the next commit is easier to review.',
  'Reported by a user on the issue tracker; reproduced locally with the attached config.',
  'The timeout was too aggressive on slow CI runners and caused flaky failures.',
  'Discussed in the weekly sync; the consensus was to keep the public API unchanged.',
  'Benchmarks show a modest improvement on large inputs and no change on small ones.',
  'The error message now names the offending field instead of printing the whole object.',
  'This also drops a workaround for a bug that was fixed upstream two releases ago.',
  'Follow-up to the previous change, which missed the Windows code path.',
];
const TRAP_SENTENCES = [
  'Thanks to Claude Martin for spotting the off-by-one in review.',
  'Disable the Copilot extension recommendation in the workspace settings.',
  'Devin from the platform team confirmed the staging rollout.',
  'Jules asked for the config flag to stay until the next major release.',
  'Cursor position is now restored after the editor reloads the document.',
  'Ported the gemini constellation lookup table from the astronomy module.',
  'The amp meter driver reports milliamps, not amps; fix the unit conversion.',
];
const LATIN1 = [
  'Corrigé le problème de déjà-vu dans le cache à l\'ouverture',
  'Größe des Puffers für Übertragungen geändert',
  'Añadida la validación del año y del número de página',
  'Ajout d\'un paramètre « délai » pour les requêtes lentes',
  'Oprava: café, naïve, coöperate — spelling in docs',
];
const TZS = ['+0000', '+0100', '+0200', '-0500', '-0800', '+0530', '+0900', '-0300', '+1000', '+0800', '-0700'];

// Human authors: ordinary addresses, a few GitHub noreply ones; Claude, Devin and Jules are human names (traps).
const HUMANS = [
  ['Alice Nguyen', 'alice.nguyen@example.com'], ['Bob Schneider', 'bob@schneider.example.de'],
  ['Claude Martin', 'claude.martin@example.fr'], ['Mei Chen', 'mei.chen@example.com'],
  ['Jane Doe', 'jane.doe@example.com'], ['Devin Patel', 'devin.patel@example.com'],
  ['Priya Raman', 'priya.raman@example.in'], ['John Smith', 'jsmith@example.com'],
  ['Zoë Müller', 'zoe.mueller@example.ch'], ['Jules Moreau', 'jules.moreau@example.org'],
  ['Łukasz Kowalski', 'lukasz@example.pl'], ['山田太郎', 'taro.yamada@example.jp'],
  ['Carlos Pérez', 'carlos.perez@example.mx'], ['Fatima Zahra', 'fatima@example.ma'],
  ['Olusegun Adeyemi', 'segun@example.ng'], ['Sven Andersson', 'sven@example.se'],
  ['Ana Souza', 'ana.souza@example.com.br'], ['Dmitri Ivanov', 'dmitri@example.ru'],
  ['Emily Clarke', 'emily.clarke@example.co.uk'], ['Hiroshi Tanaka', 'h.tanaka@example.jp'],
  ['Isabelle Laurent', 'isabelle@example.fr'], ['Kwame Mensah', 'kwame@example.gh'],
  ['Laura Rossi', 'laura.rossi@example.it'], ['Mohammed Al-Farsi', 'm.alfarsi@example.ae'],
  ['Nina Petrova', 'nina@example.bg'], ['Oliver Brown', 'oliver@example.com.au'],
  ['Paulo Costa', 'paulo@example.pt'], ['Rachel Green', 'rgreen@example.com'],
  ['Samir Haddad', 'samir@example.lb'], ['Tom Wilson', 'tom.wilson@example.com'],
  ['Uma Krishnan', 'uma@example.com'], ['Claude Dubois', 'cdubois@example.net'],
  ['Wei Zhang', 'wei.zhang@example.cn'], ['Xavier Dupont', 'xavier@example.be'],
  ['Yuki Sato', 'yuki.sato@example.jp'], ['Zara Ahmed', 'zara.ahmed@example.pk'],
  ['Ben Carter', '12873456+bencarter@users.noreply.github.com'], ['Gemma Hughes', 'gemma@example.ie'],
  ['Max Power', '4242424+maxpower@users.noreply.github.com'], ['devin', 'devin@localhost.localdomain'],
].map(([name, email], i) => ({
  name, email, tz: TZS[mix32(i + 7) % TZS.length],
  login: email.includes('noreply') ? email.split('@')[0].split('+')[1] : name.toLowerCase().replace(/[^a-z]/g, '') || `user${i}`,
  ghid: 1000000 + (mix32(i) % 90000000),
}));
const ident = (p) => `${p.name} <${p.email}>`;
const ghNoreply = (p) => `${p.login} <${p.ghid}+${p.login}@users.noreply.github.com>`;

const BOTS = {
  dependabot: { name: 'dependabot[bot]', email: '49699333+dependabot[bot]@users.noreply.github.com', tz: '+0000' },
  renovate: { name: 'renovate[bot]', email: '29139614+renovate[bot]@users.noreply.github.com', tz: '+0000' },
  gha: { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com', tz: '+0000' },
  copilotAgent: { name: 'copilot-swe-agent[bot]', email: '198982749+Copilot@users.noreply.github.com', tz: '+0000' },
  devin: { name: 'Devin AI', email: '158243242+devin-ai-integration[bot]@users.noreply.github.com', tz: '+0000' },
  jules: { name: 'google-labs-jules[bot]', email: '161369871+google-labs-jules[bot]@users.noreply.github.com', tz: '+0000' },
  cursorAgent: { name: 'Cursor Agent', email: 'cursoragent@cursor.com', tz: '+0000' },
  github: { name: 'GitHub', email: 'noreply@github.com', tz: '+0000' },
};

// ---------------------------------------------------------------------------------------------
// Files: ~2,000 files in ~100 directories. A file is a list of line ids; a line's text is derived
// from (file seed, id), so only small integer arrays are kept in memory.

const MAX_LINES = 80;
const INITIAL_FILES = 1600;
const TARGET_FILES = 2000;
const SPECIAL = 0x40000000; // line ids ≥ SPECIAL are fixed texts (headers, markers, traps)
let specials = [];
const special = (text) => SPECIAL + specials.push(text) - 1;

const AREAS = [
  ['src', ['ts']], ['web/src', ['js', 'ts']], ['pkg', ['go']], ['internal', ['go']], ['cmd', ['go']], ['lib', ['c', 'h']],
  ['crates', ['rs']], ['scripts', ['py', 'sh']], ['tools', ['py']], ['docs', ['md']], ['config', ['yaml', 'json']],
  ['test', ['ts']], ['api/proto', ['proto']], ['deploy', ['yaml']],
];
const COMMENT_STYLE = { ts: '//', js: '//', go: '//', c: '//', h: '//', rs: '//', proto: '//', py: '#', sh: '#', yaml: '#' };

let dirs = [];
let files = [];
let filePaths = new Set();

/** Resets all generator state: the same seed always yields the same repository. */
function reset() {
  rnd = sfc32(0x9e3779b9, 0x243f6a88, 0xb7e15162, GENERATOR_VERSION);
  for (let i = 0; i < 20; i++) rnd();
  specials = [];
  files = [];
  filePaths = new Set();
  dirs = [];
  const seen = new Set();
  while (dirs.length < 99) {
    const [top, exts] = pick(AREAS);
    const d = chance(0.3) ? `${top}/${pick(WORDS)}/${pick(WORDS)}` : `${top}/${pick(WORDS)}`;
    if (!seen.has(d)) { seen.add(d); dirs.push({ path: d, exts }); }
  }
  dirs.push({ path: 'assets/images', exts: [] }); // binaries only
}

const textDirs = () => dirs.filter((d) => d.exts.length);

function fileName(ext) {
  const a = pick(WORDS), b = pick(WORDS);
  if (ext === 'go' || ext === 'py' || ext === 'c' || ext === 'h' || ext === 'rs' || ext === 'proto' || ext === 'sh') return `${a}_${b}.${ext}`;
  if (ext === 'md' || ext === 'yaml' || ext === 'json') return `${a}-${b}.${ext}`;
  return `${a}${cap(b)}.${ext}`;
}

function newFile(lineCount, opts = {}) {
  let p;
  let ext;
  let tries = 0;
  do {
    const d = opts.dir ?? pick(textDirs());
    ext = opts.ext ?? pick(d.exts);
    p = `${d.path}/${opts.name ?? fileName(ext)}`;
    if (++tries > 50) p = `${d.path}/${hex(6)}_${fileName(ext)}`;
  } while (filePaths.has(p));
  filePaths.add(p);
  const f = { path: p, lang: ext, seed: mix32(files.length * 2654435761 + 12345), lines: [], next: 0, header: 0 };
  if (opts.header) { f.lines.push(special(opts.header)); f.header = 1; }
  else if (ext === 'go') { f.lines.push(special(`package ${p.split('/').at(-2).replace(/\W/g, '')}`)); f.header = 1; }
  for (let i = 0; i < lineCount; i++) f.lines.push(f.next++);
  files.push(f);
  return f;
}

function lineText(f, id) {
  if (id >= SPECIAL) return specials[id - SPECIAL];
  const h = mix32(f.seed ^ Math.imul(id + 1, 0x9e3779b1));
  if (h % 11 === 0) return '';
  const w = (k) => WORDS[(h >>> k) % WORDS.length];
  const n = (h >>> 3) % 1000;
  const t = (h >>> 27) % 6;
  const ind = '    '.slice(0, (h >>> 20) % 3 * 2);
  switch (f.lang) {
    case 'ts': case 'js':
      return [`${ind}const ${w(1)}${cap(w(5))} = ${w(9)}(${w(13)}, ${n});`, `${ind}if (${w(2)}.${w(6)} > ${n}) {`,
        `${ind}return ${w(3)}${cap(w(7))}.${w(11)}(${w(15)});`, `${ind}// ${SENTENCES[h % SENTENCES.length]}`,
        `export function ${w(4)}${cap(w(8))}(${w(12)}: string, ${w(16)}: number): boolean {`, `${ind}}`][t];
    case 'go':
      return [`\t${w(1)}${cap(w(5))} := ${w(9)}.${cap(w(13))}(${w(2)}, ${n})`, `func (${w(6)[0]} *${cap(w(3))}) ${cap(w(7))}(${w(11)} string) error {`,
        '\tif err != nil {', `\t\treturn fmt.Errorf("${w(4)} ${w(8)}: %w", err)`, `// ${SENTENCES[h % SENTENCES.length]}`, '}'][t];
    case 'py':
      return [`${ind}${w(1)}_${w(5)} = self.${w(9)}(${w(13)}, ${n})`, `def ${w(2)}_${w(6)}(self, ${w(10)}):`,
        `${ind}# ${SENTENCES[h % SENTENCES.length]}`, `${ind}return ${w(3)}.${w(7)}(${n})`, `class ${cap(w(4))}${cap(w(8))}(${cap(w(12))}):`,
        `${ind}if not ${w(11)}:`][t];
    case 'c': case 'h':
      return [`\t${w(1)}_${w(5)} = ${w(9)}_${w(13)}(${w(2)}, ${n});`, `static int ${w(6)}_${w(10)}(struct ${w(14)} *${w(3)})`,
        `/* ${SENTENCES[h % SENTENCES.length]} */`, `\tif (!${w(7)}) return -EINVAL;`, '{', '}'][t];
    case 'rs':
      return [`    let ${w(1)}_${w(5)} = ${w(9)}.${w(13)}(${n})?;`, `pub fn ${w(2)}_${w(6)}(&self, ${w(10)}: &str) -> Result<${cap(w(14))}> {`,
        `    // ${SENTENCES[h % SENTENCES.length]}`, `    Ok(${w(3)})`, '}', `impl ${cap(w(7))} for ${cap(w(11))} {`][t];
    case 'sh':
      return [`${w(1)}_${w(5)}="$(${w(9)} --${w(13)} ${n})"`, `# ${SENTENCES[h % SENTENCES.length]}`, `if [ -z "$${w(2).toUpperCase()}" ]; then`,
        'fi', `  echo "${w(6)} ${w(10)}" >&2`, `${w(3)} "$@"`][t];
    case 'yaml':
      return [`${ind}${w(1)}_${w(5)}: ${n}`, `${ind}${w(2)}: "${w(6)}-${w(10)}"`, `# ${SENTENCES[h % SENTENCES.length]}`,
        `${ind}- ${w(3)}`, `${w(7)}:`, `${ind}enabled: ${h & 1 ? 'true' : 'false'}`][t];
    case 'json':
      return `  "${w(1)}${cap(w(5))}": ${t < 3 ? n : `"${w(9)}"`},`;
    case 'proto':
      return [`  ${cap(w(1))} ${w(5)}_${w(9)} = ${n % 64 + 1};`, `message ${cap(w(2))}${cap(w(6))} {`, `// ${SENTENCES[h % SENTENCES.length]}`,
        '}', `  repeated string ${w(3)} = ${n % 64 + 1};`, `  optional int64 ${w(7)}_${w(11)} = ${n % 64 + 1};`][t];
    default: // md
      return [`## ${cap(w(1))} ${w(5)}`, SENTENCES[h % SENTENCES.length], `- ${SENTENCES[(h >>> 8) % SENTENCES.length]}`,
        `See \`${w(2)}.${w(6)}\` for details.`, SENTENCES[(h >>> 4) % SENTENCES.length], `1. ${cap(w(3))} the ${w(7)}.`][t];
  }
}

function render(f) {
  let s = '';
  for (const id of f.lines) s += lineText(f, id) + '\n';
  return s;
}

const AI_MARKERS = {
  '//': ['// Generated by GitHub Copilot', '// AI-assisted implementation with human review', '// Written with Claude Code',
    '/* Generated using ChatGPT, reviewed by the maintainers */', '// 🤖 Generated by AI', '// AI: below section was generated by Gemini'],
  '#': ['# AI-assisted implementation with human review', '# Generated by GitHub Copilot', '# Created with Cursor', '### WRITTEN BY AI ###'],
};
const TRAP_LINES = {
  '//': ['// Code generated by stringer -type=Kind; DO NOT EDIT.', '// @generated SignedSource<<8f2c1d0e9a7b6c5d4e3f2a1b0c9d8e7f>>',
    ' * @generated', '// Generated by the protocol buffer compiler.  DO NOT EDIT!', '// Cursor position is clamped to the line length.'],
  '#': ['# Generated by Django 4.2.7 on 2024-03-01 12:00', '# @generated by pip-compile', '# Code generated by tool; DO NOT EDIT.'],
};

/** Applies one edit adding `nAdd` lines (some as replacements) to a text file; `extra` lines go into the added block. */
function edit(f, nAdd, extra) {
  const L = f.lines;
  const min = f.header;
  let replaced = 0;
  if (L.length - min > 5 && chance(0.4)) {
    replaced = int(1, Math.min(3, nAdd - 1));
    for (let i = 0; i < replaced; i++) L[int(min, L.length - 1)] = f.next++;
  }
  const add = Math.max(1, nAdd - replaced);
  if (L.length + add > MAX_LINES) {
    const del = Math.min(L.length - min, L.length + add - int(35, MAX_LINES - 5));
    if (del > 0) L.splice(int(min, L.length - del), del);
  }
  const block = [];
  for (let i = 0; i < add; i++) block.push(f.next++);
  for (const text of extra) block[int(0, block.length - 1)] = special(text);
  L.splice(int(min, L.length), 0, ...block);
}

// ---------------------------------------------------------------------------------------------
// Messages

function subject() {
  const scope = pick(WORDS);
  switch (int(0, 3)) {
    case 0: return `${pick(CC_TYPES)}(${scope}): ${pick(VERBS)} ${pick(WORDS)} ${pick(WORDS)}`;
    case 1: return `${cap(pick(VERBS))} ${pick(WORDS)} handling in ${scope}`;
    case 2: return `${scope}: ${pick(VERBS)} ${pick(WORDS)} when ${pick(WORDS)} is empty`;
    default: return `${cap(pick(VERBS))} ${pick(WORDS)}${cap(pick(WORDS))}`;
  }
}

function wrap(text, width = 72) {
  const out = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) { out.push(line); line = word; } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out.join('\n');
}

function body(maxParas = 3) {
  const paras = [];
  const n = int(1, maxParas);
  for (let i = 0; i < n; i++) {
    const k = int(1, 4);
    const s = [];
    for (let j = 0; j < k; j++) s.push(chance(0.02) ? pick(TRAP_SENTENCES) : pick(SENTENCES));
    paras.push(chance(0.15) ? s.map((x) => `- ${x}`).join('\n') : wrap(s.join(' ')));
  }
  return paras.join('\n\n');
}

function longBody() {
  const target = int(20_000, 100_000);
  const lines = ['The full log of the failing run is included below for reference.', '', '```'];
  let size = 0;
  let i = 0;
  while (size < target) {
    const l = chance(0.3)
      ? `    at ${cap(pick(WORDS))}.${pick(WORDS)} (src/${pick(WORDS)}/${pick(WORDS)}.ts:${int(1, 900)}:${int(1, 80)})`
      : `[${String(i).padStart(6, '0')}] ${pick(['INFO', 'WARN', 'DEBUG', 'ERROR'])} ${pick(WORDS)}.${pick(WORDS)}: ${pick(SENTENCES)}`;
    lines.push(l);
    size += l.length + 1;
    i++;
  }
  lines.push('```');
  return lines.join('\n');
}

function humanTrailers(author, lines) {
  if (chance(0.10)) lines.push(`${pick(['Fixes', 'Closes', 'Refs'])}: #${int(1, 9999)}`);
  if (chance(0.04)) lines.push(`Co-authored-by: ${ident(pickSkewed(HUMANS))}`);
  if (chance(0.015)) lines.push(`Co-authored-by: ${ghNoreply(pick(HUMANS))}`);
  if (chance(0.05)) lines.push(`Reviewed-by: ${ident(pick(HUMANS))}`);
  if (chance(0.03)) lines.push(`Change-Id: I${hex(40)}`);
  if (chance(0.15)) lines.push(`Signed-off-by: ${ident(author)}`);
}

const CLAUDE_NAMES = ['Claude Opus 4.6 (1M context)', 'Claude Opus 4.6 (1M context)', 'Claude Sonnet 4.6', 'Claude Sonnet 4.6', 'Claude',
  'Claude Opus 4.5', 'Claude Sonnet 4.5'];
const AIDER_MODELS = ['gpt-5', 'claude-sonnet-4-5', 'deepseek/deepseek-chat', 'o3-mini', 'unknown-model'];

const AI_TOOLS = [
  [32, 'claude'], [14, 'copilot-vscode'], [8, 'copilot-agent'], [8, 'aider'], [8, 'cursor'], [5, 'kernel'], [6, 'amp'],
  [4, 'opencode'], [5, 'gemini'], [4, 'devin'], [3, 'codex'], [3, 'jules'],
];

/**
 * One non-merge commit's identity and message. Returns { author, committer, msg, tool }.
 * `msg` is a string (UTF-8) or a Buffer (latin-1 bytes); `encoding` is set for a few latin-1 messages.
 */
function makeMessage() {
  const kind = weighted([[80.5, 'human'], [12, 'ai'], [4, 'dependabot'], [2.2, 'renovate'], [1.3, 'gha']]);
  let author = pickSkewed(HUMANS);
  let committer = author;
  let subj = subject();
  let text = chance(0.6) ? body() : '';
  const trailers = [];
  const footer = []; // lines that precede the trailer block as their own paragraph
  let tool = kind;
  if (kind === 'dependabot') {
    author = BOTS.dependabot; committer = BOTS.github;
    const pkg = pick(['lodash', 'axios', 'eslint', 'golang.org/x/net', 'serde', 'requests', 'express', 'webpack']);
    const [a, b, c] = [int(0, 9), int(0, 30), int(0, 20)];
    subj = `Bump ${pkg} from ${a}.${b}.${c} to ${a}.${b}.${c + 1}`;
    text = `Bumps [${pkg}](https://github.com/example/${pkg}) from ${a}.${b}.${c} to ${a}.${b}.${c + 1}.\n` +
      `- [Release notes](https://github.com/example/${pkg}/releases)\n- [Commits](https://github.com/example/${pkg}/compare/v${a}.${b}.${c}...v${a}.${b}.${c + 1})\n\n` +
      `---\nupdated-dependencies:\n- dependency-name: ${pkg}\n  dependency-type: direct:production\n  update-type: version-update:semver-patch\n...`;
    trailers.push('Signed-off-by: dependabot[bot] <support@github.com>');
  } else if (kind === 'renovate') {
    author = BOTS.renovate; committer = chance(0.5) ? BOTS.github : BOTS.renovate;
    subj = `chore(deps): update dependency ${pick(WORDS)}-${pick(WORDS)} to v${int(1, 20)}.${int(0, 9)}.${int(0, 9)}`;
    text = chance(0.5) ? '' : `| datasource | package | from | to |\n| --- | --- | --- | --- |\n| npm | ${pick(WORDS)} | 1.${int(0, 9)}.0 | 1.${int(10, 19)}.0 |`;
  } else if (kind === 'gha') {
    author = BOTS.gha; committer = BOTS.gha;
    subj = pick([`chore(release): ${int(1, 9)}.${int(0, 30)}.${int(0, 9)} [skip ci]`, 'Update CHANGELOG.md', 'chore: regenerate API docs', 'Update snapshots']);
    text = '';
  } else if (kind === 'human') {
    humanTrailers(author, trailers);
  } else {
    tool = weighted(AI_TOOLS);
    switch (tool) {
      case 'claude': {
        const link = chance(0.8) ? 'https://claude.com/claude-code' : 'https://claude.ai/code';
        if (chance(0.93)) footer.push(`🤖 Generated with [Claude Code](${link})`);
        trailers.push(`Co-Authored-By: ${pick(CLAUDE_NAMES)} <noreply@anthropic.com>`);
        if (chance(0.1)) trailers.unshift(`Signed-off-by: ${ident(author)}`);
        break;
      }
      case 'copilot-vscode':
        trailers.push('Co-authored-by: Copilot <copilot@github.com>');
        break;
      case 'copilot-agent':
        committer = author = BOTS.copilotAgent;
        if (chance(0.3)) { subj = 'Initial plan'; text = ''; }
        trailers.push(`Co-authored-by: ${ghNoreply(pickSkewed(HUMANS))}`);
        break;
      case 'aider': {
        if (chance(0.5)) {
          author = { ...author, name: `${author.name} (aider)` };
          committer = author;
          if (chance(0.2)) subj = `aider: ${subj}`;
        } else {
          trailers.push(`Co-authored-by: aider (${pick(AIDER_MODELS)}) <aider@aider.chat>`);
        }
        break;
      }
      case 'cursor':
        if (chance(0.25)) { author = BOTS.cursorAgent; committer = BOTS.cursorAgent; }
        trailers.push(`Co-authored-by: ${pick(['Cursor', 'Cursor Agent'])} <cursoragent@cursor.com>`);
        break;
      case 'kernel':
        trailers.push(`Assisted-by: ${pick(['Claude:claude-3-opus coccinelle sparse', 'Claude:claude-opus-4-6', 'GPT-5:gpt-5 sparse'])}`);
        trailers.push(`Signed-off-by: ${ident(author)}`);
        if (chance(0.4)) trailers.push(`Reviewed-by: ${ident(pick(HUMANS))}`);
        break;
      case 'amp':
        trailers.push(`Amp-Thread-ID: https://ampcode.com/threads/T-${uuid()}`);
        trailers.push('Co-authored-by: Amp <amp@ampcode.com>');
        break;
      case 'opencode':
        footer.push('🤖 Generated with [opencode](https://opencode.ai)');
        trailers.push('Co-Authored-By: opencode <noreply@opencode.ai>');
        break;
      case 'gemini':
        trailers.push('Co-Authored-By: Gemini <gemini@google.com>');
        break;
      case 'devin': {
        const human = pickSkewed(HUMANS);
        author = BOTS.devin; committer = BOTS.devin;
        footer.push(chance(0.5) ? `Devin Session: https://app.devin.ai/sessions/${hex(32)}`
          : `Link to Devin run: https://app.devin.ai/sessions/${hex(32)}\nRequested by: ${human.name} (${human.email})`);
        if (chance(0.5)) footer.push('Generated with [Devin](https://cli.devin.ai/docs)');
        trailers.push(`Co-Authored-By: ${ident(human)}`);
        break;
      }
      case 'codex':
        trailers.push(`Co-authored-by: Codex <${pick(['codex@openai.com', 'noreply@openai.com'])}>`);
        break;
      case 'jules':
        author = BOTS.jules; committer = BOTS.jules;
        if (chance(0.5)) trailers.push(`Co-authored-by: ${ghNoreply(pickSkewed(HUMANS))}`);
        break;
    }
  }
  if (kind !== 'human' && author === committer && HUMANS.includes(author) && chance(0.1)) humanTrailers(author, trailers);
  if (chance(0.0004)) text = longBody();
  if (committer === author && HUMANS.includes(author) && chance(0.08)) committer = pickSkewed(HUMANS); // applied by a maintainer

  let latin1 = false;
  let encoding = null;
  if (kind === 'human' && chance(0.003)) {
    latin1 = true;
    subj = pick(LATIN1);
    if (chance(0.5)) text = `${pick(LATIN1)}.\n\n${text}`.trim();
    if (chance(0.35)) encoding = 'ISO-8859-1';
  }
  let msg = subj;
  if (text) msg += `\n\n${text}`;
  if (footer.length) msg += `\n\n${footer.join('\n')}`;
  if (trailers.length) msg += `\n\n${trailers.join('\n')}`;
  msg += '\n';
  if (chance(0.004)) msg = msg.replace(/\n/g, '\r\n');
  return { author, committer, msg: latin1 ? Buffer.from(msg, 'latin1') : msg, encoding, tool };
}

// ---------------------------------------------------------------------------------------------
// Stream writer with backpressure

class Writer {
  /** `dead` rejects when the reader goes away, so a pending 'drain' cannot hang. */
  constructor(stream, dead) { this.stream = stream; this.dead = dead; this.parts = []; this.str = ''; this.size = 0; }
  text(s) { this.str += s; if (this.str.length > 1 << 16) this.cut(); }
  bytes(b) { this.cut(); this.parts.push(b); this.size += b.length; }
  data(payload) {
    if (typeof payload === 'string') { this.text(`data ${Buffer.byteLength(payload)}\n`); this.text(payload); this.text('\n'); }
    else { this.text(`data ${payload.length}\n`); this.bytes(payload); this.text('\n'); }
  }
  cut() { if (this.str) { const b = Buffer.from(this.str, 'utf8'); this.parts.push(b); this.size += b.length; this.str = ''; } }
  async maybeFlush() { if (this.size + this.str.length >= 1 << 20) await this.flush(); }
  async flush() {
    this.cut();
    if (!this.size) return;
    const buf = Buffer.concat(this.parts, this.size);
    this.parts = []; this.size = 0;
    if (!this.stream.write(buf)) await Promise.race([once(this.stream, 'drain'), this.dead]);
  }
}

// ---------------------------------------------------------------------------------------------
// Generation

async function generate(dir, total, log) {
  const t0 = process.hrtime.bigint();
  reset();
  const env = gitEnv();
  const git = (args, opts = {}) => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 26, ...opts }).trim();
  fs.mkdirSync(dir, { recursive: true });
  git(['init', '-q', '-b', 'main']);
  git(['config', 'gc.auto', '0']);
  git(['config', 'core.autocrlf', 'false']);

  const fi = spawn('git', ['fast-import', '--quiet', '--done'], { cwd: dir, env, stdio: ['pipe', 'ignore', 'pipe'] });
  let fiErr = '';
  fi.stderr.setEncoding('utf8');
  fi.stderr.on('data', (d) => { fiErr = (fiErr + d).slice(-20000); });
  const fiDone = new Promise((resolve, reject) => {
    fi.on('error', reject);
    fi.on('close', (code, sig) => (code === 0 ? resolve() : reject(new Error(`git fast-import failed (${code ?? sig}):\n${fiErr}`))));
  });
  fiDone.catch(() => {}); // observed below; avoid an unhandled rejection while still writing
  fi.stdin.on('error', () => {}); // EPIPE when fast-import dies: reported through fiDone
  const early = fiDone.then(() => { throw new Error('git fast-import exited before the end of the stream'); });
  early.catch(() => {});
  const w = new Writer(fi.stdin, early);
  w.text('feature done\n');

  let t = 1420070400; // 2015-01-01
  let mark = 0;
  let produced = 0;
  const stats = { merges: 0, ai: 0, markers: 0, traps: 0, binaries: 0, latin1: 0, crlf: 0, long: 0, skew: 0 };
  const textFiles = () => files; // binaries are kept separately
  const tick = () => {
    t += int(30, 4600);
    if (chance(0.004)) { stats.skew++; return t - int(3600, 3 * 86400); }
    return t;
  };

  function header(kw, p, when) { w.text(`${kw} ${p.name} <${p.email}> ${when} ${p.tz ?? '+0000'}\n`); }

  /** Writes one commit on `ref`; files: [{ path, content: string|Buffer }]. Returns its mark. */
  function commit(ref, { author, committer, msg, encoding, when, authorWhen = when, from, merge, changes }) {
    mark++;
    produced++;
    w.text(`commit ${ref}\nmark :${mark}\n`);
    header('author', author, authorWhen);
    header('committer', committer, when);
    if (encoding) w.text(`encoding ${encoding}\n`);
    w.data(msg);
    if (from) w.text(`from :${from}\n`);
    if (merge) w.text(`merge :${merge}\n`);
    for (const c of changes) {
      w.text(`M 100644 inline ${c.path}\n`);
      w.data(c.content);
    }
    w.text('\n');
    return mark;
  }

  // Initial import.
  for (let i = 0; i < INITIAL_FILES; i++) newFile(int(10, 70));
  const root = commit('refs/heads/main', {
    author: HUMANS[0], committer: HUMANS[0], msg: 'Initial import\n', when: t,
    changes: files.map((f) => ({ path: f.path, content: render(f) })),
  });
  let mainTip = root;

  const addProbability = (TARGET_FILES - INITIAL_FILES) / (total * 2.2);
  /** File changes for one non-merge commit, avoiding `exclude` (files owned by a parallel branch). */
  function makeChanges(exclude, own) {
    const n = weighted([[45, 1], [30, 2], [15, 3], [10, 4]]);
    const picked = [];
    const seen = new Set();
    for (let i = 0; i < n; i++) {
      if (chance(addProbability)) {
        const f = newFile(int(3, 60));
        picked.push(f); seen.add(f); own?.add(f);
        continue;
      }
      for (let tries = 0; tries < 20; tries++) {
        const f = pick(textFiles());
        if (seen.has(f) || exclude?.has(f)) continue;
        seen.add(f); own?.add(f);
        edit(f, 3 + Math.floor(57 * rnd() * rnd()), []);
        picked.push(f);
        break;
      }
    }
    if (chance(0.01)) { // an AI marker in an added line of a code file
      const f = picked.find((x) => COMMENT_STYLE[x.lang]) ?? (() => { const g = newFile(int(3, 30), { ext: 'ts', dir: dirs.find((d) => d.exts.includes('ts')) }); own?.add(g); picked.push(g); return g; })();
      edit(f, int(3, 20), [pick(AI_MARKERS[COMMENT_STYLE[f.lang]])]);
      stats.markers++;
    }
    if (chance(0.005)) { // look-alikes that are not AI: generated-code headers and @generated
      stats.traps++;
      const r = int(0, 3);
      let f;
      if (r === 0) {
        const d = dirs.find((x) => x.exts.includes('go')) ?? dirs[0];
        f = newFile(int(20, 60), { dir: d, ext: 'go', name: `${pick(WORDS)}_${pick(WORDS)}.pb.go`, header: '// Code generated by protoc-gen-go. DO NOT EDIT.' });
      } else if (r === 1) {
        const d = dirs.find((x) => x.exts.includes('js')) ?? dirs[0];
        f = newFile(int(20, 60), { dir: d, ext: 'js', name: `${cap(pick(WORDS))}Query.graphql.js`, header: '/**\n * @generated SignedSource<<' + hex(32) + '>>\n */' });
      } else {
        f = picked.find((x) => COMMENT_STYLE[x.lang]);
        if (f) edit(f, int(3, 10), [pick(TRAP_LINES[COMMENT_STYLE[f.lang]])]);
      }
      if (f && !picked.includes(f)) { picked.push(f); own?.add(f); }
    }
    const changes = picked.map((f) => ({ path: f.path, content: render(f) }));
    if (!exclude && chance(0.0007)) { // a binary file (main line only, so merges need not carry it): PNG signature, then bytes with NULs
      const len = int(512, 3000);
      const b = Buffer.alloc(len);
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).copy(b);
      for (let i = 12; i < len; i++) b[i] = chance(0.2) ? 0 : int(0, 255);
      changes.push({ path: `assets/images/${pick(WORDS)}-${hex(6)}.png`, content: b });
      stats.binaries++;
    }
    return changes;
  }

  function plainCommit(ref, from, exclude, own) {
    const m = makeMessage();
    if (m.tool !== 'human' && !['dependabot', 'renovate', 'gha'].includes(m.tool)) stats.ai++;
    if (Buffer.isBuffer(m.msg)) stats.latin1++;
    else if (m.msg.includes('\r\n')) stats.crlf++;
    if (m.msg.length > 20000) stats.long++;
    const when = tick();
    const authorWhen = m.committer !== m.author || chance(0.1) ? when - int(60, 10 * 86400) : when;
    return commit(ref, { ...m, when, authorWhen, from, changes: makeChanges(exclude, own) });
  }

  let nextMerge = int(30, 50);
  let lastLog = Date.now();
  while (produced < total) {
    const remaining = total - produced;
    if (--nextMerge <= 0 && remaining >= 9) {
      nextMerge = int(30, 50);
      // A topic branch of 2–4 commits forked from main, main moving 0–3 commits meanwhile, then a merge.
      const fork = mainTip;
      const k = int(2, 4), m = int(0, 3);
      const slots = [...Array(k).fill('side'), ...Array(m).fill('main')].sort(() => rnd() - 0.5);
      const sideFiles = new Set(), mainFiles = new Set();
      let sideTip = 0;
      for (const s of slots) {
        if (s === 'side') sideTip = plainCommit('refs/heads/topic', sideTip ? 0 : fork, mainFiles, sideFiles);
        else mainTip = plainCommit('refs/heads/main', 0, sideFiles, mainFiles);
      }
      const merger = pickSkewed(HUMANS);
      const branch = `${merger.login}/${pick(VERBS).replace(' ', '-')}-${pick(WORDS)}`;
      const pr = chance(0.7);
      const msg = pr ? `Merge pull request #${int(100, 20000)} from ${branch}\n\n${subject()}\n` : `Merge branch '${branch}'\n`;
      const when = tick();
      mainTip = commit('refs/heads/main', {
        author: merger, committer: pr ? BOTS.github : merger, msg, when, merge: sideTip,
        changes: [...sideFiles].map((f) => ({ path: f.path, content: render(f) })),
      });
      stats.merges++;
    } else {
      mainTip = plainCommit('refs/heads/main', 0, null, null);
    }
    await w.maybeFlush();
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now();
      log(`  … ${produced.toLocaleString('en')} / ${total.toLocaleString('en')} commits streamed`);
    }
  }
  w.text('done\n');
  await w.flush();
  fi.stdin.end();
  await fiDone;
  const importSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  log(`  fast-import: ${importSeconds.toFixed(1)} s`);

  if (stats.merges) git(['update-ref', '-d', 'refs/heads/topic']);
  if (process.env.AIP_BENCH_REPACK !== '0') {
    const r0 = process.hrtime.bigint();
    git(['repack', '-adfq', '--depth=50', '--window=10']);
    git(['prune-packed']);
    log(`  repack: ${(Number(process.hrtime.bigint() - r0) / 1e9).toFixed(1)} s`);
  }
  git(['commit-graph', 'write', '--reachable']);
  git(['reset', '-q', '--hard', 'HEAD']);
  const head = git(['rev-parse', 'HEAD']);
  const count = Number(git(['rev-list', '--count', 'HEAD']));
  if (count !== total) throw new Error(`generated ${count} commits, expected ${total}`);
  if (git(['symbolic-ref', 'HEAD']) !== 'refs/heads/main') throw new Error('HEAD does not point at refs/heads/main');
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  log(`  generated ${total.toLocaleString('en')} commits (${stats.merges} merges, ${stats.ai} AI-attributed, ${files.length} files) in ${seconds.toFixed(1)} s`);
  return {
    generatorVersion: GENERATOR_VERSION, commits: total, head, seconds: Math.round(seconds * 10) / 10,
    importSeconds: Math.round(importSeconds * 10) / 10, files: files.length, directories: dirs.length, stats,
    git: git(['--version']), node: process.version, generatedAt: new Date().toISOString(),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const r = await ensureRepo();
    process.stderr.write(r.generated ? `generated in ${r.marker.seconds} s\n` : `reusing ${r.dir} (generated in ${r.marker.seconds} s)\n`);
    process.stdout.write(r.dir + '\n');
  } catch (e) {
    process.stderr.write(`genRepo: ${e instanceof Error ? e.message : e}\n`);
    process.exit(1);
  }
}
