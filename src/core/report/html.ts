// The HTML report: one self-contained file. No script, no network (no external URL of any kind),
// a strict Content-Security-Policy that allows exactly its own stylesheet (by hash), inline SVG
// charts (charts.ts), light and dark themes from prefers-color-scheme, and every chart repeated
// as a table. Commit subjects, names and paths are untrusted: all of it goes through escapeHtml().
import type { AuditSummary, CommitAudit, ReportMeta } from '../model';
import { escapeHtml as h, monthChart, toolChart, verdictChart } from './charts';
import { ReportContent, describeQuery, rowNotes, scopeLines } from './months';
import { sha256Base64, type Sha256 } from '../digest';
import { PROBLEM_LABELS, type PolicyViolation } from './violations';
import { linesHtmlSection } from './linesSection';
import { percent, type HashingOptions, type ReportWriter } from './writer';

/** Assisted and unverified commits listed; the rest are counted. */
export const HTML_MAX_ROWS = 1000;
const MAX_AUTHORS = 50;

export const HTML_STYLE = `:root{color-scheme:light dark;--bg:#ffffff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--panel:#f6f8fa;
--assisted:#0969da;--unverified:#bf8700;--none:#d1d9e0;--pattern:#1f2328;--bad:#cf222e}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--panel:#151b23;
--assisted:#4493f8;--unverified:#d29922;--none:#3d444d;--pattern:#e6edf3;--bad:#f85149}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:72rem;padding:1.5rem;background:var(--bg);color:var(--fg);
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
h1{font-size:1.6rem;margin:0 0 .5rem}h2{font-size:1.2rem;margin:2rem 0 .75rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:0;color:var(--muted)}
dl.meta dt{font-weight:600}dl.meta dd{margin:0;overflow-wrap:anywhere}
.warn{color:var(--bad);font-weight:600}
table{border-collapse:collapse;margin:.75rem 0;font-size:.9rem;width:100%}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:break-word}
th{background:var(--panel)}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem}td code,td time{white-space:nowrap}
.scroll{overflow-x:auto}
.chart{max-width:100%;height:auto;display:block;margin:.5rem 0}
.chart text{fill:var(--fg);font-size:11px}.chart .tick{fill:var(--muted)}
.chart .grid{stroke:var(--line);stroke-dasharray:2 3}.chart .axis{stroke:var(--muted)}
.chart rect{stroke:var(--fg);stroke-width:.5}
.fill-assisted{fill:var(--assisted)}.fill-unverified{fill:var(--unverified)}.fill-none{fill:var(--none)}
.hatch{stroke:var(--pattern);stroke-width:2}.dot{fill:var(--pattern)}
.chart .on-bar{fill:#ffffff;font-weight:600;paint-order:stroke;stroke:#000000;stroke-width:2px}
.verdict{font-weight:600}.verdict-unverified::after{content:" (?)"}
ul.problems{margin:.25rem 0 0;padding-left:1.25rem}
footer{margin-top:2rem;color:var(--muted);font-size:.85rem}`;

/** The page's Content-Security-Policy: nothing may load; only the stylesheet above may apply (by its hash). */
export function htmlCsp(sha256: Sha256): string {
  return `default-src 'none'; style-src 'sha256-${sha256Base64(sha256, HTML_STYLE)}'; base-uri 'none'; form-action 'none'`;
}

const day = (iso: string): string => (/^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : iso);

function table(header: readonly string[], numeric: readonly boolean[], rows: readonly (readonly string[])[], caption?: string): string {
  const th = header.map((c, i) => `<th scope="col"${numeric[i] ? ' class="n"' : ''}>${h(c)}</th>`).join('');
  const body = rows.map((r) => '<tr>' + r.map((c, i) => `<td${numeric[i] ? ' class="n"' : ''}>${c}</td>`).join('') + '</tr>').join('\n');
  return `<table>${caption ? `<caption>${h(caption)}</caption>` : ''}<thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export class HtmlWriter implements ReportWriter {
  readonly mediaType = 'text/html; charset=utf-8';
  readonly extension = 'html';
  private meta: ReportMeta | undefined;
  private content = new ReportContent(HTML_MAX_ROWS);

  constructor(private readonly options: HashingOptions) {}

  begin(meta: ReportMeta): string {
    this.meta = meta;
    this.content = new ReportContent(HTML_MAX_ROWS);
    return '';
  }

  commit(audit: CommitAudit): string {
    this.content.add(audit);
    return '';
  }

  end(summary: AuditSummary): string {
    const g = this.meta?.generator;
    const head = '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
      + `<meta http-equiv="Content-Security-Policy" content="${h(htmlCsp(this.options.sha256))}">\n`
      + '<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="color-scheme" content="light dark">\n'
      + '<meta name="referrer" content="no-referrer">\n'
      + (g ? `<meta name="generator" content="${h(`${g.name} ${g.version}`)}">\n` : '')
      + `<title>AI provenance report</title>\n<style>${HTML_STYLE}</style>\n</head>\n<body>\n`;
    const sections = [
      this.header(),
      this.summarySection(summary),
      this.options.lines ? linesHtmlSection(this.options.lines) : '',
      this.monthSection(),
      this.toolSection(summary),
      this.authorSection(summary),
      this.unverifiedSection(),
      this.removedSection(),
      this.options.violations ? this.violationSection(this.options.violations) : '',
      this.commitSection(),
    ];
    const footer = '<footer>Generated by ' + h(g ? `${g.name} ${g.version} (engine ${g.engine}, catalog ${g.catalog})` : 'ai-provenance')
      + '. Verdicts: <em>assisted</em> — evidence of AI assistance; <em>unverified</em> — only VS Code\'s sticky Copilot '
      + 'co-author trailer; <em>none</em> — no AI evidence found.</footer>\n';
    return head + sections.filter(Boolean).join('\n') + '\n' + footer + '</body>\n</html>\n';
  }

  private header(): string {
    const meta = this.meta;
    const items: [string, string][] = [];
    if (meta) {
      items.push(['Repository', h(meta.repository.id)]);
      if (meta.repository.head) items.push(['HEAD', `<code>${h(meta.repository.head)}</code>`]);
      items.push(['Query', `<code>${h(describeQuery(meta.query))}</code>`]);
    }
    if (this.options.generatedAt !== undefined) items.push(['Generated', h(this.options.generatedAt)]);
    const dl = items.map(([k, v]) => `<dt>${h(k)}</dt><dd>${v}</dd>`).join('');
    const shallow = meta?.repository.shallow
      ? '\n<p class="warn">Shallow clone: history is incomplete (git fetch --unshallow for all of it).</p>' : '';
    return `<header>\n<h1>AI provenance report</h1>\n<dl class="meta">${dl}</dl>${shallow}\n</header>\n<main>`;
  }

  private summarySection(s: AuditSummary): string {
    const range = s.firstDate !== undefined && s.lastDate !== undefined ? `${day(s.firstDate)} → ${day(s.lastDate)}` : '—';
    const rows = [
      ['Commits', String(s.commits)],
      ['Assisted', `${s.assisted} (${percent(s.assisted, s.commits)} %)`],
      ['Unverified', `${s.unverified} (${percent(s.unverified, s.commits)} %)`],
      ['No AI evidence', `${s.none} (${percent(s.none, s.commits)} %)`],
      ...scopeLines(s),
      ['Date range', range],
    ].map(([k, v]) => [h(k as string), h(v as string)]);
    return '<section id="summary">\n<h2>Summary</h2>\n' + verdictChart(s) + '\n' + table(['Metric', 'Value'], [false, true], rows) + '\n</section>';
  }

  private monthSection(): string {
    const months = this.content.months.result();
    if (!months.length) return '';
    const rows = months.map((m) => [h(m.month), String(m.commits), String(m.assisted), String(m.unverified), String(m.none),
      `${percent(m.assisted, m.commits)} %`]);
    return '<section id="months">\n<h2>Per month</h2>\n<div class="scroll">' + monthChart(months) + '</div>\n'
      + table(['Month', 'Commits', 'Assisted', 'Unverified', 'No AI evidence', 'Assisted share'], [false, true, true, true, true, true], rows)
      + '\n</section>';
  }

  private toolSection(s: AuditSummary): string {
    if (!s.tools.length) return '<section id="tools">\n<h2>Per tool</h2>\n<p>No AI tools named.</p>\n</section>';
    const tools = table(['Tool', 'Commits', 'Share of all commits'], [false, true, true],
      s.tools.map((t) => [h(t.tool), String(t.commits), `${percent(t.commits, s.commits)} %`]));
    const models = s.models.length
      ? '\n<h3>Models</h3>\n' + table(['Model', 'Commits'], [false, true], s.models.map((m) => [h(m.model), String(m.commits)])) : '';
    return '<section id="tools">\n<h2>Per tool</h2>\n' + toolChart(s.tools, s.commits) + '\n' + tools + models + '\n</section>';
  }

  private authorSection(s: AuditSummary): string {
    if (!s.authors.length) return '';
    const shown = s.authors.slice(0, MAX_AUTHORS);
    const rest = s.authors.length - shown.length;
    return '<section id="authors">\n<h2>Per author</h2>\n'
      + table(['Author', 'Email', 'Commits', 'Assisted', 'Unverified', 'Assisted share'], [false, false, true, true, true, true],
        shown.map((a) => [h(a.name), h(a.email), String(a.commits), String(a.assisted), String(a.unverified),
          `${percent(a.assisted, a.commits)} %`]))
      + (rest > 0 ? `\n<p>… and ${rest} more authors.</p>` : '') + '\n</section>';
  }

  private unverifiedSection(): string {
    const { rows, overflow } = this.content.unverified;
    const intro = '<p>Commits whose only evidence is VS Code\'s sticky Copilot co-author trailer, which it adds to every commit '
      + 'of a file Copilot ever touched: it proves little on its own.</p>';
    const body = rows.length
      ? intro + '\n' + table(['Commit', 'Date', 'Author', 'Subject', 'Trailer'], [false, false, false, false, false],
        rows.map((r) => [`<code>${h(r.sha.slice(0, 10))}</code>`, `<time>${h(day(r.date))}</time>`, h(r.author), h(r.subject), h(r.trailers.join('; '))]))
        + (overflow > 0 ? `\n<p>… and ${overflow} more.</p>` : '')
      : '<p>None.</p>';
    return '<section id="unverified">\n<h2>Unverified trailers</h2>\n' + body + '\n</section>';
  }

  private removedSection(): string {
    const { rows, overflow, commits } = this.content.removed;
    const body = rows.length
      ? `<p>Attribution lines the commit hooks removed, replaced or had to keep against the policy, as recorded in the provenance notes `
        + `(${commits} ${commits === 1 ? 'commit' : 'commits'}).</p>\n`
        + table(['Commit', 'Date', 'Author', 'Subject', 'Line', 'Action', 'Class', 'Reason'], [false, false, false, false, false, false, false, false],
          rows.map((r) => [`<code>${h(r.sha.slice(0, 10))}</code>`, `<time>${h(day(r.date))}</time>`, h(r.author), h(r.subject),
            `<code>${h(r.line)}</code>`, h(r.replacedBy.length ? `${r.action} by ${r.replacedBy.join('; ')}` : r.action), h(r.class), h(r.reason)]))
        + (overflow > 0 ? `\n<p>… and ${overflow} more.</p>` : '')
      : '<p>None: the hooks removed no attribution line.</p>';
    return '<section id="removed">\n<h2>Removed attribution</h2>\n' + body + '\n</section>';
  }

  private violationSection(violations: readonly PolicyViolation[]): string {
    const source = this.options.policySource ? ` (policy: ${h(this.options.policySource)})` : '';
    const n = violations.length;
    if (!n) return `<section id="violations">\n<h2>Policy violations</h2>\n<p>None: every commit follows the policy${source}.</p>\n</section>`;
    const shown = violations.slice(0, HTML_MAX_ROWS);
    const rows = shown.map((v) => [`<code>${h(v.sha.slice(0, 10))}</code>`, `<time>${h(day(v.date))}</time>`, h(v.author), h(v.subject),
      '<ul class="problems">' + v.problems.map((p) => `<li><strong>${h(PROBLEM_LABELS[p.kind])}</strong>: ${h(p.text)}</li>`).join('') + '</ul>']);
    const rest = n - shown.length;
    return `<section id="violations">\n<h2>Policy violations</h2>\n<p class="warn">${n} ${n === 1 ? 'commit breaks' : 'commits break'} the policy${source}.</p>\n`
      + table(['Commit', 'Date', 'Author', 'Subject', 'Problems'], [false, false, false, false, false], rows)
      + (rest > 0 ? `\n<p>… and ${rest} more.</p>` : '') + '\n</section>';
  }

  private commitSection(): string {
    const { rows, overflow } = this.content;
    const body = rows.length
      ? table(['Commit', 'Date', 'Author', 'Subject', 'Verdict', 'Tools', 'Evidence', 'Autonomy'], [false, false, false, false, false, false, false, false],
        rows.map((r) => [`<code>${h(r.sha.slice(0, 10))}</code>`, `<time>${h(day(r.date))}</time>`, h(r.author), h(r.subject),
          `<span class="verdict verdict-${h(r.verdict)}">${h(r.verdict)}</span>`, h(r.tools.join(', ')), h(r.evidence.join(', ')),
          h(rowNotes(r) || '—')]))
        + (overflow > 0 ? `\n<p>… and ${overflow} more.</p>` : '')
      : '<p>None.</p>';
    return '<section id="commits">\n<h2>Assisted and unverified commits</h2>\n' + body + '\n</section>\n</main>';
  }
}
