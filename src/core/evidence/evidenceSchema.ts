// Recorded evidence: working-log entries (one file each, before the commit) and the records of a
// provenance note on refs/notes/ai-provenance (after). Notes are JSON Lines — one self-contained
// record per line — so git's notes.rewriteMode=concatenate (amend, rebase) and the cat_sort_uniq
// merge strategy keep them valid.
import * as z from 'zod/mini';
import { parseJsonLines } from '../json/jsonLines';
import { ATTRIBUTION_CLASSES, REMOVAL_ACTIONS, TOOL_IDS } from '../model';
import { MODES } from '../policy/policySchema';

export const NOTES_REF = 'refs/notes/ai-provenance';
export const GIT_AI_NOTES_REF = 'refs/notes/ai';

/** 1-based inclusive line range in the file as committed. */
export const RangeSchema = z.tuple([z.int().check(z.positive()), z.int().check(z.positive())]).check(
  z.refine(([a, b]) => a <= b, 'a range ends before it starts'),
);

/** A line digest: the first 16 hex chars of SHA-256 of the line (core/evidence/lineDigest.ts says which text). */
export const DigestSchema = z.string().check(z.regex(/^[0-9a-f]{16}$/));

export const FileRefSchema = z.strictObject({
  path: z.string().check(z.minLength(1), z.refine((p) => !p.startsWith('/') && !p.split('/').includes('..'), 'paths are repository-relative')),
  ranges: z.optional(z.array(RangeSchema)),
  /**
   * Digests of the lines the agent wrote, as they were when recorded (working-log entries only):
   * the commit is backed only when one of them is among its added lines, so AI text a human
   * overwrote backs nothing. Notes record the committed ranges instead.
   */
  digests: z.optional(z.array(DigestSchema)),
});
export type FileRef = z.infer<typeof FileRefSchema>;

const Common = {
  tool: z.enum(TOOL_IDS),
  model: z.optional(z.string().check(z.minLength(1), z.maxLength(250))),
  session: z.optional(z.string().check(z.minLength(1), z.maxLength(2000))),
  /** Where the record came from: 'cli', 'claude-code', 'cursor', 'copilot-cli', 'vscode', … */
  source: z.optional(z.string().check(z.maxLength(60))),
  /** What kind of edit, when the source says: VS Code's tracker tells an accepted inline suggestion from a chat edit. */
  kind: z.optional(z.enum(['inline-suggestion', 'chat-edit'])),
  /** How the tool was determined, when it is not certain (e.g. the candidate extensions VS Code could not tell apart). */
  detail: z.optional(z.string().check(z.maxLength(500))),
  files: z.array(FileRefSchema),
};
export type EditKind = 'inline-suggestion' | 'chat-edit';

/** One working-log entry: `<git dir>/ai-provenance/worklog/<time>-<pid>-<rand>.json`. */
export const WorklogEntrySchema = z.strictObject({
  v: z.literal(1),
  time: z.iso.datetime({ offset: true }),
  ...Common,
});
export type WorklogEntry = z.infer<typeof WorklogEntrySchema>;

/** One line of a provenance note. */
export const NoteRecordSchema = z.strictObject({
  v: z.literal(1),
  ...Common,
  /** When the evidence was recorded (the first entry's time). */
  recorded: z.optional(z.iso.datetime({ offset: true })),
});
export type NoteRecord = z.infer<typeof NoteRecordSchema>;

/**
 * One line of a provenance note recording an attribution line a hook removed, replaced, or had to
 * keep (removing it would have left a message git rejects as empty). Evidence records have no
 * `type`; readers tell the two apart by it.
 */
export const RemovalRecordSchema = z.strictObject({
  v: z.literal(1),
  type: z.literal('removal'),
  action: z.enum(REMOVAL_ACTIONS),
  /** The attribution line exactly as it was in the message (continuation lines joined by \n). */
  line: z.string().check(z.minLength(1), z.maxLength(2000)),
  reason: z.string().check(z.minLength(1), z.maxLength(1000)),
  mode: z.enum(MODES),
  tool: z.enum(TOOL_IDS),
  class: z.enum(ATTRIBUTION_CLASSES),
  /** The trailers written in its place (action `replaced`). */
  replacedBy: z.optional(z.array(z.string().check(z.maxLength(500)))),
  /** `sha256:<hex>` of the effective policy's canonical JSON (core/policy/policyDigest.ts). */
  policy: z.string().check(z.regex(/^sha256:[0-9a-f]{64}$/)),
  time: z.iso.datetime({ offset: true }),
});
export type RemovalRecord = z.infer<typeof RemovalRecordSchema>;

export interface ParsedNote {
  records: NoteRecord[];
  removals: RemovalRecord[];
  /** Lines that are not valid records: reported, never fatal. */
  problems: string[];
}

const AnyRecordSchema = z.union([RemovalRecordSchema, NoteRecordSchema]);

/** Parses a note's text (JSON Lines; blank lines ignored). */
export function parseNote(text: string): ParsedNote {
  const { records, problems } = parseJsonLines(text, AnyRecordSchema, undefined, (raw) =>
    (typeof raw === 'object' && raw !== null && (raw as { type?: unknown }).type === 'removal' ? RemovalRecordSchema : NoteRecordSchema));
  const evidence: NoteRecord[] = [];
  const removals: RemovalRecord[] = [];
  for (const { record } of records) {
    if ('type' in record) removals.push(record);
    else evidence.push(record);
  }
  return { records: evidence, removals, problems };
}

export function noteText(records: readonly (NoteRecord | RemovalRecord)[]): string {
  return records.map((r) => `${JSON.stringify(r)}\n`).join('');
}
