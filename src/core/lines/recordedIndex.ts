// Line-level records as ranges per commit and path: our provenance notes, git-ai authorship logs
// and Agent Trace records, each in the line numbering of the commit that recorded them (the file
// as committed). A line of today's tree is `recorded` only when blame names that very commit and
// its line number THERE falls in a range — so a recorded line a human later edited is blamed on the
// human's commit and stops being covered. Pure.
import { traceAttributions, type TraceRecord } from '../evidence/agentTrace';
import type { NoteRecord } from '../evidence/evidenceSchema';
import type { GitAiNote } from '../evidence/gitAiNote';
import { mergeRanges, type LineRange } from '../evidence/lineRanges';
import type { ToolId } from '../model';
import { NOTE_SIGNATURES } from '../evidence/noteEvidence';

export type RecordSource = (typeof NOTE_SIGNATURES)[keyof typeof NOTE_SIGNATURES];

/** Who wrote recorded lines, as the record says. */
export interface RecordedBy {
  tool: ToolId;
  model?: string;
  session?: string;
  /** Where the record is kept: note.ai-provenance, note.git-ai or note.agent-trace. */
  source: RecordSource;
  /** What made the record, when it says (`claude-code`, `vscode`, the tool's own name). */
  agent?: string;
}

export interface RecordedFile {
  path: string;
  ranges: readonly LineRange[];
  by: RecordedBy;
}

/** Ranges of one refs/notes/ai-provenance note. */
export function rangesFromProvenanceRecords(records: readonly NoteRecord[]): RecordedFile[] {
  const out: RecordedFile[] = [];
  for (const r of records) {
    const by: RecordedBy = {
      tool: r.tool, source: NOTE_SIGNATURES.provenance,
      ...(r.model ? { model: r.model } : {}), ...(r.session ? { session: r.session } : {}), ...(r.source ? { agent: r.source } : {}),
    };
    for (const f of r.files) if (f.ranges?.length) out.push({ path: f.path, ranges: mergeRanges(f.ranges as LineRange[]), by });
  }
  return out;
}

/** Ranges of one git-ai authorship log (AI sessions and prompts; known humans give none). */
export function rangesFromGitAiNote(note: GitAiNote): RecordedFile[] {
  const out: RecordedFile[] = [];
  for (const a of note.agents) {
    const session = a.agentId ?? a.key;
    const by: RecordedBy = {
      tool: a.tool, source: NOTE_SIGNATURES.gitAi, session,
      ...(a.model ? { model: a.model } : {}), ...(a.agentTool ? { agent: a.agentTool } : {}),
    };
    for (const f of a.files) if (f.ranges.length) out.push({ path: f.path, ranges: f.ranges, by });
  }
  return out;
}

/** AI (and mixed) ranges of one Agent Trace record. */
export function rangesFromTraceRecord(record: TraceRecord): RecordedFile[] {
  const out: RecordedFile[] = [];
  for (const a of traceAttributions(record)) {
    const session = a.session;
    const by: RecordedBy = {
      tool: a.tool, source: NOTE_SIGNATURES.agentTrace,
      ...(a.model ? { model: a.model } : {}), ...(session ? { session } : {}), ...(a.toolName ? { agent: a.toolName } : {}),
    };
    for (const f of a.files) if (f.ranges.length) out.push({ path: f.path, ranges: f.ranges, by });
  }
  return out;
}

/** A run of consecutive lines (in the recording commit's numbering) and who recorded them, if anyone. */
export interface RecordedSegment {
  start: number;
  count: number;
  by?: RecordedBy;
}

interface Span {
  start: number;
  end: number;
  by: RecordedBy;
}

export class RecordedIndex {
  /** sha → path → spans sorted by start, not overlapping (the first record of a line wins). */
  private readonly bySha = new Map<string, Map<string, Span[]>>();

  /** Adds a commit's records; earlier additions win where ranges overlap (notes, git-ai, traces). */
  add(sha: string, files: readonly RecordedFile[]): void {
    let byPath = this.bySha.get(sha);
    for (const f of files) {
      if (!f.ranges.length) continue;
      if (!byPath) this.bySha.set(sha, (byPath = new Map()));
      const spans = byPath.get(f.path) ?? [];
      for (const [a, b] of f.ranges) addSpan(spans, a, b, f.by);
      byPath.set(f.path, spans);
    }
  }

  get size(): number {
    return this.bySha.size;
  }

  has(sha: string): boolean {
    return this.bySha.has(sha);
  }

  /** Commits with records. */
  shas(): IterableIterator<string> {
    return this.bySha.keys();
  }

  /** Who recorded line `line` of `path` in commit `sha`, if anyone. */
  at(sha: string, path: string, line: number): RecordedBy | undefined {
    const spans = this.bySha.get(sha)?.get(path);
    if (!spans) return undefined;
    let lo = 0;
    let hi = spans.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = spans[mid] as Span;
      if (line < s.start) hi = mid - 1;
      else if (line > s.end) lo = mid + 1;
      else return s.by;
    }
    return undefined;
  }

  /** Splits lines start..start+count-1 of `path` in `sha` into recorded and unrecorded runs, in order. */
  segments(sha: string, path: string, start: number, count: number): RecordedSegment[] {
    const spans = this.bySha.get(sha)?.get(path);
    if (!spans || count <= 0) return [{ start, count }];
    const end = start + count - 1;
    const out: RecordedSegment[] = [];
    let at = start;
    for (const s of spans) {
      if (s.end < at) continue;
      if (s.start > end) break;
      if (s.start > at) out.push({ start: at, count: s.start - at });
      const from = Math.max(at, s.start);
      const to = Math.min(end, s.end);
      out.push({ start: from, count: to - from + 1, by: s.by });
      at = to + 1;
      if (at > end) break;
    }
    if (at <= end) out.push({ start: at, count: end - at + 1 });
    return out;
  }
}

/** Inserts [a, b] where no span covers it yet (earlier spans win), keeping spans sorted. */
function addSpan(spans: Span[], a: number, b: number, by: RecordedBy): void {
  const free: [number, number][] = [];
  let at = a;
  for (const s of spans) {
    if (s.end < at) continue;
    if (s.start > b) break;
    if (s.start > at) free.push([at, s.start - 1]);
    at = Math.max(at, s.end + 1);
    if (at > b) break;
  }
  if (at <= b) free.push([at, b]);
  for (const [x, y] of free) spans.push({ start: x, end: y, by });
  spans.sort((p, q) => p.start - q.start);
}
