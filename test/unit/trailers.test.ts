// Fast, table-driven tests of the trailer.c port (no git). The differential tests against real git
// are in test/integration/trailers.diff.test.ts; here the reviewed fixtures are replayed offline too.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatParsed, parseTrailers, sameKey, type TrailerOptions } from '../../src/core/detect/trailers';
import { generateMessages, mulberry32 } from '../helpers/messageGen';
import { trailerConfig } from '../../src/git/repo';

interface Case {
  name: string;
  message: string;
  opts?: TrailerOptions;
  /** What `git interpret-trailers --parse` prints (or %(trailers:only,unfold) with noDivider). */
  want: string[];
  /** Trailer.line of each trailer. */
  lines?: number[];
  /** [start, end] of the block. */
  block?: [number, number];
}

const SOB = 'Signed-off-by: Ada <ada@example.com>';
const SCISSORS = '# ------------------------ >8 ------------------------';

const CASES: Case[] = [
  { name: 'the title paragraph holds no trailers', message: `${SOB}\n`, want: [], block: [37, 37] },
  { name: 'a last paragraph of trailers', message: `Fix\n\nbody\n\n${SOB}\nX-Tool2: v\n`, want: [SOB, 'X-Tool2: v'], lines: [4, 5], block: [11, 59] },
  {
    name: 'continuation lines (space and tab) fold into one value',
    message: 'T\n\nCo-authored-by: Claude\n <noreply@anthropic.com>\nAssisted-by: a\n\tb\n',
    want: ['Co-authored-by: Claude <noreply@anthropic.com>', 'Assisted-by: a b'],
    lines: [2, 4],
  },
  { name: '25 % rule met: Signed-off-by and 3 prose lines', message: `T\n\np1\np2\np3\n${SOB}\n`, want: [SOB], lines: [5] },
  { name: '25 % rule not met: Signed-off-by and 4 prose lines', message: `T\n\np1\np2\np3\np4\n${SOB}\n`, want: [] },
  { name: 'Co-authored-by next to prose, no Signed-off-by', message: 'T\n\nPaired with Claude.\nCo-authored-by: Claude <noreply@anthropic.com>\n', want: [] },
  {
    name: 'the cherry-picked line counts for the 25 % rule but is not printed',
    message: 'T\n\np1\np2\np3\nReviewed-by: B\np4\np5\np6\n(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)\n',
    want: ['Reviewed-by: B'],
  },
  { name: 'a configured key counts like Signed-off-by', message: 'T\n\np1\np2\np3\nAcked-by: B\n', opts: { configuredKeys: ['Acked-by'] }, want: ['Acked-by: B'] },
  { name: 'configured keys match case-insensitively, as a prefix', message: 'T\n\np1\np2\np3\nACK: B\n', opts: { configuredKeys: ['acked-by'] }, want: ['ACK: B'] },
  { name: 'blanks before the separator are trimmed from the key', message: 'T\n\nKey : a\nOther\t:b\n', want: ['Key: a', 'Other: b'] },
  { name: 'non-ASCII letters end a key', message: 'T\n\nSkapad-på: 2024\n', want: [] },
  { name: '\\v is not whitespace: a \\v line is neither blank nor a continuation', message: 'T\n\nA: x\vy\n\v\nB: 2\n', want: [] },
  { name: 'CRLF: trailing \\r trimmed, inner \\r kept', message: 'T\r\n\r\nA: 1\r\nB: x\r\n y\r\n', want: ['A: 1', 'B: x\r y'] },
  { name: '--- ends the message', message: 'T\n\nA: 1\n---\n diff\n', want: ['A: 1'], block: [3, 8] },
  { name: 'noDivider: --- is just a line', message: 'T\n\nA: 1\n---\n diff\n', opts: { noDivider: true }, want: [] },
  { name: '--- at EOF without newline is not a divider', message: `T\n\n${SOB}\np\n---`, want: [SOB] },
  { name: 'trailing comments and blank lines are ignored', message: 'T\n\nA: 1\n# c\n\n#\n', want: ['A: 1'], block: [3, 8] },
  { name: 'core.commentChar', message: 'T\n\nA: 1\n; c\n', opts: { commentChar: ';' }, want: ['A: 1'] },
  { name: 'a ";" line is prose by default', message: 'T\n\nA: 1\n; c\n', want: [] },
  { name: 'scissors cut the message', message: `T\n\nA: 1\n${SCISSORS}\nB: 2\n`, want: ['A: 1'] },
  { name: 'an old Conflicts: block is ignored', message: 'T\n\nA: 1\n\nConflicts:\n\ta.c\n\tb.c\n', want: ['A: 1'] },
  { name: 'leading blank line: an empty title for interpret-trailers', message: '\nA: 1\n', want: ['A: 1'], lines: [1] },
  { name: 'leading blank line: %(trailers) skips it, so A is the title', message: '\nA: 1\n', opts: { noDivider: true }, want: [] },
  { name: 'noDivider: lines count from the message as given', message: '\n \nT\n\nA: 1\n', opts: { noDivider: true }, want: ['A: 1'], lines: [4], block: [6, 11] },
  { name: 'trailer.separators', message: 'T\n\nA# 1\nB: 2\n', opts: { separators: ':#' }, want: ['A: 1', 'B: 2'] },
  { name: 'empty values', message: 'T\n\nA:\nB:  \n', want: ['A: ', 'B: '] },
  { name: 'git 2.39 reads a URL line as key "https"', message: 'T\n\nhttps://x.example/1\n', want: ['https: //x.example/1'] },
  { name: 'urlGuard (newer git): a URL is not a trailer', message: 'T\n\nhttps://x.example/1\n', opts: { urlGuard: true }, want: [] },
  { name: 'no final newline', message: 'T\n\nA: 1\n b', want: ['A: 1 b'] },
  { name: 'an orphan whitespace-led line is a non-trailer', message: 'T\n\n orphan\nA: 1\n', want: [] },
  { name: 'a separator at column 0 is not a trailer', message: 'T\n\n: x\n', want: [] },
  {
    name: 'scissors after --- (git 2.39 loops forever here; the port stops at the divider)',
    message: `T\n\nA: 1\n---\n${SCISSORS}\nB: 2\n`,
    want: ['A: 1'],
  },
];

describe('trailers (unit)', function () {
  describe('parseTrailers', function () {
    for (const c of CASES) {
      it(c.name, function () {
        const got = parseTrailers(c.message, c.opts ?? {});
        const sep = c.opts?.separators ?? ':';
        assert.deepEqual(got.trailers.map((t) => formatParsed(t, sep)), c.want, JSON.stringify(c.message));
        if (c.lines) assert.deepEqual(got.trailers.map((t) => t.line), c.lines, 'lines');
        if (c.block) assert.deepEqual([got.start, got.end], c.block, 'block');
        assert.ok(got.start <= got.end && got.end <= c.message.length, 'start <= end <= length');
      });
    }

    it('returns keys as written and values trimmed and unfolded', function () {
      const got = parseTrailers('T\n\nCo-Authored-By :  Claude Opus 4.6 (1M context)\n\t<noreply@anthropic.com>  \n').trailers;
      assert.deepEqual(got, [{ key: 'Co-Authored-By', value: 'Claude Opus 4.6 (1M context) <noreply@anthropic.com>', line: 2 }]);
    });
  });

  describe('sameKey', function () {
    const rows: [string, string, boolean][] = [
      ['Co-authored-by', 'Co-Authored-By', true],
      ['co-authored-by', 'CO-AUTHORED-BY', true],
      ['Co-authored-by', 'Co-authored-by ', false],
      ['Co-authored', 'Co-authored-by', false],
      ['Signed-off-by', 'Signed-off-By', true],
      ['Amp-Thread-ID', 'amp-thread-id', true],
      ['', '', true],
    ];
    for (const [a, b, want] of rows) {
      it(`${JSON.stringify(a)} ~ ${JSON.stringify(b)}: ${want}`, function () {
        assert.equal(sameKey(a, b), want);
        assert.equal(sameKey(b, a), want);
      });
    }
  });

  describe('formatParsed', function () {
    it('prints "key: value" with the first separator', function () {
      assert.equal(formatParsed({ key: 'Co-authored-by', value: 'Copilot <copilot@github.com>', line: 0 }), 'Co-authored-by: Copilot <copilot@github.com>');
      assert.equal(formatParsed({ key: 'Key', value: '', line: 0 }), 'Key: ');
      assert.equal(formatParsed({ key: 'Key', value: 'v', line: 0 }, '=:'), 'Key= v');
    });
    it('does not repeat a separator the key already ends with (configured keys like "Acked-by:")', function () {
      assert.equal(formatParsed({ key: 'Acked-by:', value: 'v', line: 0 }), 'Acked-by:v');
      assert.equal(formatParsed({ key: 'Bug #', value: '42', line: 0 }, ':#'), 'Bug #42');
    });
  });

  describe('reviewed fixtures, offline', function () {
    interface Fixture { name: string; message: string; parse: string[]; log: string[] }
    const fixtures = JSON.parse(readFileSync(path.join(__dirname, '../fixtures/trailers/messages.json'), 'utf8')) as Fixture[];
    it(`${fixtures.length} fixtures: interpret-trailers --parse and %(trailers) output`, function () {
      for (const f of fixtures) {
        assert.deepEqual(parseTrailers(f.message).trailers.map((t) => formatParsed(t)), f.parse, `${f.name} (parse)`);
        assert.deepEqual(parseTrailers(f.message, { noDivider: true }).trailers.map((t) => formatParsed(t)), f.log, `${f.name} (log)`);
      }
    });
  });

  describe('trailerConfig (the items of `git config -z --get-regexp`)', function () {
    const raw = (pairs: [string, string][]): string => pairs.map(([k, v]) => `${k}\n${v}\0`).join('');
    it('keeps git\'s item order, one item per name (case-insensitive), the last key, only item variables', function () {
      const c = trailerConfig(raw([
        ['trailer.separators', ':#'], ['trailer.Ack.where', 'end'], ['trailer.fix.cmd', 'x'], ['trailer.ack.key', 'Acked'],
        ['trailer.ack.key', 'Acked-by'], ['trailer.other.foo', 'ignored'], ['trailer.where', 'end'], ['core.commentchar', ';'],
      ]));
      assert.deepEqual(c, { items: [{ name: 'Ack', key: 'Acked-by' }, { name: 'fix' }], separators: ':#', commentChar: ';' });
    });
    it('an empty config has no items', function () {
      assert.deepEqual(trailerConfig(''), {});
    });
  });

  describe('messageGen', function () {
    it('is deterministic per seed and avoids NUL and separator bytes', function () {
      assert.deepEqual(generateMessages(50, 42), generateMessages(50, 42));
      assert.notDeepEqual(generateMessages(50, 42), generateMessages(50, 43));
      for (const m of generateMessages(300, 7)) assert.ok(!/[\x00-\x08]/.test(m), JSON.stringify(m));
      const r = mulberry32(1);
      const xs = Array.from({ length: 1000 }, r);
      assert.ok(xs.every((x) => x >= 0 && x < 1));
    });
  });
});
