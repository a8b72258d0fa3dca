// The changes a commit is about to make, read once by the commit-msg hook:
// `git diff --cached -U0 --raw -p -z` (every changed path first, then the patch without context),
// with the user's diff settings neutralised (no colour, no external diff or textconv, fixed
// prefixes, not relative, no renames). The patch is byte-capped like `audit`'s diff scan: git is
// stopped once the cap is read. Parsing is core/capture/stagedDiff.ts.
import { parseStagedDiff, type StagedDiff } from '../core/capture/stagedDiff';
import type { Git } from './exec';

export const STAGED_DIFF_ARGS = [
  '-U0', '--no-color', '--no-ext-diff', '--no-textconv', '--no-renames', '--no-relative',
  '--src-prefix=a/', '--dst-prefix=b/', '--raw', '-p', '-z',
];

/** The empty tree, per object format (a root commit's amend diffs against it). */
export const EMPTY_TREE: Record<number, string> = {
  40: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
  64: '6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321',
};

/**
 * The index against `base` (default HEAD; an amend passes the amended commit's parent). `cap`
 * bytes of patch at most (the raw part is not counted).
 */
export function readStagedDiff(git: Git, cap: number, base?: string): Promise<StagedDiff> {
  return readDiff(git, cap, ['--cached', ...STAGED_DIFF_ARGS, ...(base ? [base] : [])]);
}

/** What commit `sha` changed against its first parent (or the empty tree for a root commit). */
export async function readCommitDiff(git: Git, cap: number, sha: string): Promise<StagedDiff> {
  const parent = (await git.text(['rev-parse', '--verify', '-q', `${sha}^1`], { okExitCodes: [1] })).trim();
  return readDiff(git, cap, [...STAGED_DIFF_ARGS, parent || EMPTY_TREE[sha.length] || EMPTY_TREE[40] as string, sha]);
}

async function readDiff(git: Git, cap: number, diffArgs: string[]): Promise<StagedDiff> {
  const stream = git.stream(['diff', ...diffArgs, '--']);
  const chunks: Buffer[] = [];
  let size = 0;
  let rawEnd = -1;
  let truncated = false;
  const done = stream.done.catch((e: unknown) => {
    if (!truncated) throw e; // stopped on purpose: git dies of the closed pipe
  });
  for await (const chunk of stream.stdout as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (rawEnd === -1) rawEnd = findRawEnd(Buffer.concat(chunks));
    if (rawEnd !== -1 && size - rawEnd > cap) {
      truncated = true;
      stream.kill();
      break;
    }
  }
  await done;
  let out = Buffer.concat(chunks);
  if (truncated) out = out.subarray(0, rawEnd + cap);
  return parseStagedDiff(out.toString('latin1'), truncated);
}

/** Offset where the patch starts (after the raw records and their closing NUL), or -1 while unknown. */
function findRawEnd(buf: Buffer): number {
  let pos = 0;
  while (pos < buf.length && buf[pos] === 0x3a /* : */) {
    const head = buf.indexOf(0, pos);
    const name = head === -1 ? -1 : buf.indexOf(0, head + 1);
    if (name === -1) return -1;
    pos = name + 1;
  }
  if (pos >= buf.length) return -1;
  return buf[pos] === 0 ? pos + 1 : pos;
}
