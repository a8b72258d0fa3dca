// The contract every report format implements. Writers return text; the caller writes it
// (stdout, a file) so formats stay pure and streamable: begin → commit × N → end.

import type { AuditSummary, CommitAudit, ReportMeta } from '../model';

export const REPORT_FORMATS = ['jsonl', 'json', 'csv', 'markdown', 'summary'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface WriterOptions {
  /** ANSI colours (terminal formats only); default false. */
  color?: boolean;
}

export interface ReportWriter {
  /** MIME type and conventional file extension (without the leading dot). */
  readonly mediaType: string;
  readonly extension: string;
  /** Text to emit before any commit. */
  begin(meta: ReportMeta): string;
  /** Text for one commit ('' when the format only aggregates). */
  commit(audit: CommitAudit): string;
  /** Text after the last commit. */
  end(summary: AuditSummary): string;
}

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/** `part / whole` as a percentage with one decimal ("7.0"); "0.0" when whole is 0. */
export function percent(part: number, whole: number): string {
  return whole > 0 ? ((part / whole) * 100).toFixed(1) : '0.0';
}
