// Commit objects as bytes: read many at once (`git cat-file --batch`), split into headers and
// message, build the rewritten object (new parents, new message; every other header byte for byte:
// author and committer with their dates, `encoding`, `mergetag`, unknown extra headers), hash it as
// git does and write many at once (`git hash-object -t commit -w --stdin-paths`). Only a signature
// (`gpgsig`, `gpgsig-sha256`) can be left out: it signs the old bytes.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GitError, type Git } from './exec';

export interface CommitHeader {
  key: string;
  /** The header's bytes: its line and continuation lines, each with its LF. */
  raw: Buffer;
  /** The value of a one-line header (tree, parent, author, committer, encoding), without the LF. */
  value: string;
}

export interface CommitObject {
  sha: string;
  headers: CommitHeader[];
  /** Whether a blank line separates headers from the message (git always writes one). */
  separator: boolean;
  message: Buffer;
}

export const SIGNATURE_HEADERS = new Set(['gpgsig', 'gpgsig-sha256']);

/** Splits a commit object's bytes (what `git cat-file commit` prints). */
export function parseCommitObject(sha: string, bytes: Buffer): CommitObject {
  const headers: CommitHeader[] = [];
  let pos = 0;
  while (pos < bytes.length && bytes[pos] !== 0x0a) {
    let end = bytes.indexOf(0x0a, pos);
    if (end === -1) throw new GitError('failed', `commit ${sha.slice(0, 10)}: header without end of line`);
    while (bytes[end + 1] === 0x20) { // a continuation line (a signature, a mergetag's tag)
      const next = bytes.indexOf(0x0a, end + 1);
      if (next === -1) throw new GitError('failed', `commit ${sha.slice(0, 10)}: header without end of line`);
      end = next;
    }
    const line = bytes.subarray(pos, end + 1);
    const space = line.indexOf(0x20);
    const key = line.subarray(0, space === -1 ? line.length - 1 : space).toString('latin1');
    const value = space === -1 ? '' : line.subarray(space + 1, line.length - 1).toString('utf8');
    headers.push({ key, raw: line, value });
    pos = end + 1;
  }
  const separator = pos < bytes.length;
  const commit = { sha, headers, separator, message: separator ? bytes.subarray(pos + 1) : Buffer.alloc(0) };
  if (headers[0]?.key !== 'tree' || !headers.some((h) => h.key === 'author') || !headers.some((h) => h.key === 'committer')) {
    throw new GitError('failed', `commit ${sha.slice(0, 10)} is malformed (no tree, author or committer header)`);
  }
  return commit;
}

export const parentsOf = (c: CommitObject): string[] => c.headers.filter((h) => h.key === 'parent').map((h) => h.value);
export const headerValue = (c: CommitObject, key: string): string | undefined => c.headers.find((h) => h.key === key)?.value;
export const isSigned = (c: CommitObject): boolean => c.headers.some((h) => SIGNATURE_HEADERS.has(h.key));

export interface RebuildOptions {
  parents: readonly string[];
  message: Buffer;
  /** Leave out gpgsig/gpgsig-sha256 (the bytes they signed change). */
  dropSignature: boolean;
}

/** The new object's bytes: parents replaced in place, message replaced, every other header kept. */
export function rebuildCommit(c: CommitObject, o: RebuildOptions): Buffer {
  if (o.parents.length !== parentsOf(c).length) throw new GitError('failed', `commit ${c.sha.slice(0, 10)}: the parents' structure must not change`);
  const parts: Buffer[] = [];
  let parentsWritten = false;
  for (const h of c.headers) {
    if (h.key === 'parent') {
      if (!parentsWritten) parts.push(...o.parents.map((p) => Buffer.from(`parent ${p}\n`, 'latin1')));
      parentsWritten = true;
    } else if (!(o.dropSignature && SIGNATURE_HEADERS.has(h.key))) {
      parts.push(h.raw);
    }
  }
  if (c.separator || o.message.length) parts.push(Buffer.from('\n'), o.message);
  return Buffer.concat(parts);
}

/** The object id git gives these commit bytes (`sha1` or `sha256`, as the repository's object format). */
export function commitId(body: Buffer, format: ObjectFormat): string {
  return createHash(format).update(`commit ${body.length}\0`).update(body).digest('hex');
}

export type ObjectFormat = 'sha1' | 'sha256';

export async function objectFormat(git: Git): Promise<ObjectFormat> {
  const out = (await git.text(['rev-parse', '--show-object-format'])).trim();
  if (out !== 'sha1' && out !== 'sha256') throw new GitError('failed', `unknown object format ${JSON.stringify(out)}`);
  return out;
}

/** Raw commit objects by full id through one `git cat-file --batch`; a missing one is an error. */
export async function readCommitObjects(git: Git, shas: readonly string[]): Promise<Map<string, CommitObject>> {
  const ids = [...new Set(shas)];
  const out = new Map<string, CommitObject>();
  if (!ids.length) return out;
  const { stdout } = await git.run(['cat-file', '--batch'], { input: `${ids.join('\n')}\n` });
  let pos = 0;
  for (const id of ids) {
    const nl = stdout.indexOf(0x0a, pos);
    const header = stdout.subarray(pos, nl === -1 ? stdout.length : nl).toString('latin1');
    const m = /^([0-9a-f]+) (\S+) (\d+)$/.exec(header);
    if (!m || m[1] !== id || m[2] !== 'commit') throw new GitError('missing-object', `could not read commit ${id.slice(0, 10)} (${header})`);
    const size = Number(m[3]);
    const start = (nl as number) + 1;
    if (start + size > stdout.length) throw new GitError('failed', `git cat-file --batch: truncated output for ${id}`);
    out.set(id, parseCommitObject(id, stdout.subarray(start, start + size)));
    pos = start + size + 1;
  }
  return out;
}

/**
 * Writes commit objects in one `git hash-object -t commit -w --stdin-paths` (git checks each one's
 * format) and verifies that git computed the ids we expect.
 */
export async function writeCommitObjects(git: Git, objects: ReadonlyMap<string, Buffer>): Promise<void> {
  if (!objects.size) return;
  const dir = mkdtempSync(path.join(tmpdir(), 'aip-objects-'));
  try {
    const files: string[] = [];
    for (const [id, body] of objects) {
      const file = path.join(dir, id);
      writeFileSync(file, body);
      files.push(file);
    }
    const out = (await git.text(['hash-object', '-t', 'commit', '-w', '--no-filters', '--stdin-paths'], { input: `${files.join('\n')}\n` }))
      .split('\n').filter(Boolean);
    const expected = [...objects.keys()];
    if (out.length !== expected.length || out.some((id, i) => id !== expected[i])) {
      throw new GitError('failed', `git hash-object wrote ${out.length} objects whose ids differ from the computed ones`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
