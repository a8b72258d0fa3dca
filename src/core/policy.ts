// applyPolicy(message, recorded evidence, policy) → the message to commit, or a rejection that says
// exactly what to change. Pure and line-based: only attribution lines are touched, everything else
// (human co-authors, comments, the scissors part) stays byte for byte.
import type { ToolId } from './model';
import { parseTrailers, type TrailerOptions } from './trailers';
import { trailerEvidence } from './classify';
import { BODY_MARKERS } from './signatures';
import { toolFromName } from './identify';
import { modeFor, type Policy } from './policySchema';
import { formatTrailer, TOOL_DISPLAY } from './trailerWriter';

/** Evidence recorded for the files of this commit (working log), per tool. */
export interface RecordedTool {
  tool: ToolId;
  models: string[];
  files: string[];
}

export type PolicyOutcome =
  | { action: 'unchanged'; message: string }
  | { action: 'rewritten'; message: string; changes: string[] }
  | { action: 'reject'; reasons: string[] };

export interface ApplyOptions {
  trailers?: Omit<TrailerOptions, 'noDivider'>;
  /** 'prepare' (before the editor): only add trailers, so the user sees them; 'commit': everything. */
  stage?: 'prepare' | 'commit';
}

interface Line {
  text: string; // without the line ending
  eol: string;
  start: number;
}

interface Attribution {
  /** Indexes of the lines it spans (a trailer with continuation lines spans several). */
  lines: number[];
  tools: ToolId[];
  text: string;
}

export function applyPolicy(message: string, recorded: readonly RecordedTool[], policy: Policy, options: ApplyOptions = {}): PolicyOutcome {
  const stage = options.stage ?? 'commit';
  const commentChar = options.trailers?.commentChar || '#';
  const lines = splitLines(message);
  const end = contentEnd(message, lines, commentChar);
  const attributions = findAttributions(message, lines, end, options);
  const recordedTools = new Set(recorded.map((r) => r.tool));
  const reasons: string[] = [];
  const drop = new Set<number>();
  const changes: string[] = [];
  const disclosed = new Set<ToolId>();

  for (const a of attributions) {
    const modes = a.tools.map((t) => modeFor(policy, t));
    if (modes.includes('forbid')) {
      reasons.push(`this repository forbids AI attribution: remove "${a.text}"`);
      continue;
    }
    const supported = a.tools.some((t) => recordedTools.has(t) || (t === 'unknown-ai' && recordedTools.size > 0));
    const remove = stage === 'commit' && a.tools.every((t) => {
      const mode = modeFor(policy, t);
      return mode === 'strip' || (mode === 'evidence' && !supported);
    });
    if (remove) {
      a.lines.forEach((i) => drop.add(i));
      changes.push(`removed "${a.text}"${modes.includes('evidence') ? ' (no recorded evidence)' : ''}`);
    } else {
      a.tools.forEach((t) => disclosed.add(t));
    }
  }

  const additions: string[] = [];
  for (const r of recorded) {
    const mode = modeFor(policy, r.tool);
    if (disclosed.has(r.tool) || (r.tool === 'unknown-ai' && disclosed.size > 0)) continue;
    const suggestion = formatTrailer(policy.format, r.tool, r.models[0]);
    const files = r.files.length ? ` (${summarizeFiles(r.files)})` : '';
    if (mode === 'forbid') {
      reasons.push(`AI assistance from ${TOOL_DISPLAY[r.tool]} was recorded for this commit${files}, and this repository forbids AI-generated code`);
    } else if (mode === 'require' && stage === 'commit') {
      reasons.push(`AI assistance from ${TOOL_DISPLAY[r.tool]} was recorded${files} but is not disclosed: add the trailer "${suggestion}"`);
    } else if (mode === 'evidence') {
      const models = r.models.length ? r.models : [undefined];
      for (const model of models) additions.push(formatTrailer(policy.format, r.tool, model));
    }
  }
  if (reasons.length) return stage === 'commit' ? { action: 'reject', reasons } : { action: 'unchanged', message };

  const body = lines.slice(0, end).filter((_, i) => !drop.has(i));
  if (additions.length && !body.some((l) => l.text.trim() && !l.text.startsWith(commentChar))) {
    additions.length = 0; // an empty message aborts the commit: never turn it into a trailer-only commit
  }
  if (drop.size === 0 && additions.length === 0) return { action: 'unchanged', message };
  const rebuilt = rebuild(message, lines, end, drop, [...new Set(additions)], options);
  for (const a of new Set(additions)) changes.push(`added "${a}"`);
  return rebuilt === message ? { action: 'unchanged', message } : { action: 'rewritten', message: rebuilt, changes };
}

function splitLines(message: string): Line[] {
  const lines: Line[] = [];
  let i = 0;
  while (i < message.length) {
    const nl = message.indexOf('\n', i);
    const stop = nl === -1 ? message.length : nl;
    const cr = stop > i && message[stop - 1] === '\r';
    lines.push({ text: message.slice(i, cr ? stop - 1 : stop), eol: nl === -1 ? '' : cr ? '\r\n' : '\n', start: i });
    i = nl === -1 ? message.length : nl + 1;
  }
  return lines;
}

/** Index of the first line after the message proper: trailing comments, blank lines, the scissors part. */
function contentEnd(message: string, lines: Line[], commentChar: string): number {
  const scissors = lines.findIndex((l) => l.text === `${commentChar} ------------------------ >8 ------------------------`);
  let end = scissors === -1 ? lines.length : scissors;
  while (end > 0 && (lines[end - 1]?.text.trim() === '' || lines[end - 1]?.text.startsWith(commentChar))) end--;
  return end;
}

function findAttributions(message: string, lines: Line[], end: number, options: ApplyOptions): Attribution[] {
  const text = lines.slice(0, end).map((l) => l.text + l.eol).join('');
  const block = parseTrailers(text, { ...options.trailers, noDivider: true });
  const commentChar = options.trailers?.commentChar || '#';
  const result: Attribution[] = [];
  for (let i = 1; i < end; i++) {
    const line = lines[i] as Line;
    if (line.text.startsWith(commentChar)) continue;
    const inBlock = line.start >= block.start && line.start < block.end;
    const trailer = inBlock ? block.trailers.find((t) => t.line === i) : undefined;
    if (inBlock && !trailer) continue; // a continuation line: handled with its trailer
    const span = [i];
    if (trailer) {
      while (span.length + i < end && /^[ \t]/.test(lines[i + span.length]?.text ?? '')) span.push(i + span.length);
      const tools = [...new Set(trailerEvidence(trailer.key, trailer.value).map((e) => e.tool))];
      if (tools.length) result.push({ lines: span, tools, text: `${trailer.key}: ${trailer.value}` });
      continue;
    }
    const tools = lineTools(line.text.trim());
    if (tools.length) result.push({ lines: span, tools, text: line.text.trim() });
  }
  return result;
}

/** Tools named by an attribution line outside the trailer block: body markers or a misplaced trailer. */
function lineTools(text: string): ToolId[] {
  for (const row of BODY_MARKERS) {
    if (row.subjectOnly || row.requires) continue; // rows that need the whole message (aider's transcripts) are not lines to strip
    const m = row.pattern.exec(text);
    if (!m) continue;
    const tool = m.groups?.name ? toolFromName(m.groups.name) : row.tool;
    if (tool) return [tool];
  }
  const t = /^([A-Za-z0-9][A-Za-z0-9-]*)[ \t]*:[ \t]*(\S.*)$/.exec(text);
  return t ? [...new Set(trailerEvidence(t[1] as string, (t[2] as string).trim()).map((e) => e.tool))] : [];
}

function rebuild(message: string, lines: Line[], end: number, drop: Set<number>, additions: string[], options: ApplyOptions): string {
  const eol = lines.find((l) => l.eol)?.eol ?? '\n';
  const kept: Line[] = [];
  for (let i = 0; i < end; i++) {
    if (drop.has(i)) continue;
    const line = lines[i] as Line;
    // collapse the blank lines a removal leaves behind
    if (line.text.trim() === '' && (kept.length === 0 || kept[kept.length - 1]?.text.trim() === '')) continue;
    kept.push(line);
  }
  while (kept.length && kept[kept.length - 1]?.text.trim() === '') kept.pop();
  let out = kept.map((l, i) => (i < kept.length - 1 ? l.text + (l.eol || eol) : l.text)).join('');
  if (additions.length) {
    const block = parseTrailers(out + eol, { ...options.trailers, noDivider: true });
    out += (block.start < block.end ? eol : eol + eol) + additions.join(eol);
  }
  const tail = message.slice(lines[end]?.start ?? message.length);
  if (tail || (end > 0 && lines[end - 1]?.eol)) out += eol;
  return out + tail;
}

function summarizeFiles(files: readonly string[]): string {
  return files.length <= 3 ? files.join(', ') : `${files.slice(0, 3).join(', ')} and ${files.length - 3} more`;
}
