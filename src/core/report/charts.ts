// Inline SVG charts for the HTML report: pure functions from aggregates to markup. Readable without
// colour: every series also has its own pattern, every bar its number, every chart a text title and
// description; colours come from CSS classes (the report's stylesheet themes them, light and dark).
// Every string from the data is escaped; coordinates are rounded so the output is deterministic.
import type { MonthRow } from './months';
import { showInvisible } from './summaryText';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML/SVG text and attribute values; control characters (invalid in HTML) become
 * U+FFFD, bidi controls and invisible characters are shown as `<U+202E>` (they could reorder a cell).
 */
export function escapeHtml(value: string): string {
  return showInvisible(value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '\ufffd'))
    .replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** A coordinate with at most one decimal, no trailing zeros ("12", "12.5"). */
export function fmt(n: number): string {
  const r = Math.round(n * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}

export interface Series {
  key: 'assisted' | 'unverified' | 'none';
  label: string;
}

export const SERIES: readonly Series[] = [
  { key: 'assisted', label: 'Assisted' },
  { key: 'unverified', label: 'Unverified' },
  { key: 'none', label: 'No AI evidence' },
];

/** Pattern fills: solid, diagonal hatch, dots. `prefix` keeps ids unique within one document. */
function defs(prefix: string): string {
  return '<defs>'
    + `<pattern id="${prefix}-unverified" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">`
    + '<rect class="fill-unverified" width="6" height="6"/><line class="hatch" x1="0" y1="0" x2="0" y2="6"/></pattern>'
    + `<pattern id="${prefix}-none" width="6" height="6" patternUnits="userSpaceOnUse">`
    + '<rect class="fill-none" width="6" height="6"/><circle class="dot" cx="3" cy="3" r="1"/></pattern>'
    + '</defs>';
}

function fillOf(prefix: string, key: Series['key']): string {
  return key === 'assisted' ? 'class="fill-assisted"' : `fill="url(#${prefix}-${key})" class="bar-${key}"`;
}

function legend(prefix: string, x: number, y: number): string {
  return SERIES.map((s, i) => {
    const lx = x + i * 130;
    return `<rect ${fillOf(prefix, s.key)} x="${fmt(lx)}" y="${fmt(y - 10)}" width="12" height="12"/>`
      + `<text class="label" x="${fmt(lx + 17)}" y="${fmt(y)}">${escapeHtml(s.label)}</text>`;
  }).join('');
}

function frame(id: string, width: number, height: number, title: string, desc: string, body: string): string {
  return `<svg class="chart" id="${escapeHtml(id)}" role="img" aria-labelledby="${escapeHtml(id)}-title ${escapeHtml(id)}-desc" `
    + `viewBox="0 0 ${fmt(width)} ${fmt(height)}" width="${fmt(width)}" height="${fmt(height)}">`
    + `<title id="${escapeHtml(id)}-title">${escapeHtml(title)}</title><desc id="${escapeHtml(id)}-desc">${escapeHtml(desc)}</desc>`
    + body + '</svg>';
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** Commits per month as stacked bars: assisted (solid), unverified (hatched), no evidence (dotted). */
export function monthChart(months: readonly MonthRow[], id = 'chart-months'): string {
  const step = 34;
  const barWidth = 24;
  const left = 44;
  const top = 34;
  const plot = 160;
  const width = Math.max(420, left + months.length * step + 16);
  const height = top + plot + 44;
  const max = Math.max(1, ...months.map((m) => m.commits));
  const scale = plot / max;
  const base = top + plot;
  const parts: string[] = [defs(id), legend(id, left, 16)];
  for (const tick of [...new Set([0, Math.round(max / 2), max])]) {
    const y = base - tick * scale;
    parts.push(`<line class="grid" x1="${fmt(left - 4)}" y1="${fmt(y)}" x2="${fmt(width - 8)}" y2="${fmt(y)}"/>`,
      `<text class="tick" x="${fmt(left - 8)}" y="${fmt(y + 4)}" text-anchor="end">${tick}</text>`);
  }
  months.forEach((m, i) => {
    const x = left + i * step + (step - barWidth) / 2;
    let y = base;
    for (const s of SERIES) {
      const value = m[s.key];
      if (value <= 0) continue;
      const h = value * scale;
      y -= h;
      parts.push(`<rect ${fillOf(id, s.key)} x="${fmt(x)}" y="${fmt(y)}" width="${barWidth}" height="${fmt(h)}">`
        + `<title>${escapeHtml(`${m.month}: ${s.label.toLowerCase()} ${value}`)}</title></rect>`);
    }
    const label = m.assisted > 0 ? `${m.assisted}/${m.commits}` : String(m.commits);
    parts.push(`<text class="value" x="${fmt(x + barWidth / 2)}" y="${fmt(y - 4)}" text-anchor="middle">${escapeHtml(label)}</text>`,
      `<text class="tick" x="${fmt(x + barWidth / 2)}" y="${fmt(base + 14)}" text-anchor="end" `
      + `transform="rotate(-45 ${fmt(x + barWidth / 2)} ${fmt(base + 14)})">${escapeHtml(m.month)}</text>`);
  });
  parts.push(`<line class="axis" x1="${fmt(left - 4)}" y1="${fmt(base)}" x2="${fmt(width - 8)}" y2="${fmt(base)}"/>`);
  const desc = months.length
    ? `Commits per month, ${months[0]?.month} to ${months[months.length - 1]?.month}: `
      + months.map((m) => `${m.month} ${m.assisted} assisted, ${m.unverified} unverified, ${m.none} without AI evidence`).join('; ')
    : 'No commits.';
  return frame(id, width, height, 'Commits per month (label: assisted/total)', desc, parts.join(''));
}

/** Commits naming each tool as horizontal bars, with count and share of all commits. */
export function toolChart(tools: readonly { tool: string; commits: number }[], total: number, id = 'chart-tools'): string {
  const row = 24;
  const left = 110;
  const plot = 300;
  const width = left + plot + 110;
  const height = Math.max(1, tools.length) * row + 16;
  const max = Math.max(1, ...tools.map((t) => t.commits));
  const parts: string[] = [];
  tools.forEach((t, i) => {
    const y = 8 + i * row;
    const w = Math.max(1, (t.commits / max) * plot);
    const share = total > 0 ? ((t.commits / total) * 100).toFixed(1) : '0.0';
    parts.push(`<text class="label" x="${left - 8}" y="${fmt(y + 15)}" text-anchor="end">${escapeHtml(t.tool)}</text>`,
      `<rect class="fill-assisted" x="${left}" y="${fmt(y + 3)}" width="${fmt(w)}" height="16"><title>${escapeHtml(`${t.tool}: ${plural(t.commits, 'commit', 'commits')}`)}</title></rect>`,
      `<text class="value" x="${fmt(left + w + 6)}" y="${fmt(y + 15)}">${escapeHtml(`${t.commits} (${share} %)`)}</text>`);
  });
  if (!tools.length) parts.push(`<text class="label" x="8" y="20">${escapeHtml('No AI tools named.')}</text>`);
  const desc = tools.length ? tools.map((t) => `${t.tool}: ${plural(t.commits, 'commit', 'commits')}`).join('; ') : 'No AI tools named.';
  return frame(id, width, height, 'Commits per tool', desc, parts.join(''));
}

/** One stacked bar of all commits by verdict, each segment labelled with its count and share. */
export function verdictChart(counts: { assisted: number; unverified: number; none: number }, id = 'chart-verdicts'): string {
  const width = 520;
  const left = 8;
  const plot = width - 16;
  const total = counts.assisted + counts.unverified + counts.none;
  const parts: string[] = [defs(id), legend(id, left, 16)];
  let x = left;
  for (const s of SERIES) {
    const value = counts[s.key];
    if (value <= 0 || total === 0) continue;
    const w = (value / total) * plot;
    parts.push(`<rect ${fillOf(id, s.key)} x="${fmt(x)}" y="28" width="${fmt(w)}" height="28">`
      + `<title>${escapeHtml(`${s.label}: ${value}`)}</title></rect>`);
    if (w >= 36) {
      parts.push(`<text class="value on-bar" x="${fmt(x + w / 2)}" y="47" text-anchor="middle">${value}</text>`);
    }
    x += w;
  }
  const pct = (n: number): string => (total > 0 ? ((n / total) * 100).toFixed(1) : '0.0');
  const caption = SERIES.map((s) => `${s.label} ${counts[s.key]} (${pct(counts[s.key])} %)`).join(' · ');
  parts.push(`<text class="label" x="${left}" y="76">${escapeHtml(caption)}</text>`);
  return frame(id, width, 86, 'Commits by verdict', `${plural(total, 'commit', 'commits')}: ${caption}`, parts.join(''));
}
