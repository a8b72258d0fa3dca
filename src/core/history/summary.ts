// Aggregates over a stream of commit audits, in memory proportional to the distinct
// authors, tools and models seen (never to the number of commits). Deterministic: every
// list is sorted with plain code-unit comparisons (no locale), dates compare as instants.

import { AUTONOMY_TIERS, EVIDENCE_KINDS, type Autonomy, type AuditSummary, type CommitAudit, type EvidenceKind, type ToolId } from '../model';
import { isMessageOnly } from '../detect/autonomy';

interface AuthorTally {
  name: string;
  email: string;
  commits: number;
  assisted: number;
  unverified: number;
}

interface DatePoint {
  iso: string;
  time: number;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function emptyKinds(): Record<EvidenceKind, number> {
  const kinds = {} as Record<EvidenceKind, number>;
  for (const kind of EVIDENCE_KINDS) kinds[kind] = 0;
  return kinds;
}

function increment<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

export class SummaryAccumulator {
  private commits = 0;
  private assisted = 0;
  private unverified = 0;
  private none = 0;
  private readonly tools = new Map<ToolId, number>();
  private readonly models = new Map<string, number>();
  private readonly authors = new Map<string, AuthorTally>();
  private readonly kinds = emptyKinds();
  private messageOnly = 0;
  private empty = 0;
  private readonly autonomy = Object.fromEntries(AUTONOMY_TIERS.map((t) => [t, 0])) as Record<Autonomy, number>;
  private first: DatePoint | undefined;
  private last: DatePoint | undefined;

  add(audit: CommitAudit): void {
    this.commits++;
    const isAssisted = audit.verdict === 'assisted';
    const isUnverified = audit.verdict === 'unverified';
    if (isAssisted) this.assisted++;
    else if (isUnverified) this.unverified++;
    else this.none++;

    // A commit counts once per tool / model, however many evidence items name it.
    for (const tool of new Set(audit.tools)) increment(this.tools, tool);
    for (const model of new Set(audit.models)) increment(this.models, model);

    const key = audit.author.email.toLowerCase();
    let author = this.authors.get(key);
    if (!author) {
      author = { name: audit.author.name, email: key, commits: 0, assisted: 0, unverified: 0 };
      this.authors.set(key, author);
    }
    author.commits++;
    if (isAssisted) author.assisted++;
    if (isUnverified) author.unverified++;

    for (const evidence of audit.evidence) {
      if (Object.prototype.hasOwnProperty.call(this.kinds, evidence.kind)) this.kinds[evidence.kind]++;
    }
    if (isMessageOnly(audit)) this.messageOnly++;
    if (audit.empty) this.empty++;
    if (isAssisted && audit.autonomy && Object.prototype.hasOwnProperty.call(this.autonomy, audit.autonomy)) this.autonomy[audit.autonomy]++;

    this.noteDate(audit.date);
  }

  result(): AuditSummary {
    const summary: AuditSummary = {
      commits: this.commits,
      assisted: this.assisted,
      unverified: this.unverified,
      none: this.none,
      assistedShare: this.commits === 0 ? 0 : this.assisted / this.commits,
      tools: [...this.tools]
        .map(([tool, commits]) => ({ tool, commits }))
        .sort((a, b) => b.commits - a.commits || compareText(a.tool, b.tool)),
      models: [...this.models]
        .map(([model, commits]) => ({ model, commits }))
        .sort((a, b) => b.commits - a.commits || compareText(a.model, b.model)),
      authors: [...this.authors.values()]
        .map((a) => ({ ...a }))
        .sort((a, b) => b.commits - a.commits || compareText(a.email, b.email)),
      evidenceKinds: { ...this.kinds },
      messageOnly: this.messageOnly,
      empty: this.empty,
      autonomy: { ...this.autonomy },
    };
    if (this.first) summary.firstDate = this.first.iso;
    if (this.last) summary.lastDate = this.last.iso;
    return summary;
  }

  private noteDate(iso: string): void {
    const time = Date.parse(iso);
    if (Number.isNaN(time)) return;
    // Ties (same instant, different offsets) resolve by text so the result ignores input order.
    if (!this.first || time < this.first.time || (time === this.first.time && iso < this.first.iso)) {
      this.first = { iso, time };
    }
    if (!this.last || time > this.last.time || (time === this.last.time && iso < this.last.iso)) {
      this.last = { iso, time };
    }
  }
}

export function summarize(audits: Iterable<CommitAudit>): AuditSummary {
  const accumulator = new SummaryAccumulator();
  for (const audit of audits) accumulator.add(audit);
  return accumulator.result();
}
