// The fast lane of messageEvidence (a message with no prefilter word stops after one scan, without
// the trailer parser) must report exactly what the full path does: every message through git's
// trailer rules and the line scan (ClassifyOptions.fullScan). Compared over the trailer fixtures,
// generated messages that stress git's trailer rules, and every catalog example placed where it
// counts (subject, body, trailer block, folded value) and where it does not.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { classifyCommit, type ClassifyOptions } from '../../src/core/detect/classify';
import type { CommitRecord, Identity } from '../../src/core/model';
import { BODY_MARKERS, IDENTITIES, MESSAGE_PREFILTER, MESSAGE_PREFILTER_SCAN, TRAILER_KEYS } from '../../src/core/detect/signatures';
import { generateMessages, mulberry32 } from '../helpers/messageGen';

const PERSON: Identity = { name: 'Ada Lovelace', email: 'ada@example.com' };

function record(message: string, author: Identity = PERSON, i = 0): CommitRecord {
  return {
    sha: (i + 1).toString(16).padStart(40, '0'), parents: [], author, authorDate: '2026-01-01T00:00:00+00:00',
    committer: PERSON, committerDate: '2026-01-01T00:00:00+00:00', committerTime: 1767225600, message,
  };
}

/** Compares the two lanes; returns how many of the commits had evidence (so the test sees both kinds). */
function sameReports(messages: readonly string[], options: ClassifyOptions = {}, authors: readonly Identity[] = [PERSON]): number {
  let withEvidence = 0;
  messages.forEach((message, i) => {
    const commit = record(message, authors[i % authors.length], i);
    const fast = classifyCommit(commit, options);
    const full = classifyCommit(commit, { ...options, fullScan: true });
    assert.deepEqual(fast, full, `message ${i}: ${JSON.stringify(message.slice(0, 200))}`);
    if (full.evidence.length) withEvidence++;
  });
  return withEvidence;
}

describe('classify: the fast lane reports what the full path does', () => {
  it('over the trailer fixtures (git\'s own answers)', () => {
    const fixtures = JSON.parse(readFileSync(path.join(__dirname, '../fixtures/trailers/messages.json'), 'utf8')) as { message: string }[];
    assert.ok(fixtures.length > 20);
    sameReports(fixtures.map((f) => f.message));
  });

  it('over 6,000 generated messages, with git\'s default and configured separators and comment chars', () => {
    sameReports(generateMessages(3000, 16));
    sameReports(generateMessages(1500, 17, { separators: ':#', commentChar: ';' }), { trailers: { separators: ':#', commentChar: ';' } });
    sameReports(generateMessages(1500, 18, { configuredKeys: ['Reviewed-by', 'Helped-by'] }), { trailers: { configuredKeys: ['Reviewed-by', 'Helped-by'] } });
  });

  it('over every catalog example in every position, with people and AI identities as authors', () => {
    const examples = [...TRAILER_KEYS.map((r) => r.example), ...BODY_MARKERS.map((r) => r.example)];
    const messages: string[] = [];
    for (const ex of examples) {
      const [key, ...rest] = ex.split(':');
      const value = rest.join(':').trim();
      messages.push(
        `${ex}\n`,
        `Subject\n\n${ex}\n`,
        `Subject\n\nBody text.\n${ex}\nMore body.\n`,
        `Subject\n\nBody.\n\nSigned-off-by: Ada Lovelace <ada@example.com>\n${ex}\n`,
        `Subject\n\n${ex}\r\nSigned-off-by: Ada Lovelace <ada@example.com>\r\n`,
        ...(value ? [`Subject\n\nBody.\n\n${key}:\n  ${value}\nSigned-off-by: Ada <ada@example.com>\n`, `Subject\n\n${key}: x\n  ${value}\n`] : []),
        `Subject\n\n    ${ex}\n`,
        `Subject\n\n${ex.toUpperCase()}\n`,
      );
    }
    const authors: Identity[] = [PERSON, ...IDENTITIES.filter((r) => r.email).slice(0, 12).map((r) => ({ name: 'Bot', email: r.email as string }))];
    const withEvidence = sameReports(messages, {}, authors);
    assert.ok(withEvidence > messages.length / 2, `the examples reach the evidence paths (${withEvidence} of ${messages.length})`);
  });

  it('a message with no prefilter word and a person as author: no evidence on either lane', () => {
    const commit = record('Fix the parser\n\nReviewed-by: Ada <ada@example.com>\nTested-by: Bob <bob@example.com>\n');
    assert.deepEqual(classifyCommit(commit).evidence, []);
    assert.deepEqual(classifyCommit(commit, { fullScan: true }).evidence, []);
  });
});

// classify's line scan runs MESSAGE_PREFILTER_SCAN, a faster rewrite of MESSAGE_PREFILTER; both
// must hit exactly the same lines of every message (the scan uses a hit only for its line, and
// restarts at that line's end). The reference is the loop classify runs, with the original regex.
function hitLines(source: RegExp, message: string): number[] {
  const re = new RegExp(source.source, 'gim');
  const lines: number[] = [];
  for (let m = re.exec(message); m; m = re.exec(message)) {
    const start = message.lastIndexOf('\n', m.index) + 1;
    const nl = message.indexOf('\n', m.index);
    re.lastIndex = nl === -1 ? message.length : nl;
    lines.push(start);
  }
  return lines;
}

function sameHits(messages: readonly string[]): { hit: number; missed: number } {
  let hit = 0;
  messages.forEach((message, i) => {
    const expected = hitLines(MESSAGE_PREFILTER, message);
    assert.deepEqual(hitLines(MESSAGE_PREFILTER_SCAN, message), expected, `message ${i}: ${JSON.stringify(message.slice(0, 300))}`);
    if (expected.length) hit++;
  });
  return { hit, missed: messages.length - hit };
}

/** Every string an alternative of MESSAGE_PREFILTER matches (its groups expanded). */
const PREFILTER_WORDS = [
  'co-authored-by', 'assisted-by', 'generated-by', 'synthesized-by', 'ai-', 'made-with', 'made with', '-session',
  'devin session', 'claude-workflow', 'claude-steers', 'claude-permission-prompts', 'claude-escapes', 'amp-thread-id',
  'replit-commit', 'entire-', 'generated with', 'generated by', 'created with', 'created by', 'written with', 'written by',
  'cursor.com/', 'aider: ', 'ultraworked with', 'copilot-workspace.', 'claude.ai/code/session_', '# aider chat conversation',
  'assistant: ', 'author: claude code with',
];

// Characters the i flag (without u) does not fold to ASCII, though toLowerCase/toUpperCase map
// them to or from ASCII letters: long s, Kelvin sign, Angstrom sign, dotted and dotless i.
const LOOKALIKES: Record<string, string[]> = { s: ['\u017f'], k: ['\u212a'], i: ['\u0130', '\u0131'], a: ['\u00e5', '\u212b'] };
const JOINERS = ['', ' ', '  ', '\n', '\r\n', '\r', '\u2028', '\u2029', '\u0085', 'x', 'A', '_', '0', '-', '.', ':', '#', '/', '\u00e9', '\u212a', '\t', '\n\n', '\n    '];

describe('classify: the fast prefilter hits the lines the catalog\'s prefilter does', () => {
  it('the i flag folds no look-alike into an ASCII letter (what the cases below rely on matching exactly)', () => {
    assert.equal(/s/i.test('\u017f'), false);
    assert.equal(/k/i.test('\u212a'), false);
    assert.equal(/i/i.test('\u0130'), false);
    assert.equal(/\bai-/i.test('\u212aai-'), true, 'the Kelvin sign is no word character for \\b');
  });

  it('every alternative, alone, in every case, at line starts, mid-line, after each line terminator and look-alike', () => {
    const messages: string[] = [];
    for (const w of PREFILTER_WORDS) {
      const variants = [w, w.toUpperCase(), w.replace(/(.)(.)/g, (_, a: string, b: string) => a.toUpperCase() + b)];
      for (const [ch, alts] of Object.entries(LOOKALIKES)) for (const alt of alts) if (w.includes(ch)) variants.push(w.split(ch).join(alt));
      for (let cut = 1; cut < w.length; cut++) variants.push(w.slice(0, cut), w.slice(cut));
      for (const v of variants) {
        for (const before of JOINERS) {
          messages.push(`${before}${v}`, `Subject\n${before}${v}\n`, `Subject\n\nBody ${before}${v} tail\n`);
        }
        messages.push(`Subject\n\nKey: value\n  ${v}\nSigned-off-by: Ada <ada@example.com>\n`, `${v}${v}\n${v}`);
      }
    }
    const { hit, missed } = sameHits(messages);
    assert.ok(hit > 1000 && missed > 1000, `both kinds reached (${hit} hit, ${missed} missed)`);
  });

  it('over 30,000 random messages spliced from the alternatives, cut, re-cased, with look-alikes', () => {
    const next = mulberry32(20261203);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
    const messages: string[] = [];
    for (let n = 0; n < 30000; n++) {
      let message = '';
      const parts = 1 + Math.floor(next() * 6);
      for (let p = 0; p < parts; p++) {
        let w = pick(PREFILTER_WORDS);
        const r = next();
        if (r < 0.3) w = w.slice(Math.floor(next() * w.length));
        else if (r < 0.5) w = w.slice(0, 1 + Math.floor(next() * w.length));
        let out = '';
        for (const ch of w) {
          const alts = LOOKALIKES[ch.toLowerCase()];
          const c = next();
          out += alts && c < 0.05 ? pick(alts) : c < 0.4 ? ch.toUpperCase() : ch;
        }
        message += pick(JOINERS) + out;
      }
      messages.push(message);
    }
    const { hit, missed } = sameHits(messages);
    assert.ok(hit > 3000 && missed > 3000, `both kinds reached (${hit} hit, ${missed} missed)`);
  });

  it('over the trailer fixtures, the generated messages and every catalog example', () => {
    const fixtures = JSON.parse(readFileSync(path.join(__dirname, '../fixtures/trailers/messages.json'), 'utf8')) as { message: string }[];
    const examples = [...TRAILER_KEYS.map((r) => r.example), ...BODY_MARKERS.map((r) => r.example)];
    const { hit } = sameHits([
      ...fixtures.map((f) => f.message), ...generateMessages(3000, 19),
      ...examples.flatMap((ex) => [ex, `Subject\n\n${ex}\n`, `Subject\n\n  ${ex.toUpperCase()}\r\n`]),
    ]);
    assert.ok(hit >= examples.length);
  });
});
