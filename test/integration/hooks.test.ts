// Hooks through real `git commit` in temp repositories: the policy matrix, chaining, hooksPath,
// husky, byte-exact uninstall, notes across amend and rebase, and failures that must not block.
import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync, copyFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { writeEntry } from '../../src/git/worklog';
import type { ToolId } from '../../src/core/model';
import { CLI, runCli } from '../helpers/cli';
import { cleanupTempDirs, commit, git, gitRaw, initRepo, tempDir } from '../helpers/repo';

const ROBOT = '\u{1F916}';
const MESSAGES = {
  vscode: 'Fix the parser\n\nCo-authored-by: Copilot <copilot@github.com>\n',
  claude: `Fix the parser\n\n${ROBOT} Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude Opus 4.6 <noreply@anthropic.com>\n`,
  human: 'Fix the parser\n\nCo-authored-by: Jane Doe <jane@example.com>\n',
  none: 'Fix the parser\n',
};
type Kind = keyof typeof MESSAGES;
const TOOL: Record<Kind, ToolId> = { vscode: 'copilot', claude: 'claude', human: 'claude', none: 'claude' };

function repoWithHooks(mode?: string): string {
  const dir = initRepo();
  commit(dir, { message: 'base\n', files: { 'README.md': 'x\n' } });
  const r = runCli(['hooks', 'install', '--repo', dir]);
  assert.equal(r.status, 0, r.stderr);
  if (mode) git(dir, ['config', 'aiProvenance.mode', mode]);
  return dir;
}

function record(dir: string, tool: ToolId, files: string[], model = 'model-x'): void {
  writeEntry(path.join(dir, '.git'), { v: 1, time: new Date().toISOString(), tool, model, source: 'test', files: files.map((p) => ({ path: p, ranges: [[1, 1]] })) });
}

function gitCommit(dir: string, message: string, files: Record<string, string>, extra: string[] = []) {
  for (const [f, c] of Object.entries(files)) writeFileSync(path.join(dir, f), c);
  git(dir, ['add', '-A']);
  const msgFile = path.join(tempDir(), 'MSG');
  writeFileSync(msgFile, message);
  return { ...gitRaw(dir, ['commit', '-q', '-F', msgFile, ...extra]), msgFile };
}

const head = (dir: string): string => git(dir, ['rev-parse', 'HEAD']).trim();
const body = (dir: string): string => git(dir, ['log', '-1', '--format=%B']).replace(/\n+$/, '');
const note = (dir: string, rev = 'HEAD'): string => gitRaw(dir, ['notes', '--ref=ai-provenance', 'show', rev]).stdout.toString();

describe('git hooks (real git commit)', function () {
  this.timeout(120000);
  after(cleanupTempDirs);

  describe('policy matrix: every mode × message × recorded evidence', () => {
    const expectations: Record<string, Record<Kind, [string, string]>> = {
      // [without evidence, with evidence]: same | strip | reject | add
      keep: { vscode: ['same', 'same'], claude: ['same', 'same'], human: ['same', 'same'], none: ['same', 'same'] },
      strip: { vscode: ['strip', 'strip'], claude: ['strip', 'strip'], human: ['same', 'same'], none: ['same', 'same'] },
      // evidence: an agent's own lines (self-attested) stay; VS Code's unbacked trailer goes (hooks.attribution.test.ts has the rest)
      evidence: { vscode: ['strip', 'same'], claude: ['same', 'same'], human: ['same', 'add'], none: ['same', 'add'] },
      require: { vscode: ['same', 'same'], claude: ['same', 'same'], human: ['same', 'reject'], none: ['same', 'reject'] },
      forbid: { vscode: ['reject', 'reject'], claude: ['reject', 'reject'], human: ['same', 'reject'], none: ['same', 'reject'] },
    };
    for (const [mode, byKind] of Object.entries(expectations)) {
      it(`mode ${mode}`, () => {
        const dir = repoWithHooks(mode);
        let n = 0;
        for (const kind of Object.keys(MESSAGES) as Kind[]) {
          for (const withEvidence of [false, true]) {
            const expect = byKind[kind][withEvidence ? 1 : 0];
            const file = `f${n++}.txt`;
            if (withEvidence) record(dir, TOOL[kind], [file]);
            const before = head(dir);
            const r = gitCommit(dir, MESSAGES[kind], { [file]: `${n}\n` });
            const label = `${mode} · ${kind} · ${withEvidence ? 'with' : 'without'} evidence`;
            if (expect === 'reject') {
              assert.notEqual(r.status, 0, `${label}: rejected`);
              assert.equal(head(dir), before, `${label}: no commit`);
              assert.equal(readFileSync(r.msgFile, 'utf8'), MESSAGES[kind], `${label}: message intact`);
              assert.match(r.stderr, /commit rejected by the AI attribution policy/);
              git(dir, ['reset', '-q', '--hard', 'HEAD']);
              rmSync(path.join(dir, '.git', 'ai-provenance', 'worklog'), { recursive: true, force: true });
              continue;
            }
            assert.equal(r.status, 0, `${label}: ${r.stderr}`);
            const msg = body(dir);
            if (expect === 'same') assert.equal(`${msg}\n`, MESSAGES[kind], label);
            if (expect === 'strip') {
              assert.ok(!/copilot@github\.com|anthropic\.com|Generated with/.test(msg), `${label}: ${msg}`);
              assert.ok(msg.startsWith('Fix the parser'), label);
              assert.match(note(dir), /"type":"removal","action":"removed"/, `${label}: the removal is in the note`);
              assert.match(r.stderr, /ai-provenance: removed ".*recorded in the provenance note\)/, `${label}: one stderr line per removal`);
            }
            if (expect === 'add') assert.match(msg, /\nAssisted-by: Claude-Code:model-x$/, label);
            if (withEvidence) {
              assert.match(note(dir), new RegExp(`"tool":"${TOOL[kind]}".*"path":"${file}"`), `${label}: note attached`);
              const left = existsSync(path.join(dir, '.git/ai-provenance/worklog')) ? readdirSync(path.join(dir, '.git/ai-provenance/worklog')) : [];
              assert.deepEqual(left, [], `${label}: working log consumed`);
            }
          }
        }
      });
    }
  });

  it('chains an existing hook: it runs first and its exit status is honoured', () => {
    const dir = initRepo();
    commit(dir, { message: 'base\n' });
    const legacy = path.join(dir, '.git/hooks/commit-msg');
    writeFileSync(legacy, '#!/bin/sh\ngrep -q WIP "$1" && { echo "legacy: no WIP" >&2; exit 1; }\necho "Checked-by: legacy" >> "$1"\n');
    chmodSync(legacy, 0o755);
    assert.equal(runCli(['hooks', 'install', '--repo', dir]).status, 0);
    assert.equal(gitCommit(dir, MESSAGES.vscode, { 'a.txt': 'a\n' }).status, 0);
    assert.equal(body(dir), 'Fix the parser\n\nChecked-by: legacy');
    const wip = gitCommit(dir, 'WIP stuff\n', { 'b.txt': 'b\n' });
    assert.notEqual(wip.status, 0);
    assert.match(wip.stderr, /legacy: no WIP/);
  });

  it('installs into core.hooksPath', () => {
    const dir = initRepo();
    commit(dir, { message: 'base\n' });
    git(dir, ['config', 'core.hooksPath', 'githooks']);
    const r = runCli(['hooks', 'install', '--repo', dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(existsSync(path.join(dir, 'githooks', 'commit-msg')));
    assert.ok(!existsSync(path.join(dir, '.git/hooks/commit-msg')));
    assert.equal(gitCommit(dir, MESSAGES.vscode, { 'a.txt': 'a\n' }).status, 0);
    assert.equal(body(dir), 'Fix the parser');
  });

  it('leaves husky files alone and prints the lines that make it work', () => {
    const dir = initRepo();
    commit(dir, { message: 'base\n' });
    mkdirSync(path.join(dir, '.husky/_'), { recursive: true });
    writeFileSync(path.join(dir, '.husky/_/commit-msg'), '#!/bin/sh\n[ -f .husky/commit-msg ] && sh .husky/commit-msg "$@"\n');
    chmodSync(path.join(dir, '.husky/_/commit-msg'), 0o755);
    writeFileSync(path.join(dir, '.husky/commit-msg'), 'echo husky ran >&2\n');
    git(dir, ['config', 'core.hooksPath', '.husky/_']);
    const before = readFileSync(path.join(dir, '.husky/_/commit-msg'));
    const r = runCli(['hooks', 'install', '--repo', dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(readFileSync(path.join(dir, '.husky/_/commit-msg')), before);
    assert.match(r.stdout, /husky owns/);
    const line = /# \.husky\/commit-msg\n(.+)/.exec(r.stdout)?.[1] ?? '';
    assert.ok(line.includes('ai-provenance/hooks/commit-msg'), r.stdout);
    writeFileSync(path.join(dir, '.husky/commit-msg'), `echo husky ran >&2\n${line}\n`);
    const c = gitCommit(dir, MESSAGES.vscode, { 'a.txt': 'a\n' });
    assert.equal(c.status, 0, c.stderr);
    assert.match(c.stderr, /husky ran/);
    assert.equal(body(dir), 'Fix the parser');
  });

  it('works from a linked worktree: shared hooks, the working log of the worktree', () => {
    const dir = initRepo();
    commit(dir, { message: 'base\n' });
    const wt = path.join(tempDir(), 'wt');
    git(dir, ['worktree', 'add', '-q', '-b', 'wt', wt]);
    assert.equal(runCli(['hooks', 'install', '--repo', wt]).status, 0);
    assert.ok(existsSync(path.join(dir, '.git/hooks/commit-msg')), 'hooks live in the common dir');
    const wtGitDir = git(wt, ['rev-parse', '--absolute-git-dir']).trim();
    writeEntry(wtGitDir, { v: 1, time: new Date().toISOString(), tool: 'claude', files: [{ path: 'w.txt' }] });
    const r = gitCommit(wt, 'In the worktree\n', { 'w.txt': 'w\n' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(body(wt), /Assisted-by: Claude-Code$/);
    assert.match(note(wt), /"path":"w\.txt"/);
  });

  it('leaves lefthook alone and prints its snippet', () => {
    const dir = initRepo();
    commit(dir, { message: 'base\n' });
    writeFileSync(path.join(dir, 'lefthook.yml'), 'pre-commit:\n  commands: {}\n');
    const hook = path.join(dir, '.git/hooks/commit-msg');
    writeFileSync(hook, '#!/bin/sh\n# lefthook generated\nlefthook run commit-msg "$@"\n');
    chmodSync(hook, 0o755);
    const before = readFileSync(hook);
    const r = runCli(['hooks', 'install', '--repo', dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(readFileSync(hook), before);
    assert.match(r.stdout, /lefthook owns/);
    assert.match(r.stdout, /commit-msg:\n {2}commands:\n {4}ai-provenance:\n {6}run: sh "\$\(git rev-parse --git-path ai-provenance\/hooks\/commit-msg\)"/);
  });

  it('notes sync-config shares notes through a remote', () => {
    const remote = tempDir();
    git(remote, ['init', '-q', '--bare', '-b', 'main']);
    const dir = repoWithHooks();
    git(dir, ['remote', 'add', 'origin', remote]);
    record(dir, 'claude', ['a.txt']);
    assert.equal(gitCommit(dir, 'Add a\n', { 'a.txt': 'a\n' }).status, 0);
    const r = runCli(['notes', 'sync-config', '--repo', dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /remote\.origin\.push refs\/notes\/ai-provenance:refs\/notes\/ai-provenance/);
    assert.equal(runCli(['notes', 'sync-config', '--repo', dir]).stdout, 'already configured\n');
    assert.equal(gitRaw(dir, ['push', '-q', 'origin']).status, 0);
    const clone = path.join(tempDir(), 'clone');
    git(tempDir(), ['clone', '-q', remote, clone]);
    assert.equal(runCli(['notes', 'sync-config', '--repo', clone]).status, 0);
    assert.equal(gitRaw(clone, ['fetch', '-q', 'origin']).status, 0);
    assert.equal(gitRaw(clone, ['notes', '--ref=ai-provenance', 'merge', 'refs/notes/remotes/origin/ai-provenance']).status, 0);
    assert.match(note(clone), /"tool":"claude"/);
    assert.equal(runCli(['notes', 'sync-config', '--repo', dir, '--remote', 'nope']).status, 3);
  });

  it('uninstall restores previous hooks byte for byte and removes what it added', () => {
    const dir = initRepo();
    commit(dir, { message: 'base\n' });
    const hooks = path.join(dir, '.git/hooks');
    writeFileSync(path.join(hooks, 'commit-msg'), '#!/bin/sh\n# mine\nexit 0\n');
    chmodSync(path.join(hooks, 'commit-msg'), 0o750);
    writeFileSync(path.join(hooks, 'post-commit'), Buffer.from([0x23, 0x21, 0x2f, 0x62, 0x69, 0x6e, 0x2f, 0x73, 0x68, 0x0a, 0xff, 0x0a]));
    chmodSync(path.join(hooks, 'post-commit'), 0o700);
    const snapshot = (): string => readdirSync(hooks).sort().map((f) => `${f}:${statSync(path.join(hooks, f)).mode.toString(8)}:${readFileSync(path.join(hooks, f)).toString('base64')}`).join('\n');
    const configBefore = readFileSync(path.join(dir, '.git/config'), 'utf8');
    const before = snapshot();
    assert.equal(runCli(['hooks', 'install', '--repo', dir]).status, 0);
    assert.equal(runCli(['hooks', 'install', '--repo', dir]).status, 0, 'idempotent');
    assert.doesNotMatch(readFileSync(path.join(dir, '.git/config'), 'utf8'), /rewriteRef/, 'the post-rewrite hook carries the notes: no notes.rewriteRef');
    const status = runCli(['hooks', 'status', '--repo', dir, '--json']);
    assert.equal((JSON.parse(status.stdout) as { notesFollowRewrites: boolean }).notesFollowRewrites, true);
    const hooksState = (JSON.parse(status.stdout) as { hooks: { hook: string; state: string; chained: boolean }[] }).hooks;
    assert.deepEqual(hooksState.map((h) => `${h.hook}:${h.state}:${h.chained}`), [
      'prepare-commit-msg:installed:false', 'commit-msg:installed:true', 'post-commit:installed:true', 'post-rewrite:installed:false']);
    assert.equal(runCli(['hooks', 'uninstall', '--repo', dir]).status, 0);
    assert.equal(snapshot(), before);
    assert.ok(!/ai-provenance/.test(readFileSync(path.join(dir, '.git/config'), 'utf8')));
    assert.equal(readFileSync(path.join(dir, '.git/config'), 'utf8').replace(/\[notes\]\n/, ''), configBefore);
  });

  it('status reports missing, outdated, modified and foreign hooks', () => {
    const dir = initRepo();
    commit(dir, { message: 'base\n' });
    const states = (): string[] => (JSON.parse(runCli(['hooks', 'status', '--repo', dir, '--json']).stdout) as { hooks: { state: string }[] }).hooks.map((h) => h.state);
    assert.deepEqual(states(), ['missing', 'missing', 'missing', 'missing']);
    runCli(['hooks', 'install', '--repo', dir]);
    const hooks = path.join(dir, '.git/hooks');
    writeFileSync(path.join(hooks, 'prepare-commit-msg'), readFileSync(path.join(hooks, 'prepare-commit-msg'), 'utf8').replace(CLI, '/old/place/cli.js'));
    writeFileSync(path.join(hooks, 'commit-msg'), `${readFileSync(path.join(hooks, 'commit-msg'), 'utf8')}\n# edited\n`);
    writeFileSync(path.join(hooks, 'post-commit'), '#!/bin/sh\nexit 0\n');
    assert.deepEqual(states(), ['outdated', 'modified', 'foreign', 'installed']);
  });

  it('amend and rebase keep the provenance note', () => {
    const dir = repoWithHooks();
    record(dir, 'claude', ['a.txt']);
    assert.equal(gitCommit(dir, 'Add a\n', { 'a.txt': 'a\n' }).status, 0);
    assert.match(note(dir), /"tool":"claude"/);
    assert.equal(gitRaw(dir, ['commit', '-q', '--amend', '-m', 'Add a (amended)']).status, 0);
    assert.match(note(dir), /"tool":"claude"/, 'note carried across amend');
    const amended = head(dir);
    git(dir, ['checkout', '-q', '-b', 'other', 'HEAD~1']);
    commit(dir, { message: 'other\n', files: { 'o.txt': 'o\n' } });
    git(dir, ['checkout', '-q', 'main']);
    assert.equal(gitRaw(dir, ['rebase', '-q', 'other']).status, 0);
    assert.notEqual(head(dir), amended);
    assert.match(note(dir), /"tool":"claude"/, 'note carried across rebase');
    const audit = JSON.parse(runCli(['audit', '--repo', dir, '-n', '1', '--format', 'json']).stdout) as { commits: { tools: string[]; evidence: { kind: string }[] }[] };
    assert.ok(audit.commits[0]?.evidence.some((e) => e.kind === 'note') ?? false, 'the audit reads the note');
  });

  it('a commit with --no-verify still gets its note from post-commit', () => {
    const dir = repoWithHooks();
    record(dir, 'aider', ['x.txt', 'later.txt']);
    const r = gitCommit(dir, 'aider: add x\n', { 'x.txt': 'x\n' }, ['--no-verify']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(note(dir), /"tool":"aider".*"path":"x\.txt"/);
    assert.ok(!note(dir).includes('later.txt'));
    const left = readdirSync(path.join(dir, '.git/ai-provenance/worklog'));
    assert.equal(left.length, 1, 'the part for later.txt stays recorded');
  });

  it('a crashing or missing CLI lets the commit through with the message intact', () => {
    const dir = initRepo();
    commit(dir, { message: 'base\n' });
    const fake = path.join(tempDir(), 'cli.js');
    copyFileSync(CLI, fake);
    // install, point the shims at a copy of the CLI, then break the copy
    const installed = runCli(['hooks', 'install', '--repo', dir]);
    assert.equal(installed.status, 0);
    for (const f of readdirSync(path.join(dir, '.git/hooks')).filter((h) => !h.endsWith('.sample'))) {
      const file = path.join(dir, '.git/hooks', f);
      writeFileSync(file, readFileSync(file, 'utf8').replace(CLI, fake));
    }
    writeFileSync(fake, 'throw new Error("boom");\n');
    const crashed = gitCommit(dir, MESSAGES.vscode, { 'a.txt': 'a\n' });
    assert.equal(crashed.status, 0, crashed.stderr);
    assert.equal(`${body(dir)}\n`, MESSAGES.vscode);
    assert.match(crashed.stderr, /commit-msg hook failed \(exit 1\); the commit continues with its message unchanged/);
    rmSync(fake);
    const missing = gitCommit(dir, MESSAGES.vscode, { 'b.txt': 'b\n' });
    assert.equal(missing.status, 0);
    assert.equal(`${body(dir)}\n`, MESSAGES.vscode);
    assert.match(missing.stderr, /the CLI is missing/);
  });

  it('an invalid team file is named in a warning and never blocks', () => {
    const dir = repoWithHooks();
    writeFileSync(path.join(dir, '.ai-provenance.json'), '{"mode": "ban"}\n');
    const r = gitCommit(dir, MESSAGES.vscode, { 'a.txt': 'a\n' });
    assert.equal(r.status, 0);
    assert.match(r.stderr, /\.ai-provenance\.json: "mode" must be one of keep, strip, evidence, require, forbid \(got "ban"\)/);
    assert.equal(`${body(dir)}\n`, MESSAGES.vscode);
  });

  it('a team file locking require wins over a looser user setting', () => {
    const dir = repoWithHooks('keep');
    writeFileSync(path.join(dir, '.ai-provenance.json'), '{"mode": "require", "locked": ["mode"]}\n');
    record(dir, 'claude', ['a.txt']);
    const r = gitCommit(dir, 'Add a\n', { 'a.txt': 'a\n' });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /add the trailer "Assisted-by: Claude-Code:model-x"/);
  });
});
