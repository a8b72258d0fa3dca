// Charts as SVG built node by node: assisted share per bucket stacked by tool, assisted vs all commits
// per author, unverified commits over time. Series are told apart by colour AND pattern (legend,
// value labels, <title> tooltips), so they read without colour too.
import type { ChartSeries } from '../protocol/panel';
import { button, el, replace, svg, toggleClass } from './dom';
import { bands, countTicks, linear, stack, stackMax, textWidth, thinLabels, ticks, niceCeil } from './chartMath';
import { bucketLabel, bucketTitle, count, percent } from './format';
import type { Bucket } from './state';

const COLOURS = 6;
const PATTERNS = ['solid', 'diagonal', 'dots', 'horizontal', 'cross'] as const;
const MAX_AUTHORS = 15;
const M = { top: 14, right: 12, bottom: 26, left: 44 };

export interface ChartsData {
  bucket: Bucket;
  series: ChartSeries;
  authors: { name: string; commits: number; assisted: number }[];
}

/** Fill of series k: its colour class and pattern (a local url(#id)). */
function seriesStyle(k: number): { colour: string; pattern: (typeof PATTERNS)[number] } {
  return { colour: `series-${k % COLOURS}`, pattern: PATTERNS[k % PATTERNS.length] as (typeof PATTERNS)[number] };
}

/** A <pattern> with the series colour underneath and its texture on top. */
function patternDef(id: string, k: number): SVGPatternElement {
  const { colour, pattern } = seriesStyle(k);
  const p = svg('pattern', { id, width: 6, height: 6, patternUnits: 'userSpaceOnUse' }, svg('rect', { class: `swatch ${colour}`, width: 6, height: 6 }));
  const tex = (d: string): SVGPathElement => svg('path', { class: 'texture', d });
  if (pattern === 'diagonal') p.appendChild(tex('M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2'));
  else if (pattern === 'horizontal') p.appendChild(tex('M0,1.5 h6 M0,4.5 h6'));
  else if (pattern === 'cross') p.appendChild(tex('M0,0 l6,6 M6,0 l-6,6'));
  else if (pattern === 'dots') p.appendChild(svg('circle', { class: 'texture-dot', cx: 3, cy: 3, r: 1.1 }));
  return p;
}

function emptyState(text: string): HTMLElement {
  return el('p', { class: 'chart-empty' }, text);
}

function yAxis(g: SVGGElement, values: number[], y: (v: number) => number, x0: number, x1: number, label: (v: number) => string): void {
  for (const v of values) {
    const yy = Math.round(y(v)) + 0.5;
    g.appendChild(svg('line', { class: v === 0 ? 'axis' : 'gridline', x1: x0, x2: x1, y1: yy, y2: yy }));
    g.appendChild(svg('text', { class: 'tick', x: x0 - 6, y: yy, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, label(v)));
  }
}

function xLabels(g: SVGGElement, buckets: readonly string[], bucket: Bucket, slots: { x: number; width: number }[], slot: number, y: number): void {
  const sample = bucketLabel(buckets[0] ?? '2000-01-01', bucket);
  for (const i of thinLabels(buckets.length, slot, textWidth(sample) + 10)) {
    const b = slots[i];
    if (!b) continue;
    g.appendChild(svg('text', { class: 'tick', x: b.x + b.width / 2, y, 'text-anchor': 'middle' }, bucketLabel(buckets[i] as string, bucket)));
  }
}

export class ChartsView {
  readonly root: HTMLElement;
  private readonly weekButton: HTMLButtonElement;
  private readonly monthButton: HTMLButtonElement;
  private readonly share: HTMLElement;
  private readonly shareLegend: HTMLElement;
  private readonly authors: HTMLElement;
  private readonly unverified: HTMLElement;
  private readonly titles: { share: HTMLElement; unverified: HTMLElement };
  private data: ChartsData | undefined;
  private bucket: Bucket;
  private frame = 0;
  private lastWidth = 0;

  constructor(bucket: Bucket, private readonly onBucket: (b: Bucket) => void) {
    this.bucket = bucket;
    this.weekButton = button('Week', { class: 'toggle', 'aria-pressed': 'false' }, () => this.pick('week'));
    this.monthButton = button('Month', { class: 'toggle', 'aria-pressed': 'false' }, () => this.pick('month'));
    this.share = el('div', { class: 'chart-body' });
    this.shareLegend = el('ul', { class: 'legend', 'aria-label': 'Tools' });
    this.authors = el('div', { class: 'chart-body' });
    this.unverified = el('div', { class: 'chart-body' });
    this.titles = { share: el('h3'), unverified: el('h3') };
    this.root = el('section', { class: 'charts', 'aria-label': 'Charts' },
      el('div', { class: 'charts-toolbar' }, el('span', { class: 'muted' }, 'Group by'),
        el('div', { class: 'toggle-group', role: 'group', 'aria-label': 'Group by' }, this.weekButton, this.monthButton)),
      el('div', { class: 'chart-card' }, this.titles.share, this.share, this.shareLegend),
      el('div', { class: 'chart-card' }, el('h3', undefined, 'Assisted vs all commits by author'), this.authors),
      el('div', { class: 'chart-card' }, this.titles.unverified, this.unverified));
    new ResizeObserver(() => {
      const w = this.share.clientWidth;
      if (w && w !== this.lastWidth) this.schedule();
    }).observe(this.root);
    this.renderToolbar();
    this.schedule();
  }

  get hasData(): boolean {
    return !!this.data && this.data.bucket === this.bucket;
  }

  get currentBucket(): Bucket {
    return this.bucket;
  }

  set(data: ChartsData): void {
    this.data = data;
    this.bucket = data.bucket;
    this.renderToolbar();
    this.schedule();
  }

  /** Call when the view becomes visible (hidden views have no width to draw in). */
  schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private pick(b: Bucket): void {
    if (b === this.bucket) return;
    this.bucket = b;
    this.renderToolbar();
    this.schedule();
    this.onBucket(b);
  }

  private renderToolbar(): void {
    for (const [b, btn] of [['week', this.weekButton], ['month', this.monthButton]] as const) {
      btn.setAttribute('aria-pressed', String(this.bucket === b));
      toggleClass(btn, 'on', this.bucket === b);
    }
    const per = this.bucket === 'week' ? 'week' : 'month';
    this.titles.share.textContent = `Assisted share per ${per}, by tool`;
    this.titles.unverified.textContent = `Unverified commits per ${per}`;
  }

  private render(): void {
    const width = this.share.clientWidth;
    if (!width) return;
    this.lastWidth = width;
    const d = this.data;
    if (!d || d.bucket !== this.bucket) {
      for (const body of [this.share, this.authors, this.unverified]) replace(body, emptyState(d ? 'Loading…' : 'Charts appear when the audit has data.'));
      replace(this.shareLegend);
      return;
    }
    this.renderShare(d, width);
    this.renderAuthors(d, width);
    this.renderUnverified(d, width);
  }

  private renderShare(d: ChartsData, width: number): void {
    const { buckets, byTool, totals } = d.series;
    replace(this.shareLegend);
    if (!buckets.length) {
      replace(this.share, emptyState('No commits in this range.'));
      return;
    }
    const height = 200;
    const stacks = stack(byTool.map((t) => t.counts), buckets.length, (v, b) => ((totals[b] ?? 0) > 0 ? v / (totals[b] as number) : 0));
    const top = stackMax(stacks);
    const yMax = top > 0 ? niceCeil(top * 100) / 100 : 1;
    const y = linear(yMax, height - M.bottom, M.top);
    const slots = bands(buckets.length, M.left, width - M.left - M.right, 0.25);
    const slot = (width - M.left - M.right) / buckets.length;
    const defs = svg('defs', undefined, byTool.map((_, k) => patternDef(`share-pat-${k}`, k)));
    const g = svg('g');
    yAxis(g, ticks(yMax, 4), y, M.left, width - M.right, (v) => percent(v));
    stacks.forEach((segs, b) => {
      const band = slots[b] as { x: number; width: number };
      const when = bucketTitle(buckets[b] as string, d.bucket);
      const total = totals[b] ?? 0;
      for (const s of segs) {
        const tool = byTool[s.series]?.tool ?? '?';
        const y0 = y(s.from);
        const y1 = y(s.to);
        g.appendChild(svg('rect', { class: 'bar', x: band.x, y: y1, width: band.width, height: Math.max(0.5, y0 - y1), fill: `url(#share-pat-${s.series})` },
          svg('title', undefined, `${when} — ${tool}: ${count(s.value)} of ${count(total)} commits (${percent(s.to - s.from)})`)));
      }
      const last = segs[segs.length - 1];
      if (last && band.width >= 26) {
        g.appendChild(svg('text', { class: 'value', x: band.x + band.width / 2, y: y(last.to) - 3, 'text-anchor': 'middle' }, percent(last.to)));
      }
      if (!segs.length) {
        g.appendChild(svg('rect', { class: 'hit', x: band.x, y: M.top, width: band.width, height: Math.max(0, y(0) - M.top) },
          svg('title', undefined, `${when}: no assisted commits of ${count(total)}`)));
      }
    });
    xLabels(g, buckets, d.bucket, slots, slot, height - 8);
    const label = `Assisted share per ${d.bucket}, ${buckets.length} ${d.bucket}s, stacked by tool`;
    replace(this.share, svg('svg', { class: 'chart', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label }, defs, g),
      top === 0 && el('p', { class: 'chart-note' }, 'No AI-assisted commits in this range.'));
    replace(this.shareLegend, byTool.map((t, k) => {
      const sum = t.counts.reduce((a, b) => a + b, 0);
      return el('li', undefined,
        svg('svg', { class: 'swatch-box', width: 14, height: 14, 'aria-hidden': 'true' }, svg('defs', undefined, patternDef(`legend-pat-${k}`, k)),
          svg('rect', { class: 'bar', x: 0.5, y: 0.5, width: 13, height: 13, fill: `url(#legend-pat-${k})` })),
        el('span', undefined, `${t.tool} `), el('span', { class: 'muted' }, count(sum)));
    }));
  }

  private renderAuthors(d: ChartsData, width: number): void {
    const list = [...d.authors].sort((a, b) => b.commits - a.commits || b.assisted - a.assisted).slice(0, MAX_AUTHORS);
    if (!list.length) {
      replace(this.authors, emptyState('No authors yet.'));
      return;
    }
    const rowH = 22;
    const height = list.length * rowH + 8;
    const labelW = Math.min(180, Math.max(80, Math.round(width * 0.28)));
    const valueW = 120;
    const x0 = labelW + 8;
    const x1 = Math.max(x0 + 40, width - valueW);
    const max = Math.max(1, ...list.map((a) => a.commits));
    const x = linear(max, x0, x1);
    const maxChars = Math.max(6, Math.floor(labelW / 6.6));
    const defs = svg('defs', undefined, patternDef('author-pat', 0));
    const g = svg('g');
    list.forEach((a, i) => {
      const yy = 4 + i * rowH;
      const name = a.name.length > maxChars ? `${a.name.slice(0, maxChars - 1)}…` : a.name;
      const share = a.commits ? a.assisted / a.commits : 0;
      const tip = `${a.name}: ${count(a.assisted)} assisted of ${count(a.commits)} commits (${percent(share)})`;
      g.appendChild(svg('g', { class: 'author-row' },
        svg('title', undefined, tip),
        svg('text', { class: 'tick label', x: labelW, y: yy + rowH / 2, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, name),
        svg('rect', { class: 'bar-total', x: x0, y: yy + 3, width: Math.max(1, x(a.commits) - x0), height: rowH - 6 }),
        a.assisted > 0 && svg('rect', { class: 'bar', x: x0, y: yy + 3, width: Math.max(1, x(a.assisted) - x0), height: rowH - 6, fill: 'url(#author-pat)' }),
        svg('text', { class: 'value', x: x(a.commits) + 6, y: yy + rowH / 2, 'dominant-baseline': 'middle' }, `${count(a.assisted)} / ${count(a.commits)} · ${percent(share)}`)));
    });
    const more = d.authors.length - list.length;
    replace(this.authors,
      svg('svg', { class: 'chart', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `Assisted and total commits of the top ${list.length} authors` }, defs, g),
      el('ul', { class: 'legend' },
        el('li', undefined, svg('svg', { class: 'swatch-box', width: 14, height: 14, 'aria-hidden': 'true' }, svg('defs', undefined, patternDef('author-legend-pat', 0)),
          svg('rect', { class: 'bar', x: 0.5, y: 0.5, width: 13, height: 13, fill: 'url(#author-legend-pat)' })), 'assisted'),
        el('li', undefined, svg('svg', { class: 'swatch-box', width: 14, height: 14, 'aria-hidden': 'true' }, svg('rect', { class: 'bar-total', x: 0.5, y: 0.5, width: 13, height: 13 })), 'all commits'),
        more > 0 && el('li', { class: 'muted' }, `+${count(more)} more authors`)));
  }

  private renderUnverified(d: ChartsData, width: number): void {
    const { buckets, unverified, totals } = d.series;
    if (!buckets.length) {
      replace(this.unverified, emptyState('No commits in this range.'));
      return;
    }
    const height = 150;
    const max = Math.max(0, ...unverified);
    const tickValues = countTicks(max, 3);
    const yMax = tickValues[tickValues.length - 1] || 1;
    const y = linear(yMax, height - M.bottom, M.top);
    const slots = bands(buckets.length, M.left, width - M.left - M.right, 0.3);
    const slot = (width - M.left - M.right) / buckets.length;
    const g = svg('g');
    yAxis(g, tickValues, y, M.left, width - M.right, (v) => count(v));
    buckets.forEach((b, i) => {
      const v = unverified[i] ?? 0;
      const band = slots[i] as { x: number; width: number };
      const tip = `${bucketTitle(b, d.bucket)}: ${count(v)} unverified of ${count(totals[i] ?? 0)} commits`;
      if (v > 0) {
        g.appendChild(svg('rect', { class: 'bar', x: band.x, y: y(v), width: band.width, height: Math.max(0.5, y(0) - y(v)), fill: 'url(#unverified-pat)' }, svg('title', undefined, tip)));
        if (band.width >= 18) g.appendChild(svg('text', { class: 'value', x: band.x + band.width / 2, y: y(v) - 3, 'text-anchor': 'middle' }, count(v)));
      } else {
        g.appendChild(svg('rect', { class: 'hit', x: band.x, y: M.top, width: band.width, height: y(0) - M.top }, svg('title', undefined, tip)));
      }
    });
    xLabels(g, buckets, d.bucket, slots, slot, height - 8);
    const defs = svg('defs', undefined, this.unverifiedPattern());
    replace(this.unverified,
      svg('svg', { class: 'chart', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `Unverified commits per ${d.bucket}` }, defs, g),
      max === 0 && el('p', { class: 'chart-note' }, 'No unverified commits in this range.'));
  }

  private unverifiedPattern(): SVGPatternElement {
    const p = svg('pattern', { id: 'unverified-pat', width: 6, height: 6, patternUnits: 'userSpaceOnUse' },
      svg('rect', { class: 'swatch unverified', width: 6, height: 6 }), svg('path', { class: 'texture', d: 'M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2' }));
    return p;
  }
}
