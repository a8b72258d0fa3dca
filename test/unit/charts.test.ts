// The HTML report's inline SVG charts: escaped, deterministic, proportional, readable without colour.
import { strict as assert } from 'node:assert';
import { SERIES, escapeHtml, fmt, monthChart, toolChart, verdictChart } from '../../src/core/report/charts';
import { MonthAccumulator, monthOf, type MonthRow } from '../../src/core/report/months';
import type { CommitAudit } from '../../src/core/model';

const months: MonthRow[] = [
  { month: '2026-01', commits: 4, assisted: 1, unverified: 1, none: 2 },
  { month: '2026-02', commits: 8, assisted: 8, unverified: 0, none: 0 },
  { month: '2026-03', commits: 0, assisted: 0, unverified: 0, none: 0 },
];

/** `<rect …>` attributes of the bars (those with a <title>). */
function bars(svg: string): { attrs: Record<string, string>; title: string }[] {
  return [...svg.matchAll(/<rect ([^>]*)><title>([^<]*)<\/title><\/rect>/g)].map((m) => ({
    attrs: Object.fromEntries([...(m[1] as string).matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1] as string, a[2] as string])),
    title: m[2] as string,
  }));
}

describe('charts', () => {
  it('escapes text and attribute values, and control characters', () => {
    assert.equal(escapeHtml(`<img src=x onerror="alert('1')">&`), '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;');
    assert.equal(escapeHtml('a\u0000b\u001bc\td\ne'), 'a\ufffdb\ufffdc\td\ne');
  });

  it('rounds coordinates to one decimal, deterministically', () => {
    assert.equal(fmt(1 / 3), '0.3');
    assert.equal(fmt(12), '12');
    assert.equal(fmt(-0.01), '0');
    assert.equal(fmt(2.25), '2.3');
  });

  it('draws months as stacked bars whose heights are proportional to the counts', () => {
    const svg = monthChart(months);
    const b = bars(svg);
    assert.deepEqual(b.map((x) => x.title), ['2026-01: assisted 1', '2026-01: unverified 1', '2026-01: no ai evidence 2', '2026-02: assisted 8']);
    const h = b.map((x) => Number(x.attrs.height));
    assert.deepEqual(h, [20, 20, 40, 160]); // 160 px for the largest month (8 commits)
    // stacked: each segment starts where the one below ends
    assert.equal(Number(b[0]!.attrs.y) - Number(b[1]!.attrs.y), 20);
    assert.ok(svg.includes('>1/4</text>') && svg.includes('>8/8</text>') && svg.includes('>0</text>'), 'value labels');
    assert.equal(svg, monthChart(months));
  });

  it('tells series apart by pattern and legend text, not colour alone', () => {
    const svg = monthChart(months, 'm');
    assert.ok(svg.includes('<pattern id="m-unverified"') && svg.includes('<pattern id="m-none"'));
    assert.ok(svg.includes('fill="url(#m-unverified)"') && svg.includes('fill="url(#m-none)"'));
    for (const s of SERIES) assert.ok(svg.includes(`>${s.label}</text>`), s.label);
    assert.match(svg, /role="img" aria-labelledby="m-title m-desc"/);
    assert.match(svg, /<desc id="m-desc">Commits per month, 2026-01 to 2026-03: 2026-01 1 assisted, 1 unverified, 2 without AI evidence;/);
    assert.ok(!/fill="#|style=/.test(svg), 'colours come from the stylesheet classes');
  });

  it('escapes labels that come from data', () => {
    const svg = monthChart([{ month: '<script>x</script>', commits: 1, assisted: 1, unverified: 0, none: 0 }]);
    assert.ok(!svg.includes('<script>'));
    assert.ok(svg.includes('&lt;script&gt;x&lt;/script&gt;'));
    const tools = toolChart([{ tool: '"><svg onload=alert(1)>', commits: 1 }], 1);
    assert.ok(!tools.includes('<svg onload'));
  });

  it('draws tools as horizontal bars with count and share, and says when there are none', () => {
    const svg = toolChart([{ tool: 'claude', commits: 6 }, { tool: 'aider', commits: 3 }], 12);
    const b = bars(svg);
    assert.deepEqual(b.map((x) => Number(x.attrs.width)), [300, 150]);
    assert.ok(svg.includes('>6 (50.0 %)</text>') && svg.includes('>3 (25.0 %)</text>'));
    assert.ok(toolChart([], 0).includes('No AI tools named.'));
  });

  it('draws one verdict bar whose segments add up to the width, labelled with shares', () => {
    const svg = verdictChart({ assisted: 3, unverified: 1, none: 4 });
    const widths = bars(svg).map((x) => Number(x.attrs.width));
    assert.equal(widths.reduce((a, b) => a + b, 0), 504);
    assert.ok(svg.includes('Assisted 3 (37.5 %) · Unverified 1 (12.5 %) · No AI evidence 4 (50.0 %)'));
    assert.ok(!verdictChart({ assisted: 0, unverified: 0, none: 0 }).includes('NaN'));
  });

  it('counts months by author date, oldest first, unknown last', () => {
    const acc = new MonthAccumulator();
    const a = (date: string, verdict: CommitAudit['verdict']): CommitAudit => ({ date, verdict } as CommitAudit);
    for (const x of [a('2026-02-01T00:00:00+14:00', 'assisted'), a('garbage', 'none'), a('2025-12-31T23:00:00-08:00', 'unverified')]) acc.add(x);
    assert.deepEqual(acc.result().map((m) => [m.month, m.commits, m.assisted, m.unverified, m.none]),
      [['2025-12', 1, 0, 1, 0], ['2026-02', 1, 1, 0, 0], ['unknown', 1, 0, 0, 1]]);
    assert.equal(monthOf('2026-07-04T00:00:00Z'), '2026-07');
  });
});
