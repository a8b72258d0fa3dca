// One cache file of ours under <git common dir>/ai-provenance/cache (the audit cache, the lines
// cache), in a repository someone else may control (another user's clone, an untrusted folder):
// - read only as a regular file, bounded in size, never through a symbolic link, never blocking on
//   a FIFO (untrustedFile.ts); a cache directory that is a link or not a directory is not used;
// - anything else in the file's place is rebuilt (a link, a FIFO, a device, an oversized file) or,
//   a directory, left alone and the cache bypassed — each with one reason for one notice;
// - written only under a lock file, created atomically (O_EXCL on a fresh random name, then
//   rename) and appended without following a link or re-creating a file that went away;
// - in a read-only repository read but not written (`lock` says why not).
import { randomBytes } from 'node:crypto';
import { closeSync, constants, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { isDirectory, readUntrustedFile, readUntrustedFileAsync, unusableDir, type UntrustedRead } from './untrustedFile';

const LOCK_STALE_MS = 10 * 60 * 1000;
const APPEND_FLAGS = constants.O_WRONLY | constants.O_APPEND | (constants.O_NOFOLLOW ?? 0);

export type CacheRead =
  | { kind: 'bytes'; bytes: Buffer }
  | { kind: 'missing' }
  /** Neither read nor written in this run (a directory in the file's place, an unusable cache directory). */
  | { kind: 'bypass'; reason: string }
  /** Something else is in the file's place: rebuild it once the lock is held. */
  | { kind: 'unreadable'; reason: string };

export type CacheLock = { locked: true } | { locked: false; readOnly?: string };

export class CacheFile {
  readonly file: string;
  readonly lockFile: string;
  private lockFd?: number;

  /** `<dir>/<name>.cache`, locked by `<dir>/<name>.lock`. */
  constructor(readonly dir: string, name: string) {
    this.file = path.join(dir, `${name}.cache`);
    this.lockFile = path.join(dir, `${name}.lock`);
  }

  /** The file's bytes, or what stands in their way (see CacheRead). */
  read(maxBytes: number): CacheRead {
    const bypass = unusableDir(this.dir);
    if (bypass) return { kind: 'bypass', reason: bypass };
    return this.classify(readUntrustedFile(this.file, { noSymlink: true, maxBytes, label: 'the cache file' }));
  }

  /** `read`, with the bytes read off the calling thread (the same checks before them). */
  async readAsync(maxBytes: number): Promise<CacheRead> {
    const bypass = unusableDir(this.dir);
    if (bypass) return { kind: 'bypass', reason: bypass };
    return this.classify(await readUntrustedFileAsync(this.file, { noSymlink: true, maxBytes, label: 'the cache file' }));
  }

  private classify(read: UntrustedRead): CacheRead {
    if (read.missing) return { kind: 'missing' };
    if (read.bytes) return { kind: 'bytes', bytes: read.bytes };
    // A symbolic link, FIFO, device or oversized file is removed and rebuilt; a directory is left alone.
    if (isDirectory(this.file)) return { kind: 'bypass', reason: `${this.file} is a directory, not a cache file (remove it to use the cache)` };
    return { kind: 'unreadable', reason: read.problem ?? 'unreadable' };
  }

  get locked(): boolean {
    return this.lockFd !== undefined;
  }

  /**
   * Takes the writer lock (a stale one, 10 minutes old, is broken). Not locked: another process
   * holds it, or the repository is read-only (`readOnly` says why). `replace`: the file is removed
   * once the lock is held (it was found corrupt; another process may have been writing it).
   */
  lock(replace: boolean): CacheLock {
    try {
      mkdirSync(this.dir, { recursive: true });
    } catch (e) {
      return { locked: false, readOnly: `cannot create ${this.dir} (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
    }
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        this.lockFd = openSync(this.lockFile, 'wx');
        if (replace) {
          try {
            rmSync(this.file, { force: true });
          } catch (e) {
            this.unlock();
            return { locked: false, readOnly: `cannot replace ${this.file} (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
          }
        }
        return { locked: true };
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'EEXIST') return { locked: false, readOnly: `cannot write in ${this.dir} (${code ?? 'error'})` };
        try {
          if (Date.now() - statSync(this.lockFile).mtimeMs > LOCK_STALE_MS) rmSync(this.lockFile, { force: true });
          else return { locked: false };
        } catch {
          return { locked: false };
        }
      }
    }
    return { locked: false };
  }

  unlock(): void {
    if (this.lockFd === undefined) return;
    closeSync(this.lockFd);
    this.lockFd = undefined;
    try {
      rmSync(this.lockFile, { force: true });
    } catch {
      // its directory went away: nothing to release
    }
  }

  /** Writes the whole file atomically: never through a link someone planted beside the cache. Throws. */
  create(parts: readonly Buffer[]): void {
    const tmp = `${this.file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    const fd = openSync(tmp, 'wx');
    try {
      for (const p of parts) writeSync(fd, p);
    } finally {
      closeSync(fd);
    }
    try {
      renameSync(tmp, this.file);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
  }

  /** Appends to the existing file. No O_CREAT: if it went away under us, offsets would lie. Throws. */
  append(buf: Buffer): void {
    const fd = openSync(this.file, APPEND_FLAGS);
    try {
      writeSync(fd, buf);
    } finally {
      closeSync(fd);
    }
  }
}
