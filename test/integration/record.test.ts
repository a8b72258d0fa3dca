// `ai-provenance record` end to end: real repositories, the built CLI, the working-log files.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { WorklogEntry } from '../../src/core/evidence/evidenceSchema';
import { WorklogEntrySchema } from '../../src/core/evidence/evidenceSchema';
import { readEntries, removeEntries, worklogDir, writeEntry } from '../../src/git/worklog';
import { CLI, runCli } from '../helpers/cli';
import { GIT_ENV, cleanupTempDirs, commit, git, initRepo, tempDir } from '../helpers/repo';
import { rangeDigests } from '../../src/app/hooks/lineDigest';
import type { LineRange } from '../../src/core/evidence/lineRanges';

const NAME = /^\d{13}-\d+-[0-9a-f]{8}\.json$/;

function gitDirOf(dir: string): string {
  return git(dir, ['rev-parse', '--absolute-git-dir']).trim();
}

function worklog(dir: string): { name: string; entry: WorklogEntry }[] {
  const wl = worklogDir(gitDirOf(dir));
  if (!existsSync(wl)) return [];
  return readdirSync(wl).sort().map((name) => ({ name, entry: WorklogEntrySchema.parse(JSON.parse(readFileSync(path.join(wl, name), 'utf8'))) }));
}

function repoWithFiles(files: Record<string, string>): string {
  const dir = initRepo();
  for (const [f, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), content);
  }
  return dir;
}

const CODE = 'import { x } from "./x";\n\nexport function add(a: number, b: number): number {\n  return a + b;\n}\n';

/** A file reference as `record` writes it: the ranges, and the digests of those lines of `content`. */
function ref(file: string, ranges: LineRange[], content = CODE): WorklogEntry['files'][number] {
  const digests = rangeDigests(content, ranges) ?? [];
  return digests.length ? { path: file, ranges, digests } : { path: file, ranges };
}

describe('ai-provenance record (CLI, real git)', function () {
  this.timeout(60000);
  before(() => assert.ok(existsSync(CLI), 'build first: node esbuild.config.mjs --quiet'));
  after(cleanupTempDirs);

  it('--file forms: whole files, START-END and single lines, cwd-relative and absolute', () => {
    const dir = repoWithFiles({ 'src/a.ts': CODE, 'src/b.ts': CODE, 'c.md': '# c\n' });
    const r = runCli(['record', '--tool', 'claude', '--model', 'claude-opus-4-1', '--session', 'https://claude.ai/code/session_01',
      '--file', 'a.ts:10-20', '--file', 'b.ts', '--file', path.join(dir, 'c.md') + ':5', '--file', 'a.ts:3'], { cwd: path.join(dir, 'src') });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    const [only, ...rest] = worklog(dir);
    assert.equal(rest.length, 0);
    assert.match(only?.name ?? '', NAME);
    assert.equal(r.stdout.trim(), path.join(worklogDir(gitDirOf(dir)), only?.name ?? ''));
    const entry = only?.entry as WorklogEntry;
    assert.equal(entry.v, 1);
    assert.equal(entry.tool, 'claude');
    assert.equal(entry.model, 'claude-opus-4-1');
    assert.equal(entry.session, 'https://claude.ai/code/session_01');
    assert.equal(entry.source, 'cli');
    assert.deepEqual(entry.files, [
      ref('src/a.ts', [[3, 3], [10, 20]]),
      { path: 'src/b.ts' },
      { path: 'c.md', ranges: [[5, 5]] },
    ]);
    assert.equal(entry.files[0]?.digests?.length, 1, 'line 3 is digested; lines past the end of the file are not');
    assert.ok(Math.abs(Date.parse(entry.time) - Date.now()) < 60_000, entry.time);
    assert.match(only?.name ?? '', new RegExp(`^${Date.parse(entry.time)}-`));
  });

  it('--repo DIR; files outside the repository are reported and left out', () => {
    const dir = repoWithFiles({ 'a.txt': 'a\n' });
    const elsewhere = tempDir();
    writeFileSync(path.join(elsewhere, 'x.txt'), 'x\n');
    const r = runCli(['record', '--repo', dir, '--tool', 'aider', '--file', path.join(dir, 'a.txt'), '--file', path.join(elsewhere, 'x.txt'),
      '--file', path.join(dir, '.git', 'config')], { cwd: elsewhere });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 2, r.stderr);
    assert.match(r.stderr, /x\.txt is outside the repository/);
    assert.deepEqual(worklog(dir).map((w) => w.entry.files), [[{ path: 'a.txt' }]]);
    const none = runCli(['record', '--repo', dir, '--tool', 'aider', '--file', path.join(elsewhere, 'x.txt')], { cwd: elsewhere });
    assert.equal(none.status, 0);
    assert.match(none.stderr, /nothing recorded/);
    assert.equal(worklog(dir).length, 1);
  });

  it('--stdin-json with a Claude Code Write payload: the repository from its cwd, lines from the file', () => {
    const dir = repoWithFiles({ 'src/add.ts': CODE });
    const payload = {
      session_id: '8c35adc1-4f7e-4b7a-9a43-0d2f4c6f1e2a', transcript_path: '/home/dev/.claude/projects/p/8c35adc1.jsonl', cwd: dir,
      permission_mode: 'default', hook_event_name: 'PostToolUse', tool_name: 'Write', tool_use_id: 'toolu_01',
      tool_input: { file_path: path.join(dir, 'src/add.ts'), content: CODE },
      tool_response: { type: 'create', filePath: path.join(dir, 'src/add.ts'), content: CODE, structuredPatch: [] },
    };
    const r = runCli(['record', '--stdin-json'], { cwd: tempDir(), input: JSON.stringify(payload) });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, '');
    const [only] = worklog(dir);
    assert.deepEqual(only?.entry.files, [ref('src/add.ts', [[1, 5]])]);
    assert.equal(only?.entry.files[0]?.digests?.length, 3, 'blank lines and a lone } prove nothing');
    assert.equal(only?.entry.tool, 'claude');
    assert.equal(only?.entry.source, 'claude-code');
    assert.equal(only?.entry.session, payload.session_id);
  });

  it('--stdin-json with Edit, Cursor and Copilot payloads; --tool and --model override', () => {
    const dir = repoWithFiles({ 'a.ts': CODE });
    const edit = { session_id: 's', transcript_path: '/t', cwd: dir, hook_event_name: 'PostToolUse', tool_name: 'Edit',
      tool_input: { file_path: 'a.ts', old_string: 'a - b', new_string: '  return a + b;\n}' }, tool_response: { filePath: path.join(dir, 'a.ts') } };
    assert.equal(runCli(['record', '--stdin-json'], { input: JSON.stringify(edit) }).status, 0);
    // The repository is the one holding the file, wherever the hook runs and whatever cwd it names.
    const cursor = { conversation_id: 'conv-1', generation_id: 'gen-1', model: 'gpt-5', hook_event_name: 'afterFileEdit', cwd: tempDir(), workspace_roots: [dir],
      file_path: path.join(dir, 'a.ts'), edits: [{ old_string: '', new_string: 'export function add(' }] };
    assert.equal(runCli(['record', '--stdin-json'], { cwd: tempDir(), input: JSON.stringify(cursor) }).status, 0);
    const copilot = { sessionId: 'cp-1', timestamp: 1704614700000, cwd: dir, toolName: 'edit',
      toolArgs: JSON.stringify({ path: path.join(dir, 'a.ts'), old_str: 'x', new_str: 'import { x }' }), toolResult: { resultType: 'success', textResultForLlm: 'ok' } };
    assert.equal(runCli(['record', '--stdin-json', '--tool', 'codex', '--model', 'gpt-5-codex'], { input: JSON.stringify(copilot) }).status, 0);
    const entries = worklog(dir).map((w) => w.entry);
    assert.deepEqual(entries.map((e) => [e.tool, e.source, e.model, e.session, e.files]), [
      ['claude', 'claude-code', undefined, 's', [ref('a.ts', [[4, 5]])]],
      ['cursor', 'cursor', 'gpt-5', 'conv-1', [ref('a.ts', [[3, 3]])]],
      ['codex', 'copilot-cli', 'gpt-5-codex', 'cp-1', [ref('a.ts', [[1, 1]])]],
    ]);
  });

  it('text not found in the file (changed since) gives file-level evidence', () => {
    const dir = repoWithFiles({ 'a.ts': CODE });
    const payload = { session_id: 's', transcript_path: '/t', cwd: dir, hook_event_name: 'PostToolUse', tool_name: 'Edit',
      tool_input: { file_path: path.join(dir, 'a.ts'), old_string: 'x', new_string: 'not in the file any more' } };
    assert.equal(runCli(['record', '--stdin-json'], { input: JSON.stringify(payload) }).status, 0);
    assert.deepEqual(worklog(dir).map((w) => w.entry.files), [[{ path: 'a.ts' }]]);
  });

  it('a linked worktree records in its own git dir', () => {
    const dir = initRepo();
    commit(dir, { message: 'init\n', files: { 'a.txt': 'a\n' } });
    const wt = path.join(tempDir(), 'wt');
    git(dir, ['worktree', 'add', '-q', '-b', 'feature', wt]);
    writeFileSync(path.join(wt, 'b.txt'), 'b\n');
    const r = runCli(['record', '--tool', 'cursor', '--file', 'b.txt'], { cwd: wt });
    assert.equal(r.status, 0, r.stderr);
    const wtGitDir = gitDirOf(wt);
    assert.notEqual(wtGitDir, gitDirOf(dir));
    assert.ok(r.stdout.startsWith(worklogDir(wtGitDir)), r.stdout);
    assert.deepEqual(worklog(wt).map((w) => w.entry.files), [[{ path: 'b.txt' }]]);
    assert.deepEqual(worklog(dir), []);
  });

  it('20 concurrent records all land as separate, valid files', async () => {
    const dir = repoWithFiles({ 'a.ts': CODE });
    const runs = Array.from({ length: 20 }, (_, i) => new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, 'record', '--tool', 'claude', '--session', `s${i}`, '--file', `a.ts:${i + 1}`],
        { cwd: dir, env: GIT_ENV, stdio: ['ignore', 'ignore', 'inherit'] });
      child.on('error', reject);
      child.on('close', (code) => resolve(code ?? -1));
    }));
    assert.deepEqual(await Promise.all(runs), Array(20).fill(0));
    const names = readdirSync(worklogDir(gitDirOf(dir)));
    assert.equal(names.length, 20, names.join(' '));
    assert.ok(names.every((n) => NAME.test(n)), names.join(' '));
    const { entries, problems } = readEntries(gitDirOf(dir));
    assert.deepEqual(problems, []);
    assert.deepEqual(entries.map((e) => e.entry.session).sort(), Array.from({ length: 20 }, (_, i) => `s${i}`).sort());
    const sorted = entries.map((e) => path.basename(e.file));
    assert.deepEqual(sorted, [...sorted].sort());
  });

  it('usage errors exit 2 with one line naming the option and the allowed values', () => {
    const dir = repoWithFiles({ 'a.ts': 'a\n' });
    const bad = runCli(['record', '--tool', 'chatgpt', '--file', 'a.ts'], { cwd: dir });
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr.trim().split('\n').length, 1);
    assert.match(bad.stderr, /--tool.*"claude".*"unknown-ai"/);
    for (const args of [['--tool', 'claude'], ['--file', 'a.ts'], ['--tool', 'claude', '--file', 'a.ts:0'], ['--tool', 'claude', '--file', 'a.ts:9-3'],
      ['--stdin-json', '--file', 'a.ts'], ['--tool', 'claude', '--file', 'a.ts', 'extra'], ['--stdin-json', '--tool', 'nope'], ['--bogus']]) {
      const r = runCli(['record', ...args], { cwd: dir, input: '{}' });
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
    assert.deepEqual(worklog(dir), []);
    const help = runCli(['record', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /never fails the agent/);
  });

  it('not a repository: exit 3 with --file, a warning and exit 0 with --stdin-json', () => {
    const outside = tempDir();
    writeFileSync(path.join(outside, 'a.ts'), 'a\n');
    const r = runCli(['record', '--tool', 'claude', '--file', 'a.ts'], { cwd: outside, env: { GIT_CEILING_DIRECTORIES: path.dirname(outside) } });
    assert.equal(r.status, 3);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /not a git repository/);
    const payload = { tool: 'claude', files: [{ path: 'a.ts' }] };
    const hook = runCli(['record', '--stdin-json'], { cwd: outside, input: JSON.stringify(payload), env: { GIT_CEILING_DIRECTORIES: path.dirname(outside) } });
    assert.equal(hook.status, 0);
    assert.match(hook.stderr, /^ai-provenance: warning: record: not a git repository.*\(nothing recorded\)\n$/);
    for (const input of ['', 'not json', '{"tool":"claude","files":"a.ts"}']) {
      const odd = runCli(['record', '--stdin-json'], { cwd: outside, input });
      assert.equal(odd.status, 0);
      assert.equal(odd.stderr.split('\n').length, 2, odd.stderr);
    }
  });

  it('a payload that is not a file edit exits 0 quietly and writes nothing', () => {
    const dir = repoWithFiles({ 'a.ts': 'a\n' });
    const payloads = [
      { session_id: 's', transcript_path: '/t', cwd: dir, hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: { command: 'npm test' }, tool_response: { stdout: 'ok' } },
      { session_id: 's', transcript_path: '/t', cwd: dir, hook_event_name: 'PostToolUse', tool_name: 'Read', tool_input: { file_path: path.join(dir, 'a.ts') } },
      { conversation_id: 'c', hook_event_name: 'afterShellExecution', command: 'ls', output: '', workspace_roots: [dir] },
      { timestamp: 1, cwd: dir, toolName: 'bash', toolArgs: '{"command":"ls"}', toolResult: { resultType: 'success', textResultForLlm: '' } },
    ];
    for (const p of payloads) {
      const r = runCli(['record', '--stdin-json'], { cwd: dir, input: JSON.stringify(p) });
      assert.equal(r.status, 0);
      assert.equal(r.stdout + r.stderr, '');
    }
    assert.equal(existsSync(worklogDir(gitDirOf(dir))), false);
  });
});

describe('working log files (src/git/worklog)', () => {
  after(cleanupTempDirs);
  const entry: WorklogEntry = { v: 1, time: '2026-01-02T10:00:00.000+01:00', tool: 'claude', source: 'cli', files: [{ path: 'a.ts', ranges: [[1, 2]] }] };

  it('reads entries in name order, skips dotfiles and reports bad files by name', () => {
    const gitDir = path.join(tempDir(), '.git');
    assert.deepEqual(readEntries(gitDir), { entries: [], problems: [] });
    const second = writeEntry(gitDir, { ...entry, time: '2026-01-02T10:00:01.000+01:00' });
    const first = writeEntry(gitDir, entry);
    assert.match(path.basename(first), /^1767344400000-/);
    const wl = worklogDir(gitDir);
    writeFileSync(path.join(wl, '.tmp-1767344400000-1-00000000.json'), '{');
    writeFileSync(path.join(wl, '1767344400002-1-0000000a.json'), '{not json');
    writeFileSync(path.join(wl, '1767344400003-1-0000000b.json'), JSON.stringify({ ...entry, tool: 'nobody' }));
    writeFileSync(path.join(wl, 'notes.txt'), 'x');
    const { entries, problems } = readEntries(gitDir);
    assert.deepEqual(entries.map((e) => e.file), [first, second]);
    assert.deepEqual(entries[0]?.entry, entry);
    assert.deepEqual(problems, ['1767344400002-1-0000000a.json: not JSON', '1767344400003-1-0000000b.json: tool is invalid',
      'notes.txt: not a working-log entry name (ignored)']);
    removeEntries([first, first, second]);
    assert.deepEqual(readEntries(gitDir).entries, []);
  });

  it('refuses an invalid entry before writing anything', () => {
    const gitDir = path.join(tempDir(), '.git');
    assert.throws(() => writeEntry(gitDir, { ...entry, files: [{ path: '../escape' }] }), /invalid worklog entry: files\.0\.path/);
    assert.throws(() => writeEntry(gitDir, { ...entry, time: 'yesterday' }), /invalid worklog entry: time/);
    assert.equal(existsSync(worklogDir(gitDir)), false);
  });
});
