// The line figures where others read them: `check --max-ai-share` and the team file's maxAiShare
// (opt-in gate), and `export --lines` (JSON valid against the shipped schema, Markdown and HTML
// sections, SARIF AIP009 regions in today's line numbers, valid against the SARIF schema).
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { runCli } from '../helpers/cli';
import { cleanupTempDirs, commit, git, initRepo } from '../helpers/repo';

const CLAUDE = 'Co-Authored-By: Claude Opus 4.6 <noreply@anthropic.com>';

describe('line figures in check and exports (real git)', function () {
  this.timeout(120000);
  let dir: string;
  let ai: string;
  before(() => {
    dir = initRepo();
    commit(dir, { message: 'Start\n', files: { 'a.ts': 'h1\nh2\nh3\nh4\nh5\nh6\n' } });
    ai = commit(dir, { message: `AI lines\n\n${CLAUDE}\n`, files: { 'a.ts': 'h1\nh2\nh3\nh4\nh5\nh6\nai7\nai8\nai9\nai10\n' } });
    const record = { v: 1, tool: 'claude', model: 'claude-opus-4-6', files: [{ path: 'a.ts', ranges: [[7, 9]] }] };
    git(dir, ['notes', '--ref=ai-provenance', 'add', '-m', JSON.stringify(record), ai]);
    // a human inserts two lines at the top: today the recorded lines are 9-11
    commit(dir, { message: 'Header\n', files: { 'a.ts': 'top1\ntop2\nh1\nh2\nh3\nh4\nh5\nh6\nai7\nai8\nai9\nai10\n' } });
  });
  after(cleanupTempDirs);

  it('check --max-ai-share: within the limit exits 0, above it exits 1 with the figures', () => {
    // 12 lines: 3 recorded + 1 assisted commit = 33.3 %
    const ok = runCli(['check', '--repo', dir, '--policy', writePolicy(dir, { mode: 'keep' }), '--max-ai-share', '50']);
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /AI share of the code at [0-9a-f]{10}: 33\.3 % of 12 lines \(recorded 25\.0 %, assisted commits 8\.3 %\), within the limit of 50 % \(--max-ai-share\)/);
    const over = runCli(['check', '--repo', dir, '--policy', writePolicy(dir, { mode: 'keep' }), '--max-ai-share', '30%']);
    assert.equal(over.status, 1);
    assert.match(over.stdout, /33\.3 % of 12 lines .* is above the limit of 30 % \(--max-ai-share\)/);
    assert.equal(runCli(['check', '--repo', dir, '--max-ai-share', 'lots']).status, 2);
    assert.equal(runCli(['check', '--repo', dir, '--max-ai-share', '101']).status, 2);
    // without the option and without maxAiShare in the policy, no line gate runs
    assert.doesNotMatch(runCli(['check', '--repo', dir, '--policy', writePolicy(dir, { mode: 'keep' })]).stdout, /AI share/);
  });

  it('the gate speaks every check format: json (valid against the shipped schema), github, markdown', () => {
    const policy = writePolicy(dir, { mode: 'keep' });
    const json = runCli(['check', '--repo', dir, '--policy', policy, '--max-ai-share', '30', '--format', 'json']);
    assert.equal(json.status, 1, json.stderr);
    const doc = JSON.parse(json.stdout) as { passed: boolean; violations: unknown[]; lines: { total: number; ai: number; limit: number; exceeded: boolean } };
    assert.equal(doc.passed, false, 'no commit breaks the policy, the share does');
    assert.deepEqual(doc.violations, []);
    assert.deepEqual([doc.lines.total, doc.lines.ai, doc.lines.limit, doc.lines.exceeded], [12, 4, 30, true]);
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(__dirname, '../../dist/schemas/check.schema.json'), 'utf8')) as object);
    assert.ok(validate(doc), JSON.stringify(validate.errors));
    const github = runCli(['check', '--repo', dir, '--policy', policy, '--max-ai-share', '30', '--format', 'github'], { env: { GITHUB_STEP_SUMMARY: '' } });
    assert.equal(github.status, 1);
    assert.match(github.stdout, /^::error title=AI share of the code::AI share of the code at [0-9a-f]{10}: 33\.3 %25 of 12 lines, above the limit of 30 %25/m, '% escaped as GitHub\'s toolkit does');
    const md = runCli(['check', '--repo', dir, '--policy', policy, '--max-ai-share', '50', '--format', 'markdown']);
    assert.equal(md.status, 0);
    assert.match(md.stdout, /^### AI attribution policy: passed/);
    assert.match(md.stdout, /✅ AI share of the code at [0-9a-f]{10}: 33\.3 % of 12 lines, within the limit of 50 %/);
  });

  it('the team file\'s maxAiShare turns the gate on for everyone; a bad value is a usage error', () => {
    writeFileSync(path.join(dir, '.ai-provenance.json'), JSON.stringify({ mode: 'keep', maxAiShare: 20 }));
    try {
      const r = runCli(['check', '--repo', dir]);
      assert.equal(r.status, 1, r.stdout + r.stderr);
      assert.match(r.stdout, /is above the limit of 20 % \(\.ai-provenance\.json and git config\)/);
      assert.equal(runCli(['check', '--repo', dir, '--max-ai-share', '40']).status, 0);
      writeFileSync(path.join(dir, '.ai-provenance.json'), JSON.stringify({ maxAiShare: 150 }));
      const bad = runCli(['check', '--repo', dir]);
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /"maxAiShare" must be a percentage of lines from 0 to 100 \(got 150\)/);
    } finally {
      writeFileSync(path.join(dir, '.ai-provenance.json'), '{}');
      git(dir, ['clean', '-fq']);
    }
  });

  it('export --lines: JSON carries the figures (valid against the shipped schema)', () => {
    const r = runCli(['export', '--repo', dir, '--format', 'json', '--lines']);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { lines: { rev: string; totals: { total: number; recorded: number; aiShare: number }; tools: { key: string }[] } };
    assert.equal(doc.lines.rev, git(dir, ['rev-parse', 'HEAD']).trim());
    assert.equal(doc.lines.totals.total, 12);
    assert.equal(doc.lines.totals.recorded, 3);
    assert.deepEqual(doc.lines.tools.map((t) => t.key), ['(none)', 'claude']);
    const schemaFile = path.join(__dirname, '../../dist/schemas/report.schema.json');
    assert.ok(existsSync(schemaFile));
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
    assert.ok(validate(doc), JSON.stringify(validate.errors));
    const plain = runCli(['export', '--repo', dir, '--format', 'json']);
    assert.ok(!plain.stdout.includes('"lines"'), 'without --lines the report is unchanged');
    const csv = runCli(['export', '--repo', dir, '--format', 'csv', '--lines']);
    assert.equal(csv.status, 2);
    assert.match(csv.stderr, /--lines applies to --format json, markdown, html, sarif/);
  });

  it('export --lines: Markdown and HTML get a Lines section', () => {
    const md = runCli(['export', '--repo', dir, '--format', 'markdown', '--lines']).stdout;
    assert.match(md, /## Lines\n\n12 lines in 1 file at [0-9a-f]{10}: AI share 33\.3 %/);
    assert.match(md, /\| Recorded \(a line-level record of the commit\) \| 3 \| 25\.0 % \|/);
    const html = runCli(['export', '--repo', dir, '--format', 'html', '--lines']).stdout;
    assert.match(html, /<section id="lines">\n<h2>Lines<\/h2>/);
  });

  it('export --lines: SARIF regions of recorded lines in today\'s numbering (AIP009), valid SARIF', () => {
    const r = runCli(['export', '--repo', dir, '--format', 'sarif', '--lines']);
    assert.equal(r.status, 0, r.stderr);
    const sarif = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; locations: { physicalLocation: { region: object } }[] }[]; properties: { lines: { total: number } } }[] };
    const run = sarif.runs[0];
    assert.ok(run);
    assert.equal(run.tool.driver.rules[8]?.id, 'AIP009');
    const lines = run.results.filter((x) => x.ruleId === 'AIP009');
    assert.equal(lines.length, 1);
    assert.equal(lines[0]?.ruleIndex, 8);
    assert.deepEqual(lines[0]?.locations[0]?.physicalLocation.region, { startLine: 9, endLine: 11 });
    // AIP006 keeps the recording commit's own numbering
    assert.deepEqual(run.results.find((x) => x.ruleId === 'AIP006')?.locations[0]?.physicalLocation.region, { startLine: 7, endLine: 9 });
    assert.equal(run.properties.lines.total, 12);
    const ajv = new Ajv04({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(__dirname, '../fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')) as object);
    assert.ok(validate(sarif), JSON.stringify(validate.errors));
  });
});

function writePolicy(dir: string, content: object): string {
  const file = path.join(path.dirname(dir), `${path.basename(dir)}-policy.json`);
  writeFileSync(file, JSON.stringify(content));
  return file;
}
