// Every JSON format (JSON Lines, the JSON report, SARIF, in-toto, Agent Trace) goes out through
// this decorator: data stays exact, terminal-driving and invisible characters are \u-escaped
// (src/core/json/jsonText.ts).
import type { AuditSummary, CommitAudit, ReportMeta } from '../model';
import { jsonEscapeInvisible } from '../json/jsonText';
import type { ReportWriter } from './writer';

export function jsonSafeWriter(inner: ReportWriter): ReportWriter {
  return {
    mediaType: inner.mediaType,
    extension: inner.extension,
    begin: (meta: ReportMeta) => jsonEscapeInvisible(inner.begin(meta)),
    commit: (audit: CommitAudit) => jsonEscapeInvisible(inner.commit(audit)),
    end: (summary: AuditSummary) => jsonEscapeInvisible(inner.end(summary)),
  };
}
