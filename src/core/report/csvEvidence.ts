// CSV with one row per evidence item (`export --format csv --rows evidence`): the commit's identity
// repeated on each row, then what was seen and where. Same RFC 4180 writer and formula
// neutralisation as the per-commit CSV (csvCell). Commits without evidence have no rows. An
// attribution line the hooks removed is a row too: kind `removed` (or `replaced`, `kept`), the
// line as detail, its class as signature (`removal.editor-added`) and the reason in `reason`.
import type { CommitAudit, EvidenceLocation } from '../model';
import { csvRow } from './csv';
import type { ReportWriter } from './writer';

export const CSV_EVIDENCE_COLUMNS = [
  'sha', 'date', 'author_name', 'author_email', 'subject', 'verdict', 'kind', 'tool', 'model', 'confidence', 'sticky',
  'signature', 'session', 'locations', 'detail', 'reason',
] as const;

/** `path:10-20;path:5;other` (paths with `;` or `:` are quoted as JSON strings). */
export function formatLocations(locations: readonly EvidenceLocation[] | undefined): string {
  return (locations ?? []).map((l) => {
    const file = /[;:"\s]/.test(l.file) ? JSON.stringify(l.file) : l.file;
    if (l.line === undefined) return file;
    return l.endLine !== undefined && l.endLine !== l.line ? `${file}:${l.line}-${l.endLine}` : `${file}:${l.line}`;
  }).join(';');
}

export class CsvEvidenceWriter implements ReportWriter {
  readonly mediaType = 'text/csv; charset=utf-8; header=present';
  readonly extension = 'csv';

  begin(): string {
    return csvRow(CSV_EVIDENCE_COLUMNS);
  }

  commit(audit: CommitAudit): string {
    return audit.evidence.map((e) => csvRow([
      audit.sha,
      audit.date,
      audit.author.name,
      audit.author.email,
      audit.subject,
      audit.verdict,
      e.kind,
      e.tool,
      e.model ?? '',
      e.confidence,
      e.sticky === true,
      e.signature,
      e.session ?? '',
      formatLocations(e.locations),
      e.detail,
      '',
    ])).join('') + (audit.removed ?? []).map((r) => csvRow([
      audit.sha, audit.date, audit.author.name, audit.author.email, audit.subject, audit.verdict,
      r.action, r.tool, '', '', r.class === 'editor-added', `removal.${r.class}`, '', '',
      r.line.replace(/\r?\n[ \t]*/g, ' '), r.replacedBy?.length ? `${r.reason}; replaced by ${r.replacedBy.join(', ')}` : r.reason,
    ])).join('');
  }

  end(): string {
    return '';
  }
}
