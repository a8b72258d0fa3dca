// Recorded attribution → Evidence: our provenance notes (refs/notes/ai-provenance), git-ai
// authorship logs (refs/notes/ai) and Agent Trace records (.agent-trace/traces.jsonl). Each is a
// tool's own record of which lines an agent wrote, so confidence is high. One evidence per
// record / agent / (tool, model, conversation), with its line ranges as locations. Pure.
import type { Evidence, EvidenceLocation, RemovedAttribution, ToolId } from '../model';
import type { NoteRecord, RemovalRecord } from './evidenceSchema';
import { GIT_AI_NOTES_REF, NOTES_REF } from './evidenceSchema';
import type { GitAiNote } from './gitAiNote';
import { mergeRanges, type LineRange } from './lineRanges';
import { traceAttributions, type TraceRecord } from './agentTrace';

export const AGENT_TRACE_FILE = '.agent-trace/traces.jsonl';

export const NOTE_SIGNATURES = {
  provenance: 'note.ai-provenance',
  gitAi: 'note.git-ai',
  agentTrace: 'note.agent-trace',
  qwen: 'note.qwen-attribution',
  whogitit: 'note.whogitit',
  agentBlame: 'note.agentblame',
} as const;

/** Locations kept per evidence; the detail still says how many files there were. */
export const MAX_LOCATIONS = 50;
const DETAIL_FILES = 5;
const DETAIL_RANGES = 8;

export interface Attributed {
  tool: ToolId;
  /** The tool as the record names it (detail only). */
  name: string;
  model?: string;
  session?: string;
  files: { path: string; ranges?: readonly LineRange[] }[];
  /** Said in the detail when no file is named. */
  empty?: string;
}

function formatRanges(ranges: readonly LineRange[]): string {
  const shown = ranges.slice(0, DETAIL_RANGES).map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`));
  return ranges.length > DETAIL_RANGES ? `${shown.join(',')},…` : shown.join(',');
}

function formatPath(path: string): string {
  return /[\s"]/.test(path) ? JSON.stringify(path) : path;
}

/** `<source>: <tool> [<model>] <file>[:<ranges>] …` */
export function noteDetail(source: string, a: Attributed): string {
  const parts = [`${source}:`, a.name];
  if (a.model) parts.push(a.model);
  for (const f of a.files.slice(0, DETAIL_FILES)) {
    parts.push(f.ranges?.length ? `${formatPath(f.path)}:${formatRanges(f.ranges)}` : formatPath(f.path));
  }
  if (a.files.length > DETAIL_FILES) parts.push(`(+${a.files.length - DETAIL_FILES} more files)`);
  if (!a.files.length && a.empty) parts.push(`(${a.empty})`);
  return parts.join(' ');
}

export function noteLocations(files: Attributed['files']): EvidenceLocation[] {
  const out: EvidenceLocation[] = [];
  for (const f of files) {
    const ranges = f.ranges ? mergeRanges(f.ranges) : [];
    if (!ranges.length) out.push({ file: f.path });
    for (const [a, b] of ranges) out.push(a === b ? { file: f.path, line: a } : { file: f.path, line: a, endLine: b });
    if (out.length >= MAX_LOCATIONS) break;
  }
  return out.slice(0, MAX_LOCATIONS);
}

export function toEvidence(source: string, signature: string, a: Attributed): Evidence {
  const locations = noteLocations(a.files);
  return {
    kind: 'note',
    tool: a.tool,
    ...(a.model ? { model: a.model } : {}),
    confidence: 'high',
    detail: noteDetail(source, a),
    signature,
    ...(a.session ? { session: a.session } : {}),
    ...(locations.length ? { locations } : {}),
  };
}

/** Drops exact repeats (a note concatenated by `notes.rewriteMode`, the same agent twice). */
export function unique(list: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const key = `${e.signature}\u0000${e.tool}\u0000${e.model ?? ''}\u0000${e.session ?? ''}\u0000${e.detail}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Records of one refs/notes/ai-provenance note. */
export function evidenceFromProvenanceRecords(records: readonly NoteRecord[]): Evidence[] {
  return unique(records.map((r) => toEvidence(NOTES_REF, NOTE_SIGNATURES.provenance, {
    tool: r.tool,
    name: r.tool,
    ...(r.model ? { model: r.model } : {}),
    ...(r.session ? { session: r.session } : {}),
    files: r.files.map((f) => ({ path: f.path, ...(f.ranges ? { ranges: f.ranges as LineRange[] } : {}) })),
  })));
}

/**
 * The AI sessions and legacy prompts of one git-ai authorship log that attribute lines (known
 * humans give nothing; an agent the metadata names without a surviving line wrote none of this
 * commit: cdxgen's noteAttributesAi). `ref` names where the log was read (ai-attr writes the same
 * format to refs/notes/ai-attribution).
 */
export function evidenceFromGitAiNote(note: GitAiNote, ref: string = GIT_AI_NOTES_REF): Evidence[] {
  return unique(note.agents.filter((agent) => agent.files.some((f) => f.ranges.length > 0)).map((agent) => {
    const session = agent.agentId ?? agent.key;
    return toEvidence(ref, NOTE_SIGNATURES.gitAi, {
      tool: agent.tool,
      name: agent.agentTool ?? agent.tool,
      ...(agent.model ? { model: agent.model } : {}),
      session,
      files: agent.files.filter((f) => f.ranges.length > 0),
    });
  }));
}

/** The AI (and mixed) ranges of one Agent Trace record; human/unknown ranges give nothing. */
export function evidenceFromTraceRecord(record: TraceRecord, source: string = AGENT_TRACE_FILE): Evidence[] {
  return unique(traceAttributions(record).map((a) => toEvidence(source, NOTE_SIGNATURES.agentTrace, {
    tool: a.tool,
    name: a.toolName ?? a.tool,
    ...(a.model ? { model: a.model } : {}),
    ...(a.session ? { session: a.session } : {}),
    files: a.files,
  })));
}

/** The removal records of one note, as the audit lists them (exact repeats dropped: notes concatenate on amend). */
export function removedFromRecords(records: readonly RemovalRecord[]): RemovedAttribution[] {
  const seen = new Set<string>();
  const out: RemovedAttribution[] = [];
  for (const r of records) {
    const item: RemovedAttribution = {
      line: r.line, action: r.action, reason: r.reason, mode: r.mode, tool: r.tool, class: r.class,
      ...(r.replacedBy?.length ? { replacedBy: r.replacedBy } : {}), policy: r.policy, time: r.time,
    };
    const key = JSON.stringify(item);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}
