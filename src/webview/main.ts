// The provenance panel's webview: builds the UI in #app and speaks the protocol of src/protocol/panel.ts.
//   out: ready, query, range, select, openDiff, copySha, fix, export, changeRepo, chartBucket, painted, loaded, code
//   in:  init, status, summary, facets, rows, detail, charts, notice, code
import { PAGE_SIZE, type Outbound, type Query, type Row } from '../protocol/panel';
import { ChartsView } from './charts';
import { DetailPane } from './detail';
import { button, debounce, el, icon, toggleClass } from './dom';
import { FilterBar, isFiltered } from './filters';
import { Notices } from './notices';
import { RowCache } from './rowCache';
import { cloneQuery, defaults, Host, normalizeQuery, sameQuery, TABS, type Persisted, type Tab } from './state';
import { CodeView } from './code';
import { SummaryHeader } from './summary';
import { HistoryTable } from './table';

const MAX_RANGE = 2000;
const REQUEST_TIMEOUT_MS = 15_000;
const SELECT_DEBOUNCE_MS = 60;

const host = new Host();
const saved = host.load();
const state: Persisted = saved ?? defaults();
const cache = new RowCache<Row>(PAGE_SIZE, MAX_RANGE);
let status: { state: 'loading' | 'ready' | 'error'; loaded: number; message?: string } = { state: 'loading', loaded: 0 };
let repo: string | undefined;
let trusted = true;
let initialized = false;
let paintedPosted = false;
/** `loaded` was posted for the current load (reset when the host starts loading again). */
let loadedPosted = false;
let lastDetail: Extract<Outbound, { type: 'detail' }> | undefined;
/** The sha of the last `select` sent whose detail has not arrived. */
let awaitingDetail: string | undefined;
const chartsRequested = new Set<string>();

const isNatural = (q: Query): boolean => q.sort.key === 'date' && q.sort.dir === 'desc';
const persisted = (): Persisted => ({
  ...state, query: cloneQuery(state.query), repo, selectedSha: table.selectedSha,
  selectedIndex: table.selectedIndex >= 0 ? table.selectedIndex : undefined, scrollTop: table.scrollTop,
});
const save = (immediate = false): void => host.save(persisted, immediate);

function requestRows(start: number, count: number): void {
  cache.expire(performance.now(), REQUEST_TIMEOUT_MS);
  const n = Math.min(MAX_RANGE, count);
  if (n <= 0) return;
  const requestId = cache.request(start, n, performance.now());
  host.post({ type: 'range', requestId, start, count: n });
}

/** Asks again for the page in view (e.g. to learn a grown total while the audit streams). */
function refreshWindow(): void {
  const first = Math.floor(table.visible.first / PAGE_SIZE) * PAGE_SIZE;
  requestRows(first, PAGE_SIZE);
}

function postPainted(rows: number): void {
  if (paintedPosted) return;
  paintedPosted = true;
  // after the frame that shows them has been painted
  requestAnimationFrame(() => setTimeout(() => host.post({ type: 'painted', rows, at: Math.round(performance.now()) }), 0));
}

/** Once per load: the whole history is in and its charts applied, posted after the frame that shows them. */
function postLoaded(): void {
  if (loadedPosted || status.state !== 'ready') return;
  loadedPosted = true;
  requestAnimationFrame(() => setTimeout(() => host.post({ type: 'loaded', rows: cache.total, at: Math.round(performance.now()) }), 0));
}

const postSelect = debounce((sha: string) => host.post({ type: 'select', sha }), SELECT_DEBOUNCE_MS);

// ---- UI ---------------------------------------------------------------------------------------

const summary = new SummaryHeader({
  changeRepo: (root) => {
    host.post({ type: 'changeRepo', root });
    // the host answers with init (then status, rows…) for that repository
    forgetRepository();
    save();
  },
  exportAs: (format) => host.post({ type: 'export', format }),
});
const notices = new Notices();
const filters = new FilterBar(state.query, (q) => applyQuery(q));
const table = new HistoryTable(cache, {
  sort: (sort) => {
    filters.flushTyping();
    applyQuery({ ...state.query, sort });
  },
  select: (sha, index) => {
    const row = cache.get(index);
    awaitingDetail = sha;
    if (row && detail.shownSha !== sha) detail.pending(row);
    setDetailOpen(true);
    postSelect(sha);
    save();
  },
  open: (sha) => host.post({ type: 'openDiff', sha }),
  need: (blocks) => { for (const b of blocks) requestRows(b.start, b.count); },
  painted: (rows) => postPainted(rows),
  scrolled: () => save(),
  clearFilters: () => filters.reset(),
});
const detail = new DetailPane({
  openDiff: (sha) => host.post({ type: 'openDiff', sha }),
  copySha: (sha) => host.post({ type: 'copySha', sha }),
  fix: (sha) => host.post({ type: 'fix', sha }),
  close: () => {
    setDetailOpen(false);
    table.focus();
  },
});
const charts = new ChartsView(state.bucket, (bucket) => {
  state.bucket = bucket;
  requestCharts();
  save();
});

const code = new CodeView(state.codeSort ?? { key: 'share', dir: 'desc' }, {
  open: (dir) => {
    state.codeDir = dir;
    host.post({ type: 'code', dir });
    save();
  },
  sorted: (sort) => {
    state.codeSort = sort;
    save();
  },
});
let codeRequested = false;

const tabButtons = new Map<Tab, HTMLButtonElement>();
const tabPanels = new Map<Tab, HTMLElement>();
const split = el('div', { class: 'split' }, table.root, detail.root);
tabPanels.set('history', el('div', { class: 'view view-history', role: 'tabpanel', id: 'aip-panel-history', 'aria-labelledby': 'aip-tab-history' }, filters.root, split));
tabPanels.set('charts', el('div', { class: 'view view-charts', role: 'tabpanel', id: 'aip-panel-charts', 'aria-labelledby': 'aip-tab-charts' }, charts.root));
tabPanels.set('code', el('div', { class: 'view view-code', role: 'tabpanel', id: 'aip-panel-code', 'aria-labelledby': 'aip-tab-code' }, code.root));
const tablist = el('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Views' });
for (const [tab, label, glyph] of [['history', 'History', 'history'], ['charts', 'Charts', 'graph'], ['code', 'Code', 'file-code']] as const) {
  const b = button([icon(glyph), label], { class: 'tab', role: 'tab', id: `aip-tab-${tab}`, 'aria-controls': `aip-panel-${tab}` }, () => showTab(tab));
  tabButtons.set(tab, b);
  tablist.appendChild(b);
}
tablist.addEventListener('keydown', (e) => {
  if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
  const step = e.key === 'ArrowRight' ? 1 : TABS.length - 1;
  const next = TABS[(TABS.indexOf(state.tab) + step) % TABS.length] as Tab;
  showTab(next);
  tabButtons.get(next)?.focus();
});

const app = document.getElementById('app') ?? document.body.appendChild(el('div', { id: 'app' }));
app.replaceChildren(summary.root, notices.root, tablist, ...tabPanels.values());
app.classList.add('aip');

function showTab(tab: Tab): void {
  state.tab = tab;
  for (const [t, b] of tabButtons) {
    b.setAttribute('aria-selected', String(t === tab));
    b.tabIndex = t === tab ? 0 : -1;
    toggleClass(b, 'active', t === tab);
  }
  for (const [t, p] of tabPanels) p.hidden = t !== tab;
  if (tab === 'charts') {
    charts.schedule();
    if (!charts.hasData) requestCharts();
  } else if (tab === 'code') {
    if (!codeRequested) {
      codeRequested = true;
      host.post({ type: 'code', dir: state.codeDir ?? '' });
    }
  } else {
    table.refresh();
  }
  save();
}

function requestCharts(): void {
  const bucket = charts.currentBucket;
  if (chartsRequested.has(bucket) && charts.hasData) return;
  chartsRequested.add(bucket);
  host.post({ type: 'chartBucket', bucket });
}

function setDetailOpen(open: boolean): void {
  state.detailOpen = open;
  toggleClass(split, 'detail-closed', !open);
}

function updateEmpty(): void {
  const q = state.query;
  if (status.state === 'error') table.setEmpty(`The audit failed${status.message ? `: ${status.message}` : '.'}`, false);
  else if (!cache.known) table.setEmpty('Loading history…', false);
  else if (isFiltered(q)) table.setEmpty(status.state === 'loading' ? 'No matching commits yet — still auditing…' : 'No commits match these filters.', true);
  else table.setEmpty(status.state === 'loading' ? 'Auditing… no commits yet.' : 'No commits in this repository.', false);
  filters.setMatching(cache.total, cache.known);
}

/** A new query from the filter bar or a sort header: sent whole, rows re-requested from the top. */
function applyQuery(q: Query, send = true): void {
  const query = normalizeQuery(q);
  const changed = !sameQuery(query, state.query);
  state.query = query;
  filters.set(query);
  table.setSort(query.sort);
  cache.appendOnly = isNatural(query);
  if (!changed && send) return;
  if (send) {
    cache.newQuery();
    host.post({ type: 'query', query: cloneQuery(query) });
    table.resetScroll();
    requestRows(0, PAGE_SIZE);
  }
  updateEmpty();
  save();
}

// ---- messages from the host -------------------------------------------------------------------

function onInit(msg: Extract<Outbound, { type: 'init' }>): void {
  const repoChanged = initialized && repo !== msg.repo;
  const firstInit = !initialized;
  initialized = true;
  trusted = msg.trusted !== false;
  detail.setTrusted(trusted);
  summary.setRepos(msg.repos, msg.repo);
  repo = msg.repo;
  if (repoChanged) {
    forgetRepository();
    applyQuery(msg.query, false); // the host's query for that repository
    requestRows(0, PAGE_SIZE);
    if (state.tab === 'charts') requestCharts();
  } else if (firstInit && !saved) {
    applyQuery(msg.query, false); // the host's query: the rows already asked for follow it
  } else if (firstInit && saved?.repo !== undefined && saved.repo !== msg.repo) {
    // restored from another repository: keep the query (already sent), not the selection
    table.restoreSelection(undefined, undefined);
    table.resetScroll();
    setDetailOpen(false);
  } else if (firstInit && saved?.selectedSha) {
    awaitingDetail = saved.selectedSha;
    host.post({ type: 'select', sha: saved.selectedSha });
  }
  if (lastDetail && !repoChanged) detail.show(lastDetail.sha, lastDetail.audit, lastDetail.policy, lastDetail.note);
  save();
}

/** Rows, selection, detail and charts belong to one repository. */
function forgetRepository(): void {
  cache.reset();
  table.restoreSelection(undefined, undefined);
  table.resetScroll();
  detail.empty();
  setDetailOpen(false);
  lastDetail = undefined;
  awaitingDetail = undefined;
  chartsRequested.clear();
  codeRequested = false;
  state.codeDir = '';
  if (state.tab === 'code') showTab('code');
  notices.clear();
  updateEmpty();
}

function onStatus(msg: Extract<Outbound, { type: 'status' }>): void {
  const was = status.state;
  status = { state: msg.state, loaded: msg.loaded, message: msg.message };
  if (msg.state === 'loading') loadedPosted = false;
  // `expected` is not in the protocol; a host that knows the commit count may add it
  const expected = (msg as { expected?: unknown }).expected;
  summary.setStatus(msg.state, msg.loaded, msg.message, typeof expected === 'number' ? expected : undefined);
  if (msg.state === 'error' && msg.message && was !== 'error') notices.add('error', msg.message);
  const quiet = performance.now() - cache.lastAccepted > 300;
  if ((msg.state === 'ready' && was !== 'ready') || (msg.state === 'loading' && quiet && cache.inFlight === 0)) refreshWindow();
  if (msg.state !== 'loading' && cache.known && cache.total === 0) postPainted(0);
  // a restored selection asked for before the host had loaded that commit: ask again
  if (msg.state === 'ready' && was !== 'ready' && awaitingDetail) host.post({ type: 'select', sha: awaitingDetail });
  updateEmpty();
}

function onRows(msg: Extract<Outbound, { type: 'rows' }>): void {
  const center = Math.floor((table.visible.first + table.visible.end) / 2);
  if (!cache.accept(msg, performance.now(), center)) return;
  table.refresh();
  updateEmpty();
  if (cache.total === 0 && status.state !== 'loading') postPainted(0);
}

function onDetail(msg: Extract<Outbound, { type: 'detail' }>): void {
  // an answer to an earlier selection; without a selection on its way, the host chose the commit
  if (awaitingDetail && msg.sha !== awaitingDetail) return;
  awaitingDetail = undefined;
  lastDetail = msg;
  if (table.selectedSha !== msg.sha) table.adopt(msg.sha);
  detail.show(msg.sha, msg.audit, msg.policy, msg.note);
  setDetailOpen(true);
  save();
}

window.addEventListener('message', (event: MessageEvent) => {
  const msg = event.data as Outbound | undefined;
  if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string') return;
  switch (msg.type) {
    case 'init': onInit(msg); break;
    case 'status': onStatus(msg); break;
    case 'summary': summary.setSummary(msg.summary, msg.range); break;
    case 'facets': filters.setFacets(msg.tools, msg.authors); break;
    case 'rows': onRows(msg); break;
    case 'detail': onDetail(msg); break;
    case 'charts':
      charts.set({ bucket: msg.bucket, series: msg.series, authors: msg.authors });
      postLoaded(); // the host sends the charts last when a load ends
      break;
    case 'notice': notices.add(msg.level === 'error' ? 'error' : 'info', String(msg.message)); break;
    case 'code': code.set(msg); break;
    case 'showTab': if (TABS.includes(msg.tab)) showTab(msg.tab); break;
  }
});

// "/" focuses the search box (outside inputs)
document.addEventListener('keydown', (e) => {
  const t = e.target as HTMLElement | null;
  if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || (t && /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
  const search = filters.root.querySelector<HTMLInputElement>('input[type=search]');
  if (search && state.tab === 'history') {
    e.preventDefault();
    search.focus();
  }
});

// ---- start ------------------------------------------------------------------------------------

filters.set(state.query);
table.setSort(state.query.sort);
cache.appendOnly = isNatural(state.query);
setDetailOpen(state.detailOpen && !!saved?.selectedSha);
if (saved) table.restoreSelection(saved.selectedSha, saved.scrollTop);
showTab(state.tab);
updateEmpty();
host.post({ type: 'ready', at: Math.round(performance.now()) });
if (saved) {
  // the restored query, right after ready; pushes for the host's previous query are ignored until its rows arrive
  cache.newQuery();
  host.post({ type: 'query', query: cloneQuery(state.query) });
}
requestRows(0, PAGE_SIZE);
if (state.tab === 'charts') requestCharts();
window.addEventListener('pagehide', () => save(true));
