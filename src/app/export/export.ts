// Use case: export the audit of a range in one of the interchange formats (the CLI's `export` and
// the editor's report panel). The audit itself is runAudit (cache, notes merged); the human reports
// add the policy check of the same range (runCheck: one more `git log`, without patches); SARIF
// reads which files each commit changed (one more `git log --name-only`) to anchor commit-level
// results. Output is deterministic: the same history and options give the same bytes.
import { StringDecoder } from 'node:string_decoder';
import type { AuditSummary, ReportMeta } from '../../core/model';
import { redactAudit, redactViolation } from '../../core/report/redact';
import { createExportWriter } from '../../core/report/exportWriters';
import { MonthAccumulator, type MonthRow } from '../../core/report/months';
import type { ExportFormat, HashingOptions } from '../../core/report/writer';
import { SummaryAccumulator } from '../../core/history/summary';
import { assertRevision } from '../../git/exec';
import { openRepository } from '../../git/repo';
import { runAudit, type AuditOutcome, type AuditRequest } from '../audit/audit';
import { runCheck } from '../review/check';
import { TEAM_FILE } from '../policyLoad';
import { linesFigures } from '../lines/linesFigures';
import { sha256 } from '../sha256';

export interface ExportRequest extends AuditRequest {
  format: ExportFormat;
  /** CSV: one row per commit (default) or per evidence item. */
  rows?: 'commit' | 'evidence';
  /** ISO 8601; without it no report carries a clock. */
  generatedAt?: string;
  /** Markdown/HTML: check against this team-file-shaped JSON instead of the repository's policy. */
  policyFile?: string;
  /** Replace people's e-mail addresses with stable pseudonyms (core/report/redact.ts). */
  redactEmails?: boolean;
  /** JSON, Markdown, HTML, SARIF: add the line figures of the tree at the range's tip (linesFigures). */
  lines?: boolean;
}

/** Formats that carry line figures (export --lines). */
export const LINES_EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'markdown', 'html', 'sarif'];

export interface TextSink {
  write(text: string): void | Promise<void>;
}

export interface ExportOutcome extends AuditOutcome {
  summary: AuditSummary;
  months: MonthRow[];
}

export async function runExport(req: ExportRequest, out: TextSink): Promise<ExportOutcome> {
  const options: HashingOptions = {
    sha256,
    ...(req.generatedAt !== undefined ? { generatedAt: req.generatedAt } : {}),
    ...(req.rows ? { rows: req.rows } : {}),
  };
  const policyNotices: string[] = [];
  if (req.format === 'markdown' || req.format === 'html') {
    const check = await runCheck({
      repo: req.repo, revs: req.revs, all: req.all, paths: req.paths, allowShallow: true,
      ...(req.maxCount !== undefined ? { maxCount: req.maxCount } : {}),
      ...(req.since ? { since: req.since } : {}),
      ...(req.until ? { until: req.until } : {}),
      ...(req.policyFile ? { policyFile: req.policyFile } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
      ...(req.log ? { log: req.log } : {}),
    });
    options.violations = req.redactEmails ? check.violations.map((v) => redactViolation(v, sha256)) : check.violations;
    options.policySource = check.policySource;
    policyNotices.push(...check.notices.filter((n) => n.startsWith(TEAM_FILE)));
  }
  if (req.format === 'sarif') options.commitFiles = await changedFiles(req);
  const lineNotices: string[] = [];
  if (req.lines) {
    const figures = await linesFigures({
      repo: req.repo, revs: req.revs, all: req.all, paths: req.paths, version: req.version, regions: req.format === 'sarif',
      ...(req.cache !== undefined ? { cache: req.cache } : {}), ...(req.signal ? { signal: req.signal } : {}), ...(req.log ? { log: req.log } : {}),
    });
    options.lines = figures.summary;
    if (req.format === 'sarif') options.recordedRegions = figures.regions;
    lineNotices.push(...figures.notices);
  }

  const writer = createExportWriter(req.format, options);
  const summary = new SummaryAccumulator();
  const months = new MonthAccumulator();
  const outcome = await runAudit(req, {
    begin: (meta: ReportMeta) => out.write(writer.begin(meta)),
    commit: (c) => {
      const audit = req.redactEmails ? redactAudit(c.audit, sha256) : c.audit;
      summary.add(audit);
      months.add(audit);
      const text = writer.commit(audit);
      return text ? out.write(text) : undefined;
    },
  });
  const result = summary.result();
  await out.write(writer.end(result));
  if (policyNotices.length) outcome.notices.unshift(...policyNotices);
  return { ...outcome, notices: [...outcome.notices, ...lineNotices], summary: result, months: months.result() };
}

/**
 * The first file (in git's order) each commit of the range changed, from one `git log --name-only`.
 * Merges list none (they are anchored elsewhere). Memory: one path per commit of the range.
 */
async function changedFiles(req: ExportRequest): Promise<Map<string, string>> {
  const { git, info } = await openRepository(req.repo, req.log);
  const files = new Map<string, string>();
  if (!info.head && !req.all && req.revs.length === 0) return files;
  for (const rev of req.revs) assertRevision(rev);
  const args = ['log', '-z', '--format=%x1e%H', '--name-only', '--no-renames', '--no-color', '--no-notes', '--no-ext-diff',
    '--diff-merges=off', '--no-relative', '--no-mailmap'];
  if (req.maxCount !== undefined) args.push(`--max-count=${req.maxCount}`);
  if (req.since) args.push(`--since=${req.since}`);
  if (req.until) args.push(`--until=${req.until}`);
  if (req.all) args.push('--exclude=refs/notes/*', '--exclude=refs/stash', '--exclude=refs/prefetch/*', '--all');
  args.push('--end-of-options', ...(req.revs.length || req.all ? req.revs : ['HEAD']), '--', ...req.paths);
  const stream = git.stream(args, req.signal ? { signal: req.signal } : {});
  stream.done.catch(() => undefined); // awaited below; a failure mid-stream must not go unhandled
  const decoder = new StringDecoder('utf8');
  let carry = '';
  try {
    for await (const chunk of stream.stdout as AsyncIterable<Buffer>) {
      carry += decoder.write(chunk);
      const last = carry.lastIndexOf('\x1e');
      if (last > 0) {
        parseNameOnly(carry.slice(0, last), files);
        carry = carry.slice(last);
      }
    }
    await stream.done;
  } finally {
    stream.kill();
  }
  parseNameOnly(carry + decoder.end(), files);
  return files;
}

/** `RS sha NUL [LF path NUL ...]` per commit (git log -z --name-only) → sha → first path. */
export function parseNameOnly(text: string, into: Map<string, string>): void {
  for (const record of text.split('\x1e')) {
    const nul = record.indexOf('\0');
    if (nul <= 0) continue;
    const sha = record.slice(0, nul);
    const first = record.slice(nul + 1).replace(/^\n/, '').split('\0')[0];
    if (/^[0-9a-f]{40,64}$/.test(sha) && first) into.set(sha, first);
  }
}
