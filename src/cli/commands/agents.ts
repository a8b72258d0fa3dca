// `ai-provenance agents install|uninstall|status`
import * as path from 'node:path';
import * as z from 'zod/mini';
import { AGENTS, SCOPES, agentFromName, type HookAgent } from '../../core/capture/agentCatalog';
import { agentsStatus, installAgents, uninstallAgents, type AgentsRequest } from '../../app/agents/agents';
import { tildify, userPaths } from '../../app/agents/userPaths';
import { safeString, splitArgs, validate, type OptionSpec } from '../args';
import { padEndColumns } from '../../core/report/textWidth';
import { EXIT, UsageError } from '../errors';
import type { CliContext } from '../context';

export const AGENTS_HELP = `Usage: ai-provenance agents install   [--agent A]... [--scope project|user] [--repo DIR] [--home DIR] [--format text|json]
       ai-provenance agents uninstall [--agent A]... [--scope project|user] [--repo DIR] [--home DIR] [--format text|json]
       ai-provenance agents status    [--agent A]... [--scope project|user] [--repo DIR] [--home DIR] [--format text|json]

Wires the coding agents' own hook systems to 'ai-provenance record --stdin-json', so every file an
agent edits is recorded as evidence without copy-pasting any JSON:

  claude    Claude Code           .claude/settings.json        ~/.claude/settings.json       (PostToolUse)
  cursor    Cursor                .cursor/hooks.json           ~/.cursor/hooks.json          (afterFileEdit, afterTabFileEdit)
  copilot   Copilot CLI, VS Code  .github/hooks/ai-provenance.json  ~/.copilot/hooks/ai-provenance.json (postToolUse)
  gemini    Gemini CLI            .gemini/settings.json        ~/.gemini/settings.json       (AfterTool)
  codex     Codex CLI             .codex/hooks.json            ~/.codex/hooks.json           (PostToolUse apply_patch)

  --agent A       an agent above (also copilot-cli, vscode, claude-code, gemini-cli, codex-cli); repeatable.
                  Without it, install wires the agents this machine shows signs of (their folders in
                  the repository or in your home) and says which it skipped; uninstall and status
                  cover every agent.
  --scope S       project (default): the repository's files; user: your home's files (every repository)
  --repo DIR      the repository (default: the current directory)
  --home DIR      the home directory to use instead of HOME (tests, scripts)
  --format F      text (default) or json

Install merges into existing files (comments, order and other hooks untouched) and is idempotent.
In project files, which teams commit and cloud sessions run, the hook runs the ai-provenance (or
git-ai-provenance) on PATH and falls back to this node and this CLI by absolute path; in user files it
calls them by absolute path. The hook ends in '|| true', so a missing or moved CLI never fails the
agent ('status' then says outdated; install again to update). Uninstall puts a
file back byte for byte when nothing else changed it since; otherwise it removes only our entries and
says so. A file that is not valid JSON is never changed.

Exit codes: 0 done · 2 usage error · 3 not a repository, or a file could not be read or changed.`;

const OPTIONS: OptionSpec = {
  agent: { type: 'string', multiple: true },
  scope: { type: 'string' },
  repo: { type: 'string' },
  home: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

const Options = z.object({
  agent: z.optional(z.array(z.string())),
  scope: z.optional(z.enum(SCOPES)),
  repo: z.optional(safeString),
  home: z.optional(safeString),
  format: z.optional(z.enum(['text', 'json'])),
  help: z.optional(z.boolean()),
});

export async function agentsCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = splitArgs(argv, OPTIONS, 'agents');
  const o = validate(Options, values, 'agents');
  const [action, ...extra] = positionals;
  if (o.help || !action) {
    ctx.stdout.write(`${AGENTS_HELP}\n`);
    return o.help ? EXIT.ok : EXIT.usage;
  }
  if (extra.length) throw new UsageError(`agents: unexpected argument '${extra[0]}'`);
  const agents = o.agent?.map((name): HookAgent => {
    const id = agentFromName(name);
    if (!id) throw new UsageError(`agents: unknown agent '${name}' (${AGENTS.map((a) => a.id).join(', ')})`);
    return id;
  });
  const home = o.home ? path.resolve(ctx.cwd, o.home) : undefined;
  const req: AgentsRequest = {
    repo: path.resolve(ctx.cwd, o.repo ?? '.'), scope: o.scope ?? 'project',
    ...(agents ? { agents: [...new Set(agents)] } : {}),
    node: process.execPath, cli: path.resolve(process.argv[1] ?? ''), env: ctx.env, ...(home ? { home } : {}),
  };
  const paths = userPaths(ctx.env, home);
  const show = (file: string | undefined): string => (file === undefined ? '(no repository)' : file.startsWith(paths.home + path.sep) ? tildify(paths, file) : path.relative(ctx.cwd, file) || file);
  const json = o.format === 'json';
  const out = (value: unknown, lines: string[]): void => void ctx.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${lines.join('\n')}\n`);

  if (action === 'install') {
    const r = await installAgents(req);
    for (const p of r.problems) ctx.stderr.write(`ai-provenance: warning: ${p}\n`);
    const lines = r.items.map((i) => `  ${i.name} (${i.scope}): ${i.action}  ${show(i.file)}${i.detail ? ` — ${i.detail}` : ''}`);
    const skipped = r.notFound.map((n) => `  ${n.name}: no ${n.looked.join(' or ')} found (wire it anyway with --agent ${n.agent})`);
    out({ v: 1, scope: req.scope, items: r.items, skipped: r.notFound }, [
      r.items.length ? `Wired to 'ai-provenance record --stdin-json' (${req.scope} scope):` : 'No agent found to wire: name one with --agent (see --help).',
      ...lines,
      ...(skipped.length ? ['Skipped (no sign of use on this machine):', ...skipped] : []),
      ...(req.scope === 'project' && r.items.some((i) => i.action === 'installed' || i.action === 'updated')
        ? ['Note: the project files run the ai-provenance (or git-ai-provenance) on PATH, and this machine\'s node and CLI only as a fallback: other machines and cloud sessions record only with the CLI on PATH. --scope user wires every repository of this machine without touching shared files.'] : []),
    ]);
    return r.items.some((i) => i.action === 'skipped') ? EXIT.unverifiable : EXIT.ok;
  }
  if (action === 'uninstall') {
    const r = await uninstallAgents(req);
    for (const p of r.problems) ctx.stderr.write(`ai-provenance: warning: ${p}\n`);
    out({ v: 1, scope: req.scope, items: r.items }, r.items.map((i) => `  ${i.name} (${i.scope}): ${i.action}  ${show(i.file)}${i.detail ? ` — ${i.detail}` : ''}`));
    return r.items.some((i) => i.action === 'skipped') ? EXIT.unverifiable : EXIT.ok;
  }
  if (action === 'status') {
    const r = await agentsStatus({ ...req, scope: o.scope });
    out({ v: 1, items: r.items }, [
      ...r.items.map((i) => `  ${padEndColumns(`${i.name} (${i.scope})`, 48)} ${padEndColumns(i.state, 10)} ${show(i.file)}${i.detail ? ` — ${i.detail}` : ''}`),
      ...r.items.filter((i) => i.state === 'outdated').map((i) => `Fix: ai-provenance agents install --agent ${i.agent} --scope ${i.scope}`),
    ]);
    return r.items.some((i) => i.state === 'unreadable') ? EXIT.unverifiable : EXIT.ok;
  }
  throw new UsageError(`agents: unknown action '${action}' (install, uninstall, status)`);
}
