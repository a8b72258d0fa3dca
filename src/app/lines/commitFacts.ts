// The verdict, tools and models of the commits `git blame` names — exactly as `ai-provenance audit`
// (diff scan on) gives them, from the same audit cache: cached commits are looked up, the others
// read with `git log --no-walk` (2,000 commits per process) and classified, then cached for audit
// too. Recorded evidence (notes, Agent Trace) is merged as audit merges it. Never one process per
// commit.
import { withExtraEvidence } from '../../core/detect/classify';
import type { CommitFacts } from '../../core/lines/lineClass';
import type { CommitAudit } from '../../core/model';
import { AuditCache, cacheDir } from '../../git/auditCache';
import type { Git, GitLogger } from '../../git/exec';
import type { RepositoryInfo } from '../../git/repo';
import { cacheKey, type AuditRequest } from '../audit/audit';
import { Auditor } from '../audit/auditor';
import { loadNoteEvidence } from '../audit/provenanceNotes';

const CHUNK = 2000;

export interface FactsRequest {
  version: string;
  /** Use (and fill) the audit cache. */
  cache: boolean;
  /** Keep each commit's whole audit (blame's hovers and JSON); lines needs only the facts. */
  keepAudits?: boolean;
  signal?: AbortSignal;
  log?: GitLogger;
}

export interface FactsOutcome {
  facts: Map<string, CommitFacts>;
  audits: Map<string, CommitAudit>;
  notices: string[];
  /** Commits classified in this run (the rest came from the cache). */
  classified: number;
}

export function factsOf(audit: CommitAudit): CommitFacts {
  const autonomy = (audit as { autonomy?: unknown }).autonomy;
  return {
    verdict: audit.verdict, tools: audit.tools, models: audit.models, subject: audit.subject,
    author: audit.author, date: audit.date, ...(typeof autonomy === 'string' ? { autonomy } : {}),
  };
}

export async function commitFacts(git: Git, info: RepositoryInfo, shas: Iterable<string>, req: FactsRequest): Promise<FactsOutcome> {
  const wanted = [...new Set(shas)].filter((s) => /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(s) && !/^0+$/.test(s));
  const facts = new Map<string, CommitFacts>();
  const audits = new Map<string, CommitAudit>();
  const notices: string[] = [];
  if (!wanted.length) return { facts, audits, notices, classified: 0 };
  const notes = await loadNoteEvidence(git, info, new Set(wanted));
  notices.push(...notes.problems);
  const auditReq: AuditRequest = {
    repo: info.root || info.gitDir, revs: [], all: false, paths: [], diffs: true, cache: req.cache, version: req.version,
    ...(req.signal ? { signal: req.signal } : {}), ...(req.log ? { log: req.log } : {}),
  };
  const take = (audit: CommitAudit): void => {
    facts.set(audit.sha, factsOf(audit));
    if (req.keepAudits) audits.set(audit.sha, audit);
  };
  // opened off the calling thread (an extension host keeps answering while a large cache is verified)
  const cache = req.cache ? await new AuditCache(cacheDir(info.commonDir), cacheKey(auditReq, info)).loadAsync() : null;
  if (cache?.discarded) notices.push(`audit cache discarded and rebuilt (${cache.discarded})`);
  cache?.lock();
  let classified = 0;
  try {
    const missing: string[] = [];
    for (const sha of wanted) {
      const json = cache?.json(sha);
      if (json === undefined) {
        missing.push(sha);
        continue;
      }
      const audit = JSON.parse(json) as CommitAudit;
      const extra = notes.bySha.get(sha);
      take(extra ? withExtraEvidence(audit, extra) : audit);
    }
    for (let i = 0; i < missing.length; i += CHUNK) {
      const auditor = new Auditor(git, info, auditReq, { begin: () => undefined, commit: (c) => take(c.audit) }, notes.bySha);
      await auditor.stream({ revs: missing.slice(i, i + CHUNK), noWalk: true, patch: true, mergePatches: false, forceUtf8: info.forceUtf8 }, cache);
      classified += auditor.classified;
    }
  } finally {
    cache?.unlock();
  }
  return { facts, audits, notices, classified };
}
