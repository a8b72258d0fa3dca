// JSON Lines read with a zod schema: blank lines are skipped, a bad line becomes a problem
// (`line N: …`), never an exception. Used for provenance notes and Agent Trace files.
import type * as z from 'zod/mini';

export interface ParsedLines<T> {
  records: { line: number; record: T }[];
  /** Lines that are not valid records: reported, never fatal. */
  problems: string[];
}

/**
 * `describe` words the problem for an invalid record (default: the first issue's path); `pick`
 * chooses the schema a line is checked with (a record type), so problems name the right field.
 */
export function parseJsonLines<T>(text: string, schema: z.ZodMiniType<T>,
  describe: (issue: z.core.$ZodIssue | undefined) => string = (issue) => `${issue?.path.join('.') || 'record'} is invalid`,
  pick: (raw: unknown) => z.ZodMiniType<T> = () => schema): ParsedLines<T> {
  const records: ParsedLines<T>['records'] = [];
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    const trimmed = line.trim();
    if (!trimmed) return;
    let raw: unknown;
    try {
      raw = JSON.parse(trimmed);
    } catch {
      problems.push(`line ${i + 1}: not JSON`);
      return;
    }
    const r = pick(raw).safeParse(raw);
    if (r.success) records.push({ line: i + 1, record: r.data });
    else problems.push(`line ${i + 1}: ${describe(r.error.issues[0])}`);
  });
  return { records, problems };
}
