// Writing notes atomically against every other writer. git's own `git notes add|append|copy` read
// the notes ref, build a new notes commit and move the ref without checking that it still points
// where they read it: two writers at once (two worktrees committing) and the last one wins, the
// other's note is gone. Every note we write is built on a temporary notes ref copied from the tip,
// with git's own notes code (fan-out, concatenation as git does it), and the real ref then moves by
// compare-and-swap: one `git update-ref --stdin` transaction that names the tip it started from and
// deletes the temporary ref. When another writer moved the ref (or holds its lock) first, the write
// is rebuilt on the new tip and tried again. The hook shims do the same in sh (hookShims.ts).
import { randomBytes } from 'node:crypto';
import { NOTES_REF } from '../core/evidence/evidenceSchema';
import { GitError, type Git } from './exec';
import { RefMovedError, updateRefsAtomically, type RefUpdate } from './refTransaction';

/** Temporary notes refs of single writes (one per process and write; deleted with the update). */
export const TEMP_WRITE_PREFIX = 'refs/notes/ai-provenance-tmp/';

/** Attempts before a write gives up (each is a few git calls; contention clears in far fewer). */
const MAX_ATTEMPTS = 40;

/** A lock another git process holds for a moment (the ref's, or packed-refs while it deletes a ref). */
const LOCKED = /Unable to create '[^']*\.lock'|\.lock': File exists|cannot lock ref/;

async function tipOf(git: Git, ref: string): Promise<string | undefined> {
  const out = await git.text(['rev-parse', '-q', '--verify', `${ref}^{commit}`], { okExitCodes: [1, 128] });
  return out.trim() || undefined;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `edit` on a temporary copy of `ref` (missing when `ref` is) and moves `ref` to the result
 * by compare-and-swap, retrying on a concurrent update. `edit` returns false when it changed
 * nothing (then nothing is written). Returns whether `ref` moved.
 */
export async function updateNotesRef(git: Git, ref: string, edit: (temp: string) => Promise<boolean>, message: string): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const temp = `${TEMP_WRITE_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`;
    let done = false;
    try {
      const tip = await tipOf(git, ref);
      if (tip) await git.run(['update-ref', temp, tip, '0'.repeat(tip.length)]);
      if (!(await edit(temp))) return false;
      const next = await tipOf(git, temp);
      if (!next) throw new GitError('failed', `${temp}: the temporary notes ref vanished`);
      const updates: RefUpdate[] = [
        tip ? { op: 'update', ref, to: next, from: tip } : { op: 'create', ref, to: next },
        { op: 'delete', ref: temp, from: next },
      ];
      await updateRefsAtomically(git, updates, message);
      done = true;
      return true;
    } catch (e) {
      const retry = e instanceof RefMovedError || (e instanceof GitError && LOCKED.test(`${e.message}\n${e.stderr}`));
      if (!retry || attempt >= MAX_ATTEMPTS) throw e;
      await pause(Math.min(200, 2 ** Math.min(attempt, 7)) * Math.random());
    } finally {
      if (!done) await git.run(['update-ref', '-d', temp], { okExitCodes: [1, 128] }).catch(() => undefined);
    }
  }
}

const linesOf = (text: string): string[] => text.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '');

/** The note on `commit` in `ref` (of the notes tree at `ref`), or '' when there is none. */
export async function readNote(git: Git, ref: string, commit: string): Promise<string> {
  const r = await git.run(['notes', `--ref=${ref}`, 'show', commit], { okExitCodes: [1, 128] });
  return r.exitCode === 0 ? r.stdout.toString('utf8') : '';
}

/**
 * Appends JSON Lines to the note of `commit`, atomically. With `idempotent`, lines the note already
 * holds are not appended again (finishing a write a crash interrupted adds nothing twice).
 * Returns whether anything was written.
 */
export async function appendNote(git: Git, commit: string, text: string, options: { ref?: string; idempotent?: boolean } = {}): Promise<boolean> {
  const ref = options.ref ?? NOTES_REF;
  return updateNotesRef(git, ref, async (temp) => {
    let add = text;
    if (options.idempotent) {
      const have = new Set(linesOf(await readNote(git, temp, commit)));
      add = linesOf(text).filter((l) => !have.has(l)).map((l) => `${l}\n`).join('');
    }
    if (!add.trim()) return false;
    await git.run(['notes', `--ref=${temp}`, 'append', '-F', '-', commit], { input: add });
    return true;
  }, `ai-provenance: note on ${commit.slice(0, 12)}`);
}

/** Copies the note of `from` to `to` (concatenated with `to`'s own, as notes.rewriteMode does), atomically. */
export async function copyNote(git: Git, from: string, to: string, ref = NOTES_REF): Promise<boolean> {
  return updateNotesRef(git, ref, async (temp) => {
    const text = await readNote(git, temp, from);
    if (!text.trim()) return false;
    await git.run(['notes', `--ref=${temp}`, 'append', '-F', '-', to], { input: text });
    return true;
  }, `ai-provenance: note of ${from.slice(0, 12)} copied to ${to.slice(0, 12)}`);
}

/**
 * Deletes the temporary notes refs of writers that are gone (a process killed mid-write leaves its
 * copy behind; the real ref never saw it). Returns how many.
 */
export async function pruneTempRefs(git: Git): Promise<number> {
  const out = await git.text(['for-each-ref', '--format=%(refname)', TEMP_WRITE_PREFIX]);
  let n = 0;
  for (const ref of out.split('\n').filter(Boolean)) {
    const pid = Number(/^(\d+)/.exec(ref.slice(TEMP_WRITE_PREFIX.length))?.[1]);
    if (pid > 0 && running(pid)) continue;
    await git.run(['update-ref', '-d', ref], { okExitCodes: [1, 128] });
    n++;
  }
  return n;
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
