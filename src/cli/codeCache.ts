// A V8 code cache for the command bundles git hooks and agent hooks start (dist/cli-policy.js,
// cli-hook.js, cli-record.js) and for `audit` (dist/cli-audit.js, run often on small repositories,
// where its compile is a visible share): node compiles a bundle, and lazily each function it runs, on every
// start (~10 ms of CPU for a commit-msg run of cli-policy.js); with the bytecode V8 produced the
// last time, it only deserializes it. Node 22.1 has module.enableCompileCache() for this; Node 20
// has neither it nor a flag, so the bundle is compiled here through vm.Script with cachedData,
// wrapped exactly as node's CommonJS loader wraps it.
//
// Where: ${XDG_CACHE_HOME:-~/.cache}/ai-provenance/v8, or AIP_COMPILE_CACHE=DIR; AIP_COMPILE_CACHE=0
// turns it off. One file per bundle content: the sha256 of the source, node's and V8's versions
// and the arch name it (V8 itself checks only the source's length; Electron's node reports node's
// version with another V8). It is written after the command ran, so it holds the functions that
// ran compiled too, and carries a header (magic, key, payload length and sha256) checked before
// V8 sees it: a truncated or corrupt file is a miss, never bad bytecode.
// Nothing here may fail a hook: any error before the bundle runs falls back to node's own require().
import { createHash } from 'node:crypto';
import { mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync, closeSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** What happened to a bundle's code cache on this load. */
export type CacheOutcome = 'off' | 'hit' | 'miss' | 'rejected' | 'corrupt' | 'error';

export interface CachedLoad {
  exports: unknown;
  cache: CacheOutcome;
  /** The cache file (undefined when off or the directory could not be named). */
  file?: string;
}

const MAGIC = Buffer.from('AIPV8C1\n', 'latin1');
const HEADER = MAGIC.length + 32 + 4 + 32;
/** Cache files kept per bundle name (several installs or node versions may share the directory). */
const KEEP_PER_BUNDLE = 4;

/** The cache directory per the environment, or undefined when turned off. */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const setting = env.AIP_COMPILE_CACHE;
  if (setting === '0') return undefined;
  if (setting) return path.resolve(setting);
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(env.HOME || os.homedir(), '.cache');
  return path.join(base, 'ai-provenance', 'v8');
}

interface Pending {
  script: vm.Script;
  file: string;
  key: Buffer;
  name: string;
  dir: string;
}

const pending: Pending[] = [];

/** node's own loading of the bundle (the fallback). */
function plainRequire(file: string): unknown {
  return createRequire(file)(file) as unknown;
}

/**
 * Loads a CommonJS bundle as require() would, through the code cache. Falls back to require() when
 * the cache is off or anything about it fails; a miss or rejected file is written by flushCodeCache().
 */
export function requireCached(file: string, env: NodeJS.ProcessEnv = process.env): CachedLoad {
  const dir = codeCacheDir(env);
  if (!dir) return { exports: plainRequire(file), cache: 'off' };
  let source: string;
  let key: Buffer;
  let cacheFile: string;
  try {
    source = readFileSync(file, 'utf8');
    key = createHash('sha256').update(`${process.version} ${process.versions.v8} ${process.arch}\0`).update(source).digest();
    cacheFile = path.join(dir, `${path.basename(file, '.js')}-${key.toString('hex').slice(0, 32)}.v8`);
  } catch {
    return { exports: plainRequire(file), cache: 'error' };
  }
  let cache: CacheOutcome = 'miss';
  let cachedData: Buffer | undefined;
  try {
    cachedData = readCacheFile(cacheFile, key);
    if (!cachedData) cache = 'corrupt';
  } catch {
    cache = 'miss'; // no file (or unreadable): compile, then try to write one
  }
  let script: vm.Script;
  try {
    // The shebang line becomes a comment: line numbers stay those of the file.
    const body = source.startsWith('#!') ? `//${source.slice(2)}` : source;
    script = new vm.Script(`(function (exports, require, module, __filename, __dirname) { ${body}\n})`, {
      filename: file, ...(cachedData ? { cachedData } : {}),
    });
  } catch {
    return { exports: plainRequire(file), cache: 'error', file: cacheFile };
  }
  if (cachedData) cache = script.cachedDataRejected ? 'rejected' : 'hit';
  // Running the bundle is not retried through require(): its top-level code must run once.
  const fn = script.runInThisContext() as (e: unknown, r: NodeJS.Require, m: { exports: unknown }, f: string, d: string) => void;
  const mod = { exports: {} as unknown };
  fn.call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
  if (cache !== 'hit') pending.push({ script, file: cacheFile, key, name: path.basename(file, '.js'), dir });
  return { exports: mod.exports, cache, file: cacheFile };
}

/** Reads a cache file: its payload when the header matches the key and the payload's hash, undefined when not. Throws when there is no file. */
function readCacheFile(file: string, key: Buffer): Buffer | undefined {
  const bytes = readFileSync(file);
  if (bytes.length < HEADER || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  let at = MAGIC.length;
  if (!bytes.subarray(at, at + 32).equals(key)) return undefined;
  at += 32;
  const length = bytes.readUInt32LE(at);
  at += 4;
  const digest = bytes.subarray(at, at + 32);
  const payload = bytes.subarray(HEADER);
  if (payload.length !== length || !createHash('sha256').update(payload).digest().equals(digest)) return undefined;
  return payload;
}

/**
 * Writes the code cache of the bundles loaded on a miss (call it once the command ran: the cache
 * then holds the functions it compiled). Atomic (temporary file, then rename); prunes older files of
 * the same bundle. Never throws: an unwritable directory only means no cache.
 */
export function flushCodeCache(): void {
  for (const p of pending.splice(0)) {
    let tmp: string | undefined;
    try {
      const payload = p.script.createCachedData();
      const header = Buffer.alloc(HEADER);
      MAGIC.copy(header, 0);
      p.key.copy(header, MAGIC.length);
      header.writeUInt32LE(payload.length, MAGIC.length + 32);
      createHash('sha256').update(payload).digest().copy(header, MAGIC.length + 36);
      mkdirSync(p.dir, { recursive: true });
      tmp = `${p.file}.${process.pid}.tmp`;
      const fd = openSync(tmp, 'w', 0o644);
      try {
        writeSync(fd, header);
        writeSync(fd, payload);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, p.file);
      tmp = undefined;
      prune(p.dir, p.name, p.file);
    } catch {
      if (tmp) rmSync(tmp, { force: true });
    }
  }
}

/** Keeps the newest KEEP_PER_BUNDLE cache files of a bundle (and the one just written), and no stale temporary files. */
function prune(dir: string, name: string, keep: string): void {
  const prefix = `${name}-`;
  const now = Date.now();
  const files: { file: string; mtime: number }[] = [];
  for (const f of readdirSync(dir)) {
    if (!f.startsWith(prefix)) continue;
    const file = path.join(dir, f);
    try {
      const mtime = statSync(file).mtimeMs;
      if (f.endsWith('.tmp')) {
        if (now - mtime > 60_000) rmSync(file, { force: true });
      } else if (f.endsWith('.v8') && file !== keep) {
        files.push({ file, mtime });
      }
    } catch {
      // gone meanwhile
    }
  }
  files.sort((a, b) => b.mtime - a.mtime);
  for (const { file } of files.slice(KEEP_PER_BUNDLE - 1)) rmSync(file, { force: true });
}
