// Notes other attribution tools keep, where their format is public, read as `note` evidence of
// the annotated commit. Each reader is pure and never throws: what it cannot read is a problem.
//   refs/notes/ai-attribution  Qwen Code (QwenLM/qwen-code commitAttribution.ts CommitAttributionNote:
//                              JSON {version:1, generator, files:{path:{aiChars,humanChars,percent} or
//                              {aiCharsAdded,aiCharsRemoved,aiCreated,aiContributionPercent}}, summary});
//                              ai-attr writes git-ai authorship logs (authorship/3.x) to the same ref
//   refs/notes/whogitit        whogitit (dotsetlabs/whogitit src/core/attribution.rs AIAttribution:
//                              JSON {version, session:{session_id, model:{id, provider}}, files:[{path,
//                              lines:[{line_number, source:{type:"AI"|"AIModified"|"Human"|"Original"|"Unknown"}}]}]})
//   refs/notes/agentblame      Agent Blame (mesa-dot-dev/agentblame packages/cli/src/lib: v1/v2
//                              {attributions:[{path, start_line|startLine, end_line|endLine, provider, model}]},
//                              v3 {sessions:{id:{agent, model}}, files:{path:{aiRanges:[{sessionId,startLine,endLine}]}}})
//   refs/notes/agent-trace     Agent Trace records (cursor/agent-trace), one JSON object, an array or JSON Lines
import type { Evidence, ToolId } from '../model';
import { familyOfModel, looksLikeModel, toolFromName } from '../detect/identify';
import { mergeRanges, type LineRange } from './lineRanges';
import { GIT_AI_SCHEMA_PREFIX, parseGitAiNote } from './gitAiNote';
import { parseTraces, type TraceRecord } from './agentTrace';
import { NOTE_SIGNATURES, evidenceFromGitAiNote, evidenceFromTraceRecord, toEvidence, unique, type Attributed } from './noteEvidence';

export const QWEN_NOTES_REF = 'refs/notes/ai-attribution';
export const WHOGITIT_NOTES_REF = 'refs/notes/whogitit';
export const AGENTBLAME_NOTES_REF = 'refs/notes/agentblame';
export const AGENT_TRACE_NOTES_REF = 'refs/notes/agent-trace';

export interface PeerNote {
  evidence: Evidence[];
  problems: string[];
}

export interface PeerNoteReader {
  ref: string;
  read(text: string): PeerNote;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const line = (v: unknown): number | undefined => (Number.isInteger(v) && (v as number) > 0 ? (v as number) : undefined);

function parseJson(text: string): { value?: unknown; problem?: string } {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { problem: 'not JSON' };
  }
}

/** A tool from a name a peer writes (`claude`, `cursor-agent`, `Qwen-Coder`, a provider), else from a model. */
function toolOf(name: string | undefined, model: string | undefined): ToolId {
  const named = name ? toolFromName(name.replace(/[_-]+/g, ' ')) : undefined;
  return named ?? (model ? familyOfModel(model) : undefined) ?? 'unknown-ai';
}

function range(a: number | undefined, b: number | undefined): LineRange | undefined {
  if (a === undefined) return undefined;
  const end = b ?? a;
  return a <= end ? [a, end] : [end, a];
}

// ---- Qwen Code (and ai-attr's git-ai logs) on refs/notes/ai-attribution ----------------------

export function readQwenNote(text: string): PeerNote {
  if (text.includes(`"schema_version":"${GIT_AI_SCHEMA_PREFIX}`) || text.includes(`"schema_version": "${GIT_AI_SCHEMA_PREFIX}`)) {
    const parsed = parseGitAiNote(text);
    return { evidence: parsed.note ? evidenceFromGitAiNote(parsed.note, QWEN_NOTES_REF) : [], problems: parsed.problems };
  }
  const { value, problem } = parseJson(text.trim());
  if (problem) return { evidence: [], problems: [problem] };
  if (!isObject(value) || !isObject(value.files)) return { evidence: [], problems: ['not a Qwen Code attribution note (no "files")'] };
  const generator = str(value.generator);
  const files: Attributed['files'] = [];
  for (const [path, detail] of Object.entries(value.files)) {
    if (!isObject(detail) || !path) continue;
    const ai = num(detail.aiChars) > 0 || num(detail.percent) > 0 || num(detail.aiCharsAdded) > 0
      || num(detail.aiContributionPercent) > 0 || detail.aiCreated === true;
    if (ai) files.push({ path });
  }
  if (!files.length) return { evidence: [], problems: [] }; // a note saying "no AI share" attributes nothing
  const summary = isObject(value.summary) ? value.summary : {};
  const share = num(summary.aiPercent) || num(summary.overallAiPercent);
  const model = generator && looksLikeModel(generator) ? generator : undefined;
  const tool = generator ? toolOf(generator, model) : 'qwen';
  const evidence = toEvidence(QWEN_NOTES_REF, NOTE_SIGNATURES.qwen, { tool, name: generator ?? 'qwen', ...(model ? { model } : {}), files });
  return { evidence: [share ? { ...evidence, detail: `${evidence.detail} (${share} % AI)` } : evidence], problems: [] };
}

// ---- whogitit on refs/notes/whogitit -----------------------------------------------------------

const WHOGITIT_AI_SOURCES = new Set(['AI', 'AIModified']);

export function readWhogititNote(text: string): PeerNote {
  const { value, problem } = parseJson(text.trim());
  if (problem) return { evidence: [], problems: [problem] };
  if (!isObject(value) || !Array.isArray(value.files)) return { evidence: [], problems: ['not a whogitit attribution (no "files")'] };
  const session = isObject(value.session) ? value.session : {};
  const modelInfo = isObject(session.model) ? session.model : {};
  const model = str(modelInfo.id);
  const provider = str(modelInfo.provider);
  const files: Attributed['files'] = [];
  for (const f of value.files) {
    if (!isObject(f) || !str(f.path)) continue;
    const ranges: LineRange[] = [];
    for (const l of Array.isArray(f.lines) ? f.lines : []) {
      if (!isObject(l) || !isObject(l.source) || !WHOGITIT_AI_SOURCES.has(l.source.type as string)) continue;
      const r = range(line(l.line_number), undefined);
      if (r) ranges.push(r);
    }
    const summary = isObject(f.summary) ? f.summary : {};
    if (ranges.length) files.push({ path: str(f.path) as string, ranges: mergeRanges(ranges) });
    else if (num(summary.ai_lines) + num(summary.ai_modified_lines) > 0) files.push({ path: str(f.path) as string });
  }
  if (!files.length) return { evidence: [], problems: [] };
  const sessionId = str(session.session_id);
  return {
    evidence: [toEvidence(WHOGITIT_NOTES_REF, NOTE_SIGNATURES.whogitit, {
      tool: toolOf(provider, model), name: provider ?? 'whogitit', ...(model ? { model } : {}), ...(sessionId ? { session: sessionId } : {}), files,
    })],
    problems: [],
  };
}

// ---- Agent Blame on refs/notes/agentblame ------------------------------------------------------

interface BlameGroup {
  tool: ToolId;
  name: string;
  model?: string;
  session?: string;
  files: Map<string, LineRange[]>;
}

function addBlame(groups: Map<string, BlameGroup>, key: string, base: Omit<BlameGroup, 'files'>, path: string, r: LineRange | undefined): void {
  if (!r || !path) return;
  let g = groups.get(key);
  if (!g) groups.set(key, (g = { ...base, files: new Map() }));
  g.files.set(path, [...(g.files.get(path) ?? []), r]);
}

export function readAgentBlameNote(text: string): PeerNote {
  const { value, problem } = parseJson(text.trim());
  if (problem) return { evidence: [], problems: [problem] };
  if (!isObject(value)) return { evidence: [], problems: ['not an Agent Blame note'] };
  const groups = new Map<string, BlameGroup>();
  if (Array.isArray(value.attributions)) { // versions 1 (snake_case) and 2 (camelCase)
    for (const a of value.attributions) {
      if (!isObject(a)) continue;
      const provider = str(a.provider);
      const model = str(a.model);
      const base = { tool: toolOf(provider, model), name: provider ?? 'agentblame', ...(model ? { model } : {}) };
      addBlame(groups, `${provider ?? ''}\u0000${model ?? ''}`, base, str(a.path) ?? '',
        range(line(a.start_line ?? a.startLine), line(a.end_line ?? a.endLine)));
    }
  } else if (isObject(value.files)) { // version 3
    const sessions = isObject(value.sessions) ? value.sessions : {};
    for (const [path, f] of Object.entries(value.files)) {
      if (!isObject(f) || !Array.isArray(f.aiRanges)) continue;
      for (const r of f.aiRanges) {
        if (!isObject(r)) continue;
        const sessionId = str(r.sessionId) ?? '';
        const s = isObject(sessions[sessionId]) ? (sessions[sessionId] as Json) : {};
        const agent = str(s.agent);
        const model = str(s.model);
        const base = { tool: toolOf(agent, model), name: agent ?? 'agentblame', ...(model ? { model } : {}), ...(sessionId ? { session: sessionId } : {}) };
        addBlame(groups, sessionId, base, path, range(line(r.startLine), line(r.endLine)));
      }
    }
  } else {
    return { evidence: [], problems: ['not an Agent Blame note (no "attributions" or "files")'] };
  }
  return {
    evidence: unique([...groups.values()].map((g) => toEvidence(AGENTBLAME_NOTES_REF, NOTE_SIGNATURES.agentBlame, {
      tool: g.tool, name: g.name, ...(g.model ? { model: g.model } : {}), ...(g.session ? { session: g.session } : {}),
      files: [...g.files].map(([path, ranges]) => ({ path, ranges: mergeRanges(ranges) })),
    }))),
    problems: [],
  };
}

// ---- Agent Trace records on refs/notes/agent-trace --------------------------------------------

export function readAgentTraceNote(text: string): PeerNote {
  const trimmed = text.trim();
  let records: TraceRecord[] = [];
  const problems: string[] = [];
  const whole = trimmed.startsWith('[') || (trimmed.startsWith('{') && trimmed.includes('\n')) ? parseJson(trimmed) : {};
  if (whole.value !== undefined) {
    // One pretty-printed record or an array of them: re-serialize each to the JSON Lines reader.
    const parsed = parseTraces((Array.isArray(whole.value) ? whole.value : [whole.value]).map((r) => JSON.stringify(r)).join('\n'));
    records = parsed.records.map((r) => r.record);
    problems.push(...parsed.problems);
  } else {
    const parsed = parseTraces(trimmed);
    records = parsed.records.map((r) => r.record);
    problems.push(...parsed.problems);
  }
  return { evidence: unique(records.flatMap((r) => evidenceFromTraceRecord(r, AGENT_TRACE_NOTES_REF))), problems };
}

/** The peers' note refs, in the order their evidence is reported. */
export const PEER_NOTE_READERS: readonly PeerNoteReader[] = [
  { ref: QWEN_NOTES_REF, read: readQwenNote },
  { ref: WHOGITIT_NOTES_REF, read: readWhogititNote },
  { ref: AGENTBLAME_NOTES_REF, read: readAgentBlameNote },
  { ref: AGENT_TRACE_NOTES_REF, read: readAgentTraceNote },
];
