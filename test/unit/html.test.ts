// The HTML report: one self-contained page, nothing loads from anywhere, every string from git is
// text, the stylesheet is the only one the CSP allows, and the sections a reader needs are there.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import type { CommitAudit, Evidence, ReportMeta } from '../../src/core/model';
import { sha256 } from '../../src/app/sha256';
import { sha256Base64, sha256Hex } from '../../src/core/digest';
import { HTML_STYLE, HtmlWriter, htmlCsp } from '../../src/core/report/html';
import type { PolicyViolation } from '../../src/core/report/violations';
import type { WriterOptions } from '../../src/core/report/writer';
import { summarize } from '../../src/core/history/summary';

const XSS = '<img src=x onerror=alert(1)>';

const meta: ReportMeta = {
  schemaVersion: 1,
  generator: { name: 'ai-provenance', version: '1.2.3', engine: 2, catalog: 2 },
  repository: { id: '/repo/<b>', head: 'f'.repeat(40), shallow: true },
  query: { revs: ['main'], all: false, paths: [], diffs: true },
};

const ev = (kind: Evidence['kind'], tool: Evidence['tool'], detail: string, extra: Partial<Evidence> = {}): Evidence =>
  ({ kind, tool, confidence: 'high', detail, signature: 's', ...extra });

function audit(sha: string, date: string, evidence: Evidence[], over: Partial<CommitAudit> = {}): CommitAudit {
  const verdict = evidence.length === 0 ? 'none' : evidence.every((e) => e.sticky) ? 'unverified' : 'assisted';
  return {
    sha, parents: [], author: { name: 'Alice', email: 'alice@example.com' }, committer: { name: 'Alice', email: 'alice@example.com' },
    date, committerDate: date, subject: 'plain', verdict, assisted: verdict === 'assisted',
    tools: [...new Set(evidence.map((e) => e.tool))].sort(), models: [], evidence, ...over,
  };
}

const audits: CommitAudit[] = [
  audit('1'.repeat(40), '2026-03-02T10:00:00+00:00', [ev('trailer', 'claude', 'Co-Authored-By: Claude <noreply@anthropic.com>')],
    { subject: XSS, author: { name: '"><script>alert(2)</script>', email: 'x@y' } }),
  audit('2'.repeat(40), '2026-02-02T10:00:00+00:00', [ev('trailer', 'copilot', 'Co-authored-by: Copilot <copilot@github.com>', { sticky: true })],
    { subject: 'see https://example.com/x' }),
  audit('3'.repeat(40), '2026-01-02T10:00:00+00:00', []),
];

const violations: PolicyViolation[] = [{
  sha: '2'.repeat(40), date: '2026-02-02T10:00:00+00:00', author: 'Alice', subject: XSS, action: 'rewrite',
  problems: [{ kind: 'unverified', text: `"Co-authored-by: Copilot <copilot@github.com>" has no recorded evidence: the policy removes it` }],
}];

function run(list: readonly CommitAudit[], options: WriterOptions = {}): string {
  const w = new HtmlWriter({ ...options, sha256 });
  let out = w.begin(meta);
  for (const a of list) out += w.commit(a);
  return out + w.end(summarize(list));
}

describe('HTML report', () => {
  it('renders git text as text: an HTML payload in a subject appears escaped', () => {
    const html = run(audits, { violations });
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(!html.includes('<img'));
    assert.ok(!/<script/i.test(html));
    assert.ok(html.includes('&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;'));
    assert.ok(html.includes('/repo/&lt;b&gt;'));
  });

  it('loads nothing: no script, no external URL in any attribute or style, no links', () => {
    const html = run(audits, { violations });
    // Every `<` of git text is escaped, so the markup's tags are exactly the `<…>` runs.
    const tags = html.match(/<[^>]*>/g) ?? [];
    assert.ok(tags.length > 100);
    for (const tag of tags) {
      assert.ok(!/\s(?:src|href|xlink:href|srcset|action|formaction|poster|background|ping|data|on\w+)\s*=/i.test(tag), tag);
    }
    assert.ok(!tags.some((t) => /https?:|\/\//i.test(t)), 'no URL in any tag');
    assert.ok(!/url\((?!#)/i.test(html), 'only fragment references in CSS/SVG');
    assert.ok(!/@import|@font-face/i.test(html));
    assert.ok(!/<(?:script|link|iframe|object|embed|img|base|form)\b/i.test(html));
    // URLs in the data stay text
    assert.ok(html.includes('see https://example.com/x</td>'));
  });

  it('has a strict CSP that allows exactly its own stylesheet, by hash', () => {
    const html = run(audits);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replace(/&#39;/g, "'");
    assert.equal(csp, htmlCsp(sha256));
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1];
    assert.equal(style, HTML_STYLE);
    const hash = createHash('sha256').update(style as string, 'utf8').digest('base64');
    assert.equal(csp, `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'`);
    assert.equal((html.match(/<style>/g) ?? []).length, 1);
    assert.ok(!/\sstyle=/.test(html), 'no inline style attributes (the CSP would block them)');
  });

  it('themes light and dark from prefers-color-scheme', () => {
    assert.ok(HTML_STYLE.includes('@media (prefers-color-scheme:dark)'));
    assert.ok(run([]).includes('<meta name="color-scheme" content="light dark">'));
  });

  it('has summary, per month, per tool, per author, unverified trailers, violations and commits', () => {
    const html = run(audits, { violations, policySource: '.ai-provenance.json', generatedAt: '2026-04-01T09:30:00Z' });
    for (const id of ['summary', 'months', 'tools', 'authors', 'unverified', 'violations', 'commits']) {
      assert.ok(html.includes(`<section id="${id}">`), id);
    }
    assert.ok(html.includes('<svg class="chart" id="chart-months"') && html.includes('id="chart-tools"') && html.includes('id="chart-verdicts"'));
    assert.ok(html.includes('<td>2026-01</td><td class="n">1</td><td class="n">0</td><td class="n">0</td><td class="n">1</td>'));
    assert.ok(html.includes('1 commit breaks the policy (policy: .ai-provenance.json)'));
    assert.ok(html.includes('<strong>attribution not backed by evidence</strong>'));
    assert.ok(html.includes('<dt>Generated</dt><dd>2026-04-01T09:30:00Z</dd>'));
    assert.ok(html.includes('Shallow clone'));
    assert.ok(html.includes('Co-authored-by: Copilot &lt;copilot@github.com&gt;</td>'), 'the unverified trailer is listed');
  });

  it('leaves violations out unless evaluated, and says none when there are none', () => {
    assert.ok(!run(audits).includes('<section id="violations">'));
    assert.ok(run(audits, { violations: [] }).includes('None: every commit follows the policy'));
  });

  it('is deterministic, carries no clock by default, and handles zero commits', () => {
    assert.equal(run(audits, { violations }), run(audits, { violations }));
    assert.ok(!run(audits).includes('Generated</dt>'));
    const empty = run([]);
    assert.ok(!empty.includes('NaN'));
    assert.ok(empty.startsWith('<!DOCTYPE html>') && empty.endsWith('</html>\n'));
  });

  it('writes the digest the shell gives as node:crypto writes hex and base64', () => {
    for (const s of ['', 'abc', 'a'.repeat(55), 'b'.repeat(56), 'c'.repeat(64), 'é日本\u{1F916}', HTML_STYLE]) {
      assert.equal(sha256Hex(sha256, s), createHash('sha256').update(s, 'utf8').digest('hex'), s.slice(0, 10));
      assert.equal(sha256Base64(sha256, s), createHash('sha256').update(s, 'utf8').digest('base64'));
    }
  });
});
