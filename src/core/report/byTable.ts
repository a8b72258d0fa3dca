// `ai-provenance report --by tool|author|month`: one summary table, rendered as aligned plain text
// (names made terminal-safe), Markdown, CSV (formula-neutralised) or JSON. Pure.
import type { AuditSummary } from '../model';
import { csvRow } from './csv';
import { mdCell } from './mdCell';
import type { MonthRow } from './months';
import { groupDigits, terminalSafe } from './summaryText';
import { padEndColumns, padStartColumns, textWidth } from './textWidth';
import { percent } from './writer';

export const BY_KEYS = ['tool', 'author', 'month'] as const;
export type ByKey = (typeof BY_KEYS)[number];
export const TABLE_FORMATS = ['text', 'markdown', 'csv', 'json'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

type Cell = string | number;

export interface SummaryTable {
  columns: string[];
  /** Right-aligned (numeric) columns. */
  numeric: boolean[];
  rows: Cell[][];
}

export function summaryTable(by: ByKey, summary: AuditSummary, months: readonly MonthRow[]): SummaryTable {
  const share = (part: number, whole: number): string => `${percent(part, whole)} %`;
  if (by === 'tool') {
    return {
      columns: ['tool', 'commits', 'share'],
      numeric: [false, true, true],
      rows: summary.tools.map((t) => [t.tool, t.commits, share(t.commits, summary.commits)]),
    };
  }
  if (by === 'author') {
    return {
      columns: ['author', 'email', 'commits', 'assisted', 'unverified', 'assisted_share'],
      numeric: [false, false, true, true, true, true],
      rows: summary.authors.map((a) => [a.name, a.email, a.commits, a.assisted, a.unverified, share(a.assisted, a.commits)]),
    };
  }
  return {
    columns: ['month', 'commits', 'assisted', 'unverified', 'none', 'assisted_share'],
    numeric: [false, true, true, true, true, true],
    rows: months.map((m) => [m.month, m.commits, m.assisted, m.unverified, m.none, share(m.assisted, m.commits)]),
  };
}

export function renderTable(table: SummaryTable, format: TableFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(table.rows.map((r) => Object.fromEntries(table.columns.map((c, i) => [c, r[i]]))), null, 2)}\n`;
    case 'csv':
      return csvRow(table.columns) + table.rows.map((r) => csvRow(r)).join('');
    case 'markdown': {
      const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |\n`;
      return line(table.columns.map((c) => c.replace(/_/g, ' ')))
        + `|${table.numeric.map((n) => (n ? '---:' : '---')).join('|')}|\n`
        + table.rows.map((r) => line(r.map((c) => (typeof c === 'number' ? String(c) : mdCell(c))))).join('');
    }
    case 'text':
      return textTable(table);
    default: {
      const unknown: never = format;
      throw new Error(`unknown table format: ${String(unknown)}`);
    }
  }
}

function textTable(table: SummaryTable): string {
  if (!table.rows.length) return '(no rows)\n';
  const cells = [table.columns.map((c) => c.replace(/_/g, ' ')),
    ...table.rows.map((r) => r.map((c) => (typeof c === 'number' ? groupDigits(c) : terminalSafe(c))))];
  const widths = table.columns.map((_, i) => Math.max(...cells.map((r) => textWidth(r[i] ?? ''))));
  const pad = (text: string, i: number): string => (table.numeric[i] ? padStartColumns(text, widths[i] ?? 0) : padEndColumns(text, widths[i] ?? 0));
  return cells.map((r) => r.map(pad).join('  ').trimEnd()).join('\n') + '\n';
}
