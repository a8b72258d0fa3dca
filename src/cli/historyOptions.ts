// The options every history-reading command shares (audit, export, check, report): which commits
// (REV..., --all, -n, --since, --until, --path, --repo), how to read them (--no-diffs, --scan-merges,
// --no-cache, --fetch-missing) and --verbose. One spec, one schema, one mapping to the audit's selection.
import * as path from 'node:path';
import * as z from 'zod/mini';
import { intString, safeString, type OptionSpec } from './args';
import type { CliContext } from './context';

export const SELECT_OPTIONS: OptionSpec = {
  repo: { type: 'string' },
  all: { type: 'boolean' },
  'max-count': { type: 'string', short: 'n' },
  since: { type: 'string' },
  until: { type: 'string' },
  path: { type: 'string', multiple: true },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export const READ_OPTIONS: OptionSpec = {
  'no-diffs': { type: 'boolean' },
  'scan-merges': { type: 'boolean' },
  'no-cache': { type: 'boolean' },
  'fetch-missing': { type: 'boolean' },
};

export const selectShape = {
  repo: z.optional(safeString),
  all: z.optional(z.boolean()),
  'max-count': z.optional(intString),
  since: z.optional(safeString),
  until: z.optional(safeString),
  path: z.optional(z.array(z.string().check(z.minLength(1)))),
  verbose: z.optional(z.boolean()),
  help: z.optional(z.boolean()),
};

export const readShape = {
  'no-diffs': z.optional(z.boolean()),
  'scan-merges': z.optional(z.boolean()),
  'no-cache': z.optional(z.boolean()),
  'fetch-missing': z.optional(z.boolean()),
};

type Selected = z.infer<z.ZodMiniObject<typeof selectShape>>;
type Read = z.infer<z.ZodMiniObject<typeof readShape>>;

export interface Selection {
  repo: string;
  revs: string[];
  all: boolean;
  paths: string[];
  maxCount?: number;
  since?: string;
  until?: string;
  log?: (line: string) => void;
}

/** The commits to read, as runAudit and friends take them. */
export function selection(o: Selected, positionals: string[], ctx: CliContext): Selection {
  return {
    repo: path.resolve(ctx.cwd, o.repo ?? '.'),
    revs: positionals,
    all: o.all ?? false,
    paths: o.path ?? [],
    ...(o['max-count'] !== undefined ? { maxCount: o['max-count'] } : {}),
    ...(o.since ? { since: o.since } : {}),
    ...(o.until ? { until: o.until } : {}),
    ...(o.verbose ? { log: (line: string) => void ctx.stderr.write(`${line}\n`) } : {}),
  };
}

/** How to read them. */
export function reading(o: Read): { diffs: boolean; scanMerges: boolean; cache: boolean; fetchMissing?: boolean } {
  return { diffs: !o['no-diffs'], scanMerges: o['scan-merges'] ?? false, cache: !o['no-cache'], ...(o['fetch-missing'] ? { fetchMissing: true } : {}) };
}
