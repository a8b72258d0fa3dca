// `ai-provenance lines` as text (aligned, terminal-safe), CSV (formula-neutralised), Markdown and
// JSON. The same table in every format: one row per key, then the total; binary and generated
// files listed apart. Pure.
import { renderTable, type SummaryTable } from './byTable';
import { mdCell } from './mdCell';
import { groupDigits, terminalSafe } from './summaryText';
import type { LinesDocument, LinesGroupRow, LinesTotals } from '../lines/linesReport';

export const LINES_FORMATS = ['text', 'json', 'csv', 'markdown'] as const;
export type LinesFormat = (typeof LINES_FORMATS)[number];

/** 0.2345 → "23.5 %". */
export function sharePercent(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}

function table(doc: LinesDocument, csv: boolean): SummaryTable {
  const cells = (key: string, r: LinesTotals): (string | number)[] => csv
    ? [key, r.files, r.total, r.recorded, r.assistedCommit, r.unverified, r.none, r.unknown, r.aiShare, r.recordedShare]
    : [key, r.files, r.total, r.recorded, r.assistedCommit, r.unverified, r.none, r.unknown, sharePercent(r.aiShare)];
  const columns = csv
    ? [doc.by, 'files', 'total', 'recorded', 'assisted_commit', 'unverified', 'none', 'unknown', 'ai_share', 'recorded_share']
    : [doc.by, 'files', 'lines', 'recorded', 'assisted_commit', 'unverified', 'none', 'unknown', 'AI_share'];
  const rows = [...doc.groups.map((g: LinesGroupRow) => cells(g.key, g)), cells(csv ? '(total)' : 'total', doc.totals)];
  // one row per file: a files column would say 1 on every row
  const keep = columns.map((c) => csv || doc.by !== 'file' || c !== 'files');
  return {
    columns: columns.filter((_, i) => keep[i]),
    numeric: columns.map((_, i) => i > 0).filter((_, i) => keep[i]),
    rows: rows.map((r) => r.filter((_, i) => keep[i])),
  };
}

export function headline(doc: LinesDocument): string {
  const t = doc.totals;
  const part = (n: number): string => (t.total ? sharePercent(n / t.total) : '0.0 %');
  return `${groupDigits(t.total)} lines in ${groupDigits(t.files)} ${t.files === 1 ? 'file' : 'files'} at ${doc.rev.slice(0, 10)}: AI share ${sharePercent(t.aiShare)} `
    + `(recorded ${part(t.recorded)}, assisted commits ${part(t.assistedCommit)}); unverified ${part(t.unverified)}, `
    + `no AI evidence ${part(t.none)}${t.unknown ? `, unknown ${part(t.unknown)}` : ''}`;
}

function apartText(doc: LinesDocument, safe: (s: string) => string): string[] {
  const out: string[] = [];
  for (const b of doc.binary) out.push(`binary     ${safe(b.path)} (${groupDigits(b.bytes)} bytes${b.reason === 'attribute' ? ', -diff attribute' : ''})`);
  for (const g of doc.generated) out.push(`generated  ${safe(g.path)} (${groupDigits(g.lines)} lines; ${g.reason}${g.detail ? `: ${safe(g.detail)}` : ''})`);
  for (const s of doc.skipped) out.push(`skipped    ${safe(s.path)} (${s.reason})`);
  return out;
}

export function renderLines(doc: LinesDocument, format: LinesFormat): string {
  switch (format) {
    case 'json': return `${JSON.stringify(doc, null, 2)}\n`;
    case 'csv': return renderTable(table(doc, true), 'csv');
    case 'markdown': {
      const apart = apartText(doc, mdCell).map((l) => `- ${l.replace(/\s+/, ' ')}\n`).join('');
      return `# AI share of the code at \`${doc.rev.slice(0, 10)}\`\n\n${mdCell(headline(doc))}\n\n${renderTable(table(doc, false), 'markdown')}`
        + (apart ? `\n## Listed apart (not counted)\n\n${apart}` : '');
    }
    case 'text': {
      const apart = apartText(doc, terminalSafe);
      return `${terminalSafe(headline(doc))}\n\n${renderTable(table(doc, false), 'text')}`
        + (apart.length ? `\nListed apart (not counted):\n${apart.map((l) => `  ${l}`).join('\n')}\n` : '');
    }
    default: {
      const unknown: never = format;
      throw new Error(`unknown format: ${String(unknown)}`);
    }
  }
}
