// `ai-provenance report --by tool|author|month`: one summary table of the audited range.
import * as z from 'zod/mini';
import { runAudit } from '../../app/audit/audit';
import { BY_KEYS, TABLE_FORMATS, renderTable, summaryTable } from '../../core/report/byTable';
import { MonthAccumulator } from '../../core/report/months';
import { SummaryAccumulator } from '../../core/history/summary';
import { splitArgs, validate, type OptionSpec } from '../args';
import { READ_OPTIONS, SELECT_OPTIONS, readShape, reading, selectShape, selection } from '../historyOptions';
import { PRIVACY_OPTIONS, REDACT_HELP, privacyShape } from '../privacyOptions';
import { redactAudit } from '../../core/report/redact';
import { sha256 } from '../../app/sha256';
import { EXIT, UsageError } from '../errors';
import { FileOutput, StdoutOutput, type Output } from '../output';
import { VERSION } from '../version';
import type { CliContext } from '../context';
import { terminalSafe } from '../../core/report/summaryText';

export const REPORT_HELP = `Usage: ai-provenance report --by tool|author|month [--format text|markdown|csv|json] [--output FILE]
                           [--repo DIR] [REV...] [--all] [-n N] [--since D] [--until D] [--path P]...

Prints one summary table of the audited range:
  --by tool     commits naming each AI tool, and their share of all commits
  --by author   commits, assisted and unverified commits per author
  --by month    commits per month (author date) by verdict, and the assisted share
  --format F    text (aligned columns, default), markdown, csv (RFC 4180) or json
  --output FILE write the table to FILE (atomically) instead of stdout
${REDACT_HELP}
  REV... --all -n N --since D --until D --path P --no-diffs --scan-merges --no-cache --fetch-missing --repo DIR --verbose
                select and read history as for audit

Exit codes: 0 done, 2 usage error, 3 git/IO error (unverifiable).`;

const OPTIONS: OptionSpec = {
  by: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string' },
  ...SELECT_OPTIONS,
  ...READ_OPTIONS,
  ...PRIVACY_OPTIONS,
};

const Options = z.object({
  by: z.optional(z.enum(BY_KEYS)),
  format: z.optional(z.enum(TABLE_FORMATS)),
  output: z.optional(z.string().check(z.minLength(1))),
  ...selectShape,
  ...readShape,
  ...privacyShape,
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
  const outcome = await runAudit({ ...selection(o, positionals, ctx), ...reading(o), version: VERSION }, {
    begin: () => undefined,
    commit: (c) => {
      const audit = o['redact-emails'] ? redactAudit(c.audit, sha256) : c.audit;
      summary.add(audit);
      months.add(audit);
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
  for (const notice of outcome.notices) ctx.stderr.write(`ai-provenance: note: ${terminalSafe(notice)}\n`);
  return EXIT.ok;
}
