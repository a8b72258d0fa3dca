// The "Lines" section of the human reports (export --lines): how much of the code at the range's
// tip came from AI, by class and by tool. Markdown and HTML; every key (tool names) escaped. Pure.
import type { LinesGroupRow, LinesTotals } from '../lines/linesReport';
import type { LinesSummary } from '../lines/linesSummary';
import { escapeHtml as h } from './charts';
import { mdCell } from './mdCell';

const pct = (n: number, total: number): string => `${total ? ((n / total) * 100).toFixed(1) : '0.0'} %`;

function classRows(t: LinesTotals): [string, number, string][] {
  return [
    ['Recorded (a line-level record of the commit)', t.recorded, pct(t.recorded, t.total)],
    ['Assisted commit, no line-level record', t.assistedCommit, pct(t.assistedCommit, t.total)],
    ['Unverified (VS Code\'s sticky Copilot trailer only)', t.unverified, pct(t.unverified, t.total)],
    ['No AI evidence (not "human-written": unknown)', t.none, pct(t.none, t.total)],
    ...(t.unknown ? [['Beyond a shallow clone\'s boundary', t.unknown, pct(t.unknown, t.total)] as [string, number, string]] : []),
  ];
}

function intro(l: LinesSummary): string {
  return `${l.totals.total} lines in ${l.totals.files} ${l.totals.files === 1 ? 'file' : 'files'} at ${l.rev.slice(0, 10)}${l.paths.length ? ` (under ${l.paths.join(', ')})` : ''}: `
    + `AI share ${(l.totals.aiShare * 100).toFixed(1)} % (lines last changed by AI-assisted commits). `
    + `${l.binaryFiles} binary and ${l.generatedFiles} generated files are not counted.`;
}

const toolRow = (r: LinesGroupRow): string[] => [r.key, String(r.total), String(r.recorded), String(r.assistedCommit), String(r.unverified), String(r.none)];

export function linesMarkdownSection(l: LinesSummary): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |\n`;
  return `## Lines\n\n${mdCell(intro(l))}\n\n`
    + line(['Class', 'Lines', 'Share']) + '|---|---:|---:|\n'
    + classRows(l.totals).map(([k, n, s]) => line([mdCell(k), String(n), s])).join('')
    + `\n${line(['Tool', 'Lines', 'Recorded', 'Assisted commit', 'Unverified', 'None'])}|---|---:|---:|---:|---:|---:|\n`
    + l.tools.map((r) => line(toolRow(r).map((c, i) => (i === 0 ? mdCell(c) : c)))).join('') + '\n';
}

export function linesHtmlSection(l: LinesSummary): string {
  const table = (head: string[], rows: string[][]): string => `<table><thead><tr>${head.map((c, i) => `<th scope="col"${i ? ' class="n"' : ''}>${h(c)}</th>`).join('')}</tr></thead><tbody>\n`
    + rows.map((r) => `<tr>${r.map((c, i) => `<td${i ? ' class="n"' : ''}>${h(c)}</td>`).join('')}</tr>`).join('\n') + '\n</tbody></table>';
  return `<section id="lines">\n<h2>Lines</h2>\n<p>${h(intro(l))}</p>\n`
    + table(['Class', 'Lines', 'Share'], classRows(l.totals).map(([k, n, s]) => [k, String(n), s])) + '\n'
    + table(['Tool', 'Lines', 'Recorded', 'Assisted commit', 'Unverified', 'None'], l.tools.map(toolRow)) + '\n</section>';
}
