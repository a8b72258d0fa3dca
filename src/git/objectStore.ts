// What the object store held when an audit read it, so a cached answer is never kept once objects
// it was computed from may have gone. Objects are only ever added by commits and fetches; they go
// away when a loose object file is deleted, a pack is removed or rewritten (gc, repack, maintenance,
// a hand edit) or an alternate is dropped. A snapshot lists the pack files (name, size, inode) and the loose object ids of the repository's object directory and its alternates: a few
// hundred `readdir` calls, no git process. Comparing two snapshots says whether anything went away:
// - packs or alternates gone or changed → the cache cannot vouch for anything: rebuild;
// - loose objects gone → ask git whether they still exist (a repack moves them into a new pack);
//   any that do not → rebuild (and the audit then reads git and fails as an uncached one does).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

const MAX_ALTERNATE_DEPTH = 5;
const HEX = /^[0-9a-f]+$/;

export interface ObjectDirSnapshot {
  dir: string;
  /** pack file name → "size ino" */
  packs: Map<string, string>;
  /** loose object ids */
  loose: Set<string>;
}

export type ObjectStoreSnapshot = ObjectDirSnapshot[];

/** The object directory and, recursively, its alternates (objects/info/alternates, the environment). */
export function snapshotObjectStore(objectsDir: string, env: NodeJS.ProcessEnv = process.env): ObjectStoreSnapshot {
  const out: ObjectStoreSnapshot = [];
  const seen = new Set<string>();
  const visit = (dir: string, depth: number): void => {
    const key = path.resolve(dir);
    if (seen.has(key) || depth > MAX_ALTERNATE_DEPTH) return;
    seen.add(key);
    out.push(snapshotDir(key));
    for (const alt of alternates(key)) visit(alt, depth + 1);
  };
  visit(objectsDir, 0);
  for (const alt of (env.GIT_ALTERNATE_OBJECT_DIRECTORIES ?? '').split(path.delimiter).filter(Boolean)) visit(alt, 1);
  return out;
}

function alternates(dir: string): string[] {
  let text: string;
  try {
    text = readFileSync(path.join(dir, 'info', 'alternates'), 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')).map((l) => path.resolve(dir, l));
}

function snapshotDir(dir: string): ObjectDirSnapshot {
  const packs = new Map<string, string>();
  for (const name of list(path.join(dir, 'pack'))) {
    if (!name.endsWith('.pack')) continue;
    try {
      const st = statSync(path.join(dir, 'pack', name));
      // Not the mtime: git "freshens" a pack (touches it) when it writes an object the pack already has.
      packs.set(name, `${st.size} ${st.ino}`);
    } catch {
      // vanished while listing: not part of the snapshot
    }
  }
  const loose = new Set<string>();
  for (let i = 0; i < 256; i++) {
    const fan = i.toString(16).padStart(2, '0');
    for (const name of list(path.join(dir, fan))) if (HEX.test(name) && (name.length === 38 || name.length === 62)) loose.add(fan + name);
  }
  return { dir, packs, loose };
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Text form, stored in the cache file. */
export function serializeSnapshot(snapshot: ObjectStoreSnapshot): string {
  const lines: string[] = [];
  for (const d of snapshot) {
    lines.push(`D ${d.dir}`);
    for (const [name, sig] of [...d.packs].sort()) lines.push(`P ${name} ${sig}`);
    for (const id of [...d.loose].sort()) lines.push(`L ${id}`);
  }
  return lines.join('\n');
}

export function parseSnapshot(text: string): ObjectStoreSnapshot | undefined {
  const out: ObjectStoreSnapshot = [];
  let current: ObjectDirSnapshot | undefined;
  for (const line of text.split('\n')) {
    if (!line) continue;
    const kind = line[0];
    const rest = line.slice(2);
    if (kind === 'D') out.push((current = { dir: rest, packs: new Map(), loose: new Set() }));
    else if (kind === 'P' && current) {
      const sp = rest.indexOf(' ');
      if (sp === -1) return undefined;
      current.packs.set(rest.slice(0, sp), rest.slice(sp + 1));
    } else if (kind === 'L' && current && HEX.test(rest)) current.loose.add(rest);
    else return undefined;
  }
  return out;
}

export interface SnapshotChange {
  /** Packs or alternates went away or changed: nothing cached can be vouched for. */
  rebuild?: string;
  /** Loose objects that are no longer loose: they must still exist somewhere (ask git). */
  vanished: string[];
  /** Anything differs (the new snapshot should be stored). */
  changed: boolean;
}

export function compareSnapshots(before: ObjectStoreSnapshot, now: ObjectStoreSnapshot): SnapshotChange {
  const nowByDir = new Map(now.map((d) => [d.dir, d]));
  const vanished: string[] = [];
  let changed = before.length !== now.length;
  for (const old of before) {
    const cur = nowByDir.get(old.dir);
    if (!cur) return { rebuild: `the object directory ${old.dir} is no longer used`, vanished, changed: true };
    for (const [name, sig] of old.packs) {
      const sigNow = cur.packs.get(name);
      if (sigNow === undefined) return { rebuild: `pack ${name} was removed (gc or repack)`, vanished, changed: true };
      if (sigNow !== sig) return { rebuild: `pack ${name} was rewritten`, vanished, changed: true };
    }
    if (cur.packs.size !== old.packs.size) changed = true;
    for (const id of old.loose) if (!cur.loose.has(id)) vanished.push(id);
    if (vanished.length || cur.loose.size !== old.loose.size) changed = true;
  }
  return { vanished, changed };
}
