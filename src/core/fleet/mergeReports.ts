// `ai-provenance merge`: JSON reports — one repository's (`export --format json`) or many
// (`fleet --format json`, an earlier merge) — combined into one fleet report. The result does not
// depend on the order of the inputs: repositories are sorted by identity, each keeps its commits in
// git's order, and every figure is recounted from the commits. Reports of another schema version
// are refused, as are two different histories under one repository name. Pure.
import type * as z from 'zod/mini';
import { SummaryAccumulator } from '../history/summary';
import {
  fleetTotals, isAudited, type AuditedRepository, type FleetRecord, type FleetTotals, type RepositoryEntry,
} from './fleet';
import { FleetReportSchema } from './fleetSchema';
import type { CommitAudit } from '../model';
import type { Sha256 } from '../digest';
import { redactAudit } from '../report/redact';
import { MonthAccumulator, type MonthRow } from '../report/months';
import { ReportSchema } from '../report/reportSchema';

export const MERGE_SCHEMA_VERSION = 1;

export class MergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

export interface MergeInput {
  /** How the user named it (for messages). */
  name: string;
  doc: unknown;
}

export interface MergedRepository {
  entry: RepositoryEntry;
  commits: CommitAudit[];
}

export interface MergeResult {
  repositories: MergedRepository[];
  totals: FleetTotals;
  /** Things a reader should know (duplicates dropped, a failure superseded). */
  notices: string[];
}

interface Unit {
  from: string;
  entry: RepositoryEntry;
  commits: CommitAudit[];
}

function firstIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = issue.path.length ? issue.path.map(String).join('.') : 'the document';
  return `${where}: ${issue.message}`;
}

function schemaVersions(inputs: readonly MergeInput[]): void {
  const versions = inputs.map((i) => {
    const v = i.doc !== null && typeof i.doc === 'object' && !Array.isArray(i.doc) ? (i.doc as { schemaVersion?: unknown }).schemaVersion : undefined;
    if (v === undefined) throw new MergeError(`${i.name} is not an ai-provenance JSON report (no schemaVersion)`);
    return { name: i.name, v };
  });
  const distinct = [...new Set(versions.map((x) => JSON.stringify(x.v)))];
  if (distinct.length > 1) {
    const a = versions[0] as { name: string; v: unknown };
    const b = versions.find((x) => JSON.stringify(x.v) !== JSON.stringify(a.v)) as { name: string; v: unknown };
    throw new MergeError(`reports of different schema versions cannot be merged: ${a.name} is version ${JSON.stringify(a.v)}, `
      + `${b.name} is version ${JSON.stringify(b.v)}`);
  }
  if (distinct[0] !== String(MERGE_SCHEMA_VERSION)) {
    throw new MergeError(`${versions[0]?.name} is schema version ${distinct[0]}: this ai-provenance reads version ${MERGE_SCHEMA_VERSION}`);
  }
}

function unitsOf(input: MergeInput): Unit[] {
  const doc = input.doc as Record<string, unknown>;
  if ('repositories' in doc) {
    const r = FleetReportSchema.safeParse(doc);
    if (!r.success) throw new MergeError(`${input.name} is not a valid fleet report: ${firstIssue(r.error)}`);
    const units = new Map<string, Unit>();
    for (const entry of r.data.repositories) {
      if (units.has(entry.repository)) throw new MergeError(`${input.name} lists repository ${JSON.stringify(entry.repository)} twice`);
      units.set(entry.repository, { from: input.name, entry, commits: [] });
    }
    for (const record of r.data.commits as FleetRecord[]) {
      const { repository, ...audit } = record;
      const unit = units.get(repository);
      if (!unit || !isAudited(unit.entry)) {
        throw new MergeError(`${input.name} has commit ${audit.sha} of repository ${JSON.stringify(repository)}, which it does not list as audited`);
      }
      unit.commits.push(audit);
    }
    return [...units.values()];
  }
  const r = ReportSchema.safeParse(doc);
  if (!r.success) throw new MergeError(`${input.name} is not a valid report: ${firstIssue(r.error)}`);
  const d = r.data;
  const entry: AuditedRepository = {
    repository: d.repository.id, ...(d.repository.head !== undefined ? { head: d.repository.head } : {}), shallow: d.repository.shallow,
    generator: d.generator, query: d.query, summary: d.summary,
  };
  return [{ from: input.name, entry, commits: d.commits }];
}

/**
 * How two reports of one repository differ, or undefined when they describe the same history: same
 * HEAD, query, engine and catalog, and the same audits of the same commits.
 */
function difference(a: Unit, b: Unit): string | undefined {
  if (!isAudited(a.entry) || !isAudited(b.entry)) return 'one could not be read';
  const short = (h: string | undefined): string => (h ?? 'no HEAD').slice(0, 12);
  if (a.entry.head !== b.entry.head) return `HEAD ${short(a.entry.head)} and ${short(b.entry.head)}`;
  if (JSON.stringify(a.entry.query) !== JSON.stringify(b.entry.query)) return 'different queries';
  if (a.entry.generator.engine !== b.entry.generator.engine || a.entry.generator.catalog !== b.entry.generator.catalog) {
    return 'audited by different engine or catalog versions';
  }
  if (a.commits.length !== b.commits.length || a.commits.some((c, i) => JSON.stringify(c) !== JSON.stringify(b.commits[i]))) {
    return 'different commits or audits at the same HEAD';
  }
  return undefined;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export interface MergeOptions {
  /** Replace people's e-mail addresses with pseudonyms made with this SHA-256 (core/report/redact.ts). */
  redactEmails?: Sha256;
}

export function mergeReports(inputs: readonly MergeInput[], options: MergeOptions = {}): MergeResult {
  if (!inputs.length) throw new MergeError('no reports to merge');
  schemaVersions(inputs);
  const chosen = new Map<string, Unit>();
  const notices = new Set<string>();
  for (const input of inputs) {
    for (const unit of unitsOf(input)) {
      const id = unit.entry.repository;
      const known = chosen.get(id);
      if (!known) {
        chosen.set(id, unit);
        continue;
      }
      const ok = [known, unit].filter((u) => isAudited(u.entry));
      if (ok.length === 2) {
        const differs = difference(known, unit);
        if (differs) {
          throw new MergeError(`repository ${JSON.stringify(id)} is in ${known.from} and ${unit.from} with different contents (${differs}): `
            + 'merge reports of one run, or give the repositories distinct names');
        }
        notices.add(`${id}: in more than one report with the same history: counted once`);
      } else if (ok.length === 1) {
        chosen.set(id, ok[0] as Unit);
        notices.add(`${id}: unverifiable in one report, audited in another: the audit is kept`);
      } else if (compare((unit.entry as { unverifiable: string }).unverifiable, (known.entry as { unverifiable: string }).unverifiable) < 0) {
        chosen.set(id, unit);
      }
    }
  }
  const repositories: MergedRepository[] = [];
  const months: MonthRow[][] = [];
  for (const id of [...chosen.keys()].sort(compare)) {
    const unit = chosen.get(id) as Unit;
    if (!isAudited(unit.entry)) {
      repositories.push({ entry: unit.entry, commits: [] });
      continue;
    }
    const redact = options.redactEmails;
    const commits = redact ? unit.commits.map((c) => redactAudit(c, redact)) : unit.commits;
    const summary = new SummaryAccumulator();
    const month = new MonthAccumulator();
    for (const c of commits) {
      summary.add(c);
      month.add(c);
    }
    months.push(month.result());
    repositories.push({ entry: { ...unit.entry, summary: summary.result() }, commits });
  }
  return { repositories, totals: fleetTotals(repositories.map((r) => r.entry), months), notices: [...notices].sort(compare) };
}
