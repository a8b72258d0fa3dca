// Reviewing an existing commit against the policy, fixing the last one, suggesting trailers.
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fixLastCommit, reviewCommit } from '../../src/app/review/commitReview';
import { suggestTrailers } from '../../src/app/hooks/trailerSuggestion';
import { GitError } from '../../src/git/exec';
import { writeEntry } from '../../src/git/worklog';
import { cleanupTempDirs, commit, git, initRepo, tempDir } from '../helpers/repo';

const VSCODE = 'Fix the parser\n\nCo-authored-by: Copilot <copilot@github.com>\n';

function repo(): string {
  const dir = initRepo();
  commit(dir, { message: 'base\n', files: { 'README.md': 'x\n' } });
  return dir;
}

describe('commit review and fix (real git)', function () {
  this.timeout(30000);
  after(cleanupTempDirs);

  it("flags VS Code's phantom trailer and fixes HEAD without touching staged changes", async () => {
    const dir = repo();
    const sha = commit(dir, { message: VSCODE, files: { 'a.txt': 'a\n' } });
    writeFileSync(path.join(dir, 'staged.txt'), 's\n');
    git(dir, ['add', 'staged.txt']);
    const review = await reviewCommit(dir);
    assert.equal(review.sha, sha);
    assert.equal(review.vscodeTrailer, true);
    assert.equal(review.amendable, true);
    assert.equal(review.audit.verdict, 'unverified');
    assert.equal(review.outcome.action, 'rewritten');
    const fixed = await fixLastCommit(dir, sha);
    assert.notEqual(fixed.sha, sha);
    assert.equal(git(dir, ['log', '-1', '--format=%B']), 'Fix the parser\n\n');
    assert.equal(git(dir, ['diff', '--cached', '--name-only']).trim(), 'staged.txt', 'staged changes stay staged');
    assert.equal(git(dir, ['show', '--name-only', '--format=', 'HEAD']).trim(), 'a.txt', 'the commit content is unchanged');
    assert.equal((await reviewCommit(dir)).outcome.action, 'unchanged');
    const note = git(dir, ['notes', '--ref=ai-provenance', 'show', fixed.sha]);
    assert.match(note, /^\{"v":1,"type":"removal","action":"removed","line":"Co-authored-by: Copilot <copilot@github\.com>",.*"class":"editor-added"/,
      'the fix records what it removed');
    assert.deepEqual((await reviewCommit(dir)).audit.removed?.map((r) => r.action), ['removed']);
  });

  it("counts git-ai's authorship note as recorded evidence, as check does: Copilot's trailer then stands", async () => {
    const dir = repo();
    const sha = commit(dir, { message: VSCODE, files: { 'a.txt': 'a\n' } });
    const note = `a.txt\n  abcd1234abcd1234 1\n---\n${JSON.stringify({
      schema_version: 'authorship/3.0.0', base_commit_sha: sha, git_ai_version: '1.0.23',
      prompts: { abcd1234abcd1234: { agent_id: { tool: 'github-copilot', id: 's1', model: 'gpt-5' }, messages: [], total_additions: 1, total_deletions: 0, accepted_lines: 1, overriden_lines: 0 } },
    })}`;
    git(dir, ['notes', '--ref=refs/notes/ai', 'add', '-m', note, sha]);
    const review = await reviewCommit(dir);
    assert.deepEqual(review.recorded.map((r) => r.tool), ['copilot']);
    assert.equal(review.outcome.action, 'unchanged', JSON.stringify(review.outcome));
    assert.equal(review.audit.verdict, 'assisted', 'the note is evidence in the audit too');
    assert.ok(review.audit.evidence.some((e) => e.kind === 'note' && e.tool === 'copilot'));
  });

  it('never rewrites a pushed commit, nor one that is no longer HEAD', async () => {
    const dir = repo();
    const remote = tempDir();
    git(remote, ['init', '-q', '--bare']);
    git(dir, ['remote', 'add', 'origin', remote]);
    const sha = commit(dir, { message: VSCODE, files: { 'a.txt': 'a\n' } });
    git(dir, ['push', '-q', 'origin', 'main']);
    const review = await reviewCommit(dir);
    assert.equal(review.amendable, false);
    await assert.rejects(fixLastCommit(dir, sha), (e: unknown) => e instanceof GitError && /already on a remote branch/.test(e.message));
    const local = commit(dir, { message: VSCODE, files: { 'b.txt': 'b\n' } });
    commit(dir, { message: 'later\n', files: { 'c.txt': 'c\n' } });
    await assert.rejects(fixLastCommit(dir, local), /HEAD is no longer/);
  });

  it('a recorded note supports the trailer; require rejects undisclosed recorded evidence', async () => {
    const dir = repo();
    const sha = commit(dir, { message: 'Add a\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n', files: { 'a.txt': 'a\n' } });
    git(dir, ['notes', '--ref=ai-provenance', 'add', '-m', '{"v":1,"tool":"claude","files":[{"path":"a.txt"}]}', sha]);
    assert.equal((await reviewCommit(dir)).outcome.action, 'unchanged');
    const undisclosed = commit(dir, { message: 'Add b\n', files: { 'b.txt': 'b\n' } });
    git(dir, ['notes', '--ref=ai-provenance', 'add', '-m', '{"v":1,"tool":"claude","model":"claude-opus-4-6","files":[{"path":"b.txt"}]}', undisclosed]);
    const review = await reviewCommit(dir, 'HEAD', { overrides: { mode: 'require' } });
    assert.equal(review.outcome.action, 'reject');
    assert.match(review.fix?.message ?? '', /\nAssisted-by: Claude-Code:claude-opus-4-6\n$/, 'require is fixed by disclosing');
    assert.equal((await reviewCommit(dir, 'HEAD', { overrides: { mode: 'forbid' } })).fix, undefined, 'forbid has no automatic fix');
    const withEvidence = await reviewCommit(dir);
    assert.equal(withEvidence.outcome.action, 'rewritten');
    await fixLastCommit(dir, undisclosed);
    assert.match(git(dir, ['log', '-1', '--format=%B']), /\nAssisted-by: Claude-Code:claude-opus-4-6\n/);
    assert.match(git(dir, ['notes', '--ref=ai-provenance', 'show', 'HEAD']), /claude-opus-4-6/, 'the note follows the amend');
  });

  it('suggests trailers from recorded evidence for what will be committed', async () => {
    const dir = repo();
    writeFileSync(path.join(dir, 'a.txt'), 'a\n');
    writeEntry(path.join(dir, '.git'), { v: 1, time: new Date().toISOString(), tool: 'claude', model: 'claude-opus-4-6', files: [{ path: 'a.txt' }] });
    const unstaged = await suggestTrailers(dir, 'Add a\n');
    assert.deepEqual(unstaged?.added, ['Assisted-by: Claude-Code:claude-opus-4-6']);
    assert.equal(unstaged?.message, 'Add a\n\nAssisted-by: Claude-Code:claude-opus-4-6\n');
    writeFileSync(path.join(dir, 'other.txt'), 'o\n');
    git(dir, ['add', 'other.txt']);
    assert.equal(await suggestTrailers(dir, 'Add other\n'), undefined, 'only evidence for the staged files counts');
    git(dir, ['add', 'a.txt']);
    assert.equal((await suggestTrailers(dir, 'Add both\n\nAssisted-by: Claude-Code:claude-opus-4-6\n')), undefined, 'already disclosed');
    git(dir, ['config', 'aiProvenance.mode', 'keep']);
    assert.equal(await suggestTrailers(dir, 'Add both\n'), undefined, 'keep adds nothing');
  });
});
