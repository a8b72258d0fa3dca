// The note handoff from commit-msg to post-commit (app/hooks/handoff.ts) where git does not run the two
// in order: `git merge` runs commit-msg but never post-commit; a commit whose post-commit did not
// finish; a handoff prepared for a commit git then refused. The note lands on the commit it was
// prepared for, or nowhere — never on a later commit.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { cleanupTempDirs, commit, git, gitRaw, initRepo } from '../helpers/repo';

const VSCODE = 'Co-authored-by: Copilot <copilot@github.com>';

function repoWithHooks(): string {
  const dir = initRepo();
  commit(dir, { message: 'base\n', files: { 'README.md': 'x\n' } });
  assert.equal(runCli(['hooks', 'install', '--repo', dir]).status, 0);
  return dir;
}

const note = (dir: string, rev = 'HEAD'): string => gitRaw(dir, ['notes', '--ref=ai-provenance', 'show', rev]).stdout.toString();
const pending = (dir: string): string[] => {
  const p = path.join(dir, '.git', 'ai-provenance-pending');
  return existsSync(p) ? readdirSync(p).filter((n) => n !== 'origin') : [];
};

describe('the provenance note handoff between commit-msg and post-commit', function () {
  this.timeout(120_000);
  after(cleanupTempDirs);

  it('git merge (commit-msg, no post-commit): the note of the merge lands on the merge, at the next hook run', () => {
    const dir = repoWithHooks();
    git(dir, ['checkout', '-q', '-b', 'side']);
    commit(dir, { message: 'side\n', files: { 's.txt': 's\n' } });
    git(dir, ['checkout', '-q', 'main']);
    commit(dir, { message: 'main\n', files: { 'm.txt': 'm\n' } });
    const merged = gitRaw(dir, ['merge', '-q', '--no-ff', 'side', '-m', `Merge side\n\n${VSCODE}`]);
    assert.equal(merged.status, 0, merged.stderr);
    const merge = git(dir, ['rev-parse', 'HEAD']).trim();
    assert.equal(git(dir, ['log', '-1', '--format=%B']).trim(), 'Merge side', 'the unbacked trailer was removed');
    assert.equal(note(dir), '', 'git runs no post-commit after a merge');
    assert.equal(pending(dir).length, 1, 'the note waits, prepared');
    writeFileSync(path.join(dir, 'after.txt'), 'a\n');
    git(dir, ['add', 'after.txt']);
    const next = gitRaw(dir, ['commit', '-q', '-m', 'after the merge']);
    assert.equal(next.status, 0, next.stderr);
    assert.match(note(dir, merge), /"type":"removal".*"line":"Co-authored-by: Copilot <copilot@github\.com>"/, 'on the merge');
    assert.equal(note(dir), '', 'not on the later commit');
    assert.match(next.stderr, /attached the provenance note an interrupted hook had prepared to/);
    assert.deepEqual(pending(dir), []);
  });

  it('a handoff whose commit git never made is discarded: its note lands on no commit', () => {
    const dir = repoWithHooks();
    const gitDir = path.join(dir, '.git');
    // As commit-msg leaves it when git then fails (a process gone, an empty message…).
    const stale = path.join(gitDir, 'ai-provenance-pending', 'note-999999999');
    mkdirSync(path.join(stale, 'add'), { recursive: true });
    writeFileSync(path.join(stale, 'note.jsonl'), '{"v":1,"tool":"claude","files":[{"path":"a.txt"}]}\n');
    writeFileSync(path.join(stale, 'message'), 'never made\n');
    writeFileSync(path.join(stale, 'msgfile'), `${path.join(gitDir, 'COMMIT_EDITMSG')}\n`);
    writeFileSync(path.join(stale, 'parent'), `${git(dir, ['rev-parse', 'HEAD']).trim()}\n`);
    writeFileSync(path.join(stale, 'consumed'), '');
    writeFileSync(path.join(dir, 'b.txt'), 'b\n');
    git(dir, ['add', 'b.txt']);
    const r = gitRaw(dir, ['commit', '-q', '-m', 'a human commit']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(note(dir), '', 'the stale note does not land on this commit');
    assert.deepEqual(pending(dir), []);
  });

  it('a claim left by a killed post-commit: the evidence goes to its commit at the next hook run, not to the next commit', () => {
    const dir = repoWithHooks();
    writeFileSync(path.join(dir, 'a.txt'), 'a\n');
    git(dir, ['add', 'a.txt']);
    // A file-level entry (no digests, no ranges): it would back any later change to a.txt.
    const log = path.join(dir, '.git', 'ai-provenance', 'worklog');
    mkdirSync(log, { recursive: true });
    writeFileSync(path.join(log, `${Date.now()}-1-0000abcd.json`), `${JSON.stringify({ v: 1, time: new Date().toISOString(), tool: 'aider', files: [{ path: 'a.txt' }] })}\n`);
    // The commit is made with the hooks off, then marked as the post-commit shim marks it before node starts.
    git(dir, ['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'aider: add a']);
    const first = git(dir, ['rev-parse', 'HEAD']).trim();
    mkdirSync(path.join(dir, '.git', 'ai-provenance-pending'), { recursive: true });
    writeFileSync(path.join(dir, '.git', 'ai-provenance-pending', `claim-${first}`), `${first}\n`);
    writeFileSync(path.join(dir, 'a.txt'), 'a\nhuman\n');
    git(dir, ['add', 'a.txt']);
    const r = gitRaw(dir, ['commit', '-q', '-m', 'human edit of a']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(note(dir, first), /"tool":"aider".*"path":"a\.txt"/);
    assert.equal(note(dir), '', 'the later commit to the same file gets nothing');
    assert.equal(git(dir, ['log', '-1', '--format=%B']).trim(), 'human edit of a');
    assert.deepEqual(readdirSync(path.join(dir, '.git', 'ai-provenance', 'worklog')), []);
  });
});
