// `ai-provenance blame`: git blame with provenance — every line of a file, the commit that last
// changed it, that commit's verdict, tools, models and autonomy, and the line-level record covering
// the line (recorded tool, model, session, source) when there is one.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as z from 'zod/mini';
import { runBlame } from '../../app/lines/blame';
import { BLAME_FORMATS, renderBlame, type BlameViewCommit } from '../../core/report/blameFormat';
import { terminalSafe } from '../../core/report/summaryText';
import { safeString, splitArgs, validate, type OptionSpec } from '../args';
import { EXIT, UsageError } from '../errors';
import { FileOutput, StdoutOutput, type Output } from '../output';
import { VERSION } from '../version';
import type { CliContext } from '../context';

export const BLAME_HELP = `Usage: ai-provenance blame [--repo DIR] [REV] [--contents FILE|-] [--format text|json|porcelain]
                          [--detect-moves] [-L A,B] [--] PATH

Prints every line of PATH at REV (default HEAD) with the commit that last changed it (git blame),
that commit's verdict (assisted, unverified, none), tools, models and autonomy, and the line-level
record that covers the line in that commit (ai-provenance note, git-ai note, Agent Trace) — the
record counts only while blame still names the recording commit for the line: a recorded line a
human edited later is blamed on the human's commit.

  --contents FILE   blame this text as PATH's new version (an unsaved buffer); '-' reads stdin.
                    Lines not in any commit are "uncommitted". With REV it needs git 2.41 or newer.
  --format F        text (default): git blame's columns plus class and tools
                    json: { path, rev, lines: [{ line, sha, verdict, tools, models, recorded, class,
                    origLine, origPath, content }], commits }
                    porcelain: git blame --porcelain plus ai-verdict, ai-tools, ai-model, ai-class and
                    ai-recorded* header lines
  --detect-moves, -M  follow lines moved or copied from other files (git blame -M -C)
  -L A,B            only lines A to B
  --no-cache        do not read or write the audit cache
  --output FILE     write to FILE (atomically) instead of stdout
  --verbose         log every git call and its duration on stderr

Exit codes: 0 done, 2 usage error, 3 git/IO error (unverifiable: unknown revision, no such path).`;

const OPTIONS: OptionSpec = {
  repo: { type: 'string' },
  contents: { type: 'string' },
  format: { type: 'string' },
  'detect-moves': { type: 'boolean', short: 'M' },
  L: { type: 'string', short: 'L' },
  'no-cache': { type: 'boolean' },
  output: { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const Options = z.object({
  repo: z.optional(safeString),
  contents: z.optional(z.string().check(z.minLength(1))),
  format: z.optional(z.enum(BLAME_FORMATS)),
  'detect-moves': z.optional(z.boolean()),
  L: z.optional(z.string().check(z.regex(/^\d+,\d+$/, 'expected A,B (line numbers)'))),
  'no-cache': z.optional(z.boolean()),
  output: z.optional(z.string().check(z.minLength(1))),
  verbose: z.optional(z.boolean()),
  help: z.optional(z.boolean()),
});

/** REV and PATH: `[REV] -- PATH`, or without `--`: `PATH` or `REV PATH`. */
function revAndPath(argv: string[]): { options: string[]; rev?: string; file?: string; extra: number } {
  const dashes = argv.indexOf('--');
  if (dashes === -1) return { options: argv, extra: 0 };
  const after = argv.slice(dashes + 1);
  return { options: argv.slice(0, dashes), ...(after[0] !== undefined ? { file: after[0] } : {}), extra: Math.max(0, after.length - 1) };
}

async function readStdin(ctx: CliContext): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.stdin as AsyncIterable<Buffer | string>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

export async function blameCommand(argv: string[], ctx: CliContext): Promise<number> {
  const split = revAndPath(argv);
  const { values, positionals } = splitArgs(split.options, OPTIONS, 'blame');
  const o = validate(Options, values, 'blame');
  if (o.help) {
    ctx.stdout.write(`${BLAME_HELP}\n`);
    return EXIT.ok;
  }
  let rev: string | undefined;
  let file = split.file;
  if (split.extra) throw new UsageError('blame: one PATH at a time (see --help)');
  if (file !== undefined) {
    if (positionals.length > 1) throw new UsageError('blame: one revision at most before -- (see --help)');
    rev = positionals[0];
  } else {
    if (positionals.length === 0 || positionals.length > 2) throw new UsageError('blame: give [REV] [--] PATH (see --help)');
    [rev, file] = positionals.length === 2 ? [positionals[0], positionals[1]] : [undefined, positionals[0]];
  }
  const range = o.L ? (o.L.split(',').map(Number) as [number, number]) : undefined;
  if (range && (range[0] < 1 || range[1] < range[0])) throw new UsageError('blame: -L A,B needs 1 <= A <= B');
  const base = path.resolve(ctx.cwd, o.repo ?? '.');
  let contents: Buffer | undefined;
  if (o.contents === '-') contents = await readStdin(ctx);
  else if (o.contents !== undefined) {
    try {
      contents = readFileSync(path.resolve(ctx.cwd, o.contents));
    } catch (e) {
      throw new UsageError(`blame: --contents: cannot read ${o.contents}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  const outcome = await runBlame({
    repo: base, path: file as string, pathBase: base, detectMoves: o['detect-moves'] ?? false, cache: !o['no-cache'], version: VERSION,
    ...(rev !== undefined ? { rev } : {}), ...(contents !== undefined ? { contents } : {}), ...(range ? { range } : {}),
    ...(o.verbose ? { log: (line: string) => void ctx.stderr.write(`${line}\n`) } : {}),
  });
  const commits = new Map<string, BlameViewCommit>();
  for (const [sha, c] of outcome.commits) {
    const { sha: _sha, ...details } = c.blame;
    commits.set(sha, { ...details, ...(c.facts ? { date: c.facts.date } : {}) });
  }
  const text = renderBlame({
    path: outcome.path, rev: outcome.rev, contents: contents !== undefined, detectMoves: o['detect-moves'] ?? false,
    lines: outcome.lines, commits,
  }, o.format ?? 'text');
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
