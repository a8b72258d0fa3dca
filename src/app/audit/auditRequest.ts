// What an audit is asked for and where its commits go: the request and the sink of runAudit
// (audit.ts), in their own module so the Auditor (auditor.ts) can name them without importing the
// use case that drives it.
import type { AuditQuery, ReportMeta } from '../../core/model';
import type { GitLogger } from '../../git/exec';
import type { AuditedCommit } from './auditedCommit';

export interface AuditRequest extends AuditQuery {
  repo: string;
  /** Diff merges against their first parent (merges are skipped by default). */
  scanMerges?: boolean;
  /** Per-commit patch byte cap. */
  diffByteCap?: number;
  cache?: boolean;
  /** Let git fetch objects a partial clone lacks (otherwise a missing object is "unverifiable"). */
  fetchMissing?: boolean;
  signal?: AbortSignal;
  onProgress?: (commits: number) => void;
  log?: GitLogger;
  version: string;
}

export interface AuditSink {
  begin(meta: ReportMeta): void | Promise<void>;
  commit(commit: AuditedCommit): void | Promise<void>;
}
