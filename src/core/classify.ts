// Commit (+ diff scan, + notes) → evidence and verdict. Pure functions over strings.
import type { CommitAudit, CommitRecord, Confidence, Evidence, EvidenceKind, Identity, RemovedAttribution, ToolId, Verdict } from './model';
import { parseTrailers, type TrailerOptions } from './trailers';
import { BODY_MARKERS, IDENTITY_KEYS, MESSAGE_PREFILTER, TRAILER_KEYS, type TrailerKeyRow } from './signatures';
import { matchIdentity, parseAgentValue, parseIdentity, parseModelValue, toolFromName } from './identify';

/** Bump when classification logic changes: cached audits from an older engine are discarded. */
export const ENGINE_VERSION = 2;

export interface ClassifyOptions {
  /** Git's trailer settings for this repository; commit messages are always read with noDivider. */
  trailers?: Omit<TrailerOptions, 'noDivider'>;
}

/** What a diff scan found for one commit. */
export interface DiffScan {
  evidence: Evidence[];
  scanned: boolean;
  truncated: boolean;
}

const LOWER: Record<Confidence, Confidence> = { high: 'medium', medium: 'low', low: 'low' };

/** Evidence from one `Key: value` pair, or [] when it attributes nothing to AI. */
export function trailerEvidence(key: string, value: string, kind: EvidenceKind = 'trailer'): Evidence[] {
  const detail = `${key}: ${value}`;
  if (IDENTITY_KEYS.some((k) => k.test(key))) {
    const identity = parseIdentity(value);
    return identity.email ? identityEvidence(identity, kind, detail) : [];
  }
  const row = TRAILER_KEYS.find((r) => r.key.test(key));
  if (!row) return [];
  if (row.value !== 'fixed' && /<[^<>]*@[^<>]*>\s*$/.test(value)) {
    // An address under an AI key: an AI identity counts, a person with an ordinary address does not.
    return identityEvidence(parseIdentity(value), kind, detail).map((e) => ({ ...e, signature: `${row.id}+${e.signature}` }));
  }
  return keyEvidence(row, key, value, kind, detail);
}

function keyEvidence(row: TrailerKeyRow, key: string, value: string, kind: EvidenceKind, detail: string): Evidence[] {
  const base = { kind, detail, signature: row.id };
  if (row.value === 'fixed') {
    const confidence = row.valuePattern?.test(value) ? 'high' : row.confidence;
    const evidence: Evidence[] = [{ ...base, tool: row.tool, confidence, ...(row.session && /^https?:\/\//.test(value) ? { session: value } : {}) }];
    if (row.tool === 'entire' && /^entire-agent$/i.test(key)) {
      const agent = parseAgentValue(value);
      if (agent && agent.tool !== 'unknown-ai') evidence.push({ ...base, ...agent, confidence: 'medium' });
    }
    return evidence;
  }
  let parsed = row.value === 'model' ? parseModelValue(value) : undefined;
  if (row.value === 'flag') {
    if (/^(?:no|false|none|0|n)$/i.test(value.trim())) return [];
    parsed = /^(?:yes|true|1|y)$/i.test(value.trim()) ? { tool: 'unknown-ai' } : parseAgentValue(value);
  } else if (row.value === 'agent') {
    parsed = parseAgentValue(value);
  }
  if (!parsed) return [];
  const confidence = parsed.tool === 'unknown-ai' ? LOWER[row.confidence] : row.confidence;
  return [{ ...base, ...parsed, confidence }];
}

function identityEvidence(identity: Identity, kind: EvidenceKind, detail?: string): Evidence[] {
  const match = matchIdentity(identity);
  if (!match) return [];
  const { row } = match;
  return [{
    kind, tool: row.tool, ...(match.model ? { model: match.model } : {}), confidence: row.confidence,
    detail: detail ?? `${identity.name} <${identity.email}>`,
    signature: row.id, ...(row.sticky ? { sticky: true } : {}),
  }];
}

const CANDIDATE_LINE = /^([A-Za-z0-9][A-Za-z0-9-]*)[ \t]*:[ \t]*(\S.*)$/;

/** Evidence from the message, the author and the committer. */
export function messageEvidence(commit: CommitRecord, options: ClassifyOptions = {}): Evidence[] {
  const evidence = identityEvidence(commit.author, 'author');
  const byCommitter = identityEvidence(commit.committer, 'committer');
  if (byCommitter.length) evidence.push(...byCommitter);

  const message = commit.message;
  if (!MESSAGE_PREFILTER.test(message)) return evidence;
  const block = parseTrailers(message, { ...options.trailers, noDivider: true });
  for (const t of block.trailers) evidence.push(...trailerEvidence(t.key, t.value));

  // Lines with a prefilter word: body markers; outside git's trailer block also trailer-shaped lines.
  // (Only those lines can match a catalog row: a long body is not scanned line by line.)
  const hits = new RegExp(MESSAGE_PREFILTER.source, 'gim');
  let lineStart = -1;
  for (let m = hits.exec(message); m; m = hits.exec(message)) {
    const start = message.lastIndexOf('\n', m.index) + 1;
    const nl = message.indexOf('\n', m.index);
    const end = nl === -1 ? message.length : nl;
    hits.lastIndex = end;
    if (start === lineStart) continue;
    lineStart = start;
    // only "is this the subject line" matters to the rows
    scanBodyLine(message.slice(start, end).replace(/\r$/, ''), start === 0 ? 0 : 1, start >= block.start && start < block.end, evidence);
  }
  return dedupe(evidence);
}

/** Body markers on any line; trailer-shaped lines only outside git's trailer block. */
function scanBodyLine(line: string, lineNo: 0 | 1, inBlock: boolean, out: Evidence[]): void {
  const text = line.trim();
  if (!text) return;
  for (const row of BODY_MARKERS) {
    if (row.subjectOnly && lineNo !== 0) continue;
    const m = row.pattern.exec(text);
    if (!m) continue;
    const named = m.groups?.name;
    const tool: ToolId | undefined = named ? toolFromName(named) : row.tool;
    if (!tool) continue;
    const session = row.session ? m.groups?.session : undefined;
    out.push({ kind: 'message', tool, confidence: row.confidence, detail: text, signature: row.id, ...(session ? { session } : {}) });
    break; // rows run from specific to generic: the first match names the line
  }
  if (lineNo === 0 || inBlock) return;
  const t = CANDIDATE_LINE.exec(text);
  if (t) {
    for (const e of trailerEvidence(t[1] as string, (t[2] as string).trim(), 'message')) {
      out.push({ ...e, detail: text, confidence: LOWER[e.confidence] });
    }
  }
}

function dedupe(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const key = `${e.kind}\u0000${e.tool}\u0000${e.signature}\u0000${e.detail}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function verdictOf(evidence: readonly Evidence[]): Verdict {
  if (evidence.length === 0) return 'none';
  return evidence.every((e) => e.sticky) ? 'unverified' : 'assisted';
}

/** git's %s: the first paragraph, lines joined by a space (reads only that paragraph). */
export function subjectOf(message: string): string {
  let subject = '';
  for (let i = 0; i < message.length; ) {
    const nl = message.indexOf('\n', i);
    const end = nl === -1 ? message.length : nl;
    const line = message.slice(i, end).trim();
    if (line) subject = subject ? `${subject} ${line}` : line;
    else if (subject) break;
    if (nl === -1) break;
    i = nl + 1;
  }
  return subject;
}

/** Assembles the audit of a commit from all its evidence. Field order is the report's order. */
export function buildAudit(commit: CommitRecord, evidence: Evidence[], diff?: DiffScan): CommitAudit {
  const verdict = verdictOf(evidence);
  const none = evidence.length === 0;
  const tools = none ? [] : [...new Set(evidence.map((e) => e.tool))].sort();
  const models = none ? [] : [...new Set(evidence.flatMap((e) => (e.model ? [e.model] : [])))].sort();
  return {
    sha: commit.sha,
    date: commit.authorDate,
    author: commit.author,
    committer: commit.committer,
    committerDate: commit.committerDate,
    parents: commit.parents,
    subject: subjectOf(commit.message),
    verdict,
    assisted: verdict === 'assisted',
    tools,
    models,
    evidence,
    ...(diff ? { diffScanned: diff.scanned } : {}),
    ...(diff?.truncated ? { diffTruncated: true } : {}),
    ...(commit.encoding ? { encoding: commit.encoding } : {}),
  };
}

/** Classifies one commit: identities, trailers, body lines, and (when scanned) added diff lines. */
export function classifyCommit(commit: CommitRecord, options: ClassifyOptions = {}, diff?: DiffScan): CommitAudit {
  const evidence = messageEvidence(commit, options);
  if (diff) evidence.push(...diff.evidence);
  return buildAudit(commit, evidence, diff);
}

/** Adds evidence found later (git notes, Agent Trace) to an audit and recomputes its verdict. */
export function withExtraEvidence(audit: CommitAudit, extra: readonly Evidence[]): CommitAudit {
  if (extra.length === 0) return audit;
  const evidence = [...audit.evidence, ...extra];
  const verdict = verdictOf(evidence);
  return {
    ...audit,
    verdict,
    assisted: verdict === 'assisted',
    tools: [...new Set(evidence.map((e) => e.tool))].sort(),
    models: [...new Set(evidence.flatMap((e) => (e.model ? [e.model] : [])))].sort(),
    evidence,
  };
}

/** Adds the attribution lines the hooks removed (from the provenance note); the verdict does not change. */
export function withRemovals(audit: CommitAudit, removed: readonly RemovedAttribution[]): CommitAudit {
  if (removed.length === 0) return audit;
  const seen = new Set((audit.removed ?? []).map((r) => JSON.stringify(r)));
  const add = removed.filter((r) => !seen.has(JSON.stringify(r)));
  return add.length ? { ...audit, removed: [...(audit.removed ?? []), ...add] } : audit;
}
