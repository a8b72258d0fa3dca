// `ai-provenance doctor`
import * as path from 'node:path';
import * as z from 'zod/mini';
import { runDoctor, type DoctorReport } from '../../app/agents/doctor';
import { tildify, userPaths, type UserPaths } from '../../app/agents/userPaths';
import { safeString, splitArgs, validate, type OptionSpec } from '../args';
import { EXIT, UsageError } from '../errors';
import type { CliContext } from '../context';

export const DOCTOR_HELP = `Usage: ai-provenance doctor [--repo DIR] [--home DIR] [--format text|json]

One screen for this repository and user: every agent's attribution setting as it stands (Claude Code
attribution.commit / includeCoAuthoredBy / attribution.sessionUrl in user, project and project-local
settings, and what cloud sessions read; Copilot CLI includeCoAuthoredBy; Cursor CLI attribution;
Codex commit_attribution; VS Code git.addAICoAuthor in user and workspace settings; aider's
--attribute-* options in .aider.conf.yml), whether each agent's hooks record its edits, and our git
hooks' status. Every problem comes with the command or edit that fixes it.

  --repo DIR    the repository (default: the current directory; outside one, only user settings)
  --home DIR    the home directory to read instead of HOME (then XDG_* and the agents' own
                *_HOME variables are not read either)
  --format F    text (default) or json (stable shape, documented in the README)

A file that cannot be read or parsed is reported in one line and skipped.
Exit codes: 0 no problem · 1 problems found · 2 usage error.`;

const OPTIONS: OptionSpec = {
  repo: { type: 'string' },
  home: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

const Options = z.object({
  repo: z.optional(safeString),
  home: z.optional(safeString),
  format: z.optional(z.enum(['text', 'json'])),
  help: z.optional(z.boolean()),
});

export async function doctorCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = splitArgs(argv, OPTIONS, 'doctor');
  const o = validate(Options, values, 'doctor');
  if (o.help) {
    ctx.stdout.write(`${DOCTOR_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError(`doctor: unexpected argument '${positionals[0]}'`);
  const home = o.home ? path.resolve(ctx.cwd, o.home) : undefined;
  const report = await runDoctor({
    repo: path.resolve(ctx.cwd, o.repo ?? '.'), ...(home ? { home } : {}), env: ctx.env,
    node: process.execPath, cli: path.resolve(process.argv[1] ?? ''),
  });
  ctx.stdout.write(o.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : `${renderDoctor(report, userPaths(ctx.env, home))}\n`);
  return report.problems.length > 0 ? EXIT.policy : EXIT.ok;
}

export function renderDoctor(r: DoctorReport, paths: UserPaths): string {
  const show = (file: string): string => (r.repo && file.startsWith(r.repo + path.sep) ? path.relative(r.repo, file) : tildify(paths, file));
  const lines: string[] = [`AI Provenance doctor: ${r.repo ? `repository ${r.repo}` : 'no repository (user settings only)'}, home ${r.home}`, ''];
  for (const a of r.agents) {
    lines.push(`${a.name}${a.found ? '' : ' (no sign of use)'}`);
    lines.push(`  attribution: ${a.attribution} — ${a.detail}`);
    if (a.cloud) lines.push(`  cloud sessions: ${a.cloud.attribution} — ${a.cloud.detail}`);
    for (const s of a.settings) lines.push(`  ${show(s.file)} (${s.scope}): ${s.key} = ${JSON.stringify(s.value)}`);
    if (a.hooks) lines.push(`  hooks: ${a.hooks.map((h) => `${h.scope} ${h.state}`).join(' · ')}`);
    for (const n of a.notes) lines.push(`  note: ${n}`);
  }
  const g = r.gitHooks;
  lines.push('', `Git hooks: ${g.state}${g.dir ? ` (${g.dir}${g.manager ? `, managed by ${g.manager}` : ''})` : ''}${g.detail ? ` — ${g.detail}` : ''}`);
  if (r.unreadable.length) {
    lines.push('', 'Unreadable (skipped):');
    for (const u of r.unreadable) lines.push(`  ${show(u.file)}: ${u.reason}`);
  }
  lines.push('');
  if (r.problems.length === 0) {
    lines.push('No problems found.');
  } else {
    lines.push(`Problems (${r.problems.length}):`);
    for (const p of r.problems) lines.push(`  ${p.severity === 'error' ? '✗' : '!'} ${p.message}`, `    fix: ${p.fix}`);
  }
  return lines.join('\n');
}
