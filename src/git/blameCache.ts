// Blame cache for `lines`, under <git common dir>/ai-provenance/cache, one file per set of blame
// options (and the git settings that change blame). Append-only, checksummed records:
//   header   "aip-lines 1 <key>\n"
//   result   "F <length> <sha1>\n" + JSON {s: shas, p: paths, g: [sha#, origLine, finalLine, count, path#]…}
//            the blame of one file at one commit; its id is the sha1 of its payload
//   snapshot "S <length> <sha1> <commit>\n" + JSON {f: [[path, blob, [nul, lines, marker?], result id?]…]}
//            the files of a tree blamed at that commit (all of it or the paths asked so far)
// A later run reaches a snapshot along the first-parent chain (firstParentChanges) and keeps the
// results of every path no commit in between changed. Anything that does not verify discards the
// whole file (rebuilt, never trusted). The file lives in a repository someone else may control, and
// is handled as the audit cache is (cacheFile.ts): only a regular file is read, bounded in size; a
// link, FIFO or device in its place is rebuilt, a directory bypassed; a read-only repository is read
// without writing; a write that fails stops writing for the run, never the run.
import { createHash } from 'node:crypto';
import type { BlobFacts } from '../core/lines/fileKind';
import type { BlameGroup } from './blameReader';
import { CacheFile } from './cacheFile';

const MAGIC = 'aip-lines 1';
/** Snapshots kept as starting points (the newest). */
export const MAX_SNAPSHOTS = 8;
const MAX_FILE_BYTES = 1 << 30;

/** One file of a snapshot. */
export interface SnapshotFile {
  path: string;
  blob: string;
  facts: BlobFacts;
  /** Id of its blame result (absent for binary or generated files, which are not blamed). */
  result?: string;
}

type StoredFacts = [0 | 1, number, string?];
type StoredFile = [string, string, StoredFacts, string?];

/** A file's blame without the line text: what `lines` needs. */
export type StoredGroup = Pick<BlameGroup, 'sha' | 'origLine' | 'finalLine' | 'count' | 'origPath'>;

export class BlameCache {
  private data: Buffer = Buffer.alloc(0);
  private readonly results = new Map<string, [number, number]>();
  private readonly snapshots = new Map<string, [number, number]>();
  /** Snapshot commits, oldest first. */
  private order: string[] = [];
  private fileSize = 0;
  private readonly store: CacheFile;
  /** Results written in this run (id → payload), readable before the next load. */
  private readonly fresh = new Map<string, Buffer>();
  /** Why the cache file was discarded on load (it is rebuilt once the lock is held). */
  discarded?: string;
  /** Why the cache is not used at all in this run (neither read nor written). */
  bypassed?: string;
  /** Why the cache is not written in this run (a read-only repository). */
  readOnly?: string;
  /** Why writing stopped part-way through this run. */
  writeFailed?: string;
  private reset = false;

  constructor(dir: string, private readonly key: string) {
    this.store = new CacheFile(dir, `lines-${createHash('sha1').update(key).digest('hex').slice(0, 16)}`);
  }

  load(): this {
    const read = this.store.read(MAX_FILE_BYTES);
    if (read.kind === 'missing') return this; // no cache yet
    if (read.kind === 'bypass') this.bypassed = read.reason;
    if (read.kind === 'unreadable') this.discard(read.reason);
    if (read.kind !== 'bytes') return this;
    try {
      this.parse(read.bytes);
    } catch (e) {
      this.discard(e instanceof Error ? e.message : String(e));
    }
    return this;
  }

  /** Forgets everything loaded; the file is replaced once we hold the lock. */
  private discard(reason: string): void {
    this.discarded = reason;
    this.results.clear();
    this.snapshots.clear();
    this.order = [];
    this.data = Buffer.alloc(0);
    this.fileSize = 0;
    this.reset = true;
  }

  /** The newest snapshot commits (starting points for a walk). */
  get known(): Set<string> {
    return new Set(this.order.slice(-MAX_SNAPSHOTS));
  }

  snapshot(commit: string): SnapshotFile[] | undefined {
    const r = this.snapshots.get(commit);
    if (!r) return undefined;
    const { f } = JSON.parse(this.data.toString('utf8', r[0], r[1])) as { f: StoredFile[] };
    return f.map(([p, blob, [nul, lines, marker], result]) => ({
      path: p, blob, facts: { nul: nul === 1, lines, ...(marker ? { marker } : {}) }, ...(result ? { result } : {}),
    }));
  }

  result(id: string): StoredGroup[] | undefined {
    const fresh = this.fresh.get(id);
    const r = this.results.get(id);
    const text = fresh ? fresh.toString('utf8') : r ? this.data.toString('utf8', r[0], r[1]) : undefined;
    if (text === undefined) return undefined;
    const { s, p, g } = JSON.parse(text) as { s: string[]; p: string[]; g: number[] };
    const out: StoredGroup[] = [];
    for (let i = 0; i + 4 < g.length; i += 5) {
      out.push({ sha: s[g[i] as number] as string, origLine: g[i + 1] as number, finalLine: g[i + 2] as number, count: g[i + 3] as number, origPath: p[g[i + 4] as number] as string });
    }
    return out;
  }

  /**
   * Takes the writer lock; false when the cache is bypassed, another process holds the lock or the
   * repository is read-only (`readOnly` says why): the cache is then only read.
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

  get writable(): boolean {
    return this.store.locked;
  }

  /** Stores a file's blame; returns its id (also without the lock: the id is its content hash). */
  addResult(groups: readonly StoredGroup[]): string {
    const shas = new Map<string, number>();
    const paths = new Map<string, number>();
    const g: number[] = [];
    for (const x of groups) {
      let s = shas.get(x.sha);
      if (s === undefined) shas.set(x.sha, (s = shas.size));
      let p = paths.get(x.origPath);
      if (p === undefined) paths.set(x.origPath, (p = paths.size));
      g.push(s, x.origLine, x.finalLine, x.count, p);
    }
    const payload = Buffer.from(JSON.stringify({ s: [...shas.keys()], p: [...paths.keys()], g }), 'utf8');
    const id = sha1(payload);
    if (this.results.has(id) || this.fresh.has(id)) return id;
    this.fresh.set(id, payload);
    if (this.store.locked) this.write(Buffer.concat([Buffer.from(`F ${payload.length} ${id}\n`, 'latin1'), payload]));
    return id;
  }

  /** Records the files of `commit`'s tree blamed so far (requires the lock). */
  setSnapshot(commit: string, files: readonly SnapshotFile[]): void {
    if (!this.store.locked) return;
    const f: StoredFile[] = files.map((x) => {
      const facts: StoredFacts = x.facts.marker ? [x.facts.nul ? 1 : 0, x.facts.lines, x.facts.marker] : [x.facts.nul ? 1 : 0, x.facts.lines];
      return x.result ? [x.path, x.blob, facts, x.result] : [x.path, x.blob, facts];
    });
    const payload = Buffer.from(JSON.stringify({ f }), 'utf8');
    if (this.write(Buffer.concat([Buffer.from(`S ${payload.length} ${sha1(payload)} ${commit}\n`, 'latin1'), payload]))) {
      try {
        this.compactIfLarge();
      } catch (e) {
        this.stopWriting(e);
      }
    }
  }

  /**
   * Appends to the file (creating it atomically with its header). False when writing failed (the
   * file or its directory went away or was replaced, the disk is full): the cache then stops
   * writing for this run and says so (`writeFailed`) — the count goes on.
   */
  private write(buf: Buffer): boolean {
    if (!this.store.locked) return false;
    try {
      if (this.fileSize === 0) {
        const magic = Buffer.from(`${MAGIC} ${this.key}\n`, 'utf8');
        this.store.create([magic, buf]);
        this.fileSize = magic.length + buf.length;
        return true;
      }
      this.store.append(buf);
      this.fileSize += buf.length;
      return true;
    } catch (e) {
      this.stopWriting(e);
      return false;
    }
  }

  private stopWriting(e: unknown): void {
    this.writeFailed = `could not write ${this.store.file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
    this.unlock();
  }

  /** Rewrites the file with only the newest snapshots and their results when it has grown 4× past them. */
  private compactIfLarge(): void {
    if (this.fileSize < 1 << 20) return;
    const read = this.store.read(MAX_FILE_BYTES);
    if (read.kind !== 'bytes') throw new Error(read.kind === 'missing' ? 'the cache file went away' : read.reason);
    const buf = read.bytes;
    this.data = Buffer.alloc(0);
    this.results.clear();
    this.snapshots.clear();
    this.order = [];
    this.parse(buf);
    const keep = this.order.slice(-MAX_SNAPSHOTS);
    const live = new Set<string>();
    let liveBytes = 0;
    for (const c of keep) {
      const r = this.snapshots.get(c) as [number, number];
      liveBytes += r[1] - r[0];
      for (const f of this.snapshot(c) ?? []) if (f.result && !live.has(f.result)) {
        live.add(f.result);
        const rr = this.results.get(f.result);
        if (rr) liveBytes += rr[1] - rr[0];
      }
    }
    if (buf.length < 1 << 20 || buf.length < liveBytes * 4) return;
    const parts: Buffer[] = [Buffer.from(`${MAGIC} ${this.key}\n`, 'utf8')];
    for (const id of live) {
      const r = this.results.get(id);
      if (r) parts.push(Buffer.from(`F ${r[1] - r[0]} ${id}\n`, 'latin1'), buf.subarray(r[0], r[1]));
    }
    for (const c of keep) {
      const r = this.snapshots.get(c) as [number, number];
      const payload = buf.subarray(r[0], r[1]);
      parts.push(Buffer.from(`S ${payload.length} ${sha1(payload)} ${c}\n`, 'latin1'), payload);
    }
    const out = Buffer.concat(parts);
    this.store.create([out]);
    this.results.clear();
    this.snapshots.clear();
    this.order = [];
    this.parse(out);
  }

  private parse(buf: Buffer): void {
    const headerEnd = buf.indexOf(0x0a);
    if (headerEnd === -1 || buf.toString('utf8', 0, headerEnd) !== `${MAGIC} ${this.key}`) {
      throw new Error('cache header does not match these blame options or git settings');
    }
    let pos = headerEnd + 1;
    while (pos < buf.length) {
      const nl = buf.indexOf(0x0a, pos);
      if (nl === -1) throw new Error('cache ends inside a record header');
      const fields = buf.toString('latin1', pos, nl).split(' ');
      const kind = fields[0];
      const len = Number(fields[1]);
      const start = nl + 1;
      const end = start + len;
      if ((kind !== 'F' && kind !== 'S') || !Number.isSafeInteger(len) || end > buf.length) throw new Error('cache record is truncated or unknown');
      if (sha1(buf.subarray(start, end)) !== fields[2]) throw new Error('cache record checksum mismatch');
      if (kind === 'F') this.results.set(fields[2] as string, [start, end]);
      else {
        const commit = fields[3] ?? '';
        if (!/^[0-9a-f]{40,64}$/.test(commit)) throw new Error('cache snapshot names no commit');
        this.snapshots.set(commit, [start, end]);
        this.order = this.order.filter((c) => c !== commit);
        this.order.push(commit);
      }
      pos = end;
    }
    this.data = buf;
    this.fileSize = buf.length;
  }
}

function sha1(buf: Buffer): string {
  return createHash('sha1').update(buf).digest('hex');
}
