// `ai-provenance check`, the CI gate: exit codes 0 (complies), 1 (a readable list of violations),
// 2 (bad policy file), 3 (shallow clone whose range reaches the boundary: says how to fetch).
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { cleanupTempDirs, commit, git, initRepo, tempDir } from '../helpers/repo';
import { HOSTILE_SUBJECT, buildFixtureRepo, type FixtureRepo } from '../fixtures/golden/fixtureRepo';

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

  it('reads history with one git log, never one process per commit', () => {
    const r = runCli(['check', '--repo', fixture.dir, '--verbose']);
    assert.equal(r.status, 1);
    const calls = r.stderr.split('\n').filter((l) => l.startsWith('> git '));
    assert.equal(calls.filter((l) => l.startsWith('> git log')).length, 1, calls.join('\n'));
    assert.ok(calls.length <= 10, calls.join('\n'));
  });
});
