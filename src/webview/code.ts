// The Code view: how much of the code at HEAD came from AI, one directory at a time — a breadcrumb
// to drill back up, the directory's lines by class (the classes and words of `ai-provenance lines`,
// each with its colour AND a pattern/glyph), and a table of its subdirectories and files sortable
// by name, lines or AI share. Paths come from git: text nodes only.
import type { CodeEntry, CodeMessage, LineCounts } from '../protocol/panel';
import { button, el, icon, replace, setText, toggleClass } from './dom';
import { count, percent } from './format';

export type CodeSortKey = 'name' | 'lines' | 'share';
export interface CodeSort {
  key: CodeSortKey;
  dir: 'asc' | 'desc';
}

/** The line classes in the order and words of `ai-provenance lines`. */
export const CODE_CLASSES = [
  ['recorded', 'recorded', '■'],
  ['assistedCommit', 'assisted commit', '▣'],
  ['unverified', 'unverified', '◐'],
  ['none', 'none', '□'],
  ['unknown', 'unknown', '▨'],
] as const satisfies readonly (readonly [keyof LineCounts, string, string])[];

export interface CodeEvents {
  open(dir: string): void;
  sorted(sort: CodeSort): void;
}

/** Entries in display order: directories first, then files, each by the sort. */
export function sortEntries(entries: readonly CodeEntry[], sort: CodeSort): CodeEntry[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const byName = (a: CodeEntry, b: CodeEntry): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const key = (a: CodeEntry, b: CodeEntry): number => {
    if (sort.key === 'lines') return a.counts.total - b.counts.total;
    if (sort.key === 'share') return a.aiShare - b.aiShare || a.counts.total - b.counts.total;
    return byName(a, b);
  };
  return [...entries].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'dir' ? -1 : 1) || sign * key(a, b) || byName(a, b));
}

/** A bar of the classes' shares, with a text equivalent for screen readers and tooltips. */
export function classBar(c: LineCounts): HTMLElement {
  const bar = el('div', { class: 'class-bar', role: 'img', 'aria-label': classSummary(c), title: classSummary(c) });
  for (const [key] of CODE_CLASSES) {
    if (!c[key] || !c.total) continue;
    const part = el('span', { class: `lc lc-${key}` });
    part.style.width = `${(c[key] / c.total) * 100}%`;
    bar.appendChild(part);
  }
  return bar;
}

export function classSummary(c: LineCounts): string {
  return CODE_CLASSES.filter(([key]) => c[key] > 0).map(([key, label]) => `${label} ${count(c[key])} (${percent(c.total ? c[key] / c.total : 0)})`).join(', ')
    || 'no lines';
}

export class CodeView {
  readonly root: HTMLElement;
  private readonly crumbs: HTMLElement;
  private readonly status: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly body: HTMLElement;
  private readonly heads = new Map<CodeSortKey, HTMLButtonElement>();
  private last?: CodeMessage;
  dir = '';

  constructor(private sort: CodeSort, private readonly events: CodeEvents) {
    this.crumbs = el('nav', { class: 'code-crumbs', 'aria-label': 'Directory' });
    this.status = el('span', { class: 'code-status', role: 'status', 'aria-live': 'polite' });
    this.summary = el('div', { class: 'code-summary' });
    const legend = el('ul', { class: 'legend code-legend', 'aria-label': 'Line classes' },
      CODE_CLASSES.map(([key, label, glyph]) => el('li', undefined, el('span', { class: `lc-swatch lc lc-${key}`, 'aria-hidden': 'true' }, glyph), label)));
    const th = (key: CodeSortKey | undefined, label: string, numeric = false): HTMLElement => {
      if (!key) return el('th', { class: numeric ? 'n' : undefined }, label);
      const b = button(label, { class: 'sort', 'data-sort': key }, () => this.setSort(key));
      this.heads.set(key, b);
      return el('th', { class: numeric ? 'n' : undefined }, b);
    };
    this.body = el('tbody');
    const table = el('table', { class: 'code-table' },
      el('thead', undefined, el('tr', undefined, th('name', 'Name'), th('lines', 'Lines', true), th('share', 'AI share', true),
        th(undefined, 'By class'), th(undefined, 'Recorded', true), th(undefined, 'Assisted commit', true), th(undefined, 'Unverified', true),
        th(undefined, 'None', true))),
      this.body);
    this.root = el('div', { class: 'code-view' },
      el('div', { class: 'code-top' }, this.crumbs, this.status),
      this.summary, legend, el('div', { class: 'code-scroll' }, table));
    this.renderHeads();
  }

  get currentSort(): CodeSort {
    return { ...this.sort };
  }

  set(msg: CodeMessage): void {
    if (msg.state === 'loading') {
      setText(this.status, msg.progress ? `Blaming… ${count(msg.progress.done)} / ${count(msg.progress.total)} files` : 'Counting the lines at HEAD…');
      toggleClass(this.status, 'error', false);
      return;
    }
    if (msg.state === 'error') {
      setText(this.status, `Could not count the lines: ${msg.message ?? 'unknown error'}`);
      toggleClass(this.status, 'error', true);
      return;
    }
    toggleClass(this.status, 'error', false);
    this.last = msg;
    this.dir = msg.dir;
    this.render();
  }

  private setSort(key: CodeSortKey): void {
    this.sort = this.sort.key === key ? { key, dir: this.sort.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'name' ? 'asc' : 'desc' };
    this.renderHeads();
    this.render();
    this.events.sorted(this.currentSort);
  }

  private renderHeads(): void {
    for (const [key, b] of this.heads) {
      const on = this.sort.key === key;
      b.setAttribute('aria-sort', on ? (this.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none');
      setText(b, `${b.textContent?.replace(/ [▲▼]$/, '') ?? ''}${on ? (this.sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}`);
    }
  }

  private render(): void {
    const msg = this.last;
    const listing = msg?.listing;
    if (!msg || !listing) return;
    const parts = listing.dir ? listing.dir.split('/') : [];
    replace(this.crumbs,
      button([icon('root-folder'), 'root'], { class: 'crumb', 'data-dir': '' }, () => this.events.open('')),
      parts.map((p, i) => [el('span', { class: 'muted' }, ' / '),
        i === parts.length - 1 ? el('span', { class: 'crumb-current' }, p) : button(p, { class: 'crumb', 'data-dir': parts.slice(0, i + 1).join('/') }, () => this.events.open(parts.slice(0, i + 1).join('/')))]));
    const t = listing.totals;
    const apart = msg.apart && (msg.apart.binary || msg.apart.generated)
      ? ` ${count(msg.apart.binary)} binary and ${count(msg.apart.generated)} generated files in the tree are not counted.` : '';
    setText(this.status, `HEAD ${msg.rev?.slice(0, 10) ?? ''}`);
    replace(this.summary,
      el('div', { class: 'stat' }, el('span', { class: 'stat-label' }, 'Lines'), el('span', { class: 'stat-value' }, count(t.total)),
        el('span', { class: 'stat-sub' }, `${count(listing.files)} files`)),
      el('div', { class: 'stat' }, el('span', { class: 'stat-label' }, 'AI share'), el('span', { class: 'stat-value code-share' }, percent(t.total ? (t.recorded + t.assistedCommit) / t.total : 0)),
        el('span', { class: 'stat-sub' }, 'recorded + assisted commit')),
      el('div', { class: 'stat code-bar-stat' }, el('span', { class: 'stat-label' }, 'By class'), classBar(t), el('span', { class: 'stat-sub' }, `${classSummary(t)}.${apart}`)));
    const rows = sortEntries(listing.entries, this.sort).map((e) => this.row(e));
    replace(this.body, rows.length ? rows : el('tr', undefined, el('td', { class: 'muted' }, 'No counted files here.')));
  }

  private row(e: CodeEntry): HTMLElement {
    const c = e.counts;
    const name = e.kind === 'dir'
      ? button(`${e.name}/`, { class: 'link code-dir', title: `${e.path} — ${count(e.files)} files`, 'data-path': e.path }, () => this.events.open(e.path))
      : el('span', { class: 'code-file', title: e.path }, e.name);
    const num = (n: number): HTMLElement => el('td', { class: 'n' }, count(n));
    return el('tr', { class: `code-row code-${e.kind}`, 'data-path': e.path },
      el('td', { class: 'code-name' }, icon(e.kind === 'dir' ? 'folder' : 'file'), name),
      num(c.total), el('td', { class: 'n code-row-share' }, percent(e.aiShare)), el('td', { class: 'code-bar-cell' }, classBar(c)),
      num(c.recorded), num(c.assistedCommit), num(c.unverified), num(c.none));
  }
}
