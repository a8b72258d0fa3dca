// The line figures of a range for exports (export --lines; the CycloneDX writer can call it too):
// `lines` over the tree at the range's tip (tipOfRange), grouped by tool, plus — when asked — the
// recorded line ranges as they stand in that tree (SARIF regions).
import { linesSummary, recordedRegions, type LinesSummary, type RecordedRegion } from '../../core/lines/linesSummary';
import type { GitLogger } from '../../git/exec';
import { runLines, tipOfRange } from './lines';

export interface LinesFiguresRequest {
  repo: string;
  /** The range as `git log` takes it (the tip is counted); or `rev`. */
  revs?: string[];
  all?: boolean;
  rev?: string;
  /** Repository-relative paths (as `--path` of audit and export). */
  paths?: string[];
  version: string;
  /** Also return the recorded regions (SARIF). */
  regions?: boolean;
  cache?: boolean;
  signal?: AbortSignal;
  log?: GitLogger;
}

export interface LinesFigures {
  summary: LinesSummary;
  regions: RecordedRegion[];
  notices: string[];
}

export async function linesFigures(req: LinesFiguresRequest): Promise<LinesFigures> {
  const regions: RecordedRegion[] = [];
  const outcome = await runLines({
    repo: req.repo, rev: req.rev ?? tipOfRange(req.revs ?? [], req.all), paths: req.paths ?? [], by: 'tool', detectMoves: false,
    cache: req.cache ?? true, version: req.version,
    ...(req.signal ? { signal: req.signal } : {}), ...(req.log ? { log: req.log } : {}),
    ...(req.regions ? { onFile: (file: string, segments) => void regions.push(...recordedRegions(file, segments)) } : {}),
  });
  return { summary: linesSummary(outcome.document), regions, notices: outcome.notices };
}
