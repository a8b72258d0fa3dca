// One JSON document, streamed: the head in begin, one commit per line, the summary in end.
// Valid JSON for any number of commits; one top-level key / one commit per line for diffs.

import type { AuditSummary, CommitAudit, ReportMeta } from '../model';
import type { ReportWriter } from './writer';

export class JsonWriter implements ReportWriter {
  readonly mediaType = 'application/json';
  readonly extension = 'json';
  private count = 0;

  begin(meta: ReportMeta): string {
    this.count = 0;
    return '{"schemaVersion":' + JSON.stringify(meta.schemaVersion) + ',\n'
      + '"generator":' + JSON.stringify(meta.generator) + ',\n'
      + '"repository":' + JSON.stringify(meta.repository) + ',\n'
      + '"query":' + JSON.stringify(meta.query) + ',\n'
      + '"commits":[';
  }

  commit(audit: CommitAudit): string {
    const separator = this.count === 0 ? '\n' : ',\n';
    this.count++;
    return separator + JSON.stringify(audit);
  }

  end(summary: AuditSummary): string {
    const close = this.count === 0 ? ']' : '\n]';
    return close + ',\n"summary":' + JSON.stringify(summary) + '}\n';
  }
}
