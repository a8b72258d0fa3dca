// The terminal summary (`--format summary`, `npm run audit`): a few aligned lines. Names and
// models come from commits, so control characters are stripped (no terminal escape injection);
// colour codes are only ever added by this file, and only when asked for.

import { AUTONOMY_TIERS, type AuditQuery, type AuditSummary, type CommitAudit, type ReportMeta } from '../model';
import { padEndColumns, padStartColumns } from './textWidth';
import { percent, type ReportWriter, type WriterOptions } from './writer';

const MAX_TOOLS = 8;
const MAX_MODELS = 5;
const MAX_AUTHORS = 5;
const LABEL_WIDTH = 10;

type Style = (text: string) => string;
interface Palette { bold: Style; dim: Style; yellow: Style; cyan: Style; green: Style }

const ansi = (open: number, close: number): Style => (text) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain: Style = (text) => text;
const COLORS: Palette = { bold: ansi(1, 22), dim: ansi(2, 22), yellow: ansi(33, 39), cyan: ansi(36, 39), green: ansi(32, 39) };
const NO_COLORS: Palette = { bold: plain, dim: plain, yellow: plain, cyan: plain, green: plain };

/**
 * The one neutraliser for text from commits, notes and files that a human reads on a terminal (or in
 * CSV, markdown, errors and hook warnings): C0/C1 control characters (ESC, so CSI and OSC sequences;
 * BEL; DEL) and line/paragraph separators become a space, so untrusted text cannot drive the
 * terminal; bidirectional controls and invisible (zero-width) characters are shown as `<U+202E>`,
 * so text cannot be reordered or hide what it says ("Trojan Source") — nothing is dropped silently.
 * `keepLineBreaks` keeps TAB, LF and CR (a quoted CSV cell, where they are data and drive nothing).
 */
export function terminalSafe(text: string, keepLineBreaks = false): string {
  if (!UNSAFE.test(text)) return text;
  const controls = keepLineBreaks ? /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]+/g : /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
  return showInvisible(text.replace(controls, ' '));
}

/** Bidi controls and invisible characters shown as `<U+202E>` (HTML, where line breaks stay). */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) => `<U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}>`);
}

/** Bidi controls (ALM, LRM, RLM, LRE…RLO, LRI…PDI) and zero-width or invisible format characters. */
const INVISIBLE = /[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u206a-\u206f\ufeff\ufff9-\ufffb]/g;
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/;

/** 1234567 → "1,234,567" (fixed grouping, independent of the locale). */
export function groupDigits(value: number): string {
  const [whole = '0', fraction] = String(value).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

function describeRevs(query: AuditQuery): string {
  if (query.all) return '--all';
  return query.revs.length > 0 ? query.revs.join(' ') : 'HEAD';
}

function list<T>(items: readonly T[], max: number, render: (item: T) => string): string {
  const shown = items.slice(0, max).map(render).join(' · ');
  return items.length > max ? `${shown} …` : shown;
}

export class SummaryTextWriter implements ReportWriter {
  readonly mediaType = 'text/plain; charset=utf-8';
  readonly extension = 'txt';
  private readonly c: Palette;
  private meta: ReportMeta | undefined;

  constructor(options: WriterOptions = {}) {
    this.c = options.color === true ? COLORS : NO_COLORS;
  }

  /** Attribution lines the hooks removed (provenance notes), and the commits they were removed from. */
  private removed = { lines: 0, commits: 0 };

  begin(meta: ReportMeta): string {
    this.meta = meta;
    this.removed = { lines: 0, commits: 0 };
    return '';
  }

  commit(audit: CommitAudit): string {
    if (audit.removed?.length) {
      this.removed.lines += audit.removed.length;
      this.removed.commits++;
    }
    return '';
  }

  end(summary: AuditSummary): string {
    const { c } = this;
    const lines: string[] = [this.headline(summary)];
    if (this.meta?.repository.shallow) {
      lines.push(c.yellow('  shallow clone: history is incomplete (git fetch --unshallow for all of it)'));
    }
    if (summary.commits === 0) {
      lines.push('  no commits in range');
      return lines.join('\n') + '\n';
    }

    const width = Math.max(...[summary.assisted, summary.unverified, summary.none].map((n) => groupDigits(n).length));
    const row = (label: string, n: number): string => `  ${padEndColumns(label, LABEL_WIDTH)} ${padStartColumns(groupDigits(n), width)}`;
    lines.push(c.green(row('assisted', summary.assisted)) + `  (${percent(summary.assisted, summary.commits)} %)`);
    const unverified = row('unverified', summary.unverified);
    lines.push(summary.unverified > 0
      ? c.yellow(unverified) + "  VS Code's Co-authored-by: Copilot <copilot@github.com> with no other evidence"
      : unverified);
    lines.push(row('none', summary.none));
    if (summary.messageOnly > 0) lines.push(`  ${summary.messageOnly} assisted ${summary.messageOnly === 1 ? 'commit has' : 'commits have'} AI evidence for the message only (aider's mark on the committer)`);
    if (summary.empty > 0) lines.push(`  ${summary.empty} ${summary.empty === 1 ? 'commit changes' : 'commits change'} nothing (empty)`);
    const tiers = AUTONOMY_TIERS.filter((t) => summary.autonomy[t] > 0);
    if (tiers.length) lines.push(c.bold('autonomy: ') + tiers.map((t) => `${t} ${groupDigits(summary.autonomy[t])}`).join(' · '));

    if (summary.tools.length > 0) {
      lines.push(c.bold('tools: ') + list(summary.tools, MAX_TOOLS, (t) => `${c.cyan(t.tool)} ${groupDigits(t.commits)}`));
    }
    if (summary.models.length > 0) {
      lines.push(c.bold('models: ') + list(summary.models, MAX_MODELS, (m) => `${terminalSafe(m.model)} ${groupDigits(m.commits)}`));
    }
    const assistedAuthors = summary.authors
      .filter((a) => a.assisted > 0)
      .sort((a, b) => b.assisted - a.assisted || (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
    if (assistedAuthors.length > 0) {
      lines.push(c.bold('top assisted authors: ')
        + list(assistedAuthors, MAX_AUTHORS, (a) => `${terminalSafe(a.name || a.email)} ${groupDigits(a.assisted)}`));
    }
    if (this.removed.lines > 0) {
      const { lines: n, commits: m } = this.removed;
      lines.push(`${c.bold('removed: ')}${groupDigits(n)} attribution ${n === 1 ? 'line' : 'lines'} in ${groupDigits(m)} ${m === 1 ? 'commit' : 'commits'} `
        + '(the hooks recorded each in its provenance note)');
    }
    lines.push(c.dim('run with --format jsonl for per-commit evidence'));
    return lines.join('\n') + '\n';
  }

  private headline(summary: AuditSummary): string {
    const meta = this.meta;
    const root = meta ? terminalSafe(meta.repository.id) : '.';
    const parts = [meta ? terminalSafe(describeRevs(meta.query)) : 'HEAD'];
    parts.push(`${groupDigits(summary.commits)} ${summary.commits === 1 ? 'commit' : 'commits'}`);
    if (summary.firstDate !== undefined && summary.lastDate !== undefined) {
      parts.push(`${terminalSafe(summary.firstDate.slice(0, 10))} → ${terminalSafe(summary.lastDate.slice(0, 10))}`);
    }
    return `${this.c.bold('AI provenance')} · ${root} (${parts.join(', ')})`;
  }
}
