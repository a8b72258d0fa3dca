// Many repositories in one report (`ai-provenance fleet`, `ai-provenance merge`): the records (one
// audited commit plus the repository it belongs to), one entry per repository (its summary, or why
// it could not be read), and what is added over all of them (per tool, per month, totals). Pure:
// summaries of many repositories are combined here exactly as one accumulator over all their
// commits would have counted them.
import type { AuditQuery, AuditSummary, CommitAudit, ReportMeta, ToolId } from '../model';
import { AUTONOMY_TIERS, EVIDENCE_KINDS } from '../model';
import type { MonthRow } from '../report/months';

/** One line of `fleet --format jsonl`: a commit's audit and the repository it belongs to. */
export type FleetRecord = { repository: string } & CommitAudit;

/**
 * Line figures of a repository (the `lines` command: AI, human, unknown…), named counts. Optional:
 * reports show them when the fleet run computed them (FleetOptions.lineFigures).
 */
export type LineFigures = Record<string, number>;

export interface AuditedRepository {
  repository: string;
  head?: string;
  shallow: boolean;
  generator: ReportMeta['generator'];
  query: AuditQuery;
  summary: AuditSummary;
  lines?: LineFigures;
}

export interface UnverifiableRepository {
  repository: string;
  /** One line: why the repository could not be read. */
  unverifiable: string;
}

export type RepositoryEntry = AuditedRepository | UnverifiableRepository;

export function isAudited(entry: RepositoryEntry): entry is AuditedRepository {
  return !('unverifiable' in entry);
}

export interface FleetToolRow {
  tool: ToolId;
  commits: number;
  repositories: number;
}

/** Everything a fleet report adds after its commits. */
export interface FleetTotals {
  repositories: RepositoryEntry[];
  tools: FleetToolRow[];
  months: MonthRow[];
  summary: AuditSummary;
  lines?: LineFigures;
}

export interface FleetHead {
  generator: ReportMeta['generator'];
  generatedAt?: string;
}

/** A fleet report's writer (fleetWriters.ts: jsonl, json; fleetHuman.ts: markdown, html). */
export interface FleetWriter {
  readonly mediaType: string;
  /** false: the writer ignores records, so callers need not build them. */
  readonly wantsRecords: boolean;
  begin(head: FleetHead): string;
  /** One record's JSON text (fleetRecordJson), without a newline. */
  record(json: string): string;
  end(totals: FleetTotals): string;
}

/** The JSON Lines record of a commit, from its canonical JSON: `repository` first, then the audit's fields. */
export function fleetRecordJson(repository: string, auditJsonText: string): string {
  return `{"repository":${JSON.stringify(repository)},${auditJsonText.slice(1)}`;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function emptySummary(): AuditSummary {
  return {
    commits: 0, assisted: 0, unverified: 0, none: 0, assistedShare: 0, tools: [], models: [], authors: [],
    evidenceKinds: Object.fromEntries(EVIDENCE_KINDS.map((k) => [k, 0])) as AuditSummary['evidenceKinds'],
    messageOnly: 0, empty: 0,
    autonomy: Object.fromEntries(AUTONOMY_TIERS.map((t) => [t, 0])) as AuditSummary['autonomy'],
  };
}

/**
 * The summary of all the commits the given summaries counted, as SummaryAccumulator would give over
 * their commits in this order (an author's display name is the first one seen).
 */
export function mergeSummaries(summaries: readonly AuditSummary[]): AuditSummary {
  const out = emptySummary();
  const tools = new Map<ToolId, number>();
  const models = new Map<string, number>();
  const authors = new Map<string, AuditSummary['authors'][number]>();
  let first: { iso: string; time: number } | undefined;
  let last: { iso: string; time: number } | undefined;
  for (const s of summaries) {
    out.commits += s.commits;
    out.assisted += s.assisted;
    out.unverified += s.unverified;
    out.none += s.none;
    for (const t of s.tools) tools.set(t.tool, (tools.get(t.tool) ?? 0) + t.commits);
    for (const m of s.models) models.set(m.model, (models.get(m.model) ?? 0) + m.commits);
    for (const a of s.authors) {
      const known = authors.get(a.email);
      if (known) {
        known.commits += a.commits;
        known.assisted += a.assisted;
        known.unverified += a.unverified;
      } else authors.set(a.email, { ...a });
    }
    for (const k of EVIDENCE_KINDS) out.evidenceKinds[k] += s.evidenceKinds[k] ?? 0;
    out.messageOnly += s.messageOnly ?? 0;
    out.empty += s.empty ?? 0;
    for (const t of AUTONOMY_TIERS) out.autonomy[t] += s.autonomy?.[t] ?? 0;
    for (const iso of [s.firstDate, s.lastDate]) {
      if (iso === undefined) continue;
      const time = Date.parse(iso);
      if (Number.isNaN(time)) continue;
      if (!first || time < first.time || (time === first.time && iso < first.iso)) first = { iso, time };
      if (!last || time > last.time || (time === last.time && iso < last.iso)) last = { iso, time };
    }
  }
  out.assistedShare = out.commits ? out.assisted / out.commits : 0;
  out.tools = [...tools].map(([tool, commits]) => ({ tool, commits })).sort((a, b) => b.commits - a.commits || compare(a.tool, b.tool));
  out.models = [...models].map(([model, commits]) => ({ model, commits })).sort((a, b) => b.commits - a.commits || compare(a.model, b.model));
  out.authors = [...authors.values()].sort((a, b) => b.commits - a.commits || compare(a.email, b.email));
  if (first) out.firstDate = first.iso;
  if (last) out.lastDate = last.iso;
  return out;
}

/** Month rows of several repositories added up, oldest first, `unknown` last. */
export function mergeMonths(lists: readonly (readonly MonthRow[])[]): MonthRow[] {
  const byMonth = new Map<string, MonthRow>();
  for (const list of lists) {
    for (const m of list) {
      const row = byMonth.get(m.month);
      if (!row) byMonth.set(m.month, { ...m });
      else {
        row.commits += m.commits;
        row.assisted += m.assisted;
        row.unverified += m.unverified;
        row.none += m.none;
      }
    }
  }
  return [...byMonth.values()].sort((a, b) => (a.month === b.month ? 0 : a.month === 'unknown' ? 1 : b.month === 'unknown' ? -1 : compare(a.month, b.month)));
}

/** Named line figures added up (absent when no repository has any). */
export function mergeLines(list: readonly (LineFigures | undefined)[]): LineFigures | undefined {
  const present = list.filter((l): l is LineFigures => l !== undefined);
  if (!present.length) return undefined;
  const out: LineFigures = {};
  for (const l of present) for (const [k, v] of Object.entries(l)) out[k] = (out[k] ?? 0) + v;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => compare(a, b)));
}

/** Per tool: commits naming it over all repositories, and how many repositories have any. */
export function toolRows(entries: readonly RepositoryEntry[]): FleetToolRow[] {
  const rows = new Map<ToolId, FleetToolRow>();
  for (const e of entries) {
    if (!isAudited(e)) continue;
    for (const t of e.summary.tools) {
      const row = rows.get(t.tool) ?? { tool: t.tool, commits: 0, repositories: 0 };
      row.commits += t.commits;
      row.repositories += t.commits > 0 ? 1 : 0;
      rows.set(t.tool, row);
    }
  }
  return [...rows.values()].sort((a, b) => b.commits - a.commits || b.repositories - a.repositories || compare(a.tool, b.tool));
}

/** The totals of a fleet from its entries (in report order) and their month rows. */
export function fleetTotals(entries: readonly RepositoryEntry[], months: readonly (readonly MonthRow[])[]): FleetTotals {
  const audited = entries.filter(isAudited);
  const lines = mergeLines(audited.map((e) => e.lines));
  return {
    repositories: [...entries],
    tools: toolRows(entries),
    months: mergeMonths(months),
    summary: mergeSummaries(audited.map((e) => e.summary)),
    ...(lines ? { lines } : {}),
  };
}
