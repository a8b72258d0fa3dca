// `ai-provenance report --by tool|author|month`: one summary table of the audited range.
import * as path from 'node:path';
import * as z from 'zod/mini';
import { runAudit } from '../../app/audit';
import { BY_KEYS, TABLE_FORMATS, renderTable, summaryTable } from '../../core/report/byTable';
import { MonthAccumulator } from '../../core/report/months';
import { SummaryAccumulator } from '../../core/summary';
import { intString, safeString, splitArgs, validate, type OptionSpec } from '../args';
import { EXIT, UsageError } from '../errors';
import { FileOutput, StdoutOutput, type Output } from '../output';
import { VERSION } from '../version';
import type { CliContext } from '../context';

export const REPORT_HELP = `Usage: ai-provenance report --by tool|author|month [--format text|markdown|csv|json] [--output FILE]
                           [--repo DIR] [REV...] [--all] [-n N] [--since D] [--until D] [--path P]...

Prints one summary table of the audited range:
  --by tool     commits naming each AI tool, and their share of all commits
  --by author   commits, assisted and unverified commits per author
  --by month    commits per month (author date) by verdict, and the assisted share
  --format F    text (aligned columns, default), markdown, csv (RFC 4180) or json
  --output FILE write the table to FILE (atomically) instead of stdout
  REV... --all -n N --since D --until D --path P --no-diffs --no-cache --repo DIR --verbose
                select and read history as for audit

Exit codes: 0 done, 2 usage error, 3 git/IO error (unverifiable).`;

const OPTIONS: OptionSpec = {
  by: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string' },
  repo: { type: 'string' },
  all: { type: 'boolean' },
  'max-count': { type: 'string', short: 'n' },
  since: { type: 'string' },
  until: { type: 'string' },
  path: { type: 'string', multiple: true },
  'no-diffs': { type: 'boolean' },
  'no-cache': { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const Options = z.object({
  by: z.optional(z.enum(BY_KEYS)),
  format: z.optional(z.enum(TABLE_FORMATS)),
  output: z.optional(z.string().check(z.minLength(1))),
  repo: z.optional(safeString),
  all: z.optional(z.boolean()),
  'max-count': z.optional(intString),
  since: z.optional(safeString),
  until: z.optional(safeString),
  path: z.optional(z.array(z.string().check(z.minLength(1)))),
  'no-diffs': z.optional(z.boolean()),
  'no-cache': z.optional(z.boolean()),
  verbose: z.optional(z.boolean()),
  help: z.optional(z.boolean()),
});

export async function reportCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = splitArgs(argv, OPTIONS, 'report');
  const o = validate(Options, values, 'report');
  if (o.help) {
    ctx.stdout.write(`${REPORT_HELP}\n`);
    return EXIT.ok;
  }
  if (!o.by) throw new UsageError(`report: --by is required (${BY_KEYS.join(', ')})`);
  const summary = new SummaryAccumulator();
  const months = new MonthAccumulator();
  const outcome = await runAudit({
    repo: path.resolve(ctx.cwd, o.repo ?? '.'),
    revs: positionals,
    all: o.all ?? false,
    paths: o.path ?? [],
    diffs: !o['no-diffs'],
    cache: !o['no-cache'],
    version: VERSION,
    ...(o['max-count'] !== undefined ? { maxCount: o['max-count'] } : {}),
    ...(o.since ? { since: o.since } : {}),
    ...(o.until ? { until: o.until } : {}),
    ...(o.verbose ? { log: (line: string) => void ctx.stderr.write(`${line}\n`) } : {}),
  }, {
    begin: () => undefined,
    commit: (c) => {
      summary.add(c.audit);
      months.add(c.audit);
    },
  });
  const text = renderTable(summaryTable(o.by, summary.result(), months.result()), o.format ?? 'text');
  const out: Output = o.output ? new FileOutput(o.output) : new StdoutOutput(ctx.stdout);
  try {
    await out.write(text);
    await out.commit();
  } catch (e) {
    out.abort();
    throw e;
  }
  for (const notice of outcome.notices) ctx.stderr.write(`ai-provenance: note: ${notice}\n`);
  return EXIT.ok;
}
