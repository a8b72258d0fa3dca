// Aggregates the human reports (Markdown, HTML) add to AuditSummary: commits per month (of the
// author date, in the author's own offset, as git prints it), the commits whose only evidence is an
// unverified trailer, and a capped list of the assisted and unverified commits. Memory grows with the
// months and the capped lists, never with the commits. Pure: the writers escape for their format.
import { AUTONOMY_TIERS, type AuditQuery, type AuditSummary, type Autonomy, type CommitAudit, type Verdict } from '../model';
import { isMessageOnly } from '../detect/autonomy';

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

export interface RemovedRow {
  sha: string;
  date: string;
  author: string;
  subject: string;
  line: string;
  action: string;
  class: string;
  reason: string;
  replacedBy: string[];
}

/** Removal records kept for listing; the rest are counted. */
export const MAX_REMOVED_ROWS = 500;

/** The attribution lines the hooks removed (from the provenance notes), capped. */
export class RemovedCollector {
  readonly rows: RemovedRow[] = [];
  overflow = 0;
  commits = 0;

  add(audit: CommitAudit): void {
    if (!audit.removed?.length) return;
    this.commits++;
    for (const r of audit.removed) {
      if (this.rows.length >= MAX_REMOVED_ROWS) {
        this.overflow++;
        continue;
      }
      this.rows.push({
        sha: audit.sha, date: audit.date, author: audit.author.name || audit.author.email, subject: audit.subject,
        line: r.line.replace(/\r?\n[ \t]*/g, ' '), action: r.action, class: r.class, reason: r.reason, replacedBy: r.replacedBy ?? [],
      });
    }
  }
}

export interface CommitRow {
  sha: string;
  date: string;
  /** The author's name, or the address when the name is empty. */
  author: string;
  subject: string;
  verdict: Verdict;
  tools: readonly string[];
  /** Kinds of evidence, first seen first. */
  evidence: string[];
  autonomy?: Autonomy;
  /** The AI wrote only the message (all evidence message-scope). */
  messageOnly?: true;
  /** The commit changes nothing. */
  empty?: true;
}

/** Everything a human report gathers while the audit streams, with `maxRows` commits listed. */
export class ReportContent {
  readonly months = new MonthAccumulator();
  readonly unverified = new UnverifiedCollector();
  readonly removed = new RemovedCollector();
  readonly rows: CommitRow[] = [];
  /** Assisted or unverified commits beyond `maxRows`: counted, not listed. */
  overflow = 0;

  constructor(private readonly maxRows: number) {}

  add(audit: CommitAudit): void {
    this.months.add(audit);
    this.unverified.add(audit);
    this.removed.add(audit);
    if (audit.verdict === 'none') return;
    if (this.rows.length >= this.maxRows) {
      this.overflow++;
      return;
    }
    this.rows.push({
      sha: audit.sha, date: audit.date, author: audit.author.name || audit.author.email, subject: audit.subject,
      verdict: audit.verdict, tools: audit.tools, evidence: [...new Set(audit.evidence.map((e) => e.kind))],
      ...(audit.autonomy ? { autonomy: audit.autonomy } : {}),
      ...(isMessageOnly(audit) ? { messageOnly: true as const } : {}),
      ...(audit.empty ? { empty: true as const } : {}),
    });
  }
}

/** `agent-committed, message only, empty`: what a commit row says beside its verdict. */
export function rowNotes(r: Pick<CommitRow, 'autonomy' | 'messageOnly' | 'empty'>): string {
  return [r.autonomy, r.messageOnly ? 'message only' : undefined, r.empty ? 'empty' : undefined].filter(Boolean).join(', ');
}

/** Summary lines the human reports add: message-only commits, empty commits, assisted commits per autonomy tier. */
export function scopeLines(s: AuditSummary): [string, string][] {
  const tiers = AUTONOMY_TIERS.filter((t) => s.autonomy[t] > 0).map((t) => `${t} ${s.autonomy[t]}`);
  return [
    ['Assisted, message only (AI wrote the message)', String(s.messageOnly)],
    ['Empty commits (change nothing)', String(s.empty)],
    ['Autonomy (assisted commits)', tiers.length ? tiers.join(', ') : '—'],
  ];
}

/** The audited range as a command line (`HEAD --max-count=50 -- src`), unescaped. */
export function describeQuery(query: AuditQuery): string {
  const parts: string[] = [query.all ? '--all' : query.revs.length > 0 ? query.revs.join(' ') : 'HEAD'];
  if (query.all && query.revs.length > 0) parts.push(query.revs.join(' '));
  if (query.maxCount !== undefined) parts.push(`--max-count=${query.maxCount}`);
  if (query.since !== undefined) parts.push(`--since=${query.since}`);
  if (query.until !== undefined) parts.push(`--until=${query.until}`);
  if (!query.diffs) parts.push('--no-diffs');
  if (query.paths.length > 0) parts.push('-- ' + query.paths.join(' '));
  return parts.join(' ');
}
