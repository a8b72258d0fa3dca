// `ai-provenance check`, the CI gate: exit codes 0 (complies), 1 (a readable list of violations),
// 2 (bad policy file), 3 (shallow clone whose range reaches the boundary: says how to fetch).
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { cleanupTempDirs, commit, git, initRepo, tempDir } from '../helpers/repo';
import { HOSTILE_SUBJECT, buildFixtureRepo, type FixtureRepo } from '../fixtures/golden/fixtureRepo';

const GOLDEN_DIR = path.join(__dirname, '../fixtures/golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Compares with a golden file (UPDATE_GOLDEN=1 rewrites it). */
function golden(file: string, text: string): void {
  const full = path.join(GOLDEN_DIR, file);
  if (UPDATE) writeFileSync(full, text);
  assert.ok(existsSync(full), `${file} is missing: run the tests with UPDATE_GOLDEN=1`);
  assert.equal(text, readFileSync(full, 'utf8'), `${file} changed: review, then UPDATE_GOLDEN=1 to accept`);
}

function writePolicy(content: unknown): string {
  const file = path.join(tempDir(), 'policy.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('ai-provenance check (CI gate, real git)', function () {
  this.timeout(120000);
  let fixture: FixtureRepo;
  before(() => {
    fixture = buildFixtureRepo();
  });
  after(cleanupTempDirs);

  it('exits 0 when every commit follows the policy', () => {
    const dir = initRepo();
    commit(dir, { message: 'Plain work\n', files: { 'a.txt': 'a\n' } });
    commit(dir, { message: 'More plain work\n\nCo-authored-by: Jane <jane@example.com>\n', files: { 'b.txt': 'b\n' } });
    const r = runCli(['check', '--repo', dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^ai-provenance check: all 2 commits follow the policy \(policy: defaults and git config; mode evidence\)\n$/);
    assert.equal(r.stderr, '');
  });

  it('exits 1 with a readable list: undisclosed evidence, unbacked editor-added trailers (an agent\'s own trailer is fine)', () => {
    const r = runCli(['check', '--repo', fixture.dir]);
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'ai-provenance check: 3 of 8 commits break the policy (policy: defaults and git config; mode evidence)');
    const s = fixture.shas.map((x) => x.slice(0, 10));
    assert.deepEqual(lines.filter((l) => /^[0-9a-f]{10} /.test(l)).map((l) => l.slice(0, 10)), [s[7], s[5], s[2]]);
    assert.ok(r.stdout.includes(`  - undisclosed evidence: recorded AI assistance is not disclosed: the policy adds "Assisted-by: Cursor:gpt-5"`));
    assert.ok(r.stdout.includes(`  - attribution not backed by evidence: "Co-authored-by: Copilot <copilot@github.com>": VS Code added it, but no AI edit was recorded or marked in the committed lines: the policy removes it`));
    assert.ok(!r.stdout.includes(HOSTILE_SUBJECT), "aider's own Assisted-by trailer is self-attested: kept without a note");
    assert.ok(r.stdout.includes('ai-provenance hooks install'));
  });

  it('checks a range only', () => {
    const [, , , , four, five] = fixture.shas as string[];
    assert.equal(runCli(['check', '--repo', fixture.dir, `${fixture.shas[3]}..${four}`]).status, 0);
    const r = runCli(['check', '--repo', fixture.dir, `${four}..${five}`]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /1 of 1 commit breaks the policy/);
    assert.equal(runCli(['check', '--repo', fixture.dir, 'no-such-rev']).status, 3);
  });

  it('takes --policy FILE (team-file shape) instead of the repository policy', () => {
    assert.equal(runCli(['check', '--repo', fixture.dir, '--policy', writePolicy({ mode: 'keep' })]).status, 0);
    const strip = runCli(['check', '--repo', fixture.dir, '--policy', writePolicy({ mode: 'strip', locked: ['mode'] })]);
    assert.equal(strip.status, 1);
    assert.match(strip.stdout, /attribution not allowed: "Co-Authored-By: Claude Opus 4\.6 <noreply@anthropic\.com>": this repository strips AI attribution/);
    const forbid = runCli(['check', '--repo', fixture.dir, '--policy', writePolicy({ mode: 'keep', tools: { aider: 'forbid' } })]);
    assert.equal(forbid.status, 1);
    assert.match(forbid.stdout, /2 of 8 commits break the policy/);
    assert.match(forbid.stdout, /AI attribution forbidden: this repository forbids AI attribution: remove "Assisted-by: aider:gpt-4o"/);
    assert.match(forbid.stdout, /AI attribution forbidden: the author "Jane Doe \(aider\) <jane@example\.com>" is an AI identity \(aider\)/);
    const require = runCli(['check', '--repo', fixture.dir, '--policy', writePolicy({ mode: 'require' })]);
    assert.equal(require.status, 1);
    assert.match(require.stdout, /undisclosed evidence: AI assistance from Cursor was recorded \(src\/lexer\.ts\) but is not disclosed/);
  });

  it('exits 2 on a policy file that is not valid, naming the file and the field', () => {
    const bad = writePolicy({ mode: 'sometimes' });
    const r = runCli(['check', '--repo', fixture.dir, '--policy', bad]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /"mode" must be one of keep, strip, evidence, require, forbid \(got "sometimes"\)/);
    assert.ok(r.stderr.includes(bad));
    assert.equal(runCli(['check', '--repo', fixture.dir, '--policy', writePolicy('{ not json')]).status, 2);
    assert.equal(runCli(['check', '--repo', fixture.dir, '--policy', path.join(tempDir(), 'missing.json')]).status, 2);
    assert.equal(runCli(['check', '--repo', fixture.dir, '--bogus']).status, 2);
  });

  it("reads the repository's team file by default", () => {
    const dir = initRepo();
    writeFileSync(path.join(dir, '.ai-provenance.json'), JSON.stringify({ mode: 'forbid' }));
    commit(dir, { message: 'Add x\n\nAssisted-by: claude:opus\n', files: { 'x.txt': 'x\n' } });
    const r = runCli(['check', '--repo', dir]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /policy: \.ai-provenance\.json and git config; mode forbid/);
  });

  it('exits 3 in a shallow clone whose range reaches the boundary, and says how to fetch', () => {
    const shallow = path.join(tempDir(), 'shallow');
    git(path.dirname(shallow), ['clone', '-q', '--depth', '1', `file://${fixture.dir}`, shallow]);
    const r = runCli(['check', '--repo', shallow]);
    assert.equal(r.status, 3, r.stdout);
    assert.match(r.stderr, /shallow clone/);
    assert.ok(r.stderr.includes('git fetch --unshallow'));
    assert.ok(r.stderr.includes('fetch-depth: 0'));
    assert.equal(r.stdout, '');
    // A range inside the fetched history can be checked.
    const deeper = path.join(tempDir(), 'deeper');
    git(path.dirname(deeper), ['clone', '-q', '--depth', '3', `file://${fixture.dir}`, deeper]);
    const inside = runCli(['check', '--repo', deeper, 'HEAD~2..HEAD']);
    assert.equal(inside.status, 0, inside.stderr);
    assert.match(inside.stdout, /all 2 commits follow the policy/);
    assert.equal(runCli(['check', '--repo', deeper]).status, 3);
    // After git fetch --unshallow the gate works. Notes were not cloned (and the Agent Trace file is
    // not committed): nothing is undisclosed, the agents' own trailers are self-attested, and only
    // VS Code's Copilot trailer lacks backing.
    git(deeper, ['fetch', '-q', '--unshallow']);
    const full = runCli(['check', '--repo', deeper]);
    assert.equal(full.status, 1, full.stderr);
    assert.match(full.stdout, /1 of 8 commits breaks the policy/);
  });

  describe('--format', () => {
    it('github: one error annotation per commit and the Markdown summary appended to $GITHUB_STEP_SUMMARY (golden)', () => {
      const summary = path.join(tempDir(), 'step-summary.md');
      writeFileSync(summary, 'earlier step\n');
      const r = runCli(['check', '--repo', fixture.dir, '--format', 'github'], { env: { GITHUB_STEP_SUMMARY: summary } });
      assert.equal(r.status, 1, r.stderr);
      golden('check.github.txt', r.stdout);
      assert.equal(r.stdout.split('\n').filter((l) => l.startsWith('::')).length, 3, 'one annotation per violating commit');
      const appended = readFileSync(summary, 'utf8');
      assert.ok(appended.startsWith('earlier step\n'), 'appended, never overwritten');
      golden('check.summary.md', appended.slice('earlier step\n'.length));
      const md = runCli(['check', '--repo', fixture.dir, '--format', 'markdown']);
      assert.equal(md.status, 1);
      assert.equal(md.stdout, appended.slice('earlier step\n'.length), '--format markdown prints the same summary');
      const off = runCli(['check', '--repo', fixture.dir, '--format', 'github'], { env: { GITHUB_STEP_SUMMARY: '' } });
      assert.equal(off.stdout, r.stdout, 'without GITHUB_STEP_SUMMARY only the annotations');
    });

    it('github: a passing range, and text that tries to start workflow commands', () => {
      const dir = initRepo();
      commit(dir, { message: 'Plain\n', files: { 'a.txt': 'a\n' } });
      const ok = runCli(['check', '--repo', dir, '--format', 'github']);
      assert.equal(ok.status, 0, ok.stderr);
      assert.equal(ok.stdout, 'ai-provenance check: the commit follows the policy (policy: defaults and git config; mode evidence)\n');
      commit(dir, { message: 'evil %0A::add-mask::x \u001b[31m::stop-commands::t\n\nCo-authored-by: Copilot <copilot@github.com>\n', files: { 'b.txt': 'b\n' } });
      const bad = runCli(['check', '--repo', dir, '--format', 'github']);
      assert.equal(bad.status, 1);
      const lines = bad.stdout.split('\n').filter(Boolean);
      assert.equal(lines.filter((l) => l.startsWith('::')).length, 1);
      assert.ok(lines[0]?.startsWith('::error title=AI attribution policy%3A commit '), lines[0]);
      assert.ok(lines[0]?.includes('evil %250A::add-mask::x'), 'percent escaped: GitHub cannot decode a new line out of it');
      assert.ok(!bad.stdout.includes('\u001b'));
    });

    it('json: the same verdict for scripts, valid against dist/schemas/check.schema.json; exit codes unchanged', () => {
      const ajv = new Ajv2020({ strict: true, allErrors: true });
      addFormats(ajv);
      const validate = ajv.compile(JSON.parse(readFileSync(path.join(__dirname, '../../dist/schemas/check.schema.json'), 'utf8')) as object);
      const r = runCli(['check', '--repo', fixture.dir, '--format', 'json', '--redact-emails', '--policy', writePolicy({ mode: 'keep', tools: { aider: 'forbid' } })]);
      assert.equal(r.status, 1, r.stderr);
      const doc = JSON.parse(r.stdout) as { passed: boolean; commits: number; repository: string; policySource: string; violations: { problems: { text: string }[] }[] };
      assert.ok(validate(doc), JSON.stringify(validate.errors));
      assert.equal(doc.passed, false);
      assert.equal(doc.commits, 8);
      assert.equal(doc.violations.length, 2);
      assert.equal(doc.repository, 'https://git.example.com/acme/fixture.git');
      assert.equal(doc.policySource, 'policy.json');
      assert.ok(!r.stdout.includes('jane@example.com'), '--redact-emails');
      assert.ok(r.stdout.includes('@redacted.invalid'));
      const pass = runCli(['check', '--repo', fixture.dir, '--format', 'json', '--policy', writePolicy({ mode: 'keep' })]);
      assert.equal(pass.status, 0);
      assert.equal((JSON.parse(pass.stdout) as { passed: boolean }).passed, true);
      assert.equal(runCli(['check', '--repo', fixture.dir, '--format', 'xml']).status, 2);
      assert.equal(runCli(['check', '--repo', fixture.dir, '--format', 'json', 'no-such-rev']).status, 3);
    });
  });

  it('reads history with one git log, never one process per commit', () => {
    const r = runCli(['check', '--repo', fixture.dir, '--verbose']);
    assert.equal(r.status, 1);
    const calls = r.stderr.split('\n').filter((l) => l.startsWith('> git '));
    assert.equal(calls.filter((l) => l.startsWith('> git log')).length, 1, calls.join('\n'));
    assert.ok(calls.length <= 10, calls.join('\n'));
  });
});
