// in-toto Statement v1 of a report, DSSE's pre-authentication encoding, and reading a statement back.
import { strict as assert } from 'node:assert';
import type { CommitAudit, ReportMeta } from '../../src/core/model';
import {
  DSSE_PAYLOAD_TYPE, InTotoWriter, PREDICATE_TYPE, STATEMENT_TYPE, envelopeJson, pae, readStatement,
} from '../../src/core/report/intoto';
import { ReportSchema } from '../../src/core/report/reportSchema';
import { summarize } from '../../src/core/history/summary';

const meta: ReportMeta = {
  schemaVersion: 1,
  generator: { name: 'ai-provenance', version: '1.2.3', engine: 2, catalog: 2 },
  repository: { id: '/repo', head: 'b'.repeat(40), shallow: false },
  query: { revs: ['main'], all: false, paths: [], diffs: true },
};

function audit(sha: string, subject: string): CommitAudit {
  return {
    sha, parents: [], author: { name: 'A', email: 'a@x' }, committer: { name: 'A', email: 'a@x' }, date: '2026-01-02T10:00:00+00:00',
    committerDate: '2026-01-02T10:00:00+00:00', subject, verdict: 'assisted', assisted: true, tools: ['claude'], models: [],
    evidence: [{ kind: 'trailer', tool: 'claude', confidence: 'high', detail: 'Co-Authored-By: Claude <noreply@anthropic.com>', signature: 's' }],
  };
}

const audits = [audit('b'.repeat(40), 'second "quoted" \u2028 line'), audit('c'.repeat(64), 'first')];

function statement(list: readonly CommitAudit[], generatedAt?: string): string {
  const w = new InTotoWriter(generatedAt ? { generatedAt } : {});
  let out = w.begin(meta);
  for (const a of list) out += w.commit(a);
  return out + w.end(summarize(list));
}

describe('in-toto attestation', () => {
  it('is a Statement v1: the commits are the subjects, the report is the predicate', () => {
    const text = statement(audits, '2026-04-01T09:30:00Z');
    assert.ok(text.endsWith('}\n'));
    const doc = JSON.parse(text) as { _type: string; subject: unknown[]; predicateType: string; predicate: unknown };
    assert.deepEqual(Object.keys(doc), ['_type', 'subject', 'predicateType', 'predicate']);
    assert.equal(doc._type, 'https://in-toto.io/Statement/v1');
    assert.equal(doc._type, STATEMENT_TYPE);
    assert.equal(doc.predicateType, PREDICATE_TYPE);
    assert.deepEqual(doc.subject, [
      { name: 'b'.repeat(40), digest: { gitCommit: 'b'.repeat(40) } },
      { name: 'c'.repeat(64), digest: { gitCommit: 'c'.repeat(64) } },
    ]);
    const predicate = ReportSchema.parse(doc.predicate);
    assert.equal(predicate.generatedAt, '2026-04-01T09:30:00Z');
    assert.deepEqual(predicate.commits, audits);
    assert.deepEqual(predicate.summary, summarize(audits));
  });

  it('is valid JSON with no commits and carries no clock unless given one', () => {
    const doc = JSON.parse(statement([])) as { subject: unknown[]; predicate: Record<string, unknown> };
    assert.deepEqual(doc.subject, []);
    assert.equal('generatedAt' in doc.predicate, false);
    assert.equal(statement(audits), statement(audits));
  });

  it('encodes PAE as the DSSE protocol defines it (byte lengths, the spec example)', () => {
    const text = (s: string): Uint8Array => new TextEncoder().encode(s);
    assert.equal(Buffer.from(pae('http://example.com/HelloWorld', text('hello world'))).toString('utf8'),
      'DSSEv1 29 http://example.com/HelloWorld 11 hello world');
    assert.equal(Buffer.from(pae(DSSE_PAYLOAD_TYPE, text('é'))).toString('utf8'), 'DSSEv1 28 application/vnd.in-toto+json 2 é');
    assert.equal(Buffer.from(pae('t', new Uint8Array())).toString('utf8'), 'DSSEv1 1 t 0 ');
  });

  it('writes envelopes with the in-toto payload type', () => {
    const env = JSON.parse(envelopeJson('eyJ9', [{ keyid: 'SHA256:x', sig: 'AAAA' }])) as Record<string, unknown>;
    assert.deepEqual(env, { payloadType: 'application/vnd.in-toto+json', payload: 'eyJ9', signatures: [{ keyid: 'SHA256:x', sig: 'AAAA' }] });
  });

  it('reads a statement back, and says what is wrong with anything else', () => {
    assert.deepEqual(readStatement(statement(audits)), { subjects: 2, predicateType: PREDICATE_TYPE, head: 'b'.repeat(40) });
    assert.equal(readStatement('nope'), 'the payload is not JSON');
    assert.match(readStatement('{"_type":"https://in-toto.io/Statement/v0.1","subject":[],"predicateType":"x"}') as string, /_type is invalid/);
  });
});
