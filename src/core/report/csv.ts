// RFC 4180 CSV: CRLF line endings, fields quoted when they hold `"`, `,`, CR or LF (quotes
// doubled). Text cells that a spreadsheet would read as a formula (leading =, +, -, @, TAB, CR)
// are neutralised with a leading `'`, following OWASP's CSV injection guidance: commit
// subjects, names and evidence are attacker-controlled.

import { EVIDENCE_KINDS, type CommitAudit, type EvidenceKind, type RemovedAttribution } from '../model';
import { isMessageOnly } from '../detect/autonomy';
import type { ReportWriter } from './writer';
import { terminalSafe } from './summaryText';

const CRLF = '\r\n';
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export const CSV_COLUMNS = [
  'sha', 'date', 'author_name', 'author_email', 'subject', 'verdict', 'assisted', 'tools', 'models',
  'evidence_count', 'evidence_kinds', 'details', 'autonomy', 'message_only', 'empty', 'removed',
] as const;

/**
 * One CSV field. Strings are text cells: formula-neutralised, then quoted if needed.
 * Numbers and booleans are written as-is (they cannot start a formula).
 */
export function csvCell(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  // A CSV is read by people (a terminal, a spreadsheet): escape sequences and other control characters
  // become spaces, bidi and invisible characters show as <U+…> — the neutraliser of every
  // human-readable output; TAB, CR and LF stay (quoted, they are data).
  const safe = terminalSafe(value, true);
  const text = FORMULA_START.test(safe) ? "'" + safe : safe;
  return NEEDS_QUOTES.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

export function csvRow(cells: readonly (string | number | boolean)[]): string {
  return cells.map(csvCell).join(',') + CRLF;
}

function distinctKinds(audit: CommitAudit): string {
  const seen = new Set<EvidenceKind>();
  for (const evidence of audit.evidence) seen.add(evidence.kind);
  return EVIDENCE_KINDS.filter((kind) => seen.has(kind)).join(';');
}

/** `removed: <line> (<reason>)`, one per attribution line the hooks removed, replaced or had to keep. */
export function removedText(removed: readonly RemovedAttribution[] | undefined): string {
  return (removed ?? []).map((r) => `${r.action}: ${r.line.replace(/\r?\n[ \t]*/g, ' ')} (${r.reason})`).join(' | ');
}

export class CsvWriter implements ReportWriter {
  readonly mediaType = 'text/csv; charset=utf-8; header=present';
  readonly extension = 'csv';

  begin(): string {
    return csvRow(CSV_COLUMNS);
  }

  commit(audit: CommitAudit): string {
    return csvRow([
      audit.sha,
      audit.date,
      audit.author.name,
      audit.author.email,
      audit.subject,
      audit.verdict,
      audit.assisted,
      audit.tools.join(';'),
      audit.models.join(';'),
      audit.evidence.length,
      distinctKinds(audit),
      audit.evidence.map((e) => e.detail).join(' | '),
      audit.autonomy ?? '',
      isMessageOnly(audit),
      audit.empty === true,
      removedText(audit.removed),
    ]);
  }

  end(): string {
    return '';
  }
}
