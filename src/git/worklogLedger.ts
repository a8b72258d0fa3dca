// Consuming working-log entries when the working log cannot be written. A commit consumes the
// entries its note records by deleting them; in a read-only working log (another user's
// directory, a read-only mount) they stay, and would back the next commit that touches their
// files. So what cannot be deleted is marked consumed in a ledger the readers honour, and what
// cannot be written back (the remainder of an entry split by a commit) is kept beside it — both in
// <git dir>/ai-provenance-overflow/, which the hooks can write whenever git can commit (the git dir
// holds COMMIT_EDITMSG and the index). When the working log is writable again, the next
// consumption deletes the marked entries and empties the ledger.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { WorklogEntry } from '../core/evidence/evidenceSchema';

export const OVERFLOW = 'ai-provenance-overflow';
const LEDGER = 'consumed';

export function overflowDir(gitDir: string): string {
  return path.join(gitDir, OVERFLOW);
}

/** Entries (paths relative to the git dir) consumed by a commit but still in a read-only working log. */
export function ledgered(gitDir: string): Set<string> {
  try {
    return new Set(readFileSync(path.join(overflowDir(gitDir), LEDGER), 'utf8').split('\n').filter(Boolean));
  } catch {
    return new Set();
  }
}

/** Errors by which a directory refuses a change: it is read-only to us, or not a directory. */
const REFUSED = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EISDIR', 'EEXIST', 'ENOTEMPTY']);

function refused(e: unknown): boolean {
  return REFUSED.has((e as NodeJS.ErrnoException).code ?? '');
}

function writeAtomically(file: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export interface Consumption {
  /** Entries that could not be deleted: marked consumed in the ledger. */
  ledgered: number;
  /** Remainders that could not be written to the working log: kept in the overflow directory. */
  overflowed: number;
}

/**
 * Deletes consumed entries (`rels`: paths relative to the git dir; one already gone is fine) and
 * records remainders with `writeIn` (the working log's own writer) in `worklog`. What the working log refuses
 * goes to the ledger / the overflow directory. Idempotent: a crash part-way is finished by running
 * it again. Throws only when neither place can be written.
 */
export function consumeEntries(gitDir: string, worklog: string, rels: readonly string[], remainders: readonly WorklogEntry[],
  writeIn: (dir: string, entry: WorklogEntry) => string): Consumption {
  const stuck: string[] = [];
  for (const rel of [...rels, ...ledgered(gitDir)]) {
    if (rel.split(/[\\/]/).includes('..') || path.isAbsolute(rel)) continue;
    try {
      unlinkSync(path.join(gitDir, rel));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      if (!refused(e)) throw e;
      stuck.push(rel);
    }
  }
  let overflowed = 0;
  for (const entry of remainders) {
    try {
      writeIn(worklog, entry);
    } catch (e) {
      if (!refused(e)) throw e;
      writeIn(overflowDir(gitDir), entry);
      overflowed++;
    }
  }
  const ledger = path.join(overflowDir(gitDir), LEDGER);
  const keep = [...new Set(stuck)].filter((rel) => existsSync(path.join(gitDir, rel)));
  if (keep.length) {
    mkdirSync(overflowDir(gitDir), { recursive: true });
    writeAtomically(ledger, keep.map((r) => `${r}\n`).join(''));
  } else if (existsSync(ledger)) {
    rmSync(ledger, { force: true });
  }
  return { ledgered: keep.filter((r) => rels.includes(r)).length, overflowed };
}
