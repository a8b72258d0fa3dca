// `ai-provenance fleet`: audit many repositories on one machine, in parallel, into one report.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import * as z from 'zod/mini';
import { runFleet } from '../../app/fleet/fleet';
import { findRepositories, parseRepositoryList } from '../../app/fleet/fleetRepos';
import { FLEET_FORMATS, createFleetWriter, type FleetFormat } from '../../core/fleet/fleetWriters';
import { terminalSafe } from '../../core/report/summaryText';
import { sha256 } from '../../app/sha256';
import { intString, safeString, splitArgs, validate, type OptionSpec } from '../args';
import { EXIT, UsageError } from '../errors';
import { READ_OPTIONS, readShape, reading } from '../historyOptions';
import { FileOutput, Progress, StdoutOutput, type Output } from '../output';
import { PRIVACY_OPTIONS, REDACT_HELP, privacyShape } from '../privacyOptions';
import { VERSION } from '../version';
import type { CliContext } from '../context';

export const FLEET_HELP = `Usage: ai-provenance fleet [--repos FILE | DIR...] [--jobs N] [--no-diffs] [--since D]
                          [--format jsonl|json|markdown|html] [--output FILE]

Audits many repositories into one report. Each is audited as \`ai-provenance audit\` would (HEAD,
its own cache, so a second run reads only new commits), N at a time. Every record names its
repository by its remote URL without credentials, else its folder name (never its path here).

  DIR...            directories searched for git repositories (work trees and bare repositories;
                    the search does not descend into a repository nor follow symbolic links)
  --repos FILE      repository paths, one per line (# comments; - reads the list from stdin)
  --jobs N          repositories audited at a time (default: the number of CPUs, here ${availableParallelism()})
  --format F        jsonl     one commit per line, with "repository" (JSON Schema:
                              dist/schemas/fleet-record.schema.json); the default off a terminal
                    json      one document: the commits, one entry per repository, per tool and per
                              month figures, totals (dist/schemas/fleet-report.schema.json)
                    markdown  the summary, per repository, per tool and per month (default on a terminal)
                    html      the same as one self-contained page with charts
  --output FILE     write the report to FILE (atomically) instead of stdout
  --since D, --until D, --all, -n N   select commits in each repository as for audit
  --no-diffs, --scan-merges, --no-cache   read history as for audit
  --generated-at T  record this time (ISO 8601 with offset) in json, markdown and html reports
${REDACT_HELP}
  --verbose         log every git call on stderr

A repository that cannot be read is reported (its name and one line on stderr, an entry in json,
markdown and html) and the others go on. Progress goes to stderr on a terminal.
Exit codes: 0 every repository was audited, 2 usage error, 3 some repository could not be read
(unverifiable) or none was found.`;

const OPTIONS: OptionSpec = {
  ...READ_OPTIONS,
  ...PRIVACY_OPTIONS,
  repos: { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  all: { type: 'boolean' },
  'max-count': { type: 'string', short: 'n' },
  since: { type: 'string' },
  until: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string' },
  'generated-at': { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const Options = z.object({
  ...readShape,
  ...privacyShape,
  repos: z.optional(z.string().check(z.minLength(1))),
  jobs: z.optional(z.pipe(intString, z.int().check(z.gte(1), z.lte(256)))),
  all: z.optional(z.boolean()),
  'max-count': z.optional(intString),
  since: z.optional(safeString),
  until: z.optional(safeString),
  format: z.optional(z.enum(FLEET_FORMATS)),
  output: z.optional(z.string().check(z.minLength(1))),
  'generated-at': z.optional(z.iso.datetime({ offset: true, message: 'expected an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z' })),
  verbose: z.optional(z.boolean()),
  help: z.optional(z.boolean()),
});

async function readStdin(stream: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

export async function fleetCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = splitArgs(argv, OPTIONS, 'fleet');
  const o = validate(Options, values, 'fleet');
  if (o.help) {
    ctx.stdout.write(`${FLEET_HELP}\n`);
    return EXIT.ok;
  }
  if (o.repos && positionals.length) throw new UsageError('fleet: give either --repos FILE or DIR..., not both');
  if (!o.repos && !positionals.length) throw new UsageError('fleet: give the directories to search (DIR...) or a list of repositories (--repos FILE)');
  let list;
  if (o.repos) {
    let text: string;
    try {
      text = o.repos === '-' ? await readStdin(ctx.stdin) : readFileSync(path.resolve(ctx.cwd, o.repos), 'utf8');
    } catch (e) {
      throw new UsageError(`fleet: --repos: cannot read ${o.repos} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    list = { repositories: parseRepositoryList(text, ctx.cwd), unreadable: [] };
  } else list = findRepositories(positionals, ctx.cwd);
  if (!list.repositories.length && !list.unreadable.length) {
    ctx.stderr.write(`ai-provenance: unverifiable: fleet: no git repository ${o.repos ? `listed in ${o.repos}` : `under ${positionals.join(', ')}`}\n`);
    return EXIT.unverifiable;
  }
  const format: FleetFormat = o.format ?? (ctx.stdout.isTTY && !o.output ? 'markdown' : 'jsonl');
  const out: Output = o.output ? new FileOutput(path.resolve(ctx.cwd, o.output)) : new StdoutOutput(ctx.stdout);
  const progress = new Progress(ctx.stderr);
  const abort = new AbortController();
  const stdout = out instanceof StdoutOutput ? out : undefined;
  // A reader that went away (`| head`): stop auditing, quietly, as audit does.
  const sink = { write: (text: string) => (stdout?.closed ? void abort.abort() : out.write(text)) };
  try {
    const outcome = await runFleet({
      repositories: list.repositories, unreadable: list.unreadable,
      jobs: o.jobs ?? availableParallelism(), all: o.all ?? false, ...reading(o), version: VERSION,
      ...(o['max-count'] !== undefined ? { maxCount: o['max-count'] } : {}),
      ...(o.since ? { since: o.since } : {}),
      ...(o.until ? { until: o.until } : {}),
      ...(o['redact-emails'] ? { redactEmails: true } : {}),
      ...(o['generated-at'] ? { generatedAt: o['generated-at'] } : {}),
      ...(o.verbose ? { log: (line: string) => void ctx.stderr.write(`${line}\n`) } : {}),
      signal: abort.signal,
      ...(progress.enabled ? { onProgress: (p) => progress.update(`fleet: ${p.done}/${p.total} repositories`
        + `${p.running ? `, ${p.running} running` : ''}${p.unverifiable ? `, ${p.unverifiable} unverifiable` : ''}`) } : {}),
    }, createFleetWriter(format, sha256), sink);
    progress.clear();
    await out.commit();
    for (const n of outcome.notices) ctx.stderr.write(`ai-provenance: note: ${terminalSafe(n)}\n`);
    for (const e of outcome.totals.repositories) {
      if ('unverifiable' in e) ctx.stderr.write(`ai-provenance: unverifiable: ${terminalSafe(e.repository)}: ${terminalSafe(e.unverifiable)}\n`);
    }
    return outcome.unverifiable ? EXIT.unverifiable : EXIT.ok;
  } catch (e) {
    progress.clear();
    out.abort();
    if (stdout?.closed) return EXIT.ok;
    throw e;
  }
}
