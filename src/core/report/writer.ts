// The contract every report format implements. Writers return text; the caller writes it
// (stdout, a file) so formats stay pure and streamable: begin → commit × N → end.

import type { AuditSummary, CommitAudit, ReportMeta } from '../model';
import type { PolicyViolation } from './violations';
import type { LinesSummary, RecordedRegion } from '../lines/linesSummary';
import type { Sha256 } from '../digest';

export const REPORT_FORMATS = ['jsonl', 'json', 'csv', 'markdown', 'summary'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Formats of `ai-provenance export` (exportWriters.ts): documents and interchange formats. */
export const EXPORT_FORMATS = ['json', 'csv', 'markdown', 'html', 'sarif', 'intoto', 'agent-trace', 'cyclonedx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface WriterOptions {
  /** ANSI colours (terminal formats only); default false. */
  color?: boolean;
  /** When the report was made (ISO 8601); reports carry no clock unless given one. */
  generatedAt?: string;
  /** Policy violations of the audited commits (markdown, html); absent: not evaluated. */
  violations?: readonly PolicyViolation[];
  /** Where the policy came from, said next to the violations. */
  policySource?: string;
  /** CSV: one row per commit (default) or per evidence item. */
  rows?: 'commit' | 'evidence';
  /** SARIF: a file each commit changed, to anchor results that have no line of their own. */
  commitFiles?: ReadonlyMap<string, string>;
  /** export --lines: the line figures of the tree at the range's tip (JSON, Markdown, HTML, SARIF). */
  lines?: LinesSummary;
  /** export --lines, SARIF: recorded line ranges as they stand in that tree. */
  recordedRegions?: readonly RecordedRegion[];
}

/** Options of the formats that hash (HTML's CSP, SARIF fingerprints, CycloneDX serial numbers). */
export interface HashingOptions extends WriterOptions {
  /** SHA-256, given by the shell (core implements no cryptography). */
  sha256: Sha256;
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
