// The handoff of a provenance note from commit-msg (which decides it, before the commit exists) to
// post-commit (which attaches it to the new commit), made safe against a process killed at any
// moment, a git that never runs post-commit (`git merge`), concurrent commits and unwritable
// directories. It lives in <git dir>/ai-provenance-pending/ — the git dir itself, which git needs
// writable to commit at all — one directory per committing git process:
//
//   note-<git pid>/   written complete under a temporary name and renamed into place by commit-msg
//                     BEFORE it rewrites the message: a message never carries our changes without
//                     their note being ready. It holds the note (note.jsonl), the note to attach if
//                     the message was left as it was (kept.jsonl: no record of a removal that did
//                     not happen), the message written (message) and the one before (original), the
//                     expected first parent (parent), the entries it consumes (consumed) and the
//                     remainders to record again (add/).
//     commit         written by post-commit before anything else: `<sha> <full|kept>`.
//   claim-<sha>       post-commit's mark for a commit whose evidence node must attribute itself
//                     (no handoff: --no-verify, or commit-msg was killed); see postCommit.ts.
//
// Post-commit (the sh shim, hookShims.ts) stamps its own handoff, attaches the note by
// compare-and-swap, deletes the consumed entries and removes the directory. Anything left over is
// finished by the next hook that starts node, idempotently: a stamped handoff is attached to its
// commit (lines already in the note are not added again); an unstamped one whose git is gone is
// attached to the commit it describes when that commit exists (same first parent, same message
// after git's cleanup), else discarded with the entries left in the working log.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { WorklogEntrySchema, type WorklogEntry } from '../../core/evidence/evidenceSchema';
import { sameCommittedMessage } from '../../core/policy/messageCleanup';
import type { Git } from '../../git/exec';
import { appendNote } from '../../git/notesWrite';
import { writeEntryIn, worklogDir } from '../../git/worklog';
import { consumeEntries } from '../../git/worklogLedger';

export const PENDING = 'ai-provenance-pending';

export function pendingDir(gitDir: string): string {
  return path.join(gitDir, PENDING);
}

export function handoffDir(gitDir: string, gitPid: string): string {
  return path.join(pendingDir(gitDir), `note-${gitPid}`);
}

export interface Handoff {
  /** The note, as JSON Lines. */
  note: string;
  /** The note when the message was left as it was (only when it differs: removal records dropped). */
  kept?: string;
  /** The message file's bytes after commit-msg, and before (only when it rewrote them). */
  message: Buffer;
  original?: Buffer;
  /** The message file git reads (post-commit compares it with `message`). */
  msgFile: string;
  /** The commit's expected first parent ('' for a root commit). */
  parent: string;
  /** Working-log entries consumed (paths relative to the git dir) and remainders to record again. */
  consumed: string[];
  add: WorklogEntry[];
}

/** Writes the handoff of git process `gitPid` complete, then renames it into place; throws when it cannot. */
export function writeHandoff(gitDir: string, gitPid: string, h: Handoff): void {
  const pd = pendingDir(gitDir);
  mkdirSync(pd, { recursive: true });
  const stage = path.join(pd, `.staging-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    mkdirSync(stage);
    mkdirSync(path.join(stage, 'add'));
    for (const entry of h.add) writeEntryIn(path.join(stage, 'add'), entry);
    writeFileSync(path.join(stage, 'note.jsonl'), h.note);
    if (h.kept !== undefined) writeFileSync(path.join(stage, 'kept.jsonl'), h.kept);
    writeFileSync(path.join(stage, 'message'), h.message);
    if (h.original) writeFileSync(path.join(stage, 'original'), h.original);
    writeFileSync(path.join(stage, 'msgfile'), `${h.msgFile}\n`);
    writeFileSync(path.join(stage, 'parent'), `${h.parent}\n`);
    writeFileSync(path.join(stage, 'consumed'), h.consumed.map((n) => `${n}\n`).join(''));
    renameSync(stage, handoffDir(gitDir, gitPid));
  } catch (e) {
    rmSync(stage, { recursive: true, force: true });
    throw e;
  }
}

interface Stored extends Handoff {
  dir: string;
  /** post-commit's stamp. */
  commit?: string;
  variant?: 'full' | 'kept';
  time: number;
}

function text(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function readHandoff(dir: string): Stored | undefined {
  const note = text(path.join(dir, 'note.jsonl'));
  if (note === undefined) return undefined;
  let message: Buffer;
  try {
    message = readFileSync(path.join(dir, 'message'));
  } catch {
    return undefined;
  }
  const original = existsSync(path.join(dir, 'original')) ? readFileSync(path.join(dir, 'original')) : undefined;
  const kept = text(path.join(dir, 'kept.jsonl'));
  const stamp = /^([0-9a-f]{40}|[0-9a-f]{64})(?: (full|kept))?\s*$/.exec(text(path.join(dir, 'commit')) ?? '');
  const add: WorklogEntry[] = [];
  const addDir = path.join(dir, 'add');
  for (const name of existsSync(addDir) ? readdirSync(addDir).sort() : []) {
    if (name.startsWith('.')) continue;
    try {
      const r = WorklogEntrySchema.safeParse(JSON.parse(readFileSync(path.join(addDir, name), 'utf8')));
      if (r.success) add.push(r.data);
    } catch { /* a remainder post-commit already moved */ }
  }
  return {
    dir, note, ...(kept !== undefined ? { kept } : {}), message, ...(original ? { original } : {}),
    msgFile: (text(path.join(dir, 'msgfile')) ?? '').replace(/\n$/, ''),
    parent: (text(path.join(dir, 'parent')) ?? '').trim(),
    consumed: (text(path.join(dir, 'consumed')) ?? '').split('\n').filter(Boolean),
    add,
    ...(stamp ? { commit: stamp[1] as string, ...(stamp[2] ? { variant: stamp[2] as 'full' | 'kept' } : {}) } : {}),
    time: statSync(dir).mtimeMs,
  };
}

/** Whether process `pid` still runs (a git still between its commit-msg and post-commit). */
export function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Moves `dir` to a name only this process uses (so two recoveries never finish the same thing);
 * undefined when another process took it first.
 */
export function take(dir: string): string | undefined {
  const taken = path.join(path.dirname(dir), `.taken-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    renameSync(dir, taken);
    return taken;
  } catch {
    return undefined;
  }
}

/** What a recovery that died had taken: a handoff (a directory) or a claim (a file naming its commit) goes back; the rest goes. */
function restoreTaken(file: string): void {
  try {
    const base = path.basename(file);
    const pd = path.dirname(file);
    if (base.startsWith('.taken') && statSync(file).isDirectory() && existsSync(path.join(file, 'note.jsonl'))) {
      renameSync(file, path.join(pd, `note-0-${base.slice(7)}`));
    } else if (base.startsWith('.taken') && /^[0-9a-f]{40,64}\n?$/.test(text(file) ?? '')) {
      renameSync(file, path.join(pd, `claim-${(text(file) as string).trim()}`));
    } else {
      rmSync(file, { recursive: true, force: true });
    }
  } catch { /* gone meanwhile */ }
}

export function claimFile(gitDir: string, sha: string): string {
  return path.join(pendingDir(gitDir), `claim-${sha}`);
}

export interface Finished {
  commit: string;
  attached: boolean;
  ledgered: number;
  overflowed: number;
}

async function finish(git: Git, gitDir: string, h: Stored, commit: string, variant: 'full' | 'kept'): Promise<Finished> {
  const note = variant === 'kept' && h.kept !== undefined ? h.kept : h.note;
  const attached = note.trim() ? await appendNote(git, commit, note, { idempotent: true }) : false;
  const c = consumeEntries(gitDir, worklogDir(gitDir), h.consumed, h.add, writeEntryIn);
  rmSync(h.dir, { recursive: true, force: true });
  return { commit, attached, ...c };
}

/** The commit an unstamped handoff describes: HEAD or its first parent, with its first parent and message. */
async function commitOf(git: Git, h: Stored, commentChar: string): Promise<{ sha: string; variant: 'full' | 'kept' } | undefined> {
  const r = await git.run(['log', '-2', '--first-parent', '--format=%H %P%x00%B%x00', 'HEAD', '--'], { okExitCodes: [128] });
  if (r.exitCode !== 0) return undefined;
  const fields = r.stdout.toString('utf8').split('\0');
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [sha = '', parent = ''] = (fields[i] as string).trim().split(' ');
    if (parent !== h.parent) continue;
    const body = fields[i + 1] as string;
    if (sameCommittedMessage(body, h.message.toString('utf8'), commentChar)) return { sha, variant: 'full' };
    if (h.original && sameCommittedMessage(body, h.original.toString('utf8'), commentChar)) return { sha, variant: 'kept' };
  }
  return undefined;
}

export interface Recovered {
  finished: Finished[];
  /** Handoffs of commits that were never made (removed; their entries stay recorded). */
  discarded: number;
}

/**
 * Finishes what earlier hook runs left in the handoff area: every handoff of a git process that
 * is gone (or of `gitPid`, the git now committing, whose earlier commit is over), and staging
 * directories of commit-msg runs killed while writing one.
 */
export async function recoverHandoffs(git: Git, gitDir: string, gitPid: string | undefined, commentChar = '#'): Promise<Recovered> {
  const pd = pendingDir(gitDir);
  const out: Recovered = { finished: [], discarded: 0 };
  let names: string[];
  try {
    names = readdirSync(pd);
  } catch {
    return out;
  }
  for (const name of names.sort()) {
    const m = /^(?:\.staging|\.taken)-(\d+)-[0-9a-f]{8}$/.exec(name);
    if (m && !alive(Number(m[1]))) restoreTaken(path.join(pd, name));
  }
  for (const name of readdirSync(pd).sort()) {
    const m = /^note-(\d+)(?:-.*)?$/.exec(name);
    if (!m || (m[1] !== gitPid && alive(Number(m[1])))) continue;
    const dir = take(path.join(pd, name));
    if (!dir) continue;
    const h = readHandoff(dir);
    if (!h) {
      rmSync(dir, { recursive: true, force: true });
      continue;
    }
    const target = h.commit ? { sha: h.commit, variant: h.variant ?? 'full' } : await commitOf(git, h, commentChar);
    if (!target) {
      rmSync(dir, { recursive: true, force: true });
      out.discarded++;
      continue;
    }
    out.finished.push(await finish(git, gitDir, h, target.sha, target.variant));
  }
  return out;
}
