// AI markers in the lines a commit adds (table a.3). Input: one commit's unified diff as git
// prints it (`git log -p`, any -U). Only added lines are read; traps (`Code generated … DO NOT
// EDIT.`, bare `@generated`) never count; binary files have no added lines to read.
import type { Evidence, EvidenceLocation } from '../model';
import { AI_FILE_NAME, CODE_MARKERS, CODE_TRAPS } from './signatures';
import { toolFromName } from './identify';

/**
 * Cheap first pass: every code marker contains one of these words (a test runs each row's example
 * through scanPatch). Finding words first and lines second is ~4× faster than a line-anchored regex.
 */
const KEYWORDS = /generat|assist|written|created|\bai\b/gi;
const NEW_FILE = /^--- \/dev\/null\n\+\+\+ ([^\n]+)$/gm;
const MAX_LOCATIONS = 20;
const MAX_DETAIL = 200;

/**
 * Evidence for the markers in one commit's patch. `patch` holds one char per byte (latin1), as
 * git's bytes arrived: offsets are byte offsets and only matched lines are decoded as UTF-8.
 */
export function scanPatch(patch: string): Evidence[] {
  const found = new Map<string, Evidence>();
  const add = (e: Omit<Evidence, 'locations'>, location: EvidenceLocation): void => {
    const key = `${e.signature}\u0000${e.tool}\u0000${e.detail}`;
    const existing = found.get(key);
    if (!existing) found.set(key, { ...e, locations: [location] });
    else if (existing.locations && existing.locations.length < MAX_LOCATIONS) existing.locations.push(location);
  };

  KEYWORDS.lastIndex = 0;
  for (let m = KEYWORDS.exec(patch); m; m = KEYWORDS.exec(patch)) {
    const start = patch.lastIndexOf('\n', m.index) + 1;
    const nl = patch.indexOf('\n', m.index);
    const end = nl === -1 ? patch.length : nl;
    KEYWORDS.lastIndex = end; // one look per line
    if (patch.charCodeAt(start) !== 43 /* + */ || isFileHeader(patch, start)) continue;
    const content = utf8(patch.slice(start + 1, end)).replace(/\r$/, '');
    if (CODE_TRAPS.some((t) => t.test(content))) continue;
    for (const row of CODE_MARKERS) {
      const hit = row.pattern.exec(content);
      if (!hit) continue;
      const named = hit.groups?.name;
      const known = named ? toolFromName(named) : undefined;
      if (row.knownToolOnly && !known) continue;
      const tool = known ?? row.tool;
      const detail = content.trim().slice(0, MAX_DETAIL);
      add({ kind: 'diff', tool, confidence: row.confidence, detail, signature: row.id }, locate(patch, start));
      break;
    }
  }

  NEW_FILE.lastIndex = 0;
  for (let m = NEW_FILE.exec(patch); m; m = NEW_FILE.exec(patch)) {
    const file = diffPath(m[1] as string);
    if (AI_FILE_NAME.pattern.test(file)) {
      add({ kind: 'diff', tool: 'unknown-ai', confidence: AI_FILE_NAME.confidence, detail: `new file ${file}`,
        signature: AI_FILE_NAME.id }, { file });
    }
  }
  return [...found.values()];
}

/** A `+++ b/path` line that follows `--- …` is a file header, not an added line. */
function isFileHeader(patch: string, start: number): boolean {
  if (!patch.startsWith('+++ ', start)) return false;
  const prev = patch.lastIndexOf('\n', start - 2) + 1;
  return patch.startsWith('--- ', prev);
}

/** Bytes held one per char → text. */
function utf8(bytes: string): string {
  if (!/[^\x00-\x7f]/.test(bytes)) return bytes;
  return new TextDecoder().decode(Uint8Array.from(bytes, (c) => c.charCodeAt(0)));
}

/** File and new-side line number of the added line starting at `offset`. */
export function locate(patch: string, offset: number): EvidenceLocation {
  const fileAt = patch.lastIndexOf('\n+++ ', offset);
  const file = fileAt === -1 ? '' : diffPath(patch.slice(fileAt + 5, lineEnd(patch, fileAt + 5)));
  const hunkAt = patch.lastIndexOf('\n@@ ', offset);
  if (hunkAt === -1 || hunkAt < fileAt) return { file };
  const header = /^@@+ [^@]*\+(\d+)/.exec(patch.slice(hunkAt + 1, lineEnd(patch, hunkAt + 1)));
  if (!header) return { file };
  let line = Number(header[1]);
  for (let i = lineEnd(patch, hunkAt + 1) + 1; i < offset; i = lineEnd(patch, i) + 1) {
    const c = patch[i];
    if (c === '+' || c === ' ') line++;
  }
  return { file, line };
}

function lineEnd(s: string, from: number): number {
  const nl = s.indexOf('\n', from);
  return nl === -1 ? s.length : nl;
}

/** `b/path` or a C-quoted `"b/pa\303\251th"` (one char per byte) → `path`. */
export function diffPath(raw: string): string {
  let p = raw.replace(/\t.*$/, '').replace(/\r$/, '');
  p = p.startsWith('"') && p.endsWith('"') ? unquoteC(p.slice(1, -1)) : utf8(p);
  if (p === '/dev/null') return '';
  return p.replace(/^[ab]\//, '');
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Git's C-style quoting: octal escapes are bytes of UTF-8. */
function unquoteC(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 92) {
      bytes.push(c & 0xff);
      continue;
    }
    const next = s[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(s.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}
