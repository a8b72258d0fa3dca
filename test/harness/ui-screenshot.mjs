// Drive the real VS Code workbench (code-server: VS Code 1.100.3, or 1.139.1 with `vscode: '1.139'`) in headless Chromium: open a folder (by
// default a fresh git repo, optionally prepared with shell commands), load extension(s) as development
// extensions, run steps (command palette entries, keys, clicks, waits), wait for a selector or text,
// save a PNG and check that it is not blank (whole image, plus optional regions and colours).
//
// As a module:
//   import { takeScreenshot } from './ui-screenshot.mjs';
//   const r = await takeScreenshot({ ext: PROJECT_ROOT, out: 'test-output/screenshots/x.png',
//     setup: ['echo x > a && git add a && git commit -qm "Add a" -m "Co-authored-by: Claude <noreply@anthropic.com>"'],
//     commands: ['Source Control: Focus on AI Provenance View'],
//     waitFor: '.pane-body [role=treeitem]', waitForText: 'Add a',
//     regions: [{ name: 'view', selector: '.pane:has(.pane-header[aria-label^="AI Provenance"])' }] });
//   r.ok, r.problems, r.stats, r.regions, r.folder
//
// From the shell (flags in order; --command/--keys/--click/--sleep/--wait build the steps):
//   node test/harness/ui-screenshot.mjs --ext . --out shot.png [--folder DIR] [--setup 'git commit …']…
//     [--command 'Category: Title']… [--keys Escape]… [--click SELECTOR]… [--sleep MS]…
//     [--wait-for SELECTOR] [--wait-for-text TEXT] [--colours '#rrggbb,…'] [--region name=SELECTOR | name=x,y,w,h]…
//     [--settings JSON] [--trust] [--server http://127.0.0.1:PORT] [--timeout SECONDS] [--keep]
//     [--vscode 1.100|1.139] [--proposed-api]
//
// Step objects: { palette: 'Category: Title' } | { keys: 'Control+Shift+P' } | { typeText: 'typed as keys' } | { click: selector, text? }
//   | { waitFor: selector, text?, timeoutMs?, optional? } | { waitForText: text, timeoutMs?, optional? } | { sleep: ms }
//   | { shell: 'command run in the folder while VS Code watches it' }
//   | { waitInWebview: selector, text?, click?: true, timeoutMs?, check?: (frame) => Promise<string[]> }
//     (in any webview frame; `click` clicks it; `check` returns problems, e.g. DOM assertions)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCodeServer, launchChromium, workbenchUrl, makeStateDir, makeGitRepo, elapsed } from './harness-lib.mjs';
import { pngStats, blankProblems } from './png-stats.mjs';

/** Run a command palette entry by its label ("Category: Title"). */
export async function runPaletteCommand(page, label, timeoutMs = 20000) {
  const input = page.locator('.quick-input-widget input');
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  const tail = label.includes(': ') ? label.slice(label.lastIndexOf(': ') + 2) : label;
  await page.keyboard.press('F1');
  await input.waitFor({ timeout: timeoutMs });
  let labels = [];
  // the full label first; then only the title (the category may differ, e.g. "View:" vs "Source Control:")
  for (const query of tail === label ? [label] : [label, tail]) {
    await input.fill(`>${query}`);
    // rows render within ~200 ms; give the exact label 2 s before trying the title alone
    const deadline = Date.now() + (query === label && tail !== label ? 2000 : timeoutMs);
    while (Date.now() < deadline) {
      labels = await rows.evaluateAll(els => els.map(e => e.getAttribute('aria-label') ?? e.textContent ?? ''));
      const pick = labels.findIndex(l => l === label || l.startsWith(`${label},`));
      const fallback = labels.findIndex(l => l.split(',')[0].endsWith(tail));
      const index = pick >= 0 ? pick : (query === tail ? fallback : -1);
      if (index >= 0) {
        await rows.nth(index).click();
        await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
        return labels[index];
      }
      await page.waitForTimeout(200);
    }
  }
  await page.keyboard.press('Escape');
  throw new Error(`command palette has no entry "${label}" (visible: ${labels.slice(0, 8).join(' | ') || 'none'})`);
}

/** The first frame (webviews are nested iframes) where `selector` (with `text`) is visible. */
async function findInFrames(page, selector, text, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      const loc = frame.locator(selector, text ? { hasText: text } : {}).first();
      if (await loc.isVisible().catch(() => false)) { return frame; }
    }
    if (Date.now() > deadline) { return undefined; }
    await page.waitForTimeout(200);
  }
}

async function runStep(page, step, log, timeoutMs, folder) {
  const t = step.timeoutMs ?? timeoutMs;
  if (step.shell) {
    const r = spawnSync('bash', ['-c', step.shell], { cwd: folder, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' }, encoding: 'utf8' });
    if (r.status !== 0) { throw new Error(`shell step failed in ${folder}: ${step.shell}\n${r.stdout}${r.stderr}`); }
    log(`ran ${step.shell.slice(0, 80)}`);
  } else if (step.waitInWebview) {
    const what = `${step.waitInWebview}${step.text ? ` with "${step.text}"` : ''} in a webview`;
    const frame = await findInFrames(page, step.waitInWebview, step.text, t);
    if (!frame) { throw new Error(`timed out after ${t} ms waiting for ${what}`); }
    log(`found ${what}`);
    if (step.click) {
      await frame.locator(step.waitInWebview, step.text ? { hasText: step.text } : {}).first().click({ timeout: t });
      log(`clicked ${what}`);
    }
    const problems = step.check ? await step.check(frame) : [];
    if (problems.length) { throw new Error(`webview check failed: ${problems.join('; ')}`); }
    if (step.check) { log('webview checks passed'); }
  } else if (step.palette) {
    const picked = await runPaletteCommand(page, step.palette, t);
    log(`ran "${picked.split(',')[0]}" from the command palette`);
  } else if (step.keys) {
    await page.keyboard.press(step.keys);
    log(`pressed ${step.keys}`);
  } else if (step.typeText) {
    await page.keyboard.type(step.typeText, { delay: 10 });
    log(`typed "${step.typeText}"`);
  } else if (step.click) {
    await page.locator(step.click, step.text ? { hasText: step.text } : {}).first().click({ timeout: t });
    log(`clicked ${step.click}${step.text ? ` "${step.text}"` : ''}`);
  } else if (step.waitFor || step.waitForText) {
    const loc = step.waitFor
      ? page.locator(step.waitFor, step.text ? { hasText: step.text } : {}).first()
      : page.getByText(step.waitForText).first();
    const what = step.waitFor ? `${step.waitFor}${step.text ? ` with "${step.text}"` : ''}` : `text "${step.waitForText}"`;
    try {
      await loc.waitFor({ state: 'visible', timeout: t });
      log(`found ${what}`);
    } catch (e) {
      if (!step.optional) { throw new Error(`timed out after ${t} ms waiting for ${what}`, { cause: e }); }
      log(`(optional) not found: ${what}`);
    }
  } else if (step.sleep) {
    await page.waitForTimeout(step.sleep);
  } else {
    throw new Error(`unknown step ${JSON.stringify(step)}`);
  }
}

/**
 * Open the workbench, run the steps, save `out` and check it. Never throws for UI problems: returns
 * { ok, file, problems[], stats, regions[], folder, url, durationMs } (ok=false => see problems;
 * a `<out>-failure.png` is saved when a step fails; code-server's state dir is kept and listed).
 */
export async function takeScreenshot(opts) {
  const t0 = Date.now();
  const log = (m) => (opts.log ?? console.log)(`[ui ${elapsed(t0)}] ${m}`);
  if (!opts.out) { throw new Error('takeScreenshot: `out` is required'); }
  const out = path.resolve(opts.out);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.rmSync(out, { force: true });
  const timeoutMs = opts.timeoutMs ?? 30000;
  const devPaths = [opts.ext ?? []].flat().map(p => path.resolve(p));
  const ownFolder = !opts.folder;
  const folder = opts.folder ? path.resolve(opts.folder) : makeGitRepo({ prefix: 'aip-ui-', commands: opts.setup ?? [] });
  if (opts.folder && opts.setup?.length) { log('note: `setup` only applies to the fresh repo; ignored because `folder` is given'); }
  const steps = [...(opts.commands ?? []).map(c => ({ palette: c })), ...(opts.steps ?? [])];
  const result = { ok: false, file: out, problems: [], stats: undefined, regions: [], folder, url: undefined, durationMs: 0 };

  let server;
  let ownServer = false;
  if (opts.server) {
    const u = new URL(opts.server);
    server = { url: u.origin, port: Number(u.port) };
  } else {
    server = await startCodeServer({ settings: opts.settings, workspaceTrust: opts.workspaceTrust, vscode: opts.vscode });
    ownServer = true;
    log(`code-server up at ${server.url} (log ${server.logFile})`);
  }
  const profileDir = ownServer ? path.join(server.stateDir, 'chromium') : makeStateDir('ui-');
  let browser;
  try {
    browser = await launchChromium(profileDir, opts.viewport ? { viewport: opts.viewport } : {});
    const page = browser.page;
    page.on('pageerror', e => { if (opts.verbose) { log(`[pageerror] ${e.message}`); } });
    result.url = workbenchUrl(server, { folder, devPaths, flags: { skipWelcome: 'true', skipReleaseNotes: 'true', ...(opts.proposedApi ? { enableProposedApi: 'true' } : {}) } });
    await page.goto(result.url, { timeout: 120000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60000 });
    // the built-in git extension runs in the remote extension host: its status item means the host is up
    const scm = page.locator('.statusbar-item[id="status.scm.0"]');
    await scm.waitFor({ timeout: 30000 }).catch(() => log('(no git branch in the status bar)'));
    log(`workbench ready; git status item: ${(await scm.getAttribute('aria-label').catch(() => null)) ?? '-'}`);
    for (const step of steps) { await runStep(page, step, log, timeoutMs, folder); }
    // The final expectation must hold before AND after the PNG is taken, and the PNG must pass its
    // checks: views re-render (a tree refresh empties it for a moment; a new tree may be in the DOM
    // before it is painted), so the screenshot is retaken until it passes or the time is up.
    const expected = opts.waitFor ? page.locator(opts.waitFor, opts.waitForText ? { hasText: opts.waitForText } : {}).first()
      : opts.waitForText ? page.getByText(opts.waitForText).first() : undefined;
    const what = opts.waitFor ? `${opts.waitFor}${opts.waitForText ? ` with "${opts.waitForText}"` : ''}` : `text "${opts.waitForText}"`;
    const deadline = Date.now() + timeoutMs;
    let last = [];
    for (let attempt = 1; ; attempt++) {
      const problems = [];
      if (expected) {
        await expected.waitFor({ state: 'visible', timeout: Math.max(1000, deadline - Date.now()) }).catch(e => {
          throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last.length ? ` (earlier attempts: ${last.join('; ')})` : ''}`, { cause: e });
        });
        if (attempt === 1) { log(`found ${what}`); }
      }
      await page.waitForTimeout(opts.settleMs ?? 500); // let animations/progress bars settle
      const boxes = [];
      for (const r of opts.regions ?? []) {
        const rect = r.rect ?? await page.locator(r.selector).first().boundingBox({ timeout: 5000 }).catch(() => null);
        boxes.push({ ...r, rect });
      }
      await page.screenshot({ path: out });
      if (expected && !await expected.isVisible()) { problems.push(`${what} disappeared`); }
      result.stats = pngStats(out, opts.colours ?? []);
      problems.push(...blankProblems(result.stats, { minColourShare: opts.minColourShare }));
      result.regions = [];
      for (const r of boxes) {
        if (!r.rect) { problems.push(`region ${r.name}: ${r.selector} not found`); continue; }
        const stats = pngStats(out, r.colours ?? [], r.rect);
        const rp = blankProblems(stats, {
          minDistinctColours: r.minDistinctColours ?? 4, maxDominantShare: r.maxDominantShare ?? 0.995, minColourShare: r.minColourShare,
        });
        result.regions.push({ name: r.name, rect: r.rect, stats, problems: rp });
        problems.push(...rp.map(p => `region ${r.name}: ${p}`));
      }
      if (problems.length === 0 || Date.now() >= deadline) { result.problems.push(...problems); break; }
      log(`attempt ${attempt}: ${problems.join('; ')}; retrying`);
      last = problems;
      await page.waitForTimeout(500);
    }
    log(`screenshot ${out}: ${JSON.stringify(result.stats)}`);
    for (const r of result.regions) { log(`  region ${r.name} ${JSON.stringify(r.rect)}: ${r.stats.distinctColours} colours, dominant ${r.stats.dominantShare}`); }
  } catch (e) {
    result.problems.push(e.message);
    const failure = out.replace(/\.png$/, '') + '-failure.png';
    if (browser) { await browser.page.screenshot({ path: failure }).then(() => log(`failure screenshot ${failure}`)).catch(() => {}); }
  } finally {
    result.ok = result.problems.length === 0;
    if (browser) { await browser.close(); }
    if (ownServer) {
      const keep = !result.ok || opts.keepState;
      await server.stop(keep);
      if (keep) { log(`code-server state/logs kept in ${server.stateDir}`); }
    } else { fs.rmSync(profileDir, { recursive: true, force: true }); }
    if (ownFolder && result.ok && !opts.keepState) { fs.rmSync(folder, { recursive: true, force: true }); }
    result.durationMs = Date.now() - t0;
  }
  log(result.ok ? `SCREENSHOT OK ${out}` : `SCREENSHOT FAILED: ${result.problems.join('; ')}`);
  return result;
}

function parseCli(argv) {
  const o = { ext: [], setup: [], steps: [], regions: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => { const x = argv[++i]; if (x === undefined) { throw new Error(`${a} needs a value`); } return x; };
    switch (a) {
      case '--folder': o.folder = v(); break;
      case '--ext': o.ext.push(v()); break;
      case '--out': o.out = v(); break;
      case '--setup': o.setup.push(v()); break;
      case '--command': o.steps.push({ palette: v() }); break;
      case '--keys': o.steps.push({ keys: v() }); break;
      case '--click': o.steps.push({ click: v() }); break;
      case '--sleep': o.steps.push({ sleep: Number(v()) }); break;
      case '--wait-for': o.waitFor = v(); break;
      case '--wait-for-text': o.waitForText = v(); break;
      case '--colours': case '--colors': o.colours = v().split(',').filter(Boolean); break;
      case '--region': {
        const [name, spec] = v().split(/=(.*)/s);
        const nums = spec.split(',').map(Number);
        o.regions.push(nums.length === 4 && nums.every(Number.isFinite)
          ? { name, rect: { x: nums[0], y: nums[1], width: nums[2], height: nums[3] } } : { name, selector: spec });
        break;
      }
      case '--settings': o.settings = JSON.parse(v()); break;
      case '--trust': o.workspaceTrust = true; break;
      case '--server': o.server = v(); break;
      case '--timeout': o.timeoutMs = Number(v()) * 1000; break;
      case '--keep': o.keepState = true; break;
      case '--vscode': o.vscode = v(); break;
      case '--proposed-api': o.proposedApi = true; break;
      case '--verbose': o.verbose = true; break;
      default: throw new Error(`unknown option ${a}`);
    }
  }
  return o;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let ok = false;
  try {
    const r = await takeScreenshot(parseCli(process.argv.slice(2)));
    ok = r.ok;
  } catch (e) { console.error(e.message); }
  process.exit(ok ? 0 : 1);
}
