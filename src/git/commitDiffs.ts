// What each of many commits changed against its first parent (a root commit: against the empty
// tree), in ONE `git diff-tree --stdin` process — never one process per commit. Each commit's part
// is what `git diff -U0 --raw -p -z <parent> <commit>` prints (every changed path first, then the
// patch without context), one char per byte (latin1), with its patch byte-capped like the hooks'
// staged-diff read. The user's diff settings are neutralised as for the hooks.
import type { Git } from './exec';

export const COMMIT_DIFF_ARGS = [
  '-r', '-U0', '--no-color', '--no-ext-diff', '--no-textconv', '--no-renames', '--no-relative',
  '--src-prefix=a/', '--dst-prefix=b/', '--raw', '-p', '-z', '--root', '--always', '--diff-merges=first-parent',
];

export interface CommitDiff {
  /** `--raw -p -z` output of the commit (latin1: one char per byte). */
  text: string;
  /** The patch was longer than the cap and was cut (the raw part never is). */
  truncated: boolean;
}

/**
 * Per-commit output splitter. diff-tree prints `<sha>\0` and then the commit's diff, in the order
 * the ids were given; the next id starts right after a newline (end of a patch) or a NUL (end of a
 * raw record), or right after the previous id when a commit changed nothing. A diff itself always
 * starts with `:` (its first raw record). Knowing which id comes next makes the split exact.
 */
export class DiffSplitter {
  private pending: Buffer = Buffer.alloc(0);
  private state: 'header' | 'body' = 'header';
  private index = -1;
  private parts: Buffer[] = [];
  private rawDone = false;
  private last = -1; // last byte taken into the raw part (to see a NUL NUL across pieces)
  private patchBytes = 0;
  private truncated = false;
  private readonly tailKeep: number;

  constructor(private readonly shas: readonly string[], private readonly cap: number, private readonly emit: (sha: string, d: CommitDiff) => void) {
    this.tailKeep = Math.max(0, ...shas.map((s) => s.length)) + 2;
  }

  push(chunk: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    for (;;) {
      const next = this.shas[this.index + 1];
      if (this.state === 'header') {
        if (next === undefined) {
          if (this.pending.length) throw new Error('git diff-tree printed more than was asked');
          return;
        }
        if (this.pending.length < next.length + 1) return;
        if (this.pending.toString('latin1', 0, next.length) !== next || this.pending[next.length] !== 0) {
          throw new Error(`git diff-tree: expected the diff of ${next.slice(0, 10)}`);
        }
        this.pending = this.pending.subarray(next.length + 1);
        this.begin();
        continue;
      }
      if (next === undefined) return this.take(this.pending.length);
      if (!this.parts.length && this.patchBytes === 0) {
        if (!this.pending.length) return;
        if (this.pending[0] !== 0x3a) { // not a raw record: this commit changed nothing
          this.finish();
          continue;
        }
      }
      const at = this.findNext(next);
      if (at === -1) return this.take(Math.max(0, this.pending.length - this.tailKeep));
      this.take(at + 1); // the newline or NUL before the id ends this commit's output
      this.finish();
    }
  }

  end(): void {
    if (this.state === 'body') {
      this.take(this.pending.length);
      this.finish();
    }
    if (this.index !== this.shas.length - 1) throw new Error(`git diff-tree stopped before the diff of ${this.shas[this.index + 1]?.slice(0, 10)}`);
  }

  private findNext(sha: string): number {
    const found = ['\n', '\0'].map((lead) => this.pending.indexOf(`${lead}${sha}\0`, 0, 'latin1')).filter((i) => i !== -1);
    return found.length ? Math.min(...found) : -1;
  }

  private begin(): void {
    this.index++;
    this.state = 'body';
    this.parts = [];
    this.rawDone = false;
    this.last = -1;
    this.patchBytes = 0;
    this.truncated = false;
  }

  /** Moves `n` bytes of pending into this commit's output: the raw part whole, the patch up to the cap. */
  private take(n: number): void {
    if (n <= 0) return;
    let piece = this.pending.subarray(0, n);
    this.pending = this.pending.subarray(n);
    if (!this.rawDone) {
      // The raw part ends with an empty record: NUL NUL (possibly split across two pieces).
      const found = piece.indexOf('\0\0', 0, 'latin1');
      const cut = this.last === 0 && piece[0] === 0 ? 1 : found === -1 ? -1 : found + 2;
      if (cut === -1) {
        this.parts.push(piece);
        this.last = piece[piece.length - 1] ?? this.last;
        return;
      }
      this.parts.push(piece.subarray(0, cut));
      this.rawDone = true;
      piece = piece.subarray(cut);
    }
    const room = this.cap - this.patchBytes;
    if (room > 0 && piece.length) this.parts.push(piece.length <= room ? piece : piece.subarray(0, room));
    if (piece.length > room) this.truncated = true;
    this.patchBytes += piece.length;
  }

  private finish(): void {
    this.emit(this.shas[this.index] as string, { text: Buffer.concat(this.parts).toString('latin1'), truncated: this.truncated });
    this.parts = [];
    this.state = 'header';
  }
}

/** The diffs of `shas` (full ids, each a commit), in one process; `cap` bytes of patch per commit at most. */
export async function readCommitDiffs(git: Git, shas: readonly string[], cap: number): Promise<Map<string, CommitDiff>> {
  const out = new Map<string, CommitDiff>();
  const ids = [...new Set(shas)];
  if (!ids.length) return out;
  const splitter = new DiffSplitter(ids, cap, (sha, d) => out.set(sha, d));
  const stream = git.stream(['diff-tree', '--stdin', ...COMMIT_DIFF_ARGS], { input: `${ids.join('\n')}\n` });
  for await (const chunk of stream.stdout as AsyncIterable<Buffer>) splitter.push(chunk);
  await stream.done;
  splitter.end();
  return out;
}
