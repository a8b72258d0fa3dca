// Issue 9 through real `git commit` with the installed hooks: an agent's own attribution survives
// the default policy; VS Code's trailer stays only when evidence backs the committed lines; staged
// AI code markers are disclosed, demanded or rejected; every removal is in the note, the audit and
// stderr; amend, reword, squash, fixup and cherry-pick keep valid attribution and `check` stays
// green; a new commit inherits nothing; verbatim cleanup and a Signed-off-by-only message.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { GIT_ENV, cleanupTempDirs, commit, git, gitRaw, initRepo, tempDir } from '../helpers/repo';

const VSCODE = 'Co-authored-by: Copilot <copilot@github.com>';
const ROBOT = '\u{1F916}';
const CLAUDE_MSG = `Add a\n\n${ROBOT} Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude Opus 4.6 <noreply@anthropic.com>\n`;
/** Built at run time so this repository's own audit and hooks do not see a marker here. */
const MARKER = ['//', 'Generated', 'by', 'GitHub', 'Copilot'].join(' ');
const CODE = 'export function area(r: number): number {\n  return Math.PI * r * r;\n}\n';

interface Audit { verdict: string; tools: string[]; evidence: { kind: string; tool: string; signature: string }[];
  removed?: { line: string; action: string; class: string; mode: string; reason: string; policy: string; replacedBy?: string[] }[] }

function repoWithHooks(mode?: string): string {
  const dir = initRepo();
  commit(dir, { message: 'base\n', files: { 'README.md': 'x\n' } });
  const r = runCli(['hooks', 'install', '--repo', dir]);
  assert.equal(r.status, 0, r.stderr);
  if (mode) git(dir, ['config', 'aiProvenance.mode', mode]);
  return dir;
}

/** Writes and stages exactly these files (other work-tree changes stay unstaged). */
function stage(dir: string, files: Record<string, string>): void {
  for (const [f, c] of Object.entries(files)) writeFileSync(path.join(dir, f), c);
  if (Object.keys(files).length) git(dir, ['add', '--', ...Object.keys(files)]);
}

function gitCommit(dir: string, message: string, files: Record<string, string> = {}, extra: string[] = [], env: NodeJS.ProcessEnv = GIT_ENV) {
  stage(dir, files);
  const msgFile = path.join(tempDir(), 'MSG');
  writeFileSync(msgFile, message);
  return { ...gitRaw(dir, ['commit', '-q', '-F', msgFile, ...extra], undefined, env), msgFile };
}

/** `ai-provenance record` as an agent's hook would run it (digests of the recorded lines included). */
function record(dir: string, tool: string, ...files: string[]): void {
  const r = runCli(['record', '--repo', dir, '--tool', tool, ...files.flatMap((f) => ['--file', path.join(dir, f)])]);
  assert.equal(r.status, 0, r.stderr);
}

const body = (dir: string, rev = 'HEAD'): string => git(dir, ['log', '-1', '--format=%B', rev]).replace(/\n+$/, '');
const note = (dir: string, rev = 'HEAD'): string => gitRaw(dir, ['notes', '--ref=ai-provenance', 'show', rev]).stdout.toString();
const worklog = (dir: string): string[] => {
  const wl = path.join(dir, '.git/ai-provenance/worklog');
  return existsSync(wl) ? readdirSync(wl) : [];
};
function audit(dir: string, rev = 'HEAD'): Audit {
  const r = runCli(['audit', '--repo', dir, '-n', '1', '--format', 'json', rev]);
  assert.equal(r.status, 0, r.stderr);
  return (JSON.parse(r.stdout) as { commits: Audit[] }).commits[0] as Audit;
}
function check(dir: string, range: string): { status: number; stdout: string } {
  const r = runCli(['check', '--repo', dir, range]);
  return { status: r.status, stdout: r.stdout };
}

describe('honest attribution through real git commits (issue 9)', function () {
  this.timeout(180000);
  after(cleanupTempDirs);

  describe('the default (evidence) mode', () => {
    it("keeps an agent's own trailer and footer with no recorded evidence", () => {
      const dir = repoWithHooks();
      const r = gitCommit(dir, CLAUDE_MSG, { 'a.txt': 'a\n' });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(`${body(dir)}\n`, CLAUDE_MSG);
      assert.equal(r.stderr, '');
      assert.equal(audit(dir).verdict, 'assisted');
      assert.equal(check(dir, 'HEAD~1..HEAD').status, 0);
    });

    it("removes VS Code's unbacked trailer: one stderr line, a removal record in the note, `none` with the removal in the audit", () => {
      const dir = repoWithHooks();
      const r = gitCommit(dir, `Add b\n\n${VSCODE}\n`, { 'b.txt': 'b\n' });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(body(dir), 'Add b');
      assert.deepEqual(r.stderr.trim().split('\n'), [`ai-provenance: removed "${VSCODE}" (VS Code added it, but no AI edit was recorded or marked in the committed lines; recorded in the provenance note)`]);
      const records = note(dir).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      assert.equal(records.length, 1);
      assert.deepEqual({ ...records[0], time: undefined, policy: undefined }, {
        v: 1, type: 'removal', action: 'removed', line: VSCODE, mode: 'evidence', tool: 'copilot', class: 'editor-added',
        reason: 'VS Code added it, but no AI edit was recorded or marked in the committed lines', time: undefined, policy: undefined,
      });
      const policy = JSON.parse(runCli(['policy', 'show', '--repo', dir, '--json']).stdout) as { digest: string };
      assert.equal(records[0]?.policy, policy.digest, 'the digest of the effective policy');
      const a = audit(dir);
      assert.equal(a.verdict, 'none');
      assert.deepEqual(a.removed?.map((x) => [x.line, x.action, x.class]), [[VSCODE, 'removed', 'editor-added']]);
      assert.equal(check(dir, 'HEAD~1..HEAD').status, 0, 'the commit follows the policy');
      for (const format of ['markdown', 'html', 'csv', 'sarif']) {
        const out = runCli(['export', '--repo', dir, '--format', format, '-n', '1']);
        assert.equal(out.status, 0, out.stderr);
        assert.ok(out.stdout.includes('VS Code added it'), `${format} shows the removal`);
      }
    });

    it('keeps it when recorded evidence backs the committed lines of a committed file', () => {
      const dir = repoWithHooks();
      stage(dir, { 'area.ts': CODE });
      record(dir, 'copilot', 'area.ts');
      const r = gitCommit(dir, `Add area\n\n${VSCODE}\n`);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(body(dir), `Add area\n\n${VSCODE}`);
      assert.match(note(dir), /"tool":"copilot".*"path":"area\.ts"/);
      assert.deepEqual(worklog(dir), []);
    });

    it('evidence for another file backs nothing (and stays recorded for that file)', () => {
      const dir = repoWithHooks();
      writeFileSync(path.join(dir, 'other.ts'), CODE);
      record(dir, 'copilot', 'other.ts');
      const r = gitCommit(dir, `Add c\n\n${VSCODE}\n`, { 'c.txt': 'c\n' });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(body(dir), 'Add c');
      assert.equal(worklog(dir).length, 1, 'the entry for other.ts is still there');
    });

    it('AI lines a human overwrote before committing back nothing (line digests)', () => {
      const dir = repoWithHooks();
      writeFileSync(path.join(dir, 'area.ts'), CODE);
      runCli(['record', '--repo', dir, '--tool', 'copilot', '--file', `${path.join(dir, 'area.ts')}:2`]);
      const r = gitCommit(dir, `Add area\n\n${VSCODE}\n`, { 'area.ts': CODE.replace('Math.PI * r * r', '3.14159 * r ** 2') });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(body(dir), 'Add area', 'the sticky per-file claim is removed');
      assert.match(note(dir), /"type":"removal"/);
    });

    it("replaces VS Code's Copilot claim with the real tool's trailer when the evidence names another tool", () => {
      const dir = repoWithHooks();
      stage(dir, { 'area.ts': CODE });
      record(dir, 'tabnine', 'area.ts');
      const r = gitCommit(dir, `Add area\n\n${VSCODE}\n`);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(body(dir), 'Add area\n\nAssisted-by: Tabnine');
      assert.match(r.stderr, /replaced "Co-authored-by: Copilot <copilot@github\.com>" with "Assisted-by: Tabnine"/);
      const a = audit(dir);
      assert.deepEqual(a.tools, ['tabnine']);
      assert.deepEqual(a.removed?.map((x) => [x.action, x.replacedBy]), [['replaced', ['Assisted-by: Tabnine']]]);
    });

    it('a NEW commit does not inherit from HEAD: a phantom trailer is not backed by HEAD\'s note', () => {
      const dir = repoWithHooks();
      stage(dir, { 'area.ts': CODE });
      record(dir, 'copilot', 'area.ts');
      assert.equal(gitCommit(dir, `Add area\n\n${VSCODE}\n`).status, 0);
      assert.equal(body(dir), `Add area\n\n${VSCODE}`);
      const r = gitCommit(dir, `Touch docs\n\n${VSCODE}\n`, { 'docs.md': 'docs\n' });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(body(dir), 'Touch docs');
    });
  });

  describe('AI code markers in the staged diff', () => {
    it('evidence: the disclosure is added and the marker is in the note with file and line', () => {
      const dir = repoWithHooks();
      const r = gitCommit(dir, 'Add area\n', { 'area.ts': `${MARKER}\n${CODE}` });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(body(dir), 'Add area\n\nAssisted-by: GitHub-Copilot');
      assert.equal(note(dir), '{"v":1,"tool":"copilot","source":"diff-marker","files":[{"path":"area.ts","ranges":[[1,1]]}]}\n');
      assert.equal(check(dir, 'HEAD~1..HEAD').status, 0);
    });

    it('require demands the disclosure, naming the file and line; forbid rejects; the message is kept', () => {
      for (const mode of ['require', 'forbid']) {
        const dir = repoWithHooks(mode);
        const r = gitCommit(dir, 'Add area\n', { 'area.ts': `${CODE}${MARKER}\n` });
        assert.notEqual(r.status, 0, mode);
        assert.equal(readFileSync(r.msgFile, 'utf8'), 'Add area\n');
        assert.match(r.stderr, mode === 'require'
          ? /AI assistance from GitHub Copilot is marked in the added code \(area\.ts:4\) but is not disclosed: add the trailer "Assisted-by: GitHub-Copilot"/
          : /AI assistance from GitHub Copilot is marked in the added code \(area\.ts:4\), and this repository forbids AI-generated code/);
        assert.equal(git(dir, ['rev-list', '--count', 'HEAD']).trim(), '1');
      }
    });

    it('a merge does not disclose the markers of the commits it brings in (they were disclosed when made)', () => {
      const dir = repoWithHooks();
      git(dir, ['checkout', '-q', '-b', 'side']);
      assert.equal(gitCommit(dir, 'Add area\n', { 'area.ts': `${MARKER}\n${CODE}` }).status, 0);
      assert.equal(body(dir), 'Add area\n\nAssisted-by: GitHub-Copilot');
      git(dir, ['checkout', '-q', 'main']);
      assert.equal(gitCommit(dir, 'Other work\n', { 'other.txt': 'o\n' }).status, 0);
      const r = gitRaw(dir, ['merge', '-q', '--no-ff', '-m', 'Merge side', 'side']);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(body(dir), 'Merge side');
      assert.equal(note(dir), '');
    });

    it('trap markers are ignored (Go generated code, bare @generated)', () => {
      const dir = repoWithHooks('require');
      const r = gitCommit(dir, 'Regenerate\n', { 'pb.go': '// Code generated by protoc-gen-go. DO NOT EDIT.\npackage pb\n', 'schema.js': '/** @generated */\nexport {};\n' });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(body(dir), 'Regenerate');
      assert.equal(note(dir), '');
    });
  });

  describe('history edits keep valid attribution, and check stays green', () => {
    function aiCommit(dir: string, file: string, tool: string, message: string): void {
      stage(dir, { [file]: `${CODE}// ${file}\n` });
      record(dir, tool, file);
      const r = gitCommit(dir, message);
      assert.equal(r.status, 0, r.stderr);
    }

    it('git commit --amend --no-edit keeps our own trailer and an inherited VS Code trailer', () => {
      const dir = repoWithHooks();
      aiCommit(dir, 'a.ts', 'claude', 'Add a\n');
      assert.equal(body(dir), 'Add a\n\nAssisted-by: Claude-Code');
      assert.equal(gitRaw(dir, ['commit', '-q', '--amend', '--no-edit']).status, 0);
      assert.equal(body(dir), 'Add a\n\nAssisted-by: Claude-Code');
      assert.equal(check(dir, 'HEAD~1..HEAD').status, 0);

      aiCommit(dir, 'b.ts', 'copilot', `Add b\n\n${VSCODE}\n`);
      assert.equal(body(dir), `Add b\n\n${VSCODE}`);
      const amend = gitRaw(dir, ['commit', '-q', '--amend', '--no-edit']);
      assert.equal(amend.status, 0, amend.stderr);
      assert.equal(body(dir), `Add b\n\n${VSCODE}`, 'inherited: it was on the amended commit');
      assert.equal(amend.stderr, '');
      const c = check(dir, 'HEAD~2..HEAD');
      assert.equal(c.status, 0, c.stdout);

      // The amended commit's message is what counts, not its note: one made without the hooks keeps its line too.
      stage(dir, { 'c.ts': CODE });
      assert.equal(gitRaw(dir, ['commit', '-q', '--no-verify', '-m', `Add c\n\n${VSCODE}`]).status, 0);
      assert.equal(gitRaw(dir, ['commit', '-q', '--amend', '--no-edit']).status, 0);
      assert.equal(body(dir), `Add c\n\n${VSCODE}`);
    });

    it('git commit --amend -m/-F with a new message (git names no commit to the hook then) keeps the disclosure its note backs', () => {
      const dir = repoWithHooks();
      aiCommit(dir, 'a.ts', 'claude', 'Add a\n');
      const r = gitRaw(dir, ['commit', '-q', '--amend', '-m', 'Reworded a']);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(body(dir), 'Reworded a\n\nAssisted-by: Claude-Code');
      assert.equal(check(dir, 'HEAD~1..HEAD').status, 0);
      const msg = path.join(tempDir(), 'M');
      writeFileSync(msg, 'Reworded again\n');
      assert.equal(gitRaw(dir, ['commit', '-q', '--ame', '-F', msg]).status, 0, 'an abbreviated --amend is an amend too');
      assert.equal(body(dir), 'Reworded again\n\nAssisted-by: Claude-Code');
      // a new commit made with -m inherits nothing from HEAD
      stage(dir, { 'b.txt': 'plain\n' });
      assert.equal(gitRaw(dir, ['commit', '-q', '-m', 'Plain b']).status, 0);
      assert.equal(body(dir), 'Plain b');
      assert.equal(check(dir, 'HEAD~2..HEAD').status, 0);
    });

    it('amend drops a NEW unbacked VS Code trailer but keeps what the original carried', () => {
      const dir = repoWithHooks();
      aiCommit(dir, 'a.ts', 'claude', 'Add a\n');
      const msg = path.join(tempDir(), 'M');
      writeFileSync(msg, `Add a\n\nAssisted-by: Claude-Code\n${VSCODE}\n`);
      const r = gitRaw(dir, ['commit', '-q', '--amend', '-F', msg]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(body(dir), 'Add a\n\nAssisted-by: Claude-Code');
    });

    it('rebase -i reword keeps what the reworded commit carried (an unbacked VS Code trailer from before the hooks too)', () => {
      const dir = repoWithHooks();
      stage(dir, { 'old.ts': CODE });
      assert.equal(gitRaw(dir, ['commit', '-q', '--no-verify', '-m', `Old work\n\n${VSCODE}`]).status, 0);
      aiCommit(dir, 'a.ts', 'claude', 'Add a\n');
      const env = { ...GIT_ENV, GIT_SEQUENCE_EDITOR: "sed -i -e 's/^pick/reword/'", GIT_EDITOR: 'true' };
      const r = gitRaw(dir, ['rebase', '-q', '-i', 'HEAD~2'], undefined, env);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(!/removed/.test(r.stderr), r.stderr);
      assert.equal(body(dir, 'HEAD~1'), `Old work\n\n${VSCODE}`, 'inherited: the reworded commit carried it');
      assert.equal(body(dir), 'Add a\n\nAssisted-by: Claude-Code');
      assert.equal(check(dir, 'HEAD~1..HEAD').status, 0);
    });

    it('rebase -i squash keeps both attributions; fixup keeps the attribution git drops with its message', () => {
      const dir = repoWithHooks();
      aiCommit(dir, 'a.ts', 'claude', 'Add a\n');
      aiCommit(dir, 'b.ts', 'copilot', `Add b\n\n${VSCODE}\n`);
      aiCommit(dir, 'c.ts', 'cursor', 'Add c\n');
      aiCommit(dir, 'd.ts', 'codex', 'Add d\n');
      assert.equal(check(dir, 'HEAD~4..HEAD').status, 0);
      const env = { ...GIT_ENV, GIT_SEQUENCE_EDITOR: "sed -i -e '1s/^pick/reword/' -e '3s/^pick/squash/' -e '4s/^pick/fixup/'", GIT_EDITOR: 'true' };
      const r = gitRaw(dir, ['rebase', '-q', '-i', 'HEAD~4'], undefined, env);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(git(dir, ['rev-list', '--count', 'HEAD']).trim(), '3');
      assert.equal(body(dir, 'HEAD~1'), 'Add a\n\nAssisted-by: Claude-Code', 'reworded: our own trailer kept');
      const squashed = body(dir);
      assert.match(squashed, /^Add b/);
      assert.match(squashed, /Co-authored-by: Copilot <copilot@github\.com>/, 'squash keeps the first attribution');
      assert.match(squashed, /Assisted-by: Cursor/, 'and the second');
      assert.ok(!squashed.includes('Add d'), 'fixup drops its message…');
      assert.match(squashed, /\nAssisted-by: Codex$/, '…but not its attribution');
      assert.match(note(dir), /"tool":"codex"/, "the fixup commit's note travelled");
      const c = check(dir, 'HEAD~2..HEAD');
      assert.equal(c.status, 0, c.stdout);
    });

    it('cherry-pick keeps the picked commit\'s attribution, also through a conflict (commit-msg runs then)', () => {
      const dir = repoWithHooks();
      git(dir, ['checkout', '-q', '-b', 'side']);
      stage(dir, { 'b.ts': CODE });
      assert.equal(gitRaw(dir, ['commit', '-q', '--no-verify', '-m', `Add b\n\n${VSCODE}`]).status, 0);
      git(dir, ['checkout', '-q', 'main']);
      assert.equal(gitRaw(dir, ['cherry-pick', 'side']).status, 0);
      assert.equal(body(dir), `Add b\n\n${VSCODE}`);
      git(dir, ['reset', '-q', '--hard', 'HEAD~1']);
      assert.equal(gitCommit(dir, 'Conflicting b\n', { 'b.ts': 'conflicting\n' }).status, 0);
      assert.notEqual(gitRaw(dir, ['cherry-pick', '-x', 'side']).status, 0, 'a conflict');
      stage(dir, { 'b.ts': 'resolved\n' });
      const r = gitRaw(dir, ['cherry-pick', '--continue'], undefined, { ...GIT_ENV, GIT_EDITOR: 'true' });
      assert.equal(r.status, 0, r.stderr);
      assert.match(body(dir), /Co-authored-by: Copilot <copilot@github\.com>\n\(cherry picked from commit [0-9a-f]{40}\)$/, 'inherited from CHERRY_PICK_HEAD');
      assert.ok(!r.stderr.includes('removed'), r.stderr);
    });
  });

  describe('the message is never lost and never blocked by evidence mode', () => {
    it('--cleanup=verbatim: removing the trailer changes no other byte', () => {
      const dir = repoWithHooks();
      const message = `\n\nFix  \n\n\n\nbody\r\n\nSigned-off-by: A <a@example.com>\n${VSCODE}\n`;
      const r = gitCommit(dir, message, { 'v.txt': 'v\n' }, ['--cleanup=verbatim']);
      assert.equal(r.status, 0, r.stderr);
      const raw = git(dir, ['cat-file', 'commit', 'HEAD']);
      assert.equal(raw.slice(raw.indexOf('\n\n') + 2), '\n\nFix  \n\n\n\nbody\r\n\nSigned-off-by: A <a@example.com>\n');
    });

    it('a message of only Signed-off-by and VS Code\'s trailer commits (the trailer kept, and why, in the note)', () => {
      const dir = repoWithHooks();
      const message = `Signed-off-by: A <a@example.com>\n${VSCODE}\n`;
      const r = gitCommit(dir, message, { 's.txt': 's\n' });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(`${body(dir)}\n`, message);
      assert.match(r.stderr, /kept "Co-authored-by: Copilot <copilot@github\.com>": .*removing it would leave a message git rejects as empty/);
      assert.match(note(dir), /"action":"kept"/);
      assert.deepEqual(audit(dir).removed?.map((x) => x.action), ['kept']);
    });
  });

  it('--no-verify: post-commit attaches only evidence that backs the lines HEAD changed', () => {
    const dir = repoWithHooks();
    writeFileSync(path.join(dir, 'area.ts'), CODE);
    runCli(['record', '--repo', dir, '--tool', 'aider', '--file', `${path.join(dir, 'area.ts')}:2`]);
    stage(dir, { 'area.ts': CODE.replace('Math.PI * r * r', '3.14159 * r ** 2') });
    assert.equal(gitRaw(dir, ['commit', '-q', '--no-verify', '-m', 'aider: area']).status, 0);
    assert.equal(note(dir), '', 'the AI line is not in the commit');
    stage(dir, { 'area.ts': CODE });
    runCli(['record', '--repo', dir, '--tool', 'aider', '--file', `${path.join(dir, 'area.ts')}:2`]);
    assert.equal(gitRaw(dir, ['commit', '-q', '--no-verify', '-am', 'aider: area again']).status, 0);
    assert.match(note(dir), /"tool":"aider".*"ranges":\[\[2,2\]\]/);
  });
});
