// `ai-provenance notes sync-config [--remote NAME]`: share provenance notes through a remote.
import * as path from 'node:path';
import * as z from 'zod/mini';
import { configureNotesSync } from '../../app/notesSync';
import { safeString, splitArgs, validate, type OptionSpec } from '../args';
import { EXIT, UsageError } from '../errors';
import type { CliContext } from '../context';

export const NOTES_HELP = `Usage: ai-provenance notes sync-config [--remote NAME] [--repo DIR]

Configures a remote (default origin) so provenance notes travel with push and fetch:
  remote.<name>.fetch  +refs/notes/ai-provenance:refs/notes/remotes/<name>/ai-provenance
                       (fetched into a tracking ref: your local notes are never overwritten)
  remote.<name>.push   refs/notes/ai-provenance:refs/notes/ai-provenance
                       (and HEAD first when the remote had no push refspec, so a plain
                       \`git push\` still pushes your current branch)
  notes.ai-provenance.mergeStrategy  cat_sort_uniq (notes are JSON Lines: merging is a union)
Merge fetched notes with: git notes --ref=ai-provenance merge refs/notes/remotes/<name>/ai-provenance`;

const OPTIONS: OptionSpec = { remote: { type: 'string' }, repo: { type: 'string' }, help: { type: 'boolean', short: 'h' } };
const Options = z.object({ remote: z.optional(safeString), repo: z.optional(safeString), help: z.optional(z.boolean()) });

export async function notesCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = splitArgs(argv, OPTIONS, 'notes');
  const o = validate(Options, values, 'notes');
  if (o.help || positionals.length === 0) {
    ctx.stdout.write(`${NOTES_HELP}\n`);
    return o.help ? EXIT.ok : EXIT.usage;
  }
  if (positionals[0] !== 'sync-config' || positionals.length > 1) throw new UsageError(`notes: unknown action '${positionals.join(' ')}' (sync-config)`);
  const changes = await configureNotesSync(path.resolve(ctx.cwd, o.repo ?? '.'), o.remote ?? 'origin');
  ctx.stdout.write(changes.length ? `${changes.map((c) => `set ${c}`).join('\n')}\n` : 'already configured\n');
  return EXIT.ok;
}
