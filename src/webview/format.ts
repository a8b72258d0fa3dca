// Pure text formatting for the panel: dates, numbers, verdicts. No DOM, testable in Node.
import type { Confidence, EvidenceKind, Verdict } from '../core/model';

/** The calendar day of an ISO 8601 timestamp as written (the author's own day): YYYY-MM-DD. */
export function day(iso: string | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(iso);
  return m ? (m[1] as string) : '';
}

/** "2025-03-04 13:05 +01:00" from a strict ISO timestamp (no clock, no locale: as written by git). */
export function dateTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso);
  if (!m) return iso;
  const zone = m[3] === undefined ? '' : m[3] === 'Z' ? ' UTC' : ` ${m[3]}`;
  return `${m[1]} ${m[2]}${zone}`;
}

/** 12345 → "12,345" (fixed grouping so screenshots and tests do not depend on the locale). */
export function count(n: number): string {
  const s = String(Math.round(Math.abs(n)));
  const grouped = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${grouped}` : grouped;
}

/** 0.2345 → "23.5%"; whole numbers lose the decimal; tiny non-zero shares show "<0.1%". */
export function percent(share: number): string {
  if (!Number.isFinite(share) || share <= 0) return '0%';
  if (share >= 1) return '100%';
  const p = share * 100;
  if (p < 0.1) return '<0.1%';
  const r = Math.round(p * 10) / 10;
  return Number.isInteger(r) ? `${r}%` : `${r.toFixed(1)}%`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

export function shortSha(sha: string): string {
  return sha.slice(0, 8);
}

export const VERDICT_GLYPH: Record<Verdict, string> = { assisted: '●', unverified: '◐', none: '○' };
export const VERDICT_LABEL: Record<Verdict, string> = { assisted: 'assisted', unverified: 'unverified', none: 'none' };
/** Longer wording for the detail pane and tooltips. */
export const VERDICT_TITLE: Record<Verdict, string> = {
  assisted: 'AI-assisted: attribution or evidence names a tool',
  unverified: 'Unverified: weak evidence only (e.g. a sticky co-author trailer)',
  none: 'No AI evidence',
};

export function verdictText(v: Verdict): string {
  return `${VERDICT_GLYPH[v]} ${VERDICT_LABEL[v]}`;
}

export const KIND_TITLE: Record<EvidenceKind, string> = {
  trailer: 'Trailers',
  author: 'Author identity',
  committer: 'Committer identity',
  message: 'Message lines',
  diff: 'Diff markers',
  note: 'Notes',
  branch: 'Agent branch (merge)',
};

export const CONFIDENCE_GLYPH: Record<Confidence, string> = { high: '▲', medium: '◆', low: '▽' };

/** "src/a.ts:12–20", "src/a.ts:12" or "src/a.ts". */
export function location(l: { file: string; line?: number; endLine?: number }): string {
  if (l.line === undefined) return l.file;
  if (l.endLine !== undefined && l.endLine !== l.line) return `${l.file}:${l.line}–${l.endLine}`;
  return `${l.file}:${l.line}`;
}

/** Short human label of a bucket start for axis ticks: "2025-03" for months, "03-04" for weeks. */
export function bucketLabel(iso: string, bucket: 'week' | 'month', withYear = false): string {
  const d = day(iso) || iso;
  if (bucket === 'month') return d.slice(0, 7);
  return withYear ? d : d.slice(5);
}

/** Longer bucket description for tooltips. */
export function bucketTitle(iso: string, bucket: 'week' | 'month'): string {
  const d = day(iso) || iso;
  return bucket === 'month' ? `month ${d.slice(0, 7)}` : `week of ${d}`;
}
