// Chart data: buckets (ISO weeks, months, gaps), stacking by tool, shares, unverified, authors.
import { strict as assert } from 'node:assert';
import { authorBreakdown, bucketOf, chartSeries } from '../../src/core/history/historyCharts';
import type { Row } from '../../src/core/history/historyModel';
import type { ToolId, Verdict } from '../../src/core/model';

const row = (date: string, verdict: Verdict, tools: ToolId[] = [], author = 'Ada'): Row =>
  ({ sha: 'a'.repeat(40), date: `${date}T10:00:00+02:00`, author, subject: 's', verdict, tools, models: [], evidence: tools.length });

describe('history charts', () => {
  it('buckets by ISO week (Monday) and month', () => {
    assert.equal(bucketOf('2026-11-22', 'week'), '2026-11-16'); // a Sunday
    assert.equal(bucketOf('2026-11-16', 'week'), '2026-11-16'); // a Monday
    assert.equal(bucketOf('2027-01-01', 'week'), '2026-12-28'); // across a year
    assert.equal(bucketOf('2026-02-28', 'month'), '2026-02-01');
  });

  it('stacks assisted commits by tool, keeps totals and unverified, fills gaps', () => {
    const s = chartSeries([
      row('2026-01-05', 'assisted', ['claude']), row('2026-01-06', 'assisted', ['claude', 'copilot']),
      row('2026-01-07', 'none'), row('2026-01-20', 'unverified', ['copilot']), row('2026-01-21', 'none'),
    ], 'week');
    assert.deepEqual(s.buckets, ['2026-01-05', '2026-01-12', '2026-01-19']);
    assert.deepEqual(s.totals, [3, 0, 2]);
    assert.deepEqual(s.unverified, [0, 0, 1]);
    assert.deepEqual(s.byTool, [{ tool: 'claude', counts: [2, 0, 0] }, { tool: 'copilot', counts: [1, 0, 0] }]);
  });

  it('is empty without rows and deterministic', () => {
    assert.deepEqual(chartSeries([], 'month'), { buckets: [], byTool: [], totals: [], unverified: [] });
    const rows = [row('2026-03-01', 'assisted', ['aider']), row('2026-01-01', 'assisted', ['cursor'])];
    assert.deepEqual(chartSeries(rows, 'month'), chartSeries([...rows].reverse(), 'month'));
    assert.deepEqual(chartSeries(rows, 'month').buckets, ['2026-01-01', '2026-02-01', '2026-03-01']);
  });

  it('breaks down by author, most assisted first', () => {
    const a = authorBreakdown([row('2026-01-01', 'assisted', ['claude'], 'Bob'), row('2026-01-02', 'none', [], 'Ada'),
      row('2026-01-03', 'none', [], 'Ada'), row('2026-01-04', 'assisted', ['aider'], 'Bob')]);
    assert.deepEqual(a, [{ name: 'Bob', commits: 2, assisted: 2 }, { name: 'Ada', commits: 2, assisted: 0 }]);
  });
});
