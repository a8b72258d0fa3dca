// Amend and rebase before any provenance note exists: git used to warn "notes ref
// refs/notes/ai-provenance is invalid" on every one (notes.rewriteRef named a ref that did not exist
// yet). Notes still follow amend and rebase exactly as before once they exist: through our
// post-rewrite hook, or — where a hook manager owns the hooks — through a rewriteRef pattern that
// matches our ref alone. An install from before (an exact rewriteRef) is migrated.
import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanupTempDirs, commit, initRepo } from '../helpers/repo';
import { hostileCli, hostileGit } from './bounded';

const INVALID = /notes ref .* is invalid/;

function repo(setup?: (dir: string) => void): string {
  const dir = initRepo();
  commit(dir, { message: 'base\n', files: { 'README.md': 'x\n' } });
  setup?.(dir);
  const r = hostileCli(['hooks', 'install', '--repo', dir]);
  assert.equal(r.status, 0, r.stderr);
  return dir;
}

/** Commits `files` through the hooks (a lefthook-managed repository has no hooks of ours: git runs none). */
function gitCommit(dir: string, message: string, files: Record<string, string>, extra: string[] = []) {
  for (const [f, c] of Object.entries(files)) writeFileSync(path.join(dir, f), c);
  if (Object.keys(files).length) hostileGit(dir, ['add', '--', ...Object.keys(files)]);
  return hostileGit(dir, ['commit', '-q', ...extra, '-m', message]);
}

const note = (dir: string, rev = 'HEAD'): string => hostileGit(dir, ['notes', '--ref=ai-provenance', 'show', rev], { ok: [1] }).stdout;

/** amend, then a rebase onto a side branch, with no note anywhere: no warning from git. */
function rewriteWithoutNotes(dir: string): void {
  gitCommit(dir, 'one\n', { 'a.txt': 'a\n' });
  const amend = hostileGit(dir, ['commit', '-q', '--amend', '-m', 'one (amended)']);
  assert.doesNotMatch(amend.stderr, INVALID);
  hostileGit(dir, ['checkout', '-q', '-b', 'side', 'HEAD~1']);
  gitCommit(dir, 'side\n', { 's.txt': 's\n' });
  hostileGit(dir, ['checkout', '-q', '-']);
  const rebase = hostileGit(dir, ['rebase', '-q', 'side']);
  assert.doesNotMatch(rebase.stderr + rebase.stdout, INVALID);
  assert.equal(hostileGit(dir, ['for-each-ref', 'refs/notes/']).stdout, '', 'no notes ref was created for nothing');
}

/** With a note: amend and rebase carry it; an amend that adds its own note keeps both. */
function rewriteWithNotes(dir: string): void {
  const r = gitCommit(dir, 'two\n\nCo-authored-by: Copilot <copilot@github.com>\n', { 'b.txt': 'b\n' });
  assert.match(r.stderr + note(dir), /"type":"removal"/, 'the removal is noted');
  const removal = note(dir).trim();
  hostileGit(dir, ['commit', '-q', '--amend', '-m', 'two (amended)\n\nCo-authored-by: Copilot <copilot@github.com>\n']);
  const both = note(dir).split('\n').filter(Boolean);
  assert.equal(both.length, 2, `the amended commit's own removal and the carried one: ${both.join('\n')}`);
  assert.ok(both.includes(removal));
  hostileGit(dir, ['checkout', '-q', '-b', 'side2', 'HEAD~1']);
  gitCommit(dir, 'side2\n', { 's2.txt': 's\n' });
  hostileGit(dir, ['checkout', '-q', '-']);
  const rebase = hostileGit(dir, ['rebase', '-q', 'side2']);
  assert.doesNotMatch(rebase.stderr, INVALID);
  assert.deepEqual(note(dir).split('\n').filter(Boolean), both, 'carried across the rebase');
  assert.equal(hostileGit(dir, ['for-each-ref', 'refs/notes/ai-provenance-tmp/']).stdout, '', 'no temporary notes ref left');
}

describe('hostile: amend and rebase before and after the first provenance note', function () {
  this.timeout(120_000);
  after(cleanupTempDirs);

  it('installed hooks: no "notes ref is invalid" warning, no rewriteRef; notes follow amend and rebase', () => {
    const dir = repo();
    assert.doesNotMatch(readFileSync(path.join(dir, '.git', 'config'), 'utf8'), /rewriteRef/);
    rewriteWithoutNotes(dir);
    rewriteWithNotes(dir);
  });

  it('a hook manager (lefthook): git copies the notes through a rewriteRef pattern matching our ref alone, without the warning', () => {
    const dir = repo((d) => writeFileSync(path.join(d, 'lefthook.yml'), '# lefthook\n'));
    assert.match(readFileSync(path.join(dir, '.git', 'config'), 'utf8'), /rewriteRef = refs\/notes\/ai-provenanc\[e\]/);
    rewriteWithoutNotes(dir);
    hostileGit(dir, ['notes', '--ref=ai-provenance', 'add', '-m', '{"v":1,"tool":"claude","files":[]}', 'HEAD']);
    const before = note(dir);
    const amend = hostileGit(dir, ['commit', '-q', '--amend', '-m', 'amended again']);
    assert.doesNotMatch(amend.stderr, INVALID);
    assert.equal(note(dir), before, 'git carried the note');
    assert.equal(hostileCli(['hooks', 'uninstall', '--repo', dir]).status, 0);
    assert.doesNotMatch(readFileSync(path.join(dir, '.git', 'config'), 'utf8'), /rewriteRef/, 'uninstall removes what install added');
  });

  it('an install from before (an exact rewriteRef): installing again migrates it, and the warning is gone', () => {
    const dir = initRepo();
    commit(dir, { message: 'base\n', files: { 'README.md': 'x\n' } });
    hostileGit(dir, ['config', '--add', 'notes.rewriteRef', 'refs/notes/ai-provenance']);
    mkdirSync(path.join(dir, '.git', 'ai-provenance'), { recursive: true });
    writeFileSync(path.join(dir, '.git', 'ai-provenance', 'install.json'), '{"rewriteRefAdded":true}\n');
    gitCommit(dir, 'one\n', { 'a.txt': 'a\n' });
    assert.match(hostileGit(dir, ['commit', '-q', '--amend', '-m', 'old install']).stderr, INVALID, 'the warning as it was');
    const r = hostileCli(['hooks', 'install', '--repo', dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /git config --unset notes\.rewriteRef refs\/notes\/ai-provenance/);
    assert.doesNotMatch(readFileSync(path.join(dir, '.git', 'config'), 'utf8'), /rewriteRef/);
    hostileGit(dir, ['reset', '-q', '--hard', 'HEAD~1']);
    rewriteWithoutNotes(dir);
    rewriteWithNotes(dir);
  });
});
