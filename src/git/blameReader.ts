// `git blame` as a stream: the argv and its parser, side by side. Both of git's machine formats
// are read by one parser: `--incremental` (one header per group of lines, emitted as blame finds
// them; what `lines` uses) and `--porcelain` (one header per line plus its content; what `blame`
// prints). A header is `<sha> <orig line> <final line>[ <count>]`; commit details follow the first
// time a commit is seen; `filename` names the path in THAT commit (after renames), printed once per
// commit in porcelain unless the commit blames several paths. Quoted names are C-unquoted, bytes
// that are not UTF-8 in contents are kept (latin1, flagged).
import { isUtf8 } from 'node:buffer';
import type { BlameHeaders } from '../core/report/blameFormat';
import { GitError, assertRevision, type Git, type GitStream } from './exec';

export interface BlameArgs {
  /** The commit to blame at; absent with `contents` (the work tree's HEAD, as git does). */
  rev?: string;
  /** Repository-relative path. */
  path: string;
  /** `--porcelain` (one header per line, with content) instead of `--incremental`. */
  porcelain?: boolean;
  /** Blame the text given on stdin as the file's new version (`--contents -`). */
  contents?: boolean;
  /** Follow moved and copied lines (`-M -C`). */
  detectMoves?: boolean;
  /** 1-based inclusive line range (`-L a,b`). */
  range?: [number, number];
}

/**
 * The argv for `git blame`. Settings that would change which commit a line is blamed on are
 * pinned: no textconv (line numbers stay those of the bytes notes record), no ignored revisions
 * from the user's configuration (`--ignore-revs-file=` clears blame.ignoreRevsFile).
 */
export function blameArgs(a: BlameArgs): string[] {
  const args = ['blame', a.porcelain ? '--porcelain' : '--incremental', '--no-textconv', '--ignore-revs-file='];
  if (a.detectMoves) args.push('-M', '-C');
  if (a.range) args.push('-L', `${a.range[0]},${a.range[1]}`);
  if (a.contents) args.push('--contents', '-');
  if (a.rev !== undefined) {
    assertRevision(a.rev);
    args.push(a.rev);
  }
  args.push('--', a.path);
  return args;
}

/** What git says about a commit the first time blame names it. */
export interface BlameCommit extends BlameHeaders {
  sha: string;
}

/** Consecutive final lines blamed on one commit, at consecutive lines of `origPath` there. */
export interface BlameGroup {
  sha: string;
  /** 1-based line in the blamed commit's version of `origPath`. */
  origLine: number;
  /** 1-based line in the file blamed. */
  finalLine: number;
  count: number;
  origPath: string;
  /** Porcelain only: the lines' text, without their newline. */
  contents?: string[];
  /** Porcelain only: some line was not UTF-8 (its text is latin1, one char per byte). */
  latin1?: boolean;
}

const TAB = 0x09;
const LF = 0x0a;
const HEADER = /^([0-9a-f]{40}|[0-9a-f]{64}) (\d+) (\d+)(?: (\d+))?$/;

/** Incremental parser: feed chunks of git's output, get groups (porcelain: one per line). */
export class BlameParser {
  readonly commits = new Map<string, BlameCommit>();
  private readonly paths = new Map<string, string>();
  private carry: Buffer | undefined;
  private current: BlameGroup | undefined;
  private pendingPath = false;

  constructor(private readonly porcelain = false) {}

  push(chunk: Buffer): BlameGroup[] {
    const data = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = undefined;
    const out: BlameGroup[] = [];
    let pos = 0;
    for (let nl = data.indexOf(LF, pos); nl !== -1; nl = data.indexOf(LF, pos)) {
      this.line(data.subarray(pos, nl), out);
      pos = nl + 1;
    }
    if (pos < data.length) this.carry = Buffer.from(data.subarray(pos));
    return out;
  }

  /** Call at end of input: throws when git's output stopped inside a record. */
  end(): BlameGroup[] {
    const out: BlameGroup[] = [];
    if (this.carry?.length) {
      const last = this.carry;
      this.carry = undefined;
      this.line(last, out);
    }
    if (this.current) throw new GitError('failed', 'git blame output ended inside a record');
    return out;
  }

  private line(bytes: Buffer, out: BlameGroup[]): void {
    if (this.porcelain && bytes[0] === TAB) return this.content(bytes, out);
    const text = bytes.toString('utf8');
    const header = HEADER.exec(text);
    if (header && this.current) throw new GitError('failed', `git blame output starts a record inside another near ${JSON.stringify(text.slice(0, 80))}`);
    if (header) {
      const sha = header[1] as string;
      const count = header[4] === undefined ? 1 : Number(header[4]);
      this.current = { sha, origLine: Number(header[2]), finalLine: Number(header[3]), count: this.porcelain ? 1 : count, origPath: '' };
      this.pendingPath = true;
      if (!this.commits.has(sha)) this.commits.set(sha, { sha });
      return;
    }
    const g = this.current;
    if (!g) throw new GitError('failed', `git blame output is out of frame near ${JSON.stringify(text.slice(0, 80))}`);
    const space = text.indexOf(' ');
    const key = space === -1 ? text : text.slice(0, space);
    const value = space === -1 ? '' : text.slice(space + 1);
    const c = this.commits.get(g.sha) as BlameCommit;
    switch (key) {
      case 'author': c.author = value; break;
      case 'author-mail': c.authorMail = value.replace(/^<|>$/g, ''); break;
      case 'author-time': c.authorTime = Number(value); break;
      case 'author-tz': c.authorTz = value; break;
      case 'committer': c.committer = value; break;
      case 'committer-mail': c.committerMail = value.replace(/^<|>$/g, ''); break;
      case 'committer-time': c.committerTime = Number(value); break;
      case 'committer-tz': c.committerTz = value; break;
      case 'summary': c.summary = value; break;
      case 'boundary': c.boundary = true; break;
      case 'previous': {
        const sp = value.indexOf(' ');
        if (sp > 0) c.previous = { sha: value.slice(0, sp), path: unquotePath(value.slice(sp + 1)) };
        break;
      }
      case 'filename': {
        g.origPath = unquotePath(value);
        this.paths.set(g.sha, g.origPath);
        this.pendingPath = false;
        if (!this.porcelain) this.finish(out);
        break;
      }
      default: break; // git may add headers: ignored, as its documentation asks of readers
    }
  }

  private content(bytes: Buffer, out: BlameGroup[]): void {
    const g = this.current;
    if (!g) throw new GitError('failed', 'git blame output has a content line outside a record');
    const body = bytes.subarray(1);
    const utf8 = isUtf8(body);
    g.contents = [body.toString(utf8 ? 'utf8' : 'latin1')];
    if (!utf8) g.latin1 = true;
    this.finish(out);
  }

  private finish(out: BlameGroup[]): void {
    const g = this.current as BlameGroup;
    if (this.pendingPath) {
      const known = this.paths.get(g.sha);
      if (known === undefined) throw new GitError('failed', `git blame output names no file for ${g.sha.slice(0, 10)}`);
      g.origPath = known;
    }
    this.current = undefined;
    out.push(g);
  }
}

/** C-style quoted path as git writes it (core.quotePath): `"tab\t\303\251.txt"` → `tab\té.txt`. */
export function unquotePath(text: string): string {
  if (!(text.length >= 2 && text.startsWith('"') && text.endsWith('"'))) return text;
  const bytes: number[] = [];
  const body = Buffer.from(text.slice(1, -1), 'utf8');
  const ESC: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, '"': 34 };
  for (let i = 0; i < body.length; i++) {
    const b = body[i] as number;
    if (b !== 0x5c) {
      bytes.push(b);
      continue;
    }
    const next = String.fromCharCode(body[i + 1] ?? 0);
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.toString('latin1', i + 1, i + 4), 8) & 0xff);
      i += 3;
    } else {
      bytes.push(ESC[next] ?? (body[i + 1] as number));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

export interface BlameResult {
  groups: BlameGroup[];
  commits: Map<string, BlameCommit>;
}

/** Runs one `git blame` (streamed; porcelain or incremental) and returns every group. */
export async function readBlame(git: Git, a: BlameArgs, options: { signal?: AbortSignal; input?: Buffer | string } = {}): Promise<BlameResult> {
  const parser = new BlameParser(a.porcelain ?? false);
  const args = blameArgs({ ...a, contents: options.input !== undefined });
  if (options.input !== undefined) {
    const r = await git.run(args, { input: options.input, ...(options.signal ? { signal: options.signal } : {}) });
    const groups = [...parser.push(r.stdout), ...parser.end()];
    return { groups, commits: parser.commits };
  }
  const stream: GitStream = git.stream(args, options.signal ? { signal: options.signal } : {});
  let failure: unknown;
  stream.done.catch((e: unknown) => (failure = e));
  const groups: BlameGroup[] = [];
  try {
    for await (const chunk of stream.stdout as AsyncIterable<Buffer>) {
      for (const g of parser.push(chunk)) groups.push(g);
    }
    await stream.done;
    for (const g of parser.end()) groups.push(g);
  } catch (e) {
    stream.kill();
    await stream.done.catch(() => undefined);
    throw failure ?? e;
  }
  return { groups, commits: parser.commits };
}
