// Which recorded evidence backs the commit about to be made: evidence counts for the committed
// changes, not for a file name. A working-log entry's file reference backs when
//   - it carries line digests and one of the commit's added lines of that file has one of them
//     (AI text a human overwrote backs nothing);
//   - else it carries ranges and they meet the file's added lines;
//   - else (file-level) the file has changes in the commit.
// A file whose added lines are unknown (binary, past the byte cap) falls back to file-level.
// Evidence for a file the commit does not change backs nothing and stays recorded. The note gets
// the committed ranges (recomputed from the matching lines when digests were used), never digests.
// Pure: the app layer supplies the digests (hashing is node:crypto) through callbacks.
import type { Evidence, ToolId } from '../model';
import type { EditKind, FileRef, NoteRecord, WorklogEntry } from '../evidence/evidenceSchema';
import { mergeRanges, type LineRange } from '../evidence/lineRanges';
import type { RecordedTool } from '../policy/policy';
import type { StagedFile } from './stagedDiff';
import type { LoggedEntry, Selection } from './worklogSelect';

export interface BackingSources {
  /** Digest of added line `line` of `path` (undefined for lines too short to prove anything). */
  addedDigest(path: string, line: number): string | undefined;
  /** Digests of the lines of `path` still in the work tree (undefined when it cannot be read). */
  worktreeDigests(path: string): ReadonlySet<string> | undefined;
}

/** Where the note's marker records say they come from. */
export const MARKER_SOURCE = 'diff-marker';

interface Group {
  tool: ToolId;
  model?: string;
  session?: string;
  kind?: EditKind;
  detail?: string;
  recorded: string;
  source?: string;
  files: Map<string, FileRef>;
  fileless: boolean;
}

export function selectBacked(entries: readonly LoggedEntry[], staged: readonly StagedFile[], sources: BackingSources): Selection {
  const byPath = new Map(staged.map((f) => [f.path, f]));
  const consumed: string[] = [];
  const remaining: WorklogEntry[] = [];
  const groups = new Map<string, Group>();

  for (const { name, entry } of entries) {
    const inCommit = entry.files.filter((f) => byPath.has(f.path));
    if (entry.files.length > 0 && inCommit.length === 0) continue;
    consumed.push(name);
    const rest: FileRef[] = entry.files.filter((f) => !byPath.has(f.path));
    const backing: FileRef[] = [];
    for (const ref of inCommit) {
      const r = backs(ref, byPath.get(ref.path) as StagedFile, sources);
      if (r.note) backing.push(r.note);
      if (r.rest) rest.push(r.rest);
    }
    if (rest.length > 0) remaining.push({ ...entry, files: rest });
    if (entry.files.length > 0 && backing.length === 0) continue;
    const key = `${entry.tool}\u0000${entry.model ?? ''}\u0000${entry.session ?? ''}\u0000${entry.kind ?? ''}\u0000${entry.detail ?? ''}`;
    const group = groups.get(key) ?? {
      tool: entry.tool, ...(entry.model ? { model: entry.model } : {}), ...(entry.session ? { session: entry.session } : {}),
      ...(entry.kind ? { kind: entry.kind } : {}), ...(entry.detail ? { detail: entry.detail } : {}),
      recorded: entry.time, ...(entry.source ? { source: entry.source } : {}), files: new Map<string, FileRef>(), fileless: false,
    };
    if (entry.files.length === 0) group.fileless = true;
    for (const f of backing) group.files.set(f.path, union(group.files.get(f.path), f));
    groups.set(key, group);
  }

  const note: NoteRecord[] = [...groups.values()].map((g) => ({
    v: 1, tool: g.tool, ...(g.model ? { model: g.model } : {}), ...(g.session ? { session: g.session } : {}),
    ...(g.source ? { source: g.source } : {}), ...(g.kind ? { kind: g.kind } : {}), ...(g.detail ? { detail: g.detail } : {}),
    files: [...g.files.values()].sort((a, b) => a.path.localeCompare(b.path)), recorded: g.recorded,
  }));
  return { recorded: toolsOf(note, 'recorded'), note, consumed, remaining };
}

/** Whether one file reference backs the committed changes of its file; what goes to the note and what stays recorded. */
function backs(ref: FileRef, file: StagedFile, sources: BackingSources): { note?: FileRef; rest?: FileRef } {
  const added = file.added;
  if (!added) return { note: ref.ranges?.length ? { path: ref.path, ranges: mergeRanges(ref.ranges as LineRange[]) } : { path: ref.path } };
  if (ref.digests?.length) {
    const wanted = new Set(ref.digests);
    const matched: number[] = [];
    const found = new Set<string>();
    for (const line of added.keys()) {
      const d = sources.addedDigest(ref.path, line);
      if (d && wanted.has(d)) {
        matched.push(line);
        found.add(d);
      }
    }
    // AI lines not in this commit stay recorded while they are still in the work tree (staged later).
    const missing = ref.digests.filter((d) => !found.has(d));
    const still = missing.length ? sources.worktreeDigests(ref.path) : undefined;
    const keep = still ? missing.filter((d) => still.has(d)) : [];
    return {
      ...(matched.length ? { note: { path: ref.path, ranges: mergeRanges(matched.map((n): LineRange => [n, n])) } } : {}),
      ...(keep.length ? { rest: { path: ref.path, digests: keep } } : {}),
    };
  }
  if (ref.ranges?.length) {
    const meets = ref.ranges.some(([a, b]) => [...added.keys()].some((n) => n >= a && n <= b));
    return meets ? { note: { path: ref.path, ranges: mergeRanges(ref.ranges as LineRange[]) } } : {};
  }
  return { note: { path: ref.path } };
}

function union(a: FileRef | undefined, b: FileRef): FileRef {
  if (!a) return b;
  if (!a.ranges || !b.ranges) return { path: b.path };
  return { path: b.path, ranges: mergeRanges([...a.ranges, ...b.ranges] as LineRange[]) };
}

/** Per tool, for the policy: models and files (with lines) of note records. */
export function toolsOf(note: readonly NoteRecord[], origin: NonNullable<RecordedTool['origin']>): RecordedTool[] {
  const byTool = new Map<ToolId, RecordedTool>();
  for (const r of note) {
    const t = byTool.get(r.tool) ?? { tool: r.tool, models: [], files: [], origin };
    if (r.model && !t.models.includes(r.model)) t.models.push(r.model);
    for (const f of r.files) if (!t.files.includes(f.path)) t.files.push(f.path);
    byTool.set(r.tool, t);
  }
  return [...byTool.values()];
}

/**
 * AI code markers in the added lines (diffMarkers.scanPatch) as note records, one per tool, with
 * `source: diff-marker` and the file and line of each marker.
 */
export function markerRecords(evidence: readonly Evidence[]): NoteRecord[] {
  const byTool = new Map<ToolId, Map<string, FileRef>>();
  for (const e of evidence) {
    if (e.kind !== 'diff') continue;
    const files = byTool.get(e.tool) ?? new Map<string, FileRef>();
    for (const l of e.locations ?? []) {
      if (!l.file) continue;
      const ref: FileRef = l.line === undefined ? { path: l.file } : { path: l.file, ranges: [[l.line, l.endLine ?? l.line]] };
      files.set(l.file, union(files.get(l.file), ref));
    }
    byTool.set(e.tool, files);
  }
  return [...byTool].map(([tool, files]) => ({
    v: 1 as const, tool, source: MARKER_SOURCE, files: [...files.values()].sort((a, b) => a.path.localeCompare(b.path)),
  }));
}
