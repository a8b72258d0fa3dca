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
import { BODY_MARKERS, IDENTITIES, TRAILER_KEYS } from '../../src/core/detect/signatures';
import { generateMessages } from '../helpers/messageGen';

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
