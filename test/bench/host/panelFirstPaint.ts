// Bench case f, extension-host side (the extensionTestsPath entry: VS Code calls run()). Opens the
// provenance panel on the bench repository and records, per panel opened:
//   firstPaint  ms from the panel's creation to the webview reporting its first painted rows (the
//               extension's own panelTimings), and
//   ready       ms from running the command to the panel posting `status: ready` (whole history loaded),
//   loaded      ms from the panel's creation to the webview reporting the whole history in (`loaded`: every
//               row filterable, facets and charts applied, the frame painted): the full-load figure,
//   stages      the panel's own account of its first load (PanelTiming.stages: first commit, audit, own work),
//   trace       ms from running the command to the first post of each message type (`init` = the webview
//               said ready, `rows` = first page, `status:ready`), taken as the panel posts them, and
//   maxBlockMs  the extension host's longest event-loop stall meanwhile (a stalled host delivers nothing).
// First one uncached (test/bench/panelBench.mjs removed the audit cache before starting VS Code), then
// AIP_BENCH_PANEL_RUNS cached ones; the panel is closed after each. Not a test: it only fails when a
// panel never paints or never loads. Environment (set by panelBench.mjs):
//   AIP_BENCH_REPO           repository root to open the panel on (the workspace folder)
//   AIP_BENCH_RESULTS        JSON file the results are written to (also when a step fails)
//   AIP_BENCH_CACHE_DIR      the repository's audit cache directory (its files are recorded per open)
//   AIP_BENCH_PANEL_RUNS     cached opens after the first (default 3; 0 allowed)
//   AIP_BENCH_PANEL_FIRST    'session': the first open is cached (warm cache, new VS Code session), not uncached
//   AIP_BENCH_PANEL_WAIT_MS  per-panel limit for first paint and full load (default 240000)
//   AIP_BENCH_PANEL_SETTLE_MS  pause after closing a panel, before the next open (default 1000)
import * as vscode from 'vscode';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { AiProvenanceApi } from '../../../src/extension/api';
import type { Outbound } from '../../../src/protocol/panel';
import type { PanelTiming } from '../../../src/extension/panel/provenancePanel';

interface Sample {
  label: string;
  /** ms, the panel's own measure (creation → webview `painted`). */
  firstPaint: number;
  /** ms from executeCommand to `status: ready`. */
  ready: number;
  /** ms, the panel's own measure (creation → webview `loaded`). */
  loaded: number;
  stages: PanelTiming['stages'];
  /** The webview's own clock (ms since its document started) at ready, first paint and loaded. */
  webview: PanelTiming['webview'];
  /** ms from executeCommand to the first post of each message type ('status:loading', 'rows', …). */
  trace: Record<string, number>;
  /** Longest event-loop stall of the extension host while the panel opened and loaded. */
  maxBlockMs: number;
  /** How the panel's audit ran: 'stream' = not from the cache; 'splice' / 'replay' = cached. */
  mode: string | undefined;
  /** Cache files present just before opening (names and bytes). */
  cacheBefore: Record<string, number>;
}

const POLL_MS = 10;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms: ${what}`);
    await sleep(POLL_MS);
  }
}

/** The audit cache files (name → bytes) in AIP_BENCH_CACHE_DIR. */
function cacheFiles(): Record<string, number> {
  const dir = process.env.AIP_BENCH_CACHE_DIR ?? '';
  const out: Record<string, number> = {};
  for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) out[f] = fs.statSync(path.join(dir, f)).size;
  return out;
}

async function openOnce(a: AiProvenanceApi, root: string, label: string, waitMs: number): Promise<Sample> {
  const timings = a.panelTimings ?? [];
  const before = timings.length;
  const cacheBefore = cacheFiles();
  const stalls = monitorEventLoopDelay({ resolution: 10 });
  stalls.enable();
  const t0 = Date.now();
  await vscode.commands.executeCommand('aiProvenance.openPanel', root);
  const panel = await until('the panel to open', () => a.panel?.(), waitMs);
  // timestamps as the panel posts (its `sent` log is public for tests): the first of each kind
  const trace: Record<string, number> = {};
  const sent = panel.sent as Outbound[];
  const push = sent.push;
  sent.push = (...items: Outbound[]): number => {
    for (const m of items) trace[m.type === 'status' ? `status:${m.state}` : m.type] ??= Date.now() - t0;
    return push.apply(sent, items);
  };
  let ready: number | undefined;
  /** Notes when the whole history is loaded; a failed audit ends the wait at once. */
  const watch = (): void => {
    for (const m of panel.sent) {
      if (m.type !== 'status') continue;
      if (m.state === 'error') throw new Error(`${label}: the panel's audit failed: ${m.message ?? ''}`);
      if (m.state === 'ready') ready ??= Date.now() - t0;
    }
  };
  const timing = await until(`${label}: first painted rows`, () => {
    watch();
    return timings.length > before ? timings[before] : undefined;
  }, waitMs);
  await until(`${label}: status ready`, () => (watch(), ready), Math.max(0, waitMs - (Date.now() - t0)));
  await until(`${label}: the webview reporting the history loaded`, () => timing.loaded, Math.max(0, waitMs - (Date.now() - t0)));
  stalls.disable();
  const sample: Sample = {
    label, firstPaint: timing.firstPaint ?? NaN, ready: trace['status:ready'] ?? ready ?? NaN, loaded: timing.loaded ?? NaN,
    stages: timing.stages, webview: timing.webview, mode: timing.mode, cacheBefore, trace, maxBlockMs: Math.round(stalls.max / 1e6),
  };
  console.log(`[bench] ${label}: first paint ${sample.firstPaint} ms, ready ${sample.ready} ms, loaded ${sample.loaded} ms (${sample.mode}); ` +
    `stages ${JSON.stringify(sample.stages)}; webview clock ${JSON.stringify(sample.webview)}; ` +
    `posts ${JSON.stringify(trace)}; longest stall ${sample.maxBlockMs} ms`);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await until('the panel to close', () => (a.panel?.() ? undefined : true), 30000);
  await sleep(Number(process.env.AIP_BENCH_PANEL_SETTLE_MS || 1000)); // let the closed panel's webview and model go
  return sample;
}

export async function run(): Promise<void> {
  const root = process.env.AIP_BENCH_REPO ?? '';
  const out = process.env.AIP_BENCH_RESULTS ?? '';
  const runs = Number(process.env.AIP_BENCH_PANEL_RUNS ?? 3);
  const waitMs = Number(process.env.AIP_BENCH_PANEL_WAIT_MS || 240000);
  const results: { repo: string; repositories?: string[]; samples: Sample[]; error?: string } = { repo: root, samples: [] };
  const save = (): void => fs.writeFileSync(out, JSON.stringify(results, null, 2));
  try {
    if (!root || !out) throw new Error('AIP_BENCH_REPO and AIP_BENCH_RESULTS must be set');
    const a = await vscode.extensions.getExtension<AiProvenanceApi>('ai-provenance.ai-provenance')?.activate();
    if (!a) throw new Error('the extension ai-provenance.ai-provenance did not activate');
    await a.ready;
    results.repositories = a.repositories();
    if (!results.repositories.includes(root)) throw new Error(`${root} is not among the tracked repositories: ${results.repositories.join(', ')}`);
    // 'session': the cache is warm from an earlier VS Code session; this is that session's first open
    const first = process.env.AIP_BENCH_PANEL_FIRST === 'session' ? 'cached, new session' : 'uncached';
    results.samples.push(await openOnce(a, root, first, waitMs));
    for (let i = 1; i <= runs; i++) results.samples.push(await openOnce(a, root, `cached ${i}`, waitMs));
  } catch (e) {
    results.error = e instanceof Error ? e.message : String(e);
    throw e;
  } finally {
    if (out) save();
  }
}
