// Everything besides a commit's id that changes what `git log` says about it, so the audit cache can
// be keyed on it: replace refs (`git replace`, unless GIT_NO_REPLACE_OBJECTS or
// core.useReplaceRefs=false turn them off), grafts (info/grafts, GIT_GRAFT_FILE) and the shallow
// boundary. And the object store (objectStore.ts): where it lives, to snapshot it, and a check that
// objects which are no longer loose still exist.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gitEnv, type Git } from './exec';
import type { RepositoryInfo } from './repo';

export interface HistoryState {
  /** A digest of replace refs, grafts and the shallow boundary (what the cache is valid for). */
  digest: string;
  /** The object directory git reads (GIT_OBJECT_DIRECTORY honoured). */
  objectsDir: string;
}

function fileDigest(file: string): string {
  try {
    return createHash('sha1').update(readFileSync(file)).digest('hex');
  } catch {
    return '-';
  }
}

/**
 * `info.historyPaths`: the object directory, graft file and core.useReplaceRefs openRepository
 * already read; without them they are asked here (two more git processes).
 */
export async function historyState(git: Git, info: Pick<RepositoryInfo, 'commonDir' | 'historyPaths'>,
  env: NodeJS.ProcessEnv = process.env): Promise<HistoryState> {
  const { commonDir, historyPaths: probed } = info;
  const base = env.GIT_REPLACE_REF_BASE || 'refs/replace/';
  const [paths, replace, useReplace] = await Promise.all([
    probed ? `${probed.objectsDir}\n${probed.grafts}` : git.text(['rev-parse', '--path-format=absolute', '--git-path', 'objects', '--git-path', 'info/grafts']),
    git.text(['for-each-ref', '--format=%(refname) %(objectname)', '--end-of-options', base]).catch(() => '?'),
    probed ? String(probed.useReplaceRefs) : git.text(['config', '--type=bool', '--get', 'core.useReplaceRefs'], { okExitCodes: [1] }).catch(() => '?'),
  ]);
  const [objectsDir = path.join(commonDir, 'objects'), grafts = path.join(commonDir, 'info', 'grafts')] = paths.split('\n');
  const replaceOn = !env.GIT_NO_REPLACE_OBJECTS && useReplace.trim() !== 'false';
  const digest = createHash('sha1')
    .update(`replace ${replaceOn ? `${base}\n${replace}` : 'off'}\n`)
    .update(`grafts ${fileDigest(env.GIT_GRAFT_FILE || grafts)}\n`)
    .update(`shallow ${fileDigest(path.join(commonDir, 'shallow'))}\n`)
    .digest('hex');
  return { digest, objectsDir };
}

/** Of `ids`, those git cannot find (never fetched: a missing object is an answer, not a download). */
export async function missingObjects(git: Git, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  // The objects themselves, not what a replace ref stands in for them.
  const out = await git.text(['cat-file', '--batch-check=%(objectname)'],
    { input: `${ids.join('\n')}\n`, env: gitEnv({ GIT_NO_REPLACE_OBJECTS: '1' }) });
  return out.split('\n').filter((l) => l.endsWith(' missing')).map((l) => l.slice(0, l.indexOf(' ')));
}
