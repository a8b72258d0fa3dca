// The files of a tree as `lines` needs them: one `git ls-tree` for paths, modes, blob ids and
// sizes; one `git check-attr` for the attributes that make a file binary or generated, read from
// the tree itself (a temporary index of REV, so a REV other than HEAD is read with its own
// .gitattributes); `git cat-file --batch` for the blobs whose facts are not known yet (NUL probe,
// generated header, line count), in batches of bounded size: memory stays bounded on large trees.
import { isUtf8 } from 'node:buffer';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import { BINARY_PROBE_BYTES, blobFacts, type BlobFacts, type KindAttributes } from '../core/lines/fileKind';
import { GitError, gitEnv, type Git } from './exec';

export interface TreeEntry {
  path: string;
  mode: string;
  type: 'blob' | 'commit' | 'tree';
  oid: string;
  /** Bytes (blobs only). */
  size: number;
}

export interface TreeListing {
  files: TreeEntry[];
  /** Entries that are not regular files (symlinks, submodules) or have a path that is not UTF-8. */
  skipped: { path: string; reason: 'symlink' | 'submodule' | 'path not UTF-8' }[];
}

/** `git ls-tree -r -z -l --full-tree <commit>`: every file of the tree, in git's order. */
export async function listTree(git: Git, commit: string): Promise<TreeListing> {
  const { stdout } = await git.run(['ls-tree', '-r', '-z', '-l', '--full-tree', commit]);
  const files: TreeEntry[] = [];
  const skipped: TreeListing['skipped'] = [];
  let pos = 0;
  while (pos < stdout.length) {
    let end = stdout.indexOf(0, pos);
    if (end === -1) end = stdout.length;
    const rec = stdout.subarray(pos, end);
    pos = end + 1;
    const tab = rec.indexOf(0x09);
    if (tab === -1) throw new GitError('failed', 'git ls-tree output is malformed', ['ls-tree']);
    const [mode, type, oid, size] = rec.toString('latin1', 0, tab).split(/ +/) as [string, string, string, string];
    const raw = rec.subarray(tab + 1);
    const p = raw.toString('utf8');
    if (!isUtf8(raw)) skipped.push({ path: raw.toString('latin1'), reason: 'path not UTF-8' });
    else if (type === 'commit') skipped.push({ path: p, reason: 'submodule' });
    else if (mode === '120000') skipped.push({ path: p, reason: 'symlink' });
    else if (type === 'blob') files.push({ path: p, mode, type, oid, size: Number(size) || 0 });
  }
  return { files, skipped };
}

/** Whether any attributes file could apply: in the tree, the repository's info/attributes, or the user's. */
export function attributesMayApply(files: readonly TreeEntry[], commonDir: string, attributesFile: string): boolean {
  if (files.some((f) => f.path === '.gitattributes' || f.path.endsWith('/.gitattributes'))) return true;
  if (existsSync(path.join(commonDir, 'info', 'attributes'))) return true;
  if (attributesFile) return true;
  const xdg = process.env.XDG_CONFIG_HOME || path.join(homedir(), '.config');
  return existsSync(path.join(xdg, 'git', 'attributes'));
}

/**
 * The `diff` and `linguist-generated` attributes of `paths` as the tree of `commit` sets them,
 * through a temporary index of that tree (`check-attr --cached`). Unspecified attributes are absent.
 */
export async function readKindAttributes(git: Git, commit: string, paths: readonly string[]): Promise<Map<string, KindAttributes>> {
  const out = new Map<string, KindAttributes>();
  if (!paths.length) return out;
  const dir = mkdtempSync(path.join(tmpdir(), 'aip-attr-'));
  try {
    const env = gitEnv({ GIT_INDEX_FILE: path.join(dir, 'index') });
    await git.run(['read-tree', commit], { env });
    const input = Buffer.from(`${paths.join('\0')}\0`, 'utf8');
    const { stdout } = await git.run(['check-attr', '--cached', '-z', '--stdin', 'diff', 'linguist-generated'], { input, env });
    const parts = stdout.toString('utf8').split('\0');
    for (let i = 0; i + 2 < parts.length; i += 3) {
      const [p, attr, value] = [parts[i] as string, parts[i + 1] as string, parts[i + 2] as string];
      if (value === 'unspecified') continue;
      const a = out.get(p) ?? {};
      if (attr === 'diff') a.diff = value;
      else if (attr === 'linguist-generated') a.linguistGenerated = value;
      out.set(p, a);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

/** How many header bytes are kept per blob for the generated-file marker. */
const HEAD_BYTES = Math.max(BINARY_PROBE_BYTES, 16384);

/** Bytes of blobs read by one `git cat-file --batch`. */
const BATCH_BYTES = 32 << 20;

/**
 * Facts of each blob (NUL probe, header marker, line count): one `git cat-file --batch` per 32 MB
 * of blobs; only the first bytes of each blob are kept.
 */
export async function probeBlobs(git: Git, blobs: readonly { oid: string; size: number }[], signal?: AbortSignal): Promise<Map<string, BlobFacts>> {
  const out = new Map<string, BlobFacts>();
  const seen = new Set<string>();
  let batch: string[] = [];
  let bytes = 0;
  for (const b of blobs) {
    if (seen.has(b.oid)) continue;
    seen.add(b.oid);
    batch.push(b.oid);
    bytes += b.size;
    if (bytes >= BATCH_BYTES) {
      await probeBatch(git, batch, out, signal);
      batch = [];
      bytes = 0;
    }
  }
  if (batch.length) await probeBatch(git, batch, out, signal);
  return out;
}

async function probeBatch(git: Git, ids: readonly string[], out: Map<string, BlobFacts>, signal?: AbortSignal): Promise<void> {
  const { stdout } = await git.run(['cat-file', '--batch'], { input: `${ids.join('\n')}\n`, ...(signal ? { signal } : {}) });
  let pos = 0;
  while (pos < stdout.length) {
    const nl = stdout.indexOf(0x0a, pos);
    if (nl < 0) break;
    const m = /^([0-9a-f]+) (\S+) (\d+)$/.exec(stdout.toString('latin1', pos, nl));
    pos = nl + 1;
    if (!m) continue;
    const size = Number(m[3]);
    if (pos + size > stdout.length) throw new GitError('failed', `git cat-file --batch: truncated output for ${m[1]}`, ['cat-file', '--batch']);
    const body = stdout.subarray(pos, pos + size);
    let lines = 0;
    for (let i = body.indexOf(10); i !== -1; i = body.indexOf(10, i + 1)) lines++;
    if (size > 0 && body[size - 1] !== 10) lines++;
    if (m[2] === 'blob') out.set(m[1] as string, blobFacts(body.subarray(0, HEAD_BYTES), lines));
    pos += size + 1;
  }
}
