// argv → validated options. node:util parseArgs does the splitting (strict: unknown options are
// usage errors); a zod schema turns strings into typed, checked values with one-line messages.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import * as z from 'zod/mini';
import { UsageError } from './errors';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** Splits argv for a command; unknown options and missing values become UsageErrors. */
export function splitArgs(argv: string[], options: OptionSpec, command: string): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).split(/\.\s|\n/)[0] ?? '';
    throw new UsageError(`${command}: ${message.replace(/\.$/, '')} (see --help)`);
  }
}

/** Parses with a zod schema; the first issue becomes a one-line UsageError naming the option. */
export function validate<T>(schema: z.ZodMiniType<T>, input: unknown, command: string): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue?.path.length ? `--${issue.path.join('.')}` : 'arguments';
  throw new UsageError(`${command}: invalid ${where}: ${describeIssue(issue)}`);
}

type Issue = z.core.$ZodIssue;

export function describeIssue(issue: Issue | undefined): string {
  if (!issue) return 'invalid value';
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type') return `expected ${issue.expected}`;
  if (issue.code === 'too_small') return `must be at least ${String(issue.minimum)}`;
  if (issue.code === 'too_big') return `must be at most ${String(issue.maximum)}`;
  return issue.message && issue.message !== 'Invalid input' ? issue.message : 'invalid value';
}

/** A decimal integer option ("5000"); NaN-free. */
export const intString = z.pipe(
  z.string().check(z.regex(/^\d+$/, 'expected a whole number')),
  z.transform((s: string) => Number(s)),
);

/** A non-empty string that git will not read as an option. */
export const safeString = z.string().check(
  z.minLength(1, 'must not be empty'),
  z.refine((s) => !s.startsWith('-'), 'must not start with "-"'),
);
