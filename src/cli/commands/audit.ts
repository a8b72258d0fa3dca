// `ai-provenance audit`: audit history and print a report.
import * as z from 'zod/mini';
import { runAudit, type AuditedCommit } from '../../app/audit/audit';
import { SummaryAccumulator } from '../../core/history/summary';
import { createWriter } from '../../core/report/writers';
import { REPORT_FORMATS, type ReportFormat } from '../../core/report/writer';
import { intString, splitArgs, validate, type OptionSpec } from '../args';
import { READ_OPTIONS, SELECT_OPTIONS, readShape, reading, selectShape, selection } from '../historyOptions';
import { PRIVACY_OPTIONS, REDACT_HELP, privacyShape } from '../privacyOptions';
import { redactAudit } from '../../core/report/redact';
import { sha256 } from '../../app/sha256';
import { auditJson } from '../../core/history/auditJson';
import { EXIT } from '../errors';
import { FileOutput, Progress, StdoutOutput, useColor, type Output } from '../output';
import { VERSION } from '../version';
import type { CliContext } from '../context';
import { terminalSafe } from '../../core/report/summaryText';

export const AUDIT_HELP = `Usage: ai-provenance audit [--repo DIR] [REV...] [--all] [-n N] [--since D] [--until D]
                          [--path P]... [--no-diffs] [--no-cache] [--fetch-missing] [--format F] [--output FILE]

Audits the AI attribution of commits: trailers (read exactly as git reads them), AI identities
(author, committer, co-authors), marker lines in messages, AI markers in added diff lines.

  --repo DIR        repository to audit (default: the current directory)
  REV...            revisions or ranges as git log takes them (default: HEAD)
  --all             every branch, tag and remote ref (notes and stash excluded)
  -n, --max-count N audit at most N commits
  --since D, --until D   limit by commit date (any date git understands)
  --path P          only commits touching P (repeatable)
  --no-diffs        do not scan added lines for AI code markers (faster)
  --scan-merges     scan merges' diffs against their first parent (skipped by default)
  --diff-byte-cap N bytes of each commit's patch to scan (default 1048576)
  --no-cache        do not read or write the audit cache (<git common dir>/ai-provenance/cache)
  --fetch-missing   in a partial clone, let git fetch the objects it lacks (by default a missing
                    object is not fetched and the audit exits 3: unverifiable)
  --format F        jsonl | json | csv | markdown | summary
                    (default: summary on a terminal, jsonl otherwise)
  --output FILE     write the report to FILE (atomically) instead of stdout
${REDACT_HELP}
  --verbose         log every git call and its duration on stderr

Exit codes: 0 done, 2 usage error, 3 git/IO error: the history could not be verified.`;

const OPTIONS: OptionSpec = {
  ...SELECT_OPTIONS,
  ...READ_OPTIONS,
  ...PRIVACY_OPTIONS,
  'diff-byte-cap': { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string' },
};

const Options = z.object({
  ...selectShape,
  ...readShape,
  ...privacyShape,
  'diff-byte-cap': z.optional(intString),
  format: z.optional(z.enum(REPORT_FORMATS)),
  output: z.optional(z.string().check(z.minLength(1))),
});

export async function auditCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = splitArgs(argv, OPTIONS, 'audit');
  const o = validate(Options, values, 'audit');
  if (o.help) {
    ctx.stdout.write(`${AUDIT_HELP}\n`);
    return EXIT.ok;
  }
  const format: ReportFormat = o.format ?? (ctx.stdout.isTTY && !o.output ? 'summary' : 'jsonl');
  const writer = createWriter(format, { color: !o.output && useColor(ctx.stdout, ctx.env) });
  const summary = format === 'jsonl' ? undefined : new SummaryAccumulator();
  const out: Output = o.output ? new FileOutput(o.output) : new StdoutOutput(ctx.stdout);
  const progress = new Progress(ctx.stderr);
  const abort = new AbortController();
  const stdout = out instanceof StdoutOutput ? out : undefined;
  const redact = o['redact-emails'] ?? false;

  try {
    const outcome = await runAudit({
      ...selection(o, positionals, ctx),
      ...reading(o),
      version: VERSION,
      signal: abort.signal,
      ...(progress.enabled ? { onProgress: (n: number) => progress.update(`auditing… ${n.toLocaleString('en-US')} commits`) } : {}),
      ...(o['diff-byte-cap'] !== undefined ? { diffByteCap: o['diff-byte-cap'] } : {}),
    }, {
      begin: (meta) => out.write(writer.begin(meta)),
      commit: (c: AuditedCommit) => {
        if (stdout?.closed) return abort.abort();
        if (redact) {
          const audit = redactAudit(c.audit, sha256);
          if (summary) summary.add(audit);
          return out.write(format === 'jsonl' ? `${auditJson(audit)}\n` : writer.commit(audit));
        }
        if (summary) summary.add(c.audit);
        if (format !== 'jsonl') return out.write(writer.commit(c.audit));
        return c.line ? out.writeBytes(c.line) : out.write(`${c.json}\n`);
      },
    });
    progress.clear();
    await out.write(writer.end(summary?.result() ?? new SummaryAccumulator().result()));
    await out.commit();
    for (const notice of outcome.notices) ctx.stderr.write(`ai-provenance: note: ${terminalSafe(notice)}\n`);
    return EXIT.ok;
  } catch (e) {
    progress.clear();
    out.abort();
    if (stdout?.closed) return EXIT.ok;
    throw e;
  }
}
