// Shared helpers for running the extension in a REAL VS Code: code-server (= VS Code server + web
// workbench, from npm; 4.100.3 = VS Code 1.100.3 and 4.139.1 = VS Code 1.139.1, see vscode-builds.mjs)
// driven by Debian's headless Chromium through playwright-core. Vendored and adapted from the
// real-vscode recipe.
//
// Environment knobs (all optional):
//   VSC_HARNESS_VSCODE           which VS Code build: 1.100 (default) or 1.139 (vscode-builds.mjs)
//   AIP_HARNESS_CACHE            cache root for code-server and Node installs
//                                (default ${XDG_CACHE_HOME:-~/.cache}/ai-provenance-harness)
//   VSC_HARNESS_CODE_SERVER      path to code-server's out/node/entry.js (skips the cache lookup)
//   VSC_HARNESS_NODE             node binary that runs code-server (default: the build's Node)
//   VSC_HARNESS_CHROMIUM         chromium executable (default /usr/bin/chromium)
//   VSC_HARNESS_PLAYWRIGHT       folder from which `playwright-core` is resolved (default: the project)
//   VSC_HARNESS_STATE            where per-run state dirs go (default <project>/test-output/harness/state)
//   VSC_HARNESS_KEEP_STATE=1     keep per-run state dirs (logs) even after successful runs
//   VSC_HARNESS_WORKSPACE_TRUST=1  start code-server WITHOUT --disable-workspace-trust and seed
//                                `security.workspace.trust.enabled: true`, so a fresh folder is untrusted
//   VSC_HARNESS_SETTINGS         JSON object merged into the seeded User/settings.json
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MARKER, VSCODE_BUILDS, DEFAULT_BUILD, vscodeBuild, cacheRoot, codeServerDir, codeServerEntry, codeServerInstalled, nodeBinary, buildFeatures } from './vscode-builds.mjs';

export const HARNESS_DIR = path.dirname(fileURLToPath(import.meta.url));
export const PROJECT_ROOT = path.resolve(HARNESS_DIR, '../..');
export const CHROMIUM = process.env.VSC_HARNESS_CHROMIUM ?? '/usr/bin/chromium';
export const STATE_ROOT = path.resolve(process.env.VSC_HARNESS_STATE ?? path.join(PROJECT_ROOT, 'test-output/harness/state'));
export { MARKER, VSCODE_BUILDS, DEFAULT_BUILD, vscodeBuild, cacheRoot, codeServerDir, codeServerEntry, codeServerInstalled, nodeBinary, buildFeatures };

function requireInstalled(build) {
  if (!codeServerInstalled(build)) {
    throw new Error(`VS Code ${build.vscode} (code-server ${build.codeServer}) is not installed at ${codeServerDir(build)}; run: node test/harness/setup.mjs --vscode ${build.name}`);
  }
  return codeServerEntry(build);
}

export function workspaceTrustEnabled(override) {
  return override ?? process.env.VSC_HARNESS_WORKSPACE_TRUST === '1';
}

export function makeStateDir(prefix = 'cs-') {
  fs.mkdirSync(STATE_ROOT, { recursive: true });
  return fs.mkdtempSync(path.join(STATE_ROOT, prefix));
}

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

export function loadPlaywright() {
  const candidates = [process.env.VSC_HARNESS_PLAYWRIGHT, HARNESS_DIR, process.cwd()].filter(Boolean);
  for (const from of candidates) {
    try { return createRequire(path.join(from, 'noop.js'))('playwright-core'); } catch { /* next */ }
  }
  throw new Error(`playwright-core not found (looked from ${candidates.join(', ')}); run npm install`);
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// Quiet, offline-friendly workbench. Merged into <user-data-dir>/User/settings.json (existing keys win).
export const DEFAULT_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.autofetch': false,
  'git.openRepositoryInParentFolders': 'always',
  'chat.commandCenter.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

const TRUST_SETTINGS = {
  'security.workspace.trust.enabled': true,
  // no modal "Do you trust the authors?" dialog on startup: the folder simply stays in Restricted Mode
  'security.workspace.trust.startupPrompt': 'never',
};

function envSettings() {
  if (!process.env.VSC_HARNESS_SETTINGS) { return {}; }
  try { return JSON.parse(process.env.VSC_HARNESS_SETTINGS); } catch (e) {
    throw new Error(`VSC_HARNESS_SETTINGS is not JSON: ${e.message}`);
  }
}

export function seedSettings(userDataDir, extra = {}, { workspaceTrust } = {}) {
  const file = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let current = {};
  if (fs.existsSync(file)) {
    try { current = JSON.parse(fs.readFileSync(file, 'utf8')); } catch { return; } // JSONC: leave alone
  }
  const trust = workspaceTrustEnabled(workspaceTrust) ? TRUST_SETTINGS : {};
  fs.writeFileSync(file, JSON.stringify({ ...DEFAULT_SETTINGS, ...trust, ...envSettings(), ...extra, ...current }, null, 2));
}

/** Environment that keeps code-server/VS Code/Chromium files out of $HOME and /tmp. */
export function isolatedEnv(stateDir, extra = {}) {
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(stateDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(stateDir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(stateDir, 'xdg-cache'), // @vscode/deviceid writes ~/.cache/Microsoft/...
    XDG_STATE_HOME: path.join(stateDir, 'xdg-state'), // agents install remembers its edits there (host tests)
    EXTENSIONS_GALLERY: process.env.EXTENSIONS_GALLERY ?? '{}', // no open-vsx lookups: offline
    ...extra,
  };
  delete env.ELECTRON_RUN_AS_NODE;
  return env;
}

/**
 * Start code-server. Returns { port, url, child, stop(keep), logFile, stateDir, userDataDir, extensionsDir }.
 * opts: vscode (build name, default VSC_HARNESS_VSCODE or 1.100), userDataDir, extensionsDir, stateDir, env, port,
 * settings, workspaceTrust, extraArgs, startTimeoutMs
 */
export async function startCodeServer(opts = {}) {
  const build = vscodeBuild(opts.vscode);
  const entry = requireInstalled(build);
  const ownStateDir = !opts.stateDir;
  const stateDir = opts.stateDir ?? makeStateDir();
  const userDataDir = path.resolve(opts.userDataDir ?? path.join(stateDir, 'user-data'));
  const extensionsDir = path.resolve(opts.extensionsDir ?? path.join(stateDir, 'extensions'));
  for (const d of [stateDir, userDataDir, extensionsDir, path.join(stateDir, 'xdg-config'), path.join(stateDir, 'xdg-data')]) {
    fs.mkdirSync(d, { recursive: true });
  }
  const trust = workspaceTrustEnabled(opts.workspaceTrust);
  seedSettings(userDataDir, opts.settings, { workspaceTrust: trust });
  const port = opts.port ?? await freePort();
  const configFile = path.join(stateDir, 'config.yaml');
  fs.writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  // Newer code-server (VS Code >= ~1.10x) only honours the URL payload with --enable-smoke-test-driver.
  const cliJs = fs.readFileSync(path.join(path.dirname(entry), 'cli.js'), 'utf8');
  const passthrough = cliJs.includes('"vscode-option"') ? ['--vscode-option', 'enable-smoke-test-driver'] : [];
  const args = [
    entry, ...passthrough,
    '--config', configFile,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--disable-update-check',
    ...(trust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override', '--ignore-last-opened',
    ...(opts.extraArgs ?? []),
  ];
  const env = isolatedEnv(stateDir, opts.env);
  // VS Code puts vscode-git-*.sock / vscode-ipc-<uuid>.sock (53 chars) in os.tmpdir() and leaves them
  // there when killed. Give it a per-run TMPDIR: inside the state dir when that is short enough for a
  // unix socket path (107 bytes), else a short dir in the system temp dir, removed by stop().
  let tmp = opts.env?.TMPDIR;
  let ownTmp = false;
  if (!tmp) {
    tmp = path.join(stateDir, 'tmp');
    if (tmp.length <= 48) { fs.mkdirSync(tmp, { recursive: true }); } else { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vsh-')); ownTmp = true; }
    env.TMPDIR = tmp;
  }
  const logFile = path.join(stateDir, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  const nodeBin = nodeBinary(build);
  // detached => own process group, so stop() ends code-server + extension host + file watcher + pty host
  const child = spawn(nodeBin, args, { env, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  let exited = false;
  // safety net: whatever happens to this process (signal, uncaught error), code-server's group goes too
  const onExit = () => { if (!exited) { killGroup(child.pid, 'SIGKILL'); } };
  process.on('exit', onExit);
  child.on('exit', () => { exited = true; process.off('exit', onExit); });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.startTimeoutMs ?? 60000);
  for (;;) {
    if (exited) { throw new Error(`code-server exited during startup; see ${logFile}:\n${fs.readFileSync(logFile, 'utf8')}`); }
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) { break; }
    } catch { /* not up yet */ }
    if (Date.now() > deadline) { killGroup(child.pid, 'SIGKILL'); throw new Error(`code-server did not start; see ${logFile}`); }
    await new Promise(r => setTimeout(r, 100));
  }
  let stopped = false;
  const stop = async (keep = false) => {
    if (stopped) { return; }
    stopped = true;
    if (killGroup(child.pid, 'SIGTERM')) {
      for (let i = 0; i < 50 && !exited; i++) { await new Promise(r => setTimeout(r, 100)); }
      await new Promise(r => setTimeout(r, 300));
      killGroup(child.pid, 'SIGKILL');
    }
    if (ownTmp) { fs.rmSync(tmp, { recursive: true, force: true }); }
    if (!keep && process.env.VSC_HARNESS_KEEP_STATE !== '1' && ownStateDir) {
      fs.rmSync(stateDir, { recursive: true, force: true });
    }
  };
  return { port, url, child, stop, logFile, stateDir, userDataDir, extensionsDir, workspaceTrust: trust, build };
}

/** Signal a whole process group (the child was spawned detached, so it leads its group). */
export function killGroup(pid, sig) {
  if (!pid) { return false; }
  try { process.kill(-pid, sig); return true; } catch { return false; }
}

/**
 * Headless Debian Chromium with a fresh profile inside `profileDir`.
 * Returns { context, page, close() }.
 */
export async function launchChromium(profileDir, { extraArgs = [], viewport = { width: 1400, height: 900 } } = {}) {
  const { chromium } = loadPlaywright();
  if (!fs.existsSync(CHROMIUM)) { throw new Error(`chromium not found at ${CHROMIUM}; run: node test/harness/setup.mjs`); }
  fs.mkdirSync(profileDir, { recursive: true });
  const context = await chromium.launchPersistentContext(path.join(profileDir, 'profile'), {
    executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs],
    // the caller shuts down in order on signals (playwright would close the browser mid-run)
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
    viewport,
    env: { ...process.env, XDG_CONFIG_HOME: path.join(profileDir, 'xdg-config'), XDG_CACHE_HOME: path.join(profileDir, 'xdg-cache') },
  });
  const page = context.pages()[0] ?? await context.newPage();
  return { context, page, close: () => context.close().catch(() => {}) };
}

/**
 * Workbench URL. Folder/workspace paths are server-side absolute paths. Payload entries the browser
 * workbench understands: extensionDevelopmentPath (repeatable), extensionTestsPath, disableExtensions,
 * skipWelcome, skipReleaseNotes, enableProposedApi.
 */
export function workbenchUrl(server, { folder, workspace, devPaths = [], testsPath, flags = {} } = {}) {
  const authority = `127.0.0.1:${server.port}`;
  const remote = p => `vscode-remote://${authority}${path.resolve(p)}`;
  const payload = [];
  for (const d of devPaths) { payload.push(['extensionDevelopmentPath', remote(d)]); }
  if (testsPath) { payload.push(['extensionTestsPath', remote(testsPath)]); }
  for (const [k, v] of Object.entries(flags)) { if (v) { payload.push([k, String(v)]); } }
  const q = [];
  if (workspace) { q.push(`workspace=${encodeURIComponent(path.resolve(workspace))}`); }
  else if (folder) { q.push(`folder=${encodeURIComponent(path.resolve(folder))}`); }
  else { q.push('ew=true'); }
  if (payload.length) { q.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`); }
  return `${server.url}/?${q.join('&')}`;
}

/**
 * A fresh git repository (branch main, local user config, one initial commit) in a new temp dir,
 * then `commands` (shell strings) run in it with bash. Returns its absolute path.
 */
export function makeGitRepo({ prefix = 'aip-ws-', commands = [], parent = os.tmpdir() } = {}) {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(parent, prefix)));
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1' };
  const git = (...a) => {
    const r = spawnSync('git', a, { cwd: dir, env, encoding: 'utf8' });
    if (r.status !== 0) { throw new Error(`git ${a.join(' ')} failed in ${dir}: ${r.stderr}`); }
  };
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Harness Tester');
  git('config', 'user.email', 'tester@example.invalid');
  git('config', 'commit.gpgsign', 'false');
  fs.writeFileSync(path.join(dir, 'README.md'), '# harness workspace\n');
  git('add', 'README.md');
  git('commit', '-q', '-m', 'Initial commit');
  for (const c of commands) {
    const r = spawnSync('bash', ['-c', c], { cwd: dir, env, encoding: 'utf8' });
    if (r.status !== 0) { throw new Error(`setup command failed in ${dir}: ${c}\n${r.stdout}${r.stderr}`); }
  }
  return dir;
}

export function elapsed(t0) { return `${((Date.now() - t0) / 1000).toFixed(1)}s`; }
