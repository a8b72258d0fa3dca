// Text made safe for a Markdown table cell: the one escape every Markdown writer (reports, the lines
// section, check and fleet reports) puts untrusted values through. Its own module so the sections
// markdown.ts includes can use it without importing markdown.ts back.
import { terminalSafe } from './summaryText';

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Escapes text for a Markdown table cell (also safe in list items and headings). */
export function mdCell(value: string): string {
  return terminalSafe(value)
    .replace(/[&<>]/g, (c) => HTML_ENTITIES[c] ?? c)
    .replace(/[\\|`*_[\]]/g, (c) => '\\' + c)
    .trim();
}
