// Composition root of the CLI: argv → command → exit code. One top-level error handler turns
// every failure into one line on stderr and a contract exit code.
// Commands load on demand: a hook or an agent's `record` must not pay for the whole CLI's
// module graph at startup (esbuild turns these dynamic imports into lazy initialisers).
import * as path from 'node:path';
import { flushCodeCache, requireCached } from './codeCache';
import { processContext, type CliContext } from './context';
import { EXIT, UsageError } from './errors';
import { VERSION } from './version';
import { terminalSafe } from '../core/report/summaryText';

type Command = (argv: string[], ctx: CliContext) => Promise<number>;

/**
 * A command started often and briefly (git's and agents' hooks, and `audit`): in the built CLI its
 * sibling bundle loads through the V8 code cache (codeCache.ts: the bundle is not compiled again on
 * every run); run from source, a plain import.
 */
async function cachedBundle<T>(name: string, fromSource: () => Promise<T>): Promise<T> {
  return __filename.endsWith('.js') ? (requireCached(path.join(__dirname, `cli-${name}.js`)).exports as T) : fromSource();
}

const COMMANDS: Record<string, { load: () => Promise<Command>; summary: string; hidden?: boolean }> = {
  audit: { load: async () => (await cachedBundle('audit', () => import('./commands/audit'))).auditCommand, summary: 'audit AI attribution in history and print a report' },
  hooks: { load: async () => (await import('./commands/hooks')).hooksCommand, summary: 'install, uninstall or inspect the git hooks that apply the policy' },
  policy: { load: async () => (await cachedBundle('policy', () => import('./commands/policy'))).policyCommand, summary: 'apply the policy to a commit message file, or show the effective policy' },
  notes: { load: async () => (await import('./commands/notes')).notesCommand, summary: 'configure a remote to share provenance notes' },
  record: { load: async () => (await cachedBundle('record', () => import('./commands/record'))).recordCommand, summary: 'record the files an AI agent just edited (working log; agent hooks)' },
  export: { load: async () => (await import('./commands/export')).exportCommand, summary: 'export the audit as JSON, CSV, Markdown, HTML, SARIF, in-toto or Agent Trace' },
  check: { load: async () => (await import('./commands/check')).checkCommand, summary: 'CI gate: exit 1 when commits of a range break the team policy' },
  report: { load: async () => (await import('./commands/report')).reportCommand, summary: 'print a summary table by tool, author or month' },
  fix: { load: async () => (await import('./commands/fix')).fixCommand, summary: 'give unpushed commits the messages the policy asks for (rewrites history, with a backup ref)' },
  blame: { load: async () => (await import('./commands/blame')).blameCommand, summary: 'git blame with provenance: each line\'s commit, verdict, tools and recorded AI lines' },
  lines: { load: async () => (await import('./commands/lines')).linesCommand, summary: 'how much of the code at a revision came from AI, by file, directory, tool or author' },
  verify: { load: async () => (await import('./commands/verify')).verifyCommand, summary: 'verify a signed attestation (export --format intoto --sign)' },
  agents: { load: async () => (await import('./commands/agents')).agentsCommand, summary: 'wire coding agents (Claude Code, Cursor, Copilot, Gemini, Codex) to record their edits' },
  doctor: { load: async () => (await import('./commands/doctor')).doctorCommand, summary: 'show every agent\'s attribution settings, hook wiring and our git hooks, with fixes' },
  fleet: { load: async () => (await import('./commands/fleet')).fleetCommand, summary: 'audit many repositories in parallel into one report (JSON Lines for a warehouse)' },
  merge: { load: async () => (await import('./commands/merge')).mergeCommand, summary: 'combine JSON reports (shards, repositories) into one, deterministically' },
  hook: { load: async () => (await cachedBundle('hook', () => import('./commands/hook'))).hookCommand, summary: '(internal) work done by the installed hooks', hidden: true },
};

/** The command list (`--help`, `help`): each command's own options are in `help <command>`. */
function usage(): string {
  // Command names are ASCII: padEnd is exact here (textWidth would load a width table on every hook).
  const lines = Object.entries(COMMANDS).filter(([, c]) => !c.hidden).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `ai-provenance ${VERSION}: audits AI attribution in git commits.

Usage: ai-provenance <command> [options]

Commands:
${lines.join('\n')}

Run 'ai-provenance help <command>' (or 'ai-provenance <command> --help') for a command's options.
Installed from npm it also runs as 'git ai-provenance <command>' (there, ask for help with -h or
'help <command>': git turns --help into a man-page lookup).
Exit codes: 0 ok · 1 policy failure · 2 usage or configuration error · 3 git/IO error (unverifiable)
`;
}

function lookup(name: string): (typeof COMMANDS)[string] {
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) throw new UsageError(`unknown command '${name}' (commands: ${Object.keys(COMMANDS).filter((c) => !COMMANDS[c]?.hidden).join(', ')})`);
  return command;
}

export async function main(argv: string[], ctx: CliContext = processContext()): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === '--version' || name === '-V') {
      ctx.stdout.write(`${VERSION}\n`);
      return EXIT.ok;
    }
    if (name === 'help' && rest.length) {
      // `help <command>`: that command's help, as `<command> --help` prints it.
      if (rest.length > 1) throw new UsageError(`help: expects one command name, got ${rest.length}`);
      const topic = rest[0] as string;
      if (topic === 'help' || topic === '--help' || topic === '-h') {
        ctx.stdout.write(usage());
        return EXIT.ok;
      }
      return await (await lookup(topic).load())(['--help'], ctx);
    }
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      ctx.stdout.write(usage());
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    return await (await lookup(name).load())(rest, ctx);
  } catch (e) {
    return report(e, ctx);
  } finally {
    flushCodeCache();
  }
}

/**
 * One line on stderr and the contract exit code. Errors are told apart by name: each command is
 * its own bundle at run time, so its error classes are not this module's (instanceof would fail).
 */
function report(e: unknown, ctx: CliContext): number {
  const err = e as (Error & { code?: unknown; syscall?: unknown }) | undefined;
  const name = err instanceof Error ? err.name : '';
  if (name === 'UsageError' || name === 'PolicyFileError' || e instanceof UsageError) {
    ctx.stderr.write(`ai-provenance: ${terminalSafe((err as Error).message)}\n`);
    return EXIT.usage;
  }
  if (name === 'GitError' || (err && typeof err.code === 'string' && err.syscall)) {
    ctx.stderr.write(`ai-provenance: unverifiable: ${terminalSafe((err as Error).message)}\n`);
    return EXIT.unverifiable;
  }
  ctx.stderr.write(`ai-provenance: unverifiable: internal error: ${terminalSafe(err instanceof Error ? err.message : String(e))}\n`);
  if (ctx.env.AI_PROVENANCE_DEBUG && err instanceof Error && err.stack) ctx.stderr.write(`${err.stack}\n`);
  return EXIT.unverifiable;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`ai-provenance: unverifiable: ${terminalSafe(String(e))}\n`);
      process.exitCode = EXIT.unverifiable;
    },
  );
}
