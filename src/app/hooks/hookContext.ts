// What the hook use cases share: where git keeps this worktree's state, and the line digests that
// decide whether recorded evidence backs a commit's added lines (core/capture/backing.ts).
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { selectBacked } from '../../core/capture/backing';
import { utf8, type StagedDiff } from '../../core/capture/stagedDiff';
import type { Git } from '../../git/exec';
import { contentDigests, lineDigest } from './lineDigest';

/** Where git keeps per-worktree state for us. */
export async function gitPaths(git: Git): Promise<{ gitDir: string; root: string }> {
  const out = await git.text(['rev-parse', '--absolute-git-dir', '--show-toplevel'], { okExitCodes: [128] });
  const [gitDir = '', root = ''] = out.split('\n');
  return { gitDir, root };
}

/** Digests of added lines (computed once per file, on demand) and of what is still in the work tree. */
export function digestSources(diff: StagedDiff, root: string): Parameters<typeof selectBacked>[2] {
  const byPath = new Map(diff.files.map((f) => [f.path, f]));
  const cache = new Map<string, Map<number, string | undefined>>();
  return {
    addedDigest(file, line) {
      let digests = cache.get(file);
      if (!digests) {
        digests = new Map();
        for (const [n, bytes] of byPath.get(file)?.added ?? []) digests.set(n, lineDigest(utf8(bytes)));
        cache.set(file, digests);
      }
      return digests.get(line);
    },
    worktreeDigests(file) {
      try {
        const abs = path.join(root, file);
        if (statSync(abs).size > MAX_WORKTREE_BYTES) return undefined;
        return contentDigests(readFileSync(abs, 'utf8'));
      } catch {
        return undefined;
      }
    },
  };
}

const MAX_WORKTREE_BYTES = 2 * 1024 * 1024;
