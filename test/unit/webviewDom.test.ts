// The panel webview's pure parts (formatting, virtual window, row cache, chart geometry, persisted
// state, Code view sorting) in plain Node, plus static guards: no HTML-parsing sinks in the webview, CSS row height = JS.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { bands, countTicks, niceCeil, stack, stackMax, thinLabels, ticks } from '../../src/webview/chartMath';
import { bucketLabel, count, dateTime, day, location, percent, verdictText } from '../../src/webview/format';
import { sortEntries } from '../../src/webview/code';
import { RowCache } from '../../src/webview/rowCache';
import { normalizeQuery, restore, sameQuery } from '../../src/webview/state';
import { layout, missingBlocks, navigate, pageRows, scrollTopFor, visibleWindow } from '../../src/webview/virtual';
import { DEFAULT_QUERY, QuerySchema, type Row } from '../../src/protocol/panel';
import { codeListing } from '../../src/core/lines/codeTree';
import { emptyCounts } from '../../src/core/lines/lineClass';

const WEBVIEW = join(__dirname, '../../src/webview');

function row(i: number, tag = ''): Row {
  return { sha: `${tag}${i}`.padStart(40, '0'), date: '2025-01-01T00:00:00+00:00', author: 'a', subject: `s${i}`, verdict: 'none', tools: [], models: [], evidence: 0 };
}
function rows(start: number, n: number, tag = ''): Row[] {
  return Array.from({ length: n }, (_, k) => row(start + k, tag));
}

describe('webview: formatting', () => {
  it('formats dates as written, numbers and shares without a locale', () => {
    assert.equal(day('2025-03-04T23:30:00-07:00'), '2025-03-04');
    assert.equal(day(undefined), '');
    assert.equal(dateTime('2025-03-04T23:30:00-07:00'), '2025-03-04 23:30 -07:00');
    assert.equal(dateTime('2025-03-04T23:30:00Z'), '2025-03-04 23:30 UTC');
    assert.equal(dateTime('garbage'), 'garbage');
    assert.equal(count(200000), '200,000');
    assert.equal(count(999), '999');
    assert.equal(percent(0), '0%');
    assert.equal(percent(0.2345), '23.5%');
    assert.equal(percent(0.25), '25%');
    assert.equal(percent(0.0004), '<0.1%');
    assert.equal(percent(1.2), '100%');
    assert.equal(location({ file: 'a.ts', line: 3, endLine: 9 }), 'a.ts:3–9');
    assert.equal(location({ file: 'a.ts', line: 3, endLine: 3 }), 'a.ts:3');
    assert.equal(location({ file: 'a.ts' }), 'a.ts');
    assert.equal(bucketLabel('2025-03-03', 'week'), '03-03');
    assert.equal(bucketLabel('2025-03-01', 'month'), '2025-03');
  });

  it('names every verdict with a glyph and a word, not colour alone', () => {
    assert.equal(verdictText('assisted'), '● assisted');
    assert.equal(verdictText('unverified'), '◐ unverified');
    assert.equal(verdictText('none'), '○ none');
  });
});

describe('webview: virtual window', () => {
  it('shows the rows under the viewport plus overscan, positioned in body coordinates', () => {
    const w = visibleWindow(240, 480, 200_000, 24, 10);
    assert.deepEqual([w.visibleFirst, w.visibleEnd, w.first, w.end, w.offset], [10, 30, 0, 40, 0]);
    const mid = visibleWindow(24_000, 480, 200_000, 24, 10);
    assert.equal(mid.first, 990);
    assert.equal(mid.offset, 990 * 24);
    assert.deepEqual(visibleWindow(0, 480, 0, 24, 10), { first: 0, end: 0, visibleFirst: 0, visibleEnd: 0, offset: 0 });
  });

  it('keeps 200,000 rows uncompressed and compresses beyond the cap, reaching the last row', () => {
    assert.deepEqual(layout(200_000, 24, 600), { bodyHeight: 4_800_000, ratio: 1 });
    const big = layout(2_000_000, 24, 600);
    assert.equal(big.bodyHeight, 8_000_000);
    assert.ok(big.ratio > 5);
    const end = visibleWindow(big.bodyHeight - 600, 600, 2_000_000, 24, 5);
    assert.equal(end.visibleEnd, 2_000_000);
    // the last row sits at the bottom of the viewport
    assert.equal(end.offset + (2_000_000 - 1 - end.first) * 24 + 24, big.bodyHeight);
  });

  it('scrolls just enough to reveal a row', () => {
    assert.equal(scrollTopFor(5, 0, 480, 1000, 24), 0);
    assert.equal(scrollTopFor(30, 0, 480, 1000, 24), 31 * 24 - 480);
    assert.equal(scrollTopFor(2, 240, 480, 1000, 24), 48);
    assert.equal(scrollTopFor(999, 0, 480, 1000, 24), 1000 * 24 - 480);
  });

  it('moves the selection with arrows, pages, Home and End', () => {
    const page = pageRows(480, 24);
    assert.equal(page, 19);
    assert.equal(navigate('ArrowDown', -1, 100, page), 0);
    assert.equal(navigate('ArrowDown', 99, 100, page), 99);
    assert.equal(navigate('ArrowUp', 0, 100, page), 0);
    assert.equal(navigate('PageDown', 90, 100, page), 99);
    assert.equal(navigate('PageUp', 10, 100, page), 0);
    assert.equal(navigate('End', 3, 100, page), 99);
    assert.equal(navigate('Home', 50, 100, page), 0);
    assert.equal(navigate('a', 3, 100, page), undefined);
    assert.equal(navigate('ArrowDown', 0, 0, page), undefined);
  });

  it('asks for page-aligned, merged blocks of at most maxCount rows', () => {
    assert.deepEqual(missingBlocks(150, 650, 10_000, 200, 2000, () => false), [{ start: 0, count: 800 }]);
    assert.deepEqual(missingBlocks(150, 650, 10_000, 200, 400, () => false), [{ start: 0, count: 400 }, { start: 400, count: 400 }]);
    assert.deepEqual(missingBlocks(150, 650, 10_000, 200, 2000, (p) => p === 1), [{ start: 0, count: 200 }, { start: 400, count: 400 }]);
    assert.deepEqual(missingBlocks(0, 50, 30, 200, 2000, () => false), [{ start: 0, count: 30 }]);
  });
});

describe('webview: row cache', () => {
  it('caches rows by index and reports what is missing, skipping pages in flight', () => {
    const c = new RowCache<Row>(200, 2000);
    const id = c.request(0, 200, 0);
    assert.ok(c.accept({ requestId: id, start: 0, total: 1000, rows: rows(0, 200) }, 1));
    assert.equal(c.total, 1000);
    assert.equal(c.get(5)?.sha, row(5).sha);
    assert.deepEqual(c.missing(100, 450), [{ start: 200, count: 400 }]);
    c.request(200, 400, 2);
    assert.deepEqual(c.missing(100, 450), []);
    assert.equal(c.inFlight, 1);
    c.expire(20_000, 15_000);
    assert.equal(c.inFlight, 0);
  });

  it('ignores answers and pushes for an older query, keeping old rows visible until the new ones arrive', () => {
    const c = new RowCache<Row>(200, 2000);
    const old = c.request(0, 200, 0);
    c.accept({ requestId: c.request(0, 200, 0), start: 0, total: 500, rows: rows(0, 200) }, 1);
    c.newQuery();
    assert.ok(c.isStale());
    assert.equal(c.get(0), undefined);
    assert.equal(c.peek(0)?.sha, row(0).sha);
    assert.equal(c.accept({ requestId: old, start: 0, total: 500, rows: rows(0, 200) }, 2), false, 'stale answer');
    assert.equal(c.accept({ requestId: 0, start: 0, total: 500, rows: rows(0, 200) }, 2), false, 'push before the new query is answered');
    const fresh = c.request(0, 200, 3);
    assert.ok(c.accept({ requestId: fresh, start: 0, total: 40, rows: rows(0, 40, 'q') }, 4));
    assert.equal(c.isStale(), false);
    assert.equal(c.total, 40);
    assert.equal(c.get(0)?.sha, row(0, 'q').sha);
    assert.equal(c.get(100), undefined);
    // pushes are taken again once the new query has been answered
    assert.ok(c.accept({ requestId: 0, start: 0, total: 60, rows: rows(0, 60, 'q') }, 5));
    assert.equal(c.total, 60);
  });

  it('keeps rows when the total grows in append order, drops them otherwise', () => {
    const c = new RowCache<Row>(200, 2000);
    c.accept({ requestId: 0, start: 0, total: 300, rows: rows(0, 200) }, 1);
    c.accept({ requestId: 0, start: 200, total: 600, rows: rows(200, 100) }, 2);
    assert.equal(c.get(10)?.sha, row(10).sha, 'append-only growth keeps the cache');
    c.appendOnly = false;
    c.accept({ requestId: 0, start: 400, total: 700, rows: rows(400, 10) }, 3);
    assert.equal(c.get(10), undefined, 'a re-sorted index drops the cache');
    assert.equal(c.get(405)?.sha, row(405).sha);
    c.appendOnly = true;
    c.accept({ requestId: 0, start: 400, total: 100, rows: [] }, 4);
    assert.equal(c.get(405), undefined, 'a shrinking total drops the cache');
    c.accept({ requestId: 0, start: 0, total: 100, rows: rows(0, 10) }, 5);
    c.accept({ requestId: 0, start: 5, total: 100, rows: rows(5, 1, 'x') }, 6);
    assert.equal(c.get(0), undefined, 'a different commit at a cached index drops the cache');
    assert.equal(c.get(5)?.sha, row(5, 'x').sha);
  });

  it('evicts rows far from the viewport past its capacity', () => {
    const c = new RowCache<Row>(200, 2000, 3000);
    for (let s = 0; s < 4000; s += 200) c.accept({ requestId: 0, start: s, total: 100_000, rows: rows(s, 200) }, s, s);
    assert.ok(c.size <= 3000);
    assert.ok(c.get(3900));
    assert.equal(c.get(0), undefined);
  });
});

describe('webview: chart geometry', () => {
  it('rounds axes to nice numbers with integer ticks for counts', () => {
    assert.equal(niceCeil(37), 50);
    assert.equal(niceCeil(0.37), 0.5);
    assert.equal(niceCeil(20), 20);
    assert.equal(niceCeil(0), 1);
    assert.deepEqual(ticks(0.5, 4), [0, 0.2, 0.4]);
    assert.deepEqual(ticks(1, 4), [0, 0.25, 0.5, 0.75, 1]);
    assert.deepEqual(countTicks(3, 4), [0, 1, 2, 3]);
    assert.deepEqual(countTicks(29, 3), [0, 10, 20, 30]);
    assert.deepEqual(countTicks(0), [0]);
  });

  it('lays out bands, thins labels and stacks series', () => {
    const b = bands(4, 10, 400, 0.5);
    assert.deepEqual(b.map((x) => x.x), [35, 135, 235, 335]);
    assert.ok(b.every((x) => x.width === 50));
    assert.deepEqual(thinLabels(10, 10, 35), [0, 4, 9]);
    assert.deepEqual(thinLabels(3, 100, 30), [0, 1, 2]);
    const s = stack([[1, 0], [2, 4]], 2, (v, i) => v / [4, 8][i]!);
    assert.deepEqual(s[0], [{ series: 0, value: 1, from: 0, to: 0.25 }, { series: 1, value: 2, from: 0.25, to: 0.75 }]);
    assert.deepEqual(s[1], [{ series: 1, value: 4, from: 0, to: 0.5 }]);
    assert.equal(stackMax(s), 0.75);
  });
});

describe('webview: persisted state', () => {
  it('restores a valid state and rejects malformed ones', () => {
    const query = { ...DEFAULT_QUERY, tools: ['claude'], text: 'fix' };
    const s = restore({ v: 1, query, selectedSha: 'a'.repeat(40), scrollTop: 240, tab: 'charts', bucket: 'month', detailOpen: true });
    assert.deepEqual(s?.query, query);
    assert.equal(s?.tab, 'charts');
    assert.equal(s?.bucket, 'month');
    assert.equal(restore({ v: 1, query, selectedSha: '<script>' })?.selectedSha, undefined);
    assert.equal(restore({ v: 1, query: { ...query, sort: { key: 'evil', dir: 'asc' } } }), undefined);
    assert.equal(restore({ v: 2, query }), undefined);
    assert.equal(restore('x'), undefined);
  });

  it('normalizes queries into what the host schema accepts', () => {
    const q = normalizeQuery({ tools: ['a', 'a'], verdicts: ['none'], author: '  ', text: ' fix ', from: '', sort: { key: 'date', dir: 'asc' } });
    assert.deepEqual(q, { tools: ['a'], verdicts: ['none'], text: 'fix', sort: { key: 'date', dir: 'asc' } });
    assert.ok(QuerySchema.safeParse(q).success);
    assert.ok(sameQuery(q, { ...q, author: '' }));
    assert.ok(!sameQuery(q, { ...q, sort: { key: 'date', dir: 'desc' } }));
  });
});

describe('webview: Code view', () => {
  const counts = (total: number, recorded: number, assistedCommit: number): ReturnType<typeof emptyCounts> =>
    ({ ...emptyCounts(), total, recorded, assistedCommit, none: total - recorded - assistedCommit });
  const files = [
    { path: 'README.md', counts: counts(10, 0, 0) },
    { path: 'src/a.ts', counts: counts(10, 5, 0) },
    { path: 'src/core/b.ts', counts: counts(20, 0, 10) },
    { path: 'src/core/c.ts', counts: counts(10, 0, 0) },
  ];

  it('sorts by share, lines or name, directories first, ties by name', () => {
    const { entries } = codeListing(files, 'src/core');
    assert.deepEqual(sortEntries(entries, { key: 'share', dir: 'desc' }).map((e) => e.name), ['b.ts', 'c.ts']);
    assert.deepEqual(sortEntries(entries, { key: 'share', dir: 'asc' }).map((e) => e.name), ['c.ts', 'b.ts']);
    assert.deepEqual(sortEntries(codeListing(files, '').entries, { key: 'name', dir: 'desc' }).map((e) => e.name), ['src', 'README.md']);
    assert.deepEqual(sortEntries(codeListing(files, 'src').entries, { key: 'lines', dir: 'asc' }).map((e) => e.name), ['core', 'a.ts']);
  });

  it('restores the Code tab, its directory and sort from the webview state; rejects junk', () => {
    const base = { v: 1, query: { tools: [], verdicts: [], sort: { key: 'date', dir: 'desc' } } };
    const r = restore({ ...base, tab: 'code', codeDir: 'src/core', codeSort: { key: 'share', dir: 'asc' } });
    assert.equal(r?.tab, 'code');
    assert.equal(r?.codeDir, 'src/core');
    assert.deepEqual(r?.codeSort, { key: 'share', dir: 'asc' });
    const junk = restore({ ...base, tab: 'evil', codeDir: 42, codeSort: { key: '__proto__', dir: 'up' } });
    assert.equal(junk?.tab, 'history');
    assert.equal(junk?.codeDir, undefined);
    assert.equal(junk?.codeSort, undefined);
  });
});

describe('webview: static guards', () => {
  const sources = readdirSync(WEBVIEW).filter((f) => f.endsWith('.ts')).map((f) => ({ f, text: readFileSync(join(WEBVIEW, f), 'utf8') }));

  it('never parses strings as HTML or code', () => {
    const sinks = /\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write|\beval\(|new Function\b|createContextualFragment|DOMParser|srcdoc/;
    for (const { f, text } of sources) {
      const code = text.replace(/^\s*\/\/.*$/gm, '');
      assert.ok(!sinks.test(code), `${f} uses an HTML/code sink: ${sinks.exec(code)?.[0]}`);
    }
  });

  it('whitelists only inert attributes (no style, on*, href or src)', () => {
    const dom = sources.find((s) => s.f === 'dom.ts')!.text;
    const lists = [...dom.matchAll(/new Set\(\[([^\]]*)\]\)/g)].map((m) => m[1]!).join(',');
    for (const bad of ["'style'", "'href'", "'src'", "'xlink:href'", "'srcdoc'", "'formaction'"]) assert.ok(!lists.includes(bad), bad);
    assert.ok(!/'on[a-z]+'/.test(lists));
  });

  it('keeps the CSS row height equal to the table constant', () => {
    const css = readFileSync(join(__dirname, '../../media/panel.css'), 'utf8');
    const table = sources.find((s) => s.f === 'table.ts')!.text;
    const cssPx = /--aip-row-height:\s*(\d+)px/.exec(css)?.[1];
    const jsPx = /export const ROW_HEIGHT = (\d+);/.exec(table)?.[1];
    assert.ok(cssPx && cssPx === jsPx, `${cssPx} vs ${jsPx}`);
  });
});
