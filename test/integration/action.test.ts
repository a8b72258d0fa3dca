// action.yml: a composite action (Node 20+) whose run step takes its inputs through the environment
// only (no `${{ }}` inside a script: no injection), run here as GitHub runs it — bash, with
// GITHUB_OUTPUT and GITHUB_STEP_SUMMARY — against the built CLI and real repositories.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CLI } from '../helpers/cli';
import { GIT_ENV, cleanupTempDirs, commit, initRepo, tempDir } from '../helpers/repo';
import { buildFixtureRepo } from '../fixtures/golden/fixtureRepo';

const ROOT = path.resolve(__dirname, '../..');

interface Step { uses?: string; id?: string; name?: string; shell?: string; run?: string; env?: Record<string, string>; with?: Record<string, string> }
interface Action {
  name: string; description: string;
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parseYaml(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;
const runStep = action.runs.steps.find((s) => s.id === 'run') as Step;

function runAction(inputs: Record<string, string>, cwd: string) {
  const dir = tempDir('aip-action-');
  const files = { GITHUB_OUTPUT: path.join(dir, 'output'), GITHUB_STEP_SUMMARY: path.join(dir, 'summary') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const value = (name: string): string => inputs[name] ?? action.inputs[name]?.default ?? '';
  const env: NodeJS.ProcessEnv = { ...GIT_ENV, ...files, AIP_CLI: CLI, AIP_COMMAND: value('command'), AIP_ARGS: value('args'),
    AIP_FORMAT: value('format'), AIP_OUTPUT: value('output') };
  const r = spawnSync('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', runStep.run as string], { cwd, env, encoding: 'utf8' });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, output: readFileSync(files.GITHUB_OUTPUT, 'utf8'),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8') };
}

describe('action.yml (composite GitHub Action)', function () {
  this.timeout(120000);
  after(cleanupTempDirs);

  it('is a composite action on Node 20+, its scripts read inputs only from the environment', () => {
    assert.equal(action.runs.using, 'composite');
    assert.ok(action.name && action.description);
    const setup = action.runs.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    assert.equal(setup?.with?.['node-version'], '${{ inputs.node-version }}');
    assert.ok(Number(action.inputs['node-version']?.default) >= 20);
    for (const step of action.runs.steps.filter((s) => s.run)) {
      assert.equal(step.shell, 'bash', `${step.name}: composite run steps need a shell`);
      assert.ok(!step.run?.includes('${{'), `${step.name}: no expression inside a script`);
    }
    const used = JSON.stringify(action).match(/inputs\.[\w-]+/g) ?? [];
    for (const ref of used) assert.ok(action.inputs[ref.slice('inputs.'.length)], `${ref} is declared`);
    assert.equal(action.outputs['exit-code']?.value, '${{ steps.run.outputs.exit-code }}');
    assert.equal(runStep.env?.AIP_ARGS, '${{ inputs.args }}');
  });

  it('check: annotations, the job summary, exit code 1 as an output; 0 on a clean range', () => {
    const fixture = buildFixtureRepo();
    const r = runAction({ args: `--repo\n${fixture.dir}\n` }, ROOT);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stdout.split('\n').filter((l) => l.startsWith('::error ')).length, 3);
    assert.match(r.summary, /^### AI attribution policy: failed/);
    assert.equal(r.output, 'exit-code=1\n');
    const clean = initRepo();
    commit(clean, { message: 'Plain\n', files: { 'a.txt': 'a\n' } });
    const ok = runAction({ args: 'HEAD' }, clean);
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(ok.output, 'exit-code=0\n');
    assert.match(ok.summary, /passed/);
  });

  it('fleet and merge: arguments one per line, spaces kept, no shell expansion', () => {
    const root = tempDir();
    const spaced = path.join(root, 'with space $HOME');
    mkdirSync(spaced);
    initRepo(spaced);
    commit(spaced, { message: 'Add\n\nCo-Authored-By: Claude Opus 4.6 <noreply@anthropic.com>\n', files: { 'a.txt': 'a\n' } });
    const report = path.join(root, 'fleet.json');
    const fleet = runAction({ command: 'fleet', args: `${spaced}\n--no-diffs\n`, format: 'json', output: report }, root);
    assert.equal(fleet.status, 0, fleet.stderr);
    assert.equal(fleet.output, 'exit-code=0\n');
    const doc = JSON.parse(readFileSync(report, 'utf8')) as { repositories: { repository: string }[] };
    assert.deepEqual(doc.repositories.map((e) => e.repository), ['with space $HOME']);
    const merged = runAction({ command: 'merge', args: report, format: 'markdown' }, root);
    assert.equal(merged.status, 0, merged.stderr);
    assert.match(merged.stdout, /\| with space \$HOME \| 1 \| 1 \|/);
  });

  it('refuses an unknown command and output for check with exit 2', () => {
    const bad = runAction({ command: 'rm -rf' }, ROOT);
    assert.equal(bad.status, 2);
    assert.match(bad.stdout, /^::error title=ai-provenance::the command input must be check, fleet or merge/);
    assert.equal(runAction({ output: 'x.json' }, ROOT).status, 2);
  });
});
