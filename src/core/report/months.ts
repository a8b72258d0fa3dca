// Aggregates the human reports add to AuditSummary: commits per month (of the author date, in the
// author's own offset, as git prints it) and the commits whose only evidence is an unverified
// trailer. Memory grows with the months and the capped list, never with the commits. Pure.
import type { CommitAudit } from '../model';

export interface MonthRow {
  /** `YYYY-MM`, or `unknown` for a date that is not ISO 8601. */
  month: string;
  commits: number;
  assisted: number;
  unverified: number;
  none: number;
}

export interface UnverifiedRow {
  sha: string;
  date: string;
  author: string;
  subject: string;
  /** The trailers as written (VS Code's sticky `Co-authored-by: Copilot <copilot@github.com>`). */
  trailers: string[];
}

/** Unverified commits kept for listing; the rest are counted. */
export const MAX_UNVERIFIED_ROWS = 200;

export function monthOf(iso: string): string {
  return /^\d{4}-\d{2}-/.test(iso) ? iso.slice(0, 7) : 'unknown';
}

export class MonthAccumulator {
  private readonly months = new Map<string, MonthRow>();

  add(audit: CommitAudit): void {
    const key = monthOf(audit.date);
    let row = this.months.get(key);
    if (!row) {
      row = { month: key, commits: 0, assisted: 0, unverified: 0, none: 0 };
      this.months.set(key, row);
    }
    row.commits++;
    row[audit.verdict === 'assisted' ? 'assisted' : audit.verdict === 'unverified' ? 'unverified' : 'none']++;
  }

  /** Oldest month first; `unknown` last. */
  result(): MonthRow[] {
    return [...this.months.values()]
      .map((r) => ({ ...r }))
      .sort((a, b) => (a.month === b.month ? 0 : a.month === 'unknown' ? 1 : b.month === 'unknown' ? -1 : a.month < b.month ? -1 : 1));
  }
}

export class UnverifiedCollector {
  readonly rows: UnverifiedRow[] = [];
  overflow = 0;

  add(audit: CommitAudit): void {
    if (audit.verdict !== 'unverified') return;
    if (this.rows.length >= MAX_UNVERIFIED_ROWS) {
      this.overflow++;
      return;
    }
    this.rows.push({
      sha: audit.sha,
      date: audit.date,
      author: audit.author.name || audit.author.email,
      subject: audit.subject,
      trailers: [...new Set(audit.evidence.filter((e) => e.sticky).map((e) => e.detail))],
    });
  }
}
