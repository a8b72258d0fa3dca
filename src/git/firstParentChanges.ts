// The paths changed along the first-parent chain from a commit back to the nearest commit whose
// blame results are cached: one `git log --first-parent --name-only` stream, stopped as soon as
// that commit is reached. A path no commit of the walk changed has the same blob at both ends and,
// since git blame hands a line's whole blame to the first parent whose blob is identical, the same
// blame too — so the cached result stands.
import { assertRevision, type Git } from './exec';

const RS = 0x1e;

export interface FirstParentWalk {
  /** The cached commit reached (undefined: none within the limit). */
  base?: string;
  /** Commits walked before it (newest first). */
  commits: number;
  /** Paths any walked commit changed against its first parent (renames as delete + add). */
  changed: Set<string>;
}

/**
 * Walks `git log --first-parent` from `rev` until a commit of `known` (returned as `base`), at most
 * `limit` commits. `rev` itself in `known` gives base = rev with nothing changed.
 */
export async function walkToKnown(git: Git, rev: string, known: ReadonlySet<string>, limit: number): Promise<FirstParentWalk> {
  assertRevision(rev);
  const changed = new Set<string>();
  if (known.has(rev)) return { base: rev, commits: 0, changed };
  const args = ['log', '--first-parent', '-z', '--format=%x1e%H', '--name-only', '--no-renames', '--diff-merges=first-parent',
    '--no-ext-diff', '--no-relative', '--ignore-submodules=none', `--max-count=${limit + 1}`, '--end-of-options', rev, '--'];
  const stream = git.stream(args);
  stream.done.catch(() => undefined); // awaited below
  let carry: Buffer = Buffer.alloc(0);
  let commits = 0;
  let base: string | undefined;
  /** Returns the base sha when the record is a known commit. */
  const record = (rec: Buffer): string | undefined => {
    const nul = rec.indexOf(0);
    const sha = rec.toString('latin1', 0, nul === -1 ? rec.length : nul);
    if (known.has(sha)) return sha;
    commits++;
    if (nul !== -1) {
      for (const p of rec.subarray(nul + 1).toString('utf8').split('\0')) {
        const name = p.startsWith('\n') ? p.slice(1) : p;
        if (name) changed.add(name);
      }
    }
    return undefined;
  };
  try {
    outer: for await (const chunk of stream.stdout as AsyncIterable<Buffer>) {
      carry = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      let start = carry.indexOf(RS);
      for (let next = carry.indexOf(RS, start + 1); start !== -1 && next !== -1; start = next, next = carry.indexOf(RS, start + 1)) {
        base = record(carry.subarray(start + 1, next));
        if (base) break outer;
      }
      carry = start === -1 ? Buffer.alloc(0) : Buffer.from(carry.subarray(start));
    }
    if (!base) {
      await stream.done;
      const start = carry.indexOf(RS);
      if (start !== -1) base = record(carry.subarray(start + 1));
    }
  } finally {
    stream.kill();
  }
  if (!base || commits > limit) return { commits, changed };
  return { base, commits, changed };
}
