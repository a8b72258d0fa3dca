// The working log: evidence recorded by agents before a commit, one JSON file per entry in
// <git dir>/ai-provenance/worklog/ (the worktree's own git dir, so linked worktrees do not mix).
// A file is written under a temporary dot-name and renamed into place, and never edited: writers
// never contend, readers never see half an entry, and a commit consumes entries by deleting them.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { WorklogEntrySchema, type WorklogEntry } from '../core/evidence/evidenceSchema';
import { ledgered, overflowDir } from './worklogLedger';

/** `<epoch ms, 13 digits>-<pid>-<8 hex>.json`: names sort chronologically. */
const ENTRY_NAME = /^\d{13}-\d+-[0-9a-f]{8}\.json$/;

/** Entries bigger than this are not read (a sane entry is a few KB). */
const MAX_ENTRY_BYTES = 4 << 20;

export function worklogDir(gitDir: string): string {
  return path.join(gitDir, 'ai-provenance', 'worklog');
}

export function entryFileName(epochMs: number, pid: number, random: string): string {
  return `${String(Math.max(0, Math.trunc(epochMs))).padStart(13, '0')}-${pid}-${random}.json`;
}

/** Validates `entry` and writes it atomically as a new file; returns the file's path. */
export function writeEntry(gitDir: string, entry: WorklogEntry): string {
  return writeEntryIn(worklogDir(gitDir), entry);
}

/** writeEntry into another directory of entries (the overflow directory of a read-only working log). */
export function writeEntryIn(dir: string, entry: WorklogEntry): string {
  const checked = WorklogEntrySchema.safeParse(entry);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new Error(`invalid worklog entry: ${issue?.path.join('.') || 'entry'}: ${issue?.message ?? 'invalid'}`);
  }
  mkdirSync(dir, { recursive: true });
  const time = Date.parse(checked.data.time);
  const name = entryFileName(Number.isFinite(time) ? time : Date.now(), process.pid, randomBytes(4).toString('hex'));
  const file = path.join(dir, name);
  const tmp = path.join(dir, `.tmp-${name}`);
  try {
    writeFileSync(tmp, `${JSON.stringify(checked.data)}\n`, { flag: 'wx', mode: 0o644 });
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return file;
}

export interface WorklogRead {
  /** Oldest first (by file name). */
  entries: { file: string; entry: WorklogEntry }[];
  /** Files that could not be read or are not valid entries, by name: reported, never fatal. */
  problems: string[];
}

/**
 * Every entry of the working log; a missing directory is an empty log. Entries a commit consumed
 * but could not delete (a read-only working log) are left out; remainders kept in the overflow
 * directory are read after the log's own (worklogLedger.ts).
 */
export function readEntries(gitDir: string): WorklogRead {
  const own = readDir(worklogDir(gitDir));
  const consumed = ledgered(gitDir);
  const entries = consumed.size ? own.entries.filter((e) => !consumed.has(path.relative(gitDir, e.file))) : own.entries;
  const overflow = existsSync(overflowDir(gitDir)) ? readDir(overflowDir(gitDir), (name) => name === 'consumed') : { entries: [], problems: [] };
  return { entries: [...entries, ...overflow.entries], problems: [...own.problems, ...overflow.problems] };
}

function readDir(dir: string, skip: (name: string) => boolean = () => false): WorklogRead {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { entries: [], problems: [] };
    return { entries: [], problems: [`${dir}: cannot list the working log (${code ?? String(e)})`] };
  }
  const entries: WorklogRead['entries'] = [];
  const problems: string[] = [];
  for (const name of names.sort()) {
    if (name.startsWith('.') || skip(name)) continue; // temporary files being written, editor droppings
    if (!ENTRY_NAME.test(name)) {
      problems.push(`${name}: not a working-log entry name (ignored)`);
      continue;
    }
    const file = path.join(dir, name);
    let raw: unknown;
    try {
      const bytes = readFileSync(file);
      if (bytes.length > MAX_ENTRY_BYTES) {
        problems.push(`${name}: larger than ${MAX_ENTRY_BYTES} bytes (ignored)`);
        continue;
      }
      raw = JSON.parse(bytes.toString('utf8'));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') continue; // consumed by a concurrent commit
      problems.push(`${name}: ${code ? `unreadable (${code})` : 'not JSON'}`);
      continue;
    }
    const r = WorklogEntrySchema.safeParse(raw);
    if (r.success) entries.push({ file, entry: r.data });
    else problems.push(`${name}: ${r.error.issues[0]?.path.join('.') || 'entry'} is invalid`);
  }
  return { entries, problems };
}

/** Deletes consumed entries; one already gone is fine. Throws the first other failure after trying all. */
export function removeEntries(files: readonly string[]): void {
  let first: unknown;
  for (const file of files) {
    try {
      unlinkSync(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') first ??= e;
    }
  }
  if (first !== undefined) throw first;
}
