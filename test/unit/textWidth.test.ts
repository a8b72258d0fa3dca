// Terminal width: tables a person reads on a terminal line up whatever the names are made of — CJK
// (two columns a character), emoji (two, one for a whole ZWJ sequence or flag), combining marks
// (none). Every aligned text output is checked by the width a terminal gives it.
import { strict as assert } from 'node:assert';
import { renderBlame, type BlameView } from '../../src/core/report/blameFormat';
import { renderLines } from '../../src/core/report/linesFormat';
import { LinesAccumulator, linesDocument } from '../../src/core/lines/linesReport';
import type { CommitAudit } from '../../src/core/model';
import { renderTable, summaryTable } from '../../src/core/report/byTable';
import { fitColumns, padEndColumns, padStartColumns, textWidth } from '../../src/core/report/textWidth';
import { summarize } from '../../src/core/history/summary';

const CJK = '山田太郎';
const HANGUL = '김민준';
const COMBINING = 'Zoe\u0308 Ame\u0301lie'; // ë and é as e + combining mark
const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}'; // one emoji ZWJ sequence
const FLAG = '\u{1F1EF}\u{1F1F5}';
const NAMES = ['Ann', CJK, HANGUL, COMBINING, `Robo ${FAMILY}`, `Kenji ${FLAG}`, 'ｆｕｌｌ ｗｉｄｔｈ', '🤖 bot'];

describe('terminal width', () => {
  it('counts columns, not code points', () => {
    assert.equal(textWidth('abc'), 3);
    assert.equal(textWidth(CJK), 8);
    assert.equal(textWidth(HANGUL), 6);
    assert.equal(textWidth(COMBINING), 10);
    assert.equal(textWidth(FAMILY), 2);
    assert.equal(textWidth(FLAG), 2);
    assert.equal(textWidth('\u001b[33mwarn\u001b[39m'), 4, 'colour codes take no column');
    assert.equal(textWidth(''), 0);
  });

  it('pads to a column count, and never shortens', () => {
    for (const s of NAMES) {
      assert.equal(textWidth(padEndColumns(s, 20)), 20, s);
      assert.equal(textWidth(padStartColumns(s, 20)), 20, s);
      assert.ok(padEndColumns(s, 20).startsWith(s) && padStartColumns(s, 20).endsWith(s));
      assert.equal(padEndColumns(s, 1), s);
    }
  });

  it('fits to an exact width, cutting between characters (never inside one)', () => {
    for (const s of [...NAMES, `${CJK}${CJK}`, FAMILY.repeat(9), `e\u0301`.repeat(30)]) {
      for (const n of [2, 3, 5, 8, 9, 14, 16]) {
        const out = fitColumns(s, n);
        assert.equal(textWidth(out), n, `${s} in ${n}: ${JSON.stringify(out)}`);
        if (textWidth(s) <= n) {
          assert.equal(out, padEndColumns(s, n));
          continue;
        }
        // cut: whole characters (grapheme clusters) of the start, then the ellipsis
        const kept = out.replace(/… *$/, '');
        const clusters = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)].map((g) => g.segment);
        const prefixes = clusters.map((_, k) => clusters.slice(0, k).join(''));
        assert.ok(prefixes.includes(kept), `${JSON.stringify(out)} cuts ${JSON.stringify(s)} between its characters`);
      }
    }
    assert.equal(fitColumns(CJK, 6), '山田… ', 'a wide character that would straddle the edge is left out, the gap padded');
  });

  it('report --by author: every column lines up with CJK, emoji and combining marks in names', () => {
    const audits: CommitAudit[] = NAMES.map((name, i) => ({
      sha: String(i).repeat(40), parents: [], author: { name, email: `p${i}@example.com` }, committer: { name, email: `p${i}@example.com` },
      date: '2026-01-01T00:00:00+00:00', committerDate: '2026-01-01T00:00:00+00:00', subject: 's',
      assisted: i % 2 === 0, verdict: i % 2 === 0 ? 'assisted' : 'none', tools: i % 2 === 0 ? ['claude'] : [], models: [], evidence: [],
    }));
    const text = renderTable(summaryTable('author', summarize(audits), []), 'text');
    const lines = text.trimEnd().split('\n');
    assert.equal(lines.length, NAMES.length + 1);
    // the last column is right-aligned: aligned rows all end at the same column
    const widths = new Set(lines.map(textWidth));
    assert.equal(widths.size, 1, text);
    // and the e-mail column starts at the same column on every row
    const emailColumn = lines.slice(1).map((l) => textWidth(l.slice(0, l.search(/p\d@example/))));
    assert.equal(new Set(emailColumn).size, 1, text);
  });

  it('lines (text): the columns line up with CJK and emoji in paths', () => {
    const acc = new LinesAccumulator('file', new Map());
    for (const [i, p] of ['src/a.ts', `docs/${CJK}.md`, `img/${FAMILY}.txt`, `src/${COMBINING}.ts`].entries()) {
      acc.add(p, [{ cls: 'none', count: i + 1, finalLine: 1, origLine: 1, origPath: p, sha: 'a'.repeat(40) }]);
    }
    const doc = linesDocument({ rev: 'a'.repeat(40), by: 'file', paths: [], detectMoves: false }, acc, { binary: [], generated: [], skipped: [] });
    const table = renderLines(doc, 'text').split('\n\n')[1]?.trimEnd().split('\n') ?? [];
    assert.equal(table.length, 6, table.join('\n'));
    assert.equal(new Set(table.map(textWidth)).size, 1, table.join('\n'));
  });

  it('blame (text): the author column keeps its width with a CJK or emoji name', () => {
    const shas = NAMES.map((_, i) => String(i).repeat(40));
    const view: BlameView = {
      path: 'f.ts', rev: shas[0] as string, contents: false, detectMoves: false,
      commits: new Map(NAMES.map((name, i) => [shas[i] as string, { author: name, authorTime: 1700000000, date: '2023-11-14T22:13:20+00:00' }])),
      lines: NAMES.map((_, i) => ({
        line: i + 1, sha: shas[i] as string, verdict: 'none' as const, tools: [], models: [], recorded: null,
        class: 'none' as const, origLine: i + 1, origPath: 'f.ts', content: 'x',
      })),
    };
    const lines = renderBlame(view, 'text').trimEnd().split('\n');
    const upToContent = lines.map((l) => textWidth(l.slice(0, l.lastIndexOf(') ') + 2)));
    assert.equal(new Set(upToContent).size, 1, lines.join('\n'));
  });
});
