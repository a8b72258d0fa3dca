// `ai-provenance export`: the audit of a range in an interchange format (JSON report, CSV, Markdown,
// HTML, SARIF, in-toto, Agent Trace), optionally signed (in-toto + DSSE).
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as z from 'zod/mini';
import { AttestUsageError, resolveSigner, signStatement, type Signer } from '../../app/export/attest';
import { LINES_EXPORT_FORMATS, runExport, type TextSink } from '../../app/export/export';
import { EXPORT_FORMATS } from '../../core/report/writer';
import { splitArgs, validate, type OptionSpec } from '../args';
import { READ_OPTIONS, SELECT_OPTIONS, readShape, reading, selectShape, selection } from '../historyOptions';
import { PRIVACY_OPTIONS, REDACT_HELP, privacyShape } from '../privacyOptions';
import { EXIT, UsageError } from '../errors';
import { FileOutput, StdoutOutput, type Output } from '../output';
import { VERSION } from '../version';
import type { CliContext } from '../context';
import { terminalSafe } from '../../core/report/summaryText';

export const EXPORT_HELP = `Usage: ai-provenance export [--repo DIR] [REV...] --format F [--output FILE] [--generated-at T]
                           [--rows commit|evidence] [--sign [--key KEY]] [--policy FILE] [--lines] [filters]

Exports the audit of a range for other tools. The same history and options give byte-identical
output (no clock unless --generated-at is given).

  --format F        json         the versioned report (JSON Schema: dist/schemas/report.schema.json)
                    csv          RFC 4180, one row per commit (--rows evidence: one per evidence item)
                    markdown     human report: summary, per tool/author/month, unverified trailers,
                                 policy violations
                    html         the same as one self-contained page with charts (no network, strict CSP)
                    sarif        SARIF 2.1.0 for code scanning (github/codeql-action/upload-sarif)
                    intoto       in-toto Statement v1: subjects the commits, predicate the JSON report
                    agent-trace  Agent Trace 0.1.0 records (JSON Lines) of the recorded line ranges
                    cyclonedx    CycloneDX 1.6 BOM: the repository, its AI-assisted commits (pedigree), recorded
                                 lines (evidence), models, and cdxgen's cdx:ai:codegen:* properties
  --rows R          csv: commit (default) or evidence
  --sign            intoto: a DSSE envelope signed with your SSH key (ssh-keygen -Y sign) or GPG key
  --key KEY         an SSH key file or a GPG key id (default: git config user.signingKey; SSH when
                    gpg.format is ssh or KEY is a file). Verify with: ai-provenance verify FILE
  --policy FILE     markdown, html: check against this team file instead of the repository's policy
  --lines           json, markdown, html, sarif: add the line figures of the tree at the range's tip
                    (ai-provenance lines: total, recorded, assistedCommit, unverified, none, by tool);
                    sarif also gets one AIP009 result per recorded line range as it stands in that tree
  --generated-at T  record this time (ISO 8601 with offset) in the report
  --output FILE     write the export to FILE (atomically) instead of stdout
${REDACT_HELP}
  REV... --all -n N --since D --until D --path P --no-diffs --scan-merges --no-cache --fetch-missing --repo DIR --verbose
                    select and read history as for audit

Exit codes: 0 done, 2 usage error, 3 git/IO error (unverifiable) or signing failed.`;

const OPTIONS: OptionSpec = {
  ...SELECT_OPTIONS,
  ...READ_OPTIONS,
  ...PRIVACY_OPTIONS,
  format: { type: 'string' },
  rows: { type: 'string' },
  sign: { type: 'boolean' },
  key: { type: 'string' },
  policy: { type: 'string' },
  'generated-at': { type: 'string' },
  output: { type: 'string' },
  lines: { type: 'boolean' },
};

const Options = z.object({
  ...selectShape,
  ...readShape,
  ...privacyShape,
  format: z.optional(z.enum(EXPORT_FORMATS)),
  rows: z.optional(z.enum(['commit', 'evidence'])),
  sign: z.optional(z.boolean()),
  key: z.optional(z.string().check(z.minLength(1))),
  policy: z.optional(z.string().check(z.minLength(1))),
  'generated-at': z.optional(z.iso.datetime({ offset: true, message: 'expected an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z' })),
  output: z.optional(z.string().check(z.minLength(1))),
  lines: z.optional(z.boolean()),
});

export async function exportCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = splitArgs(argv, OPTIONS, 'export');
  const o = validate(Options, values, 'export');
  if (o.help) {
    ctx.stdout.write(`${EXPORT_HELP}\n`);
    return EXIT.ok;
  }
  if (!o.format) throw new UsageError(`export: --format is required (${EXPORT_FORMATS.join(', ')})`);
  if (o.sign && o.format !== 'intoto') throw new UsageError('export: --sign applies to --format intoto');
  if (o.key && !o.sign) throw new UsageError('export: --key needs --sign');
  if (o.rows && o.format !== 'csv') throw new UsageError('export: --rows applies to --format csv');
  if (o.lines && !LINES_EXPORT_FORMATS.includes(o.format)) throw new UsageError(`export: --lines applies to --format ${LINES_EXPORT_FORMATS.join(', ')}`);
  if (o.policy && o.format !== 'markdown' && o.format !== 'html') throw new UsageError('export: --policy applies to --format markdown and html');
  const policyFile = o.policy ? path.resolve(ctx.cwd, o.policy) : undefined;
  if (policyFile && !existsSync(policyFile)) throw new UsageError(`export: --policy: no such file: ${o.policy}`);
  const selected = selection(o, positionals, ctx);
  const { repo, log } = selected;

  let signer: Signer | undefined;
  try {
    signer = o.sign ? await resolveSigner(repo, o.key && existsSync(path.resolve(ctx.cwd, o.key)) ? path.resolve(ctx.cwd, o.key) : o.key, log) : undefined;
  } catch (e) {
    if (e instanceof AttestUsageError) throw new UsageError(`export: ${e.message}`);
    throw e;
  }
  const out: Output = o.output ? new FileOutput(o.output) : new StdoutOutput(ctx.stdout);
  const statement: string[] = [];
  const sink: TextSink = signer ? { write: (text) => void statement.push(text) } : out;
  try {
    const outcome = await runExport({
      ...selected,
      ...reading(o),
      version: VERSION,
      format: o.format,
      ...(o.rows ? { rows: o.rows } : {}),
      ...(o['generated-at'] ? { generatedAt: o['generated-at'] } : {}),
      ...(policyFile ? { policyFile } : {}),
      ...(o['redact-emails'] ? { redactEmails: true } : {}),
      ...(o.lines ? { lines: true } : {}),
    }, sink);
    if (signer) await out.write(await signStatement(Buffer.from(statement.join(''), 'utf8'), signer, log));
    await out.commit();
    for (const notice of outcome.notices) ctx.stderr.write(`ai-provenance: note: ${terminalSafe(notice)}\n`);
    return EXIT.ok;
  } catch (e) {
    out.abort();
    if (e instanceof Error && e.name === 'SigningError') {
      ctx.stderr.write(`ai-provenance: could not sign: ${terminalSafe(e.message)}\n`);
      return EXIT.unverifiable;
    }
    throw e;
  }
}
