// The changes a commit is about to make, as the hooks read them once: the output of
// `git diff --cached -U0 --raw -p -z …` (git/stagedDiff.ts), held one char per byte (latin1).
// The raw part lists every changed path (it comes first, so the byte cap never cuts it); the patch
// part gives, per file, the added lines in the new file's numbering. Pure.
import { diffPath } from '../detect/diffMarkers';

export interface StagedFile {
  /** Repository-relative path (the new path; the old one for a deletion). */
  path: string;
  /**
   * Added lines: new-file line number → the line's bytes (one char per byte, without the newline).
   * Undefined when they are not known: a binary file, or a patch cut by the byte cap.
   */
  added?: Map<number, string>;
  deleted?: boolean;
}

export interface StagedDiff {
  files: StagedFile[];
  /** The patch part (for the code-marker scan). */
  patch: string;
  /** The patch was longer than the byte cap: files past the cut have unknown added lines. */
  truncated: boolean;
}

const RAW_HEADER = /^:\d{6} \d{6} [0-9a-f]+ [0-9a-f]+ ([A-Z])\d*$/;
const HUNK = /^@@+ [^@]*\+(\d+)(?:,(\d+))? @@/;

/** Parses `--raw -p -z` output. `truncated`: the output was cut (the last patch section may be partial). */
export function parseStagedDiff(out: string, truncated = false): StagedDiff {
  const files = new Map<string, StagedFile>();
  const order: StagedFile[] = [];
  let pos = 0;
  // Raw records: ":<mode> <mode> <sha> <sha> <status>\0<path>\0", then a NUL before the patch.
  while (pos < out.length && out[pos] === ':') {
    const headEnd = out.indexOf('\0', pos);
    const pathEnd = headEnd === -1 ? -1 : out.indexOf('\0', headEnd + 1);
    if (pathEnd === -1) break;
    const status = RAW_HEADER.exec(out.slice(pos, headEnd))?.[1];
    const file: StagedFile = { path: utf8(out.slice(headEnd + 1, pathEnd)), ...(status === 'D' ? { deleted: true } : {}) };
    if (!files.has(file.path)) {
      files.set(file.path, file);
      order.push(file);
    }
    pos = pathEnd + 1;
  }
  if (out[pos] === '\0') pos++;
  const patch = out.slice(pos);
  readPatch(patch, files, truncated);
  return { files: order, patch, truncated };
}

function readPatch(patch: string, files: Map<string, StagedFile>, truncated: boolean): void {
  const seen = new Set<string>();
  let current: StagedFile | undefined;
  let line = 0;
  let inHunk = false;
  let start = 0;
  while (start < patch.length) {
    const nl = patch.indexOf('\n', start);
    const end = nl === -1 ? patch.length : nl;
    const text = patch.slice(start, end);
    const complete = nl !== -1;
    start = end + 1;
    if (text.startsWith('diff --git ')) {
      inHunk = false;
      const p = headerPath(text);
      current = p === undefined ? undefined : files.get(p);
      if (current) {
        current.added = new Map(); // known: no added lines until a hunk says otherwise
        seen.add(current.path);
      }
      continue;
    }
    if (!current) continue;
    if (!inHunk && text.startsWith('Binary files ')) {
      delete current.added; // added lines unknown
      continue;
    }
    const hunk = text.startsWith('@@') ? HUNK.exec(text) : null;
    if (hunk) {
      line = Number(hunk[1]);
      inHunk = true;
      continue;
    }
    if (!inHunk || !current.added) continue;
    if (text.startsWith('+')) {
      if (!complete && truncated) break;
      current.added.set(line++, text.slice(1).replace(/\r$/, ''));
    } else if (!text.startsWith('-') && !text.startsWith('\\')) {
      inHunk = false;
    }
  }
  if (truncated && current) delete current.added; // the file the cut fell in
  // Without a cut every file has its section; past a cut a file's added lines are unknown.
  for (const [p, f] of files) if (!seen.has(p) && !truncated) f.added = new Map();
}

/** The path of `diff --git a/P b/P` (no renames: both halves are the same, quoted or not). */
function headerPath(header: string): string | undefined {
  const body = header.slice('diff --git '.length);
  if ((body.length - 1) % 2 !== 0) return undefined;
  const half = (body.length - 1) / 2;
  const a = body.slice(0, half);
  return body[half] === ' ' ? diffPath(a) : undefined;
}

/** Bytes held one per char → text. */
export function utf8(bytes: string): string {
  if (!/[^\x00-\x7f]/.test(bytes)) return bytes;
  return new TextDecoder().decode(Uint8Array.from(bytes, (c) => c.charCodeAt(0)));
}
