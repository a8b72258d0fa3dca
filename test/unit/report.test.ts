import { strict as assert } from 'node:assert';
import type { CommitAudit, Evidence, ReportMeta } from '../../src/core/model';
import { summarize } from '../../src/core/history/summary';
import { csvCell } from '../../src/core/report/csv';
import { MARKDOWN_MAX_ROWS, mdCell } from '../../src/core/report/markdown';
import { REPORT_FORMATS, isReportFormat, type ReportFormat } from '../../src/core/report/writer';
import { createWriter } from '../../src/core/report/writers';

const HOSTILE = "=cmd|' /C calc'!A0 | pipe\nsecond line <script>alert(1)</script> \\ café 日本語 \"q\", done";

const meta: ReportMeta = {
  schemaVersion: 1,
  generator: { name: 'ai-provenance', version: '0.1.0', engine: 1, catalog: 1 },
  repository: { id: '/repo|x', head: 'abc123', shallow: false },
  query: { revs: [], all: false, paths: [], diffs: true },
};

function audit(over: Partial<CommitAudit> & { sha: string }): CommitAudit {
  return {
    parents: [],
    author: { name: 'Alice', email: 'alice@example.com' },
    committer: { name: 'Alice', email: 'alice@example.com' },
    date: '2024-01-02T10:00:00+01:00',
    committerDate: '2024-01-02T10:00:00+01:00',
    subject: 'plain subject',
    assisted: false,
    verdict: 'none',
    tools: [],
    models: [],
    evidence: [],
    ...over,
  };
}

const ev = (kind: Evidence['kind'], tool: Evidence['tool'], detail: string, extra: Partial<Evidence> = {}): Evidence =>
  ({ kind, tool, confidence: 'high', detail, signature: `${tool}-${kind}`, ...extra });

const fixtures: CommitAudit[] = [
  audit({ sha: 'a'.repeat(40), verdict: 'assisted', assisted: true, tools: ['claude'], models: ['Claude Opus 4.6 (1M context)'],
    subject: HOSTILE, author: { name: '-Mallory', email: '@evil.example' },
    evidence: [ev('trailer', 'claude', 'Co-Authored-By: Claude <noreply@anthropic.com>', { model: 'Claude Opus 4.6 (1M context)' }),
      ev('message', 'claude', 'Generated with Claude Code')] }),
  audit({ sha: 'b'.repeat(40), verdict: 'unverified', tools: ['copilot'], date: '2023-12-31T23:00:00-08:00',
    evidence: [ev('trailer', 'copilot', 'Co-authored-by: Copilot <copilot@github.com>', { sticky: true })] }),
  audit({ sha: 'c'.repeat(40), subject: 'Ünïcödé ✓ subject', author: { name: 'Zoë', email: 'zoe@example.com' },
    removed: [{ line: 'Co-authored-by: Copilot <copilot@github.com>', action: 'removed', mode: 'evidence', tool: 'copilot',
      class: 'editor-added', reason: 'VS Code added it, but no AI edit was recorded or marked in the committed lines',
      policy: `sha256:${'0'.repeat(64)}`, time: '2024-01-02T10:00:00+01:00' }] }),
];

function run(format: ReportFormat, audits: readonly CommitAudit[], options?: { color?: boolean }, m: ReportMeta = meta): string {
  const writer = createWriter(format, options);
  let out = writer.begin(m);
  for (const a of audits) out += writer.commit(a);
  return out + writer.end(summarize(audits));
}

/** Minimal RFC 4180 parser for the tests. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        assert.ok(q >= 0, 'unterminated quote');
        cell += text.slice(i, q);
        i = q + 1;
        if (text[i] === '"') { cell += '"'; i++; } else break;
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') cell += text[i++];
    }
    row.push(cell);
    if (text[i] === ',') { i++; continue; }
    assert.equal(text.slice(i, i + 2), '\r\n', `expected CRLF at ${i}`);
    i += 2;
    rows.push(row);
    row = [];
  }
  return rows;
}

describe('report writers', () => {
  it('knows its formats', () => {
    assert.deepEqual([...REPORT_FORMATS], ['jsonl', 'json', 'csv', 'markdown', 'summary']);
    assert.ok(isReportFormat('csv'));
    assert.ok(!isReportFormat('xml'));
    for (const f of REPORT_FORMATS) {
      const w = createWriter(f);
      assert.ok(w.mediaType.length > 0 && /^[a-z]+$/.test(w.extension), f);
    }
  });

  it('is deterministic for every format', () => {
    for (const f of REPORT_FORMATS) {
      assert.equal(run(f, fixtures), run(f, fixtures), f);
      assert.equal(run(f, fixtures, { color: true }), run(f, fixtures, { color: true }), f);
    }
  });

  describe('jsonl', () => {
    it('writes one line per commit that parses back to the input, keys in input order', () => {
      const out = run('jsonl', fixtures);
      assert.ok(out.endsWith('\n'));
      const lines = out.slice(0, -1).split('\n');
      assert.equal(lines.length, 3);
      lines.forEach((line, i) => {
        assert.deepEqual(JSON.parse(line), fixtures[i]);
        assert.deepEqual(Object.keys(JSON.parse(line) as object), Object.keys(fixtures[i]!));
      });
      assert.equal(run('jsonl', []), '');
    });
  });

  describe('json', () => {
    for (const n of [0, 1, 3]) {
      it(`is one valid document for ${n} commit(s)`, () => {
        const audits = fixtures.slice(0, n);
        const out = run('json', audits);
        assert.ok(out.endsWith('}\n'));
        const doc = JSON.parse(out) as Record<string, unknown>;
        assert.deepEqual(Object.keys(doc), ['schemaVersion', 'generator', 'repository', 'query', 'commits', 'summary']);
        assert.equal(doc.schemaVersion, 1);
        assert.deepEqual(doc.repository, meta.repository);
        assert.deepEqual(doc.commits, audits);
        assert.deepEqual(doc.summary, summarize(audits));
      });
    }

    it('puts one commit per line', () => {
      const lines = run('json', fixtures).split('\n');
      for (const a of fixtures) assert.equal(lines.filter((l) => l.includes(a.sha)).length, 1);
    });

    it('resets between reports on one writer', () => {
      const w = createWriter('json');
      const once = (): string => w.begin(meta) + w.commit(fixtures[0]!) + w.end(summarize(fixtures.slice(0, 1)));
      assert.equal(once(), once());
      JSON.parse(once());
    });
  });

  describe('csv', () => {
    it('quotes per RFC 4180 and neutralises formulas', () => {
      assert.equal(csvCell('plain'), 'plain');
      assert.equal(csvCell('a,b'), '"a,b"');
      assert.equal(csvCell('say "hi"'), '"say ""hi"""');
      assert.equal(csvCell('a\nb'), '"a\nb"');
      assert.equal(csvCell('a\rb'), '"a\rb"');
      assert.equal(csvCell('=1+1'), "'=1+1");
      assert.equal(csvCell('+1'), "'+1");
      assert.equal(csvCell('-1'), "'-1");
      assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
      assert.equal(csvCell('\tx'), "'\tx");
      assert.equal(csvCell('\rx'), "\"'\rx\"");
      assert.equal(csvCell("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
      assert.equal(csvCell('=HYPERLINK("http://x","y")'), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
      assert.equal(csvCell(3), '3');
      assert.equal(csvCell(false), 'false');
      assert.equal(csvCell(''), '');
    });

    it('writes a header and one CRLF row per commit', () => {
      const out = run('csv', fixtures);
      const rows = parseCsv(out);
      assert.deepEqual(rows[0], ['sha', 'date', 'author_name', 'author_email', 'subject', 'verdict', 'assisted', 'tools',
        'models', 'evidence_count', 'evidence_kinds', 'details', 'autonomy', 'message_only', 'empty', 'removed']);
      assert.equal(rows.length, 4);
      for (const r of rows) assert.equal(r.length, 16);
      const [, first, second, third] = rows;
      assert.deepEqual(first, ['a'.repeat(40), '2024-01-02T10:00:00+01:00', "'-Mallory", "'@evil.example", "'" + HOSTILE,
        'assisted', 'true', 'claude', 'Claude Opus 4.6 (1M context)', '2', 'trailer;message',
        'Co-Authored-By: Claude <noreply@anthropic.com> | Generated with Claude Code', '', 'false', 'false', '']);
      assert.deepEqual(second?.slice(5), ['unverified', 'false', 'copilot', '', '1', 'trailer',
        'Co-authored-by: Copilot <copilot@github.com>', '', 'false', 'false', '']);
      assert.equal(third?.[4], 'Ünïcödé ✓ subject');
      assert.deepEqual(third?.slice(5), ['none', 'false', '', '', '0', '', '', '', 'false', 'false',
        'removed: Co-authored-by: Copilot <copilot@github.com> (VS Code added it, but no AI edit was recorded or marked in the committed lines)']);
      assert.equal(run('csv', []), rows[0]!.join(',') + '\r\n');
    });

    it('orders evidence kinds canonically', () => {
      const a = audit({ sha: 'd', evidence: [ev('note', 'claude', 'n'), ev('diff', 'claude', 'd'), ev('trailer', 'claude', 't'), ev('diff', 'claude', 'd2')] });
      assert.equal(parseCsv(run('csv', [a]))[1]?.[10], 'trailer;diff;note');
    });
  });

  describe('markdown', () => {
    it('escapes untrusted text for table cells', () => {
      assert.equal(mdCell('a|b'), 'a\\|b');
      assert.equal(mdCell('a\\b'), 'a\\\\b');
      assert.equal(mdCell('line1\nline2\r\nline3'), 'line1 line2 line3');
      assert.equal(mdCell('<script>alert(1)</script>'), '&lt;script&gt;alert(1)&lt;/script&gt;');
      assert.equal(mdCell('a & b'), 'a &amp; b');
      assert.equal(mdCell('[x](javascript:y) *b* `c`'), '\\[x\\](javascript:y) \\*b\\* \\`c\\`');
    });

    it('renders summary, tools, models, authors and the commit table', () => {
      const out = run('markdown', fixtures);
      assert.ok(out.startsWith('# AI provenance report\n'));
      assert.ok(out.includes('- Repository: /repo\\|x'));
      assert.ok(out.includes('| Commits | 3 |'));
      assert.ok(out.includes('| Assisted | 1 (33.3 %) |'));
      assert.ok(out.includes('| Date range | 2023-12-31 → 2024-01-02 |'));
      assert.ok(out.includes('| claude | 1 | 33.3 % |'));
      assert.ok(out.includes('| Claude Opus 4.6 (1M context) | 1 | 33.3 % |'));
      assert.ok(out.includes('| aaaaaaaaaa | 2024-01-02 | -Mallory |'));
      assert.ok(!out.includes('<script>'));
      const commitTable = out.slice(out.indexOf('## Assisted and unverified commits'), out.indexOf('## Unverified trailers'));
      assert.ok(!commitTable.includes('Ünïcödé'), 'none-verdict commits are not in the commit table');
      const removed = out.slice(out.indexOf('## Removed attribution'));
      assert.ok(removed.includes('| cccccccccc | 2024-01-02 | Zoë | Ünïcödé ✓ subject | Co-authored-by: Copilot &lt;copilot@github.com&gt; | removed | editor-added |'),
        'a commit whose attribution was removed is listed with the removal');
      // Every commit-table row has exactly 7 cells: no unescaped pipe or newline leaks.
      const rows = out.split('\n').filter((l) => l.startsWith('| aaaaaaaaaa') || l.startsWith('| bbbbbbbbbb'));
      assert.equal(rows.length, 2);
      for (const r of rows) assert.equal(r.split(/(?<!\\)\|/).length - 2, 7);
    });

    it('keeps at most 500 commit rows and says how many more', () => {
      const many = Array.from({ length: MARKDOWN_MAX_ROWS + 42 }, (_, i) =>
        audit({ sha: i.toString(16).padStart(40, '0'), verdict: 'assisted', assisted: true, tools: ['aider'] }));
      const out = run('markdown', many);
      assert.equal(MARKDOWN_MAX_ROWS, 500);
      assert.equal(out.split('\n').filter((l) => /^\| [0-9a-f]{10} \|/.test(l)).length, 500);
      assert.ok(out.includes('… and 42 more'));
    });

    it('handles zero commits', () => {
      const out = run('markdown', []);
      assert.ok(!out.includes('NaN'));
      assert.ok(out.includes('| Assisted | 0 (0.0 %) |'));
    });
  });

  describe('summary text', () => {
    it('prints aligned counts, tools, models and a hint without ANSI codes', () => {
      const out = run('summary', fixtures);
      assert.ok(!out.includes('\u001b'));
      const lines = out.trimEnd().split('\n');
      assert.equal(lines[0], 'AI provenance · /repo|x (HEAD, 3 commits, 2023-12-31 → 2024-01-02)');
      assert.equal(lines[1], '  assisted   1  (33.3 %)');
      assert.ok(lines[2]?.startsWith('  unverified 1  VS Code'));
      assert.equal(lines[3], '  none       1');
      assert.ok(out.includes('tools: claude 1 · copilot 1'));
      assert.ok(out.includes('models: Claude Opus 4.6 (1M context) 1'));
      assert.ok(out.includes('top assisted authors: -Mallory 1'));
      assert.equal(lines.at(-1), 'run with --format jsonl for per-commit evidence');
    });

    it('colours only when asked', () => {
      const out = run('summary', fixtures, { color: true });
      assert.ok(out.includes('\u001b[1m'));
      assert.ok(out.includes('\u001b[33m'));
      assert.ok(out.includes('\u001b[36mclaude'));
    });

    it('says something sensible for zero commits and shallow repositories', () => {
      const out = run('summary', [], { color: false }, { ...meta, repository: { id: '/r', shallow: true } });
      assert.ok(!out.includes('NaN'));
      assert.ok(!out.includes('\u001b'));
      assert.ok(out.includes('0 commits'));
      assert.ok(out.includes('shallow'));
      assert.ok(out.includes('no commits'));
    });

    it('strips terminal escapes from untrusted names and groups thousands', () => {
      const evil = audit({ sha: 'e', verdict: 'assisted', assisted: true, author: { name: 'X\u001b[2J', email: 'x@x' } });
      const many = Array.from({ length: 1234 }, (_, i) => audit({ sha: String(i) }));
      const out = run('summary', [evil, ...many]);
      assert.ok(!out.includes('\u001b'));
      assert.ok(out.includes('1,235 commits'));
      assert.ok(out.includes('  none       1,234'));
    });
  });
});
