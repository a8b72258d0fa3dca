// A human-readable Markdown report, aggregated in end(). Commit subjects, names and paths come
// from untrusted input: every interpolated value goes through mdCell(), which keeps it inside
// its table cell and renders it literally (no HTML, no links, no emphasis).

import type { AuditSummary, CommitAudit, ReportMeta } from '../model';
import { ReportContent, describeQuery, rowNotes, scopeLines, type MonthRow } from './months';
import { PROBLEM_LABELS, type PolicyViolation } from './violations';
import { linesMarkdownSection } from './linesSection';
import { percent, type ReportWriter, type WriterOptions } from './writer';
import { mdCell } from './mdCell';

export { mdCell };

/** Assisted / unverified commits kept for the commit table; the rest are only counted. */
export const MARKDOWN_MAX_ROWS = 500;
/** Authors listed in the author table. */
export const MARKDOWN_MAX_AUTHORS = 20;

function day(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : mdCell(iso);
}

function table(header: readonly string[], align: readonly ('l' | 'r')[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => '| ' + cells.join(' | ') + ' |\n';
  const rule = '|' + align.map((a) => (a === 'r' ? '---:' : '---')).join('|') + '|\n';
  return line(header) + rule + rows.map(line).join('');
}

export class MarkdownWriter implements ReportWriter {
  readonly mediaType = 'text/markdown; charset=utf-8';
  readonly extension = 'md';
  private meta: ReportMeta | undefined;
  private content = new ReportContent(MARKDOWN_MAX_ROWS);

  constructor(private readonly options: WriterOptions = {}) {}

  begin(meta: ReportMeta): string {
    this.meta = meta;
    this.content = new ReportContent(MARKDOWN_MAX_ROWS);
    return '';
  }

  commit(audit: CommitAudit): string {
    this.content.add(audit);
    return '';
  }

  end(summary: AuditSummary): string {
    const out: string[] = ['# AI provenance report\n\n', this.metaSection(), this.summarySection(summary)];
    if (this.options.lines) out.push(linesMarkdownSection(this.options.lines));
    const total = summary.commits;
    if (summary.tools.length > 0) {
      out.push('## Tools\n\n', table(['Tool', 'Commits', 'Share'], ['l', 'r', 'r'],
        summary.tools.map((t) => [mdCell(t.tool), String(t.commits), percent(t.commits, total) + ' %'])), '\n');
    }
    if (summary.models.length > 0) {
      out.push('## Models\n\n', table(['Model', 'Commits', 'Share'], ['l', 'r', 'r'],
        summary.models.map((m) => [mdCell(m.model), String(m.commits), percent(m.commits, total) + ' %'])), '\n');
    }
    if (summary.authors.length > 0) {
      const shown = summary.authors.slice(0, MARKDOWN_MAX_AUTHORS);
      out.push('## Authors\n\n', table(['Author', 'Email', 'Commits', 'Assisted', 'Unverified'], ['l', 'l', 'r', 'r', 'r'],
        shown.map((a) => [mdCell(a.name), mdCell(a.email), String(a.commits), String(a.assisted), String(a.unverified)])));
      const rest = summary.authors.length - shown.length;
      out.push(rest > 0 ? `\n… and ${rest} more authors\n\n` : '\n');
    }
    out.push(monthSection(this.content.months.result()), this.commitSection(), this.unverifiedSection(), this.removedSection());
    if (this.options.violations) out.push(violationSection(this.options.violations, this.options.policySource));
    return out.join('');
  }

  private unverifiedSection(): string {
    const { rows, overflow } = this.content.unverified;
    const heading = '\n## Unverified trailers\n\n';
    if (!rows.length) return heading + 'None.\n';
    const intro = "Commits whose only evidence is VS Code's sticky Copilot co-author trailer, which it adds to every commit "
      + 'of a file Copilot ever touched: it proves little on its own.\n\n';
    const items = rows.map((r) => `- ${r.sha.slice(0, 10)} ${day(r.date)} ${mdCell(r.author)}: ${mdCell(r.subject)} — ${mdCell(r.trailers.join('; '))}\n`);
    return heading + intro + items.join('') + (overflow > 0 ? `\n… and ${overflow} more\n` : '');
  }

  private removedSection(): string {
    const { rows, overflow, commits } = this.content.removed;
    const heading = '\n## Removed attribution\n\n';
    if (!rows.length) return heading + 'None: the hooks removed no attribution line.\n';
    const intro = `Attribution lines the commit hooks removed, replaced or had to keep against the policy, as recorded in the `
      + `provenance notes (${commits} ${commits === 1 ? 'commit' : 'commits'}).\n\n`;
    const body = table(['Commit', 'Date', 'Author', 'Subject', 'Line', 'Action', 'Class', 'Reason'], ['l', 'l', 'l', 'l', 'l', 'l', 'l', 'l'],
      rows.map((r) => [r.sha.slice(0, 10), day(r.date), mdCell(r.author), mdCell(r.subject), mdCell(r.line),
        r.replacedBy.length ? `${r.action} by ${mdCell(r.replacedBy.join('; '))}` : r.action, r.class, mdCell(r.reason)]));
    return heading + intro + body + (overflow > 0 ? `\n… and ${overflow} more\n` : '');
  }

  private metaSection(): string {
    const meta = this.meta;
    if (!meta) return '';
    const lines = [`- Repository: ${mdCell(meta.repository.id)}`];
    if (meta.repository.head !== undefined) lines.push(`- HEAD: ${mdCell(meta.repository.head)}`);
    lines.push(`- Query: ${mdCell(describeQuery(meta.query))}`);
    const g = meta.generator;
    lines.push(`- Generator: ${mdCell(`${g.name} ${g.version}`)} (engine ${g.engine}, catalog ${g.catalog})`);
    if (this.options.generatedAt !== undefined) lines.push(`- Generated: ${mdCell(this.options.generatedAt)}`);
    if (meta.repository.shallow) lines.push('- **Shallow clone: history is incomplete.**');
    return lines.join('\n') + '\n\n';
  }

  private summarySection(summary: AuditSummary): string {
    const range = summary.firstDate !== undefined && summary.lastDate !== undefined
      ? `${day(summary.firstDate)} → ${day(summary.lastDate)}`
      : '—';
    return '## Summary\n\n' + table(['Metric', 'Value'], ['l', 'r'], [
      ['Commits', String(summary.commits)],
      ['Assisted', `${summary.assisted} (${percent(summary.assisted, summary.commits)} %)`],
      ['Unverified', String(summary.unverified)],
      ['None', String(summary.none)],
      ...scopeLines(summary),
      ['Date range', range],
    ]) + '\n';
  }

  private commitSection(): string {
    const heading = '## Assisted and unverified commits\n\n';
    const { rows, overflow } = this.content;
    if (rows.length === 0) return heading + 'None.\n';
    const body = table(['Commit', 'Date', 'Author', 'Subject', 'Verdict', 'Tools', 'Autonomy'], ['l', 'l', 'l', 'l', 'l', 'l', 'l'],
      rows.map((r) => [r.sha.slice(0, 10), day(r.date), mdCell(r.author), mdCell(r.subject), r.verdict, mdCell(r.tools.join(', ')),
        rowNotes(r) || '—']));
    return heading + body + (overflow > 0 ? `\n… and ${overflow} more\n` : '');
  }
}

function monthSection(months: readonly MonthRow[]): string {
  if (!months.length) return '';
  return '## Per month\n\n' + table(['Month', 'Commits', 'Assisted', 'Unverified', 'None', 'Assisted share'], ['l', 'r', 'r', 'r', 'r', 'r'],
    months.map((m) => [m.month, String(m.commits), String(m.assisted), String(m.unverified), String(m.none),
      percent(m.assisted, m.commits) + ' %'])) + '\n';
}

function violationSection(violations: readonly PolicyViolation[], source: string | undefined): string {
  const heading = '\n## Policy violations\n\n';
  const from = source ? ` (policy: ${mdCell(source)})` : '';
  if (!violations.length) return `${heading}None: every commit follows the policy${from}.\n`;
  const shown = violations.slice(0, MARKDOWN_MAX_ROWS);
  const n = violations.length;
  const items = shown.map((v) => `- ${v.sha.slice(0, 10)} ${day(v.date)} ${mdCell(v.author)}: ${mdCell(v.subject)}\n`
    + v.problems.map((p) => `  - ${PROBLEM_LABELS[p.kind]}: ${mdCell(p.text)}\n`).join(''));
  const rest = n - shown.length;
  return `${heading}${n} ${n === 1 ? 'commit breaks' : 'commits break'} the policy${from}.\n\n${items.join('')}`
    + (rest > 0 ? `\n… and ${rest} more\n` : '');
}
