// The filter bar: verdict toggles, tool multi-select, author (with suggestions), date range, path and
// free text. Every change produces a whole new Query (sort included); text inputs are debounced.
import type { Query } from '../protocol/panel';
import type { Verdict } from '../core/model';
import { button, debounce, el, icon, replace, setText, toggleClass } from './dom';
import { count, VERDICT_GLYPH, VERDICT_LABEL, VERDICT_TITLE } from './format';
import { cloneQuery, normalizeQuery } from './state';

const VERDICTS: Verdict[] = ['assisted', 'unverified', 'none'];
const TEXT_DEBOUNCE_MS = 250;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isFiltered(q: Query): boolean {
  return q.tools.length > 0 || q.verdicts.length > 0 || !!(q.author || q.from || q.to || q.path || q.text);
}

export class FilterBar {
  readonly root: HTMLElement;
  private query: Query;
  private readonly verdictButtons = new Map<Verdict, HTMLButtonElement>();
  private readonly toolsMenu: HTMLDetailsElement;
  private readonly toolsSummary: HTMLElement;
  private readonly toolsList: HTMLElement;
  private readonly authorList: HTMLDataListElement;
  private readonly author: HTMLInputElement;
  private readonly from: HTMLInputElement;
  private readonly to: HTMLInputElement;
  private readonly path: HTMLInputElement;
  private readonly text: HTMLInputElement;
  private readonly clear: HTMLButtonElement;
  private readonly matching: HTMLElement;
  private tools: string[] = [];
  private toolsKey: string | undefined;
  private readonly toolBoxes = new Map<string, HTMLInputElement>();
  private readonly typed: ReturnType<typeof debounce<[]>>;

  constructor(initial: Query, private readonly onChange: (q: Query) => void) {
    this.query = cloneQuery(initial);
    const verdicts = el('div', { class: 'toggle-group', role: 'group', 'aria-label': 'Verdict' });
    for (const v of VERDICTS) {
      const b = button([el('span', { class: 'glyph', 'aria-hidden': 'true' }, VERDICT_GLYPH[v]), ` ${VERDICT_LABEL[v]}`],
        { class: `toggle v-${v}`, 'aria-pressed': 'false', title: `Show only: ${VERDICT_TITLE[v]}` }, () => this.toggleVerdict(v));
      this.verdictButtons.set(v, b);
      verdicts.appendChild(b);
    }
    this.toolsSummary = el('summary', { class: 'dropdown-summary', 'aria-label': 'Filter by tool' }, 'Tools: any');
    this.toolsList = el('div', { class: 'dropdown-list', role: 'group', 'aria-label': 'Tools' });
    this.toolsMenu = el('details', { class: 'dropdown' }, this.toolsSummary, this.toolsList);
    document.addEventListener('mousedown', (e) => {
      if (this.toolsMenu.open && e.target instanceof Node && !this.toolsMenu.contains(e.target)) this.toolsMenu.open = false;
    });
    this.toolsMenu.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.toolsMenu.open) {
        e.stopPropagation();
        this.toolsMenu.open = false;
        this.toolsSummary.focus();
      }
    });

    this.authorList = el('datalist', { id: 'aip-authors' });
    this.author = el('input', { type: 'text', class: 'input author', placeholder: 'Author', list: 'aip-authors', maxlength: 200, 'aria-label': 'Author contains', spellcheck: 'false', autocomplete: 'off' });
    this.from = el('input', { type: 'date', class: 'input date', 'aria-label': 'From date', title: 'From (author date, inclusive)' });
    this.to = el('input', { type: 'date', class: 'input date', 'aria-label': 'To date', title: 'To (author date, inclusive)' });
    this.path = el('input', { type: 'text', class: 'input path', placeholder: 'Path', maxlength: 1000, 'aria-label': 'Touches path', spellcheck: 'false', autocomplete: 'off' });
    this.text = el('input', { type: 'search', class: 'input search', placeholder: 'Search subject, sha, author, tool, model', maxlength: 500, 'aria-label': 'Search', spellcheck: 'false', autocomplete: 'off' });
    this.clear = button([icon('clear-all'), 'Clear'], { class: 'secondary clear', title: 'Clear all filters' }, () => this.reset());
    this.matching = el('span', { class: 'matching', role: 'status', 'aria-live': 'polite' });

    this.typed = debounce(() => this.emitTyped(), TEXT_DEBOUNCE_MS);
    for (const input of [this.author, this.path, this.text]) {
      input.addEventListener('input', () => this.typed());
      input.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') this.typed.flush();
        if (e.key === 'Escape' && input.value) {
          e.stopPropagation();
          input.value = '';
          this.typed.flush();
        }
      });
    }
    // a datalist pick fires `input` too, but users expect it to apply at once
    this.author.addEventListener('change', () => this.typed.flush());
    for (const input of [this.from, this.to]) input.addEventListener('change', () => this.emitDates());

    this.root = el('div', { class: 'filter-bar', role: 'search', 'aria-label': 'Filters' },
      verdicts, this.toolsMenu,
      el('span', { class: 'field' }, this.author, this.authorList),
      el('span', { class: 'field dates' }, this.from, el('span', { class: 'dash', 'aria-hidden': 'true' }, '–'), this.to),
      this.path, this.text, this.clear, this.matching);
    this.render();
  }

  get current(): Query {
    return cloneQuery(this.query);
  }

  /** Shows a query set elsewhere (restored state, sort header, init). */
  set(q: Query): void {
    this.typed.cancel();
    this.query = cloneQuery(q);
    this.render();
  }

  setFacets(tools: readonly string[], authors: readonly string[]): void {
    this.tools = [...tools];
    this.renderTools();
    const options = authors.slice(0, 500).map((a) => {
      const o = el('option');
      o.value = a;
      return o;
    });
    replace(this.authorList, options);
  }

  setMatching(total: number, known: boolean): void {
    setText(this.matching, known ? `${count(total)} ${total === 1 ? 'commit' : 'commits'}${isFiltered(this.query) ? ' match' : ''}` : '');
  }

  /** Applies text still inside the debounce window. */
  flushTyping(): void {
    this.typed.flush();
  }

  reset(): void {
    this.typed.cancel();
    this.commit({ tools: [], verdicts: [], sort: this.query.sort });
  }

  private commit(q: Query): void {
    this.query = normalizeQuery(q);
    this.render();
    this.onChange(cloneQuery(this.query));
  }

  private toggleVerdict(v: Verdict): void {
    const set = new Set(this.query.verdicts);
    if (set.has(v)) set.delete(v);
    else set.add(v);
    this.commit({ ...this.query, verdicts: VERDICTS.filter((x) => set.has(x)) });
  }

  private toggleTool(tool: string, on: boolean): void {
    const set = new Set(this.query.tools);
    if (on) set.add(tool);
    else set.delete(tool);
    this.commit({ ...this.query, tools: [...set].sort() });
  }

  private emitTyped(): void {
    this.commit({ ...this.query, author: this.author.value, path: this.path.value, text: this.text.value });
  }

  private emitDates(): void {
    const from = ISO_DAY.test(this.from.value) ? this.from.value : undefined;
    const to = ISO_DAY.test(this.to.value) ? this.to.value : undefined;
    this.commit({ ...this.query, from, to });
  }

  private render(): void {
    for (const [v, b] of this.verdictButtons) {
      const on = this.query.verdicts.includes(v);
      b.setAttribute('aria-pressed', String(on));
      toggleClass(b, 'on', on);
    }
    const setValue = (input: HTMLInputElement, value: string | undefined): void => {
      if (input.value !== (value ?? '') && document.activeElement !== input) input.value = value ?? '';
    };
    setValue(this.author, this.query.author);
    setValue(this.path, this.query.path);
    setValue(this.text, this.query.text);
    this.from.value = this.query.from ?? '';
    this.to.value = this.query.to ?? '';
    this.to.min = this.query.from ?? '';
    this.from.max = this.query.to ?? '';
    this.clear.hidden = !isFiltered(this.query);
    this.renderTools();
  }

  private renderTools(): void {
    const selected = new Set(this.query.tools);
    const all = [...new Set([...this.tools, ...this.query.tools])].sort();
    const n = selected.size;
    setText(this.toolsSummary, n === 0 ? 'Tools: any' : n === 1 ? `Tool: ${[...selected][0]}` : `Tools: ${n}`);
    toggleClass(this.toolsSummary, 'on', n > 0);
    const key = all.join('\n');
    if (key !== this.toolsKey) {
      // rebuilt only when the list of tools changes, so a checkbox keeps focus while toggled
      this.toolsKey = key;
      this.toolBoxes.clear();
      replace(this.toolsList, all.length ? all.map((tool) => {
        const box = el('input', { type: 'checkbox' });
        box.addEventListener('change', () => this.toggleTool(tool, box.checked));
        this.toolBoxes.set(tool, box);
        return el('label', { class: 'check' }, box, el('span', { class: 'chip chip-tool' }, tool));
      }) : el('p', { class: 'muted' }, 'No AI tools seen yet.'));
    }
    for (const [tool, box] of this.toolBoxes) box.checked = selected.has(tool);
  }
}
