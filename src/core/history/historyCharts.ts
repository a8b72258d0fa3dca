// Chart data for the provenance panel, from history rows: assisted commits per week or month
// stacked by tool (with the totals for the share), unverified commits per bucket, and a per-author
// breakdown. Pure and deterministic; the webview only draws.
import type { Row } from './historyModel';
import type { ToolId } from '../model';

export type Bucket = 'week' | 'month';

export interface Series {
  buckets: string[];
  byTool: { tool: ToolId; counts: number[] }[];
  totals: number[];
  unverified: number[];
}

/** The bucket a commit's (author-local) day falls in: Monday of its ISO week, or the 1st of its month. */
export function bucketOf(day: string, bucket: Bucket): string {
  if (bucket === 'month') return `${day.slice(0, 7)}-01`;
  const t = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  const weekday = (new Date(t).getUTCDay() + 6) % 7; // Monday = 0
  return new Date(t - weekday * 86_400_000).toISOString().slice(0, 10);
}

/** Every bucket from the first to the last (gaps included), oldest first. */
function span(first: string, last: string, bucket: Bucket): string[] {
  const out: string[] = [];
  let cur = first;
  for (let guard = 0; cur <= last && guard < 5000; guard++) {
    out.push(cur);
    const d = new Date(`${cur}T00:00:00Z`);
    if (bucket === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
    else d.setUTCDate(d.getUTCDate() + 7);
    cur = d.toISOString().slice(0, 10);
  }
  return out;
}

export function chartSeries(rows: Iterable<Row>, bucket: Bucket): Series {
  const totals = new Map<string, number>();
  const unverified = new Map<string, number>();
  const perTool = new Map<ToolId, Map<string, number>>();
  let first = '';
  let last = '';
  for (const r of rows) {
    const b = bucketOf(r.date.slice(0, 10), bucket);
    if (!first || b < first) first = b;
    if (!last || b > last) last = b;
    totals.set(b, (totals.get(b) ?? 0) + 1);
    if (r.verdict === 'unverified') unverified.set(b, (unverified.get(b) ?? 0) + 1);
    if (r.verdict !== 'assisted') continue;
    for (const t of r.tools) {
      const m = perTool.get(t) ?? new Map<string, number>();
      m.set(b, (m.get(b) ?? 0) + 1);
      perTool.set(t, m);
    }
  }
  const buckets = first ? span(first, last, bucket) : [];
  const at = (m: Map<string, number>): number[] => buckets.map((b) => m.get(b) ?? 0);
  const byTool = [...perTool].map(([tool, m]) => ({ tool, counts: at(m) }))
    .sort((a, b) => sum(b.counts) - sum(a.counts) || (a.tool < b.tool ? -1 : 1));
  return { buckets, byTool, totals: at(totals), unverified: at(unverified) };
}

export function authorBreakdown(rows: Iterable<Row>, limit = 15): { name: string; commits: number; assisted: number }[] {
  const by = new Map<string, { name: string; commits: number; assisted: number }>();
  for (const r of rows) {
    const a = by.get(r.author) ?? { name: r.author, commits: 0, assisted: 0 };
    a.commits++;
    if (r.verdict === 'assisted') a.assisted++;
    by.set(r.author, a);
  }
  return [...by.values()].sort((a, b) => b.assisted - a.assisted || b.commits - a.commits || (a.name < b.name ? -1 : 1)).slice(0, limit);
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
