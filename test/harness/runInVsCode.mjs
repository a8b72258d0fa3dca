// Runs an already-bundled extension-tests entry (a module exporting `run(): Promise<void>`, e.g. a
// mocha runner) in the harness VS Code (code-server + headless Chromium, see README.md) on an
// existing folder, with the project as the extension under development. Builds nothing: the caller
// builds dist/ and bundles the entry. Requires the harness to be set up (setup.mjs ensureHarness()).
//
//   await runInVsCode({ workspace, testsEntry, env, name, timeoutS })
//     workspace       folder opened in VS Code (kept as it is)
//     testsEntry      the bundled entry, as for runTests' extensionTestsPath (with or without .js)
//     env             extra environment for the extension host (and the shim)
//     name            state goes to test-output/harness/<name>/{user-data,extensions,logs,state}, emptied first
//     timeoutS        seconds before the shim gives up (default 300)
//     workspaceTrust  true: trust ENABLED, so a fresh folder is untrusted (default false: trusted)
//     settings        object merged into the seeded User/settings.json
//     screenshot      PNG of the workbench when the run ends
//     keep            keep code-server's state dir (logs) after a successful run too
//     logFile         send the run's output (both streams) to this file instead of the terminal
//     vscode          which VS Code build (vscode-builds.mjs: 1.100, 1.139; default VSC_HARNESS_VSCODE or 1.100)
//     extensions      extension folders (test-only extensions) installed into the run's extensions dir, next to
//                     the project as development extension: the workbench takes ONE development path from
//                     its URL payload (a Map: the last one wins), so the others are installed by copying
//                     the folder, and the run does not pass --disable-extensions (its extensions dir is empty)
//     proposedApi     let the extensions use proposed API (the workbench's enableProposedApi: every extension)
// Resolves to { dir, error }: error is the runner's failure (exit code ≠ 0, timeout), or undefined.
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT, HARNESS_DIR } from './harness-lib.mjs';
import { DEFAULT_BUILD, vscodeBuild } from './vscode-builds.mjs';

const requireProject = createRequire(path.join(PROJECT_ROOT, 'package.json'));
const SHIM = path.join(HARNESS_DIR, 'vscode-shim/code');
export const HARNESS_OUT = path.join(PROJECT_ROOT, 'test-output', 'harness');

export async function runInVsCode({
  workspace, testsEntry, env = {}, name, timeoutS = 300,
  workspaceTrust = false, settings = {}, screenshot, keep = false, logFile,
  vscode = process.env.VSC_HARNESS_VSCODE || DEFAULT_BUILD, extensions = [], proposedApi = false,
}) {
  vscodeBuild(vscode); // throws for an unknown build
  if (!name || /[/\\]/.test(name)) { throw new Error(`runInVsCode: bad run name ${JSON.stringify(name)}`); }
  const { runTests } = requireProject('@vscode/test-electron');
  const dir = path.join(HARNESS_OUT, name);
  fs.rmSync(dir, { recursive: true, force: true });
  for (const d of ['user-data', 'extensions', 'logs', 'state']) { fs.mkdirSync(path.join(dir, d), { recursive: true }); }
  for (const e of extensions) {
    const pkg = JSON.parse(fs.readFileSync(path.join(e, 'package.json'), 'utf8'));
    fs.cpSync(e, path.join(dir, 'extensions', `${pkg.publisher}.${pkg.name}-${pkg.version}`), { recursive: true });
  }
  const extensionTestsEnv = {
    ...env,
    // read by code-shim.mjs / harness-lib.mjs
    VSC_HARNESS_VSCODE: vscode,
    VSC_HARNESS_WORKSPACE_TRUST: workspaceTrust ? '1' : '0',
    VSC_HARNESS_SETTINGS: JSON.stringify(settings),
    VSC_HARNESS_STATE: path.join(dir, 'state'),
    VSC_HARNESS_LOGS_DIR: path.join(dir, 'logs'),
    VSC_HARNESS_TIMEOUT: String(timeoutS),
    ...(screenshot ? { VSC_HARNESS_SCREENSHOT: screenshot } : {}),
    ...(keep ? { VSC_HARNESS_KEEP_STATE: '1' } : {}),
  };
  // test-electron copies the child's output to process.stdout/stderr: point both at the file meanwhile
  const restore = logFile ? redirectOutput(logFile) : () => {};
  let error;
  try {
    await runTests({
      vscodeExecutablePath: SHIM,
      extensionDevelopmentPath: PROJECT_ROOT,
      extensionTestsPath: testsEntry.replace(/\.js$/, ''),
      launchArgs: [workspace, ...(extensions.length ? [] : ['--disable-extensions']), ...(proposedApi ? ['--enable-proposed-api='] : []), `--user-data-dir=${path.join(dir, 'user-data')}`, `--extensions-dir=${path.join(dir, 'extensions')}`],
      extensionTestsEnv,
    });
  } catch (e) {
    error = e;
  } finally {
    restore();
  }
  return { dir, error };
}

/** Appends everything written to process.stdout/stderr to `file` until the returned function is called. */
function redirectOutput(file) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'a');
  const saved = [process.stdout.write, process.stderr.write];
  const write = (chunk, encoding, cb) => {
    fs.writeSync(fd, typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : chunk);
    const done = typeof encoding === 'function' ? encoding : cb;
    if (done) { process.nextTick(done); }
    return true;
  };
  process.stdout.write = write;
  process.stderr.write = write;
  return () => {
    [process.stdout.write, process.stderr.write] = saved;
    fs.closeSync(fd);
  };
}
