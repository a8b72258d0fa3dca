// Which recorded evidence belongs to a commit: working-log entries whose files the commit changes.
// An entry naming no file applies to the next commit. An entry naming several files is split:
// the committed files go into the note, the rest stays recorded for a later commit.
import type { ToolId } from '../model';
import type { EditKind, FileRef, NoteRecord, WorklogEntry } from '../evidence/evidenceSchema';
import type { RecordedTool } from '../policy/policy';

export interface LoggedEntry {
  /** The entry's file name in the working log (what the commit consumes). */
  name: string;
  entry: WorklogEntry;
}

export interface Selection {
  /** Per tool, for the policy: models and files. */
  recorded: RecordedTool[];
  /** The provenance note of the commit (one record per tool/model/session). */
  note: NoteRecord[];
  /** Entry names the commit consumes (deleted once it exists). */
  consumed: string[];
  /** Split-off remainders to record again once the commit exists. */
  remaining: WorklogEntry[];
}

export function selectForCommit(entries: readonly LoggedEntry[], changedFiles: readonly string[]): Selection {
  const changed = new Set(changedFiles);
  const consumed: string[] = [];
  const remaining: WorklogEntry[] = [];
  const groups = new Map<string, { tool: ToolId; model?: string; session?: string; kind?: EditKind; detail?: string; recorded: string; files: Map<string, FileRef> }>();

  for (const { name, entry } of entries) {
    const inCommit = entry.files.length === 0 ? [] : entry.files.filter((f) => changed.has(f.path));
    if (entry.files.length > 0 && inCommit.length === 0) continue;
    consumed.push(name);
    const rest = entry.files.filter((f) => !changed.has(f.path));
    if (entry.files.length > 0 && rest.length > 0) remaining.push({ ...entry, files: rest });
    const key = `${entry.tool}\u0000${entry.model ?? ''}\u0000${entry.session ?? ''}\u0000${entry.kind ?? ''}\u0000${entry.detail ?? ''}`;
    const group = groups.get(key) ?? {
      tool: entry.tool, ...(entry.model ? { model: entry.model } : {}), ...(entry.session ? { session: entry.session } : {}),
      ...(entry.kind ? { kind: entry.kind } : {}), ...(entry.detail ? { detail: entry.detail } : {}),
      recorded: entry.time, files: new Map<string, FileRef>(),
    };
    for (const f of inCommit) group.files.set(f.path, mergeRanges(group.files.get(f.path), f));
    groups.set(key, group);
  }

  const note: NoteRecord[] = [...groups.values()].map((g) => ({
    v: 1, tool: g.tool, ...(g.model ? { model: g.model } : {}), ...(g.session ? { session: g.session } : {}),
    ...(g.kind ? { kind: g.kind } : {}), ...(g.detail ? { detail: g.detail } : {}),
    files: [...g.files.values()].sort((a, b) => a.path.localeCompare(b.path)), recorded: g.recorded,
  }));
  const byTool = new Map<ToolId, RecordedTool>();
  for (const r of note) {
    const t = byTool.get(r.tool) ?? { tool: r.tool, models: [], files: [] };
    if (r.model && !t.models.includes(r.model)) t.models.push(r.model);
    for (const f of r.files) if (!t.files.includes(f.path)) t.files.push(f.path);
    byTool.set(r.tool, t);
  }
  return { recorded: [...byTool.values()], note, consumed, remaining };
}

/** Union of two file references' ranges, merged and sorted; a file without ranges stays whole-file. */
function mergeRanges(a: FileRef | undefined, b: FileRef): FileRef {
  if (!a) return b.ranges ? { path: b.path, ranges: normalize(b.ranges) } : { path: b.path };
  if (!a.ranges || !b.ranges) return { path: b.path };
  return { path: b.path, ranges: normalize([...a.ranges, ...b.ranges]) };
}

function normalize(ranges: readonly (readonly [number, number])[]): [number, number][] {
  const sorted = [...ranges].map(([s, e]) => [s, e] as [number, number]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push(r);
  }
  return out;
}
