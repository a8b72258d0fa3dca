// The V8 code cache of the hook-path bundles (src/cli/codeCache.ts), on real files: a second load is
// served from the cache and V8 accepts it; a corrupt or truncated file, an unwritable directory and
// AIP_COMPILE_CACHE=0 all still load the bundle, and never write a bad file.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { codeCacheDir, flushCodeCache, requireCached } from '../../src/cli/codeCache';

/** A CommonJS bundle as esbuild writes them: shebang, requires, functions run later. */
function bundleSource(variant: string): string {
  return `#!/usr/bin/env node
"use strict";
const path = require("node:path");
function greet(name) { return "${variant}: hello " + name + " from " + path.basename(__filename) + " in " + path.basename(__dirname); }
module.exports = { greet, self: () => this === exports };
`;
}

interface Greeter { greet: (n: string) => string; self: () => boolean }

describe('V8 code cache of the hook-path bundles', () => {
  let dir: string;
  let bundle: string;
  let cache: string;
  const env = (): NodeJS.ProcessEnv => ({ AIP_COMPILE_CACHE: cache });
  const files = (): string[] => readdirSync(cache).sort();

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'aip-codecache-'));
    mkdirSync(path.join(dir, 'dist'));
    bundle = path.join(dir, 'dist', 'cli-demo.js');
    writeFileSync(bundle, bundleSource('v1'));
    cache = path.join(dir, 'cache', 'v8');
  });
  afterEach(() => {
    flushCodeCache();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the bundle as require() would, writes the cache after the run, and the next load is a hit V8 accepts', () => {
    const first = requireCached(bundle, env());
    assert.equal(first.cache, 'miss');
    const m = first.exports as Greeter;
    assert.equal(m.greet('you'), 'v1: hello you from cli-demo.js in dist');
    assert.equal(m.self(), true);
    assert.deepEqual(readdirSync(dir).includes('cache'), false, 'nothing is written before the command ran');
    flushCodeCache();
    assert.equal(files().length, 1);
    assert.match(files()[0] as string, /^cli-demo-[0-9a-f]{32}\.v8$/);
    const second = requireCached(bundle, env());
    assert.equal(second.cache, 'hit');
    assert.equal(second.file, path.join(cache, files()[0] as string));
    assert.equal((second.exports as Greeter).greet('me'), 'v1: hello me from cli-demo.js in dist');
    const before = readFileSync(second.file as string);
    flushCodeCache();
    assert.deepEqual(readFileSync(second.file as string), before, 'a hit writes nothing');
  });

  it('a corrupt or truncated cache file is a miss (never handed to V8 as it is), and is written again whole', () => {
    requireCached(bundle, env());
    flushCodeCache();
    const file = path.join(cache, files()[0] as string);
    const good = readFileSync(file);
    const flipped = Buffer.from(good);
    flipped[flipped.length - 100] = (flipped[flipped.length - 100] as number) ^ 0xff;
    for (const bad of [flipped, good.subarray(0, good.length - 1), good.subarray(0, 20), Buffer.from('garbage')]) {
      writeFileSync(file, bad);
      const r = requireCached(bundle, env());
      assert.equal(r.cache, 'corrupt');
      assert.equal((r.exports as Greeter).greet('x'), 'v1: hello x from cli-demo.js in dist');
      flushCodeCache();
      assert.equal(requireCached(bundle, env()).cache, 'hit');
    }
  });

  it('a changed bundle of the same length gets its own file (V8 itself checks only the length); old ones are pruned', () => {
    requireCached(bundle, env());
    flushCodeCache();
    const v1 = files();
    writeFileSync(bundle, bundleSource('v2'));
    const r = requireCached(bundle, env());
    assert.equal(r.cache, 'miss');
    assert.equal((r.exports as Greeter).greet('x'), 'v2: hello x from cli-demo.js in dist');
    flushCodeCache();
    assert.equal(files().length, 2);
    assert.ok(files().includes(v1[0] as string));
    for (let i = 3; i <= 8; i++) {
      writeFileSync(bundle, bundleSource(`v${i}`));
      requireCached(bundle, env());
      flushCodeCache();
    }
    assert.equal(files().filter((f) => f.startsWith('cli-demo-')).length, 4);
    assert.equal(requireCached(bundle, env()).cache, 'hit');
  });

  it('an unwritable cache directory only means no cache: the bundle loads, nothing throws', () => {
    writeFileSync(path.join(dir, 'cache'), 'a file where the directory would be\n');
    const r = requireCached(bundle, env());
    assert.equal(r.cache, 'miss');
    assert.equal((r.exports as Greeter).greet('x'), 'v1: hello x from cli-demo.js in dist');
    assert.doesNotThrow(() => flushCodeCache());
    assert.equal(readFileSync(path.join(dir, 'cache'), 'utf8'), 'a file where the directory would be\n');
    assert.equal(requireCached(bundle, env()).cache, 'miss');
  });

  it('AIP_COMPILE_CACHE=0 turns it off; unset, it lives under XDG_CACHE_HOME (or ~/.cache)', () => {
    const xdg = path.join(dir, 'xdg');
    const r = requireCached(bundle, { AIP_COMPILE_CACHE: '0', XDG_CACHE_HOME: xdg });
    assert.equal(r.cache, 'off');
    assert.equal((r.exports as Greeter).greet('x'), 'v1: hello x from cli-demo.js in dist');
    flushCodeCache();
    assert.equal(readdirSync(dir).includes('xdg'), false);
    assert.equal(codeCacheDir({ AIP_COMPILE_CACHE: '0' }), undefined);
    assert.equal(codeCacheDir({ XDG_CACHE_HOME: xdg }), path.join(xdg, 'ai-provenance', 'v8'));
    assert.equal(codeCacheDir({ XDG_CACHE_HOME: 'relative', HOME: '/home/u' }), path.join('/home/u', '.cache', 'ai-provenance', 'v8'));
    assert.equal(requireCached(bundle, { XDG_CACHE_HOME: xdg }).cache, 'miss');
    flushCodeCache();
    assert.equal(requireCached(bundle, { XDG_CACHE_HOME: xdg }).cache, 'hit');
  });
});
