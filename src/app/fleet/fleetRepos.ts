// Which repositories a fleet run audits: a list file (`--repos FILE`, one path per line) or the
// git repositories found under directories — work trees (a `.git` directory or file) and bare
// repositories (HEAD, objects/, refs/) — without descending into one, nor following symbolic
// links (no cycles, no escaping the tree). Sorted by path within a directory, so a run over the
// same tree lists the same repositories in the same order.
import { readdirSync, statSync, type Dirent } from 'node:fs';
import * as path from 'node:path';

export interface RepositoryList {
  /** Absolute paths, in report order, without duplicates. */
  repositories: string[];
  /** Directories that could not be searched, with why: their repositories may be missing. */
  unreadable: { dir: string; reason: string }[];
}

/** Paths from a list: one per line, relative to `cwd`; blank lines and `#` comments skipped. */
export function parseRepositoryList(text: string, cwd: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const full = path.resolve(cwd, line);
    if (!seen.has(full)) {
      seen.add(full);
      out.push(full);
    }
  }
  return out;
}

const isDir = (p: string): boolean => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

const exists = (p: string): boolean => {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
};

/** A work tree (`.git` entry) or a bare repository (HEAD file, objects/ and refs/ directories). */
export function looksLikeRepository(dir: string): boolean {
  if (exists(path.join(dir, '.git'))) return true;
  return !isDir(path.join(dir, 'HEAD')) && exists(path.join(dir, 'HEAD')) && isDir(path.join(dir, 'objects')) && isDir(path.join(dir, 'refs'));
}

/** Every repository under each directory (a directory that is one counts as itself). */
export function findRepositories(dirs: readonly string[], cwd: string): RepositoryList {
  const repositories: string[] = [];
  const unreadable: RepositoryList['unreadable'] = [];
  const seen = new Set<string>();
  const add = (dir: string): void => {
    if (!seen.has(dir)) {
      seen.add(dir);
      repositories.push(dir);
    }
  };
  const walk = (dir: string): void => {
    if (looksLikeRepository(dir)) return add(dir);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      unreadable.push({ dir, reason: (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e)) });
      return;
    }
    const subdirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const name of subdirs) walk(path.join(dir, name));
  };
  for (const d of dirs) {
    const full = path.resolve(cwd, d);
    // An argument that is not a directory is handed on: the audit reports it as unverifiable.
    if (!isDir(full)) add(full);
    else walk(full);
  }
  return { repositories, unreadable };
}
