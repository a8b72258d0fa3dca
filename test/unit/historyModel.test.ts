// The panel's history model: filters, sorts and windows, incremental paging, 200,000 rows.
import { strict as assert } from 'node:assert';
import { HistoryModel } from '../../src/core/history/historyModel';
import { DEFAULT_QUERY, parseInbound, type Query, type Row } from '../../src/protocol/panel';
import type { ToolId, Verdict } from '../../src/core/model';

function row(i: number, verdict: Verdict = 'none', tools: ToolId[] = [], author = `dev${i % 5}`): Row {
  const day = new Date(Date.UTC(2026, 0, 1) - i * 3600_000 * 7).toISOString();
  return { sha: i.toString(16).padStart(40, '0'), date: day.replace('Z', '+00:00').replace(/\.\d+/, ''), author, subject: `commit ${i}`,
    verdict, tools, models: [], evidence: tools.length };
}

const q = (over: Partial<Query>): Query => ({ ...DEFAULT_QUERY, ...over });

describe('HistoryModel', () => {
  it('keeps git order by default and grows incrementally while rows stream in', () => {
    const m = new HistoryModel(DEFAULT_QUERY);
    m.add([row(0), row(1, 'assisted', ['claude'])]);
    assert.equal(m.total, 2);
    m.add([row(2, 'unverified', ['copilot'])]);
    assert.deepEqual(m.range(0, 10).map((r) => r.subject), ['commit 0', 'commit 1', 'commit 2']);
    assert.deepEqual(m.range(1, 1).map((r) => r.subject), ['commit 1']);
  });

  it('filters by verdict, tool, author, date range and free text, combined', () => {
    const m = new HistoryModel(DEFAULT_QUERY);
    m.add([row(0, 'assisted', ['claude'], 'Ada'), row(1, 'assisted', ['copilot'], 'Bob'), row(2, 'unverified', ['copilot'], 'Ada'), row(3)]);
    m.setQuery(q({ verdicts: ['assisted'] }));
    assert.equal(m.total, 2);
    m.setQuery(q({ tools: ['copilot'] }));
    assert.deepEqual(m.range(0, 9).map((r) => r.subject), ['commit 1', 'commit 2']);
    m.setQuery(q({ tools: ['copilot'], author: 'ada' }));
    assert.deepEqual(m.range(0, 9).map((r) => r.subject), ['commit 2']);
    m.setQuery(q({ text: 'COMMIT 3' }));
    assert.equal(m.total, 1);
    const day = (i: number): string => row(i).date.slice(0, 10);
    assert.equal(day(0), '2026-01-01');
    assert.equal(day(3), '2025-12-31');
    m.setQuery(q({ from: day(3), to: day(1) }));
    assert.deepEqual(m.range(0, 9).map((r) => r.subject), ['commit 1', 'commit 2', 'commit 3']);
    m.setQuery(q({ from: day(0) }));
    assert.deepEqual(m.range(0, 9).map((r) => r.subject), ['commit 0']);
    m.setQuery(q({}), new Set([row(3).sha]));
    assert.deepEqual(m.range(0, 9).map((r) => r.subject), ['commit 3']);
  });

  it('sorts by any column, stable on ties, both directions', () => {
    const m = new HistoryModel(DEFAULT_QUERY);
    m.add([row(0, 'none', [], 'b'), row(1, 'assisted', ['claude'], 'a'), row(2, 'unverified', ['copilot'], 'b')]);
    m.setQuery(q({ sort: { key: 'author', dir: 'asc' } }));
    assert.deepEqual(m.range(0, 9).map((r) => r.subject), ['commit 1', 'commit 0', 'commit 2']);
    m.setQuery(q({ sort: { key: 'verdict', dir: 'asc' } }));
    assert.deepEqual(m.range(0, 9).map((r) => r.verdict), ['assisted', 'unverified', 'none']);
    m.setQuery(q({ sort: { key: 'date', dir: 'asc' } }));
    assert.deepEqual(m.range(0, 9).map((r) => r.subject), ['commit 2', 'commit 1', 'commit 0']);
  });

  it('handles 200,000 rows: paging and a full re-sort stay fast', () => {
    const m = new HistoryModel(DEFAULT_QUERY);
    const tools: ToolId[] = ['claude', 'copilot', 'cursor'];
    const batch: Row[] = [];
    for (let i = 0; i < 200_000; i++) batch.push(row(i, i % 9 === 0 ? 'assisted' : 'none', i % 9 === 0 ? [tools[(i / 9) % 3] as ToolId] : []));
    let t = Date.now();
    for (let i = 0; i < batch.length; i += 1000) {
      m.add(batch.slice(i, i + 1000));
      m.range(0, 50);
    }
    const streaming = Date.now() - t;
    t = Date.now();
    m.setQuery(q({ sort: { key: 'subject', dir: 'asc' }, verdicts: ['assisted'] }));
    assert.equal(m.total, 22_223);
    const sorting = Date.now() - t;
    assert.ok(streaming < 3000 && sorting < 3000, `streaming ${streaming} ms, sorting ${sorting} ms`);
    assert.deepEqual(m.facets().tools, ['claude', 'copilot', 'cursor']);
  });
});

describe('panel protocol guards', () => {
  it('accepts well-formed messages', () => {
    assert.deepEqual(parseInbound({ type: 'ready' }), { type: 'ready' });
    assert.ok(parseInbound({ type: 'query', query: { ...DEFAULT_QUERY, tools: ['claude'], from: '2026-01-01' } }));
    assert.ok(parseInbound({ type: 'range', requestId: 3, start: 0, count: 200 }));
    assert.ok(parseInbound({ type: 'select', sha: 'a'.repeat(40) }));
    assert.ok(parseInbound({ type: 'export', format: 'sarif' }));
    assert.deepEqual(parseInbound({ type: 'loaded', rows: 100000, at: 1234.5 }), { type: 'loaded', rows: 100000, at: 1234.5 });
    assert.deepEqual(parseInbound({ type: 'ready', at: 80 }), { type: 'ready', at: 80 });
  });

  it('rejects anything else: unknown types, extra fields, bad shas, injections, huge values', () => {
    for (const bad of [
      undefined, null, 'ready', { type: 'nope' }, { type: 'ready', extra: 1 },
      { type: 'select', sha: 'HEAD; rm -rf /' }, { type: 'select', sha: '--output=x' },
      { type: 'range', requestId: -1, start: 0, count: 10 }, { type: 'range', requestId: 1, start: 0, count: 1e9 },
      { type: 'query', query: { ...DEFAULT_QUERY, from: '2026-1-1' } }, { type: 'query', query: { ...DEFAULT_QUERY, sort: { key: '__proto__', dir: 'asc' } } },
      { type: 'export', format: 'exe' }, { type: 'fix' },
      { type: 'loaded', rows: -1 }, { type: 'loaded', rows: 1.5 }, { type: 'loaded' }, { type: 'loaded', rows: 1, at: -2 }, { type: 'loaded', rows: 1, extra: 2 }, { type: 'painted', rows: 1, at: 'now' },
    ]) {
      assert.equal(parseInbound(bad), undefined, JSON.stringify(bad));
    }
  });
});
