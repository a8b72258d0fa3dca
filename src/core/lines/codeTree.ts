// The panel's Code view: per-file line figures folded into one directory's entries (its
// subdirectories, summed, and its files), so the view drills down without the whole tree in the
// webview. Pure.
import { addCounts, aiShare, emptyCounts, type LineCounts } from './lineClass';

export interface CodeFile {
  path: string;
  counts: LineCounts;
}

export interface CodeEntry {
  name: string;
  /** Repository-relative path of the file or directory. */
  path: string;
  kind: 'dir' | 'file';
  files: number;
  counts: LineCounts;
  /** (recorded + assistedCommit) / total. */
  aiShare: number;
}

export interface CodeListing {
  dir: string;
  totals: LineCounts;
  files: number;
  entries: CodeEntry[];
}

/** Normalises a directory: '' is the root; no leading or trailing slash. */
export function normalizeDir(dir: string): string {
  return dir.split('/').filter((s) => s && s !== '.' && s !== '..').join('/');
}

/** The entries of `dir`: subdirectories first, then files, each by name. */
export function codeListing(files: readonly CodeFile[], dir: string): CodeListing {
  const base = normalizeDir(dir);
  const prefix = base ? `${base}/` : '';
  const dirs = new Map<string, { counts: LineCounts; files: number }>();
  const entries: CodeEntry[] = [];
  const totals = emptyCounts();
  let count = 0;
  for (const f of files) {
    if (!f.path.startsWith(prefix)) continue;
    count++;
    addCounts(totals, f.counts);
    const rest = f.path.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash === -1) {
      entries.push({ name: rest, path: f.path, kind: 'file', files: 1, counts: { ...f.counts }, aiShare: aiShare(f.counts) });
      continue;
    }
    const name = rest.slice(0, slash);
    let d = dirs.get(name);
    if (!d) dirs.set(name, (d = { counts: emptyCounts(), files: 0 }));
    addCounts(d.counts, f.counts);
    d.files++;
  }
  const byName = (a: CodeEntry, b: CodeEntry): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const dirEntries = [...dirs].map(([name, d]): CodeEntry => ({ name, path: `${prefix}${name}`, kind: 'dir', files: d.files, counts: d.counts, aiShare: aiShare(d.counts) }));
  return { dir: base, totals, files: count, entries: [...dirEntries.sort(byName), ...entries.sort(byName)] };
}
