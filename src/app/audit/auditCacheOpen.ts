// Opening the audit cache for one run, so that it can never turn "unverifiable" into "clean":
// - its file must be a regular file of the repository (auditCache.ts), else it is rebuilt or bypassed;
// - it is valid only for the replace refs, grafts and shallow boundary it was computed with;
// - it is valid only while every object it was computed from is still there: the object store is
//   snapshotted before reading (objectStore.ts); when packs went away the cache is rebuilt, when
//   loose objects went away git is asked whether they still exist (packed), and if any does not the
//   cache is rebuilt — the audit then reads git and fails exactly as an uncached one does;
// - in a read-only repository it is read but not written, with one notice.
import { AuditCache, cacheDir } from '../../git/auditCache';
import { historyState, missingObjects } from '../../git/cacheValidity';
import type { Git } from '../../git/exec';
import { compareSnapshots, parseSnapshot, serializeSnapshot, snapshotObjectStore } from '../../git/objectStore';
import type { RepositoryInfo } from '../../git/repo';

export interface OpenedCache {
  /** null: the cache is bypassed in this run. */
  cache: AuditCache | null;
  writable: boolean;
  notices: string[];
}

export async function openAuditCache(git: Git, info: RepositoryInfo, key: string): Promise<OpenedCache> {
  const state = await historyState(git, info);
  // Read and verified off the extension host's thread: the panel answers its webview meanwhile.
  const cache = await new AuditCache(cacheDir(info.commonDir), key, state.digest).loadAsync();
  if (cache.bypassed) return { cache: null, writable: false, notices: [`audit cache not used: ${cache.bypassed}`] };
  const now = snapshotObjectStore(state.objectsDir);
  if (!cache.empty) {
    const before = cache.storedSnapshot === undefined ? undefined : parseSnapshot(cache.storedSnapshot);
    if (!before) cache.discard('it does not say which objects it was computed from');
    else {
      const change = compareSnapshots(before, now);
      if (change.rebuild) cache.discard(`${change.rebuild} since the last audit`);
      else if (change.vanished.length) {
        const missing = await missingObjects(git, change.vanished);
        if (missing.length) {
          cache.discard(`${missing.length === 1 ? 'an object' : `${missing.length} objects`} it was computed from `
            + `(${missing[0]}${missing.length > 1 ? ', …' : ''}) no longer exist${missing.length === 1 ? 's' : ''}`);
        }
      }
    }
  }
  const notices: string[] = [];
  if (cache.discarded) notices.push(`audit cache discarded and rebuilt (${cache.discarded})`);
  const writable = cache.lock();
  if (!writable && cache.readOnly) notices.push(`audit cache not written: ${cache.readOnly}; audited without saving it`);
  if (writable) {
    const text = serializeSnapshot(now);
    if (text !== cache.storedSnapshot) cache.setSnapshot(text);
  }
  return { cache, writable, notices };
}
