// The virtualized history grid: a scroll container whose body is as tall as all matching rows; only
// the visible window (± overscan) exists in the DOM, recycled from a pool. Rows come from RowCache;
// missing windows are asked for through `need` (throttled while scrolling fast).
import type { Row, SortKey } from '../protocol/panel';
import type { Verdict } from '../core/model';
import { button, chip, el, replace, setText, toggleClass } from './dom';
import { day, VERDICT_GLYPH, VERDICT_LABEL, VERDICT_TITLE } from './format';
import type { RowCache } from './rowCache';
import { layout, navigate, pageRows, scrollTopFor, visibleWindow } from './virtual';

export const ROW_HEIGHT = 24;
const OVERSCAN = 16;
const NEED_INTERVAL_MS = 60;
const MAX_CHIPS = 3;

type Dir = 'asc' | 'desc';
interface Column { key: SortKey; label: string; cls: string; dir: Dir }

const COLUMNS: Column[] = [
  { key: 'date', label: 'Date', cls: 'c-date', dir: 'desc' },
  { key: 'author', label: 'Author', cls: 'c-author', dir: 'asc' },
  { key: 'subject', label: 'Subject', cls: 'c-subject', dir: 'asc' },
  { key: 'verdict', label: 'Verdict', cls: 'c-verdict', dir: 'asc' },
  { key: 'tools', label: 'Tools · models', cls: 'c-tools', dir: 'asc' },
  { key: 'evidence', label: 'Evidence', cls: 'c-evidence', dir: 'desc' },
];

export interface TableEvents {
  sort(sort: { key: SortKey; dir: Dir }): void;
  select(sha: string, index: number): void;
  open(sha: string): void;
  need(blocks: { start: number; count: number }[]): void;
  painted(rows: number): void;
  scrolled(): void;
  clearFilters(): void;
}

interface RowView {
  el: HTMLDivElement;
  cells: HTMLDivElement[];
  row?: Row;
  index: number;
  /** What the verdict and tools cells show (skip rebuilding them when unchanged). */
  verdict?: string;
  tools?: string;
}

export function safeVerdict(v: unknown): Verdict {
  return v === 'assisted' || v === 'unverified' ? v : 'none';
}

export class HistoryTable {
  /** The grid and, beside it (not inside: a grid owns rows only), the empty-state overlay. */
  readonly root: HTMLDivElement;
  private readonly grid: HTMLDivElement;
  private readonly headerCells: HTMLDivElement[] = [];
  private readonly header: HTMLDivElement;
  private readonly body: HTMLDivElement;
  private readonly win: HTMLDivElement;
  private readonly empty: HTMLDivElement;
  private readonly pool: RowView[] = [];
  private frame = 0;
  private needTimer: ReturnType<typeof setTimeout> | undefined;
  private lastNeed = 0;
  private paintedSent = false;
  private bodyHeight = -1;
  private sortState: { key: SortKey; dir: Dir } = { key: 'date', dir: 'desc' };
  private emptyText = 'Loading history…';
  private emptyAction = false;
  selectedIndex = -1;
  selectedSha: string | undefined;
  /** The selected index has no row yet (keyboard jump past the cache): select it when it arrives. */
  private awaitingIndex = false;
  private shown = { first: 0, end: 0 };
  /** Index to scroll to once rows exist (restored state). */
  private pendingScroll: number | undefined;

  constructor(private readonly cache: RowCache<Row>, private readonly events: TableEvents) {
    this.header = el('div', { class: 'grid-header', role: 'row', 'aria-rowindex': 1 });
    for (const c of COLUMNS) {
      const arrow = el('span', { class: 'sort-arrow codicon', 'aria-hidden': 'true' });
      const b = button([c.label, arrow], { class: 'sort-button', title: `Sort by ${c.label.toLowerCase()}` }, () => this.toggleSort(c));
      const cell = el('div', { class: `cell ${c.cls}`, role: 'columnheader', 'aria-sort': 'none', 'data-key': c.key }, b);
      this.headerCells.push(cell);
      this.header.appendChild(cell);
    }
    this.win = el('div', { class: 'grid-window' });
    this.body = el('div', { class: 'grid-body', role: 'rowgroup' }, this.win);
    this.empty = el('div', { class: 'grid-empty', role: 'status' });
    this.grid = el('div', {
      class: 'grid', role: 'grid', tabindex: 0, 'aria-label': 'Commit history', 'aria-rowcount': 1,
      'aria-colcount': COLUMNS.length, 'aria-readonly': 'true', 'aria-multiselectable': 'false',
    }, el('div', { class: 'grid-head', role: 'rowgroup' }, this.header), this.body);
    this.root = el('div', { class: 'grid-wrap' }, this.grid, this.empty);

    this.grid.addEventListener('scroll', () => {
      this.schedule();
      this.events.scrolled();
    }, { passive: true });
    this.grid.addEventListener('keydown', (e) => this.onKey(e));
    this.win.addEventListener('mousedown', (e) => {
      const v = this.viewAt(e.target);
      if (!v || e.button !== 0) return;
      this.select(v.index, false); // the grid takes focus itself (tabindex), without a keyboard focus ring
    });
    this.win.addEventListener('dblclick', (e) => {
      const v = this.viewAt(e.target);
      if (v?.row) this.events.open(v.row.sha);
    });
    new ResizeObserver(() => this.schedule()).observe(this.grid);
    this.updateSortHeaders();
  }

  setSort(sort: { key: SortKey; dir: Dir }): void {
    this.sortState = { ...sort };
    this.updateSortHeaders();
  }

  /** Text (and a clear-filters action) shown when there are no rows to show. */
  setEmpty(text: string, action: boolean): void {
    this.emptyText = text;
    this.emptyAction = action;
    this.schedule();
  }

  /** A new query: back to the top, the selected commit is looked for again. */
  resetScroll(): void {
    this.grid.scrollTop = 0;
    this.selectedIndex = -1;
    this.awaitingIndex = false;
    this.schedule();
  }

  restoreSelection(sha: string | undefined, scrollTop: number | undefined): void {
    this.selectedSha = sha;
    this.selectedIndex = -1;
    this.awaitingIndex = false;
    this.pendingScroll = scrollTop !== undefined && scrollTop > 0 ? scrollTop : undefined;
  }

  /** The rows in the viewport at the last render. */
  get visible(): { first: number; end: number } {
    return this.shown;
  }

  get scrollTop(): number {
    return Math.round(this.grid.scrollTop);
  }

  /** Rows arrived (or the total changed). */
  refresh(): void {
    this.schedule();
  }

  /** Selected row when the host pushes a detail (e.g. a command opened the panel on a commit). */
  adopt(sha: string): void {
    if (this.selectedSha === sha) return;
    this.selectedSha = sha;
    this.selectedIndex = -1;
    this.awaitingIndex = false;
    this.schedule();
  }

  focus(): void {
    this.grid.focus({ preventScroll: true });
  }

  private viewAt(target: EventTarget | null): RowView | undefined {
    const rowEl = target instanceof Element ? target.closest('.grid-row') : null;
    return rowEl ? this.pool.find((v) => v.el === rowEl) : undefined;
  }

  private toggleSort(c: Column): void {
    const dir: Dir = this.sortState.key === c.key ? (this.sortState.dir === 'asc' ? 'desc' : 'asc') : c.dir;
    this.setSort({ key: c.key, dir });
    this.events.sort({ key: c.key, dir });
  }

  private updateSortHeaders(): void {
    COLUMNS.forEach((c, i) => {
      const cell = this.headerCells[i] as HTMLDivElement;
      const active = this.sortState.key === c.key;
      cell.setAttribute('aria-sort', active ? (this.sortState.dir === 'asc' ? 'ascending' : 'descending') : 'none');
      toggleClass(cell, 'sorted', active);
      const arrow = cell.querySelector('.sort-arrow');
      if (arrow) {
        toggleClass(arrow, 'codicon-arrow-up', active && this.sortState.dir === 'asc');
        toggleClass(arrow, 'codicon-arrow-down', active && this.sortState.dir === 'desc');
      }
    });
  }

  private viewport(): number {
    return Math.max(ROW_HEIGHT, this.grid.clientHeight - this.header.offsetHeight);
  }

  private onKey(e: KeyboardEvent): void {
    if (e.target !== this.grid || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'Enter') {
      const sha = this.selectedSha;
      if (sha) {
        e.preventDefault();
        this.events.open(sha);
      }
      return;
    }
    const next = navigate(e.key, this.selectedIndex, this.cache.total, pageRows(this.viewport(), ROW_HEIGHT));
    if (next === undefined) return;
    e.preventDefault();
    this.select(next, true);
  }

  /** Selects row `index` (scrolling it into view when asked); the host is told once the row is loaded. */
  select(index: number, reveal: boolean): void {
    this.selectedIndex = index;
    const row = this.cache.get(index);
    this.awaitingIndex = !row;
    if (row && row.sha !== this.selectedSha) {
      this.selectedSha = row.sha;
      this.events.select(row.sha, index);
    }
    if (reveal) {
      const top = scrollTopFor(index, this.grid.scrollTop, this.viewport(), this.cache.total, ROW_HEIGHT);
      if (Math.abs(top - this.grid.scrollTop) >= 1) this.grid.scrollTop = top;
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    const total = this.cache.total;
    this.grid.setAttribute('aria-rowcount', String(total + 1));
    const vh = this.viewport();
    const { bodyHeight } = layout(total, ROW_HEIGHT, vh);
    if (bodyHeight !== this.bodyHeight) {
      this.bodyHeight = bodyHeight;
      this.body.style.height = `${bodyHeight}px`;
    }
    if (this.pendingScroll !== undefined && total > 0) {
      this.grid.scrollTop = this.pendingScroll;
      this.pendingScroll = undefined;
    }
    const w = visibleWindow(this.grid.scrollTop, vh, total, ROW_HEIGHT, OVERSCAN);
    this.shown = { first: w.visibleFirst, end: w.visibleEnd };
    this.win.style.transform = `translateY(${Math.round(w.offset)}px)`;
    const n = w.end - w.first;
    while (this.pool.length < n) this.pool.push(this.makeRow());
    let real = 0;
    let active: string | undefined;
    for (let k = 0; k < this.pool.length; k++) {
      const v = this.pool[k] as RowView;
      if (k >= n) {
        if (v.el.parentNode) v.el.remove();
        v.row = undefined;
        continue;
      }
      if (!v.el.parentNode) this.win.appendChild(v.el);
      const i = w.first + k;
      this.fill(v, i);
      if (v.row && i >= w.visibleFirst && i < w.visibleEnd) real++;
      if (i === this.selectedIndex) active = v.el.id;
    }
    if (active) this.grid.setAttribute('aria-activedescendant', active);
    else this.grid.removeAttribute('aria-activedescendant');
    this.renderEmpty(total);
    this.requestMissing(w.first, w.end);
    if (real > 0 && !this.paintedSent && !this.cache.isStale()) {
      this.paintedSent = true;
      this.events.painted(real);
    }
  }

  private renderEmpty(total: number): void {
    const show = total === 0;
    toggleClass(this.empty, 'shown', show);
    if (!show) return;
    if (this.empty.dataset.text === this.emptyText && this.empty.dataset.action === String(this.emptyAction)) return;
    this.empty.dataset.text = this.emptyText;
    this.empty.dataset.action = String(this.emptyAction);
    replace(this.empty, el('p', undefined, this.emptyText),
      this.emptyAction && button('Clear filters', { class: 'secondary' }, () => this.events.clearFilters()));
  }

  private requestMissing(first: number, end: number): void {
    const now = performance.now();
    const wait = NEED_INTERVAL_MS - (now - this.lastNeed);
    if (wait > 0) {
      if (this.needTimer === undefined) this.needTimer = setTimeout(() => { this.needTimer = undefined; this.schedule(); }, wait);
      return;
    }
    const blocks = this.cache.missing(first, end);
    if (!blocks.length) return;
    this.lastNeed = now;
    this.events.need(blocks);
  }

  private makeRow(): RowView {
    const cells = COLUMNS.map((c) => el('div', { class: `cell ${c.cls}`, role: 'gridcell' }));
    const id = `grid-row-${this.pool.length}`;
    const rowEl = el('div', { class: 'grid-row', role: 'row', id, 'aria-selected': 'false' }, cells);
    return { el: rowEl, cells, index: -1 };
  }

  private fill(v: RowView, i: number): void {
    const stale = this.cache.isStale();
    const row = this.cache.get(i) ?? (stale ? this.cache.peek(i) : undefined);
    if (row && !stale) {
      if (this.awaitingIndex && i === this.selectedIndex) {
        // selected by keyboard before the row was loaded: now the host can be told
        this.awaitingIndex = false;
        if (row.sha !== this.selectedSha) {
          this.selectedSha = row.sha;
          this.events.select(row.sha, i);
        }
      } else if (row.sha === this.selectedSha) {
        this.selectedIndex = i;
      }
    }
    const selected = row ? row.sha === this.selectedSha : i === this.selectedIndex;
    toggleClass(v.el, 'selected', selected);
    v.el.setAttribute('aria-selected', String(selected));
    if (v.index !== i) v.el.setAttribute('aria-rowindex', String(i + 2));
    toggleClass(v.el, 'odd', i % 2 === 1);
    if (v.row === row && v.index === i) return;
    v.row = row;
    v.index = i;
    toggleClass(v.el, 'placeholder', !row);
    const [date, author, subject, verdict, tools, evidence] = v.cells as [HTMLDivElement, HTMLDivElement, HTMLDivElement, HTMLDivElement, HTMLDivElement, HTMLDivElement];
    if (!row) {
      v.verdict = undefined;
      v.tools = undefined;
      for (const c of v.cells) replace(c);
      subject.appendChild(el('span', { class: 'skeleton', 'aria-label': 'loading' }));
      return;
    }
    setText(date, day(row.date));
    date.title = row.date;
    setText(author, row.author);
    author.title = row.author;
    setText(subject, row.subject);
    subject.title = row.subject;
    const vd = safeVerdict(row.verdict);
    if (v.verdict !== vd) {
      v.verdict = vd;
      replace(verdict, el('span', { class: `verdict v-${vd}`, title: VERDICT_TITLE[vd] },
        el('span', { class: 'glyph', 'aria-hidden': 'true' }, VERDICT_GLYPH[vd]), ` ${VERDICT_LABEL[vd]}`));
    }
    const toolsKey = `${row.tools.join('\n')}\t${row.models.join('\n')}`;
    if (v.tools !== toolsKey) {
      // rebuilt only when they differ from the recycled row's (most rows share a handful of combinations)
      v.tools = toolsKey;
      const tags = [...row.tools.map((t) => chip(String(t), 'tool')), ...row.models.map((m) => chip(m, 'model'))];
      replace(tools, tags.slice(0, MAX_CHIPS), tags.length > MAX_CHIPS && chip(`+${tags.length - MAX_CHIPS}`, 'more'));
      tools.title = [...row.tools, ...row.models].join(', ');
    }
    setText(evidence, row.evidence ? String(row.evidence) : '–');
  }
}
