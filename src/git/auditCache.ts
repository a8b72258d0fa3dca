// Audit cache under <git common dir>/ai-provenance/cache: each commit is classified once per
// engine/catalog version and settings. An append-only file of checksummed blocks:
//   header  "aip-cache 1 <key>\n"
//   block   "B <length> <sha1>\n" + lines "sha \t parents \t committer-time \t audit-json \n"
//   tips    "T <sha1> <tip,tip,…>\n"   (tips whose whole history is in the cache; last line wins)
// Anything that does not verify discards the whole file: a corrupt cache is rebuilt, never trusted.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import type { WalkNode } from '../core/walk';

export interface CachedCommit extends WalkNode {
  sha: string;
  /** The audit's JSON text, exactly as reports print it. */
  json: string;
}

export interface CacheEntryInput {
  sha: string;
  parents: readonly string[];
  time: number;
  json: string;
}

const MAGIC = 'aip-cache 1';
const LOCK_STALE_MS = 10 * 60 * 1000;

interface IndexEntry {
  parents: string;
  time: number;
  start: number;
  end: number;
}

export class AuditCache {
  private readonly index = new Map<string, IndexEntry>();
  /** Entries appended by this process: the loaded file buffer does not hold them. */
  private readonly appended = new Map<string, string>();
  private data: Buffer = Buffer.alloc(0);
  private completeTips: string[] = [];
  private lockFd?: number;
  private readonly file: string;
  private readonly lockFile: string;
  /** Why the cache file was discarded on load, if it was. */
  discarded?: string;

  constructor(dir: string, private readonly key: string) {
    const name = `audit-${createHash('sha1').update(key).digest('hex').slice(0, 16)}`;
    this.file = path.join(dir, `${name}.cache`);
    this.lockFile = path.join(dir, `${name}.lock`);
  }

  /** Reads and verifies the cache file; a missing file is an empty cache. */
  load(): this {
    if (!existsSync(this.file)) return this;
    try {
      this.parse(readFileSync(this.file));
    } catch (e) {
      this.discarded = e instanceof Error ? e.message : String(e);
      this.index.clear();
      this.completeTips = [];
      this.data = Buffer.alloc(0);
      rmSync(this.file, { force: true });
    }
    return this;
  }

  get size(): number {
    return this.index.size;
  }

  get tips(): readonly string[] {
    return this.completeTips;
  }

  has(sha: string): boolean {
    return this.index.has(sha);
  }

  node(sha: string): WalkNode | undefined {
    const e = this.index.get(sha);
    return e ? { time: e.time, parents: e.parents ? e.parents.split(' ') : [] } : undefined;
  }

  /** The audit JSON of a cached commit (appended in this process or loaded from the file). */
  json(sha: string): string | undefined {
    const fresh = this.appended.get(sha);
    if (fresh !== undefined) return fresh;
    const e = this.index.get(sha);
    return e ? this.data.toString('utf8', e.start, e.end) : undefined;
  }

  /** Takes the writer lock; false when another process holds it (the cache is then read-only). */
  lock(): boolean {
    mkdirSync(path.dirname(this.file), { recursive: true });
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        this.lockFd = openSync(this.lockFile, 'wx');
        return true;
      } catch {
        try {
          if (Date.now() - statSync(this.lockFile).mtimeMs > LOCK_STALE_MS) rmSync(this.lockFile, { force: true });
          else return false;
        } catch {
          return false;
        }
      }
    }
    return false;
  }

  unlock(): void {
    if (this.lockFd === undefined) return;
    closeSync(this.lockFd);
    this.lockFd = undefined;
    rmSync(this.lockFile, { force: true });
  }

  /** Adds classified commits: in memory always, on disk as one checksummed block when locked. */
  append(entries: readonly CacheEntryInput[]): void {
    if (entries.length === 0) return;
    if (this.lockFd !== undefined) {
      const body = Buffer.from(entries.map((e) => `${e.sha}\t${e.parents.join(' ')}\t${e.time}\t${e.json}\n`).join(''), 'utf8');
      this.write(Buffer.concat([Buffer.from(`B ${body.length} ${sha1(body)}\n`, 'latin1'), body]));
    }
    for (const e of entries) {
      this.index.set(e.sha, { parents: e.parents.join(' '), time: e.time, start: -1, end: -1 });
      this.appended.set(e.sha, e.json);
    }
  }

  /** Records the tips whose whole history is now cached (requires the lock). */
  setTips(tips: readonly string[]): void {
    if (this.lockFd === undefined) return;
    const text = tips.join(',');
    this.write(Buffer.from(`T ${sha1(Buffer.from(text, 'latin1'))} ${text}\n`, 'latin1'));
    this.completeTips = [...tips];
  }

  private write(buf: Buffer): void {
    const fresh = !existsSync(this.file);
    if (fresh) {
      const tmp = `${this.file}.${process.pid}.tmp`;
      const fd = openSync(tmp, 'w');
      try {
        writeSync(fd, Buffer.from(`${MAGIC} ${this.key}\n`, 'utf8'));
        writeSync(fd, buf);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, this.file);
      return;
    }
    const fd = openSync(this.file, 'a');
    try {
      writeSync(fd, buf);
    } finally {
      closeSync(fd);
    }
  }

  private parse(buf: Buffer): void {
    const headerEnd = buf.indexOf(0x0a);
    if (headerEnd === -1 || buf.toString('utf8', 0, headerEnd) !== `${MAGIC} ${this.key}`) {
      throw new Error('cache header does not match this engine, catalog or settings');
    }
    let pos = headerEnd + 1;
    while (pos < buf.length) {
      const nl = buf.indexOf(0x0a, pos);
      if (nl === -1) throw new Error('cache ends inside a record header');
      const line = buf.toString('latin1', pos, nl);
      if (line.startsWith('B ')) {
        const [, len, hash] = line.split(' ');
        const start = nl + 1;
        const end = start + Number(len);
        if (!Number.isSafeInteger(Number(len)) || end > buf.length) throw new Error('cache block is truncated');
        const body = buf.subarray(start, end);
        if (sha1(body) !== hash) throw new Error('cache block checksum mismatch');
        this.indexBlock(buf, start, end);
        pos = end;
      } else if (line.startsWith('T ')) {
        const [, hash, text = ''] = line.split(' ');
        if (sha1(Buffer.from(text, 'latin1')) !== hash) throw new Error('cache tips checksum mismatch');
        this.completeTips = text ? text.split(',') : [];
        pos = nl + 1;
      } else {
        throw new Error('cache record of unknown type');
      }
    }
    this.data = buf;
  }

  private indexBlock(buf: Buffer, start: number, end: number): void {
    let pos = start;
    while (pos < end) {
      const nl = buf.indexOf(0x0a, pos);
      const t1 = buf.indexOf(0x09, pos);
      const t2 = buf.indexOf(0x09, t1 + 1);
      const t3 = buf.indexOf(0x09, t2 + 1);
      if (nl === -1 || nl > end || t1 === -1 || t3 === -1 || t3 > nl) throw new Error('cache line is malformed');
      const sha = buf.toString('latin1', pos, t1);
      const time = Number(buf.toString('latin1', t2 + 1, t3));
      if (!Number.isFinite(time) || (sha.length !== 40 && sha.length !== 64)) throw new Error('cache line is malformed');
      this.index.set(sha, { parents: buf.toString('latin1', t1 + 1, t2), time, start: t3 + 1, end: nl });
      pos = nl + 1;
    }
  }
}

function sha1(buf: Buffer): string {
  return createHash('sha1').update(buf).digest('hex');
}

/** The cache directory of a repository. */
export function cacheDir(commonDir: string): string {
  return path.join(commonDir, 'ai-provenance', 'cache');
}

/** Identifies what a shallow clone can see: its boundary changes parents as git reports them. */
export function shallowKey(commonDir: string): string {
  const file = path.join(commonDir, 'shallow');
  return existsSync(file) ? sha1(readFileSync(file)).slice(0, 12) : 'full';
}
