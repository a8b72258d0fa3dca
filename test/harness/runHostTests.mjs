#!/usr/bin/env node
// `npm run test:host`: the extension's tests inside REAL VS Codes (code-server 4.100.3 = VS Code
// 1.100.3 and code-server 4.139.1 = VS Code 1.139.1, extension host = Node; vscode-builds.mjs) through
// @vscode/test-electron + test/harness/vscode-shim/code.
//
// Steps: setup (apt packages + cached Node and code-servers) -> build the extension -> bundle
// test/host/*.ts to out/host/ -> one VS Code per RUN and BUILD (the matrix) on a fresh git repo -> UI
// screenshots (scenarios.mjs) -> package the .vsix and install it into each harness VS Code. Prints a
// summary; exits non-zero if anything failed.
//
// RUNS (a test file picks its run by name; see test/host/index.ts), each in every VS Code build
// that has the features it requires (read from the build's own files: buildFeatures()):
//   trusted    *.test.ts (not *.<run>.test.ts); code-server --disable-workspace-trust => isTrusted
//   untrusted  *.untrusted.test.ts; workspace trust ENABLED, fresh folder not trusted => !isTrusted
//   coauthor   *.coauthor.test.ts; needs VS Code's AI co-author trailer (git.addAICoAuthor): AI
//              features on, and the test-only AI extension (test/host/fixtures/ai-extension: inline
//              completions, a language model, a chat participant; proposed API) loaded next to ours
//
// Options (flags or environment):
//   --runs a,b|none   AIP_HOST_RUNS          runs to do (default: every run that has test files)
//   --vscode a,b      AIP_HOST_VSCODE        VS Code builds to run them in (default: all, see vscode-builds.mjs)
//   --grep TEXT       AIP_HOST_GREP          mocha grep inside the extension host
//   --skip a,b        AIP_HOST_SKIP          skip steps: setup, apt, screenshots, package
//   --keep            AIP_HOST_KEEP=1        keep workspaces and code-server state dirs
//                     AIP_HOST_RUN_TIMEOUT   seconds per VS Code run (default 300)
//                     AIP_HARNESS_CACHE      code-server cache root (see setup.mjs)
// Output: test-output/harness/<run>-<build>/{results.json,logs/,state/}, test-output/screenshots/*.png,
//         dist/ai-provenance.vsix, test-output/harness/vsix/ (install check).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT, HARNESS_DIR, makeGitRepo } from './harness-lib.mjs';
import { VSCODE_BUILDS, buildFeatures, vscodeBuild } from './vscode-builds.mjs';
import { ensureHarness, withLock } from './setup.mjs';
import { takeScreenshot } from './ui-screenshot.mjs';
import { runInVsCode, HARNESS_OUT } from './runInVsCode.mjs';
import { SCREENSHOT_SCENARIOS } from './scenarios.mjs';

const requireProject = createRequire(path.join(PROJECT_ROOT, 'package.json'));
const OUTPUT = path.join(PROJECT_ROOT, 'test-output');
const SCREENSHOTS = path.join(OUTPUT, 'screenshots');
const HOST_SRC = path.join(PROJECT_ROOT, 'test/host');
const HOST_OUT = path.join(PROJECT_ROOT, 'out/host');
const SHIM_CLI = path.join(HARNESS_DIR, 'vscode-shim/bin/code');

const AI_EXTENSION = path.join(HOST_SRC, 'fixtures', 'ai-extension');
export const RUNS = [
  { name: 'trusted', description: 'workspace trust off: every folder is trusted', workspaceTrust: false, expectTrusted: true, settings: {} },
  { name: 'untrusted', description: 'workspace trust on, fresh folder not trusted (Restricted Mode)', workspaceTrust: true, expectTrusted: false, settings: {} },
  {
    name: 'coauthor', description: 'VS Code appends its AI co-author trailer: AI features on, test-only AI extension',
    requires: 'aiCoAuthor', workspaceTrust: false, expectTrusted: true,
    // git.addAICoAuthor is set per scenario by the tests; the AI features must be visible for its tracker
    settings: { 'chat.disableAIFeatures': false, 'workbench.secondarySideBar.defaultVisibility': 'hidden' },
    extensions: [AI_EXTENSION], proposedApi: true,
  },
];
const DEFAULT_RUN = 'trusted';
const SPECIAL_RUNS = RUNS.map(r => r.name).filter(n => n !== DEFAULT_RUN);

function parseArgs(argv) {
  const o = {
    runs: process.env.AIP_HOST_RUNS, grep: process.env.AIP_HOST_GREP, vscode: process.env.AIP_HOST_VSCODE,
    skip: new Set((process.env.AIP_HOST_SKIP ?? '').split(',').filter(Boolean)), keep: process.env.AIP_HOST_KEEP === '1',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [k, inline] = a.split(/=(.*)/s);
    const v = () => inline ?? argv[++i];
    if (k === '--runs') { o.runs = v(); } else if (k === '--vscode') { o.vscode = v(); } else if (k === '--grep') { o.grep = v(); } else if (k === '--skip') { for (const s of v().split(',')) { o.skip.add(s); } } else if (k === '--keep') { o.keep = true; } else if (k === '-h' || k === '--help') {
      console.log(fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n').filter(l => l.startsWith('//')).map(l => l.slice(3)).join('\n'));
      process.exit(0);
    } else { throw new Error(`unknown option ${a} (see --help)`); }
  }
  return o;
}

const t0 = Date.now();
const secs = t => ((Date.now() - t) / 1000).toFixed(1);
const steps = [];
// Ctrl+C: the current VS Code run ends cleanly (the shim gets the signal too), later steps are skipped;
// a second one exits at once (code-server groups are killed by harness-lib's exit handler).
let aborted = false;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (aborted) { process.exit(130); }
    aborted = true;
    console.error(`\n[host] ${sig}: stopping after the current step (again to exit now)`);
  });
}

/** Run one named step, recording status and time; failures are recorded, not thrown. */
async function step(name, fn) {
  if (aborted) { steps.push({ name, ok: false, seconds: '0.0', detail: 'not run (interrupted)' }); return false; }
  const t = Date.now();
  console.log(`\n=== [${secs(t0)}s] ${name}`);
  try {
    const detail = await fn();
    steps.push({ name, ok: true, seconds: secs(t), detail: detail ?? '' });
    return true;
  } catch (e) {
    console.error(`FAILED: ${name}: ${e.message}`);
    steps.push({ name, ok: false, seconds: secs(t), detail: e.message.split('\n')[0] });
    return false;
  }
}

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: PROJECT_ROOT, encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})\n${r.stdout ?? ''}${r.stderr ?? ''}`);
  }
  return `${r.stdout ?? ''}${r.stderr ?? ''}`;
}

function hostTestSources() {
  return fs.existsSync(HOST_SRC) ? fs.readdirSync(HOST_SRC).filter(f => f.endsWith('.test.ts')).sort() : [];
}

function runOf(file) {
  return SPECIAL_RUNS.find(r => file.endsWith(`.${r}.test.ts`)) ?? DEFAULT_RUN;
}

async function bundleHostTests() {
  const esbuild = requireProject('esbuild');
  fs.rmSync(HOST_OUT, { recursive: true, force: true });
  const entryPoints = [path.join(HOST_SRC, 'index.ts'), ...hostTestSources().map(f => path.join(HOST_SRC, f))];
  await esbuild.build({
    entryPoints, outdir: HOST_OUT, outbase: HOST_SRC,
    bundle: true, platform: 'node', format: 'cjs', target: 'node20',
    // vscode is provided by the extension host; mocha, simple-git, ... are required from the
    // project's node_modules (out/host/ is inside the project, so plain resolution finds them)
    packages: 'external', external: ['vscode'],
    sourcemap: 'linked', sourcesContent: false, logLevel: 'warning',
  });
  return `${entryPoints.length} entry points -> ${path.relative(PROJECT_ROOT, HOST_OUT)}/`;
}

function readResults(file) {
  try { return JSON.parse(fs.readFileSync(file, 'utf8')); } catch { return undefined; }
}

async function hostRun(run, build, opts) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const id = `${run.name}-${build.name}`;
  // the previous run's workspace (kept when it failed) goes now; this one's path is noted for the next
  const note = path.join(HARNESS_OUT, `${id}.workspace`);
  if (fs.existsSync(note)) { fs.rmSync(fs.readFileSync(note, 'utf8').trim(), { recursive: true, force: true }); }
  const workspace = makeGitRepo({ prefix: `aip-host-${id}-` });
  fs.writeFileSync(note, workspace);
  const dir = path.join(HARNESS_OUT, id);
  const resultsFile = path.join(dir, 'results.json');
  const { error: failed } = await runInVsCode({
    workspace, testsEntry: path.join(HOST_OUT, 'index'), name: id, vscode: build.name,
    timeoutS: Number(process.env.AIP_HOST_RUN_TIMEOUT ?? 300),
    workspaceTrust: run.workspaceTrust, settings: run.settings ?? {}, keep: opts.keep,
    extensions: run.extensions ?? [], proposedApi: run.proposedApi ?? false,
    screenshot: path.join(SCREENSHOTS, `host-${id}-end.png`),
    // read by test/host/index.ts (and the tests) in the extension host
    env: {
      AIP_HOST_RUN: run.name,
      AIP_HOST_VSCODE: build.name,
      AIP_HOST_VSCODE_VERSION: build.vscode,
      AIP_HOST_FEATURES: [...buildFeatures(build)].join(','),
      AIP_HOST_SPECIAL_RUNS: SPECIAL_RUNS.join(','),
      AIP_HOST_EXPECT_TRUSTED: run.expectTrusted ? '1' : '0',
      AIP_TEST_WORKSPACE: workspace,
      AIP_HOST_RESULTS: resultsFile,
      AIP_SCREENSHOT_DIR: SCREENSHOTS,
      ...(opts.grep ? { AIP_HOST_GREP: opts.grep } : {}),
    },
  });
  const results = readResults(resultsFile);
  const s = results?.stats;
  const counts = s ? `${s.passes} passing, ${s.failures} failing, ${s.pending} pending` : 'no results';
  if (failed || !s || s.failures > 0) {
    for (const t of results?.tests ?? []) { if (t.state?.startsWith('failed')) { console.error(`  ✗ ${t.title}\n    ${(t.error ?? '').split('\n').slice(0, 6).join('\n    ')}`); } }
    console.error(`  logs: ${path.relative(PROJECT_ROOT, dir)}/logs (VS Code logs, exthost), ${path.relative(PROJECT_ROOT, dir)}/state (code-server.log, failure.png), workspace ${workspace}`);
    throw new Error(`${failed?.message ?? 'test run failed'} (${counts})`);
  }
  if (!opts.keep) { fs.rmSync(workspace, { recursive: true, force: true }); }
  return counts;
}

async function screenshotScenario(scenario, opts) {
  const { name, ...options } = scenario;
  delete options.description;
  const r = await takeScreenshot({ ext: PROJECT_ROOT, out: path.join(SCREENSHOTS, `${name}.png`), keepState: opts.keep, ...options });
  if (!r.ok) { throw new Error(r.problems.join('; ')); }
  const view = r.regions.map(g => `${g.name}: ${g.stats.distinctColours} colours`).join(', ');
  return `${path.relative(PROJECT_ROOT, r.file)} (${r.stats.distinctColours} colours${view ? `; ${view}` : ''})`;
}

/** File names in a zip (central directory), enough to check what a .vsix ships. */
function zipEntries(file) {
  const buf = fs.readFileSync(file);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) { eocd--; }
  if (eocd < 0) { throw new Error(`${file} is not a zip`); }
  const count = buf.readUInt16LE(eocd + 10);
  let off = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(off) !== 0x02014b50) { throw new Error(`${file}: bad central directory`); }
    const n = buf.readUInt16LE(off + 28), m = buf.readUInt16LE(off + 30), k = buf.readUInt16LE(off + 32);
    names.push(buf.toString('utf8', off + 46, off + 46 + n));
    off += 46 + n + m + k;
  }
  return names;
}

const VSIX_ALLOWED = [
  /^extension\.vsixmanifest$/, /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/, /^extension\/package\.nls\.json$/, /^extension\/readme\.md$/i, /^extension\/license(\.txt)?$/i,
  /^extension\/changelog\.md$/i,
  /^extension\/dist\/[^/]+\.js$/, /^extension\/dist\/schemas\/[^/]+\.json$/, /^extension\/media\/.+/,
  /^extension\/dist\/codicons\/(codicon\.css|codicon\.ttf|LICENSE)$/,
];
const VSIX_REQUIRED = ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/cli.js',
  'extension/dist/codicons/codicon.css', 'extension/dist/codicons/codicon.ttf'];

async function packageAndInstall(builds) {
  const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
  const id = `${pkg.publisher}.${pkg.name}`;
  const vsix = path.join(PROJECT_ROOT, 'dist/ai-provenance.vsix');
  fs.rmSync(vsix, { force: true });
  sh('npm', ['run', '--silent', 'package']);
  if (!fs.existsSync(vsix)) { throw new Error('npm run package did not write dist/ai-provenance.vsix'); }
  const entries = zipEntries(vsix);
  const unexpected = entries.filter(e => !VSIX_ALLOWED.some(re => re.test(e)));
  const missing = VSIX_REQUIRED.filter(r => !entries.includes(r));
  if (unexpected.length || missing.length) {
    throw new Error(`vsix content: unexpected [${unexpected.join(', ')}] missing [${missing.join(', ')}]`);
  }
  const want = `${id}@${pkg.version}`;
  for (const build of builds) {
    const dir = path.join(HARNESS_OUT, `vsix-${build.name}`);
    fs.rmSync(dir, { recursive: true, force: true });
    const dirs = ['--user-data-dir', path.join(dir, 'user-data'), '--extensions-dir', path.join(dir, 'extensions')];
    const env = { ...process.env, VSC_HARNESS_STATE: path.join(dir, 'state'), VSC_HARNESS_VSCODE: build.name };
    sh(SHIM_CLI, [...dirs, '--install-extension', vsix], { env });
    const listed = sh(SHIM_CLI, [...dirs, '--list-extensions', '--show-versions'], { env });
    if (!listed.split('\n').some(l => l.trim().toLowerCase() === want.toLowerCase())) {
      throw new Error(`VS Code ${build.vscode}: --list-extensions does not show ${want}:\n${listed}`);
    }
  }
  const kb = (fs.statSync(vsix).size / 1024).toFixed(0);
  return `dist/ai-provenance.vsix (${entries.length} files, ${kb} KB) installs in VS Code ${builds.map(b => b.vscode).join(' and ')}: ${want}`;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  fs.mkdirSync(HARNESS_OUT, { recursive: true });
  const sources = hostTestSources();
  const wanted = opts.runs ? opts.runs.split(',').map(s => s.trim()).filter(s => s && s !== 'none') : RUNS.map(r => r.name);
  for (const w of wanted) { if (!RUNS.some(r => r.name === w)) { throw new Error(`unknown run "${w}" (known: ${RUNS.map(r => r.name).join(', ')})`); } }
  const builds = (opts.vscode ? opts.vscode.split(',').map(s => s.trim()).filter(Boolean) : Object.keys(VSCODE_BUILDS)).map(b => vscodeBuild(b));

  let ready = true;
  if (!opts.skip.has('setup')) {
    ready = await step('setup: system packages + code-server', async () => {
      const r = await ensureHarness({ apt: !opts.skip.has('apt'), builds: builds.map(b => b.name) });
      return `apt ${r.timings.systemPackages.toFixed(1)}s, ${builds.map(b => `VS Code ${b.vscode} ${r.codeServer[b.name].installed ? 'installed' : 'cached'} ${r.timings[b.name].toFixed(1)}s`).join(', ')}`;
    });
  }
  const built = ready && await step('build extension (esbuild)', async () => { sh(process.execPath, ['esbuild.config.mjs', '--quiet']); });
  const bundled = built && await step('bundle host tests', bundleHostTests);

  if (bundled) {
    for (const build of builds) {
      const features = buildFeatures(build);
      for (const run of RUNS.filter(r => wanted.includes(r.name))) {
        const files = sources.filter(f => runOf(f) === run.name);
        const label = `host run "${run.name}" in VS Code ${build.vscode}`;
        if (files.length === 0) {
          console.log(`\n=== ${label}: no ${run.name === DEFAULT_RUN ? '*.test.ts' : `*.${run.name}.test.ts`} files in test/host, skipped`);
          steps.push({ name: label, ok: true, seconds: '0.0', detail: 'skipped (no test files)' });
          continue;
        }
        if (run.requires && !features.has(run.requires)) {
          console.log(`\n=== ${label}: skipped, this VS Code has no ${run.requires} (features: ${[...features].join(', ') || 'none'})`);
          steps.push({ name: label, ok: true, seconds: '0.0', detail: `skipped (no ${run.requires} in this VS Code)` });
          continue;
        }
        await step(`${label} (${run.description}): ${files.join(', ')}`, () => hostRun(run, build, opts));
      }
    }
  }
  if (built && !opts.skip.has('screenshots')) {
    for (const s of SCREENSHOT_SCENARIOS) {
      await step(`screenshot "${s.name}"${s.description ? ` (${s.description})` : ''}`, () => screenshotScenario(s, opts));
    }
  }
  // last: `npm run package` rewrites dist/ with the production build
  if (ready && !opts.skip.has('package')) {
    await step('package .vsix and install it into the harness VS Codes', () => packageAndInstall(builds));
  }

  const failed = steps.filter(s => !s.ok);
  console.log(`\n=== host tests summary (${secs(t0)}s)`);
  for (const s of steps) { console.log(`${s.ok ? '  ok  ' : ' FAIL '} ${s.seconds.padStart(6)}s  ${s.name.split(' (')[0].split(':')[0]}${s.detail ? ` — ${s.detail}` : ''}`); }
  if (failed.length) { console.log(`\n${failed.length} step(s) failed; per-run logs under ${path.relative(PROJECT_ROOT, HARNESS_OUT)}/`); }
  return aborted ? 130 : failed.length ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // one run at a time per checkout: runs share test-output/harness/, out/host/ and dist/
  fs.mkdirSync(OUTPUT, { recursive: true });
  withLock(path.join(OUTPUT, 'host-tests'), main)
    .then(code => process.exit(code), e => { console.error(e?.stack ?? e); process.exit(1); });
}
