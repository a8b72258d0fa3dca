#!/usr/bin/env node
// Idempotent setup of everything the real-VS-Code harness needs:
//   1. Debian packages (ripgrep, chromium, native build deps); only the missing ones are installed.
//   2. code-server 4.100.3 (VS Code 1.100.3), built offline by install-code-server.sh into a cache
//      dir OUTSIDE the clone, keyed by version + Node major + platform + arch:
//        ${AIP_HARNESS_CACHE:-${XDG_CACHE_HOME:-~/.cache}/ai-provenance-harness}/code-server-<v>-node<N>-<platform>-<arch>/
//      A completion marker is written last; a dir without it is removed and installed again.
//
//   node test/harness/setup.mjs [--no-apt]        (importable: ensureHarness())
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CS_VERSION, MARKER, HARNESS_DIR, CHROMIUM, cacheRoot, codeServerDir, codeServerEntry } from './harness-lib.mjs';

const has = cmd => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const dpkg = pkg => spawnSync('dpkg', ['-s', pkg], { stdio: 'ignore' }).status === 0;

/** Debian package -> "is it there?" */
const SYSTEM_PACKAGES = {
  ripgrep: () => has('rg'),
  chromium: () => fs.existsSync(CHROMIUM) || dpkg('chromium'),
  'libkrb5-dev': () => dpkg('libkrb5-dev'),
  'build-essential': () => dpkg('build-essential') || (has('g++') && has('make')),
  python3: () => has('python3'),
  'pkg-config': () => has('pkg-config'),
  git: () => has('git'),
};

/** Run quietly; on failure throw with the tail of the output. */
function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').slice(-30).join('\n');
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})\n${tail}`);
  }
}

export function missingSystemPackages() {
  return Object.entries(SYSTEM_PACKAGES).filter(([, ok]) => !ok()).map(([name]) => name);
}

export function ensureSystemPackages(log = console.log) {
  const missing = missingSystemPackages();
  if (missing.length === 0) { log('[setup] system packages: all present'); return; }
  const cmd = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new Error(`[setup] missing system packages (${missing.join(' ')}); as root run: ${cmd}`);
  }
  const t0 = Date.now();
  log(`[setup] installing system packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env });
  const still = missingSystemPackages();
  if (still.length) { throw new Error(`[setup] still missing after apt-get install: ${still.join(' ')}`); }
  log(`[setup] system packages installed in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

function pidAlive(pid) {
  try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; }
}

/** A directory lock `<dir>.lock` (holder's pid inside; a dead holder's lock is taken over). */
export async function withLock(dir, fn, log = console.log) {
  const lock = `${dir}.lock`;
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 15 * 60 * 1000;
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') { throw e; }
      const pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8').trim() || 0);
      if (pid && !pidAlive(pid)) { fs.rmSync(lock, { recursive: true, force: true }); continue; }
      if (!pid) {
        // lock dir without pid: give its creator a moment, then treat it as stale
        const age = Date.now() - fs.statSync(lock).mtimeMs;
        if (age > 10000) { fs.rmSync(lock, { recursive: true, force: true }); continue; }
      }
      if (!announced) { log(`[harness] waiting for pid ${pid}, which holds ${lock}`); announced = true; }
      if (Date.now() > deadline) { throw new Error(`[setup] timed out waiting for ${lock}`); }
      await new Promise(r => setTimeout(r, 1000));
    }
  }
  try { return await fn(); } finally { fs.rmSync(lock, { recursive: true, force: true }); }
}

function runInstallScript(dest, logFile, log) {
  return new Promise((resolve, reject) => {
    const out = fs.createWriteStream(logFile);
    const child = spawn('bash', [path.join(HARNESS_DIR, 'install-code-server.sh')], {
      env: { ...process.env, DEST: dest, CS_VERSION, npm_config_loglevel: process.env.npm_config_loglevel ?? 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buf = '';
    const onData = d => {
      out.write(d);
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop();
      // show progress (step timings, native module checks, result), keep npm chatter in the log file
      for (const l of lines) { if (/^\s*\[\d+s\]|native ok|WARNING|installed in|^node v|^\s*build-from-source|with Code/.test(l)) { log(`[setup]   ${l.trim()}`); } }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', code => {
      out.end();
      if (code === 0) { resolve(); } else { reject(new Error(`install-code-server.sh failed (exit ${code}); log: ${logFile}`)); }
    });
  });
}

export async function ensureCodeServer(log = console.log) {
  const dir = codeServerDir();
  const marker = path.join(dir, MARKER);
  if (fs.existsSync(marker) && fs.existsSync(codeServerEntry())) {
    log(`[setup] code-server ${CS_VERSION}: cached (${dir})`);
    return { dir, entry: codeServerEntry(), installed: false };
  }
  return withLock(dir, async () => {
    if (fs.existsSync(marker) && fs.existsSync(codeServerEntry())) { return { dir, entry: codeServerEntry(), installed: false }; }
    if (fs.existsSync(dir)) {
      log(`[setup] removing unfinished install ${dir}`);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    fs.mkdirSync(dir, { recursive: true });
    const logFile = `${dir}.install.log`;
    const t0 = Date.now();
    log(`[setup] installing code-server ${CS_VERSION} into ${dir} (log ${logFile})`);
    try {
      await runInstallScript(dir, logFile, log);
    } catch (e) {
      const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n') : '';
      throw new Error(`${e.message}\n--- last lines of ${logFile} ---\n${tail}`);
    }
    const seconds = (Date.now() - t0) / 1000;
    fs.writeFileSync(marker, JSON.stringify({ version: CS_VERSION, node: process.version, installedAt: new Date().toISOString(), seconds }, null, 2));
    log(`[setup] code-server ${CS_VERSION} installed in ${seconds.toFixed(1)}s`);
    return { dir, entry: codeServerEntry(), installed: true };
  }, log);
}

/** Everything the harness needs. Returns { timings: {apt, codeServer}, codeServer: {dir, entry, installed} }. */
export async function ensureHarness({ apt = true, log = console.log } = {}) {
  const timings = {};
  let t = Date.now();
  if (apt) { ensureSystemPackages(log); }
  timings.systemPackages = (Date.now() - t) / 1000;
  t = Date.now();
  const codeServer = await ensureCodeServer(log);
  timings.codeServer = (Date.now() - t) / 1000;
  log(`[setup] done: system packages ${timings.systemPackages.toFixed(1)}s, code-server ${timings.codeServer.toFixed(1)}s (cache ${cacheRoot()})`);
  return { timings, codeServer };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await ensureHarness({ apt: !process.argv.includes('--no-apt') });
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
