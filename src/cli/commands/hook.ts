// `ai-provenance hook <name>`: internal, the work of a git hook.
//   post-commit                  run by our post-commit shim for commits that skipped commit-msg
//                                (--no-verify), and by the pre-commit framework's post-commit stage
//   commit-msg FILE              the pre-commit framework's commit-msg stage (.pre-commit-hooks.yaml)
//   prepare-commit-msg FILE [SOURCE [SHA]]   its prepare-commit-msg stage (SOURCE also from
//                                $PRE_COMMIT_COMMIT_MSG_SOURCE, as pre-commit passes it)
// Never fails the commit on our own errors (one warning line); only a policy decision rejects it.
import * as path from 'node:path';
import { reconcileAfterCommit } from '../../app/hooks/postCommit';
import { EXIT, UsageError } from '../errors';
import { policyCommand } from './policy';
import type { CliContext } from '../context';
import { terminalSafe } from '../../core/report/summaryText';

const HOOKS = ['post-commit', 'commit-msg', 'prepare-commit-msg'];

const HOOK_HELP = `Usage: ai-provenance hook post-commit [--repo DIR]
       ai-provenance hook commit-msg FILE
       ai-provenance hook prepare-commit-msg FILE [SOURCE [SHA]]

(internal) The work of the git hooks that 'ai-provenance hooks install' writes, and of the
pre-commit framework's stages (.pre-commit-hooks.yaml). A hook never fails a commit on its own
errors (one warning line); only a policy decision rejects one.`;

export async function hookCommand(argv: string[], ctx: CliContext): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h') {
    ctx.stdout.write(`${HOOK_HELP}\n`);
    return EXIT.ok;
  }
  if (name === 'commit-msg' || name === 'prepare-commit-msg') {
    const [file, source = ctx.env.PRE_COMMIT_COMMIT_MSG_SOURCE ?? ''] = rest.filter((a) => a !== '--from-hook');
    if (!file) throw new UsageError(`hook ${name}: expects the commit message file`);
    // As the installed shim does: a message given with -m/-F, a merge or a squash is left to commit-msg.
    if (name === 'prepare-commit-msg' && ['message', 'merge', 'squash'].includes(source)) return EXIT.ok;
    return policyCommand(['apply', file, '--stage', name === 'commit-msg' ? 'commit' : 'prepare', '--from-hook'], ctx);
  }
  if (name !== 'post-commit') throw new UsageError(`hook: unknown hook '${name ?? ''}' (${HOOKS.join(', ')})`);
  const repoFlag = rest.indexOf('--repo');
  const repo = path.resolve(ctx.cwd, repoFlag >= 0 ? rest[repoFlag + 1] ?? '.' : '.');
  try {
    const r = await reconcileAfterCommit(repo, undefined, ctx.env);
    for (const p of r.problems) ctx.stderr.write(`ai-provenance: working log: ${terminalSafe(p)}\n`);
    for (const n of r.notices) ctx.stderr.write(`ai-provenance: ${terminalSafe(n)}\n`);
    if (r.attached) ctx.stderr.write(`ai-provenance: attached recorded AI evidence to HEAD (${r.consumed} entr${r.consumed === 1 ? 'y' : 'ies'})\n`);
  } catch (e) {
    ctx.stderr.write(`ai-provenance: post-commit: ${terminalSafe(e instanceof Error ? e.message : String(e))} (the commit is made; the next hook run finishes what is left)\n`);
  }
  return EXIT.ok;
}
