// The line figures exports carry next to the commit figures (JSON, Markdown/HTML, SARIF and any
// later format such as CycloneDX): the totals of the tree at one revision, the split by tool, how
// many files were listed apart, and for SARIF the recorded line ranges as they stand in that tree.
// Pure.
import * as z from 'zod/mini';
import type { LineSegment, LinesDocument, LinesGroupRow, LinesTotals } from './linesReport';
import type { RecordSource } from './recordedIndex';

export interface LinesSummary {
  /** The commit whose tree was counted. */
  rev: string;
  /** Files counted: all (empty) or under these paths. */
  paths: string[];
  totals: LinesTotals;
  /** One row per tool (the recorded tool, else the commit's tools joined with "+", "(none)"). */
  tools: LinesGroupRow[];
  binaryFiles: number;
  generatedFiles: number;
}

/** A run of recorded lines in the tree at `rev` (final line numbers), for SARIF regions. */
export interface RecordedRegion {
  file: string;
  startLine: number;
  endLine: number;
  /** The commit that recorded them. */
  sha: string;
  tool: string;
  model?: string;
  session?: string;
  source: RecordSource;
}

export function linesSummary(doc: LinesDocument): LinesSummary {
  if (doc.by !== 'tool') throw new Error('linesSummary needs a document grouped by tool');
  return {
    rev: doc.rev, paths: doc.paths, totals: doc.totals, tools: doc.groups,
    binaryFiles: doc.binary.length, generatedFiles: doc.generated.length,
  };
}

/** Recorded segments of one file as regions: consecutive lines of one commit and recorder join. */
export function recordedRegions(file: string, segments: readonly LineSegment[]): RecordedRegion[] {
  const out: RecordedRegion[] = [];
  const sorted = segments.filter((s) => s.cls === 'recorded' && s.by).sort((a, b) => a.finalLine - b.finalLine);
  for (const s of sorted) {
    const by = s.by as NonNullable<LineSegment['by']>;
    const last = out[out.length - 1];
    const end = s.finalLine + s.count - 1;
    if (last && last.file === file && last.sha === s.sha && last.tool === by.tool && last.source === by.source
      && last.model === by.model && last.session === by.session && last.endLine + 1 === s.finalLine) {
      last.endLine = end;
      continue;
    }
    out.push({
      file, startLine: s.finalLine, endLine: end, sha: s.sha, tool: by.tool, source: by.source,
      ...(by.model ? { model: by.model } : {}), ...(by.session ? { session: by.session } : {}),
    });
  }
  return out;
}

const count = z.int().check(z.nonnegative());
const share = z.number().check(z.gte(0), z.lte(1));
const CountsShape = {
  files: count, total: count, recorded: count, assistedCommit: count, unverified: count, none: count, unknown: count,
  aiShare: share, recordedShare: share,
};

/** The `lines` object of the JSON report (export --lines). */
export const LinesSummarySchema = z.strictObject({
  rev: z.string().check(z.regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/)),
  paths: z.array(z.string()),
  totals: z.strictObject(CountsShape),
  tools: z.array(z.strictObject({ key: z.string(), ...CountsShape })),
  binaryFiles: count,
  generatedFiles: count,
});

// Compile-time: the schema describes the type, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same: Same<z.infer<typeof LinesSummarySchema>, LinesSummary> = true;
export const LINES_SCHEMA_MATCHES = same;
