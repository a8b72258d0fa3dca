// Differential tests: src/core/detect/trailers.ts against the real git (2.39) on hand-written fixtures
// (test/fixtures/trailers/messages.json) and seeded generated messages (test/helpers/messageGen.ts).
//
//   a. `git interpret-trailers --parse` (one process per message, small async pool)
//        vs parseTrailers(m).trailers.map(formatParsed)
//   b. commits made by one fast-import run, then ONE `git log --format=…%(trailers:only,unfold)…`
//        vs parseTrailers(m, { noDivider: true })
//   c. trailer.separators, configured items (trailer.<name>.key and friends: which paragraphs are
//      trailer blocks, and the keys git prints — token_from_item's renaming) and core.commentChar
//   d. Trailer.line on hand-checked messages (plus a property check in a and b)
//
// Fixture format: [{ name, rule, message, parse, log }] where `parse` is what interpret-trailers --parse
// printed and `log` what %(trailers:only,unfold) printed, both recorded from git 2.39.5 and reviewed.
// The test also checks that git still prints them, so a stale fixture fails loudly.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatParsed, parseTrailers, type Trailer, type TrailerOptions } from '../../src/core/detect/trailers';
import { generateMessages, type GenOptions } from '../helpers/messageGen';
import { GIT_ENV, cleanupTempDirs, fastImport, git, initRepo, tempDir } from '../helpers/repo';

interface Fixture {
  name: string;
  rule: string;
  message: string;
  parse: string[];
  log: string[];
}

const FIXTURES: Fixture[] = JSON.parse(
  readFileSync(path.join(__dirname, '../fixtures/trailers/messages.json'), 'utf8'),
) as Fixture[];

// Deterministic by default; TRAILER_FUZZ_SEED / TRAILER_FUZZ_COUNT allow a deeper local run.
const SEED = Number(process.env.TRAILER_FUZZ_SEED ?? 0x7a11e5);
const COUNT = Number(process.env.TRAILER_FUZZ_COUNT ?? 400);
/** Extra generated messages for the commit mode only (they cost one fast-import, not one process each). */
const COMMIT_EXTRA = 3 * COUNT;
const VARIANT_COUNT = Math.ceil(COUNT / 3);
const POOL = 4;
const CUT_LINE = '------------------------ >8 ------------------------\n';

// ---- running git ----------------------------------------------------------------------------------

let cwd = '';
let env: NodeJS.ProcessEnv = GIT_ENV;

interface GitResult {
  status: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function runGit(args: string[], input: string, timeoutMs = 10_000): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => undefined); // EPIPE if git exits early; the status tells
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({
        status,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
      });
    });
    child.stdin.end(input, 'utf8');
  });
}

async function mapPool<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Output lines (without their "\n"); values may hold "\r", so split on "\n" only. */
function outputLines(out: string): string[] {
  const lines = out.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** `git interpret-trailers --parse` for every message, with a neutral config plus `config`. */
async function parseModeLines(messages: readonly string[], config: readonly string[]): Promise<string[][]> {
  const args = ['-c', 'core.commentChar=#', ...config, 'interpret-trailers', '--parse'];
  return mapPool(messages, POOL, async (m) => {
    const r = await runGit(args, m);
    if (r.status !== 0) {
      throw new Error(`git ${args.join(' ')} failed (status ${r.status}${r.timedOut ? ', timed out' : ''}) on ${JSON.stringify(m)}: ${r.stderr}`);
    }
    return outputLines(r.stdout);
  });
}

/** One fast-import of all messages, then one `git log` printing each commit's %(trailers:only,unfold). */
function commitModeLines(messages: readonly string[], config: readonly string[]): string[][] {
  for (const m of messages) assert.ok(!/[\x00-\x03]/.test(m), `message holds a separator byte: ${JSON.stringify(m)}`);
  const repo = initRepo();
  const shas = fastImport(repo, messages.map((message) => ({ message })));
  const out = git(repo, ['-c', 'core.commentChar=#', ...config, 'log', '--format=%x01%H%x02%(trailers:only,unfold)%x03', 'main']);
  const bySha = new Map<string, string[]>();
  for (const m of out.matchAll(/\x01([0-9a-f]{40})\x02([^\x03]*)\x03/g)) bySha.set(m[1] as string, outputLines(m[2] as string));
  assert.equal(bySha.size, messages.length, 'git log printed every commit');
  return shas.map((sha) => {
    const lines = bySha.get(sha);
    assert.ok(lines, `commit ${sha} missing from git log`);
    return lines;
  });
}

// ---- comparing --------------------------------------------------------------------------------------

/**
 * git 2.39 never returns on these: wt_status_locate_end() searches the scissors line in the whole
 * message, ignore_non_trailer() is then given a cutoff past the `---` divider and loops forever at the
 * divider (memchr over 0 bytes). Excluded from interpret-trailers mode only (commit mode has no divider).
 */
function hangsInterpretTrailers(message: string, commentChar = '#'): boolean {
  let patch = message.length;
  for (let i = 0; i < message.length; ) {
    if (message.startsWith('---', i) && ' \t\n\r'.includes(message[i + 3] ?? 'x')) {
      patch = i;
      break;
    }
    const nl = message.indexOf('\n', i);
    i = nl === -1 ? message.length : nl + 1;
  }
  const cut = `${commentChar} ${CUT_LINE}`;
  if (message.startsWith(cut)) return false;
  const p = message.indexOf(`\n${cut}`);
  return p !== -1 && p + 1 > patch;
}

interface Mismatch {
  what: string;
  message: string;
  git: string[];
  ours: string[];
}

function report(mismatches: readonly Mismatch[], total: number): string {
  const shown = mismatches.slice(0, 8).map((x) =>
    [`--- ${x.what}`, `message: ${JSON.stringify(x.message)}`, `git:     ${JSON.stringify(x.git)}`, `ours:    ${JSON.stringify(x.ours)}`].join('\n'));
  return `${mismatches.length} of ${total} comparisons differ${mismatches.length > 8 ? ' (first 8 shown)' : ''}:\n${shown.join('\n')}`;
}

/** Each trailer's `line` must point at the line that starts with its key as written (first line of the trailer). */
function lineErrors(message: string, trailers: readonly Trailer[]): string[] {
  const lines = message.split('\n');
  return trailers
    .filter((t) => !(lines[t.line] ?? '').startsWith(t.written ?? t.key))
    .map((t) => `line ${t.line} is ${JSON.stringify(lines[t.line])}, key ${JSON.stringify(t.written ?? t.key)}`);
}

/** Our keys as git prints them: parseTrailers renames them itself (trailer.<name>.key), nothing is mapped here. */
function oursParse(m: string, opts: TrailerOptions): { lines: string[]; trailers: Trailer[] } {
  const trailers = parseTrailers(m, opts).trailers;
  return { trailers, lines: trailers.map((t) => formatParsed(t, opts.separators || ':')) };
}

/** %(trailers) always prints "key: value", whatever trailer.separators says. */
function oursLog(m: string, opts: TrailerOptions): { lines: string[]; trailers: Trailer[] } {
  const trailers = parseTrailers(m, { ...opts, noDivider: true }).trailers;
  return { trailers, lines: trailers.map((t) => `${t.key}: ${t.value}`) };
}

function compare(
  what: (i: number) => string,
  messages: readonly string[],
  gitLines: readonly string[][],
  ours: (m: string) => { lines: string[]; trailers: Trailer[] },
): void {
  const mismatches: Mismatch[] = [];
  messages.forEach((m, i) => {
    const g = gitLines[i] as string[];
    const o = ours(m);
    if (JSON.stringify(g) !== JSON.stringify(o.lines)) mismatches.push({ what: what(i), message: m, git: g, ours: o.lines });
    const bad = lineErrors(m, o.trailers);
    if (bad.length > 0) mismatches.push({ what: `${what(i)}: Trailer.line: ${bad.join('; ')}`, message: m, git: g, ours: o.lines });
  });
  assert.equal(mismatches.length, 0, report(mismatches, messages.length));
}

// ---- the messages -----------------------------------------------------------------------------------

const generated = generateMessages(COUNT, SEED);
const parseGenerated = generated.filter((m) => !hangsInterpretTrailers(m));
const commitGenerated = [...generated, ...generateMessages(COMMIT_EXTRA, SEED + 1)];

interface Variant {
  name: string;
  config: string[];
  opts: TrailerOptions;
  gen: GenOptions;
  hand: string[];
}

const VARIANTS: Variant[] = [
  {
    name: 'trailer.separators=:#',
    config: ['-c', 'trailer.separators=:#'],
    opts: { separators: ':#' },
    gen: { separators: ':#' },
    hand: [
      'Title\n\nKey# value\nOther: b\n',
      'Title\n\nKey #value\n# a comment, not a trailer\n',
      'Title\n\n#: starts with both\nKey# v\n',
      'Title\n\nprose\nSigned-off-by# Ada\n',
      'Title\n\nKey:# v\nK2#: w\n',
    ],
  },
  {
    name: 'trailer.separators==:',
    config: ['-c', 'trailer.separators==:'],
    opts: { separators: '=:' },
    gen: { separators: '=:' },
    hand: [
      'Title\n\nKey= value\nOther: b\n',
      'Title\n\nKey = v\nK2 := w\n',
      'Title\n\n= v\n',
      'Title\n\nprose\nSigned-off-by: Ada\n',
    ],
  },
  {
    name: 'trailer.ack.key=Acked-by + trailer.fix.where=end',
    config: ['-c', 'trailer.ack.key=Acked-by', '-c', 'trailer.fix.where=end'],
    opts: { items: [{ name: 'ack', key: 'Acked-by' }, { name: 'fix' }] },
    gen: { configuredKeys: ['Acked-by', 'ack', 'fix', 'Fixes'] },
    hand: [
      'Title\n\np1\np2\np3\nAcked-by: Bob\n', // a configured key counts like Signed-off-by: 1 * 3 >= 3
      'Title\n\np1\np2\np3\np4\nAcked-by: Bob\n', // 1 * 3 < 4
      'Title\n\np1\np2\np3\nack: Bob\n', // the alias, printed as the key
      'Title\n\np1\np2\np3\nACK: Bob\n', // case-insensitive
      'Title\n\np1\np2\np3\nAck: Bob\n', // a prefix of "ack" / "Acked-by"
      'Title\n\np1\np2\np3\nA: Bob\n', // a one-letter prefix matches too (strncasecmp)
      'Title\n\np1\np2\np3\nAck : Bob\n', // blank before ":" : not a prefix in find_trailer_start
      'Title\n\np1\np2\np3\nAcked-by-me: Bob\n', // longer than the key
      'Title\n\np1\np2\np3\nfix: 123\n', // an item without a key
      'Title\n\np1\np2\np3\nFixes: 123\n', // not a prefix of "fix"
      'Title\n\nAcked-by: A\n-: dash\n', // "-" has no alnum: strncasecmp over 0 chars matches
      'Title\n\nA: x\nack: y\nACKED-: z\nAcked-b: w\n', // every abbreviation prints as Acked-by
      'Title\n\nF: x\nfi: y\nFIX-: z\n', // an item without a key: printed as written
      'Title\n\nAckedby: x\nAcked-by-me: y\nfixes: z\n', // not prefixes: unchanged
    ],
  },
  {
    // Two items share the prefix "A": the first in config order (conf_head) wins; a key ending in a
    // separator is printed as is; a .command-only item renames nothing but counts for the 25 % rule.
    name: 'trailer.assist.key=Assisted-by + trailer.ack.key=Acked-by + trailer.sign.key="Signed-off-by: " + trailer.cc.command',
    config: ['-c', 'trailer.assist.key=Assisted-by', '-c', 'trailer.ack.key=Acked-by', '-c', 'trailer.sign.key=Signed-off-by: ',
      '-c', 'trailer.cc.command=echo x'],
    opts: { items: [{ name: 'assist', key: 'Assisted-by' }, { name: 'ack', key: 'Acked-by' }, { name: 'sign', key: 'Signed-off-by: ' }, { name: 'cc' }] },
    gen: { configuredKeys: ['Assisted-by', 'assist', 'Acked-by', 'ack', 'sign', 'Signed-off-by', 'cc', 'Cc'] },
    hand: [
      'Title\n\nA: x\nac: y\nack: z\nAs: w\n', // "A" → Assisted-by (first item), "ac" → Acked-by
      'Title\n\nsign: Ada\nSi: Bob\n', // the key is printed with its separator
      'Title\n\np1\np2\np3\ncc: Bob\n', // a configured item without a key still counts
      'Title\n\np1\np2\np3\nC: Bob\n',
      'Title\n\n-: x\n', // no letters: the first item
    ],
  },
  {
    // Item names are compared case-insensitively: one item, named as first written (git_trailer_config).
    name: 'trailer.Co.where=end + trailer.co.key=Co-Authored-By',
    config: ['-c', 'trailer.Co.where=end', '-c', 'trailer.co.key=Co-Authored-By'],
    opts: { items: [{ name: 'Co', key: 'Co-Authored-By' }] },
    gen: { configuredKeys: ['Co-authored-by', 'co', 'Co-Authored-By'] },
    hand: [
      'Title\n\nco: Claude <noreply@anthropic.com>\n',
      'Title\n\nCo-authored-by: Jane <jane@example.com>\nC: Bob <bob@example.com>\n',
    ],
  },
  {
    name: 'core.commentChar=;',
    config: ['-c', 'core.commentChar=;'],
    opts: { commentChar: ';' },
    gen: { commentChar: ';' },
    hand: [
      'Title\n\nKey: value\n; comment\n',
      'Title\n\nKey: value\n# not a comment now\n',
      `Title\n\nKey: value\n; ${CUT_LINE}Other: after\n`,
      `Title\n\nKey: value\n# ${CUT_LINE}Other: after\n`,
      '; comment\nTitle\n\nKey: v\n',
      'Title\n\nKey: a\n; Other: b\nThird: c\n',
    ],
  },
];

const variantMessages = VARIANTS.map((v, k) => [...v.hand, ...generateMessages(VARIANT_COUNT, SEED + 10 + k, v.gen)]);

// ---- the tests --------------------------------------------------------------------------------------

describe('trailers: differential against git', function () {
  before(function () {
    cwd = tempDir('aip-trailers-');
    // Outside any repository, so no repository config (trailer.*, core.commentChar) leaks in.
    env = { ...GIT_ENV, GIT_CEILING_DIRECTORIES: path.dirname(cwd) };
  });
  after(() => cleanupTempDirs());

  describe('a. git interpret-trailers --parse', function () {
    it(`matches on ${FIXTURES.length} hand-written fixtures (and the fixtures record what git prints)`, async function () {
      const messages = FIXTURES.map((f) => f.message);
      const gitLines = await parseModeLines(messages, []);
      const stale = FIXTURES.filter((f, i) => JSON.stringify(f.parse) !== JSON.stringify(gitLines[i]));
      assert.deepEqual(stale.map((f) => f.name), [], 'fixtures whose recorded `parse` differs from git');
      compare((i) => `fixture ${FIXTURES[i]?.name}`, messages, gitLines, (m) => oursParse(m, {}));
    });

    it(`matches on ${parseGenerated.length} generated messages (seed ${SEED}; ${generated.length - parseGenerated.length} skipped: git 2.39 hangs on scissors after ---)`, async function () {
      const gitLines = await parseModeLines(parseGenerated, []);
      compare((i) => `generated #${i}`, parseGenerated, gitLines, (m) => oursParse(m, {}));
    });
  });

  describe('b. commit messages: git log %(trailers:only,unfold) vs noDivider', function () {
    it(`matches on ${FIXTURES.length} fixtures + ${commitGenerated.length} generated messages, one fast-import and one git log`, function () {
      const messages = [...FIXTURES.map((f) => f.message), ...commitGenerated];
      const gitLines = commitModeLines(messages, []);
      const stale = FIXTURES.filter((f, i) => JSON.stringify(f.log) !== JSON.stringify(gitLines[i]));
      assert.deepEqual(stale.map((f) => f.name), [], 'fixtures whose recorded `log` differs from git');
      compare(
        (i) => (i < FIXTURES.length ? `fixture ${FIXTURES[i]?.name}` : `generated #${i - FIXTURES.length}`),
        messages,
        gitLines,
        (m) => oursLog(m, {}),
      );
    });
  });

  describe('c. configured separators, keys and comment char', function () {
    // Compared: the exact printed lines, keys included. For configured items git prints the item's key
    // instead of the token as written (parse_trailer → token_from_item); parseTrailers does the same.
    VARIANTS.forEach((v, k) => {
      const messages = variantMessages[k] as string[];
      const parseMessages = messages.filter((m) => !hangsInterpretTrailers(m, v.opts.commentChar));
      it(`${v.name}: interpret-trailers --parse on ${v.hand.length} hand-written + ${parseMessages.length - v.hand.length} generated`, async function () {
        const gitLines = await parseModeLines(parseMessages, v.config);
        compare((i) => `${v.name} #${i}`, parseMessages, gitLines, (m) => oursParse(m, v.opts));
      });
      it(`${v.name}: git log %(trailers) on ${messages.length} commits`, function () {
        const gitLines = commitModeLines(messages, v.config);
        compare((i) => `${v.name} #${i}`, messages, gitLines, (m) => oursLog(m, v.opts));
      });
    });

    it('configured keys change which paragraphs are trailer blocks', function () {
      const m = 'Title\n\np1\np2\np3\nAcked-by: Bob\n';
      assert.deepEqual(parseTrailers(m).trailers, []);
      assert.deepEqual(parseTrailers(m, { configuredKeys: ['ack', 'Acked-by'] }).trailers, [{ key: 'Acked-by', value: 'Bob', line: 5 }]);
    });

    it('configured items rename abbreviated keys as git prints them, keeping the key as written', function () {
      const m = 'Title\n\nA: x\nack: y\n-: z\nOther: w\n';
      const got = parseTrailers(m, { items: [{ name: 'ack', key: 'Acked-by' }] }).trailers;
      assert.deepEqual(got.map((t) => [t.key, t.written, t.value]), [
        ['Acked-by', 'A', 'x'], ['Acked-by', 'ack', 'y'], ['Acked-by', '-', 'z'], ['Other', undefined, 'w'],
      ]);
      assert.deepEqual(commitModeLines([m], ['-c', 'trailer.ack.key=Acked-by'])[0], got.map((t) => `${t.key}: ${t.value}`));
    });
  });

  describe('d. Trailer.line', function () {
    const cases: { message: string; opts?: TrailerOptions; lines: number[]; git: string[] }[] = [
      { message: 'Title\n\nKey: a\n b\nOther: c\n', lines: [2, 4], git: ['Key: a b', 'Other: c'] },
      { message: 'T\r\n\r\nA: 1\r\n# c\r\nB: 2', lines: [2, 4], git: ['A: 1', 'B: 2'] },
      { message: 'Title\nmore title\n\nbody\n\nprose\n orphan\nSigned-off-by: A\n\tcont\nX: y\n', lines: [7, 9], git: ['Signed-off-by: A cont', 'X: y'] },
      { message: '\n \nTitle\n\nA: 1\n', opts: { noDivider: true }, lines: [4], git: ['A: 1'] },
      { message: '\n\nA: 1\nB: 2\n', lines: [2, 3], git: ['A: 1', 'B: 2'] },
      { message: '\n\nA: 1\nB: 2\n', opts: { noDivider: true }, lines: [], git: [] },
      { message: 'Title\n\nA: 1\n---\nB: 2\n', opts: { noDivider: true }, lines: [], git: [] },
      { message: 'Title\n\nbody\n---\n\nA: 1\n\nConflicts:\n\tx\n', opts: { noDivider: true }, lines: [5], git: ['A: 1'] },
    ];
    it(`is the 0-based index of each trailer's first line (${cases.length} messages, checked against git too)`, async function () {
      for (const c of cases) {
        const got = parseTrailers(c.message, c.opts ?? {}).trailers;
        assert.deepEqual(got.map((t) => t.line), c.lines, `lines for ${JSON.stringify(c.message)}`);
        assert.deepEqual(got.map((t) => formatParsed(t)), c.git, `trailers for ${JSON.stringify(c.message)}`);
      }
      const parseCases = cases.filter((c) => !c.opts?.noDivider);
      const logCases = cases.filter((c) => c.opts?.noDivider);
      const p = await parseModeLines(parseCases.map((c) => c.message), []);
      parseCases.forEach((c, i) => assert.deepEqual(p[i], c.git, `git interpret-trailers on ${JSON.stringify(c.message)}`));
      const l = commitModeLines(logCases.map((c) => c.message), []);
      logCases.forEach((c, i) => assert.deepEqual(l[i], c.git, `git log on ${JSON.stringify(c.message)}`));
    });
  });
});
