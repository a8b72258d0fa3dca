// What `agents install` changed, so `agents uninstall` can put every file back byte for byte:
// for each file, whether we created it (and which folders), its exact bytes before our first edit,
// and a digest of the bytes we last wrote (unchanged since → restore; changed → remove only our
// entries). Kept in the user's state directory, keyed by absolute path.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export interface FileRecord {
  agent: string;
  scope: string;
  /** The file did not exist before our first install. */
  created: boolean;
  /** Folders we created for it, deepest first. */
  createdDirs: string[];
  /** Base64 of the exact bytes before our first edit (absent when created). */
  before?: string;
  /** sha256 of the bytes we last wrote. */
  after: string;
}

interface StateFile {
  v: 1;
  files: Record<string, FileRecord>;
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export class AgentsState {
  private data: StateFile;
  private dirty = false;

  private constructor(private readonly file: string, data: StateFile) {
    this.data = data;
  }

  /** Reads the state; a missing or damaged file is an empty state (a damaged one is reported). */
  static load(file: string): { state: AgentsState; problem?: string } {
    if (!existsSync(file)) return { state: new AgentsState(file, { v: 1, files: {} }) };
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as StateFile;
      if (parsed?.v !== 1 || !parsed.files || typeof parsed.files !== 'object') throw new Error('unknown format');
      return { state: new AgentsState(file, parsed) };
    } catch (e) {
      return { state: new AgentsState(file, { v: 1, files: {} }), problem: `${file}: ${e instanceof Error ? e.message : String(e)} (ignored: uninstall can only remove our entries)` };
    }
  }

  get(file: string): FileRecord | undefined {
    return this.data.files[file];
  }

  set(file: string, record: FileRecord): void {
    this.data.files[file] = record;
    this.dirty = true;
  }

  delete(file: string): void {
    if (this.data.files[file]) {
      delete this.data.files[file];
      this.dirty = true;
    }
  }

  save(): void {
    if (!this.dirty) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    writeAtomic(this.file, `${JSON.stringify(this.data, null, 2)}\n`);
    this.dirty = false;
  }
}

/** Writes through a temporary file and a rename; an existing file keeps its mode. */
export function writeAtomic(file: string, data: Buffer | string): void {
  let mode: number | undefined;
  try {
    mode = statSync(file).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  const tmp = `${file}.aip-${process.pid}.tmp`;
  writeFileSync(tmp, data);
  if (mode !== undefined) chmodSync(tmp, mode);
  renameSync(tmp, file);
}

/** Creates `dir` and its missing parents; returns the ones created, deepest first. */
export function makeDirs(dir: string): string[] {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = path.dirname(d)) {
    missing.push(d);
    if (path.dirname(d) === d) break;
  }
  mkdirSync(dir, { recursive: true });
  return missing;
}

/** Removes the folders we created, deepest first, as long as they are empty. */
export function removeEmptyDirs(dirs: string[]): void {
  for (const d of dirs) {
    try {
      rmdirSync(d);
    } catch {
      return; // not empty (someone else's files): keep it and its parents
    }
  }
}
