// Issue 12 end to end through the built CLI on real repositories: empty commits (Copilot coding
// agent's "Initial plan"), evidence scope (aider's committer mark), autonomy tiers, agent branch
// names in merge subjects, git's configured trailer keys, the peers' notes, and check's warnings on
// Assisted-by values that break the kernel grammar.
import { strict as assert } from 'node:assert';
import { chmodSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CommitAudit, AuditSummary } from '../../src/core/model';
import { jsonl, runCli } from '../helpers/cli';
import { GIT_ENV, cleanupTempDirs, commit, git, initRepo, tempDir } from '../helpers/repo';

const AGENT = { name: 'copilot-swe-agent[bot]', email: '198982749+Copilot@users.noreply.github.com' };
const GITHUB = { name: 'GitHub', email: 'noreply@github.com' };
const HUMAN = { name: 'Ada Lovelace', email: 'ada@example.com' };

function audit(dir: string, extra: string[] = []): CommitAudit[] {
  const r = runCli(['audit', '--repo', dir, '--format', 'jsonl', '--no-cache', ...extra]);
  assert.equal(r.status, 0, r.stderr);
  return jsonl<CommitAudit>(r.stdout);
}

describe('detection 2026-H2 end to end (real git)', function () {
  this.timeout(120000);
  after(cleanupTempDirs);

  it('marks a commit that changes nothing empty, from the one git log stream (not with --no-diffs)', () => {
    const dir = initRepo();
    git(dir, ['config', 'log.showRoot', 'false']); // pinned by --root: a root commit is never "empty" by accident
    const root = commit(dir, { message: 'Initial import\n', files: { 'a.txt': 'a\n' } });
    const plan = commit(dir, { message: 'Initial plan\n', files: {}, author: AGENT, committer: GITHUB });
    const work = commit(dir, { message: 'Add the parser\n\nCo-authored-by: Ada Lovelace <ada@example.com>\n', files: { 'b.txt': 'b\n' }, author: AGENT, committer: GITHUB });
    chmodSync(path.join(dir, 'a.txt'), 0o755);
    const mode = commit(dir, { message: 'Make a.txt executable\n', files: {} }); // a mode change is a change
    const bySha = new Map(audit(dir).map((a) => [a.sha, a]));
    assert.equal(bySha.get(plan)?.empty, true);
    assert.equal(bySha.get(plan)?.verdict, 'assisted');
    assert.equal(bySha.get(plan)?.autonomy, 'agent-authored');
    for (const sha of [root, work, mode]) assert.equal(bySha.get(sha)?.empty, undefined, sha);
    assert.equal(audit(dir, ['--no-diffs']).find((a) => a.sha === plan)?.empty, undefined, 'unknown without the patch');
    const summary = JSON.parse(runCli(['audit', '--repo', dir, '--format', 'json', '--no-cache']).stdout).summary as AuditSummary;
    assert.equal(summary.empty, 1);
    assert.equal(summary.autonomy['agent-authored'], 2);
  });

  it("reports aider's mark on the committer alone as message scope, counted apart", () => {
    const dir = initRepo();
    const msgOnly = commit(dir, { message: 'Fix the parser\n', author: HUMAN, committer: { name: 'Ada Lovelace (aider)', email: 'ada@example.com' } });
    const code = commit(dir, { message: 'aider: add tests\n', author: { name: 'Ada Lovelace (aider)', email: 'ada@example.com' } });
    const bySha = new Map(audit(dir).map((a) => [a.sha, a]));
    assert.deepEqual(bySha.get(msgOnly)?.evidence.map((e) => [e.kind, e.scope]), [['committer', 'message']]);
    assert.ok(bySha.get(code)?.evidence.every((e) => e.scope === 'code'));
    const r = runCli(['audit', '--repo', dir, '--format', 'json', '--no-cache']);
    assert.equal((JSON.parse(r.stdout).summary as AuditSummary).messageOnly, 1);
    const csv = runCli(['export', '--repo', dir, '--format', 'csv', '--rows', 'evidence']);
    assert.equal(csv.status, 0, csv.stderr);
    assert.match(csv.stdout.split('\r\n')[0] ?? '', /,scope,autonomy,reason$/);
    assert.ok(csv.stdout.includes(',message,agent-committed,\r\n'), csv.stdout);
    // A team that forbids AI code but allows AI-written messages: scopes ["code"].
    const policy = path.join(tempDir(), 'p.json');
    writeFileSync(policy, JSON.stringify({ mode: 'keep', tools: { aider: 'forbid' }, scopes: ['code'] }));
    const check = runCli(['check', '--repo', dir, '--policy', policy]);
    assert.equal(check.status, 1, check.stdout);
    assert.match(check.stdout, /1 of 2 commits breaks the policy/);
    assert.ok(check.stdout.includes(code.slice(0, 10)) && !check.stdout.includes(msgOnly.slice(0, 10)));
  });

  it("shows an agent's branch name in a merge subject as low-confidence branch evidence", () => {
    const dir = initRepo();
    commit(dir, { message: 'Base\n', files: { 'a.txt': 'a\n' } });
    git(dir, ['checkout', '-q', '-b', 'copilot/fix-parser']);
    commit(dir, { message: 'Fix the parser\n', files: { 'b.txt': 'b\n' } });
    git(dir, ['checkout', '-q', 'main']);
    commit(dir, { message: 'Other work\n', files: { 'c.txt': 'c\n' } });
    git(dir, ['merge', '-q', '--no-ff', '-m', 'Merge pull request #12 from acme/copilot/fix-parser', 'copilot/fix-parser'], undefined, GIT_ENV);
    const merge = audit(dir)[0] as CommitAudit;
    assert.equal(merge.parents.length, 2);
    assert.deepEqual(merge.evidence.map((e) => [e.kind, e.tool, e.confidence, e.signature]), [['branch', 'copilot', 'low', 'branch.copilot']]);
    assert.equal(merge.autonomy, 'co-authored');
  });

  it('reads keys as git prints them under trailer.<name>.key (repository config)', () => {
    const dir = initRepo();
    git(dir, ['config', 'trailer.co.key', 'Co-authored-by']);
    commit(dir, { message: 'Fix the parser\n\nco: Claude <noreply@anthropic.com>\n' });
    assert.equal(git(dir, ['log', '-1', '--format=%(trailers:only,unfold)']).trim(), 'Co-authored-by: Claude <noreply@anthropic.com>');
    const [a] = audit(dir);
    assert.deepEqual(a?.tools, ['claude']);
    assert.equal(a?.evidence[0]?.detail, 'Co-authored-by: Claude <noreply@anthropic.com>');
    git(dir, ['config', '--unset', 'trailer.co.key']);
    assert.equal(audit(dir)[0]?.verdict, 'none', 'without the config "co:" is an unknown key');
  });

  it("reads the peers' notes: Qwen Code, whogitit, Agent Blame, Agent Trace", () => {
    const dir = initRepo();
    const [q, w, b, t] = ['q', 'w', 'b', 't'].map((n) => commit(dir, { message: `Work ${n}\n`, files: { [`${n}.ts`]: 'x\n'.repeat(5) } })) as [string, string, string, string];
    const note = (ref: string, sha: string, body: unknown): void => {
      git(dir, ['notes', `--ref=${ref}`, 'add', '-f', '-m', typeof body === 'string' ? body : JSON.stringify(body), sha]);
    };
    note('refs/notes/ai-attribution', q, { version: 1, generator: 'Qwen-Coder', files: { 'q.ts': { aiChars: 40, humanChars: 0, percent: 100 } }, summary: { aiPercent: 100 } });
    note('refs/notes/whogitit', w, { version: 3, session: { session_id: 's-1', model: { id: 'claude-opus-4-5', provider: 'anthropic' } }, prompts: [],
      files: [{ path: 'w.ts', lines: [{ line_number: 2, source: { type: 'AI', edit_id: 'e' } }], summary: { ai_lines: 1 } }] });
    note('refs/notes/agentblame', b, { version: 2, timestamp: '2026-01-01T00:00:00Z', attributions: [{ path: 'b.ts', startLine: 1, endLine: 3, category: 'ai_generated', provider: 'cursor', model: 'gpt-5' }] });
    note('refs/notes/agent-trace', t, JSON.stringify({ version: '0.1.0', id: 'r1', timestamp: '2026-01-01T00:00:00Z', vcs: { type: 'git', revision: t },
      files: [{ path: 't.ts', conversations: [{ contributor: { type: 'ai', model_id: 'openai/gpt-5-codex' }, ranges: [{ start_line: 1, end_line: 5 }] }] }] }, null, 2));
    note('refs/notes/agentblame', q, 'not json at all');
    const r = runCli(['audit', '--repo', dir, '--format', 'jsonl', '--no-cache']);
    assert.equal(r.status, 0, r.stderr);
    const bySha = new Map(jsonl<CommitAudit>(r.stdout).map((a) => [a.sha, a]));
    const summary = (sha: string): unknown[] => (bySha.get(sha)?.evidence ?? []).map((e) => [e.kind, e.tool, e.signature, e.locations?.[0]]);
    assert.deepEqual(summary(q), [['note', 'qwen', 'note.qwen-attribution', { file: 'q.ts' }]]);
    assert.deepEqual(summary(w), [['note', 'claude', 'note.whogitit', { file: 'w.ts', line: 2 }]]);
    assert.deepEqual(summary(b), [['note', 'cursor', 'note.agentblame', { file: 'b.ts', line: 1, endLine: 3 }]]);
    assert.deepEqual(summary(t), [['note', 'codex', 'note.agent-trace', { file: 't.ts', line: 1, endLine: 5 }]]);
    assert.equal(bySha.get(q)?.autonomy, 'line-level');
    assert.match(r.stderr, /refs\/notes\/agentblame: note on [0-9a-f]{7}: not JSON/);
  });

  it('check warns on stderr about Assisted-by values that break the kernel grammar under require + assisted-by', () => {
    const dir = initRepo();
    const bad = commit(dir, { message: 'Fix\n\nAssisted-by: Claude Code:claude-opus-4-6\n' });
    commit(dir, { message: 'Fix more\n\nAssisted-by: Claude:claude-opus-4-6 coccinelle\n' });
    commit(dir, { message: 'Thanks\n\nAssisted-by: Waldek Maleska\n' });
    const policy = path.join(tempDir(), 'p.json');
    writeFileSync(policy, JSON.stringify({ mode: 'require', format: 'assisted-by' }));
    const r = runCli(['check', '--repo', dir, '--policy', policy]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('ai-provenance: warning: '));
    assert.equal(warnings.length, 2, r.stderr); // in git log order: newest first
    assert.match(warnings[0] ?? '', /"Assisted-by: Waldek Maleska" has no AGENT:MODEL pair/);
    assert.ok(warnings[1]?.includes(`${bad.slice(0, 10)} Fix: "Assisted-by: Claude Code:claude-opus-4-6" has blanks`), warnings[1]);
    writeFileSync(policy, JSON.stringify({ mode: 'evidence', format: 'assisted-by' }));
    assert.equal(runCli(['check', '--repo', dir, '--policy', policy]).stderr, '');
    // The person in "Assisted-by: Waldek Maleska" is not AI evidence.
    assert.equal(audit(dir)[0]?.verdict, 'none');
  });
});
