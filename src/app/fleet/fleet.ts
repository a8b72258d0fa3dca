// Use case: audit many repositories on one machine (`ai-provenance fleet`). Each repository is
// audited by runAudit — its own cache under its own git dir, so a second run reads only new
// commits — `jobs` at a time. A repository that cannot be read becomes an entry saying why (one
// line) and the others go on. Output is deterministic: repositories appear in the order given,
// each one's commits in git's order, whatever order the audits finish in; a repository's records
// are held back (in memory, then a temporary file) until every repository before it is written,
// and dropped if its audit fails half way.
import { realpathSync } from 'node:fs';
import { auditJson } from '../../core/history/auditJson';
import { ENGINE_VERSION } from '../../core/detect/classify';
import { CATALOG_VERSION } from '../../core/detect/signatures';
import {
  fleetRecordJson, fleetTotals, isAudited, type AuditedRepository, type FleetTotals, type LineFigures, type RepositoryEntry,
} from '../../core/fleet/fleet';
import type { ReportMeta } from '../../core/model';
import { redactAudit } from '../../core/report/redact';
import { MonthAccumulator, type MonthRow } from '../../core/report/months';
import type { FleetWriter } from '../../core/fleet/fleetWriters';
import { folderName } from '../../core/fleet/repositoryIdentity';
import { SummaryAccumulator } from '../../core/history/summary';
import type { GitLogger } from '../../git/exec';
import { runAudit } from '../audit/audit';
import type { TextSink } from '../export/export';
import { sha256 } from '../sha256';
import { SpillBuffer, SpillDir } from './spillBuffer';

export interface FleetRequest {
  /** Absolute paths, in report order. */
  repositories: readonly string[];
  /** Directories that could not be searched: reported as unverifiable after the repositories. */
  unreadable?: readonly { dir: string; reason: string }[];
  jobs: number;
  all: boolean;
  since?: string;
  until?: string;
  maxCount?: number;
  diffs: boolean;
  scanMerges: boolean;
  cache: boolean;
  redactEmails?: boolean;
  generatedAt?: string;
  version: string;
  signal?: AbortSignal;
  log?: GitLogger;
  onProgress?: (p: FleetProgress) => void;
  /** Line figures of an audited repository (the `lines` command), when the run computes them. */
  lineFigures?: (dir: string, entry: AuditedRepository) => Promise<LineFigures | undefined>;
}

export interface FleetProgress {
  done: number;
  total: number;
  running: number;
  unverifiable: number;
}

export interface FleetOutcome {
  totals: FleetTotals;
  /** Entries that could not be read. */
  unverifiable: number;
  /** Things a reader should know, each naming its repository. */
  notices: string[];
}

interface JobResult {
  entry: RepositoryEntry;
  months: MonthRow[];
  records?: SpillBuffer;
  notices: string[];
}

/** One line, without this machine's path of the repository. */
function reason(e: unknown, dir: string, name: string): string {
  let text = e instanceof Error ? (e.name === 'GitError' || e.name === 'Error' ? e.message : `internal error: ${e.message}`) : String(e);
  const paths = new Set([dir]);
  try {
    paths.add(realpathSync(dir));
  } catch {
    // a directory that does not exist: its path as given
  }
  for (const p of [...paths].sort((a, b) => b.length - a.length)) text = text.split(p).join(name);
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim() || 'unknown error';
}

async function auditOne(dir: string, req: FleetRequest, records: SpillBuffer | undefined): Promise<JobResult> {
  const summary = new SummaryAccumulator();
  const months = new MonthAccumulator();
  let meta: ReportMeta | undefined;
  try {
    const outcome = await runAudit({
      repo: dir, revs: [], all: req.all, paths: [], diffs: req.diffs, scanMerges: req.scanMerges, cache: req.cache, version: req.version,
      ...(req.maxCount !== undefined ? { maxCount: req.maxCount } : {}),
      ...(req.since ? { since: req.since } : {}),
      ...(req.until ? { until: req.until } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
      ...(req.log ? { log: req.log } : {}),
    }, {
      begin: (m) => {
        meta = m;
      },
      commit: (c) => {
        const audit = req.redactEmails ? redactAudit(c.audit, sha256) : c.audit;
        summary.add(audit);
        months.add(audit);
        if (records) records.write(`${fleetRecordJson((meta as ReportMeta).repository.id, req.redactEmails ? auditJson(audit) : c.json)}\n`);
      },
    });
    const m = meta as ReportMeta;
    const entry: AuditedRepository = {
      repository: m.repository.id, ...(m.repository.head ? { head: m.repository.head } : {}), shallow: m.repository.shallow,
      generator: m.generator, query: m.query, summary: summary.result(),
    };
    const lines = req.lineFigures ? await req.lineFigures(dir, entry) : undefined;
    if (lines) entry.lines = lines;
    return { entry, months: months.result(), ...(records ? { records } : {}), notices: outcome.notices.map((n) => `${entry.repository}: ${n}`) };
  } catch (e) {
    records?.discard();
    if (req.signal?.aborted) throw e;
    const name = meta?.repository.id ?? folderName(dir);
    return { entry: { repository: name, unverifiable: reason(e, dir, name) }, months: [], notices: [] };
  }
}

export async function runFleet(req: FleetRequest, writer: FleetWriter, out: TextSink): Promise<FleetOutcome> {
  const spill = new SpillDir();
  const total = req.repositories.length;
  const done = new Map<number, JobResult>();
  const entries: RepositoryEntry[] = [];
  const monthLists: MonthRow[][] = [];
  const notices: string[] = [];
  const heads = new Map<string, string>();
  let next = 0;
  let emitted = 0;
  let finished = 0;
  let running = 0;
  let unverifiable = 0;
  let failed = 0;
  let chain: Promise<void> = Promise.resolve();
  let carry = '';

  /** Records of the repository being written; renamed when its name had to be made distinct. */
  let rename: { from: string; to: string } | undefined;
  const writeRecords = async (text: string): Promise<void> => {
    const lines = (carry + text).split('\n');
    carry = lines.pop() ?? '';
    for (const line of lines) {
      const record = rename && line.startsWith(rename.from) ? rename.to + line.slice(rename.from.length) : line;
      const wait = out.write(writer.record(record));
      if (wait) await wait;
    }
  };

  /** Entries of a report have distinct names (merge relies on it): a name already taken gets `#2`, `#3`… */
  const names = new Set<string>();
  const unique = (name: string): string => {
    let n = 2;
    let candidate = name;
    while (names.has(candidate)) candidate = `${name}#${n++}`;
    names.add(candidate);
    return candidate;
  };

  const emit = async (r: JobResult): Promise<void> => {
    let entry = r.entry;
    if (isAudited(entry)) {
      // One name, two directories. The same remote URL is one repository (another clone or a linked
      // worktree): counted once, at the first. Two folders of one name cannot be told apart.
      const seen = heads.get(entry.repository);
      if (seen !== undefined && (seen === (entry.head ?? '') || /[:/]/.test(entry.repository))) {
        notices.push(`${entry.repository}: found again in another directory${seen === (entry.head ?? '') ? '' : ` (HEAD ${(entry.head ?? 'none').slice(0, 12)})`}: audited once, at the first`);
        r.records?.discard();
        return;
      }
      if (seen !== undefined) {
        r.records?.discard();
        entry = { repository: unique(entry.repository), unverifiable: `another repository of this run is also called ${JSON.stringify(entry.repository)} and `
          + 'neither has a remote: give them remotes (or distinct folder names) so reports can tell them apart' };
      } else {
        heads.set(entry.repository, entry.head ?? '');
        entry = { ...entry, repository: unique(entry.repository) };
      }
    } else entry = { ...entry, repository: unique(entry.repository) };
    if (!isAudited(entry)) unverifiable++;
    else {
      monthLists.push(r.months);
      const prefix = (name: string): string => `{"repository":${JSON.stringify(name)},`;
      rename = entry.repository !== r.entry.repository ? { from: prefix(r.entry.repository), to: prefix(entry.repository) } : undefined;
      if (r.records) await r.records.drain(writeRecords);
      rename = undefined;
    }
    entries.push(entry);
    notices.push(...r.notices);
  };

  const emitReady = (): Promise<void> => {
    chain = chain.then(async () => {
      for (let r = done.get(emitted); r; r = done.get(emitted)) {
        done.delete(emitted);
        emitted++;
        await emit(r);
      }
    });
    return chain;
  };

  const worker = async (): Promise<void> => {
    while (next < total) {
      const i = next++;
      running++;
      const result = await auditOne(req.repositories[i] as string, req, writer.wantsRecords ? new SpillBuffer(spill) : undefined);
      running--;
      finished++;
      if (!isAudited(result.entry)) failed++;
      req.onProgress?.({ done: finished, total, running, unverifiable: failed });
      done.set(i, result);
      await emitReady();
    }
  };

  try {
    await out.write(writer.begin({ generator: { name: 'ai-provenance', version: req.version, engine: ENGINE_VERSION, catalog: CATALOG_VERSION },
      ...(req.generatedAt !== undefined ? { generatedAt: req.generatedAt } : {}) }));
    await Promise.all(Array.from({ length: Math.max(1, Math.min(req.jobs, total)) }, worker));
    await emitReady();
    for (const u of req.unreadable ?? []) {
      entries.push({ repository: unique(folderName(u.dir)), unverifiable: `cannot search this directory for repositories (${u.reason})` });
      unverifiable++;
    }
    const totals = fleetTotals(entries, monthLists);
    const wait = out.write(writer.end(totals));
    if (wait) await wait;
    return { totals, unverifiable, notices };
  } finally {
    spill.remove();
  }
}
