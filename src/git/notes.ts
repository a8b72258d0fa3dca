// Bulk reads of git notes for a whole audit: which notes refs exist (one for-each-ref), the
// commit → note blob map of a ref (one `git notes list`), and many blobs at once (one
// `git cat-file --batch` fed on stdin). Never one process per note.
import { GitError, type Git } from './exec';

const NOTES_REF = /^refs\/notes\/[A-Za-z0-9._/-]+$/;
const OBJECT_ID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

function assertNotesRef(ref: string): void {
  if (!NOTES_REF.test(ref) || ref.includes('..')) throw new GitError('unsafe-argument', `not a notes ref: ${JSON.stringify(ref)}`);
}

/** Which of `refs` exist, in one `git for-each-ref` call. */
export async function existingRefs(git: Git, refs: readonly string[]): Promise<Set<string>> {
  refs.forEach(assertNotesRef);
  if (!refs.length) return new Set();
  const out = await git.text(['for-each-ref', '--format=%(refname)', ...refs]);
  const wanted = new Set(refs);
  // for-each-ref also matches `<pattern>/…`: keep exact names only.
  return new Set(out.split('\n').filter((name) => wanted.has(name)));
}

/** Annotated object → note blob for every note on `ref` (a missing ref gives an empty map). */
export async function listNotes(git: Git, ref: string): Promise<Map<string, string>> {
  assertNotesRef(ref);
  const out = await git.text(['notes', `--ref=${ref}`, 'list']);
  const notes = new Map<string, string>();
  for (const line of out.split('\n')) {
    const [blob, object] = line.trim().split(' ');
    if (blob && object && OBJECT_ID.test(blob) && OBJECT_ID.test(object)) notes.set(object, blob);
  }
  return notes;
}

/**
 * Reads blobs by full object id through one `git cat-file --batch`. Ids git reports `missing`
 * (or that are not blobs) are absent from the result.
 */
export async function readBlobs(git: Git, shas: Iterable<string>): Promise<Map<string, Buffer>> {
  const ids = [...new Set(shas)].filter((s) => OBJECT_ID.test(s));
  const blobs = new Map<string, Buffer>();
  if (!ids.length) return blobs;
  const { stdout } = await git.run(['cat-file', '--batch'], { input: `${ids.join('\n')}\n` });
  let pos = 0;
  while (pos < stdout.length) {
    const nl = stdout.indexOf(0x0a, pos);
    if (nl < 0) break;
    const header = stdout.subarray(pos, nl).toString('latin1');
    pos = nl + 1;
    // `<oid> <type> <size>` then <size> bytes and a newline; or `<name> missing` / `<name> ambiguous`.
    const m = /^([0-9a-f]+) (\S+) (\d+)$/.exec(header);
    if (!m) continue;
    const size = Number(m[3]);
    if (pos + size > stdout.length) throw new GitError('failed', `git cat-file --batch: truncated output for ${m[1]}`, ['cat-file', '--batch']);
    if (m[2] === 'blob') blobs.set(m[1] as string, stdout.subarray(pos, pos + size));
    pos += size + 1;
  }
  return blobs;
}

/**
 * Full commit ids for abbreviated ones, through one `git cat-file --batch-check`. Prefixes that
 * are missing, ambiguous or not commits are absent from the result.
 */
export async function resolveCommitPrefixes(git: Git, prefixes: Iterable<string>): Promise<Map<string, string>> {
  const ids = [...new Set(prefixes)].filter((p) => /^[0-9a-f]{4,64}$/.test(p));
  const resolved = new Map<string, string>();
  if (!ids.length) return resolved;
  const out = await git.text(['cat-file', '--batch-check'], { input: `${ids.join('\n')}\n` });
  out.split('\n').forEach((line, i) => {
    const m = /^([0-9a-f]{40}|[0-9a-f]{64}) commit \d+$/.exec(line);
    const prefix = ids[i];
    if (m && prefix && (m[1] as string).startsWith(prefix)) resolved.set(prefix, m[1] as string);
  });
  return resolved;
}
