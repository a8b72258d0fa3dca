// Commit (+ diff scan, + notes) → evidence and verdict. Pure functions over strings.
import type { CommitAudit, CommitRecord, Confidence, Evidence, EvidenceKind, Identity, RemovedAttribution, ToolId, Verdict } from '../model';
import { parseTrailers, type TrailerOptions } from './trailers';
import {
  BODY_MARKERS, BRANCH_PREFIXES, IDENTITIES, IDENTITY_KEYS, MERGE_SUBJECTS, MESSAGE_PREFILTER_SCAN, TRAILER_KEYS, type TrailerKeyRow,
} from './signatures';
import { matchIdentity, parseAgentValue, parseIdentity, parseModelValue, toolFromName } from './identify';
import { autonomyOf } from './autonomy';

/** Bump when classification logic changes: cached audits from an older engine are discarded. */
export const ENGINE_VERSION = 3;

export interface ClassifyOptions {
  /** Git's trailer settings for this repository; commit messages are always read with noDivider. */
  trailers?: Omit<TrailerOptions, 'noDivider'>;
  /**
   * No fast lane: every message goes through the trailer parser, as when trailer items are
   * configured. The reference the fast lane is tested against (test/unit/classifyFastLane.test.ts).
   */
  fullScan?: boolean;
}

/** What a diff scan found for one commit. */
export interface DiffScan {
  evidence: Evidence[];
  scanned: boolean;
  truncated: boolean;
  /** The patch was read (scanned) and is empty: the commit changes nothing against its first parent. */
  empty?: boolean;
}

/** Other trailers of the same block, for rows that read a sibling (`Replit-Commit-Session-Id`). */
export type SiblingTrailers = readonly { key: string; value: string }[];

const LOWER: Record<Confidence, Confidence> = { high: 'medium', medium: 'low', low: 'low' };

/** Evidence from one `Key: value` pair, or [] when it attributes nothing to AI. */
export function trailerEvidence(key: string, value: string, kind: EvidenceKind = 'trailer', siblings: SiblingTrailers = []): Evidence[] {
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
  return keyEvidence(row, key, value, kind, detail, siblings);
}

function keyEvidence(row: TrailerKeyRow, key: string, value: string, kind: EvidenceKind, detail: string, siblings: SiblingTrailers): Evidence[] {
  const base = { kind, detail, signature: row.id };
  if (row.value === 'fixed') {
    const shaped = row.valuePattern?.test(value.trim()) ?? false;
    if (row.valueRequired && !shaped) return [];
    const sibling = row.sessionKey ? siblings.find((t) => row.sessionKey?.test(t.key) && t.value.trim())?.value.trim() : undefined;
    const confidence = row.valueRequired ? (sibling ? 'high' : row.confidence) : shaped ? 'high' : row.confidence;
    const session = sibling ?? (row.session && /^https?:\/\//.test(value) ? value : undefined);
    const evidence: Evidence[] = [{ ...base, tool: row.tool, confidence, ...(session ? { session } : {}) }];
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
    parsed = parseAgentValue(value, row.generic ?? false);
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
    kind, tool: match.tool, ...(match.model ? { model: match.model } : {}), confidence: match.confidence,
    detail: detail ?? `${identity.name} <${identity.email}>`,
    signature: row.id, ...(row.sticky ? { sticky: true } : {}),
  }];
}

/** Agent branch names in a merge subject (`Merge pull request #N from owner/copilot/…`): low confidence. */
export function branchEvidence(subject: string): Evidence[] {
  if (!subject.startsWith('Merge ')) return [];
  for (const pattern of MERGE_SUBJECTS) {
    const m = pattern.exec(subject);
    if (!m?.groups) continue;
    const ref = m.groups.ref as string;
    const candidates = [m.groups.branch as string, ref, ref.slice(ref.indexOf('/') + 1)].map((b) => b.toLowerCase());
    const row = BRANCH_PREFIXES.find((r) => candidates.some((b) => b.startsWith(r.prefix) && b.length > r.prefix.length));
    if (row) return [{ kind: 'branch', tool: row.tool, confidence: row.confidence, detail: subject, signature: row.id }];
    return [];
  }
  return [];
}

const CANDIDATE_LINE = /^([A-Za-z0-9][A-Za-z0-9-]*)[ \t]*:[ \t]*(\S.*)$/;

/** Evidence from the message, the author and the committer. */
export function messageEvidence(commit: CommitRecord, options: ClassifyOptions = {}): Evidence[] {
  const evidence = identityEvidence(commit.author, 'author');
  for (const e of identityEvidence(commit.committer, 'committer')) {
    // aider's docs: its mark on the committer alone means it wrote the message, not the changes.
    const messageOnly = IDENTITY_ROW_MESSAGE_SCOPE.has(e.signature) && !evidence.some((a) => a.tool === e.tool);
    evidence.push(messageOnly ? { ...e, scope: 'message' } : e);
  }

  const message = commit.message;
  if (message.startsWith('Merge ')) evidence.push(...branchEvidence(firstLine(message)));
  // The fast lane: one prefilter scan finds the first line with a catalog word; most messages have
  // none and stop here (no trailer parse). The scan below continues from that hit, so a message is
  // scanned once whatever it holds (it used to be scanned twice: a test, then the same regex again).
  // Configured trailer items rename abbreviated keys (`co:` → Co-authored-by): no word filter then.
  const hits = PREFILTER_HITS;
  hits.lastIndex = 0;
  let m = hits.exec(message);
  if (!m && !options.trailers?.items?.length && !options.fullScan) return evidence;
  const block = parseTrailers(message, { ...options.trailers, noDivider: true });
  for (const t of block.trailers) evidence.push(...trailerEvidence(t.key, t.value, 'trailer', block.trailers));

  // Lines with a prefilter word: body markers; outside git's trailer block also trailer-shaped lines.
  // (Only those lines can match a catalog row: a long body is not scanned line by line.)
  let lineStart = -1;
  for (; m; m = hits.exec(message)) {
    const start = message.lastIndexOf('\n', m.index) + 1;
    const nl = message.indexOf('\n', m.index);
    const end = nl === -1 ? message.length : nl;
    hits.lastIndex = end;
    if (start === lineStart) continue;
    lineStart = start;
    // only "is this the subject line" matters to the rows
    scanBodyLine(message.slice(start, end).replace(/\r$/, ''), start === 0 ? 0 : 1, start >= block.start && start < block.end, evidence, message);
  }
  return dedupe(evidence);
}

/**
 * MESSAGE_PREFILTER (in its faster, line-equivalent form), global: messageEvidence resets lastIndex
 * before each message (it is not re-entered).
 */
const PREFILTER_HITS = new RegExp(MESSAGE_PREFILTER_SCAN.source, 'gim');

/** Identity rows whose mark on the committer alone is message-scope evidence. */
const IDENTITY_ROW_MESSAGE_SCOPE = new Set(IDENTITIES.filter((r) => r.committerOnlyMessage).map((r) => r.id));

function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  return (nl === -1 ? message : message.slice(0, nl)).replace(/\r$/, '').trim();
}

/** Body markers on any line; trailer-shaped lines only outside git's trailer block. */
function scanBodyLine(line: string, lineNo: 0 | 1, inBlock: boolean, out: Evidence[], message: string): void {
  const text = line.trim();
  if (!text) return;
  for (const row of BODY_MARKERS) {
    if (row.subjectOnly && lineNo !== 0) continue;
    const m = row.pattern.exec(text);
    if (!m) continue;
    if (row.requires && !row.requires.test(message)) continue;
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
export function buildAudit(commit: CommitRecord, found: Evidence[], diff?: DiffScan): CommitAudit {
  const evidence = withScopes(found);
  const verdict = verdictOf(evidence);
  const none = evidence.length === 0;
  const tools = none ? [] : [...new Set(evidence.map((e) => e.tool))].sort();
  const models = none ? [] : [...new Set(evidence.flatMap((e) => (e.model ? [e.model] : [])))].sort();
  const autonomy = none ? undefined : autonomyOf(evidence);
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
    ...(autonomy ? { autonomy } : {}),
    ...(diff?.empty ? { empty: true as const } : {}),
  };
}

/** Every evidence of an audit says its scope; `code` unless its producer said `message`. */
function withScopes(evidence: readonly Evidence[]): Evidence[] {
  return evidence.map((e) => (e.scope ? e : { ...e, scope: 'code' }));
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
  const evidence = withScopes([...audit.evidence, ...extra]);
  const verdict = verdictOf(evidence);
  const { autonomy: _old, empty, ...rest } = audit;
  const autonomy = autonomyOf(evidence);
  return {
    ...rest,
    verdict,
    assisted: verdict === 'assisted',
    tools: [...new Set(evidence.map((e) => e.tool))].sort(),
    models: [...new Set(evidence.flatMap((e) => (e.model ? [e.model] : [])))].sort(),
    evidence,
    ...(autonomy ? { autonomy } : {}),
    ...(empty ? { empty } : {}),
  };
}

/** Adds the attribution lines the hooks removed (from the provenance note); the verdict does not change. */
export function withRemovals(audit: CommitAudit, removed: readonly RemovedAttribution[]): CommitAudit {
  if (removed.length === 0) return audit;
  const seen = new Set((audit.removed ?? []).map((r) => JSON.stringify(r)));
  const add = removed.filter((r) => !seen.has(JSON.stringify(r)));
  return add.length ? { ...audit, removed: [...(audit.removed ?? []), ...add] } : audit;
}
