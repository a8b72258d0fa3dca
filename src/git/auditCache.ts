// Audit cache under <git common dir>/ai-provenance/cache: each commit is classified once per
// engine/catalog version and settings. An append-only file of checksummed records:
//   header  "aip-cache 1 <key>\n"
//   block   "B <length> <sha1>\n" + lines "sha \t parents \t committer-time \t audit-json \n"
//   tips    "T <sha1> <tip,tip,…>\n"   tips whose whole history is cached (last record wins)
//   order   "O <length> <sha1> <tip>\n" + uint32 LE pairs: the byte ranges of the audit JSON of
//           every commit of `git log <tip>`, in that order (last record wins) — a re-audit splices it
//   state   "V <digest>\n"  replace refs, grafts and shallow boundary it is valid for (last wins)
//   objects "S <length> <sha1>\n" + the object store snapshot it was computed from (objectStore.ts)
// Anything that does not verify discards the whole file: a corrupt cache is rebuilt, never trusted.
// The file lives in a repository someone else may control (another user's clone, an untrusted
// folder): only a regular file is read (no symbolic link, FIFO, device, directory), bounded in size;
// a read-only repository is audited without writing (cacheFile.ts, shared with the lines cache).
import { createHash, webcrypto } from 'node:crypto';
import * as path from 'node:path';
import type { WalkNode } from '../core/history/walk';
import { CacheFile, type CacheRead } from './cacheFile';

export interface CacheEntryInput {
  sha: string;
  parents: readonly string[];
  time: number;
  json: string;
}

/** The stored order of a tip's history: [start, end) of each commit's JSON in the cache file. */
export interface StoredOrder {
  tip: string;
  ranges: Uint32Array;
}

const MAGIC = 'aip-cache 2';
/** A cache of a million commits with diffs is a few hundred MB; past this it is not ours. */
const MAX_CACHE_BYTES = 1 << 30;
const BLOCK = 1 << 20;
/** Smaller records are hashed on the calling thread: handing them to the pool costs more. */
const SYNC_CHECK_BYTES = 1 << 16;

/** A checksum the file states, the bytes it covers, and what a mismatch means. */
interface Check {
  bytes: Buffer;
  sha: string;
  error: string;
}

interface IndexEntry {
  parents: string;
  time: number;
  /** [start, end) of the JSON in the file; -1 for entries appended by this process. */
  start: number;
  end: number;
}

export class AuditCache {
  private indexed?: Map<string, IndexEntry>;
  private blocks: [number, number][] = [];
  /** Entries appended by this process, for lookups in this run (the loaded buffer lacks them). */
  private readonly appended = new Map<string, string>();
  private data: Buffer = Buffer.alloc(0);
  private fileSize = 0;
  private completeTips: string[] = [];
  private stored?: StoredOrder;
  private readonly store: CacheFile;
  private block = Buffer.allocUnsafe(BLOCK);
  private blockUsed = 0;
  /** [start, end) of each JSON in the current block, relative to the block body. */
  private blockRanges: number[] = [];
  /** File ranges of the entries written in this run, in the order they were added. */
  private writtenRanges: number[] = [];
  /** Why the cache file was discarded on load, if it was. */
  discarded?: string;
  /** Why the cache is not used at all in this run (neither read nor written). */
  bypassed?: string;
  /** Why the cache is not written in this run (a read-only repository). */
  readOnly?: string;
  /** Why writing stopped part-way through this run. */
  writeFailed?: string;
  /** The object store snapshot the cached audits were computed from (last S record). */
  storedSnapshot?: string;
  private stateSeen?: string;
  private reset = false;

  /** `state`: the digest of what else the cached answers depend on (cacheValidity.ts). */
  constructor(dir: string, private readonly key: string, private readonly state = '-') {
    const name = `audit-${createHash('sha1').update(key).digest('hex').slice(0, 16)}`;
    this.store = new CacheFile(dir, name);
  }

  /** Reads and verifies the cache file; a missing file is an empty cache. */
  load(): this {
    const read = this.store.read(MAX_CACHE_BYTES);
    if (read.kind !== 'bytes') return this.unread(read);
    try {
      this.parse(read.bytes);
    } catch (e) {
      this.discard(e instanceof Error ? e.message : String(e));
    }
    return this;
  }

  /**
   * `load`, with the read and the checksums off the calling thread: an extension host keeps
   * answering its webviews meanwhile. Nothing is usable before it resolves, verified.
   */
  async loadAsync(): Promise<this> {
    const read = await this.store.readAsync(MAX_CACHE_BYTES);
    if (read.kind !== 'bytes') return this.unread(read);
    try {
      await this.parseAsync(read.bytes);
    } catch (e) {
      this.discard(e instanceof Error ? e.message : String(e));
    }
    return this;
  }

  private unread(read: Exclude<CacheRead, { kind: 'bytes' }>): this {
    if (read.kind === 'bypass') this.bypassed = read.reason;
    if (read.kind === 'unreadable') this.discard(read.reason);
    return this;
  }

  /** Forgets everything cached (and removes the file when the repository lets us). */
  discard(reason: string): void {
    this.discarded = reason;
    this.blocks = [];
    this.completeTips = [];
    this.stored = undefined;
    this.storedSnapshot = undefined;
    this.stateSeen = undefined;
    this.indexed = undefined;
    this.data = Buffer.alloc(0);
    this.fileSize = 0;
    this.reset = true; // the file is replaced once we hold the lock (another process may be writing it)
  }

  /** Nothing cached was loaded. */
  get empty(): boolean {
    return this.blocks.length === 0 && this.completeTips.length === 0 && !this.stored;
  }

  get tips(): readonly string[] {
    return this.completeTips;
  }

  /** The order recorded by the last complete audit of one tip. */
  get order(): StoredOrder | undefined {
    return this.stored;
  }

  has(sha: string): boolean {
    return this.index().has(sha);
  }

  node(sha: string): WalkNode | undefined {
    const e = this.index().get(sha);
    return e ? { time: e.time, parents: e.parents ? e.parents.split(' ') : [] } : undefined;
  }

  /** The audit JSON of a cached commit (appended in this run or loaded from the file). */
  json(sha: string): string | undefined {
    const fresh = this.appended.get(sha);
    if (fresh !== undefined) return fresh;
    const e = this.index().get(sha);
    return e ? this.data.toString('utf8', e.start, e.end) : undefined;
  }

  /** The cached JSON line (with its newline) as bytes of the file: zero-copy output. */
  line(sha: string): Buffer | undefined {
    const e = this.index().get(sha);
    return e && e.start >= 0 ? this.data.subarray(e.start, e.end + 1) : undefined;
  }

  /** File range of a commit's JSON, loaded or written in this run. */
  range(sha: string): [number, number] | undefined {
    const e = this.index().get(sha);
    return e && e.start >= 0 ? [e.start, e.end] : undefined;
  }

  /** A loaded JSON line by file range (with its newline). */
  lineAt(start: number, end: number): Buffer {
    return this.data.subarray(start, end + 1);
  }

  /**
   * Takes the writer lock; false when another process holds it or the repository is read-only
   * (`readOnly` says why): the cache is then only read.
   */
  lock(): boolean {
    if (this.bypassed) return false;
    const lock = this.store.lock(this.reset);
    if (!lock.locked) {
      if (lock.readOnly) this.readOnly = lock.readOnly;
      return false;
    }
    this.reset = false;
    return true;
  }

  unlock(): void {
    this.store.unlock();
  }

  /** Adds classified commits kept in memory for this run (replays look them up again). */
  append(entries: readonly CacheEntryInput[]): void {
    for (const e of entries) this.add(e, true);
    this.flush();
  }

  /**
   * Adds one classified commit. Entries are encoded at once into an off-heap block buffer, so the
   * strings die young (keeping thousands alive until a flush costs the GC more than the audit).
   * `keep` also keeps it in memory for lookups in this run.
   */
  add(e: CacheEntryInput, keep = false): void {
    if (keep) {
      this.index().set(e.sha, { parents: e.parents.join(' '), time: e.time, start: -1, end: -1 });
      this.appended.set(e.sha, e.json);
    }
    if (!this.store.locked) return;
    const prefix = `${e.sha}\t${e.parents.join(' ')}\t${e.time}\t`;
    const need = (prefix.length + e.json.length) * 3 + 1;
    if (need > this.block.length - this.blockUsed) this.flush();
    if (need > this.block.length) this.block = Buffer.allocUnsafe(need);
    this.blockUsed += this.block.write(prefix, this.blockUsed, 'latin1');
    const start = this.blockUsed;
    this.blockUsed += this.block.write(e.json, this.blockUsed);
    this.blockRanges.push(start, this.blockUsed);
    this.block[this.blockUsed++] = 0x0a;
  }

  /** Writes the entries added since the last flush as one block. */
  flush(): void {
    if (this.blockUsed === 0 || !this.store.locked) return;
    const body = this.block.subarray(0, this.blockUsed);
    const head = Buffer.from(`B ${body.length} ${sha1(body)}\n`, 'latin1');
    const at = this.write(Buffer.concat([head, body]));
    if (at !== undefined) for (const r of this.blockRanges) this.writtenRanges.push(at + head.length + r);
    this.blockRanges = [];
    this.blockUsed = 0;
    this.block = Buffer.allocUnsafe(BLOCK);
  }

  /** File ranges of the entries written in this run, in order (pairs [start, end)). */
  get written(): readonly number[] {
    return this.writtenRanges;
  }

  /** Records the tips whose whole history is now cached (requires the lock). */
  setTips(tips: readonly string[]): void {
    if (!this.store.locked) return;
    const text = tips.join(',');
    this.write(Buffer.from(`T ${sha1(Buffer.from(text, 'latin1'))} ${text}\n`, 'latin1'));
    this.completeTips = [...tips];
  }

  /** Records the object store snapshot the cached audits now stand on (requires the lock). */
  setSnapshot(text: string): void {
    if (!this.store.locked) return;
    const payload = Buffer.from(text, 'utf8');
    this.write(Buffer.concat([Buffer.from(`S ${payload.length} ${sha1(payload)}\n`, 'latin1'), payload]));
    this.storedSnapshot = text;
  }

  /** Records the output order of `git log tip` as file ranges (requires the lock). */
  setOrder(tip: string, ranges: ArrayLike<number>): void {
    if (!this.store.locked) return;
    const payload = Buffer.from(Uint32Array.from(ranges).buffer);
    this.write(Buffer.concat([Buffer.from(`O ${payload.length} ${sha1(payload)} ${tip}\n`, 'latin1'), payload]));
  }

  /**
   * Appends to the file (creating it atomically with its header); returns the offset written at,
   * or undefined when writing failed (the file or its directory went away, the disk is full): the
   * cache then stops writing for this run and says so (`writeFailed`) — the audit goes on.
   */
  private write(buf: Buffer): number | undefined {
    if (!this.store.locked) return undefined;
    try {
      if (this.fileSize === 0) {
        const magic = Buffer.from(`${MAGIC} ${this.key}\nV ${this.state}\n`, 'utf8');
        this.store.create([magic, buf]);
        this.stateSeen = this.state;
        this.fileSize = magic.length + buf.length;
        return magic.length;
      }
      this.store.append(buf);
      const at = this.fileSize;
      this.fileSize += buf.length;
      return at;
    } catch (e) {
      this.writeFailed = `could not write ${this.store.file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
      this.unlock();
      return undefined;
    }
  }

  private parse(buf: Buffer): void {
    const scan = this.scan(buf);
    for (const c of scan.checks) if (sha1(c.bytes) !== c.sha) throw new Error(c.error);
    this.accept(buf, scan);
  }

  /**
   * `parse` with the checksums computed off the calling thread (libuv's pool, via WebCrypto), at most
   * two at a time: the 60 MB cache of a 100,000-commit history no longer stalls an extension host
   * while it is verified. The same checks, in the same order, with the same outcome: nothing of the
   * file is used before every one of them passed.
   */
  private async parseAsync(buf: Buffer): Promise<void> {
    const scan = this.scan(buf);
    const digests: Promise<string>[] = [];
    const start = (i: number): void => {
      const c = scan.checks[i];
      if (c) digests[i] = c.bytes.length < SYNC_CHECK_BYTES ? Promise.resolve(sha1(c.bytes)) : sha1Async(c.bytes);
    };
    start(0);
    start(1);
    for (let i = 0; i < scan.checks.length; i++) {
      const c = scan.checks[i] as Check;
      let digest: string;
      try {
        digest = await (digests[i] as Promise<string>);
      } catch {
        digest = sha1(c.bytes); // no WebCrypto here: hash on this thread
      }
      if (digest !== c.sha) {
        // Let the digests still in flight settle (their results are not needed; an unhandled rejection is not wanted).
        for (let j = i + 1; j < digests.length; j++) digests[j]?.catch(() => undefined);
        throw new Error(c.error);
      }
      start(i + 2);
    }
    this.accept(buf, scan);
  }

  /**
   * Walks the records, recording what each says and the checksums to verify. `error`: the first
   * problem found other than a checksum — reported only when every checksum before it verifies,
   * as a single pass that checked each record in turn would.
   */
  private scan(buf: Buffer): { checks: Check[]; error?: string } {
    const checks: Check[] = [];
    const headerEnd = buf.indexOf(0x0a);
    if (headerEnd === -1 || buf.toString('utf8', 0, headerEnd) !== `${MAGIC} ${this.key}`) {
      return { checks, error: 'cache header does not match this engine, catalog or settings' };
    }
    let pos = headerEnd + 1;
    while (pos < buf.length) {
      const nl = buf.indexOf(0x0a, pos);
      if (nl === -1) return { checks, error: 'cache ends inside a record header' };
      const fields = buf.toString('latin1', pos, nl).split(' ');
      const kind = fields[0];
      if (kind === 'B' || kind === 'O' || kind === 'S') {
        const len = Number(fields[1]);
        const start = nl + 1;
        const end = start + len;
        if (!Number.isSafeInteger(len) || end > buf.length) return { checks, error: 'cache record is truncated' };
        checks.push({ bytes: buf.subarray(start, end), sha: fields[2] ?? '', error: 'cache record checksum mismatch' });
        if (kind === 'B') this.blocks.push([start, end]);
        else if (kind === 'O') this.stored = { tip: fields[3] ?? '', ranges: new Uint32Array(buf.buffer.slice(buf.byteOffset + start, buf.byteOffset + end)) };
        else this.storedSnapshot = buf.toString('utf8', start, end);
        pos = end;
      } else if (kind === 'V') {
        this.stateSeen = fields[1] ?? '';
        pos = nl + 1;
      } else if (kind === 'T') {
        const text = fields[2] ?? '';
        checks.push({ bytes: Buffer.from(text, 'latin1'), sha: fields[1] ?? '', error: 'cache tips checksum mismatch' });
        this.completeTips = text ? text.split(',') : [];
        pos = nl + 1;
      } else {
        return { checks, error: 'cache record of unknown type' };
      }
    }
    if (this.stateSeen !== this.state) return { checks, error: 'replace refs, grafts or the shallow boundary changed since the last audit' };
    if (this.stored && !validRanges(buf, this.stored.ranges, this.blocks)) return { checks, error: 'cache order points outside its data' };
    return { checks };
  }

  /** Takes the verified file as the cache (or throws the scan's problem). */
  private accept(buf: Buffer, scan: { error?: string }): void {
    if (scan.error) throw new Error(scan.error);
    this.data = buf;
    this.fileSize = buf.length;
  }

  /** The sha → entry index, built on first use (a spliced replay never needs it). */
  private index(): Map<string, IndexEntry> {
    if (this.indexed) return this.indexed;
    const index = new Map<string, IndexEntry>();
    const buf = this.data;
    for (const [start, end] of this.blocks) {
      for (let pos = start; pos < end;) {
        const nl = buf.indexOf(0x0a, pos);
        const t1 = buf.indexOf(0x09, pos);
        const t2 = buf.indexOf(0x09, t1 + 1);
        const t3 = buf.indexOf(0x09, t2 + 1);
        if (nl === -1 || nl > end || t1 === -1 || t3 === -1 || t3 > nl) throw new Error('cache line is malformed');
        const time = Number(buf.toString('latin1', t2 + 1, t3));
        index.set(buf.toString('latin1', pos, t1), { parents: buf.toString('latin1', t1 + 1, t2), time, start: t3 + 1, end: nl });
        pos = nl + 1;
      }
    }
    this.indexed = index;
    return index;
  }
}

/** Every range lies in a block and ends at a line end. */
function validRanges(buf: Buffer, ranges: Uint32Array, blocks: readonly [number, number][]): boolean {
  if (ranges.length % 2 !== 0) return false;
  const lo = blocks[0]?.[0] ?? 0;
  for (let i = 0; i < ranges.length; i += 2) {
    const s = ranges[i] as number;
    const e = ranges[i + 1] as number;
    if (s < lo || e <= s || e >= buf.length || buf[e] !== 0x0a || buf[s] !== 0x7b /* { */) return false;
  }
  return true;
}

function sha1(buf: Buffer): string {
  return createHash('sha1').update(buf).digest('hex');
}

/** SHA-1 computed in libuv's thread pool (WebCrypto's digest), not on the calling thread. */
async function sha1Async(buf: Buffer): Promise<string> {
  return Buffer.from(await webcrypto.subtle.digest('SHA-1', buf)).toString('hex');
}

/** The cache directory of a repository. */
export function cacheDir(commonDir: string): string {
  return path.join(commonDir, 'ai-provenance', 'cache');
}
