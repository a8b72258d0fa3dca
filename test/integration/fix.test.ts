// `ai-provenance fix` end to end on real repositories with a local bare remote: pushed commits are
// never touched; unpushed ones get the policy's messages with identical trees, authors, committers
// and dates; a merge is rewritten with its parents mapped; the backup ref and the notes follow; a
// second run changes nothing; a concurrent branch move fails cleanly; refusals are exit 2.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { applyFix } from '../../src/app/fix/fixApply';
import { planFix } from '../../src/app/fix/fixPlan';
import { TEMP_NOTES_PREFIX } from '../../src/git/notesCarry';
import { fixCommand } from '../../src/cli/commands/fix';
import { runCli } from '../helpers/cli';
import { cleanupTempDirs, commit, git, gitRaw, initRepo, tempDir } from '../helpers/repo';

const PHANTOM = 'Co-authored-by: Copilot <copilot@github.com>';
const NOTE = `${JSON.stringify({ v: 1, tool: 'claude', model: 'claude-opus-4-6', files: [{ path: 'parser.ts', ranges: [[1, 1]] }] })}\n`;

interface Fixture {
  dir: string;
  pushed: string;
  phantom: string;
  undisclosed: string;
  side: string;
  merge: string;
  plain: string;
}

/** A pushed commit, then: phantom trailer, undisclosed recorded evidence (note), a side branch merged with --no-ff, a plain commit. */
function fixture(): Fixture {
  const remote = tempDir('aip-remote-');
  git(remote, ['init', '-q', '--bare', '-b', 'main']);
  const dir = initRepo();
  git(dir, ['remote', 'add', 'origin', remote]);
  const pushed = commit(dir, { message: `Pushed with a phantom trailer\n\n${PHANTOM}\n`, files: { 'README.md': 'x\n' }, date: '2026-01-01T09:00:00+01:00' });
  git(dir, ['push', '-q', 'origin', 'main']);
  const phantom = commit(dir, { message: `Fix the parser\n\n${PHANTOM}\n`, files: { 'lexer.ts': 'lex\n' }, date: '2026-01-02T10:00:00-05:00' });
  const undisclosed = commit(dir, { message: 'Add the parser\n', files: { 'parser.ts': 'parse\n' }, date: '2026-01-03T11:00:00+05:30',
    author: { name: 'Ada Lovelace', email: 'ada@example.com' }, committer: { name: 'Grace Hopper', email: 'grace@example.com' } });
  git(dir, ['notes', '--ref=refs/notes/ai-provenance', 'add', '-m', NOTE, undisclosed]);
  git(dir, ['notes', '--ref=refs/notes/ai', 'add', '-m', 'parser.ts\n  abcd1234abcd1234 1\n---\n{}', undisclosed]);
  git(dir, ['checkout', '-q', '-b', 'side']);
  const side = commit(dir, { message: `Side work\n\n${PHANTOM}\n`, files: { 'side.txt': 's\n' }, date: '2026-01-04T12:00:00+00:00' });
  git(dir, ['checkout', '-q', 'main']);
  git(dir, ['merge', '-q', '--no-ff', '--no-verify', '-m', 'Merge side', 'side']);
  const merge = git(dir, ['rev-parse', 'HEAD']).trim();
  git(dir, ['branch', '-q', '-D', 'side']);
  const plain = commit(dir, { message: 'Plain human work\n', files: { 'plain.txt': 'p\n' }, date: '2026-01-05T13:00:00+02:00' });
  return { dir, pushed, phantom, undisclosed, side, merge, plain };
}

/** old → new, by subject, over the first-parent and merged history since origin/main. */
function bySubject(dir: string, rev = 'HEAD'): Map<string, string> {
  const out = git(dir, ['log', '--format=%H %s', rev, '--not', '--remotes']).trim().split('\n').filter(Boolean);
  return new Map(out.map((l) => [l.slice(41), l.slice(0, 40)]));
}

const raw = (dir: string, sha: string): string => git(dir, ['cat-file', 'commit', sha]);
const headers = (dir: string, sha: string): string => raw(dir, sha).split('\n\n')[0] as string;
const without = (text: string, key: string): string => text.split('\n').filter((l) => !l.startsWith(`${key} `)).join('\n');
const refs = (dir: string): string => git(dir, ['for-each-ref', '--format=%(refname) %(objectname)']);

describe('ai-provenance fix (real git, local bare remote)', function () {
  this.timeout(60000);
  after(cleanupTempDirs);

  it('rewrites the unpushed commits only, keeping trees, identities and dates; backup, notes and merge follow', () => {
    const f = fixture();
    writeFileSync(path.join(f.dir, 'README.md'), 'dirty\n');
    writeFileSync(path.join(f.dir, 'staged.txt'), 'staged\n');
    git(f.dir, ['add', 'staged.txt']);
    const status = git(f.dir, ['status', '--porcelain=v1']);
    const index = git(f.dir, ['ls-files', '-s']);
    const oldTip = git(f.dir, ['rev-parse', 'HEAD']).trim();
    const before = bySubject(f.dir);

    const r = runCli(['fix', '--repo', f.dir, '--yes']);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    const after = bySubject(f.dir);
    assert.match(r.stdout, /rewrote 5 commits of main \(3 new messages\); backup: refs\/ai-provenance\/backup\/\d{8}T\d{6}Z/);
    for (const [subject, old] of before) assert.match(r.stdout, new RegExp(`${old} → ${after.get(subject)}`), subject);

    // pushed history untouched
    assert.equal(git(f.dir, ['rev-parse', 'origin/main']).trim(), f.pushed);
    assert.equal(git(f.dir, ['rev-parse', 'HEAD~4']).trim(), f.pushed, 'the pushed commit is still the base');
    assert.match(git(f.dir, ['log', '-1', '--format=%B', f.pushed]), /copilot@github\.com/);

    // messages: phantom trailers removed, recorded evidence disclosed, the rest unchanged
    const message = (subject: string): string => git(f.dir, ['log', '-1', '--format=%B', after.get(subject) as string]);
    assert.equal(message('Fix the parser'), 'Fix the parser\n\n');
    assert.equal(message('Side work'), 'Side work\n\n');
    assert.match(message('Add the parser'), /^Add the parser\n\nAssisted-by: Claude-Code:claude-opus-4-6\n/);
    assert.equal(message('Merge side'), 'Merge side\n\n');
    assert.equal(message('Plain human work'), 'Plain human work\n\n');

    // every header but the parents is byte-identical; trees identical; parents mapped
    for (const [subject, old] of before) {
      const now = after.get(subject) as string;
      assert.notEqual(now, old, subject);
      assert.equal(without(headers(f.dir, now), 'parent'), without(headers(f.dir, old), 'parent'), subject);
    }
    const parents = (sha: string): string[] => git(f.dir, ['rev-list', '--parents', '-1', sha]).trim().split(' ').slice(1);
    assert.deepEqual(parents(after.get('Merge side') as string), [after.get('Add the parser'), after.get('Side work')]);
    assert.deepEqual(parents(after.get('Fix the parser') as string), [f.pushed]);

    // backup ref at the old tip; the branch moved with a reflog entry; index and work tree untouched
    const backup = /backup: (refs\/ai-provenance\/backup\/\S+)/.exec(r.stdout)?.[1] as string;
    assert.equal(git(f.dir, ['rev-parse', backup]).trim(), oldTip);
    assert.match(git(f.dir, ['reflog', '-1', '--format=%gs', 'main']), /^ai-provenance fix: new messages for 3 commits/);
    assert.equal(git(f.dir, ['status', '--porcelain=v1']), status);
    assert.equal(git(f.dir, ['ls-files', '-s']), index);
    assert.equal(readFileSync(path.join(f.dir, 'README.md'), 'utf8'), 'dirty\n');

    // notes carried to the new commits, on our ref and git-ai's; no temporary refs left
    const newUndisclosed = after.get('Add the parser') as string;
    assert.equal(git(f.dir, ['notes', '--ref=refs/notes/ai-provenance', 'show', newUndisclosed]).trim(), NOTE.trim());
    assert.match(git(f.dir, ['notes', '--ref=refs/notes/ai', 'show', newUndisclosed]), /abcd1234abcd1234/);
    assert.equal(git(f.dir, ['notes', '--ref=refs/notes/ai-provenance', 'show', f.undisclosed]).trim(), NOTE.trim(), 'old notes stay');
    assert.ok(!refs(f.dir).includes(TEMP_NOTES_PREFIX));
    // nothing removed silently: the removal is recorded in the new commit's note, as the hook records it
    for (const subject of ['Fix the parser', 'Side work']) {
      const note = git(f.dir, ['notes', '--ref=refs/notes/ai-provenance', 'show', after.get(subject) as string]).trim().split('\n');
      const removal = JSON.parse(note[note.length - 1] as string) as Record<string, unknown>;
      assert.deepEqual({ ...removal, time: undefined, policy: undefined }, {
        v: 1, type: 'removal', action: 'removed', line: PHANTOM, mode: 'evidence', tool: 'copilot', class: 'editor-added',
        reason: 'VS Code added it, but no AI edit was recorded or marked in the committed lines', time: undefined, policy: undefined,
      });
      assert.match(removal.policy as string, /^sha256:[0-9a-f]{64}$/);
    }
    assert.match(r.stdout, /removals recorded in the new commits' notes \(refs\/notes\/ai-provenance\): 2/);
    const audit = JSON.parse(runCli(['audit', '--repo', f.dir, '--format', 'json', 'origin/main..HEAD']).stdout) as { commits: { subject: string; verdict: string; removed?: { line: string }[] }[] };
    const fixedAudit = audit.commits.find((c) => c.subject === 'Fix the parser');
    assert.equal(fixedAudit?.verdict, 'none');
    assert.deepEqual(fixedAudit?.removed?.map((x) => x.line), [PHANTOM], 'audit shows the removal');

    // the gate agrees; a second run changes nothing
    const check = runCli(['check', '--repo', f.dir, 'origin/main..HEAD']);
    assert.equal(check.status, 0, check.stdout);
    const refsBefore = refs(f.dir);
    const again = runCli(['fix', '--repo', f.dir, '--yes']);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /all 5 commits follow the policy .*nothing was changed/);
    assert.equal(refs(f.dir), refsBefore, 'same shas, no backup, no ref moved');
  });

  it("applies the hook's decision: the agent's own trailer stays, a backed editor trailer stays, a code marker is disclosed and recorded", () => {
    const remote = tempDir('aip-remote-');
    git(remote, ['init', '-q', '--bare']);
    const dir = initRepo();
    git(dir, ['remote', 'add', 'origin', remote]);
    commit(dir, { message: 'base\n' });
    git(dir, ['push', '-q', 'origin', 'main']);
    const own = commit(dir, { message: 'Agent work\n\nCo-Authored-By: Claude Opus 4.6 <noreply@anthropic.com>\n', files: { 'agent.ts': 'a\n' } });
    const backed = commit(dir, { message: `Completion\n\n${PHANTOM}\n`, files: { 'done.ts': 'x\n' } });
    git(dir, ['notes', '--ref=refs/notes/ai-provenance', 'add', '-m', JSON.stringify({ v: 1, tool: 'copilot', files: [{ path: 'done.ts', ranges: [[1, 1]] }] }), backed]);
    commit(dir, { message: 'Add a helper\n', files: { 'helper.ts': '// Generated by GitHub Copilot\nexport const h = 1;\n' } });
    const r = runCli(['fix', '--repo', dir, '--yes']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /rewrote 1 commit of main \(1 new message\)/);
    assert.equal(git(dir, ['rev-parse', 'HEAD~1']).trim(), backed, 'the backed trailer and the agent trailer stay: those commits are kept');
    assert.equal(git(dir, ['rev-parse', 'HEAD~2']).trim(), own);
    assert.equal(git(dir, ['log', '-1', '--format=%B']), 'Add a helper\n\nAssisted-by: GitHub-Copilot\n\n');
    const note = git(dir, ['notes', '--ref=refs/notes/ai-provenance', 'show', 'HEAD']).trim();
    assert.equal(note, JSON.stringify({ v: 1, tool: 'copilot', source: 'diff-marker', files: [{ path: 'helper.ts', ranges: [[1, 1]] }] }));
    assert.equal(runCli(['check', '--repo', dir, 'origin/main..HEAD']).status, 0);
  });

  it('a merge does not disclose the code markers of the commits it brings in', () => {
    const remote = tempDir('aip-remote-');
    git(remote, ['init', '-q', '--bare']);
    const dir = initRepo();
    git(dir, ['remote', 'add', 'origin', remote]);
    commit(dir, { message: 'base\n' });
    git(dir, ['checkout', '-q', '-b', 'feature']);
    commit(dir, { message: 'Generated helper\n\nAssisted-by: GitHub-Copilot\n', files: { 'helper.ts': '// Generated by GitHub Copilot\nexport const h = 1;\n' } });
    git(dir, ['push', '-q', 'origin', 'main', 'feature']);
    git(dir, ['checkout', '-q', 'main']);
    commit(dir, { message: 'Local work\n', files: { 'local.txt': 'l\n' } });
    git(dir, ['merge', '-q', '--no-ff', '--no-verify', '-m', 'Merge feature', 'origin/feature']);
    const refsBefore = refs(dir);
    const r = runCli(['fix', '--repo', dir, '--yes']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /all 2 commits follow the policy/);
    assert.equal(refs(dir), refsBefore);
  });

  it('--dry-run prints each message diff and changes nothing', () => {
    const f = fixture();
    const refsBefore = refs(f.dir);
    const r = runCli(['fix', '--repo', f.dir, '--dry-run']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /3 of 5 commits \(the unpushed commits of main\) need a new message — dry run, nothing was changed/);
    assert.ok(r.stdout.includes(`commit ${f.phantom.slice(0, 12)}  Fix the parser\n  removed "${PHANTOM}" (VS Code added it, but no AI edit`), r.stdout);
    assert.match(r.stdout, /Each removed line is recorded in the new commit's note on refs\/notes\/ai-provenance \(2 removal records\)/);
    assert.ok(r.stdout.includes(`@@ -1,3 +1 @@\n   Fix the parser\n  -\n  -${PHANTOM}\n`), r.stdout);
    assert.ok(r.stdout.includes('  +Assisted-by: Claude-Code:claude-opus-4-6'), r.stdout);
    assert.match(r.stdout, /5 commits would get new ids \(2 only because a parent changes\); the branch main would move/);
    assert.match(r.stdout, /To apply: ai-provenance fix --yes/);
    assert.equal(refs(f.dir), refsBefore);
  });

  it('on a terminal without --yes it is a dry run; --yes applies', async () => {
    const f = fixture();
    const refsBefore = refs(f.dir);
    const run = async (args: string[]): Promise<{ code: number; out: string }> => {
      const stdout = Object.assign(new PassThrough(), { isTTY: true }) as unknown as NodeJS.WriteStream;
      const stderr = new PassThrough() as unknown as NodeJS.WriteStream;
      let out = '';
      stdout.on('data', (c: Buffer) => void (out += c.toString()));
      let err = "";
      stderr.on("data", (c: Buffer) => void (err += c.toString()));
      const code = await fixCommand(['--repo', f.dir, ...args], { stdout, stderr, stdin: process.stdin, env: { NO_COLOR: '1' }, cwd: f.dir });
      return { code, out: out + err };
    };
    const dry = await run([]);
    assert.equal(dry.code, 0, dry.out);
    assert.match(dry.out, /— dry run, nothing was changed/);
    assert.equal(refs(f.dir), refsBefore);
    const applied = await run(['--yes']);
    assert.equal(applied.code, 0, applied.out);
    assert.match(applied.out, /rewrote 5 commits of main/);
  });

  it('a RANGE limits the messages fixed; later commits are re-parented only', () => {
    const f = fixture();
    const r = runCli(['fix', '--repo', f.dir, '--yes', `${f.pushed}..${f.phantom}`]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /rewrote 5 commits of main \(1 new message\)/);
    const after = bySubject(f.dir);
    assert.equal(git(f.dir, ['log', '-1', '--format=%B', after.get('Fix the parser') as string]), 'Fix the parser\n\n');
    assert.match(git(f.dir, ['log', '-1', '--format=%B', after.get('Side work') as string]), /copilot@github\.com/, 'outside the range: message kept');
    assert.equal(git(f.dir, ['log', '-1', '--format=%B', after.get('Add the parser') as string]), 'Add the parser\n\n');
  });

  it('refuses a pushed commit, a commit not on the branch, and a bisect in progress (exit 2, nothing changed)', () => {
    const f = fixture();
    const refsBefore = refs(f.dir);
    const pushed = runCli(['fix', '--repo', f.dir, '--yes', `${f.pushed}~0`]);
    assert.equal(pushed.status, 2, pushed.stderr);
    assert.match(pushed.stderr, new RegExp(`${f.pushed.slice(0, 10)} "Pushed with a phantom trailer" is on origin/main: pushed commits are never rewritten`));
    git(f.dir, ['branch', 'elsewhere', f.pushed]);
    git(f.dir, ['checkout', '-q', 'elsewhere']);
    const other = commit(f.dir, { message: `Elsewhere\n\n${PHANTOM}\n` });
    git(f.dir, ['checkout', '-q', 'main']);
    const notOnBranch = runCli(['fix', '--repo', f.dir, '--yes', `${f.pushed}..${other}`]);
    assert.equal(notOnBranch.status, 2);
    assert.match(notOnBranch.stderr, new RegExp(`${other.slice(0, 10)} "Elsewhere" is not on main`));
    git(f.dir, ['bisect', 'start']);
    const bisect = runCli(['fix', '--repo', f.dir, '--yes']);
    assert.equal(bisect.status, 2);
    assert.match(bisect.stderr, /a bisect is in progress: finish or abort it first/);
    gitRaw(f.dir, ['bisect', 'reset']);
    git(f.dir, ['branch', '-q', '-D', 'elsewhere']);
    assert.equal(refs(f.dir), refsBefore);
  });

  it('refuses during a cherry-pick with a conflict', () => {
    const f = fixture();
    git(f.dir, ['checkout', '-q', '-b', 'conflict', f.pushed]);
    const theirs = commit(f.dir, { message: 'Theirs\n', files: { 'plain.txt': 'other\n' } });
    git(f.dir, ['checkout', '-q', 'main']);
    assert.notEqual(gitRaw(f.dir, ['cherry-pick', theirs]).status, 0);
    const r = runCli(['fix', '--repo', f.dir, '--yes']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /a cherry-pick is in progress/);
    git(f.dir, ['cherry-pick', '--abort']);
  });

  it('a concurrent branch move makes the update fail cleanly: no backup, no notes moved, no temporary refs', async () => {
    const f = fixture();
    const plan = await planFix({ repo: f.dir });
    assert.equal(plan.rewrite.length, 5);
    const moved = commit(f.dir, { message: 'Meanwhile\n' });
    const refsBefore = refs(f.dir);
    await assert.rejects(applyFix(plan), (e: Error) => {
      assert.equal(e.name, 'RefMovedError');
      assert.match(e.message, /refs\/heads\/main moved while fixing .*nothing was changed/);
      return true;
    });
    assert.equal(git(f.dir, ['rev-parse', 'HEAD']).trim(), moved);
    assert.equal(refs(f.dir), refsBefore);
  });

  it('detached HEAD: HEAD moves, no branch does', () => {
    const f = fixture();
    git(f.dir, ['checkout', '-q', '--detach']);
    const main = git(f.dir, ['rev-parse', 'main']).trim();
    const r = runCli(['fix', '--repo', f.dir, '--yes']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /HEAD is detached: HEAD itself moves to the rewritten commits; no branch changes/);
    assert.match(r.stdout, /rewrote 5 commits of HEAD \(detached\)/);
    assert.equal(git(f.dir, ['rev-parse', 'main']).trim(), main);
    assert.equal(git(f.dir, ['log', '-1', '--format=%B', 'HEAD~1^1']).trim(), 'Add the parser\n\nAssisted-by: Claude-Code:claude-opus-4-6');
  });

  it('another branch sharing rewritten commits keeps them, and fix says so', () => {
    const f = fixture();
    git(f.dir, ['branch', 'keep', f.phantom]);
    const r = runCli(['fix', '--repo', f.dir, '--yes']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /1 other branch \(keep\) contains commits that get rewritten: only main moves/);
    assert.equal(git(f.dir, ['rev-parse', 'keep']).trim(), f.phantom);
  });

  it('keeps an encoding header and a non-UTF-8 message byte for byte', () => {
    const dir = initRepo();
    const remote = tempDir('aip-remote-');
    git(remote, ['init', '-q', '--bare']);
    git(dir, ['remote', 'add', 'origin', remote]);
    commit(dir, { message: 'base\n' });
    git(dir, ['push', '-q', 'origin', 'main']);
    const latin1 = Buffer.concat([Buffer.from('Caf'), Buffer.from([0xe9]), Buffer.from(` cr\xe8me\n\n${PHANTOM}\n`, 'latin1')]);
    writeFileSync(path.join(dir, 'msg'), latin1);
    git(dir, ['-c', 'i18n.commitEncoding=ISO-8859-1', 'commit', '-q', '--allow-empty', '--no-verify', '--cleanup=verbatim', '-F', 'msg']);
    const old = git(dir, ['rev-parse', 'HEAD']).trim();
    const r = runCli(['fix', '--repo', dir, '--yes']);
    assert.equal(r.status, 0, r.stderr);
    const now = git(dir, ['rev-parse', 'HEAD']).trim();
    const bytes = gitRaw(dir, ['cat-file', 'commit', now]).stdout;
    const oldBytes = gitRaw(dir, ['cat-file', 'commit', old]).stdout;
    assert.match(bytes.toString('latin1'), /\nencoding ISO-8859-1\n/);
    const body = bytes.subarray(bytes.indexOf('\n\n') + 2);
    assert.deepEqual(body, Buffer.concat([Buffer.from('Caf'), Buffer.from([0xe9]), Buffer.from(' cr\xe8me\n', 'latin1')]));
    assert.equal(without(headers(dir, now), 'parent'), without(headers(dir, old), 'parent'));
    assert.equal(oldBytes.subarray(0, oldBytes.indexOf('\n\n')).toString('latin1'), bytes.subarray(0, bytes.indexOf('\n\n')).toString('latin1'));
  });

  it('under forbid, attribution cannot be fixed automatically: exit 1 with the reasons, nothing changed', () => {
    const f = fixture();
    git(f.dir, ['config', 'aiProvenance.mode', 'forbid']);
    const refsBefore = refs(f.dir);
    const r = runCli(['fix', '--repo', f.dir, '--yes']);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /no commit of the unpushed commits of main can be fixed automatically: nothing was changed/);
    assert.match(r.stdout, /3 commits still break the policy and cannot be fixed automatically:/);
    assert.ok(r.stdout.includes(`${f.phantom.slice(0, 12)}  Fix the parser\n  - this repository forbids AI attribution: remove "${PHANTOM}"`), r.stdout);
    assert.equal(refs(f.dir), refsBefore);
  });

  it('nothing unpushed: nothing to fix', () => {
    const f = fixture();
    git(f.dir, ['reset', '-q', '--hard', f.pushed]);
    const r = runCli(['fix', '--repo', f.dir, '--yes']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /no unpushed commits \(the unpushed commits of main\): nothing to fix/);
    assert.ok(!existsSync(path.join(f.dir, '.git', 'refs', 'ai-provenance')));
  });
});
