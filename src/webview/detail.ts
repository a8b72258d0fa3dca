// The detail pane: the selected commit, what the policy says about it, actions, and every piece of
// evidence grouped by kind with where it was seen. All commit data is rendered as text.
import type { DetailPolicy, Row } from '../protocol/panel';
import type { CommitAudit, Evidence, EvidenceKind, RemovedAttribution } from '../core/model';
import { button, chip, el, icon, replace, type Child } from './dom';
import { CONFIDENCE_GLYPH, dateTime, day, KIND_TITLE, location, shortSha, VERDICT_GLYPH, VERDICT_LABEL, VERDICT_TITLE } from './format';
import { safeVerdict } from './table';

export interface DetailEvents {
  openDiff(sha: string): void;
  copySha(sha: string): void;
  fix(sha: string): void;
  close(): void;
}

const POLICY_TEXT: Record<DetailPolicy['verdict'], { glyph: string; text: string }> = {
  complies: { glyph: '✓', text: 'complies' },
  rewrite: { glyph: '✎', text: 'would rewrite the message' },
  reject: { glyph: '✕', text: 'rejects this commit' },
};

const DETAIL_LABEL: Record<EvidenceKind, string> = {
  trailer: 'Trailer', author: 'Author', committer: 'Committer', message: 'Line', diff: 'Marker', note: 'Note', branch: 'Branch',
};

/** obj[key] for own keys only ('toString' is not a verdict). */
function own<T>(obj: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

function field(label: string, ...value: Child[]): HTMLElement {
  return el('div', { class: 'field-row' }, el('span', { class: 'field-label' }, label), el('span', { class: 'field-value' }, ...value));
}

function verdictBadge(v: unknown): HTMLElement {
  const vd = safeVerdict(v);
  return el('span', { class: `verdict badge v-${vd}`, title: VERDICT_TITLE[vd] },
    el('span', { class: 'glyph', 'aria-hidden': 'true' }, VERDICT_GLYPH[vd]), ` ${VERDICT_LABEL[vd]}`);
}

function evidenceItem(e: Evidence): HTMLElement {
  const conf = own(CONFIDENCE_GLYPH, e.confidence) ? e.confidence : 'low';
  const head = el('div', { class: 'evidence-head' },
    chip(String(e.tool), 'tool'),
    e.model && chip(e.model, 'model', 'model'),
    el('span', { class: `confidence c-${conf}`, title: `${conf} confidence` },
      el('span', { class: 'glyph', 'aria-hidden': 'true' }, CONFIDENCE_GLYPH[conf]), ` ${conf}`),
    e.sticky && el('span', { class: 'flag', title: "VS Code's sticky per-file co-author trailer: proves little on its own" }, 'sticky'));
  const locations = e.locations?.length
    ? el('ul', { class: 'locations', 'aria-label': 'Seen at' }, e.locations.map((l) => el('li', undefined, el('code', undefined, location(l)))))
    : undefined;
  return el('li', { class: 'evidence-item' },
    head,
    field(own(DETAIL_LABEL, e.kind) ?? 'Detail', el('code', { class: 'evidence-detail' }, e.detail)),
    locations && field(e.kind === 'note' ? 'Ranges' : 'Where', locations),
    e.session && field('Session', el('span', { class: 'selectable' }, e.session)),
    field('Signature', el('code', { class: 'muted' }, e.signature)));
}

const REMOVAL_TEXT: Record<string, string> = {
  removed: 'Removed', replaced: 'Replaced', kept: 'Kept (removing it would have emptied the message)',
};

/** An attribution line the commit hooks removed, as the provenance note records it (all as text). */
function removedItem(r: RemovedAttribution): HTMLElement {
  return el('li', { class: 'evidence-item removed-item' },
    el('div', { class: 'evidence-head' },
      el('span', { class: 'flag removal', title: 'What the commit hook did with this line' }, own(REMOVAL_TEXT, r.action) ?? String(r.action)),
      chip(String(r.tool), 'tool'),
      el('span', { class: 'muted', title: 'Who put the line in the message' }, String(r.class))),
    field('Line', el('code', { class: 'evidence-detail' }, r.line)),
    (r.replacedBy?.length ?? 0) > 0 && field('Now', (r.replacedBy ?? []).map((l) => el('code', { class: 'evidence-detail' }, l))),
    field('Why', r.reason),
    field('Policy', el('code', { class: 'muted', title: r.policy }, `mode ${r.mode}`)),
    field('When', el('span', { title: r.time }, dateTime(r.time))));
}

export class DetailPane {
  readonly root: HTMLElement;
  private readonly content: HTMLElement;
  private trusted = true;
  shownSha: string | undefined;

  constructor(private readonly events: DetailEvents) {
    this.content = el('div', { class: 'detail-content' });
    this.root = el('aside', { class: 'detail', 'aria-label': 'Commit details', tabindex: -1 }, this.content);
    this.empty();
  }

  setTrusted(trusted: boolean): void {
    this.trusted = trusted;
  }

  empty(): void {
    this.shownSha = undefined;
    replace(this.content, el('div', { class: 'detail-empty' }, el('p', undefined, 'Select a commit to see its provenance.'),
      el('p', { class: 'muted' }, '↑/↓ move · Enter opens the diff')));
  }

  /** What is known from the row while the host computes the detail. */
  pending(row: Row): void {
    this.shownSha = row.sha;
    replace(this.content, this.head(row.subject, row.sha),
      el('div', { class: 'detail-meta' }, field('Author', row.author), field('Date', dateTime(row.date)), field('Verdict', verdictBadge(row.verdict))),
      el('p', { class: 'muted loading-text' }, 'Loading evidence…'));
  }

  show(sha: string, a: CommitAudit, policy: DetailPolicy | undefined, note: string | undefined): void {
    this.shownSha = sha;
    const identity = (p: { name: string; email: string }): string => (p.email ? `${p.name} <${p.email}>` : p.name);
    const committerDiffers = a.committer && (a.committer.name !== a.author.name || a.committer.email !== a.author.email);
    const flags: string[] = [];
    if (a.diffTruncated) flags.push('The patch was longer than the scan limit: only its beginning was scanned for markers.');
    if (a.diffScanned === false) flags.push('The diff was not scanned for markers.');
    if (a.encoding === 'latin1') flags.push('The message is not valid UTF-8 (shown byte by byte).');
    const fixable = this.trusted && !!policy?.fixable;
    replace(this.content,
      this.head(a.subject, sha),
      el('div', { class: 'detail-actions' },
        button([icon('diff'), 'Open Diff'], { class: 'primary', title: 'Open the changes of this commit' }, () => this.events.openDiff(sha)),
        fixable && button([icon('wrench'), 'Fix Attribution'], { class: 'secondary', title: 'Rewrite the last commit message to comply with the policy' }, () => this.events.fix(sha))),
      el('div', { class: 'detail-meta' },
        field('Author', identity(a.author)),
        committerDiffers && field('Committer', identity(a.committer)),
        field('Date', el('span', { title: a.date }, dateTime(a.date))),
        committerDiffers && a.committerDate && day(a.committerDate) !== day(a.date) && field('Committed', dateTime(a.committerDate)),
        field('Verdict', verdictBadge(a.verdict)),
        a.tools.length > 0 && field('Tools', a.tools.map((t) => chip(String(t), 'tool'))),
        a.models.length > 0 && field('Models', a.models.map((m) => chip(m, 'model'))),
        a.parents.length > 0 && field(a.parents.length > 1 ? 'Parents' : 'Parent', a.parents.map((p) => el('code', { class: 'parent', title: p }, shortSha(p))))),
      flags.length > 0 && el('ul', { class: 'flags' }, flags.map((f) => el('li', undefined, f))),
      policy && this.policy(policy),
      note && el('div', { class: 'note' }, el('h3', undefined, 'Note'), el('pre', { class: 'note-text' }, note)),
      this.evidence(a.evidence),
      (a.removed?.length ?? 0) > 0 && el('section', { class: 'removed' },
        el('h3', undefined, `Removed attribution (${a.removed?.length ?? 0})`),
        el('p', { class: 'muted' }, 'Attribution lines the commit hooks took out of the message, as its provenance note records them.'),
        el('ul', { class: 'evidence-list' }, (a.removed ?? []).map(removedItem))));
  }

  private head(subject: string, sha: string): HTMLElement {
    return el('div', { class: 'detail-head' },
      el('div', { class: 'detail-title' },
        el('h2', { class: 'detail-subject', title: subject }, subject || '(no subject)'),
        el('div', { class: 'sha-line' },
          el('code', { class: 'sha', title: 'Commit id' }, sha),
          button([icon('copy'), 'Copy'], { class: 'secondary small', title: 'Copy the commit id', 'aria-label': 'Copy commit id' }, () => this.events.copySha(sha)))),
      button(icon('close'), { class: 'icon close', title: 'Close details', 'aria-label': 'Close details' }, () => this.events.close()));
  }

  private policy(p: DetailPolicy): HTMLElement {
    const verdict = own(POLICY_TEXT, p.verdict) ? p.verdict : 'complies';
    const t = POLICY_TEXT[verdict];
    return el('section', { class: 'policy' },
      el('h3', undefined, 'Policy'),
      el('div', { class: 'policy-line' },
        el('span', { class: `policy-verdict p-${verdict}` },
          el('span', { class: 'glyph', 'aria-hidden': 'true' }, t.glyph), ` ${t.text}`),
        el('span', { class: 'muted' }, ' · mode '), el('code', undefined, p.mode)),
      p.reasons.length > 0 && el('ul', { class: 'reasons' }, p.reasons.map((r) => el('li', undefined, r))),
      !this.trusted && p.fixable && el('p', { class: 'muted' }, 'Fixing is disabled in an untrusted workspace.'));
  }

  private evidence(items: readonly Evidence[]): HTMLElement {
    const section = el('section', { class: 'evidence' }, el('h3', undefined, `Evidence (${items.length})`));
    if (!items.length) {
      section.appendChild(el('p', { class: 'muted' }, 'No AI evidence in this commit.'));
      return section;
    }
    const groups = new Map<string, Evidence[]>();
    for (const e of items) {
      const list = groups.get(e.kind) ?? [];
      list.push(e);
      groups.set(e.kind, list);
    }
    const known = Object.keys(KIND_TITLE);
    const order = [...known, ...[...groups.keys()].filter((k) => !known.includes(k))];
    for (const kind of order) {
      const list = groups.get(kind);
      if (!list) continue;
      section.appendChild(el('div', { class: 'evidence-group' },
        el('h4', undefined, `${own(KIND_TITLE, kind) ?? kind} (${list.length})`),
        el('ul', { class: 'evidence-list' }, list.map(evidenceItem))));
    }
    return section;
  }
}
