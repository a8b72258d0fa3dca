// Recorded evidence: working-log entries (one file each, before the commit) and the records of a
// provenance note on refs/notes/ai-provenance (after). Notes are JSON Lines — one self-contained
// record per line — so git's notes.rewriteMode=concatenate (amend, rebase) and the cat_sort_uniq
// merge strategy keep them valid.
import * as z from 'zod/mini';
import { parseJsonLines } from './jsonLines';
import { TOOL_IDS } from './model';

export const NOTES_REF = 'refs/notes/ai-provenance';
export const GIT_AI_NOTES_REF = 'refs/notes/ai';

/** 1-based inclusive line range in the file as committed. */
export const RangeSchema = z.tuple([z.int().check(z.positive()), z.int().check(z.positive())]).check(
  z.refine(([a, b]) => a <= b, 'a range ends before it starts'),
);

export const FileRefSchema = z.strictObject({
  path: z.string().check(z.minLength(1), z.refine((p) => !p.startsWith('/') && !p.split('/').includes('..'), 'paths are repository-relative')),
  ranges: z.optional(z.array(RangeSchema)),
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

export interface ParsedNote {
  records: NoteRecord[];
  /** Lines that are not valid records: reported, never fatal. */
  problems: string[];
}

/** Parses a note's text (JSON Lines; blank lines ignored). */
export function parseNote(text: string): ParsedNote {
  const { records, problems } = parseJsonLines(text, NoteRecordSchema);
  return { records: records.map((r) => r.record), problems };
}

export function noteText(records: readonly NoteRecord[]): string {
  return records.map((r) => `${JSON.stringify(r)}\n`).join('');
}
