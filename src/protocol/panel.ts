// The provenance panel's host ⇄ webview protocol: one module, imported by both sides. Every message
// the host receives is validated (the webview is a trust boundary); what the host sends is typed.
import * as z from 'zod/mini';
import type { AuditSummary, CommitAudit, ToolId } from '../core/model';
import { SORT_KEYS, type Query as HistoryQuery, type Row } from '../core/history/historyModel';
import type { CodeListing } from '../core/lines/codeTree';

export type { CodeEntry, CodeListing } from '../core/lines/codeTree';
export type { LineCounts } from '../core/lines/lineClass';

export { DEFAULT_QUERY, SORT_KEYS, toRow, type Row, type SortKey } from '../core/history/historyModel';

export const PANEL_VIEW_TYPE = 'aiProvenance.panel';
export const PAGE_SIZE = 200;

/** The panel exports what `ai-provenance export` does. */
export { EXPORT_FORMATS, type ExportFormat as PanelExportFormat } from '../core/report/writer';
import { EXPORT_FORMATS } from '../core/report/writer';

/** ms since the webview's document started (its performance.now()): where its own time went. */
const docMs = z.optional(z.number().check(z.nonnegative(), z.maximum(1e8)));
const isoDay = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const sha = z.string().check(z.regex(/^[0-9a-f]{40,64}$/));

export const QuerySchema = z.strictObject({
  tools: z.array(z.string().check(z.maxLength(40))).check(z.maxLength(40)),
  verdicts: z.array(z.enum(['assisted', 'unverified', 'none'])).check(z.maxLength(3)),
  author: z.optional(z.string().check(z.maxLength(200))),
  from: z.optional(isoDay),
  to: z.optional(isoDay),
  path: z.optional(z.string().check(z.maxLength(1000))),
  text: z.optional(z.string().check(z.maxLength(500))),
  sort: z.strictObject({ key: z.enum(SORT_KEYS), dir: z.enum(['asc', 'desc']) }),
});
export type Query = z.infer<typeof QuerySchema>;
/** The schema and the model agree (a compile-time check). */
export const QUERY_SHAPE_CHECK: (q: Query) => HistoryQuery = (q) => q;

/** Messages from the webview. */
export const InboundSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready'), at: docMs }),
  z.strictObject({ type: z.literal('query'), query: QuerySchema }),
  z.strictObject({ type: z.literal('range'), requestId: z.int().check(z.nonnegative()), start: z.int().check(z.nonnegative()), count: z.int().check(z.positive(), z.maximum(2000)) }),
  z.strictObject({ type: z.literal('select'), sha }),
  z.strictObject({ type: z.literal('openDiff'), sha }),
  z.strictObject({ type: z.literal('copySha'), sha }),
  z.strictObject({ type: z.literal('fix'), sha }),
  z.strictObject({ type: z.literal('export'), format: z.enum(EXPORT_FORMATS) }),
  z.strictObject({ type: z.literal('changeRepo'), root: z.string().check(z.maxLength(4096)) }),
  z.strictObject({ type: z.literal('chartBucket'), bucket: z.enum(['week', 'month']) }),
  z.strictObject({ type: z.literal('painted'), rows: z.int().check(z.nonnegative()), at: docMs }),
  // the whole history is in (status ready), its rows, facets and charts applied and the frame painted
  z.strictObject({ type: z.literal('loaded'), rows: z.int().check(z.nonnegative()), at: docMs }),
  // the Code view: one directory's entries ('' is the root)
  z.strictObject({ type: z.literal('code'), dir: z.string().check(z.maxLength(4096)) }),
]);
export type Inbound = z.infer<typeof InboundSchema>;

/** Bucket starts (ISO days, oldest first), assisted commits per tool, totals (for the share), unverified. */
export type { Series as ChartSeries } from '../core/history/historyCharts';
import type { Series as ChartSeries } from '../core/history/historyCharts';

export interface DetailPolicy {
  mode: string;
  /** What the policy says about this commit's message ('complies' when nothing). */
  verdict: 'complies' | 'rewrite' | 'reject';
  reasons: string[];
  /** The commit is HEAD, unpushed, and a fix can be computed. */
  fixable: boolean;
}

/** Messages to the webview. */
export type Outbound =
  | { type: 'init'; repos: { root: string; name: string }[]; repo: string; query: Query; trusted: boolean }
  | { type: 'status'; state: 'loading' | 'ready' | 'error'; loaded: number; message?: string }
  | { type: 'summary'; summary: AuditSummary; range?: { first: string; last: string } }
  | { type: 'facets'; tools: ToolId[]; authors: string[] }
  | { type: 'rows'; requestId: number; start: number; total: number; rows: Row[] }
  | { type: 'detail'; sha: string; audit: CommitAudit; policy?: DetailPolicy; note?: string }
  | { type: 'charts'; bucket: 'week' | 'month'; series: ChartSeries; authors: { name: string; commits: number; assisted: number }[] }
  | { type: 'notice'; level: 'info' | 'error'; message: string }
  | { type: 'showTab'; tab: 'history' | 'charts' | 'code' }
  | CodeMessage;

/** The Code view: AI share of the lines at HEAD, one directory at a time. */
export interface CodeMessage {
  type: 'code';
  state: 'loading' | 'ready' | 'error';
  dir: string;
  /** The commit counted (HEAD). */
  rev?: string;
  listing?: CodeListing;
  /** Files listed apart (not counted), in the whole tree. */
  apart?: { binary: number; generated: number };
  progress?: { done: number; total: number };
  message?: string;
}

/** Validates a message from the webview; undefined for anything unexpected. */
export function parseInbound(data: unknown): Inbound | undefined {
  const r = InboundSchema.safeParse(data);
  return r.success ? r.data : undefined;
}
