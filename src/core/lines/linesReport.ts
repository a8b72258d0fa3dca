// From blame groups to line figures: each group of lines blamed on one commit is split by the
// recorded ranges of that commit, classed, and counted under a key (file, directory, tool or
// author). The JSON document of `ai-provenance lines` is built here. Pure.
import {
  LINE_CLASSES, addCounts, aiShare, commitLineClass, countLines, emptyCounts, recordedShare,
  type CommitFacts, type LineClass, type LineCounts,
} from './lineClass';
import type { RecordedBy, RecordedIndex } from './recordedIndex';

export const BY_KEYS = ['file', 'dir', 'tool', 'author'] as const;
export type LinesBy = (typeof BY_KEYS)[number];

/** A group as blame gives it (and the cache keeps it). */
export interface LineGroup {
  sha: string;
  origLine: number;
  finalLine: number;
  count: number;
  origPath: string;
}

/** Lines of one file with one class, commit and recorder. */
export interface LineSegment {
  cls: LineClass;
  count: number;
  /** First line in the file (1-based). */
  finalLine: number;
  /** First line in the blamed commit's version of `origPath`. */
  origLine: number;
  origPath: string;
  sha: string;
  by?: RecordedBy;
}

export interface ClassifyContext {
  facts: ReadonlyMap<string, CommitFacts>;
  recorded: RecordedIndex;
  /** Commits at a shallow clone's boundary: their lines are `unknown`. */
  boundary: ReadonlySet<string>;
}

/** Classes the groups of one file, in blame's order. */
export function classifyGroups(groups: readonly LineGroup[], ctx: ClassifyContext): LineSegment[] {
  const out: LineSegment[] = [];
  for (const g of groups) {
    const facts = ctx.facts.get(g.sha);
    const boundary = ctx.boundary.has(g.sha);
    const plain = commitLineClass(facts, boundary);
    const parts = boundary ? [{ start: g.origLine, count: g.count }] : ctx.recorded.segments(g.sha, g.origPath, g.origLine, g.count);
    for (const p of parts) {
      const seg: LineSegment = {
        cls: p.by ? 'recorded' : plain, count: p.count, finalLine: g.finalLine + (p.start - g.origLine),
        origLine: p.start, origPath: g.origPath, sha: g.sha,
      };
      if (p.by) seg.by = p.by;
      out.push(seg);
    }
  }
  return out;
}

/** The key a segment is counted under. */
export function segmentKey(by: LinesBy, path: string, seg: LineSegment, facts: CommitFacts | undefined): string {
  switch (by) {
    case 'file': return path;
    case 'dir': {
      const slash = path.lastIndexOf('/');
      return slash === -1 ? '.' : path.slice(0, slash);
    }
    case 'tool':
      if (seg.by) return seg.by.tool;
      if (seg.cls === 'unknown' || !facts?.tools.length) return '(none)';
      return facts.tools.join('+');
    case 'author':
      return facts && seg.cls !== 'unknown' ? `${facts.author.name} <${facts.author.email}>` : '(unknown)';
  }
}

export interface LinesGroupRow extends LineCounts {
  key: string;
  /** Files with at least one line under this key. */
  files: number;
  /** (recorded + assistedCommit) / total. */
  aiShare: number;
  recordedShare: number;
}

export class LinesAccumulator {
  private readonly rows = new Map<string, { counts: LineCounts; files: Set<string> }>();
  readonly totals = emptyCounts();
  private fileCount = 0;

  constructor(readonly by: LinesBy, private readonly facts: ReadonlyMap<string, CommitFacts>) {}

  add(path: string, segments: readonly LineSegment[]): LineCounts {
    const fileCounts = emptyCounts();
    this.fileCount++;
    for (const s of segments) {
      countLines(fileCounts, s.cls, s.count);
      const key = segmentKey(this.by, path, s, this.facts.get(s.sha));
      let row = this.rows.get(key);
      if (!row) this.rows.set(key, (row = { counts: emptyCounts(), files: new Set() }));
      countLines(row.counts, s.cls, s.count);
      row.files.add(path);
    }
    addCounts(this.totals, fileCounts);
    return fileCounts;
  }

  get files(): number {
    return this.fileCount;
  }

  /** Rows sorted by total lines (desc), then key; files and directories by path. */
  result(): LinesGroupRow[] {
    const rows = [...this.rows].map(([key, r]) => row(key, r.counts, r.files.size));
    if (this.by === 'file' || this.by === 'dir') return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return rows.sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}

export function row(key: string, c: LineCounts, files: number): LinesGroupRow {
  return { key, files, ...pickCounts(c), aiShare: round(aiShare(c)), recordedShare: round(recordedShare(c)) };
}

function pickCounts(c: LineCounts): LineCounts {
  return Object.fromEntries([['total', c.total], ...LINE_CLASSES.map((k) => [k, c[k]])]) as unknown as LineCounts;
}

/** Shares with 6 decimals: stable text, no float noise. */
export function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Files not counted as code lines, each listed with why. */
export interface ApartFiles {
  binary: { path: string; bytes: number; reason: string }[];
  generated: { path: string; lines: number; reason: string; detail?: string }[];
  skipped: { path: string; reason: string }[];
}

export type LinesTotals = Omit<LinesGroupRow, 'key'>;

/** The figures of a set of lines, without a key. */
export function totalsOf(c: LineCounts, files: number): LinesTotals {
  const { key: _key, ...rest } = row('', c, files);
  return rest;
}

/** The `ai-provenance lines --format json` document. */
export interface LinesDocument extends ApartFiles {
  schemaVersion: 1;
  rev: string;
  by: LinesBy;
  paths: string[];
  detectMoves: boolean;
  totals: LinesTotals;
  groups: LinesGroupRow[];
}

export function linesDocument(meta: { rev: string; by: LinesBy; paths: string[]; detectMoves: boolean }, acc: LinesAccumulator, apart: ApartFiles): LinesDocument {
  return {
    schemaVersion: 1, rev: meta.rev, by: meta.by, paths: meta.paths, detectMoves: meta.detectMoves,
    totals: totalsOf(acc.totals, acc.files),
    groups: acc.result(),
    binary: apart.binary, generated: apart.generated, skipped: apart.skipped,
  };
}
