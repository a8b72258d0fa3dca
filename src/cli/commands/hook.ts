// `ai-provenance hook post-commit`: internal, run by the post-commit shim for commits that skipped
// commit-msg (--no-verify). Never fails the commit: problems are one warning line.
import * as path from 'node:path';
import { reconcileAfterCommit } from '../../app/postCommit';
import { EXIT, UsageError } from '../errors';
import type { CliContext } from '../context';
import { terminalSafe } from '../../core/report/summaryText';

export async function hookCommand(argv: string[], ctx: CliContext): Promise<number> {
  const [name, ...rest] = argv;
  if (name !== 'post-commit') throw new UsageError(`hook: unknown hook '${name ?? ''}' (post-commit)`);
  const repoFlag = rest.indexOf('--repo');
  const repo = path.resolve(ctx.cwd, repoFlag >= 0 ? rest[repoFlag + 1] ?? '.' : '.');
  try {
    const r = await reconcileAfterCommit(repo, undefined, ctx.env);
    for (const p of r.problems) ctx.stderr.write(`ai-provenance: working log: ${terminalSafe(p)}\n`);
    if (r.attached) ctx.stderr.write(`ai-provenance: attached recorded AI evidence to HEAD (${r.consumed} entr${r.consumed === 1 ? 'y' : 'ies'})\n`);
  } catch (e) {
    ctx.stderr.write(`ai-provenance: post-commit: ${terminalSafe(e instanceof Error ? e.message : String(e))} (the commit is unaffected)\n`);
  }
  return EXIT.ok;
}
