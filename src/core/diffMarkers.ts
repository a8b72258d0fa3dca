// AI markers in the lines a commit adds (table a.3). Input: one commit's unified diff as git
// prints it (`git log -p`, any -U). Only added lines are read; traps (`Code generated … DO NOT
// EDIT.`, bare `@generated`) never count; binary files have no added lines to read.
import type { Evidence, EvidenceLocation } from './model';
import { AI_FILE_NAME, CODE_MARKERS, CODE_TRAPS } from './signatures';
import { toolFromName } from './identify';

/** Cheap first pass: added lines that could hold any marker. Kept in step with CODE_MARKERS. */
const CANDIDATE = /^\+(?!\+\+ )[^\n]*?(?:generat|assist|written|created|\bAI\b|\u{1F916}|@ai\b)[^\n]*$/gimu;
const NEW_FILE = /^--- \/dev\/null\n\+\+\+ ([^\n]+)$/gm;
const MAX_LOCATIONS = 20;
const MAX_DETAIL = 200;

/** Evidence for the markers in one commit's patch text. */
export function scanPatch(patch: string): Evidence[] {
  const found = new Map<string, Evidence>();
  const add = (e: Omit<Evidence, 'locations'>, location: EvidenceLocation): void => {
    const key = `${e.signature}\u0000${e.tool}\u0000${e.detail}`;
    const existing = found.get(key);
    if (!existing) found.set(key, { ...e, locations: [location] });
    else if (existing.locations && existing.locations.length < MAX_LOCATIONS) existing.locations.push(location);
  };

  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(patch); m; m = CANDIDATE.exec(patch)) {
    const content = m[0].slice(1).replace(/\r$/, '');
    if (CODE_TRAPS.some((t) => t.test(content))) continue;
    for (const row of CODE_MARKERS) {
      const hit = row.pattern.exec(content);
      if (!hit) continue;
      const named = hit.groups?.name;
      const tool = named ? toolFromName(named) ?? row.tool : row.tool;
      const detail = content.trim().slice(0, MAX_DETAIL);
      add({ kind: 'diff', tool, confidence: row.confidence, detail, signature: row.id }, locate(patch, m.index));
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

/** `b/path` or a C-quoted `"b/pa\303\251th"` → `path`. */
export function diffPath(raw: string): string {
  let p = raw.replace(/\t.*$/, '').replace(/\r$/, '');
  if (p.startsWith('"') && p.endsWith('"')) p = unquoteC(p.slice(1, -1));
  if (p === '/dev/null') return '';
  return p.replace(/^[ab]\//, '');
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Git's C-style quoting: octal escapes are UTF-8 bytes. */
function unquoteC(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c !== '\\') {
      for (const b of new TextEncoder().encode(c)) bytes.push(b);
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
