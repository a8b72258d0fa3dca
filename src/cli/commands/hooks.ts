// `ai-provenance hooks install|uninstall|status`
import * as path from 'node:path';
import * as z from 'zod/mini';
import { installHooks, statusHooks, uninstallHooks, type HooksRequest } from '../../app/hooks/hooks';
import { safeString, splitArgs, validate, type OptionSpec } from '../args';
import { padEndColumns } from '../../core/report/textWidth';
import { EXIT, UsageError } from '../errors';
import type { CliContext } from '../context';

export const HOOKS_HELP = `Usage: ai-provenance hooks install|uninstall|status [--repo DIR] [--json]

Installs prepare-commit-msg, commit-msg, post-commit and post-rewrite into the hooks directory git
uses (core.hooksPath honoured). An existing hook is kept and still runs first, its exit status
honoured; uninstall puts it back byte for byte (a symbolic link, even a dangling one, stays a link).
Install is all or nothing: a leftover <hook>.pre-ai-provenance beside someone else's hook (or
without any hook) is refused with nothing changed (exit 2). With husky, lefthook or the pre-commit
framework the shims go to <git common dir>/ai-provenance/hooks and the exact lines to add are
printed: their files are never edited. Provenance notes follow amend and rebase through the post-rewrite
hook (there a hook manager may not pass the rewritten commits: install sets notes.rewriteRef to a pattern
matching refs/notes/ai-provenance alone). Commits made with --no-verify skip commit-msg; post-commit
still attaches their evidence.`;

const OPTIONS: OptionSpec = { repo: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } };
const Options = z.object({ repo: z.optional(safeString), json: z.optional(z.boolean()), help: z.optional(z.boolean()) });

export async function hooksCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = splitArgs(argv, OPTIONS, 'hooks');
  const o = validate(Options, values, 'hooks');
  const [action, ...extra] = positionals;
  if (o.help || !action) {
    ctx.stdout.write(`${HOOKS_HELP}\n`);
    return o.help ? EXIT.ok : EXIT.usage;
  }
  if (extra.length) throw new UsageError(`hooks: unexpected argument '${extra[0]}'`);
  const req: HooksRequest = { repo: path.resolve(ctx.cwd, o.repo ?? '.'), node: process.execPath, cli: path.resolve(process.argv[1] ?? '') };
  const print = (value: unknown, text: string): void => void ctx.stdout.write(o.json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);

  if (action === 'install') {
    const r = await installHooks(req);
    const lines = r.results.map((x) => `  ${padEndColumns(x.hook, 19)} ${x.action === 'chained' ? 'installed (the existing hook is kept and runs first)' : x.action}`);
    const text = [`hooks in ${r.dir}:`, ...lines,
      ...r.configChanges.map((c) => `  config: ${c}`),
      ...(r.instructions ? ['', `${r.location.manager} owns ${r.location.dir}: add these lines to its configuration:`, '', r.instructions] : [])];
    print(r, text.join('\n'));
    return EXIT.ok;
  }
  if (action === 'uninstall') {
    const r = await uninstallHooks(req);
    print(r, [`hooks in ${r.location.dir}:`, ...r.results.map((x) => `  ${padEndColumns(x.hook, 19)} ${x.action}`),
      ...r.configChanges.map((c) => `  config: ${c}`)].join('\n'));
    return EXIT.ok;
  }
  if (action === 'status') {
    const r = await statusHooks(req);
    const text = [`hooks in ${r.location.dir}${r.location.manager ? ` (managed by ${r.location.manager})` : ''}:`,
      ...r.hooks.map((h) => `  ${padEndColumns(h.hook, 19)} ${h.state}${h.chained ? ' (chains the previous hook)' : ''}`),
      `  ${padEndColumns('notes', 19)} ${r.notesFollowRewrites ? `follow amend and rebase (${r.rewriteRef ? 'notes.rewriteRef' : 'post-rewrite hook'})` : 'do not follow amend and rebase (no post-rewrite hook, no notes.rewriteRef)'}`];
    print(r, text.join('\n'));
    return EXIT.ok;
  }
  throw new UsageError(`hooks: unknown action '${action}' (install, uninstall, status)`);
}
