// A stand-in for the VS Code desktop executable, for @vscode/test-electron's `vscodeExecutablePath`
// (test/harness/vscode-shim/code runs this file). Vendored and adapted from the real-vscode recipe.
//
// It accepts the command line test-electron builds:
//   [folder|file.code-workspace] --extensionDevelopmentPath=P --extensionTestsPath=T
//   --user-data-dir=D --extensions-dir=E --disable-extensions --skip-welcome ...
// and runs the tests in a REAL VS Code: code-server 4.100.3 (VS Code 1.100.3) or, with
// VSC_HARNESS_VSCODE=1.139, code-server 4.139.1 (VS Code 1.139.1, on Node 24), whose extension host
// is a Node process started by the VS Code server. The workbench runs in headless Debian Chromium
// driven by playwright-core; extension host output is forwarded to stdout, and the process exits
// with the test runner's exit code (0 = pass), like the desktop executable.
//
// CLI-management calls (--install-extension, --uninstall-extension, --list-extensions,
// --show-versions, --version, --help) are forwarded to code-server's own CLI
// (test/harness/vscode-shim/bin/code is the path test-electron/test-cli derive for that).
//
// Environment knobs (see harness-lib.mjs for paths, workspace trust and settings):
//   VSC_HARNESS_TIMEOUT      seconds before giving up (default 600)
//   VSC_HARNESS_SCREENSHOT   write a PNG of the workbench when the tests end
//   VSC_HARNESS_LOGS_DIR     write VS Code's own log files (sent by the workbench on exit)
//   VSC_HARNESS_VERBOSE=1    print every workbench log line (default hides known noise)
//
// Screenshots on request: when the extension host logs a line
//   [vsc-harness] screenshot /abs/file.png
// the shim saves a PNG of the workbench there (written to a temp name, then renamed, so the test
// can poll for the file; see test/harness/host-screenshot.ts).
// Webview probes on request: for
//   [vsc-harness] webview-probe /abs/file.json
// the shim reads the DOM of every webview frame holding `#app` (see test/harness/host-webview.ts).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codeServerEntry, codeServerInstalled, nodeBinary, vscodeBuild, isolatedEnv, startCodeServer, launchChromium, workbenchUrl, makeStateDir, elapsed } from './harness-lib.mjs';

const argv = process.argv.slice(2);
const verbose = process.env.VSC_HARNESS_VERBOSE === '1';
export const SCREENSHOT_REQUEST = '[vsc-harness] screenshot ';
export const PROBE_REQUEST = '[vsc-harness] webview-probe ';

function parse(args) {
  const o = { positional: [], devPaths: [], flags: {}, ignored: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) { o.positional.push(a); continue; }
    let [k, v] = a.slice(2).split(/=(.*)/s);
    const takesValue = ['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir',
      'folder-uri', 'file-uri', 'enable-proposed-api', 'locale', 'log'].includes(k);
    if (takesValue && v === undefined) { v = args[++i]; }
    switch (k) {
      case 'extensionDevelopmentPath': o.devPaths.push(v); break;
      case 'extensionTestsPath': o.testsPath = v; break;
      case 'user-data-dir': o.userDataDir = v; break;
      case 'extensions-dir': o.extensionsDir = v; break;
      case 'folder-uri': o.positional.push(v.startsWith('file://') ? new URL(v).pathname : v); break;
      case 'disable-extensions': o.flags.disableExtensions = 'true'; break;
      case 'skip-welcome': o.flags.skipWelcome = 'true'; break;
      case 'skip-release-notes': o.flags.skipReleaseNotes = 'true'; break;
      case 'enable-proposed-api': o.flags.enableProposedApi = 'true'; break;
      // --disable-workspace-trust is always passed by test-electron; trust is VSC_HARNESS_WORKSPACE_TRUST's job
      default: o.ignored.push(a); // --no-sandbox, --disable-gpu-sandbox, --disable-updates, ...
    }
  }
  return o;
}

const CLI_VERBS = ['install-extension', 'uninstall-extension', 'list-extensions', 'show-versions', 'version', 'help', 'locate-extension'];
function isCliCall(args) {
  return args.some(a => CLI_VERBS.some(v => a === `--${v}` || a.startsWith(`--${v}=`)) || a === '-v' || a === '-h');
}

function forwardToCodeServerCli(args) {
  if (!codeServerInstalled()) { console.error(`[harness] VS Code ${vscodeBuild().name} is not installed; run: node test/harness/setup.mjs --vscode ${vscodeBuild().name}`); process.exit(1); }
  // code-server rejects options it does not know; keep only the ones it accepts.
  const keep = new Set([...CLI_VERBS, 'user-data-dir', 'extensions-dir', 'force', 'pre-release']);
  const out = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('-')) { out.push(a); continue; }
    const k = a.replace(/^--?/, '').split('=')[0];
    if (keep.has(k) || a === '-v' || a === '-h') { out.push(a); }
    // code-server's CLI mkdirs these non-recursively and then fails with ENOENT
    if (k === 'user-data-dir' || k === 'extensions-dir') {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[i + 1];
      if (v) { fs.mkdirSync(path.resolve(v), { recursive: true }); }
    }
  }
  const stateDir = makeStateDir('cli-');
  const env = isolatedEnv(stateDir, { XDG_CONFIG_HOME: path.join(stateDir, 'c'), XDG_DATA_HOME: path.join(stateDir, 'd') });
  const r = spawnSync(nodeBinary(), [codeServerEntry(), ...out], { stdio: 'inherit', env });
  fs.rmSync(stateDir, { recursive: true, force: true });
  process.exit(r.status ?? 1);
}

// Workbench log lines that are not extension output (only hidden when not verbose).
const NOISE = [/^Creating a socket/, /^Resolv(ing|ed) connection token/, /^\[Service Worker\]/, /^ChatSessionStore/,
  /^Updating additional builtin extensions cache/, /^Started local extension host/, /^Extension host .* started/,
  /^Overwriting extension/, /^\[perf\]/, /^Ignoring fetching additional builtin extensions/,
  /^\[AgentHost/, /^\[ChatModelSelection\]/, /^\[AccountPolicyGate\]/, /^\[reconnection-grace-time\]/];

async function saveScreenshot(page, file) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.partial-${process.pid}.png`;
  await page.screenshot({ path: tmp });
  fs.renameSync(tmp, file);
}

/** What a test may check in a webview: its text, injected-script traces and element counts. */
async function probeWebviews(page, file) {
  const found = [];
  for (const frame of page.frames()) {
    const r = await frame.evaluate(async () => {
      const app = document.getElementById('app');
      if (!app) { return null; }
      const icons = [...document.querySelectorAll('.codicon[class*="codicon-"]')];
      return {
        url: location.href.slice(0, 200),
        pwned: window.__pwned ?? null,
        text: document.body.innerText,
        images: document.querySelectorAll('img').length,
        scripts: [...document.querySelectorAll('script')].map(s => s.getAttribute('src') ?? `inline: ${(s.textContent ?? '').slice(0, 2000)}`),
        eventAttributes: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => /^on/i.test(a.name))).length,
        rows: document.querySelectorAll('[role=row]').length,
        // the codicon font: faces loaded for it (0 when the CSP or a missing file blocked it)
        codiconFaces: await document.fonts.load('16px codicon').then(f => f.length, () => -1),
        icons: icons.length,
        iconGlyphs: icons.filter(e => !['none', 'normal', '""'].includes(getComputedStyle(e, '::before').content)).length,
        iconFonts: [...new Set(icons.map(e => getComputedStyle(e).fontFamily))],
        unlabelledButtons: [...document.querySelectorAll('button')]
          .filter(b => !(b.textContent ?? '').trim() && !b.getAttribute('aria-label') && !b.getAttribute('title')).length,
      };
    }).catch(() => null);
    if (r) { found.push(r); }
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.partial`, JSON.stringify({ frames: found }, null, 2));
  fs.renameSync(`${file}.partial`, file);
}

async function runTests(o) {
  if (!o.testsPath) { throw new Error('only test runs (--extensionTestsPath) are supported by this shim'); }
  const t0 = Date.now();
  const target = o.positional[0];
  const isWorkspaceFile = target && target.endsWith('.code-workspace');
  const server = await startCodeServer({ userDataDir: o.userDataDir, extensionsDir: o.extensionsDir });
  const cleanup = [];
  let exitCode = 1;
  let finish;
  const done = new Promise(r => (finish = r));
  // Ctrl+C reaches us twice (the terminal's SIGINT to the group, and test-electron forwarding it):
  // the first ends the run cleanly, a later one exits at once (the 'exit' safety net in
  // harness-lib kills code-server's process group).
  let signalled = false;
  const onSignal = sig => {
    if (signalled) { process.exit(130); }
    signalled = true;
    finish({ code: 130, reason: `received ${sig}` });
    setTimeout(() => process.exit(130), 10000).unref();
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) { process.on(sig, onSignal); }
  try {
    const browser = await launchChromium(path.join(server.stateDir, 'chromium'));
    cleanup.push(browser.close);
    const page = browser.page;
    let shots = Promise.resolve();
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const first = args?.[0];
      if (typeof first === 'string' && first.startsWith(SCREENSHOT_REQUEST)) {
        const file = path.resolve(first.slice(SCREENSHOT_REQUEST.length).trim());
        shots = shots.then(() => saveScreenshot(page, file))
          .then(() => console.log(`[harness] screenshot ${file}`))
          .catch(e => console.error(`[harness] screenshot ${file} failed: ${e.message}`));
        return;
      }
      if (typeof first === 'string' && first.startsWith(PROBE_REQUEST)) {
        const file = path.resolve(first.slice(PROBE_REQUEST.length).trim());
        shots = shots.then(() => probeWebviews(page, file))
          .catch(e => console.error(`[harness] webview probe ${file} failed: ${e.message}`));
        return;
      }
      if (!verbose && typeof first === 'string' && NOISE.some(re => re.test(first))) { return; }
      // stdout for test output, stderr for warnings/errors; console.* applies mocha's '%s' formats
      (type === 'error' || type === 'warn' ? console.error : console.log)(...(args ?? []));
    });
    await page.exposeFunction('codeAutomationExit', async (code, logs) => {
      if (process.env.VSC_HARNESS_LOGS_DIR && Array.isArray(logs)) {
        for (const l of logs) {
          const f = path.join(process.env.VSC_HARNESS_LOGS_DIR, l.relativePath);
          fs.mkdirSync(path.dirname(f), { recursive: true });
          fs.writeFileSync(f, l.contents);
        }
      }
      finish({ code });
    });
    page.on('crash', () => finish({ code: 1, reason: 'renderer crashed' }));
    server.child.on('exit', c => finish({ code: 1, reason: `code-server exited (${c})` }));
    browser.context.on('close', () => finish({ code: 1, reason: 'browser closed' }));
    page.on('pageerror', e => { if (verbose) { console.error('[pageerror]', e.message); } });
    const url = workbenchUrl(server, {
      folder: !isWorkspaceFile ? target : undefined,
      workspace: isWorkspaceFile ? target : undefined,
      devPaths: o.devPaths, testsPath: o.testsPath, flags: o.flags,
    });
    if (verbose) { console.error(`[harness] code-server ${server.url} (log ${server.logFile}); opening ${url}`); }
    const timeoutS = Number(process.env.VSC_HARNESS_TIMEOUT ?? 600);
    const timer = setTimeout(() => finish({ code: 1, reason: `timed out after ${timeoutS}s` }), timeoutS * 1000);
    timer.unref();
    await Promise.race([page.goto(url, { timeout: 120000 }), done]);
    const result = await done;
    clearTimeout(timer);
    await shots;
    exitCode = result.code;
    if (result.reason) { console.error(`[harness] ${result.reason}; code-server log: ${server.logFile}`); }
    const shot = process.env.VSC_HARNESS_SCREENSHOT;
    if (shot && !signalled && !page.isClosed()) {
      await saveScreenshot(page, path.resolve(shot)).catch(e => console.error('[harness] screenshot failed:', e.message));
    }
    if (exitCode !== 0 && !signalled && !page.isClosed()) {
      await saveScreenshot(page, path.join(server.stateDir, 'failure.png')).catch(() => {});
    }
  } finally {
    for (const c of cleanup.reverse()) { await c(); }
    // keep logs of failed runs; drop the (large) Chromium profile either way
    if (exitCode === 0) { await server.stop(false); } else {
      await server.stop(true);
      fs.rmSync(path.join(server.stateDir, 'chromium'), { recursive: true, force: true });
      console.error(`[harness] code-server state/logs kept in ${server.stateDir}`);
    }
    if (!signalled) { for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) { process.off(sig, onSignal); } }
  }
  if (verbose) { console.error(`[harness] finished in ${elapsed(t0)} with code ${exitCode}`); }
  return exitCode;
}

export async function main(args = argv) {
  if (isCliCall(args)) {
    forwardToCodeServerCli(args);
    return;
  }
  const o = parse(args);
  if (verbose && o.ignored.length) { console.error('[harness] ignoring desktop-only args:', o.ignored.join(' ')); }
  let code = 1;
  try { code = await runTests(o); } catch (e) { console.error('[harness]', e?.stack ?? e); }
  process.exit(code);
}

if (process.argv[1] && fs.realpathSync(path.resolve(process.argv[1])) === fs.realpathSync(new URL(import.meta.url).pathname)) {
  await main();
}
