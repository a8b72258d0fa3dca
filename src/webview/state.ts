// The VS Code webview API and the panel's persisted state (query, selection, tab, chart bucket):
// restored when the panel is reloaded, validated like any other untrusted input.
import { DEFAULT_QUERY, QuerySchema, type Inbound, type Query } from '../protocol/panel';
import type { CodeSort } from './code';

export interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare global {
  function acquireVsCodeApi(): VsCodeApi;
}

export type Tab = 'history' | 'charts' | 'code';
export const TABS: readonly Tab[] = ['history', 'charts', 'code'];
export type Bucket = 'week' | 'month';

export interface Persisted {
  v: 1;
  query: Query;
  repo?: string;
  selectedSha?: string;
  selectedIndex?: number;
  scrollTop?: number;
  tab: Tab;
  bucket: Bucket;
  detailOpen: boolean;
  /** The Code view's directory ('' is the root) and sort. */
  codeDir?: string;
  codeSort?: CodeSort;
}

const SHA = /^[0-9a-f]{40,64}$/;

export function cloneQuery(q: Query): Query {
  return { ...q, tools: [...q.tools], verdicts: [...q.verdicts], sort: { ...q.sort } };
}

/** Drops empty optional fields (the host treats '' and absent alike, the schema needs no ''). */
export function normalizeQuery(q: Query): Query {
  const out: Query = { tools: [...new Set(q.tools)].slice(0, 40), verdicts: [...new Set(q.verdicts)], sort: { ...q.sort } };
  for (const k of ['author', 'from', 'to', 'path', 'text'] as const) {
    const v = q[k]?.trim();
    if (v) out[k] = v;
  }
  return out;
}

export function sameQuery(a: Query, b: Query): boolean {
  return JSON.stringify(normalizeQuery(a)) === JSON.stringify(normalizeQuery(b));
}

/** A persisted state from getState(), or undefined when absent or malformed. */
export function restore(raw: unknown): Persisted | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const s = raw as Record<string, unknown>;
  if (s.v !== 1) return undefined;
  const q = QuerySchema.safeParse(s.query);
  if (!q.success) return undefined;
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);
  const sha = str(s.selectedSha);
  return {
    v: 1,
    query: normalizeQuery(q.data),
    repo: str(s.repo),
    selectedSha: sha && SHA.test(sha) ? sha : undefined,
    selectedIndex: int(s.selectedIndex),
    scrollTop: int(s.scrollTop),
    tab: TABS.includes(s.tab as Tab) ? s.tab as Tab : 'history',
    bucket: s.bucket === 'month' ? 'month' : 'week',
    detailOpen: s.detailOpen !== false,
    ...(typeof s.codeDir === 'string' && s.codeDir.length <= 4096 ? { codeDir: s.codeDir } : {}),
    ...(codeSort(s.codeSort) ? { codeSort: codeSort(s.codeSort) } : {}),
  };
}

function codeSort(v: unknown): CodeSort | undefined {
  const s = v as Partial<CodeSort> | undefined;
  return s && ['name', 'lines', 'share'].includes(s.key as string) && (s.dir === 'asc' || s.dir === 'desc') ? { key: s.key as CodeSort['key'], dir: s.dir } : undefined;
}

export function defaults(): Persisted {
  return { v: 1, query: cloneQuery(DEFAULT_QUERY), tab: 'history', bucket: 'week', detailOpen: true };
}

/** Typed messaging and throttled persistence around acquireVsCodeApi(). */
export class Host {
  private readonly api: VsCodeApi;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.api = acquireVsCodeApi();
  }

  post(message: Inbound): void {
    this.api.postMessage(message);
  }

  load(): Persisted | undefined {
    try {
      return restore(this.api.getState());
    } catch {
      return undefined;
    }
  }

  /** Saves soon (scrolling calls this on every frame). */
  save(get: () => Persisted, immediate = false): void {
    if (immediate) {
      if (this.saveTimer !== undefined) clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      this.api.setState(get());
      return;
    }
    if (this.saveTimer !== undefined) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.api.setState(get());
    }, 200);
  }
}
