// History in one `git log` process: the format string and its parser, side by side.
// Framing: each record starts with RS (0x1e); fields are separated by US (0x1f); the message (%B)
// is last and ends at the NUL that `-z` writes (a commit message cannot hold NUL). With `-p` the
// patch follows the NUL and runs until the next RS at the start of a line (patch lines always start
// with a space, '+', '-', '\\' or a header word, never RS). Bytes that are not UTF-8 are kept:
// such a record is decoded one char per byte (latin1) and flagged.
import { isAscii, isUtf8 } from 'node:buffer';
import type { CommitRecord } from '../core/model';
import { GitError, assertRevision, type Git } from './exec';

const RS = 0x1e;
const NUL = 0x00;
const LF = 0x0a;

/**
 * Field placeholders in record order; the message is appended last. Keep in step with
 * decodeRecord(). Dates are raw (`--date=raw`: "seconds ±hhmm"), which git formats fastest.
 */
const FIELDS = ['%H', '%P', '%an', '%ae', '%ad', '%cn', '%ce', '%cd'] as const;
export const LOG_FORMAT = `%x1e${FIELDS.join('%x1f')}%x1f%B`;

export interface LogQuery {
  revs: string[];
  all?: boolean;
  /** Exclude commits reachable from these (cache: tips already audited). */
  not?: string[];
  maxCount?: number;
  since?: string;
  until?: string;
  paths?: string[];
  /** Read each commit's patch (added lines only are used). */
  patch?: boolean;
  /** With patch: diff merges against their first parent (otherwise merges have no patch). */
  mergePatches?: boolean;
  /** Re-encode messages to UTF-8 (only needed when i18n.logOutputEncoding says otherwise: it is slow). */
  forceUtf8?: boolean;
  /** Only the commits named (`--no-walk=unsorted`, in the order given): lines audits the commits blame names. */
  noWalk?: boolean;
}

/** The argv for `git log`: every user setting that could change the output is pinned. */
export function logArgs(q: LogQuery): string[] {
  const args = ['log', '-z', `--format=${LOG_FORMAT}`, '--date=raw', '--no-show-signature', '--no-notes', '--no-color',
    '--no-mailmap'];
  if (q.forceUtf8) args.push('--encoding=UTF-8');
  if (q.patch) {
    // --root: a root commit's patch is its whole tree, whatever log.showRoot says (an empty patch means an empty commit).
    args.push('-p', '-U0', '-M', '--root', '--no-ext-diff', '--no-textconv', '--no-relative', '--src-prefix=a/', '--dst-prefix=b/',
      '--submodule=short', '--ignore-submodules=none');
    args.push(q.mergePatches ? '--diff-merges=first-parent' : '--diff-merges=off');
  }
  if (q.noWalk) args.push('--no-walk=unsorted');
  if (q.maxCount !== undefined) args.push(`--max-count=${q.maxCount}`);
  if (q.since) args.push(`--since=${q.since}`);
  if (q.until) args.push(`--until=${q.until}`);
  if (q.all) args.push('--exclude=refs/notes/*', '--exclude=refs/stash', '--exclude=refs/prefetch/*', '--all');
  for (const rev of q.revs) assertRevision(rev);
  for (const rev of q.not ?? []) assertRevision(rev);
  if (q.not?.length) args.push('--ignore-missing');
  // Exclusions as ^sha: after --end-of-options, `--not` would be read as a revision name.
  args.push('--end-of-options', ...q.revs, ...(q.not ?? []).map((sha) => `^${sha}`));
  args.push('--', ...(q.paths ?? []));
  return args;
}

export interface LogItem {
  commit: CommitRecord;
  /** The commit's patch, one char per byte (latin1), up to the byte cap; absent without `patch`. */
  patch?: string;
  patchTruncated?: boolean;
}

/** Incremental parser of `git log -z --format=LOG_FORMAT [-p]` output; feed chunks, get items. */
export class LogStreamParser {
  private chunks: Buffer[] = [];
  private size = 0;
  private state: 'record' | 'patch' = 'record';
  private current?: CommitRecord;
  private patchBytes = 0;
  private patchParts: Buffer[] = [];
  private lastByte = LF;

  constructor(private readonly patchCap = 1 << 20) {}

  push(chunk: Buffer): LogItem[] {
    const items: LogItem[] = [];
    let pos = 0;
    while (pos < chunk.length) {
      if (this.state === 'record') {
        const nul = chunk.indexOf(NUL, pos);
        if (nul === -1) {
          this.hold(chunk.subarray(pos));
          break;
        }
        const bytes = this.take(chunk.subarray(pos, nul));
        pos = nul + 1;
        this.current = decodeRecord(bytes);
        this.state = 'patch';
        this.patchBytes = 0;
        this.patchParts = [];
        this.lastByte = NUL;
        continue;
      }
      // patch: runs until RS at a line start (or right after the record's NUL).
      const end = this.findRecordStart(chunk, pos);
      const piece = chunk.subarray(pos, end === -1 ? chunk.length : end);
      this.addPatch(piece);
      if (piece.length) this.lastByte = piece[piece.length - 1] as number;
      if (end === -1) break;
      items.push(this.finishCommit());
      pos = end;
    }
    return items;
  }

  /** Call at end of input; returns the last commit. Throws on a truncated record. */
  end(): LogItem[] {
    if (this.state === 'record') {
      if (this.size > 0) throw new GitError('failed', 'git log output ended inside a record');
      return [];
    }
    return [this.finishCommit()];
  }

  private findRecordStart(chunk: Buffer, from: number): number {
    let i = chunk.indexOf(RS, from);
    while (i !== -1) {
      const prev = i === from ? this.lastByte : (chunk[i - 1] as number);
      if (prev === LF || prev === NUL) return i;
      i = chunk.indexOf(RS, i + 1);
    }
    return -1;
  }

  private addPatch(piece: Buffer): void {
    if (piece.length === 0) return;
    const room = this.patchCap - this.patchBytes;
    // Stream chunks are never reused by node: keeping views instead of copies is safe.
    if (room > 0) this.patchParts.push(piece.length <= room ? piece : piece.subarray(0, room));
    this.patchBytes += piece.length;
  }

  private finishCommit(): LogItem {
    const commit = this.current as CommitRecord;
    this.current = undefined;
    this.state = 'record';
    if (this.patchBytes === 0 || (this.patchBytes === 1 && this.patchParts[0]?.[0] === LF)) return { commit };
    const patch = Buffer.concat(this.patchParts).toString('latin1'); // one char per byte: see scanPatch
    return { commit, patch, ...(this.patchBytes > this.patchCap ? { patchTruncated: true } : {}) };
  }

  private hold(part: Buffer): void {
    this.chunks.push(part);
    this.size += part.length;
  }

  private take(last: Buffer): Buffer {
    if (this.size === 0) return last;
    const all = Buffer.concat([...this.chunks, last]);
    this.chunks = [];
    this.size = 0;
    return all;
  }
}

/** Decodes record bytes `RS H US P US an US ae US ad US cn US ce US cd US message`. */
export function decodeRecord(bytes: Buffer): CommitRecord {
  if (bytes[0] !== RS) throw new GitError('failed', 'git log output is out of frame (no record separator)');
  // Most records are ASCII: latin1 decoding is then identical to UTF-8, and about 3× cheaper.
  const ascii = isAscii(bytes);
  const utf8 = ascii || isUtf8(bytes);
  const text = bytes.toString(ascii || !utf8 ? 'latin1' : 'utf8', 1);
  const f: string[] = [];
  let start = 0;
  for (let i = 0; i < FIELDS.length; i++) {
    const sep = text.indexOf('\x1f', start);
    if (sep === -1) throw new GitError('failed', 'git log record has too few fields');
    f.push(text.slice(start, sep));
    start = sep + 1;
  }
  const [sha, parents, an, ae, ad, cn, ce, cd] = f as [string, string, string, string, string, string, string, string];
  const authorDate = rawDate(ad);
  const committer = cd === ad ? authorDate : rawDate(cd);
  if ((sha.length !== 40 && sha.length !== 64) || !authorDate || !committer || !HEX.test(sha)) {
    throw new GitError('failed', `git log record is malformed near ${JSON.stringify(text.slice(0, 80))}`);
  }
  const record: CommitRecord = {
    sha,
    parents: parents ? parents.split(' ') : [],
    author: { name: an, email: ae },
    authorDate: authorDate.iso,
    committer: { name: cn, email: ce },
    committerDate: committer.iso,
    committerTime: committer.time,
    message: text.slice(start),
  };
  if (!utf8) record.encoding = 'latin1';
  return record;
}

const HEX = /^[0-9a-f]+$/;
const PAD2 = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

/** `1700000000 +0130` → strict ISO 8601 with the original offset (git's %aI). */
export function rawDate(raw: string): { iso: string; time: number } | undefined {
  const space = raw.indexOf(' ');
  const time = Number(raw.slice(0, space));
  const tz = raw.slice(space + 1);
  if (space <= 0 || !Number.isSafeInteger(time) || !/^[+-]\d{4}$/.test(tz)) return undefined;
  const offset = (tz.charCodeAt(0) === 45 ? -1 : 1) * (Number(tz.slice(1, 3)) * 60 + Number(tz.slice(3, 5)));
  const local = time + offset * 60;
  const days = Math.floor(local / 86400);
  const secs = local - days * 86400;
  const day = dayString(days);
  const zone = `${tz.slice(0, 3)}:${tz.slice(3)}`;
  const clock = `${PAD2[Math.floor(secs / 3600)]}:${PAD2[Math.floor(secs / 60) % 60]}:${PAD2[secs % 60]}`;
  if (day === undefined) {
    const utc = new Date(local * 1000).toISOString(); // extended "+YYYYYY" years
    return { iso: `${utc.slice(0, utc.length - 5)}${zone}`, time };
  }
  return { iso: `${day}T${clock}${zone}`, time };
}

let lastDays = NaN;
let lastDay: string | undefined;

/** `YYYY-MM-DD` of a day number (memoised: neighbouring commits share days); undefined outside 0000–9999. */
function dayString(days: number): string | undefined {
  if (days === lastDays) return lastDay;
  const [y, m, d] = civilFromDays(days);
  lastDays = days;
  lastDay = y < 0 || y > 9999 ? undefined : `${String(y).padStart(4, '0')}-${PAD2[m]}-${PAD2[d]}`;
  return lastDay;
}

/** Days since 1970-01-01 → proleptic Gregorian [year, month, day] (H. Hinnant's algorithm). */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export interface ReadLogOptions {
  signal?: AbortSignal;
  /** Per-commit patch byte cap (default 1 MiB). */
  patchCap?: number;
}

/**
 * Streams a query's commits in `git log` order from one git process, in constant memory. Items
 * come in batches (one per chunk of git's output) to keep per-commit overhead low.
 */
export async function* readLogBatches(git: Git, query: LogQuery, options: ReadLogOptions = {}): AsyncGenerator<LogItem[]> {
  const stream = git.stream(logArgs(query), options.signal ? { signal: options.signal } : {});
  const parser = new LogStreamParser(options.patchCap);
  let failure: unknown;
  stream.done.catch((e: unknown) => (failure = e));
  try {
    for await (const chunk of stream.stdout as AsyncIterable<Buffer>) {
      const items = parser.push(chunk);
      if (items.length) yield items;
    }
    await stream.done;
    const last = parser.end();
    if (last.length) yield last;
  } catch (e) {
    stream.kill();
    await stream.done.catch(() => undefined);
    throw failure ?? e;
  } finally {
    stream.kill();
  }
}

/** One commit at a time (convenient where throughput does not matter). */
export async function* readLog(git: Git, query: LogQuery, options: ReadLogOptions = {}): AsyncGenerator<LogItem> {
  for await (const batch of readLogBatches(git, query, options)) yield* batch;
}
