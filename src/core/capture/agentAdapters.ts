// Hook payloads of Gemini CLI, Codex CLI and VS Code's agent → the evidence of one edit (see
// adapters.ts for Claude Code, Cursor and Copilot CLI). Pure; odd input gives undefined.
import * as z from 'zod/mini';
import { clean, meta, pathText, strings, type AdaptedEdit, type AdaptedFile } from './adapterFields';
import type { LineRange } from '../evidence/lineRanges';

// --- Gemini CLI ---------------------------------------------------------------------------------
// AfterTool input (https://geminicli.com/docs/hooks/reference): session_id, transcript_path, cwd,
// hook_event_name "AfterTool", timestamp, tool_name, tool_input, tool_response {llmContent,
// returnDisplay, error?}. File tools (packages/core/src/tools/definitions/base-declarations.ts):
// write_file {file_path, content}; replace {file_path, old_string, new_string, allow_multiple?}.
const GeminiHook = z.looseObject({
  hook_event_name: z.literal('AfterTool'),
  tool_name: z.enum(['write_file', 'replace']),
  tool_input: z.record(z.string(), z.unknown()),
});

export function fromGemini(p: Record<string, unknown>): AdaptedEdit | undefined {
  const hook = GeminiHook.safeParse(p);
  if (!hook.success) return undefined;
  const response = p.tool_response as Record<string, unknown> | undefined;
  if (response && typeof response === 'object' && response.error !== undefined && response.error !== null) return undefined;
  const input = hook.data.tool_input;
  const path = pathText(input.file_path);
  if (!path) return undefined;
  const file: AdaptedFile = { path, inserted: strings([hook.data.tool_name === 'write_file' ? input.content : input.new_string]) };
  if (hook.data.tool_name === 'replace' && input.allow_multiple === true) file.everyOccurrence = true;
  return { ...meta('gemini', 'gemini-cli', p.model, p.session_id, p.cwd), files: [clean(file)] };
}

// --- Codex CLI ----------------------------------------------------------------------------------
// PostToolUse input (openai/codex codex-rs/hooks/schema/generated/post-tool-use.command.input.schema.json):
// session_id, turn_id, transcript_path, cwd, hook_event_name "PostToolUse", model, permission_mode,
// tool_name, tool_input, tool_response, tool_use_id. apply_patch passes its patch text as
// tool_input.command (PR #18391); it fires after the patch applied.
const CodexHook = z.looseObject({
  hook_event_name: z.literal('PostToolUse'),
  tool_name: z.literal('apply_patch'),
  tool_input: z.looseObject({ command: z.string() }),
});

export function fromCodex(p: Record<string, unknown>): AdaptedEdit | undefined {
  const hook = CodexHook.safeParse(p);
  if (!hook.success) return undefined;
  const files = patchFiles(hook.data.tool_input.command);
  if (files.length === 0) return undefined;
  return { ...meta('codex', 'codex-cli', p.model, p.session_id, p.cwd), files };
}

// --- VS Code agent ------------------------------------------------------------------------------
// PostToolUse input (https://code.visualstudio.com/docs/agent-customization/hooks): timestamp, cwd,
// sessionId, hookEventName, transcript_path, tool_name, tool_input (camelCase properties), tool_use_id,
// tool_response. File tools of the Copilot Chat extension (microsoft/vscode-copilot-chat
// src/extension/tools/node): create_file {filePath, content}; replace_string_in_file {filePath,
// oldString, newString}; multi_replace_string_in_file {replacements: [{filePath, oldString,
// newString}]}; insert_edit_into_file {filePath, code} (a sketch with "...existing code..." markers:
// file-level); edit_notebook_file {filePath} (file-level); apply_patch {input} (the V4A patch format).
const VsCodeHook = z.looseObject({
  hookEventName: z.literal('PostToolUse'),
  tool_name: z.string(),
  tool_input: z.record(z.string(), z.unknown()),
});

export function fromVsCode(p: Record<string, unknown>): AdaptedEdit | undefined {
  const hook = VsCodeHook.safeParse(p);
  if (!hook.success) return undefined;
  const input = hook.data.tool_input;
  const files = vsCodeFiles(hook.data.tool_name, input);
  if (files.length === 0) return undefined;
  return { ...meta('copilot', 'vscode-agent', p.model, p.sessionId ?? p.session_id, p.cwd), files };
}

function vsCodeFiles(tool: string, input: Record<string, unknown>): AdaptedFile[] {
  const one = (path: unknown, inserted?: unknown): AdaptedFile[] => {
    const p = pathText(path);
    return p ? [clean({ path: p, ...(inserted !== undefined ? { inserted: strings([inserted]) } : {}) })] : [];
  };
  switch (tool) {
    case 'create_file':
      return one(input.filePath, input.content);
    case 'replace_string_in_file':
      return one(input.filePath, input.newString);
    case 'multi_replace_string_in_file': {
      const list = Array.isArray(input.replacements) ? input.replacements : [];
      const byPath = new Map<string, string[]>();
      for (const r of list) {
        if (!r || typeof r !== 'object') continue;
        const rr = r as Record<string, unknown>;
        const p = pathText(rr.filePath);
        if (!p) continue;
        byPath.set(p, [...(byPath.get(p) ?? []), ...strings([rr.newString])]);
      }
      return [...byPath].map(([path, inserted]) => clean({ path, inserted }));
    }
    case 'insert_edit_into_file':
    case 'edit_notebook_file':
      return one(input.filePath);
    case 'apply_patch':
      return typeof input.input === 'string' ? patchFiles(input.input) : [];
    default:
      return [];
  }
}

// --- The apply_patch format ---------------------------------------------------------------------
// codex-rs/apply-patch: "*** Begin Patch", then per file "*** Add File: P" (every line "+…"),
// "*** Delete File: P", or "*** Update File: P" [+ "*** Move to: Q"] with "@@" hunks of " ", "-",
// "+" lines; "*** End of File" may close a hunk; "*** End Patch".

/** The files a patch writes: an added file is ours from line 1; an update's "+" runs are located later. */
export function patchFiles(patch: string): AdaptedFile[] {
  const files: AdaptedFile[] = [];
  let current: { path: string; added: boolean; lines: string[]; runs: string[][] } | undefined;
  let run: string[] | undefined;
  const endRun = (): void => {
    if (current && run?.length) current.runs.push(run);
    run = undefined;
  };
  const flush = (): void => {
    endRun();
    if (!current) return;
    if (current.added) {
      const ranges: LineRange[] = current.lines.length > 0 ? [[1, current.lines.length]] : [];
      files.push(clean({ path: current.path, ...(ranges.length ? { ranges } : {}) }));
    } else {
      files.push(clean({ path: current.path, inserted: current.runs.map((r) => `${r.join('\n')}\n`) }));
    }
    current = undefined;
  };
  for (const raw of patch.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const header = /^\*\*\* (Add File|Update File|Delete File|Move to): (.+)$/.exec(line);
    if (header) {
      const [, kind, target = ''] = header;
      if (kind === 'Move to') {
        if (current) current.path = target;
        continue;
      }
      flush();
      if (kind !== 'Delete File' && pathText(target)) current = { path: target, added: kind === 'Add File', lines: [], runs: [] };
      continue;
    }
    if (!current) continue;
    if (line.startsWith('+')) {
      if (current.added) current.lines.push(line.slice(1));
      else (run ??= []).push(line.slice(1));
    } else {
      endRun();
    }
  }
  flush();
  return files;
}
