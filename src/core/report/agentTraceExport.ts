// Agent Trace 0.1.0 records (JSON Lines) for the line ranges we know: what provenance notes,
// git-ai authorship logs and Agent Trace files recorded (`note` evidence with line locations).
// One record per commit (`vcs.revision` = the commit), its files, and per file one conversation per
// (tool, model, session) with contributor type `ai`. Deterministic: the id is a UUIDv8 derived
// from the commit id, the timestamp is the commit's committer date in UTC. Attribution lines the
// hooks removed go into our metadata (`dev.ai-provenance.removed`) of that commit's record.
import type { CommitAudit, Evidence, ToolId } from '../model';
import { mergeRanges, type LineRange } from '../evidence/lineRanges';
import type { ReportWriter } from './writer';
import { isoAutomationLevel } from '../detect/autonomy';

export const AGENT_TRACE_VERSION = '0.1.0';
/** Vendor key for our own metadata (reverse-domain, as the spec asks). */
export const METADATA_KEY = 'dev.ai-provenance';
const MODEL_ID_MAX = 250;

/** A UUID (version 8, RFC 9562) from the first 128 bits of a commit id: stable, and unique per commit. */
export function commitUuid(sha: string): string {
  const hex = sha.toLowerCase().padEnd(32, '0').slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** RFC 3339 in UTC without fractions (`2026-01-02T10:00:00Z`), as the schema's pattern wants. */
export function utcTimestamp(iso: string): string | undefined {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

interface Conversation {
  tool: ToolId;
  model?: string;
  session?: string;
  ranges: LineRange[];
}

const isUrl = (s: string): boolean => /^https?:\/\/[^\s]+$/i.test(s);

/** The Agent Trace record of one commit, or undefined when no line range is known for it. */
export function traceRecord(audit: CommitAudit): Record<string, unknown> | undefined {
  const files = new Map<string, Map<string, Conversation>>();
  const tools = new Set<ToolId>();
  const sessions = new Set<string>();
  const sources = new Set<string>();
  for (const e of audit.evidence) {
    if (e.kind !== 'note') continue;
    for (const l of e.locations ?? []) {
      if (l.line === undefined) continue;
      addRange(files, e, l.file, [l.line, Math.max(l.line, l.endLine ?? l.line)]);
      tools.add(e.tool);
      sources.add(e.signature);
      if (e.session && !isUrl(e.session)) sessions.add(e.session);
    }
  }
  if (!files.size) return undefined;
  const timestamp = utcTimestamp(audit.committerDate) ?? utcTimestamp(audit.date) ?? '1970-01-01T00:00:00Z';
  const [only] = tools;
  const record: Record<string, unknown> = {
    version: AGENT_TRACE_VERSION,
    id: commitUuid(audit.sha),
    timestamp,
    vcs: { type: 'git', revision: audit.sha },
  };
  // The schema requires a version with the name; the AI tool's own version is not known here.
  if (tools.size === 1 && only !== 'unknown-ai') record.tool = { name: only, version: 'unknown' };
  record.files = [...files].map(([path, convs]) => ({
    path,
    conversations: [...convs.values()].map((c) => ({
      ...(c.session && isUrl(c.session) ? { url: c.session } : {}),
      contributor: { type: 'ai', ...(c.model ? { model_id: c.model.slice(0, MODEL_ID_MAX) } : {}) },
      ranges: mergeRanges(c.ranges).map(([start_line, end_line]) => ({ start_line, end_line })),
    })),
  }));
  const meta: Record<string, unknown> = { tools: [...tools].sort(), sources: [...sources].sort() };
  if (sessions.size) meta.sessions = [...sessions].sort();
  if (audit.autonomy) meta.autonomy = audit.autonomy;
  const level = isoAutomationLevel(audit.evidence);
  if (level) meta.isoAutomationLevel = level;
  // Attribution lines the commit hooks removed from this commit's message (its provenance note).
  if (audit.removed?.length) {
    meta.removed = audit.removed.map((r) => ({ line: r.line, action: r.action, class: r.class, mode: r.mode, tool: r.tool, reason: r.reason,
      ...(r.replacedBy?.length ? { replacedBy: r.replacedBy } : {}) }));
  }
  record.metadata = { [METADATA_KEY]: meta };
  return record;
}

function addRange(files: Map<string, Map<string, Conversation>>, e: Evidence, path: string, range: LineRange): void {
  let convs = files.get(path);
  if (!convs) files.set(path, (convs = new Map()));
  const key = `${e.tool}\u0000${e.model ?? ''}\u0000${e.session ?? ''}`;
  let conv = convs.get(key);
  if (!conv) {
    conv = { tool: e.tool, ...(e.model ? { model: e.model } : {}), ...(e.session ? { session: e.session } : {}), ranges: [] };
    convs.set(key, conv);
  }
  conv.ranges.push(range);
}

export class AgentTraceWriter implements ReportWriter {
  readonly mediaType = 'application/jsonl';
  readonly extension = 'jsonl';

  begin(): string {
    return '';
  }

  commit(audit: CommitAudit): string {
    const record = traceRecord(audit);
    return record ? `${JSON.stringify(record)}\n` : '';
  }

  end(): string {
    return '';
  }
}
