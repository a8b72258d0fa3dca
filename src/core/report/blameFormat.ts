// `ai-provenance blame` output: text (git blame's columns plus the line's class and tools), JSON
// (`{ path, rev, lines[], commits }`) and porcelain (git's `--porcelain` plus `ai-*` header lines,
// which readers of git's format skip as unknown headers). Pure.
import type { ToolId, Verdict } from '../model';
import type { LineClass } from '../lines/lineClass';
import type { RecordedBy } from '../lines/recordedIndex';
import { terminalSafe } from './summaryText';
import { fitColumns, padEndColumns, padStartColumns } from './textWidth';

export const BLAME_FORMATS = ['text', 'json', 'porcelain'] as const;
export type BlameFormat = (typeof BLAME_FORMATS)[number];

export interface BlameViewLine {
  line: number;
  sha: string;
  verdict: Verdict | 'uncommitted';
  tools: ToolId[];
  models: string[];
  autonomy?: string;
  /** The line-level record covering the line in the blamed commit, or null. */
  recorded: RecordedBy | null;
  /** The line's class in `lines` terms ('uncommitted' for text not committed yet). */
  class: LineClass | 'uncommitted';
  origLine: number;
  origPath: string;
  content: string;
}

/** What `git blame --porcelain` says of a commit (git/blameReader.ts reads it). */
export interface BlameHeaders {
  author?: string;
  authorMail?: string;
  authorTime?: number;
  authorTz?: string;
  committer?: string;
  committerMail?: string;
  committerTime?: number;
  committerTz?: string;
  summary?: string;
  /** The parent commit and path blame compared against (absent for a root commit). */
  previous?: { sha: string; path: string };
  /** git marks root and boundary commits. */
  boundary?: boolean;
}

/** What git blame said of a commit, plus its audit's facts. */
export interface BlameViewCommit extends BlameHeaders {
  /** ISO author date from the audit. */
  date?: string;
}

export interface BlameView {
  path: string;
  rev: string | null;
  /** The text blamed was given (`--contents`), not read from the commit. */
  contents: boolean;
  detectMoves: boolean;
  lines: BlameViewLine[];
  commits: Map<string, BlameViewCommit>;
}

export function renderBlame(view: BlameView, format: BlameFormat): string {
  switch (format) {
    case 'json': return `${JSON.stringify(blameJson(view))}\n`;
    case 'porcelain': return porcelain(view);
    case 'text': return text(view);
    default: {
      const unknown: never = format;
      throw new Error(`unknown format: ${String(unknown)}`);
    }
  }
}

export function blameJson(view: BlameView): object {
  const commits: Record<string, object> = {};
  for (const l of view.lines) {
    if (commits[l.sha]) continue;
    const c = view.commits.get(l.sha);
    commits[l.sha] = {
      subject: c?.summary ?? '', author: { name: c?.author ?? '', email: c?.authorMail ?? '' },
      ...(c?.date ? { date: c.date } : c?.authorTime !== undefined ? { date: new Date(c.authorTime * 1000).toISOString() } : {}),
      verdict: l.verdict, tools: l.tools, models: l.models, ...(l.autonomy ? { autonomy: l.autonomy } : {}),
    };
  }
  return {
    path: view.path, rev: view.rev, contents: view.contents, detectMoves: view.detectMoves,
    lines: view.lines.map((l) => ({
      line: l.line, sha: l.sha, verdict: l.verdict, tools: l.tools, models: l.models, ...(l.autonomy ? { autonomy: l.autonomy } : {}),
      recorded: l.recorded, class: l.class, origLine: l.origLine, origPath: l.origPath, content: l.content,
    })),
    commits,
  };
}

const oneLine = (s: string): string => s.replace(/[\r\n]+/g, ' ');

function porcelain(view: BlameView): string {
  const shown = new Set<string>();
  const paths = new Map<string, Set<string>>();
  for (const l of view.lines) {
    const set = paths.get(l.sha) ?? new Set<string>();
    set.add(l.origPath);
    paths.set(l.sha, set);
  }
  const out: string[] = [];
  view.lines.forEach((l, i) => {
    const prev = view.lines[i - 1];
    const startsRun = !prev || prev.sha !== l.sha || prev.origLine + 1 !== l.origLine || prev.origPath !== l.origPath;
    let run = 1;
    if (startsRun) {
      for (let j = i + 1; j < view.lines.length; j++) {
        const n = view.lines[j] as BlameViewLine;
        if (n.sha !== l.sha || n.origLine !== l.origLine + (j - i) || n.origPath !== l.origPath) break;
        run++;
      }
    }
    out.push(`${l.sha} ${l.origLine} ${l.line}${startsRun ? ` ${run}` : ''}`);
    const first = !shown.has(l.sha);
    if (first) {
      shown.add(l.sha);
      const c = view.commits.get(l.sha) ?? {};
      const put = (key: string, value: string | number | undefined): void => void (value !== undefined && out.push(`${key} ${oneLine(String(value))}`));
      put('author', c.author);
      put('author-mail', c.authorMail !== undefined ? `<${c.authorMail}>` : undefined);
      put('author-time', c.authorTime);
      put('author-tz', c.authorTz);
      put('committer', c.committer);
      put('committer-mail', c.committerMail !== undefined ? `<${c.committerMail}>` : undefined);
      put('committer-time', c.committerTime);
      put('committer-tz', c.committerTz);
      put('summary', c.summary);
      if (c.boundary) out.push('boundary');
      if (c.previous) out.push(`previous ${c.previous.sha} ${quotePath(c.previous.path)}`);
      out.push(`ai-verdict ${l.verdict}`);
      if (l.tools.length) out.push(`ai-tools ${l.tools.join(' ')}`);
      for (const m of l.models) out.push(`ai-model ${oneLine(m)}`);
      if (l.autonomy) out.push(`ai-autonomy ${oneLine(l.autonomy)}`);
    }
    out.push(`ai-class ${l.class}`);
    if (l.recorded) {
      out.push(`ai-recorded ${l.recorded.tool} ${l.recorded.source}`);
      if (l.recorded.model) out.push(`ai-recorded-model ${oneLine(l.recorded.model)}`);
      if (l.recorded.session) out.push(`ai-recorded-session ${oneLine(l.recorded.session)}`);
      if (l.recorded.agent) out.push(`ai-recorded-agent ${oneLine(l.recorded.agent)}`);
    }
    if (first || (paths.get(l.sha)?.size ?? 0) > 1) out.push(`filename ${quotePath(l.origPath)}`);
    out.push(`\t${l.content}`);
  });
  return out.length ? `${out.join('\n')}\n` : '';
}

/** Quotes a path as git does when it holds a control character, a quote or a backslash. */
export function quotePath(p: string): string {
  if (!/[\u0000-\u001f"\\\u007f]/.test(p)) return p;
  const ESC: Record<string, string> = { '\u0007': 'a', '\b': 'b', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't', '\u000b': 'v', '"': '"', '\\': '\\' };
  return `"${p.replace(/[\u0000-\u001f"\\\u007f]/g, (c) => (ESC[c] ? `\\${ESC[c]}` : `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`))}"`;
}

const CLASS_LABEL: Record<BlameViewLine['class'], string> = {
  recorded: 'recorded', assistedCommit: 'assisted', unverified: 'unverified', none: 'none', unknown: 'unknown', uncommitted: 'uncommitted',
};

function text(view: BlameView): string {
  const width = String(view.lines.at(-1)?.line ?? 1).length;
  return view.lines.map((l) => {
    const c = view.commits.get(l.sha);
    const uncommitted = l.class === 'uncommitted';
    const who = uncommitted ? 'Not Committed Yet' : c?.author ?? '';
    const date = uncommitted ? '' : (c?.date ?? (c?.authorTime !== undefined ? new Date(c.authorTime * 1000).toISOString() : '')).slice(0, 10);
    const tools = l.recorded ? l.recorded.tool : l.tools.join(',');
    return `${l.sha.slice(0, 10)} ${padEndColumns(CLASS_LABEL[l.class], 10)} ${fitColumns(terminalSafe(tools), 14)} (${fitColumns(terminalSafe(who), 16)} ${padEndColumns(date, 10)} `
      + `${padStartColumns(String(l.line), width)}) ${l.content.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, ' ')}`;
  }).join('\n') + (view.lines.length ? '\n' : '');
}
