import { strict as assert } from 'node:assert';
import type { CommitAudit, Evidence } from '../../src/core/model';
import { SummaryAccumulator, summarize } from '../../src/core/history/summary';

function audit(over: Partial<CommitAudit> & { sha: string }): CommitAudit {
  return {
    parents: [],
    author: { name: 'Alice', email: 'alice@example.com' },
    committer: { name: 'Alice', email: 'alice@example.com' },
    date: '2024-01-01T00:00:00Z',
    committerDate: '2024-01-01T00:00:00Z',
    subject: 'subject',
    assisted: false,
    verdict: 'none',
    tools: [],
    models: [],
    evidence: [],
    ...over,
  };
}

const trailer = (tool: Evidence['tool'], detail: string, model?: string): Evidence => ({
  kind: 'trailer', tool, confidence: 'high', detail, signature: `${tool}-trailer`, ...(model ? { model } : {}),
});

describe('summary', () => {
  it('is all zeros with no commits (no NaN, no dates)', () => {
    const s = summarize([]);
    assert.equal(s.commits, 0);
    assert.equal(s.assistedShare, 0);
    assert.deepEqual(s.tools, []);
    assert.deepEqual(s.models, []);
    assert.deepEqual(s.authors, []);
    assert.deepEqual(s.evidenceKinds, { trailer: 0, author: 0, committer: 0, message: 0, diff: 0, note: 0, branch: 0 });
    assert.equal(s.messageOnly, 0);
    assert.equal(s.empty, 0);
    assert.deepEqual(s.autonomy, { 'line-level': 0, 'agent-authored': 0, 'agent-committed': 0, 'co-authored': 0 });
    assert.equal(s.firstDate, undefined);
    assert.equal(s.lastDate, undefined);
    assert.ok(!('firstDate' in s));
  });

  it('counts verdicts, tools, models, authors and evidence kinds', () => {
    const audits = [
      audit({ sha: 'a', verdict: 'assisted', assisted: true, tools: ['claude'], models: ['Claude Opus 4.6'],
        evidence: [trailer('claude', 'Co-Authored-By: Claude', 'Claude Opus 4.6'), { ...trailer('claude', 'x'), kind: 'message' }] }),
      audit({ sha: 'b', verdict: 'assisted', assisted: true, tools: ['copilot', 'claude'], models: ['gpt-5', 'Claude Opus 4.6'],
        author: { name: 'Bob', email: 'BOB@example.com' }, evidence: [trailer('copilot', 'c'), trailer('claude', 'd')] }),
      audit({ sha: 'c', verdict: 'unverified', tools: ['copilot'], author: { name: 'Robert', email: 'bob@EXAMPLE.com' },
        evidence: [{ ...trailer('copilot', 'Co-authored-by: Copilot <copilot@github.com>'), sticky: true }] }),
      audit({ sha: 'd', author: { name: 'Carol', email: 'carol@example.com' } }),
      audit({ sha: 'e', verdict: 'assisted', assisted: true, tools: ['aider', 'aider'], models: ['gpt-5'],
        author: { name: 'Carol', email: 'carol@example.com' }, evidence: [{ ...trailer('aider', 'aider: x'), kind: 'author' }] }),
    ];
    const s = summarize(audits);
    assert.equal(s.commits, 5);
    assert.equal(s.assisted, 3);
    assert.equal(s.unverified, 1);
    assert.equal(s.none, 1);
    assert.equal(s.assistedShare, 3 / 5);
    assert.deepEqual(s.tools, [
      { tool: 'claude', commits: 2 }, { tool: 'copilot', commits: 2 }, { tool: 'aider', commits: 1 },
    ]);
    assert.deepEqual(s.models, [{ model: 'Claude Opus 4.6', commits: 2 }, { model: 'gpt-5', commits: 2 }]);
    assert.deepEqual(s.authors, [
      { name: 'Bob', email: 'bob@example.com', commits: 2, assisted: 1, unverified: 1 },
      { name: 'Carol', email: 'carol@example.com', commits: 2, assisted: 1, unverified: 0 },
      { name: 'Alice', email: 'alice@example.com', commits: 1, assisted: 1, unverified: 0 },
    ]);
    assert.deepEqual(s.evidenceKinds, { trailer: 4, author: 1, committer: 0, message: 1, diff: 0, note: 0, branch: 0 });
  });

  it('keeps full precision in assistedShare', () => {
    const s = summarize([audit({ sha: 'a', verdict: 'assisted', assisted: true }), audit({ sha: 'b' }), audit({ sha: 'c' })]);
    assert.equal(s.assistedShare, 1 / 3);
  });

  it('compares dates as instants across time zones and returns the original strings', () => {
    const audits = [
      audit({ sha: 'a', date: '2024-03-10T23:30:00-05:00' }), // 2024-03-11T04:30Z
      audit({ sha: 'b', date: '2024-03-11T01:00:00+02:00' }), // 2024-03-10T23:00Z: earliest
      audit({ sha: 'c', date: '2024-03-11T05:00:00+09:00' }), // 2024-03-10T20:00Z: earliest of all
      audit({ sha: 'd', date: '2024-03-11T00:00:00-08:00' }), // 2024-03-11T08:00Z: latest
      audit({ sha: 'e', date: '2024-03-11T09:00:00+02:00' }), // 2024-03-11T07:00Z
    ];
    const s = summarize(audits);
    assert.equal(s.firstDate, '2024-03-11T05:00:00+09:00');
    assert.equal(s.lastDate, '2024-03-11T00:00:00-08:00');
    assert.deepEqual(summarize([...audits].reverse()), s);
  });

  it('is deterministic and independent of input order', () => {
    const audits = [
      audit({ sha: 'a', verdict: 'assisted', assisted: true, tools: ['cursor'], author: { name: 'Zed', email: 'z@x' } }),
      audit({ sha: 'b', verdict: 'assisted', assisted: true, tools: ['codex'], author: { name: 'Amy', email: 'a@x' } }),
      audit({ sha: 'c', verdict: 'assisted', assisted: true, tools: ['amp'], models: ['m2', 'm1'], author: { name: 'Mo', email: 'm@x' } }),
    ];
    const one = JSON.stringify(summarize(audits));
    assert.equal(JSON.stringify(summarize(audits)), one);
    const reversed = summarize([...audits].reverse());
    assert.deepEqual(reversed.tools.map((t) => t.tool), ['amp', 'codex', 'cursor']);
    assert.deepEqual(reversed.models.map((m) => m.model), ['m1', 'm2']);
    assert.deepEqual(reversed.authors.map((a) => a.email), ['a@x', 'm@x', 'z@x']);
  });

  it('accumulates incrementally; result() can be called repeatedly and is a copy', () => {
    const acc = new SummaryAccumulator();
    acc.add(audit({ sha: 'a' }));
    const first = acc.result();
    first.authors[0]!.commits = 99;
    first.evidenceKinds.trailer = 99;
    acc.add(audit({ sha: 'b', verdict: 'assisted', assisted: true }));
    const second = acc.result();
    assert.equal(second.commits, 2);
    assert.equal(second.authors[0]!.commits, 2);
    assert.equal(second.evidenceKinds.trailer, 0);
  });

  it('ignores unparseable dates', () => {
    const s = summarize([audit({ sha: 'a', date: 'garbage' }), audit({ sha: 'b', date: '2020-01-01T00:00:00Z' })]);
    assert.equal(s.firstDate, '2020-01-01T00:00:00Z');
    assert.equal(s.lastDate, '2020-01-01T00:00:00Z');
  });
});
