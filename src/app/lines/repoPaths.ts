// Paths given on a command line, as git takes them: relative to the directory the command runs in
// (or --repo), turned into paths relative to the work tree's root. A path outside the repository
// is a usage error (its name makes the CLI exit 2).
import { realpathSync } from 'node:fs';
import * as path from 'node:path';

export class PathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

function real(p: string): string {
  try {
    return realpathSync.native(p);
  } catch {
    return p;
  }
}

/** `p` (relative to `base`, or absolute) as a '/'-separated path relative to `root` ('' for the root itself). */
export function repoRelative(root: string, base: string, p: string): string {
  const abs = path.resolve(base, p);
  // the directory's real path (temp dirs behind symlinks), the file's own name as given
  const resolved = abs === path.parse(abs).root ? abs : path.join(real(path.dirname(abs)), path.basename(abs));
  const rootReal = real(root);
  const rel = path.relative(rootReal, real(resolved) === rootReal ? rootReal : resolved);
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new PathError(`${p}: outside the repository ${root}`);
  return rel.split(path.sep).join('/');
}
