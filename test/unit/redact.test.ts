// --redact-emails: people's addresses become stable pseudonyms; AI tools' addresses are evidence.
import { strict as assert } from 'node:assert';
import type { CommitAudit } from '../../src/core/model';
import { sha256 } from '../../src/app/sha256';
import * as redact from '../../src/core/report/redact';
import { isAiAddress } from '../../src/core/report/redact';

// SHA-256 is given by the shell; node:crypto's, as the CLI and the extension give it.
const pseudonym = (e: string): string => redact.pseudonym(e, sha256);
const redactEmail = (e: string): string => redact.redactEmail(e, sha256);
const redactText = (t: string): string => redact.redactText(t, sha256);
const redactAudit = (a: CommitAudit): CommitAudit => redact.redactAudit(a, sha256);
const redactViolation = (v: Parameters<typeof redact.redactViolation>[0]): ReturnType<typeof redact.redactViolation> => redact.redactViolation(v, sha256);

const audit: CommitAudit = {
  sha: 'a'.repeat(40), parents: [], author: { name: 'Jane (aider)', email: 'Jane@Example.com' },
  committer: { name: 'Bot', email: '198982749+Copilot@users.noreply.github.com' }, date: '2026-01-01T00:00:00+00:00',
  committerDate: '2026-01-01T00:00:00+00:00', subject: 'Thanks bob@example.org for the review', assisted: true,
  verdict: 'assisted', tools: ['aider', 'claude'], models: [],
  evidence: [
    { kind: 'author', tool: 'aider', confidence: 'high', detail: 'Jane (aider) <Jane@Example.com>', signature: 'aider.name' },
    { kind: 'trailer', tool: 'claude', confidence: 'high', detail: 'Co-Authored-By: Claude <noreply@anthropic.com>', signature: 'claude.noreply' },
  ],
};

describe('redact', () => {
  it('knows AI addresses from the catalog (addresses and GitHub bot ids)', () => {
    assert.ok(isAiAddress('noreply@anthropic.com'));
    assert.ok(isAiAddress('COPILOT@github.com'));
    assert.ok(isAiAddress('198982749+Copilot@users.noreply.github.com'));
    assert.ok(!isAiAddress('12345+jane@users.noreply.github.com'));
    assert.ok(!isAiAddress('jane@example.com'));
  });

  it('gives each person one stable pseudonym, whatever the case', () => {
    assert.equal(pseudonym('Jane@Example.com'), pseudonym('jane@example.com'));
    assert.match(pseudonym('jane@example.com'), /^[0-9a-f]{12}@redacted\.invalid$/);
    assert.notEqual(pseudonym('jane@example.com'), pseudonym('bob@example.com'));
    // pinned: pseudonyms in reports shared before must stay the same (the first 12 hex of SHA-256)
    assert.equal(pseudonym('Jane@Example.com'), '8c87b489ce35@redacted.invalid');
    assert.equal(redactEmail(''), '');
    assert.equal(redactEmail(pseudonym('x@y.z')), pseudonym('x@y.z'), 'idempotent');
  });

  it('redacts identities, subjects and evidence details, and nothing else', () => {
    const r = redactAudit(audit);
    assert.equal(r.author.email, pseudonym('jane@example.com'));
    assert.equal(r.author.name, 'Jane (aider)');
    assert.equal(r.committer.email, audit.committer.email);
    assert.equal(r.subject, `Thanks ${pseudonym('bob@example.org')} for the review`);
    assert.equal(r.evidence[0]?.detail, `Jane (aider) <${pseudonym('jane@example.com')}>`);
    assert.equal(r.evidence[1]?.detail, audit.evidence[1]?.detail);
    assert.deepEqual(Object.keys(r), Object.keys(audit), 'same fields, same order');
    assert.equal(audit.author.email, 'Jane@Example.com', 'the input is not modified');
    assert.equal(redactText('no address here'), 'no address here');
  });

  it('redacts what check prints of a violation', () => {
    const v = redactViolation({ sha: 'a', date: 'd', author: 'jane@example.com', subject: 's', action: 'rewrite',
      problems: [{ kind: 'stripped', text: '"Co-authored-by: Jane <jane@example.com>": this repository strips AI attribution' }] });
    assert.equal(v.author, pseudonym('jane@example.com'));
    assert.ok(!v.problems[0]?.text.includes('jane@'));
  });
});
