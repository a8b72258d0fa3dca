// `ai-provenance agents install|uninstall|status` end to end: real repositories, real settings files
// in temp dirs, a fixture HOME, and agent payloads piped through the exact command we wired.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as z from 'zod';
import { parse as parseJsonc } from 'jsonc-parser/lib/esm/main.js';
import { WorklogEntrySchema, type WorklogEntry } from '../../src/core/evidence/evidenceSchema';
import { worklogDir } from '../../src/git/worklog';
import { CLI, runCli } from '../helpers/cli';
import { GIT_ENV, cleanupTempDirs, git, gitRaw, initRepo, tempDir } from '../helpers/repo';

/** No variable of the real user leaks into a test. */
const ENV = { XDG_CONFIG_HOME: '', XDG_DATA_HOME: '', XDG_STATE_HOME: '', CLAUDE_CONFIG_DIR: '', COPILOT_HOME: '', CODEX_HOME: '' };

function agents(args: string[], repo: string, home: string, env: NodeJS.ProcessEnv = {}) {
  return runCli(['agents', ...args, '--home', home], { cwd: repo, env: { ...ENV, HOME: home, ...env } });
}

function write(file: string, text: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === '.git') continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        files.set(`${path.relative(dir, p)}/`, '');
        walk(p);
      } else {
        files.set(path.relative(dir, p), readFileSync(p, 'utf8'));
      }
    }
  };
  walk(dir);
  return files;
}

const ALL = ['--agent', 'claude', '--agent', 'cursor', '--agent', 'copilot', '--agent', 'gemini', '--agent', 'codex'];

// Existing settings as a user has them: comments, other hooks, CRLF, tabs, no final newline.
const PRE_EXISTING: Record<string, string> = {
  '.claude/settings.json': '{\n  // team settings\n  "model": "opus",\n  "hooks": {\n    "PostToolUse": [\n      { "matcher": "Edit", "hooks": [{ "type": "command", "command": "npx prettier --write \\"$CLAUDE_PROJECT_DIR\\"" }] }\n    ]\n  }\n}\n',
  '.cursor/hooks.json': '{\r\n\t"version": 1,\r\n\t"hooks": {\r\n\t\t"beforeShellExecution": [{ "command": "./guard.sh" }],\r\n\t\t"afterFileEdit": [{ "command": "./format.sh" }]\r\n\t}\r\n}',
  '.github/hooks/security.json': '{ "version": 1, "hooks": { "preToolUse": [{ "type": "command", "bash": "./scripts/guard.sh" }] } }\n',
  '.gemini/settings.json': '{\n  /* Gemini */\n  "theme": "GitHub",\n  "hooks": {\n    "BeforeTool": [{ "matcher": "run_shell_command", "hooks": [{ "type": "command", "command": "./check.sh" }] }],\n  },\n}\n',
  '.codex/hooks.json': '{\n    "hooks": {\n        "PostToolUse": [\n            { "matcher": "Bash", "hooks": [{ "type": "command", "command": "./log.sh" }] }\n        ]\n    }\n}\n',
};

// What each agent accepts, from its documentation (strict: a key we invent fails).
const ClaudeLike = z.strictObject({
  hooks: z.record(z.string(), z.array(z.strictObject({
    matcher: z.string().optional(),
    hooks: z.array(z.strictObject({ type: z.literal('command'), command: z.string(), timeout: z.number().optional(), name: z.string().optional(), description: z.string().optional() })),
  }))),
});
const SCHEMAS: Record<string, z.ZodType> = {
  '.claude/settings.json': ClaudeLike,
  '.gemini/settings.json': ClaudeLike,
  '.codex/hooks.json': ClaudeLike,
  '.cursor/hooks.json': z.strictObject({ version: z.literal(1), hooks: z.record(z.enum(['afterFileEdit', 'afterTabFileEdit']), z.array(z.strictObject({ command: z.string() }))) }),
  '.github/hooks/ai-provenance.json': z.strictObject({
    version: z.literal(1),
    hooks: z.record(z.literal('postToolUse'), z.array(z.strictObject({ type: z.literal('command'), bash: z.string(), powershell: z.string(), timeoutSec: z.number() }))),
  }),
};

describe('ai-provenance agents (CLI, real files)', function () {
  this.timeout(120000);
  before(() => assert.ok(existsSync(CLI), 'build first: node esbuild.config.mjs --quiet'));
  after(cleanupTempDirs);

  it('install twice then uninstall: byte-identical pre-existing files (comments, other hooks), created files and folders gone', () => {
    const repo = initRepo();
    const home = tempDir('aip-home-');
    for (const [f, text] of Object.entries(PRE_EXISTING)) write(path.join(repo, f), text);
    const before = snapshot(repo);

    const first = agents(['install', ...ALL, '--format', 'json'], repo, home);
    assert.equal(first.status, 0, first.stderr);
    assert.deepEqual((JSON.parse(first.stdout) as { items: { agent: string; action: string }[] }).items.map((i) => [i.agent, i.action]),
      [['claude', 'installed'], ['cursor', 'installed'], ['copilot', 'installed'], ['gemini', 'installed'], ['codex', 'installed']]);
    const once = snapshot(repo);
    // Our entries went in; everything else stayed byte for byte.
    const claude = once.get('.claude/settings.json') ?? '';
    assert.ok(claude.startsWith('{\n  // team settings\n  "model": "opus",\n'), claude);
    assert.match(claude, /npx prettier --write/);
    assert.match(claude, /then ai-provenance record --stdin-json; .* fi \|\| true"/);
    assert.match(once.get('.cursor/hooks.json') ?? '', /^\{\r\n\t"version": 1,\r\n\t"hooks": \{\r\n\t\t"beforeShellExecution"/);
    assert.ok(!/[^\r]\n/.test(once.get('.cursor/hooks.json') ?? ''), 'CRLF kept');
    assert.equal(once.get('.github/hooks/security.json'), PRE_EXISTING['.github/hooks/security.json']);
    assert.match(once.get('.gemini/settings.json') ?? '', /\/\* Gemini \*\//);

    const second = agents(['install', ...ALL], repo, home);
    assert.equal(second.status, 0, second.stderr);
    assert.equal((second.stdout.match(/: unchanged/g) ?? []).length, 5, second.stdout);
    assert.deepEqual(snapshot(repo), once, 'twice = once');

    const un = agents(['uninstall', '--format', 'json'], repo, home);
    assert.equal(un.status, 0, un.stderr);
    assert.deepEqual((JSON.parse(un.stdout) as { items: { agent: string; action: string }[] }).items.map((i) => [i.agent, i.action]),
      [['claude', 'restored'], ['cursor', 'restored'], ['copilot', 'removed-file'], ['gemini', 'restored'], ['codex', 'restored']]);
    assert.deepEqual(snapshot(repo), before, 'byte for byte');
    const again = agents(['uninstall'], repo, home);
    assert.equal(again.status, 0);
    assert.deepEqual(snapshot(repo), before);
  });

  it('install into empty folders: files each agent accepts (its documented schema, strict JSON), uninstall removes them and the folders', () => {
    const repo = initRepo();
    const home = tempDir('aip-home-');
    const r = agents(['install', ...ALL], repo, home);
    assert.equal(r.status, 0, r.stderr);
    for (const [file, schema] of Object.entries(SCHEMAS)) {
      const value: unknown = JSON.parse(readFileSync(path.join(repo, file), 'utf8'));
      const check = schema.safeParse(value);
      assert.ok(check.success, `${file}: ${JSON.stringify(check.error?.issues)}`);
    }
    const claude = JSON.parse(readFileSync(path.join(repo, '.claude/settings.json'), 'utf8')) as z.infer<typeof ClaudeLike>;
    assert.equal(claude.hooks.PostToolUse?.[0]?.matcher, 'Write|Edit|MultiEdit|NotebookEdit');
    const gemini = JSON.parse(readFileSync(path.join(repo, '.gemini/settings.json'), 'utf8')) as z.infer<typeof ClaudeLike>;
    assert.equal(gemini.hooks.AfterTool?.[0]?.matcher, 'write_file|replace');
    assert.equal(gemini.hooks.AfterTool?.[0]?.hooks[0]?.name, 'ai-provenance-record');
    const codex = JSON.parse(readFileSync(path.join(repo, '.codex/hooks.json'), 'utf8')) as z.infer<typeof ClaudeLike>;
    assert.equal(codex.hooks.PostToolUse?.[0]?.matcher, 'apply_patch');

    const un = agents(['uninstall'], repo, home);
    assert.equal(un.status, 0, un.stderr);
    assert.deepEqual([...snapshot(repo).keys()], []);
  });

  it('a payload in each agent\'s shape, piped through the exact command we wired, makes a working-log entry', () => {
    const repo = initRepo();
    const home = tempDir('aip-home-');
    assert.equal(agents(['install', ...ALL], repo, home).status, 0);
    write(path.join(repo, 'src/a.ts'), 'const a = 1;\nexport function add(x: number, y: number) {\n  return x + y;\n}\n');
    const abs = path.join(repo, 'src/a.ts');
    const cases: { file: string; command: (v: Record<string, unknown>) => string; shell: string; payload: unknown; tool: string; ranges: number[][] }[] = [
      {
        file: '.claude/settings.json', shell: 'sh', tool: 'claude', ranges: [[2, 4]],
        command: (v) => ((v.hooks as Record<string, { hooks: { command: string }[] }[]>).PostToolUse?.[0]?.hooks[0]?.command ?? ''),
        payload: { session_id: 's1', transcript_path: '/t', cwd: repo, permission_mode: 'default', hook_event_name: 'PostToolUse', tool_name: 'Edit', tool_input: { file_path: abs, old_string: 'x', new_string: 'export function add(x: number, y: number) {\n  return x + y;\n}\n' }, tool_response: { filePath: abs, success: true }, tool_use_id: 't1' },
      },
      {
        file: '.cursor/hooks.json', shell: 'sh', tool: 'cursor', ranges: [[1, 1]],
        command: (v) => ((v.hooks as Record<string, { command: string }[]>).afterFileEdit?.[0]?.command ?? ''),
        payload: { conversation_id: 'c1', generation_id: 'g1', model: 'gpt-5', hook_event_name: 'afterFileEdit', cursor_version: '2.0.0', workspace_roots: [repo], file_path: abs, edits: [{ old_string: '', new_string: 'const a = 1;\n' }] },
      },
      {
        file: '.github/hooks/ai-provenance.json', shell: 'bash', tool: 'copilot', ranges: [[3, 3]],
        command: (v) => ((v.hooks as Record<string, { bash: string }[]>).postToolUse?.[0]?.bash ?? ''),
        payload: { sessionId: 'p1', timestamp: 1704614600000, cwd: repo, toolName: 'edit', toolArgs: JSON.stringify({ path: abs, old_str: 'x', new_str: '  return x + y;' }), toolResult: { resultType: 'success', textResultForLlm: 'ok' } },
      },
      {
        file: '.gemini/settings.json', shell: 'bash', tool: 'gemini', ranges: [[2, 2]],
        command: (v) => ((v.hooks as Record<string, { hooks: { command: string }[] }[]>).AfterTool?.[0]?.hooks[0]?.command ?? ''),
        payload: { session_id: 'g1', transcript_path: '/t', cwd: repo, hook_event_name: 'AfterTool', timestamp: '2026-11-30T10:00:00Z', tool_name: 'replace', tool_input: { file_path: abs, old_string: 'x', new_string: 'export function add(x: number, y: number) {' }, tool_response: { llmContent: 'ok', returnDisplay: 'ok' } },
      },
      {
        file: '.codex/hooks.json', shell: 'sh', tool: 'codex', ranges: [[3, 3]],
        command: (v) => ((v.hooks as Record<string, { hooks: { command: string }[] }[]>).PostToolUse?.[0]?.hooks[0]?.command ?? ''),
        payload: { session_id: 'x1', turn_id: 't', transcript_path: null, cwd: repo, hook_event_name: 'PostToolUse', model: 'gpt-5.5-codex', permission_mode: 'default', tool_name: 'apply_patch', tool_input: { command: '*** Begin Patch\n*** Update File: src/a.ts\n@@\n export function add(x: number, y: number) {\n-  return x - y;\n+  return x + y;\n }\n*** End Patch\n' }, tool_response: 'Success', tool_use_id: 'c1' },
      },
    ];
    const wl = worklogDir(git(repo, ['rev-parse', '--absolute-git-dir']).trim());
    for (const c of cases) {
      const config = parseJsonc(readFileSync(path.join(repo, c.file), 'utf8')) as Record<string, unknown>;
      const command = c.command(config);
      assert.match(command, /record --stdin-json/, c.file);
      // The agent's shell, its cwd, a PATH without the CLI: the project command falls back to this machine's paths.
      const r = spawnSync(c.shell, ['-c', command], { cwd: repo, input: JSON.stringify(c.payload), env: { ...GIT_ENV, PATH: '/usr/bin:/bin' }, encoding: 'utf8' });
      assert.equal(r.status, 0, `${c.file}: ${r.stderr}`);
      assert.equal(r.stdout, '', 'hooks print nothing on stdout (Gemini and Codex parse it)');
      const entries = readdirSync(wl).sort().map((n) => WorklogEntrySchema.parse(JSON.parse(readFileSync(path.join(wl, n), 'utf8'))) as WorklogEntry);
      const last = entries.at(-1);
      assert.equal(last?.tool, c.tool, `${c.file}: ${JSON.stringify(entries)}`);
      assert.deepEqual(last?.files.map((f) => ({ path: f.path, ranges: f.ranges })), [{ path: 'src/a.ts', ranges: c.ranges }], c.file);
      assert.ok(last?.files[0]?.digests?.length, `${c.file}: the recorded lines carry digests`);
    }
    // The whole chain: the next commit carries the evidence.
    assert.equal(runCli(['hooks', 'install'], { cwd: repo }).status, 0);
    git(repo, ['add', 'src/a.ts']);
    const committed = gitRaw(repo, ['commit', '-q', '-m', 'Add add()']);
    assert.equal(committed.status, 0, committed.stderr);
    assert.match(committed.stderr, /added "Assisted-by: Codex:gpt-5\.5-codex"/);
    const note = git(repo, ['notes', '--ref=ai-provenance', 'show', 'HEAD']);
    for (const t of ['claude', 'cursor', 'copilot', 'gemini', 'codex']) assert.match(note, new RegExp(`"tool":"${t}"`), note);
  });

  it('the wired command never fails the agent when the CLI moved; status says outdated, install updates it in place', () => {
    const repo = initRepo();
    const home = tempDir('aip-home-');
    // Installed by a CLI that is later removed (an old checkout, an uninstalled package).
    const old = path.join(tempDir('aip-old-'), 'dist');
    cpSync(path.dirname(CLI), old, { recursive: true });
    const oldCli = path.join(old, 'cli.js');
    const first = spawnSync(process.execPath, [oldCli, 'agents', 'install', '--agent', 'claude', '--agent', 'copilot', '--home', home], { cwd: repo, env: { ...GIT_ENV, ...ENV, HOME: home }, encoding: 'utf8' });
    assert.equal(first.status, 0, first.stderr);
    rmSync(old, { recursive: true });
    const file = path.join(repo, '.claude/settings.json');
    const installed = readFileSync(file, 'utf8');
    const cmd = (JSON.parse(installed) as { hooks: { PostToolUse: { hooks: { command: string }[] }[] } }).hooks.PostToolUse[0]?.hooks[0]?.command ?? '';
    assert.ok(cmd.includes(oldCli), cmd);
    const run = spawnSync('sh', ['-c', cmd], { cwd: repo, input: '{}', encoding: 'utf8' });
    assert.equal(run.status, 0, 'never fails the agent');

    // No ai-provenance on PATH here, so the moved fallback is all the project command has.
    const st = agents(['status', '--format', 'json', '--scope', 'project'], repo, home, { PATH: '/usr/bin:/bin' });
    assert.equal(st.status, 0, st.stderr);
    const items = (JSON.parse(st.stdout) as { items: { agent: string; state: string; detail?: string }[] }).items;
    assert.deepEqual(items.map((i) => [i.agent, i.state]), [['claude', 'outdated'], ['cursor', 'absent'], ['copilot', 'outdated'], ['gemini', 'absent'], ['codex', 'absent']]);
    assert.ok(items[0]?.detail?.includes(`${oldCli} no longer exists`), items[0]?.detail);
    assert.match(agents(['status'], repo, home, { PATH: '/usr/bin:/bin' }).stdout, /Fix: ai-provenance agents install --agent claude --scope project/);

    const up = agents(['install', '--agent', 'claude', '--agent', 'copilot'], repo, home, { PATH: '/usr/bin:/bin' });
    assert.match(up.stdout, /Claude Code \(project\): updated/);
    assert.equal(readFileSync(file, 'utf8'), installed.split(oldCli).join(CLI), 'only the command changed');
    assert.deepEqual((JSON.parse(agents(['status', '--format', 'json', '--scope', 'project'], repo, home).stdout) as { items: { state: string }[] }).items.map((i) => i.state),
      ['wired', 'absent', 'wired', 'absent', 'absent']);
    // The files are still exactly as we left them: uninstall removes the ones we created.
    const un = agents(['uninstall'], repo, home);
    assert.equal(un.status, 0, un.stderr);
    assert.deepEqual([...snapshot(repo).keys()], [], un.stdout);
  });

  it('a file edited since install keeps the edit: uninstall removes only our entries and says so', () => {
    const repo = initRepo();
    const home = tempDir('aip-home-');
    const file = write(path.join(repo, '.gemini/settings.json'), PRE_EXISTING['.gemini/settings.json'] ?? '');
    assert.equal(agents(['install', '--agent', 'gemini'], repo, home).status, 0);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"theme": "GitHub"', '"theme": "Dracula"'));
    const un = agents(['uninstall', '--agent', 'gemini'], repo, home);
    assert.equal(un.status, 0, un.stderr);
    assert.match(un.stdout, /removed-entries .* edited since install: only our entries were removed/);
    assert.equal(readFileSync(file, 'utf8'), (PRE_EXISTING['.gemini/settings.json'] ?? '').replace('GitHub', 'Dracula'));
  });

  it('hand-written wiring is left alone (manual); a file that is not JSON is never changed (exit 3)', () => {
    const repo = initRepo();
    const home = tempDir('aip-home-');
    const manual = write(path.join(repo, '.cursor/hooks.json'), '{ "version": 1, "hooks": { "afterFileEdit": [{ "command": "ai-provenance record --stdin-json" }] } }\n');
    const broken = write(path.join(repo, '.claude/settings.json'), '{ "hooks": ');
    const r = agents(['install', '--agent', 'cursor', '--agent', 'claude'], repo, home);
    assert.equal(r.status, 3, r.stdout + r.stderr);
    assert.match(r.stdout, /Cursor \(project\): installed/); // afterTabFileEdit was missing
    assert.match(r.stdout, /Claude Code \(project\): skipped .*not valid JSON/);
    assert.equal(readFileSync(broken, 'utf8'), '{ "hooks": ');
    assert.match(readFileSync(manual, 'utf8'), /"afterFileEdit": \[\{ "command": "ai-provenance record --stdin-json" \}\]/);
    const st = JSON.parse(agents(['status', '--format', 'json', '--scope', 'project'], repo, home).stdout) as { items: { agent: string; state: string }[] };
    assert.deepEqual(st.items.filter((i) => i.agent === 'claude' || i.agent === 'cursor').map((i) => [i.agent, i.state]), [['claude', 'unreadable'], ['cursor', 'wired']]);
  });

  it('without --agent: wires the agents found in the repository or the home and says which it skipped; --scope user writes under the home', () => {
    const repo = initRepo();
    const home = tempDir('aip-home-');
    mkdirSync(path.join(home, '.gemini'));
    mkdirSync(path.join(repo, '.claude'));
    const r = agents(['install', '--format', 'json'], repo, home);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { items: { agent: string }[]; skipped: { agent: string; looked: string[] }[] };
    assert.deepEqual(out.items.map((i) => i.agent), ['claude', 'gemini']);
    assert.deepEqual(out.skipped.map((s) => s.agent), ['cursor', 'copilot', 'codex']);
    assert.deepEqual(out.skipped[1]?.looked, ['.github/hooks/', '~/.copilot/']);
    const text = agents(['install'], repo, home).stdout;
    assert.match(text, /Skipped \(no sign of use on this machine\):\n {2}Cursor: no \.cursor\/ or ~\/\.cursor\/ found/);

    const user = agents(['install', '--scope', 'user', '--agent', 'codex', '--agent', 'copilot'], repo, home);
    assert.equal(user.status, 0, user.stderr);
    assert.ok(existsSync(path.join(home, '.codex/hooks.json')));
    assert.ok(existsSync(path.join(home, '.copilot/hooks/ai-provenance.json')));
    assert.match(user.stdout, /Codex CLI \(user\): installed {2}~\/\.codex\/hooks\.json/);
    // User files are this machine's own: the hook calls this node and CLI by absolute path.
    const codexUser = JSON.parse(readFileSync(path.join(home, '.codex/hooks.json'), 'utf8')) as z.infer<typeof ClaudeLike>;
    assert.equal(codexUser.hooks.PostToolUse?.[0]?.hooks[0]?.command, `ELECTRON_RUN_AS_NODE=1 '${process.execPath}' '${CLI}' record --stdin-json || true`);
    // COPILOT_HOME / CODEX_HOME are honoured when the home comes from HOME.
    const relocated = runCli(['agents', 'status', '--scope', 'user', '--format', 'json', '--agent', 'codex'], { cwd: repo, env: { ...ENV, HOME: home, CODEX_HOME: path.join(home, 'elsewhere') } });
    assert.equal((JSON.parse(relocated.stdout) as { items: { file: string }[] }).items[0]?.file, path.join(home, 'elsewhere', 'hooks.json'));
  });

  it('project scope outside a repository is exit 3; usage errors are exit 2', () => {
    const dir = tempDir();
    const home = tempDir('aip-home-');
    const r = agents(['install', '--agent', 'claude'], dir, home);
    assert.equal(r.status, 3, r.stderr);
    assert.match(r.stderr, /not a git repository/);
    assert.equal(agents(['install', '--agent', 'windsurf'], dir, home).status, 2);
    assert.equal(agents(['install', '--scope', 'global'], dir, home).status, 2);
    assert.equal(agents(['frobnicate'], dir, home).status, 2);
    assert.equal(agents(['--help'], dir, home).status, 0);
  });
});
