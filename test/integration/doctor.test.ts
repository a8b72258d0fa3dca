// `ai-provenance doctor` on a fixture home and repository: every agent's attribution settings in
// several states, malformed files, hook wiring, our git hooks; text and the stable JSON shape.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CLI, runCli } from '../helpers/cli';
import { cleanupTempDirs, initRepo, tempDir } from '../helpers/repo';

const ENV = { XDG_CONFIG_HOME: '', XDG_DATA_HOME: '', XDG_STATE_HOME: '', CLAUDE_CONFIG_DIR: '', COPILOT_HOME: '', CODEX_HOME: '' };

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

interface Report {
  v: number;
  repo: string | null;
  home: string;
  agents: {
    agent: string; found: boolean; attribution: string; detail: string;
    cloud?: { attribution: string; detail: string };
    settings: { scope: string; file: string; key: string; value: unknown }[];
    hooks?: { scope: string; state: string }[];
    notes: string[];
  }[];
  gitHooks: { state: string; hooks: { hook: string; state: string }[]; rewriteRef?: boolean; notesFollowRewrites?: boolean };
  problems: { agent?: string; severity: string; message: string; fix: string }[];
  unreadable: { file: string; reason: string }[];
}

function doctor(repo: string, home: string, env: NodeJS.ProcessEnv = {}, args: string[] = ['--home', home]): { status: number; report: Report; stdout: string; stderr: string } {
  const r = runCli(['doctor', '--format', 'json', ...args], { cwd: repo, env: { ...ENV, HOME: home, ...env } });
  return { status: r.status, report: JSON.parse(r.stdout || '{}') as Report, stdout: r.stdout, stderr: r.stderr };
}

describe('ai-provenance doctor (CLI, fixture home)', function () {
  this.timeout(120000);
  before(() => assert.ok(existsSync(CLI), 'build first: node esbuild.config.mjs --quiet'));
  after(cleanupTempDirs);

  it('reports each agent\'s settings as they stand, malformed files in one line each, and the fix for every problem', () => {
    const repo = initRepo();
    const home = tempDir('aip-home-');
    // Claude Code: user hides the commit attribution; project (what cloud sessions read) hides it all; local is legacy.
    write(path.join(home, '.claude/settings.json'), '{ "attribution": { "commit": "" } }');
    write(path.join(repo, '.claude/settings.json'), '{\n  // cloud sessions read this\n  "attribution": { "commit": "", "sessionUrl": false }\n}\n');
    write(path.join(repo, '.claude/settings.local.json'), '{ "includeCoAuthoredBy": false }');
    write(path.join(home, '.copilot/settings.json'), '{ "includeCoAuthoredBy": false, "model": "gpt-5" }');
    write(path.join(home, '.codex/config.toml'), 'model = "gpt-5.5-codex"\ncommit_attribution = ""\n\n[features]\nhooks = false\n');
    write(path.join(home, '.config/Code/User/settings.json'), '{\n  // JSONC, as VS Code writes it\n  "git.addAICoAuthor": "chatAndAgent",\n}\n');
    write(path.join(home, '.config/VSCodium/User/settings.json'), '{ "git.addAICoAuthor": "off" }');
    write(path.join(repo, '.vscode/settings.json'), '{ "editor.tabSize": 2 }');
    write(path.join(home, '.aider.conf.yml'), 'attribute-co-authored-by: false\nattribute-author: false\n');
    write(path.join(repo, '.aider.conf.yml'), 'attribute-committer: false\ngit-commit-verify: true\n');
    write(path.join(home, '.gemini/settings.json'), '{ "hooksConfig": { "enabled": tru }');
    write(path.join(home, '.cursor/cli-config.json'), '{ "attribution": { "attributeCommitsToAgent": false, "attributePRsToAgent": false } }');

    const { status, report, stderr } = doctor(repo, home);
    assert.equal(status, 1, stderr);
    assert.equal(report.v, 1);
    assert.equal(report.repo, repo);
    assert.equal(report.home, home);
    const agent = (id: string) => report.agents.find((a) => a.agent === id) ?? assert.fail(id);
    assert.deepEqual(report.agents.map((a) => a.agent), ['claude', 'copilot', 'cursor', 'codex', 'gemini', 'vscode', 'aider']);

    const claude = agent('claude');
    assert.deepEqual(claude.settings.map((s) => [s.scope, s.key, s.value]), [
      ['user', 'attribution.commit', ''], ['project', 'attribution.commit', ''], ['project', 'attribution.sessionUrl', false], ['project-local', 'includeCoAuthoredBy', false],
    ]);
    assert.equal(claude.attribution, 'off', claude.detail);
    assert.equal(claude.cloud?.attribution, 'off');
    assert.deepEqual(claude.hooks, [{ scope: 'project', state: 'absent', file: path.join(repo, '.claude/settings.json') }, { scope: 'user', state: 'absent', file: path.join(home, '.claude/settings.json') }]);

    assert.equal(agent('copilot').attribution, 'off');
    assert.equal(agent('cursor').attribution, 'off');
    const codex = agent('codex');
    assert.equal(codex.attribution, 'off');
    assert.deepEqual(codex.settings.map((s) => [s.key, s.value]), [['commit_attribution', ''], ['features.hooks', false]]);
    const vscode = agent('vscode');
    assert.equal(vscode.attribution, 'on', vscode.detail);
    assert.deepEqual(vscode.settings.map((s) => [path.relative(home, s.file), s.value]), [['.config/Code/User/settings.json', 'chatAndAgent'], ['.config/VSCodium/User/settings.json', 'off']]);
    const aider = agent('aider');
    assert.equal(aider.attribution, 'off');
    assert.equal(aider.notes.some((n) => n.includes('--no-verify')), false, 'git-commit-verify: true in the repository');
    assert.equal(agent('gemini').found, true);

    assert.deepEqual(report.unreadable.map((u) => u.file), [path.join(home, '.gemini/settings.json')]);
    assert.match(report.unreadable[0]?.reason ?? '', /^JSON: .* at line 1$/);
    assert.equal(report.gitHooks.state, 'missing');

    const fixes = report.problems.map((p) => [p.agent, p.severity, p.fix]);
    assert.deepEqual(fixes, [
      ['git', 'warning', 'ai-provenance hooks install'],
      ['claude', 'error', 'ai-provenance agents install --agent claude'],
      ['claude', 'warning', 'remove "attribution.commit": "" (and "attribution.sessionUrl": false) from .claude/settings.json'],
      ['copilot', 'error', 'ai-provenance agents install --agent copilot'],
      ['cursor', 'error', 'ai-provenance agents install --agent cursor'],
      ['codex', 'error', 'ai-provenance agents install --agent codex'],
      ['gemini', 'warning', 'ai-provenance agents install --agent gemini'],
      ['vscode', 'warning', 'ai-provenance hooks install'],
      ['aider', 'error', `set "attribute-co-authored-by: true" in ${path.join(repo, '.aider.conf.yml')}`],
    ]);

    const text = runCli(['doctor', '--home', home], { cwd: repo, env: { ...ENV, HOME: home } });
    assert.equal(text.status, 1);
    assert.match(text.stdout, /^Claude Code\n {2}attribution: off — /m);
    assert.match(text.stdout, /~\/\.gemini\/settings\.json: JSON: /);
    assert.match(text.stdout, /Problems \(9\):/);
    assert.match(text.stdout, / {4}fix: ai-provenance agents install --agent claude\n/);
  });

  it('after the fixes: hooks wired and our git hooks installed, the problems are gone; a switched-off hook system is reported', () => {
    const repo = initRepo();
    const home = tempDir('aip-home-');
    write(path.join(home, '.claude/settings.json'), '{ "attribution": { "commit": "" } }');
    write(path.join(home, '.codex/config.toml'), '[features]\nhooks = false\n');
    write(path.join(repo, '.vscode/settings.json'), '{ "git.addAICoAuthor": "all" }');
    const before = doctor(repo, home).report;
    assert.ok(before.problems.length >= 3, JSON.stringify(before.problems));

    for (const args of [['agents', 'install', '--agent', 'claude', '--agent', 'codex', '--scope', 'user', '--home', home], ['hooks', 'install']]) {
      const r = runCli(args, { cwd: repo, env: { ...ENV, HOME: home } });
      assert.equal(r.status, 0, r.stderr);
    }
    const { status, report } = doctor(repo, home);
    assert.equal(report.gitHooks.state, 'installed');
    assert.equal(report.gitHooks.notesFollowRewrites, true, 'the post-rewrite hook carries the notes');
    assert.equal(report.gitHooks.rewriteRef, false, 'no notes.rewriteRef (git would warn before the first note)');
    assert.deepEqual(report.agents.find((a) => a.agent === 'claude')?.hooks?.map((h) => h.state), ['absent', 'wired']);
    assert.deepEqual(report.problems.map((p) => [p.agent, p.message.replace(/\(.*\)/, '(…)')]), [['codex', 'Codex CLI\'s hooks are switched off (…): nothing is recorded']]);
    assert.equal(status, 1);
  });

  it('HOME and XDG_CONFIG_HOME are honoured without --home; outside a repository only user settings are read', () => {
    const home = tempDir('aip-home-');
    const xdg = tempDir('aip-xdg-');
    write(path.join(xdg, 'Code - Insiders/User/settings.json'), '{ "git.addAICoAuthor": "all" }');
    write(path.join(home, '.config/Code/User/settings.json'), '{ "git.addAICoAuthor": "off" }');
    const outside = tempDir();
    const { status, report } = doctor(outside, home, { XDG_CONFIG_HOME: xdg }, []);
    assert.equal(report.repo, null);
    assert.equal(report.home, home);
    assert.equal(report.gitHooks.state, 'no-repository');
    assert.deepEqual(report.agents.find((a) => a.agent === 'vscode')?.settings.map((s) => [s.file, s.value]), [[path.join(xdg, 'Code - Insiders/User/settings.json'), 'all']]);
    assert.equal(status, 0, JSON.stringify(report.problems));
    assert.equal(runCli(['doctor', '--bogus'], { cwd: outside }).status, 2);
  });
});
