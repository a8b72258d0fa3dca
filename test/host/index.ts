// Mocha entry point loaded by VS Code's extension host (extensionTestsPath = out/host/index).
// test/harness/runHostTests.mjs bundles this file and every test/host/*.test.ts to out/host/*.js and
// starts one VS Code per RUN; each run executes only its own files:
//   <name>.<run>.test.ts   only in that run (runs listed in AIP_HOST_SPECIAL_RUNS, e.g. "untrusted")
//   <name>.test.ts         only in the default run ("trusted")
// Environment (set by the runner through extensionTestsEnv):
//   AIP_HOST_RUN            this run's name (default "trusted")
//   AIP_HOST_SPECIAL_RUNS   comma-separated names of the non-default runs (default "untrusted")
//   AIP_HOST_EXPECT_TRUSTED "1"/"0": the harness checks vscode.workspace.isTrusted against it
//   AIP_TEST_WORKSPACE      the fresh git repository opened as the workspace folder
//   AIP_HOST_GREP           mocha grep (only matching tests run)
//   AIP_HOST_TIMEOUT        per-test timeout in ms (default 30000)
//   AIP_HOST_RESULTS        JSON file the results are written to
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export function runOfFile(file: string, specialRuns: readonly string[]): string {
  const special = specialRuns.find((r) => file.endsWith(`.${r}.test.js`));
  return special ?? 'trusted';
}

function harnessChecks(root: Mocha.Suite, runName: string): void {
  const suite = Mocha.Suite.create(root, `host run "${runName}"`);
  suite.addTest(new Mocha.Test('opens the fresh test repository with the expected workspace trust', () => {
    const expected = process.env.AIP_TEST_WORKSPACE;
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, 'one workspace folder');
    if (expected) { assert.equal(folders[0]?.uri.fsPath, expected); }
    const expectTrusted = process.env.AIP_HOST_EXPECT_TRUSTED;
    if (expectTrusted !== undefined) { assert.equal(vscode.workspace.isTrusted, expectTrusted === '1', 'vscode.workspace.isTrusted'); }
  }));
}

interface TestResult { title: string; state: string | undefined; durationMs: number | undefined; error?: string }

export function run(): Promise<void> {
  process.setSourceMapsEnabled(true);
  const runName = process.env.AIP_HOST_RUN || 'trusted';
  const specialRuns = (process.env.AIP_HOST_SPECIAL_RUNS ?? 'untrusted').split(',').map((s) => s.trim()).filter(Boolean);
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: 'spec',
    timeout: Number(process.env.AIP_HOST_TIMEOUT || 30000),
    forbidOnly: Boolean(process.env.CI),
    ...(process.env.AIP_HOST_GREP ? { grep: process.env.AIP_HOST_GREP } : {}),
  });
  harnessChecks(mocha.suite, runName);
  const files = fs.readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js') && runOfFile(f, specialRuns) === runName)
    .sort();
  for (const f of files) { mocha.addFile(path.join(__dirname, f)); }
  console.log(`[host] run "${runName}": ${files.length} test file(s): ${files.join(', ') || '-'}`);

  const results: TestResult[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const file = process.env.AIP_HOST_RESULTS;
      if (file) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, JSON.stringify({ run: runName, files, failures, stats: runner.stats, tests: results }, null, 2));
      }
      if (failures > 0) { reject(new Error(`${failures} host test(s) failed in run "${runName}".`)); } else { resolve(); }
    });
    const record = (t: Mocha.Test, err?: Error) => results.push({
      title: t.fullTitle(), state: err ? 'failed' : t.state, durationMs: t.duration, ...(err ? { error: String(err.stack ?? err) } : {}),
    });
    runner.on('pass', (t) => record(t));
    runner.on('fail', (t, err: Error) => { if (t.type === 'test') { record(t as Mocha.Test, err); } else { results.push({ title: t.fullTitle(), state: 'failed (hook)', durationMs: undefined, error: String(err.stack ?? err) }); } });
    runner.on('pending', (t) => results.push({ title: t.fullTitle(), state: 'pending', durationMs: undefined }));
  });
}
