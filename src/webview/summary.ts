// The header: repository (a picker when several), audit progress, headline numbers, tools seen,
// the date range covered, and export buttons.
import { EXPORT_FORMATS, type PanelExportFormat } from '../protocol/panel';
import type { AuditSummary } from '../core/model';
import { button, chip, el, icon, replace, setText, toggleClass } from './dom';
import { count, day, percent } from './format';

const FORMAT_LABEL: Record<string, string> = {
  json: 'JSON', csv: 'CSV', markdown: 'Markdown', html: 'HTML', sarif: 'SARIF', intoto: 'in-toto', 'agent-trace': 'Agent Trace', cyclonedx: 'CycloneDX',
};
const MAX_TOOL_CHIPS = 8;

export interface SummaryEvents {
  changeRepo(root: string): void;
  exportAs(format: PanelExportFormat): void;
}

function stat(label: string): { root: HTMLElement; value: HTMLElement; sub: HTMLElement } {
  const value = el('span', { class: 'stat-value' });
  const sub = el('span', { class: 'stat-sub' });
  return { root: el('div', { class: 'stat' }, el('span', { class: 'stat-label' }, label), value, sub), value, sub };
}

export class SummaryHeader {
  readonly root: HTMLElement;
  private readonly repoSlot: HTMLElement;
  private readonly progress: HTMLProgressElement;
  private readonly statusText: HTMLElement;
  private readonly commits = stat('Commits');
  private readonly assisted = stat('Assisted');
  private readonly unverified = stat('Unverified');
  private readonly range = stat('Range');
  private readonly tools: HTMLElement;
  private state: 'loading' | 'ready' | 'error' = 'loading';
  private loaded = 0;
  private expected: number | undefined;
  private summary: AuditSummary | undefined;

  constructor(private readonly events: SummaryEvents) {
    this.repoSlot = el('div', { class: 'repo' });
    this.statusText = el('span', { class: 'status-text', role: 'status', 'aria-live': 'polite' });
    this.progress = el('progress', { class: 'progress', 'aria-label': 'Audit progress' });
    this.tools = el('div', { class: 'tool-chips', 'aria-label': 'Tools seen' });
    const exports = el('div', { class: 'exports', role: 'group', 'aria-label': 'Export' },
      el('span', { class: 'exports-label' }, icon('export'), 'Export'),
      EXPORT_FORMATS.map((f) => button(FORMAT_LABEL[f] ?? f, { class: 'secondary small', title: `Export the audit as ${FORMAT_LABEL[f] ?? f}`, 'data-format': f },
        () => this.events.exportAs(f))));
    this.range.value.textContent = '—';
    this.tools.appendChild(el('span', { class: 'muted' }, '—'));
    this.root = el('header', { class: 'summary' },
      el('div', { class: 'summary-top' }, this.repoSlot, this.statusText, exports),
      el('div', { class: 'stats' }, this.commits.root, this.assisted.root, this.unverified.root, this.range.root,
        el('div', { class: 'stat stat-tools' }, el('span', { class: 'stat-label' }, 'Tools seen'), this.tools)),
      this.progress);
    toggleClass(this.unverified.root, 'warn', false);
    this.render();
  }

  setRepos(repos: readonly { root: string; name: string }[], current: string): void {
    const name = repos.find((r) => r.root === current)?.name ?? current.split(/[\\/]/).filter(Boolean).pop() ?? current;
    if (repos.length <= 1) {
      replace(this.repoSlot, el('span', { class: 'repo-name', title: current }, name));
      return;
    }
    const select = el('select', { class: 'input repo-picker', 'aria-label': 'Repository', title: current });
    for (const r of repos) {
      const o = el('option', undefined, r.name);
      o.value = r.root;
      o.title = r.root;
      if (r.root === current) o.selected = true;
      select.appendChild(o);
    }
    select.addEventListener('change', () => this.events.changeRepo(select.value));
    replace(this.repoSlot, select);
  }

  setStatus(state: 'loading' | 'ready' | 'error', loaded: number, message?: string, expected?: number): void {
    this.state = state;
    this.loaded = loaded;
    this.expected = expected;
    const text = state === 'loading' ? `Auditing… ${count(loaded)}${expected ? ` / ${count(expected)}` : ''} commits`
      : state === 'error' ? `Audit failed${message ? `: ${message}` : ''}` : message ?? '';
    setText(this.statusText, text);
    toggleClass(this.statusText, 'error', state === 'error');
    this.render();
  }

  setSummary(summary: AuditSummary, range?: { first: string; last: string }): void {
    this.summary = summary;
    const first = day(range?.first ?? summary.firstDate);
    const last = day(range?.last ?? summary.lastDate);
    setText(this.range.value, first ? (first === last ? first : `${first} → ${last}`) : '—');
    this.range.root.title = first ? `Author dates from ${first} to ${last}` : '';
    const tools = summary.tools.slice(0, MAX_TOOL_CHIPS).map((t) => chip(`${t.tool} ${count(t.commits)}`, 'tool', `${t.tool}: ${count(t.commits)} commits`));
    const more = summary.tools.length - MAX_TOOL_CHIPS;
    replace(this.tools, tools.length ? tools : el('span', { class: 'muted' }, 'none'),
      more > 0 && chip(`+${more}`, 'more', summary.tools.slice(MAX_TOOL_CHIPS).map((t) => `${t.tool}: ${t.commits}`).join(', ')));
    this.render();
  }

  private render(): void {
    const s = this.summary;
    const loading = this.state === 'loading';
    const audited = s ? Math.max(s.commits, loading ? this.loaded : 0) : this.loaded;
    setText(this.commits.value, count(audited));
    setText(this.commits.sub, loading ? (this.expected ? `of ${count(this.expected)} · loading` : 'loading…') : 'audited');
    setText(this.assisted.value, s ? percent(s.assistedShare) : '—');
    setText(this.assisted.sub, s ? `${count(s.assisted)} commits` : '');
    setText(this.unverified.value, s ? count(s.unverified) : '—');
    setText(this.unverified.sub, s ? (s.unverified === 1 ? 'commit' : 'commits') : '');
    toggleClass(this.unverified.root, 'warn', !!s && s.unverified > 0);
    toggleClass(this.progress, 'shown', loading);
    if (loading && this.expected && this.expected > 0) {
      this.progress.max = this.expected;
      this.progress.value = Math.min(this.expected, this.loaded);
    } else {
      this.progress.removeAttribute('value'); // indeterminate
    }
  }
}
