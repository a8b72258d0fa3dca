// Agent hook payloads (already JSON-parsed) → the evidence of one edit: which files, which lines.
// Pure: the caller reads the edited files and locates the inserted text with rangesOf().
// Every payload is recognised with loose zod/mini schemas; odd input gives undefined, never throws.
import * as z from 'zod/mini';
import { RangeSchema } from '../evidence/evidenceSchema';
import { familyOfModel, toolFromName } from '../detect/identify';
import { isToolId } from '../model';
import { clean, meta, pathText, strings, text, MODEL_MAX, type AdaptedEdit, type AdaptedFile } from './adapterFields';
import { fromCodex, fromGemini, fromVsCode } from './agentAdapters';
import { mergeRanges, type LineRange } from '../evidence/lineRanges';

export type { AdaptedEdit, AdaptedFile } from './adapterFields';

// --- Claude Code ------------------------------------------------------------------------------
// PostToolUse input (https://code.claude.com/docs/en/hooks#posttooluse-input): session_id,
// transcript_path, cwd, permission_mode, hook_event_name, tool_name, tool_input, tool_response,
// tool_use_id. tool_input per tool: Write {file_path, content}; Edit {file_path, old_string,
// new_string, replace_all?}; MultiEdit {file_path, edits: [{old_string, new_string, replace_all?}]};
// NotebookEdit {notebook_path, new_source, cell_id?, edit_mode?}. Edit/Write tool_response carries
// jsdiff's structuredPatch [{oldStart, oldLines, newStart, newLines, lines}] (observed, undocumented).
// No model field is documented; an optional `model` is read when present.
const ClaudeHook = z.looseObject({
  hook_event_name: z.optional(z.literal('PostToolUse')),
  tool_name: z.enum(['Write', 'Edit', 'MultiEdit', 'NotebookEdit']),
  tool_input: z.record(z.string(), z.unknown()),
});

const Hunk = z.looseObject({ newStart: z.int().check(z.nonnegative()), lines: z.array(z.string()) });

function fromClaude(p: Record<string, unknown>): AdaptedEdit | undefined {
  const hook = ClaudeHook.safeParse(p);
  if (!hook.success) return undefined;
  const { tool_name: name, tool_input: input } = hook.data;
  const response = p.tool_response as Record<string, unknown> | undefined;
  if (response && typeof response === 'object' && response.success === false) return undefined;
  const path = pathText(name === 'NotebookEdit' ? input.notebook_path : input.file_path);
  if (!path) return undefined;
  const file: AdaptedFile = { path };
  const patch = z.array(Hunk).safeParse(response && typeof response === 'object' ? response.structuredPatch : undefined);
  const patched = patch.success ? addedLines(patch.data) : [];
  if (patched.length > 0) {
    file.ranges = patched;
  } else if (name === 'Write') {
    file.inserted = strings([input.content]);
  } else if (name === 'Edit') {
    file.inserted = strings([input.new_string]);
    if (input.replace_all === true) file.everyOccurrence = true;
  } else if (name === 'MultiEdit' && Array.isArray(input.edits)) {
    const edits = input.edits.filter((e): e is Record<string, unknown> => Boolean(e) && typeof e === 'object');
    file.inserted = strings(edits.map((e) => e.new_string));
    if (edits.some((e) => e.replace_all === true)) file.everyOccurrence = true;
  }
  // NotebookEdit: the .ipynb is JSON; a cell's lines are not file lines, so the evidence is file-level.
  return { ...meta('claude', 'claude-code', p.model, p.session_id, p.cwd), files: [clean(file)] };
}

// --- Cursor -----------------------------------------------------------------------------------
// Hooks (https://cursor.com/docs/agent/hooks): common fields conversation_id, generation_id, model,
// hook_event_name, cursor_version, workspace_roots, user_email; afterFileEdit {file_path,
// edits: [{old_string, new_string}]}; afterTabFileEdit adds per edit range {start_line_number,
// start_column, end_line_number, end_column}, old_line, new_line.
const CursorHook = z.looseObject({
  hook_event_name: z.enum(['afterFileEdit', 'afterTabFileEdit']),
  file_path: z.string(),
  edits: z.optional(z.array(z.unknown())),
  workspace_roots: z.optional(z.array(z.unknown())),
});
const TabRange = z.looseObject({ start_line_number: z.int().check(z.positive()) });

function fromCursor(p: Record<string, unknown>): AdaptedEdit | undefined {
  const hook = CursorHook.safeParse(p);
  if (!hook.success) return undefined;
  const path = pathText(hook.data.file_path);
  if (!path) return undefined;
  const tab = hook.data.hook_event_name === 'afterTabFileEdit';
  const edits = (hook.data.edits ?? []).filter((e): e is Record<string, unknown> => Boolean(e) && typeof e === 'object');
  const inserted = strings(edits.map((e) => e.new_string));
  const file: AdaptedFile = { path, inserted };
  if (tab) {
    // Tab edits are short (often part of one line): the range Cursor reports beats a text search.
    const ranges: LineRange[] = [];
    const located = edits.every((e) => {
      const added = typeof e.new_string === 'string' ? e.new_string : '';
      if (!added) return true;
      const r = TabRange.safeParse(e.range);
      if (!r.success) return false;
      const start = r.data.start_line_number;
      ranges.push([start, start + lineBreaks(added.replace(/\r?\n$/, ''))]);
      return true;
    });
    if (located && ranges.length > 0) {
      file.ranges = mergeRanges(ranges);
      delete file.inserted;
    }
  }
  const roots = strings(hook.data.workspace_roots ?? []);
  const cwd = text(p.cwd) ?? roots.find((r) => path.startsWith(r.replace(/[\\/]+$/, '') + '/')) ?? roots[0];
  const session = p.conversation_id ?? p.generation_id;
  return { ...meta('cursor', tab ? 'cursor-tab' : 'cursor', p.model, session, cwd), files: [clean(file)] };
}

// --- GitHub Copilot CLI -----------------------------------------------------------------------
// Hooks (https://docs.github.com/en/copilot/reference/copilot-cli-reference/cli-hooks-reference
// and /copilot/reference/hooks-configuration): postToolUse {sessionId, timestamp, cwd, toolName,
// toolArgs (a JSON string, or an object in newer releases), toolResult {resultType,
// textResultForLlm}}; configured as PascalCase `PostToolUse` it sends {hook_event_name, session_id,
// cwd, tool_name, tool_input, tool_result {result_type}}. File tools: `create` {path, file_text},
// `edit` {path, old_str, new_str}. preToolUse (no result yet) is ignored: nothing was written.
const COPILOT_TOOLS = ['edit', 'create'] as const;
const CopilotCamel = z.looseObject({ toolName: z.enum(COPILOT_TOOLS), toolArgs: z.unknown(), toolResult: z.record(z.string(), z.unknown()) });
const CopilotPascal = z.looseObject({
  hook_event_name: z.literal('PostToolUse'),
  tool_name: z.enum(COPILOT_TOOLS),
  tool_input: z.unknown(),
});

function fromCopilot(p: Record<string, unknown>): AdaptedEdit | undefined {
  let args: unknown;
  let outcome: unknown;
  let session: unknown;
  const camel = CopilotCamel.safeParse(p);
  if (camel.success) {
    args = camel.data.toolArgs;
    outcome = camel.data.toolResult.resultType;
    session = p.sessionId;
  } else {
    const pascal = CopilotPascal.safeParse(p);
    if (!pascal.success) return undefined;
    args = pascal.data.tool_input;
    const result = p.tool_result as Record<string, unknown> | undefined;
    outcome = result && typeof result === 'object' ? result.result_type : undefined;
    session = p.session_id;
  }
  if (outcome !== undefined && outcome !== 'success') return undefined;
  if (typeof args === 'string') {
    try {
      args = JSON.parse(args);
    } catch {
      return undefined;
    }
  }
  if (!args || typeof args !== 'object') return undefined;
  const a = args as Record<string, unknown>;
  const path = pathText(a.path ?? a.file_path);
  if (!path) return undefined;
  const file: AdaptedFile = { path, inserted: strings([a.new_str ?? a.file_text ?? a.content]) };
  return { ...meta('copilot', 'copilot-cli', p.model, session, p.cwd), files: [clean(file)] };
}

// --- Our own shape ----------------------------------------------------------------------------
// {tool, model?, session?, source?, cwd?, files: [{path, ranges?: [[start, end], …]}]} for any other
// agent or script. `tool` is a tool id or a name (`Claude Code`); an unknown name is unknown-ai.
const OwnShape = z.looseObject({
  tool: z.string().check(z.minLength(1)),
  files: z.array(z.looseObject({ path: z.string().check(z.minLength(1)), ranges: z.optional(z.array(RangeSchema)) })).check(z.minLength(1)),
});

function fromOwn(p: Record<string, unknown>): AdaptedEdit | undefined {
  const own = OwnShape.safeParse(p);
  if (!own.success) return undefined;
  const name = own.data.tool.trim();
  const model = text(p.model, MODEL_MAX);
  const tool = isToolId(name) ? name : toolFromName(name) ?? (model ? familyOfModel(model) : undefined) ?? 'unknown-ai';
  const files = own.data.files.map((f) => clean({ path: f.path, ...(f.ranges?.length ? { ranges: mergeRanges(f.ranges) } : {}) }));
  return { ...meta(tool, text(p.source, 60) ?? 'json', model, p.session, p.cwd), files };
}

/**
 * The file edit a hook payload describes, or undefined when it is not one (a shell command, a
 * read, a failed tool call, a pre-tool hook, an unknown shape). Never throws.
 */
export function adaptPayload(payload: unknown): AdaptedEdit | undefined {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
  const p = payload as Record<string, unknown>;
  try {
    return fromClaude(p) ?? fromCopilot(p) ?? fromCursor(p) ?? fromGemini(p) ?? fromCodex(p) ?? fromVsCode(p) ?? fromOwn(p);
  } catch {
    return undefined;
  }
}

// --- Line ranges ------------------------------------------------------------------------------

const MAX_RANGES = 1000;

function lineBreaks(s: string, end = s.length): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1 && i < end; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Where `inserted` sits in `content`, as 1-based inclusive line ranges. Only an unambiguous match
 * counts (a unique occurrence, or every occurrence with `all`); whitespace-only or absent text gives
 * []. Line ends are compared without CRs. A whole-file write gives [[1, lineCount]].
 */
export function rangesOf(content: string, inserted: string, options: { all?: boolean } = {}): LineRange[] {
  const hay = content.includes('\r') ? content.replace(/\r\n/g, '\n') : content;
  const needle = inserted.includes('\r') ? inserted.replace(/\r\n/g, '\n') : inserted;
  if (!needle.trim()) return [];
  const found: number[] = [];
  for (let i = hay.indexOf(needle); i !== -1 && found.length <= MAX_RANGES; i = hay.indexOf(needle, i + needle.length)) {
    found.push(i);
    if (!options.all && found.length > 1) return [];
  }
  if (found.length > MAX_RANGES) return [];
  const ranges: LineRange[] = [];
  let line = 1;
  let scanned = 0;
  for (const at of found) {
    line += lineBreaks(hay.slice(scanned, at));
    scanned = at;
    // A leading line break only ends the line before; a trailing one ends the last inserted line.
    const start = hay[at] === '\n' ? line + 1 : line;
    const end = line + lineBreaks(needle, needle.length - 1);
    if (start <= end) ranges.push([start, end]);
  }
  return mergeRanges(ranges);
}

/** The lines a unified-diff hunk list adds (jsdiff structuredPatch: ' ', '-', '+' and '\' lines). */
export function addedLines(hunks: readonly { newStart: number; lines: readonly string[] }[]): LineRange[] {
  const ranges: LineRange[] = [];
  for (const hunk of hunks) {
    let line = Math.max(1, hunk.newStart);
    for (const l of hunk.lines) {
      if (l.startsWith('+')) ranges.push([line, line++]);
      else if (l.startsWith(' ')) line++;
    }
  }
  return mergeRanges(ranges);
}
