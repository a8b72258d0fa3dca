// Moving refs safely: one `git update-ref --stdin` transaction (start … prepare, commit) in which
// every update names the value it expects (compare-and-swap). Either every ref moves or none does:
// a ref someone else moved in the meantime makes the whole transaction fail with RefMovedError.
// And the states in which history must not be rewritten (a rebase, merge, cherry-pick, revert or
// bisect in progress).
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { GitError, firstErrorLine, type Git } from './exec';

export type RefUpdate =
  | { op: 'update'; ref: string; to: string; from: string; noDeref?: boolean }
  | { op: 'create'; ref: string; to: string }
  | { op: 'delete'; ref: string; from?: string };

export class RefMovedError extends Error {
  constructor(message: string, readonly ref: string) {
    super(message);
    this.name = 'RefMovedError';
  }
}

const REF = /^(?:HEAD|refs\/[A-Za-z0-9._/@+-]+)$/;
const OID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

function line(u: RefUpdate): string {
  if (!REF.test(u.ref) || u.ref.includes('..')) throw new GitError('unsafe-argument', `not a ref name: ${JSON.stringify(u.ref)}`);
  for (const id of [u.op !== 'delete' ? u.to : undefined, u.op !== 'create' ? u.from : undefined]) {
    if (id !== undefined && !OID.test(id)) throw new GitError('unsafe-argument', `not an object id: ${JSON.stringify(id)}`);
  }
  if (u.op === 'update') return `${u.noDeref ? 'option no-deref\n' : ''}update ${u.ref} ${u.to} ${u.from}\n`;
  if (u.op === 'create') return `create ${u.ref} ${u.to}\n`;
  return `delete ${u.ref}${u.from ? ` ${u.from}` : ''}\n`;
}

/** Applies every update or none; `message` goes to the reflogs (HEAD's too when its branch moves). */
export async function updateRefsAtomically(git: Git, updates: readonly RefUpdate[], message: string): Promise<void> {
  if (!updates.length) return;
  const input = `start\n${updates.map(line).join('')}prepare\ncommit\n`;
  const r = await git.run(['update-ref', '-m', message, '--stdin'], { input, okExitCodes: [128, 1] });
  if (r.exitCode === 0) return;
  const reason = firstErrorLine(r.stderr) || `git update-ref exited with code ${r.exitCode}`;
  const moved = /cannot lock ref '([^']+)': (?:is at|reference already exists|unable to resolve reference|reference is missing)|but expected/.exec(r.stderr);
  if (moved) throw new RefMovedError(reason, moved[1] ?? '');
  throw new GitError('failed', reason, ['update-ref', '--stdin'], r.exitCode, r.stderr);
}

/** The git-dir entries that say an operation is in progress, with what to call it. */
const IN_PROGRESS: [string, string][] = [
  ['rebase-merge', 'a rebase'], ['rebase-apply', 'a rebase or git am'], ['MERGE_HEAD', 'a merge'],
  ['CHERRY_PICK_HEAD', 'a cherry-pick'], ['REVERT_HEAD', 'a revert'], ['sequencer', 'a cherry-pick or revert sequence'],
  ['BISECT_LOG', 'a bisect'],
];

/** What is in progress in this work tree's git dir (undefined: nothing). */
export function operationInProgress(gitDir: string): string | undefined {
  return IN_PROGRESS.find(([entry]) => existsSync(path.join(gitDir, entry)))?.[1];
}
