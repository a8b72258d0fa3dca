// `ai-provenance merge REPORT.json...`: one report from the JSON reports of shards or repositories.
import * as path from 'node:path';
import * as z from 'zod/mini';
import { runMerge } from '../../app/fleet/merge';
import { FLEET_FORMATS, createFleetWriter } from '../../core/fleet/fleetWriters';
import { terminalSafe } from '../../core/report/summaryText';
import { sha256 } from '../../app/sha256';
import { splitArgs, validate, type OptionSpec } from '../args';
import { EXIT, UsageError } from '../errors';
import { FileOutput, StdoutOutput, type Output } from '../output';
import { PRIVACY_OPTIONS, REDACT_HELP, privacyShape } from '../privacyOptions';
import { VERSION } from '../version';
import type { CliContext } from '../context';

export const MERGE_HELP = `Usage: ai-provenance merge REPORT.json... [--format json|jsonl|markdown|html] [--output FILE]

Combines JSON reports — one repository's (export --format json), many (fleet --format json) or an
earlier merge — into one report, the same whatever the order of the files: repositories sorted by
name, each with its commits in git's order, every figure recounted from the commits. A repository
in several reports with the same history is counted once; with different histories, or reports of
different schema versions, the merge is refused.

  --format F        json (default; JSON Schema dist/schemas/fleet-report.schema.json), jsonl,
                    markdown or html, as for fleet
  --output FILE     write the report to FILE (atomically) instead of stdout
  --generated-at T  record this time (ISO 8601 with offset) in the report
${REDACT_HELP}

Exit codes: 0 merged, 2 usage error, 3 a report could not be read, is not a report of this schema
version, or contradicts another; or the merged report has repositories that could not be read.`;

const OPTIONS: OptionSpec = {
  ...PRIVACY_OPTIONS,
  format: { type: 'string' },
  output: { type: 'string' },
  'generated-at': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

const Options = z.object({
  ...privacyShape,
  format: z.optional(z.enum(FLEET_FORMATS)),
  output: z.optional(z.string().check(z.minLength(1))),
  'generated-at': z.optional(z.iso.datetime({ offset: true, message: 'expected an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z' })),
  help: z.optional(z.boolean()),
});

export async function mergeCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = splitArgs(argv, OPTIONS, 'merge');
  const o = validate(Options, values, 'merge');
  if (o.help) {
    ctx.stdout.write(`${MERGE_HELP}\n`);
    return EXIT.ok;
  }
  if (!positionals.length) throw new UsageError('merge: give the JSON reports to merge (REPORT.json...)');
  const out: Output = o.output ? new FileOutput(path.resolve(ctx.cwd, o.output)) : new StdoutOutput(ctx.stdout);
  try {
    const merged = await runMerge({
      files: positionals, cwd: ctx.cwd, version: VERSION,
      ...(o['redact-emails'] ? { redactEmails: true } : {}),
      ...(o['generated-at'] ? { generatedAt: o['generated-at'] } : {}),
    }, createFleetWriter(o.format ?? 'json', sha256), out);
    await out.commit();
    for (const n of merged.notices) ctx.stderr.write(`ai-provenance: note: ${terminalSafe(n)}\n`);
    let unverifiable = 0;
    for (const e of merged.totals.repositories) {
      if (!('unverifiable' in e)) continue;
      unverifiable++;
      ctx.stderr.write(`ai-provenance: unverifiable: ${terminalSafe(e.repository)}: ${terminalSafe(e.unverifiable)}\n`);
    }
    return unverifiable ? EXIT.unverifiable : EXIT.ok;
  } catch (e) {
    out.abort();
    if (e instanceof Error && e.name === 'MergeError') {
      ctx.stderr.write(`ai-provenance: unverifiable: merge: ${terminalSafe(e.message)}\n`);
      return EXIT.unverifiable;
    }
    throw e;
  }
}
