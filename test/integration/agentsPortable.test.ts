// Project-scope agent hooks are committed and run on other machines and in cloud sessions: the command
// prefers the CLI on PATH (ai-provenance, then git-ai-provenance), falls back to the absolute paths of
// the machine that installed it, and never fails the agent. Real files, real sh, the built CLI.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { hookCommand } from '../../src/core/capture/agentCatalog';
import { AgentsState, sha256 } from '../../src/app/agents/agentsState';
import { agentsStateFile, userPaths } from '../../src/app/agents/userPaths';
import { worklogDir } from '../../src/git/worklog';
import { CLI, runCli } from '../helpers/cli';
import { GIT_ENV, cleanupTempDirs, git, initRepo, tempDir } from '../helpers/repo';

const ENV = { XDG_CONFIG_HOME: '', XDG_DATA_HOME: '', XDG_STATE_HOME: '', CLAUDE_CONFIG_DIR: '', COPILOT_HOME: '', CODEX_HOME: '' };
/** A PATH with git and sh but no ai-provenance: the machine of a teammate who never installed it. */
const BARE_PATH = '/usr/bin:/bin';

function agents(args: string[], repo: string, home: string, pathVar = BARE_PATH) {
  return runCli(['agents', ...args, '--home', home], { cwd: repo, env: { ...ENV, HOME: home, PATH: pathVar } });
}

type Claude = { hooks: { PostToolUse: { hooks: { command: string }[] }[] } };
const claudeCommand = (file: string): string => (JSON.parse(readFileSync(file, 'utf8')) as Claude).hooks.PostToolUse[0]?.hooks[0]?.command ?? '';

/** A bin folder holding `name`: a script that leaves a mark, then runs the built CLI. */
function binDir(name: string): { dir: string; mark: string } {
  const dir = tempDir('aip-bin-');
  const mark = path.join(dir, 'ran');
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\necho "$0" >> '${mark}'\nexec '${process.execPath}' '${CLI}' "$@"\n`);
  chmodSync(file, 0o755);
  return { dir, mark };
}

const payload = (repo: string) => JSON.stringify({
  session_id: 's1', cwd: repo, hook_event_name: 'PostToolUse', tool_name: 'Write',
  tool_input: { file_path: path.join(repo, 'a.ts'), content: 'export const answer = 42;\n' }, tool_response: { success: true },
});

function runHook(command: string, repo: string, pathVar: string) {
  return spawnSync('sh', ['-c', command], { cwd: repo, input: payload(repo), env: { ...GIT_ENV, PATH: pathVar }, encoding: 'utf8' });
}

function entries(repo: string): string[] {
  const wl = worklogDir(git(repo, ['rev-parse', '--absolute-git-dir']).trim());
  try {
    return readdirSync(wl);
  } catch {
    return [];
  }
}

describe('ai-provenance agents: project hooks that work on every machine', function () {
  this.timeout(120000);
  after(cleanupTempDirs);

  it('the project command runs the ai-provenance on PATH first, then git-ai-provenance, then this machine\'s CLI', () => {
    const repo = initRepo();
    const home = tempDir('aip-home-');
    assert.equal(agents(['install', '--agent', 'claude'], repo, home).status, 0);
    writeFileSync(path.join(repo, 'a.ts'), 'export const answer = 42;\n');
    const command = claudeCommand(path.join(repo, '.claude/settings.json'));
    assert.equal(command, hookCommand(process.execPath, CLI, true).posix);

    const both = [binDir('ai-provenance'), binDir('git-ai-provenance')];
    let r = runHook(command, repo, `${both[1]?.dir}:${both[0]?.dir}:${BARE_PATH}`);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(readFileSync(both[0]?.mark ?? '', 'utf8'), /ai-provenance$/m, 'ai-provenance wins over git-ai-provenance');
    assert.throws(() => readFileSync(both[1]?.mark ?? ''), 'git-ai-provenance did not run');
    assert.equal(entries(repo).length, 1);

    const gitOnly = binDir('git-ai-provenance');
    r = runHook(command, repo, `${gitOnly.dir}:${BARE_PATH}`);
    assert.equal(r.status, 0, r.stderr);
    assert.match(readFileSync(gitOnly.mark, 'utf8'), /git-ai-provenance$/m);
    assert.equal(entries(repo).length, 2);

    r = runHook(command, repo, BARE_PATH);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '', 'the fallback runs quietly');
    assert.equal(entries(repo).length, 3, 'this machine\'s CLI by absolute path');
  });

  it('on a machine with neither the CLI on PATH nor the installing machine\'s files: exit 0, one line on stderr, nothing on stdout', () => {
    const repo = initRepo();
    const home = tempDir('aip-home-');
    const old = path.join(tempDir('aip-elsewhere-'), 'dist');
    cpSync(path.dirname(CLI), old, { recursive: true });
    const first = spawnSync(process.execPath, [path.join(old, 'cli.js'), 'agents', 'install', '--agent', 'claude', '--home', home], { cwd: repo, env: { ...GIT_ENV, ...ENV, HOME: home }, encoding: 'utf8' });
    assert.equal(first.status, 0, first.stderr);
    rmSync(old, { recursive: true });
    const r = runHook(claudeCommand(path.join(repo, '.claude/settings.json')), repo, BARE_PATH);
    assert.equal(r.status, 0, 'never fails the agent');
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'ai-provenance: not on PATH (nor at the path this hook was installed with): this edit was not recorded\n');
    assert.equal(entries(repo).length, 0);
  });

  it('another install\'s fallback with the CLI on PATH here is wired, and install leaves the committed file alone; without it, outdated and updated', () => {
    const repo = initRepo();
    const home = tempDir('aip-home-');
    const file = path.join(repo, '.claude/settings.json');
    mkdirSync(path.dirname(file), { recursive: true });
    const teammate = `{\n  "hooks": {\n    "PostToolUse": [\n      { "matcher": "Write|Edit|MultiEdit|NotebookEdit", "hooks": [{ "type": "command", "command": ${JSON.stringify(hookCommand('/home/teammate/node', '/home/teammate/ai-provenance/dist/cli.js', true).posix)}, "timeout": 30 }] }\n    ]\n  }\n}\n`;
    writeFileSync(file, teammate);
    const onPath = binDir('ai-provenance');
    const withCli = `${onPath.dir}:${BARE_PATH}`;

    const st = JSON.parse(agents(['status', '--agent', 'claude', '--scope', 'project', '--format', 'json'], repo, home, withCli).stdout) as { items: { state: string; detail?: string }[] };
    assert.equal(st.items[0]?.state, 'wired');
    assert.equal(st.items[0]?.detail, `runs ${path.join(onPath.dir, 'ai-provenance')} (on PATH); its fallback /home/teammate/ai-provenance/dist/cli.js is another install's`);
    assert.match(agents(['install', '--agent', 'claude'], repo, home, withCli).stdout, /Claude Code \(project\): unchanged/);
    assert.equal(readFileSync(file, 'utf8'), teammate, 'no churn in a committed file');

    const bare = JSON.parse(agents(['status', '--agent', 'claude', '--scope', 'project', '--format', 'json'], repo, home).stdout) as { items: { state: string; detail?: string }[] };
    assert.equal(bare.items[0]?.state, 'outdated');
    assert.match(bare.items[0]?.detail ?? '', /^no ai-provenance on PATH, and it falls back to \/home\/teammate\/ai-provenance\/dist\/cli\.js \(.* no longer exists\)$/);
    assert.match(agents(['install', '--agent', 'claude'], repo, home).stdout, /Claude Code \(project\): updated/);
    assert.equal(readFileSync(file, 'utf8'), teammate.split(JSON.stringify(hookCommand('/home/teammate/node', '/home/teammate/ai-provenance/dist/cli.js', true).posix)).join(JSON.stringify(hookCommand(process.execPath, CLI, true).posix)));
  });

  it('a project hook an earlier version wrote with absolute paths is outdated, install makes it portable in place, uninstall restores the original bytes', () => {
    const repo = initRepo();
    const home = tempDir('aip-home-');
    const file = path.join(repo, '.claude/settings.json');
    mkdirSync(path.dirname(file), { recursive: true });
    const original = '{\n  // ours\n  "model": "opus"\n}\n';
    writeFileSync(file, original);
    // What the earlier version left: its absolute-path command in the file, and its state record.
    assert.equal(agents(['install', '--agent', 'claude'], repo, home).status, 0);
    const portable = readFileSync(file, 'utf8');
    const absolute = hookCommand(process.execPath, CLI).posix;
    const earlier = portable.replace(JSON.stringify(hookCommand(process.execPath, CLI, true).posix), JSON.stringify(absolute));
    assert.notEqual(earlier, portable);
    writeFileSync(file, earlier);
    const stateFile = agentsStateFile(userPaths({ ...ENV, HOME: home }, home));
    const { state } = AgentsState.load(stateFile);
    const record = state.get(file);
    assert.ok(record?.before, 'install remembered the bytes before it');
    state.set(file, { ...record, after: sha256(earlier) });
    state.save();

    const st = JSON.parse(agents(['status', '--agent', 'claude', '--scope', 'project', '--format', 'json'], repo, home).stdout) as { items: { state: string; detail?: string }[] };
    assert.equal(st.items[0]?.state, 'outdated');
    assert.equal(st.items[0]?.detail, `calls ${CLI} by absolute path: only this machine can run it; install again to run the ai-provenance on PATH first`);
    const text = agents(['status', '--agent', 'claude', '--scope', 'project'], repo, home).stdout;
    assert.match(text, /Fix: ai-provenance agents install --agent claude --scope project/);

    assert.match(agents(['install', '--agent', 'claude'], repo, home).stdout, /Claude Code \(project\): updated/);
    assert.equal(readFileSync(file, 'utf8'), portable, 'only the command changed');
    assert.match(agents(['install', '--agent', 'claude'], repo, home).stdout, /Claude Code \(project\): unchanged/);
    const un = agents(['uninstall', '--agent', 'claude'], repo, home);
    assert.match(un.stdout, /Claude Code \(project\): restored/);
    assert.equal(readFileSync(file, 'utf8'), original, 'byte for byte');
  });

  it('Copilot\'s file carries the portable form for bash and PowerShell', () => {
    const repo = initRepo();
    const home = tempDir('aip-home-');
    assert.equal(agents(['install', '--agent', 'copilot'], repo, home).status, 0);
    const entry = (JSON.parse(readFileSync(path.join(repo, '.github/hooks/ai-provenance.json'), 'utf8')) as { hooks: { postToolUse: { bash: string; powershell: string }[] } }).hooks.postToolUse[0];
    const want = hookCommand(process.execPath, CLI, true);
    assert.equal(entry?.bash, want.posix);
    assert.equal(entry?.powershell, want.powershell);
    const st = JSON.parse(agents(['status', '--agent', 'copilot', '--format', 'json'], repo, home).stdout) as { items: { scope: string; state: string }[] };
    assert.deepEqual(st.items.map((i) => [i.scope, i.state]), [['project', 'wired'], ['user', 'absent']]);
  });
});
