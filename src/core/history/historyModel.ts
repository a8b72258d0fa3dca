// The provenance panel's history: rows arrive in pages while the audit streams; a query (filters and
// a sort) selects and orders them into an index of row numbers, so the webview asks for windows of
// a virtual list instead of receiving 200,000 rows. Pure: no I/O.
import type { CommitAudit, ToolId, Verdict } from '../model';

/** One row of the history table: just what the table shows. */
export interface Row {
  sha: string;
  date: string;
  author: string;
  subject: string;
  verdict: Verdict;
  tools: ToolId[];
  models: string[];
  evidence: number;
}

export const SORT_KEYS = ['date', 'author', 'subject', 'verdict', 'tools', 'evidence'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** Filters and sort of the history table (validated at the protocol boundary). */
export interface Query {
  tools: string[];
  verdicts: Verdict[];
  author?: string;
  from?: string;
  to?: string;
  path?: string;
  text?: string;
  sort: { key: SortKey; dir: 'asc' | 'desc' };
}

export const DEFAULT_QUERY: Query = { tools: [], verdicts: [], sort: { key: 'date', dir: 'desc' } };

export function toRow(a: CommitAudit): Row {
  return {
    sha: a.sha, date: a.date, author: a.author.name, subject: a.subject, verdict: a.verdict,
    tools: a.tools, models: a.models, evidence: a.evidence.length,
  };
}

const VERDICT_ORDER: Record<Verdict, number> = { assisted: 0, unverified: 1, none: 2 };

export class HistoryModel {
  private readonly rows: Row[] = [];
  private index: Int32Array = new Int32Array(0);
  private indexed = 0;
  private query: Query;
  private readonly toolSet = new Set<ToolId>();
  private readonly authorCounts = new Map<string, number>();
  /** Rows kept by a path filter (set by whoever ran `git log -- path`), or undefined for all. */
  private pathShas?: Set<string>;

  constructor(query: Query) {
    this.query = query;
  }

  get size(): number {
    return this.rows.length;
  }

  /** Rows matching the current query. */
  get total(): number {
    this.sync();
    return this.index.length;
  }

  add(rows: readonly Row[]): void {
    for (const r of rows) {
      this.rows.push(r);
      for (const t of r.tools) this.toolSet.add(t);
      this.authorCounts.set(r.author, (this.authorCounts.get(r.author) ?? 0) + 1);
    }
  }

  setQuery(query: Query, pathShas?: Set<string>): void {
    this.query = query;
    this.pathShas = pathShas;
    this.indexed = -1;
  }

  /** A window of matching rows, in query order. */
  range(start: number, count: number): Row[] {
    this.sync();
    const end = Math.min(this.index.length, start + count);
    const out: Row[] = [];
    for (let i = start; i < end; i++) out.push(this.rows[this.index[i] as number] as Row);
    return out;
  }

  /** Every row matching the current query, in query order. */
  *matching(): IterableIterator<Row> {
    this.sync();
    for (const i of this.index) yield this.rows[i] as Row;
  }

  find(sha: string): Row | undefined {
    return this.rows.find((r) => r.sha === sha);
  }

  facets(): { tools: ToolId[]; authors: string[] } {
    const authors = [...this.authorCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([a]) => a);
    return { tools: [...this.toolSet].sort(), authors: authors.slice(0, 500) };
  }

  /** Rebuilds the index when rows or the query changed (incrementally when only rows were added in date order). */
  private sync(): void {
    if (this.indexed === this.rows.length) return;
    const keep = matcher(this.query, this.pathShas);
    const natural = this.query.sort.key === 'date' && this.query.sort.dir === 'desc';
    if (natural && this.indexed >= 0) {
      // rows arrive newest first (git log order): appending keeps the order
      const grown = new Int32Array(this.index.length + (this.rows.length - this.indexed));
      grown.set(this.index);
      let n = this.index.length;
      for (let i = this.indexed; i < this.rows.length; i++) if (keep(this.rows[i] as Row)) grown[n++] = i;
      this.index = grown.subarray(0, n);
    } else {
      const picked: number[] = [];
      for (let i = 0; i < this.rows.length; i++) if (keep(this.rows[i] as Row)) picked.push(i);
      if (!natural) picked.sort(comparator(this.rows, this.query.sort.key, this.query.sort.dir));
      this.index = Int32Array.from(picked);
    }
    this.indexed = this.rows.length;
  }
}

function matcher(q: Query, pathShas?: Set<string>): (r: Row) => boolean {
  const tools = new Set(q.tools);
  const verdicts = new Set(q.verdicts);
  const author = q.author?.toLowerCase();
  const text = q.text?.trim().toLowerCase();
  const from = q.from;
  const to = q.to;
  return (r) => {
    if (verdicts.size && !verdicts.has(r.verdict)) return false;
    if (tools.size && !r.tools.some((t) => tools.has(t))) return false;
    if (author && !r.author.toLowerCase().includes(author)) return false;
    const day = r.date.slice(0, 10);
    if (from && day < from) return false;
    if (to && day > to) return false;
    if (pathShas && !pathShas.has(r.sha)) return false;
    if (text) {
      const hay = `${r.subject}\u0000${r.sha}\u0000${r.author}\u0000${r.tools.join(' ')}\u0000${r.models.join(' ')}`.toLowerCase();
      if (!hay.includes(text)) return false;
    }
    return true;
  };
}

function comparator(rows: Row[], key: SortKey, dir: 'asc' | 'desc'): (a: number, b: number) => number {
  const sign = dir === 'asc' ? 1 : -1;
  const value = (r: Row): string | number => {
    switch (key) {
      case 'date': return Date.parse(r.date);
      case 'author': return r.author.toLowerCase();
      case 'subject': return r.subject.toLowerCase();
      case 'verdict': return VERDICT_ORDER[r.verdict];
      case 'tools': return r.tools.join(',');
      case 'evidence': return r.evidence;
    }
  };
  // stable: ties keep git log order (row number)
  return (a, b) => {
    const va = value(rows[a] as Row);
    const vb = value(rows[b] as Row);
    return (va < vb ? -1 : va > vb ? 1 : 0) * sign || a - b;
  };
}
