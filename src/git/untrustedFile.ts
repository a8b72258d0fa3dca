// Reading files that someone else controls (the team file anyone with push access commits, our own
// state under .git in another user's clone): only a regular file, inside the directory it must
// live in, opened without blocking, read up to a size cap. Anything else is one line naming the
// file and what it is — never its bytes, never a hang (a FIFO), never a runaway read (/dev/zero).
import { closeSync, constants, fstatSync, lstatSync, openSync, read, readSync, realpathSync, type Stats } from 'node:fs';
import * as path from 'node:path';

export interface UntrustedRead {
  /** The bytes, when the file is a readable regular file within the rules. */
  bytes?: Buffer;
  /** The file does not exist (not a problem: the caller decides what absence means). */
  missing?: boolean;
  /** Why the file was not read, in one line (names the file, never quotes its content). */
  problem?: string;
}

export interface UntrustedReadOptions {
  /** The file must resolve (symlinks followed) to a path inside this directory. */
  within?: string;
  /** Refuse a symbolic link outright, wherever it points (our own state files). */
  noSymlink?: boolean;
  /** Bytes; a larger file is refused. */
  maxBytes: number;
  /** How to name the file in a problem (default: its path). */
  label?: string;
}

// O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/** What kind of file system object a Stats is, for messages. */
export function describeKind(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return st.isFile() ? 'a regular file' : 'not a regular file';
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Reads `file` under the rules above. Symbolic links are followed only when they stay inside
 * `within` (and never with `noSymlink`); the opened descriptor is checked again (fstat), so a file
 * swapped between the checks and the read is still refused.
 */
export function readUntrustedFile(file: string, options: UntrustedReadOptions): UntrustedRead {
  const opened = openUntrusted(file, options);
  if (!('fd' in opened)) return opened;
  const reader = new CappedReader(opened.size, options.maxBytes);
  try {
    for (;;) {
      const room = reader.room();
      if (!room) return tooLarge(file, options);
      const n = readSync(opened.fd, reader.buf, reader.total, room, null);
      if (n === 0) break;
      reader.total += n;
    }
    return reader.result(file, options);
  } catch (e) {
    return { problem: `${labelOf(file, options)}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  } finally {
    closeSync(opened.fd);
  }
}

/**
 * `readUntrustedFile` with the bytes read off the calling thread (the checks before the read are a
 * few system calls; the read of a 60 MB cache is what would stall an extension host).
 */
export async function readUntrustedFileAsync(file: string, options: UntrustedReadOptions): Promise<UntrustedRead> {
  const opened = openUntrusted(file, options);
  if (!('fd' in opened)) return opened;
  const reader = new CappedReader(opened.size, options.maxBytes);
  try {
    for (;;) {
      const room = reader.room();
      if (!room) return tooLarge(file, options);
      const n = await readAsync(opened.fd, reader.buf, reader.total, room);
      if (n === 0) break;
      reader.total += n;
    }
    return reader.result(file, options);
  } catch (e) {
    return { problem: `${labelOf(file, options)}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  } finally {
    closeSync(opened.fd);
  }
}

function readAsync(fd: number, buf: Buffer, offset: number, length: number): Promise<number> {
  return new Promise((resolve, reject) => read(fd, buf, offset, length, null, (err, n) => (err ? reject(err) : resolve(n))));
}

function labelOf(file: string, options: UntrustedReadOptions): string {
  return options.label ?? file;
}

function tooLarge(file: string, options: UntrustedReadOptions): UntrustedRead {
  return { problem: `${labelOf(file, options)} is too large (more than ${options.maxBytes} bytes): not read` };
}

/**
 * The size can change under us: read into a buffer of the size seen (one byte more, to notice a
 * grown file), growing it if it fills, and stop one byte past the cap. One buffer, no copy: a
 * 60 MB audit cache read in 64 KB chunks and concatenated spent more time copying than reading.
 */
class CappedReader {
  buf: Buffer;
  total = 0;

  constructor(size: number, private readonly maxBytes: number) {
    this.buf = Buffer.allocUnsafe(Math.min(size + 1, maxBytes + 1));
  }

  /** How many bytes to read next; 0 when the file is past the cap. */
  room(): number {
    if (this.total === this.buf.length) {
      if (this.total > this.maxBytes) return 0;
      const grown = Buffer.allocUnsafe(Math.min(Math.max(this.buf.length * 2, 1 << 16), this.maxBytes + 1));
      this.buf.copy(grown, 0, 0, this.total);
      this.buf = grown;
    }
    return Math.min(this.buf.length - this.total, 1 << 24);
  }

  result(file: string, options: UntrustedReadOptions): UntrustedRead {
    if (this.total > this.maxBytes) return tooLarge(file, options);
    return { bytes: this.buf.subarray(0, this.total) };
  }
}

/** The checks before reading: an open descriptor of a regular file within the rules, or why not. */
function openUntrusted(file: string, options: UntrustedReadOptions): { fd: number; size: number } | UntrustedRead {
  const label = labelOf(file, options);
  let st: Stats;
  try {
    st = lstatSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { missing: true };
    return { problem: `${label}: cannot be read (${code ?? 'error'})` };
  }
  let target = file;
  if (st.isSymbolicLink() && options.noSymlink) return { problem: `${label} is a symbolic link: not followed` };
  if (st.isSymbolicLink() || options.within !== undefined) {
    try {
      target = realpathSync(file);
    } catch {
      return { problem: `${label} is a symbolic link to nothing (dangling): not read` };
    }
  }
  if (options.within !== undefined) {
    let root: string;
    try {
      root = realpathSync(options.within);
    } catch {
      return { problem: `${label}: its directory cannot be resolved` };
    }
    if (!isInside(path.resolve(target), root)) return { problem: `${label} leads out of ${options.within} (a symbolic link): not followed` };
  }
  let fd: number;
  try {
    fd = openSync(target, OPEN_FLAGS | (options.noSymlink ? constants.O_NOFOLLOW ?? 0 : 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { missing: true };
    if (code === 'ELOOP') return { problem: `${label} is a symbolic link: not followed` };
    return { problem: `${label}: cannot be read (${code ?? 'error'})` };
  }
  try {
    const fst = fstatSync(fd);
    if (!fst.isFile()) {
      closeSync(fd);
      return { problem: `${label} is ${describeKind(fst)}, not a regular file: not read` };
    }
    if (fst.size > options.maxBytes) {
      closeSync(fd);
      return { problem: `${label} is too large (${fst.size} bytes, at most ${options.maxBytes}): not read` };
    }
    return { fd, size: fst.size };
  } catch (e) {
    closeSync(fd);
    return { problem: `${label}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  }
}

/** Something is there and it is a real directory (not a link to one). */
export function isDirectory(file: string): boolean {
  try {
    return lstatSync(file).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Our own directory under .git (and its parent) must be real directories where they exist — not a
 * symbolic link out of the repository, not a file: why not, in one line, or undefined when fine.
 */
export function unusableDir(dir: string): string | undefined {
  for (const d of [path.dirname(dir), dir]) {
    try {
      const st = lstatSync(d);
      if (!st.isDirectory()) return `${d} is ${describeKind(st)}, not a directory`;
    } catch {
      return undefined; // missing: created on the first write
    }
  }
  return undefined;
}
