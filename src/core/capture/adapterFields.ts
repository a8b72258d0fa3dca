// What every agent-payload adapter shares: the adapted shape of an edit and the small, defensive
// readers of payload fields (odd values become undefined, never exceptions). Pure.
import type { LineRange } from '../evidence/lineRanges';
import type { ToolId } from '../model';
import type { EditKind } from '../evidence/evidenceSchema';

export interface AdaptedFile {
  /** As the agent gave it: absolute, or relative to the edit's `cwd`. */
  path: string;
  /** Exact lines, when the payload says (Claude's structuredPatch, Cursor Tab's range, our own shape). */
  ranges?: LineRange[];
  /** Texts the edit put in the file: the caller locates them in the current content with rangesOf(). */
  inserted?: string[];
  /** `inserted` came from a replace-all edit: every occurrence is the agent's. */
  everyOccurrence?: boolean;
  /** The file's text as the editor holds it (maybe unsaved); used instead of reading the file. */
  content?: string;
}

export interface AdaptedEdit {
  tool: ToolId;
  model?: string;
  session?: string;
  /** Which adapter read it: 'claude-code', 'cursor', 'cursor-tab', 'copilot-cli', or the caller's. */
  source: string;
  /** The agent's working directory: relative paths are resolved against it. */
  cwd?: string;
  /** What kind of edit, when the source knows (VS Code's tracker: 'inline-suggestion' or 'chat-edit'). */
  kind?: EditKind;
  /** How the tool was determined, for the record (e.g. the candidate extensions when VS Code names none). */
  detail?: string;
  files: AdaptedFile[];
}

export const MODEL_MAX = 250;
const SESSION_MAX = 2000;

/** A trimmed, non-empty string of at most `max` characters, else undefined. */
export function text(value: unknown, max = 4096): string | undefined {
  if (typeof value !== 'string') return undefined;
  const t = value.trim();
  return t && t.length <= max && !t.includes('\0') ? t : undefined;
}

export function meta(tool: ToolId, source: string, model: unknown, session: unknown, cwd: unknown): Omit<AdaptedEdit, 'files'> {
  const m = text(model, MODEL_MAX);
  const s = text(session, SESSION_MAX);
  const c = text(cwd);
  return { tool, source, ...(m ? { model: m } : {}), ...(s ? { session: s } : {}), ...(c ? { cwd: c } : {}) };
}

/** A path as given (not trimmed: spaces are legal in names). */
export function pathText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() && value.length <= 4096 && !value.includes('\0') ? value : undefined;
}

export const strings = (values: unknown[]): string[] => values.filter((v): v is string => typeof v === 'string');

/** The file with only the evidence that counts: exact ranges beat texts to locate. */
export function clean(file: AdaptedFile): AdaptedFile {
  const out: AdaptedFile = { path: file.path };
  if (file.ranges?.length) out.ranges = file.ranges;
  else if (file.inserted?.length) {
    out.inserted = file.inserted;
    if (file.everyOccurrence) out.everyOccurrence = true;
  }
  return out;
}
