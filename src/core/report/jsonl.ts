// JSON Lines: one CommitAudit per line, fields in the order the audit was built with.
// The hot path for large histories: nothing but JSON.stringify per commit.

import type { CommitAudit } from '../model';
import type { ReportWriter } from './writer';

export class JsonlWriter implements ReportWriter {
  readonly mediaType = 'application/jsonl';
  readonly extension = 'jsonl';

  begin(): string {
    return '';
  }

  commit(audit: CommitAudit): string {
    return JSON.stringify(audit) + '\n';
  }

  end(): string {
    return '';
  }
}
