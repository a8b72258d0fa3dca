// `ai-provenance record`: write one working-log entry, from options or from an agent hook's JSON.
import * as z from 'zod/mini';
import { recordEvidence, type RecordInput, type RecordOptions } from '../../app/hooks/record';
import type { AdaptedEdit } from '../../core/capture/adapters';
import type { LineRange } from '../../core/evidence/lineRanges';
import { TOOL_IDS } from '../../core/model';
import { GitError } from '../../git/exec';
import { safeString, splitArgs, validate, type OptionSpec } from '../args';
import { EXIT, UsageError } from '../errors';
import type { CliContext } from '../context';
import { terminalSafe } from '../../core/report/summaryText';

export const RECORD_HELP = `Usage: ai-provenance record --tool ID [--model M] [--session S] --file F[:START[-END]]... [--repo DIR]
       ai-provenance record --stdin-json [--tool ID] [--model M] [--session S] [--repo DIR]

Records that an AI agent just edited files: one entry in the working log of the current work tree
(<git dir>/ai-provenance/worklog/, one file per entry, safe for many agents at once). The next
commit turns the entries into provenance.

  --tool ID         the agent: ${TOOL_IDS.join(', ')}
  --model M         the model, as the agent names it (e.g. claude-sonnet-4-5)
  --session S       a session id or URL
  --file F[:S[-E]]  an edited file, relative to the current directory or absolute, optionally with
                    the 1-based lines the agent wrote (src/a.ts:10-20, src/a.ts:5); repeatable
  --repo DIR        the repository (default: the current directory; with --stdin-json, the one
                    holding the edited file)
  --stdin-json      read an agent hook payload on stdin: Claude Code PostToolUse (Write, Edit,
                    MultiEdit, NotebookEdit), Cursor afterFileEdit / afterTabFileEdit, GitHub
                    Copilot CLI postToolUse (create, edit), or {"tool", "model"?, "session"?,
                    "files": [{"path", "ranges"?: [[start, end], ...]}]}. The lines are read from
                    the payload or found in the edited file. --tool, --model, --session override it.
                    A payload that is not a file edit (a shell command, a read) records nothing.
  --verbose         log git calls on stderr

Hook safety: with --stdin-json the command never fails the agent. Any error other than a usage
error (no repository, unreadable payload, I/O) prints one warning line on stderr and exits 0.

Exit codes: 0 recorded (or nothing to record), 2 usage error, 3 not a repository or I/O error.`;

const OPTIONS: OptionSpec = {
  tool: { type: 'string' },
  model: { type: 'string' },
  session: { type: 'string' },
  file: { type: 'string', multiple: true },
  repo: { type: 'string' },
  'stdin-json': { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const FILE_SPEC = /^(.+?)(?::(\d+)(?:-(\d+))?)?$/;

/** Why a --file value is invalid, or undefined when it is fine. */
function fileSpecProblem(spec: string): string | undefined {
  if (!spec || spec.includes('\0')) return 'expected a file path';
  const m = FILE_SPEC.exec(spec);
  if (!m?.[2]) return undefined;
  const start = Number(m[2]);
  if (start < 1) return 'lines are 1-based';
  if (m[3] !== undefined && Number(m[3]) < start) return 'END is before START (FILE:START-END)';
  return undefined;
}

const Options = z.object({
  tool: z.optional(z.enum(TOOL_IDS)),
  model: z.optional(z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(250))),
  session: z.optional(z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(2000))),
  file: z.optional(z.array(z.string())),
  repo: z.optional(safeString),
  'stdin-json': z.optional(z.boolean()),
  verbose: z.optional(z.boolean()),
  help: z.optional(z.boolean()),
});
type Parsed = z.infer<typeof Options>;

/** Hook payloads bigger than this are not read (a Write of a huge file). */
const MAX_STDIN_BYTES = 64 << 20;

export async function recordCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = splitArgs(argv, OPTIONS, 'record');
  const o = validate(Options, values, 'record');
  if (o.help) {
    ctx.stdout.write(`${RECORD_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`record: unexpected argument '${positionals[0]}' (files go in --file; see --help)`);
  for (const spec of o.file ?? []) {
    const problem = fileSpecProblem(spec);
    if (problem) throw new UsageError(`record: invalid --file ${JSON.stringify(spec)}: ${problem}`);
  }
  if (o['stdin-json']) {
    if (o.file?.length) throw new UsageError('record: --file cannot be combined with --stdin-json (see --help)');
    return fromStdin(o, ctx);
  }
  if (!o.tool) throw new UsageError(`record: --tool is required (one of ${TOOL_IDS.join(', ')})`);
  if (!o.file?.length) throw new UsageError('record: at least one --file is required (or --stdin-json)');
  const edit: AdaptedEdit = { tool: o.tool, source: 'cli', files: o.file.map(parseFileSpec) };
  try {
    const result = await recordEvidence(o.repo, { edit }, recordOptions(o, ctx));
    for (const p of result.outside) ctx.stderr.write(`ai-provenance: note: ${terminalSafe(p)} is outside the repository: not recorded\n`);
    if ('skipped' in result) ctx.stderr.write(`ai-provenance: note: nothing recorded: ${terminalSafe(result.skipped)}\n`);
    else ctx.stdout.write(`${result.file}\n`);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof GitError) {
      ctx.stderr.write(`ai-provenance: record: ${terminalSafe(e.message)}\n`);
      return EXIT.unverifiable;
    }
    throw e;
  }
}

/** Hook mode: never fails the agent (usage errors were raised before this point). */
async function fromStdin(o: Parsed, ctx: CliContext): Promise<number> {
  const warn = (message: string): number => {
    ctx.stderr.write(`ai-provenance: warning: record: ${terminalSafe(message.split('\n')[0] ?? '')} (nothing recorded)\n`);
    return EXIT.ok;
  };
  try {
    if (ctx.stdin.isTTY) return warn('--stdin-json expects the hook payload on stdin');
    const raw = await readAll(ctx.stdin, MAX_STDIN_BYTES);
    if (raw === undefined) return warn(`the payload is larger than ${MAX_STDIN_BYTES} bytes`);
    if (!raw.trim()) return warn('no payload on stdin');
    let payload: unknown;
    try {
      payload = JSON.parse(raw);
    } catch {
      return warn('the payload on stdin is not JSON');
    }
    const input: RecordInput = { payload };
    const result = await recordEvidence(o.repo, input, recordOptions(o, ctx));
    for (const p of result.outside) ctx.stderr.write(`ai-provenance: note: ${terminalSafe(p)} is outside the repository: not recorded\n`);
    if ('skipped' in result && result.skipped === 'not a file edit' && looksLikeOwnShape(payload)) {
      return warn('the payload has "files" but is not a valid record (see --help)');
    }
    return EXIT.ok;
  } catch (e) {
    return warn(e instanceof Error ? e.message : String(e));
  }
}

function recordOptions(o: Parsed, ctx: CliContext): RecordOptions {
  return {
    cwd: ctx.cwd,
    ...(o.tool ? { tool: o.tool } : {}),
    ...(o.model ? { model: o.model } : {}),
    ...(o.session ? { session: o.session } : {}),
    ...(o.verbose ? { log: (line: string) => ctx.stderr.write(`${line}\n`) } : {}),
  };
}

/** `src/a.ts`, `src/a.ts:5`, `src/a.ts:10-20` (checked by fileSpecProblem). */
export function parseFileSpec(spec: string): { path: string; ranges?: LineRange[] } {
  const m = FILE_SPEC.exec(spec);
  const file = m?.[1] ?? spec;
  if (!m?.[2]) return { path: file };
  const start = Number(m[2]);
  return { path: file, ranges: [[start, m[3] === undefined ? start : Number(m[3])]] };
}

function looksLikeOwnShape(payload: unknown): boolean {
  return Boolean(payload) && typeof payload === 'object' && 'files' in (payload as object) && !('hook_event_name' in (payload as object));
}

async function readAll(stream: NodeJS.ReadableStream, max: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
    size += b.length;
    if (size > max) return undefined;
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}
