// `ai-provenance lines`: how much of the code at a revision came from AI, by file, directory, tool
// or author. Every line is classed by the commit git blame names for it and that commit's
// line-level records; binary and generated files are listed apart.
import * as z from 'zod/mini';
import { runLines } from '../../app/lines/lines';
import { LINES_FORMATS, renderLines } from '../../core/report/linesFormat';
import { BY_KEYS } from '../../core/lines/linesReport';
import { terminalSafe } from '../../core/report/summaryText';
import { intString, safeString, splitArgs, validate, type OptionSpec } from '../args';
import { EXIT, UsageError } from '../errors';
import { FileOutput, Progress, StdoutOutput, type Output } from '../output';
import { VERSION } from '../version';
import type { CliContext } from '../context';
import * as path from 'node:path';

export const LINES_HELP = `Usage: ai-provenance lines [--repo DIR] [REV] [--path P]... [--by file|dir|tool|author]
                          [--format text|json|csv|markdown] [--detect-moves] [--output FILE]

Counts the lines of the tree at REV (default HEAD) by where they came from. Each line is classed by
the commit git blame names for it (the commit that last changed it) and that commit's line-level
records (ai-provenance notes, git-ai notes, Agent Trace):

  recorded         a line-level record of that commit attributes the line to AI
  assistedCommit   the commit is AI-assisted, no line-level record covers the line
  unverified       the commit's only AI evidence is VS Code's sticky Copilot trailer
  none             the commit has no AI evidence (unknown authorship, not "human-written")
  unknown          the commit is a shallow clone's boundary: the line may be older

AI share = (recorded + assistedCommit) / total. Binary files (git's rule: the diff attribute, else
a NUL byte) and generated files (linguist-generated, lockfiles, *.min.js, "generated … DO NOT
EDIT" / "@generated" headers) are listed apart and not counted; so are symlinks and submodules.

  --path P          only files under P (repeatable; relative to the current directory, as git reads it)
  --by K            one row per file (default), dir (parent directory), tool (the recorded tool, else
                    the commit's tools) or author (the commit's author)
  --format F        text (default), json ({ totals, groups[], binary[], generated[], skipped[] }),
                    csv (RFC 4180), markdown
  --detect-moves, -M  follow lines moved or copied between files (git blame -M -C); slower
  --jobs N          git blame processes at once (default: one per core)
  --no-cache        do not read or write the blame cache (<git common dir>/ai-provenance/cache)
  --output FILE     write to FILE (atomically) instead of stdout
  --verbose         log every git call and its duration on stderr

Blame results are cached per file and reused while no commit changes the file: after one new
commit only the files it changed are blamed again.

Exit codes: 0 done, 2 usage error, 3 git/IO error (unverifiable).`;

const OPTIONS: OptionSpec = {
  repo: { type: 'string' },
  path: { type: 'string', multiple: true },
  by: { type: 'string' },
  format: { type: 'string' },
  'detect-moves': { type: 'boolean', short: 'M' },
  jobs: { type: 'string' },
  'no-cache': { type: 'boolean' },
  output: { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const Options = z.object({
  repo: z.optional(safeString),
  path: z.optional(z.array(z.string().check(z.minLength(1)))),
  by: z.optional(z.enum(BY_KEYS)),
  format: z.optional(z.enum(LINES_FORMATS)),
  'detect-moves': z.optional(z.boolean()),
  jobs: z.optional(z.pipe(intString, z.number().check(z.gte(1), z.lte(64)))),
  'no-cache': z.optional(z.boolean()),
  output: z.optional(z.string().check(z.minLength(1))),
  verbose: z.optional(z.boolean()),
  help: z.optional(z.boolean()),
});

export async function linesCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = splitArgs(argv, OPTIONS, 'lines');
  const o = validate(Options, values, 'lines');
  if (o.help) {
    ctx.stdout.write(`${LINES_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length > 1) throw new UsageError(`lines: one revision at most (got ${positionals.length}; use --path for files)`);
  const repo = path.resolve(ctx.cwd, o.repo ?? '.');
  const progress = new Progress(ctx.stderr);
  const out: Output = o.output ? new FileOutput(o.output) : new StdoutOutput(ctx.stdout);
  try {
    const outcome = await runLines({
      repo, paths: o.path ?? [], pathBase: repo, by: o.by ?? 'file', detectMoves: o['detect-moves'] ?? false,
      cache: !o['no-cache'], version: VERSION,
      ...(positionals[0] !== undefined ? { rev: positionals[0] } : {}),
      ...(o.jobs !== undefined ? { jobs: o.jobs } : {}),
      ...(o.verbose ? { log: (line: string) => void ctx.stderr.write(`${line}\n`) } : {}),
      ...(progress.enabled ? { onProgress: (n: number, total: number) => progress.update(`blaming… ${n} / ${total} files`) } : {}),
    });
    progress.clear();
    await out.write(renderLines(outcome.document, o.format ?? 'text'));
    await out.commit();
    for (const notice of outcome.notices) ctx.stderr.write(`ai-provenance: note: ${terminalSafe(notice)}\n`);
    return EXIT.ok;
  } catch (e) {
    progress.clear();
    out.abort();
    throw e;
  }
}
