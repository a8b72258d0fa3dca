// The human fleet reports: Markdown and one self-contained HTML page (the single-repository
// report's stylesheet, CSP and charts). Sections: summary, per repository, repositories that could
// not be read, per tool (commits and repositories), per month, and line figures when the run
// computed them. Repository names and reasons come from outside: mdCell() and escapeHtml() on all.
import type { FleetHead, FleetTotals, FleetWriter, LineFigures, RepositoryEntry } from './fleet';
import { isAudited } from './fleet';
import type { AuditSummary } from '../model';
import { escapeHtml as h, monthChart, toolChart, verdictChart } from '../report/charts';
import type { Sha256 } from '../digest';
import { HTML_STYLE, htmlCsp } from '../report/html';
import { mdCell } from '../report/mdCell';
import { describeQuery, type MonthRow } from '../report/months';
import { percent } from '../report/writer';

const day = (iso: string | undefined): string => (iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : '—');
const range = (s: AuditSummary): string => (s.firstDate !== undefined ? `${day(s.firstDate)} → ${day(s.lastDate)}` : '—');
const lineText = (l: LineFigures | undefined): string => (l ? Object.entries(l).map(([k, v]) => `${k} ${v}`).join(', ') : '—');

interface Rows {
  header: string[];
  numeric: boolean[];
  rows: string[][];
}

function summaryRows(t: FleetTotals): Rows {
  const s = t.summary;
  const audited = t.repositories.filter(isAudited);
  const withAi = audited.filter((e) => e.summary.assisted > 0).length;
  return {
    header: ['Metric', 'Value'], numeric: [false, true],
    rows: [
      ['Repositories', `${audited.length} audited${audited.length < t.repositories.length ? `, ${t.repositories.length - audited.length} unverifiable` : ''}`],
      ['Repositories with AI-assisted commits', `${withAi} (${percent(withAi, audited.length)} %)`],
      ['Commits', String(s.commits)],
      ['Assisted', `${s.assisted} (${percent(s.assisted, s.commits)} %)`],
      ['Unverified', `${s.unverified} (${percent(s.unverified, s.commits)} %)`],
      ['No AI evidence', `${s.none} (${percent(s.none, s.commits)} %)`],
      ['Date range', range(s)],
    ],
  };
}

function repositoryRows(entries: readonly RepositoryEntry[], lines: boolean): Rows {
  const audited = entries.filter(isAudited);
  return {
    header: ['Repository', 'Commits', 'Assisted', 'Assisted share', 'Unverified', 'Tools', 'Dates', ...(lines ? ['Lines'] : [])],
    numeric: [false, true, true, true, true, false, false, false],
    rows: audited.map((e) => [e.repository, String(e.summary.commits), String(e.summary.assisted),
      `${percent(e.summary.assisted, e.summary.commits)} %`, String(e.summary.unverified),
      e.summary.tools.map((x) => x.tool).join(', ') || '—', range(e.summary), ...(lines ? [lineText(e.lines)] : [])]),
  };
}

function toolTable(t: FleetTotals): Rows {
  return {
    header: ['Tool', 'Commits', 'Share of all commits', 'Repositories'], numeric: [false, true, true, true],
    rows: t.tools.map((x) => [x.tool, String(x.commits), `${percent(x.commits, t.summary.commits)} %`, String(x.repositories)]),
  };
}

function monthTable(months: readonly MonthRow[]): Rows {
  return {
    header: ['Month', 'Commits', 'Assisted', 'Unverified', 'No AI evidence', 'Assisted share'], numeric: [false, true, true, true, true, true],
    rows: months.map((m) => [m.month, String(m.commits), String(m.assisted), String(m.unverified), String(m.none), `${percent(m.assisted, m.commits)} %`]),
  };
}

function queryOf(t: FleetTotals): string | undefined {
  const queries = new Set(t.repositories.filter(isAudited).map((e) => describeQuery(e.query)));
  return queries.size === 1 ? [...queries][0] : queries.size > 1 ? 'varies by repository' : undefined;
}

const unreadable = (t: FleetTotals): { repository: string; unverifiable: string }[] =>
  t.repositories.flatMap((e) => (isAudited(e) ? [] : [e]));

export class FleetMarkdownWriter implements FleetWriter {
  readonly mediaType = 'text/markdown; charset=utf-8';
  readonly wantsRecords = false;
  private head: FleetHead | undefined;

  begin(head: FleetHead): string {
    this.head = head;
    return '';
  }

  record(): string {
    return '';
  }

  end(t: FleetTotals): string {
    const table = (r: Rows): string => `| ${r.header.join(' | ')} |\n|${r.numeric.slice(0, r.header.length).map((n) => (n ? '---:' : '---')).join('|')}|\n`
      + r.rows.map((row) => `| ${row.map(mdCell).join(' | ')} |\n`).join('');
    const g = this.head?.generator;
    const out = ['# AI provenance across repositories\n\n'];
    const query = queryOf(t);
    if (query) out.push(`- Query: ${mdCell(query)}\n`);
    if (g) out.push(`- Generator: ${mdCell(`${g.name} ${g.version}`)} (engine ${g.engine}, catalog ${g.catalog})\n`);
    if (this.head?.generatedAt !== undefined) out.push(`- Generated: ${mdCell(this.head.generatedAt)}\n`);
    out.push('\n## Summary\n\n', table(summaryRows(t)));
    const lines = t.repositories.some((e) => isAudited(e) && e.lines);
    out.push('\n## Per repository\n\n', t.repositories.some(isAudited) ? table(repositoryRows(t.repositories, lines)) : 'None.\n');
    const bad = unreadable(t);
    if (bad.length) {
      out.push('\n## Repositories that could not be read\n\n', bad.map((e) => `- ${mdCell(e.repository)}: ${mdCell(e.unverifiable)}\n`).join(''));
    }
    out.push('\n## Per tool\n\n', t.tools.length ? table(toolTable(t)) : 'No AI tools named.\n');
    if (t.months.length) out.push('\n## Per month\n\n', table(monthTable(t.months)));
    if (t.lines) {
      out.push('\n## Lines\n\n', table({ header: ['Figure', 'Lines'], numeric: [false, true], rows: Object.entries(t.lines).map(([k, v]) => [k, String(v)]) }));
    }
    return out.join('');
  }
}

function htmlTable(r: Rows, caption?: string): string {
  const th = r.header.map((c, i) => `<th scope="col"${r.numeric[i] ? ' class="n"' : ''}>${h(c)}</th>`).join('');
  const body = r.rows.map((row) => '<tr>' + row.map((c, i) => `<td${r.numeric[i] ? ' class="n"' : ''}>${h(c)}</td>`).join('') + '</tr>').join('\n');
  return `<div class="scroll"><table>${caption ? `<caption>${h(caption)}</caption>` : ''}<thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

export class FleetHtmlWriter implements FleetWriter {
  readonly mediaType = 'text/html; charset=utf-8';
  readonly wantsRecords = false;
  private head: FleetHead | undefined;

  constructor(private readonly sha256: Sha256) {}

  begin(head: FleetHead): string {
    this.head = head;
    return '';
  }

  record(): string {
    return '';
  }

  end(t: FleetTotals): string {
    const g = this.head?.generator;
    const meta: [string, string][] = [];
    const query = queryOf(t);
    if (query) meta.push(['Query', `<code>${h(query)}</code>`]);
    if (this.head?.generatedAt !== undefined) meta.push(['Generated', h(this.head.generatedAt)]);
    const lines = t.repositories.some((e) => isAudited(e) && e.lines);
    const bad = unreadable(t);
    const sections = [
      `<header>\n<h1>AI provenance across repositories</h1>\n<dl class="meta">${meta.map(([k, v]) => `<dt>${h(k)}</dt><dd>${v}</dd>`).join('')}</dl>\n</header>\n<main>`,
      `<section id="summary">\n<h2>Summary</h2>\n${verdictChart(t.summary)}\n${htmlTable(summaryRows(t))}\n</section>`,
      `<section id="repositories">\n<h2>Per repository</h2>\n${t.repositories.some(isAudited) ? htmlTable(repositoryRows(t.repositories, lines)) : '<p>None.</p>'}\n</section>`,
      bad.length ? `<section id="unverifiable">\n<h2>Repositories that could not be read</h2>\n<p class="warn">${bad.length} could not be read: their history is not in these figures.</p>\n`
        + `<ul>${bad.map((e) => `<li><strong>${h(e.repository)}</strong>: ${h(e.unverifiable)}</li>`).join('')}</ul>\n</section>` : '',
      `<section id="tools">\n<h2>Per tool</h2>\n${t.tools.length ? `${toolChart(t.tools, t.summary.commits)}\n${htmlTable(toolTable(t))}` : '<p>No AI tools named.</p>'}\n</section>`,
      t.months.length ? `<section id="months">\n<h2>Per month</h2>\n<div class="scroll">${monthChart(t.months)}</div>\n${htmlTable(monthTable(t.months))}\n</section>` : '',
      t.lines ? `<section id="lines">\n<h2>Lines</h2>\n${htmlTable({ header: ['Figure', 'Lines'], numeric: [false, true], rows: Object.entries(t.lines).map(([k, v]) => [k, String(v)]) })}\n</section>` : '',
    ].filter(Boolean);
    return '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
      + `<meta http-equiv="Content-Security-Policy" content="${h(htmlCsp(this.sha256))}">\n`
      + '<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="color-scheme" content="light dark">\n'
      + '<meta name="referrer" content="no-referrer">\n'
      + (g ? `<meta name="generator" content="${h(`${g.name} ${g.version}`)}">\n` : '')
      + `<title>AI provenance across repositories</title>\n<style>${HTML_STYLE}</style>\n</head>\n<body>\n`
      + sections.join('\n') + '\n</main>\n'
      + `<footer>Generated by ${h(g ? `${g.name} ${g.version} (engine ${g.engine}, catalog ${g.catalog})` : 'ai-provenance')}. `
      + 'Verdicts: <em>assisted</em> — evidence of AI assistance; <em>unverified</em> — only VS Code\'s sticky Copilot co-author '
      + 'trailer; <em>none</em> — no AI evidence found.</footer>\n</body>\n</html>\n';
  }
}
