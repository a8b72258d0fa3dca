// In a real VS Code: "Install Agent Hooks…" (the walkthrough's step) shows the coding agents with the
// detected ones selected, asks for the scope, and installs the project files — its QuickPicks answered
// through the workbench's own accept/close commands, as a keyboard would. The workspace is put back
// as it was afterwards (other test files share it).
import * as vscode from 'vscode';
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AiProvenanceApi } from '../../src/extension/api';
import type { AgentHooksOutcome, AgentHooksPrompt } from '../../src/extension/agentHooks';
import { parseOurCommand } from '../../src/core/capture/agentCatalog';
import { agentHome, userPaths } from '../../src/app/agents/userPaths';
import { sleep, until } from './wait';

const WORKSPACE = process.env.AIP_TEST_WORKSPACE as string;
const EXTENSION_ID = 'ai-provenance.ai-provenance';
const AGENT_IDS = ['claude', 'cursor', 'copilot', 'gemini', 'codex'] as const;
const TEAM_SETTINGS = '{\n  // the team\'s settings\n  "model": "opus"\n}\n';

async function extensionApi(): Promise<AiProvenanceApi> {
  const api = await vscode.extensions.getExtension<AiProvenanceApi>(EXTENSION_ID)?.activate();
  assert.ok(api, 'the extension is installed');
  await api.ready;
  return api;
}

/** The prompt number `n` of this session, once the command has asked it. */
function prompt(api: AiProvenanceApi, n: number): Promise<AgentHooksPrompt> {
  return until(`question ${n + 1}`, () => api.agentHooks?.prompts[n]);
}

/** Presses Enter (or Escape) in the QuickPick until the command has its answer: the pick may paint a moment after it is asked. */
async function answer(p: AgentHooksPrompt, command = 'workbench.action.acceptSelectedQuickOpenItem'): Promise<void> {
  await until(`the answer to the ${p.step} question`, async () => {
    if (p.answer !== undefined) return true;
    await vscode.commands.executeCommand(command);
    await sleep(300);
    return p.answer !== undefined;
  }, 30_000);
}

describe('Install Agent Hooks… (walkthrough step)', function () {
  this.timeout(90000);
  const created = ['.claude', '.cursor'];

  before(() => {
    // Claude Code and Cursor are used in this repository: their folders are there.
    mkdirSync(path.join(WORKSPACE, '.claude'), { recursive: true });
    writeFileSync(path.join(WORKSPACE, '.claude', 'settings.json'), TEAM_SETTINGS);
    mkdirSync(path.join(WORKSPACE, '.cursor'), { recursive: true });
  });

  after(() => {
    // The CLI the extension bundles puts every file back (the same state, under the harness's XDG_STATE_HOME).
    const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '', 'dist', 'cli.js');
    execFileSync(process.execPath, [cli, 'agents', 'uninstall', '--scope', 'project'], { cwd: WORKSPACE, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    assert.equal(readFileSync(path.join(WORKSPACE, '.claude', 'settings.json'), 'utf8'), TEAM_SETTINGS, 'uninstall restores the team\'s file');
    for (const dir of [...created, '.github', '.gemini', '.codex']) rmSync(path.join(WORKSPACE, dir), { recursive: true, force: true });
  });

  it('offers every agent, the detected ones selected; the scope question explains that project files are committed; installs into the project files', async () => {
    const api = await extensionApi();
    const n = api.agentHooks?.prompts.length ?? 0;
    const running = vscode.commands.executeCommand<AgentHooksOutcome | undefined>('aiProvenance.installAgentHooks', WORKSPACE);

    const agents = await prompt(api, n);
    assert.equal(agents.step, 'agents');
    assert.deepEqual(agents.items.map((i) => i.id), [...AGENT_IDS]);
    const paths = userPaths(process.env);
    const expected = AGENT_IDS.filter((id) => id === 'claude' || id === 'cursor' || existsSync(agentHome(paths, id)));
    assert.deepEqual(agents.items.filter((i) => i.picked).map((i) => i.id), expected, 'the agents found here are selected');
    const claude = agents.items[0];
    assert.match(claude?.description ?? '', /^found: \.claude\//);
    assert.match(claude?.detail ?? '', /^project: absent · user: /);
    for (const i of agents.items.filter((x) => !x.picked)) assert.equal(i.description, 'not found on this machine', i.id);
    await answer(agents);
    assert.deepEqual(agents.answer, expected, 'Enter installs the selected agents');

    const scope = await prompt(api, n + 1);
    assert.equal(scope.step, 'scope');
    assert.deepEqual(scope.items.map((i) => i.id), ['project', 'user']);
    assert.match(scope.items[0]?.description ?? '', /^\.claude\/settings\.json, \.cursor\/hooks\.json/);
    assert.match(scope.items[0]?.detail ?? '', /often commit .* falls back to this machine's paths/);
    assert.match(scope.items[1]?.detail ?? '', /Only on this machine/);
    await answer(scope);
    assert.deepEqual(scope.answer, ['project'], 'the first choice is this repository');

    const outcome = await running;
    assert.ok(outcome, 'the command reports its outcome');
    assert.equal(outcome.scope, 'project');
    assert.deepEqual(outcome.items.map((i) => [i.agent, i.action]), expected.map((id) => [id, 'installed']));

    // The files: merged into the team's settings, the portable command calling the extension's CLI as the fallback.
    const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '', 'dist', 'cli.js');
    const settings = readFileSync(path.join(WORKSPACE, '.claude', 'settings.json'), 'utf8');
    assert.ok(settings.startsWith('{\n  // the team\'s settings\n  "model": "opus",\n'), settings);
    const value = JSON.parse(settings.replace(/^ *\/\/.*$/m, '')) as { hooks: { PostToolUse: { matcher: string; hooks: { command: string }[] }[] } };
    const wired = parseOurCommand(value.hooks.PostToolUse[0]?.hooks[0]?.command);
    assert.equal(value.hooks.PostToolUse[0]?.matcher, 'Write|Edit|MultiEdit|NotebookEdit');
    assert.deepEqual(wired && { cli: wired.cli, portable: wired.portable }, { cli, portable: true });
    const cursor = JSON.parse(readFileSync(path.join(WORKSPACE, '.cursor', 'hooks.json'), 'utf8')) as { version: number; hooks: Record<string, { command: string }[]> };
    assert.equal(cursor.version, 1);
    assert.deepEqual(Object.keys(cursor.hooks), ['afterFileEdit', 'afterTabFileEdit']);
    assert.equal(parseOurCommand(cursor.hooks.afterFileEdit?.[0]?.command)?.cli, cli);
    assert.ok(!existsSync(path.join(WORKSPACE, '.github', 'hooks', 'ai-provenance.json')) || expected.includes('copilot'), 'nothing for an agent not picked');
  });

  it('a second run shows the wiring; dismissing the QuickPick changes nothing', async () => {
    const api = await extensionApi();
    const n = api.agentHooks?.prompts.length ?? 0;
    const before = readFileSync(path.join(WORKSPACE, '.claude', 'settings.json'), 'utf8');
    const running = vscode.commands.executeCommand<AgentHooksOutcome | undefined>('aiProvenance.installAgentHooks', WORKSPACE);
    const agents = await prompt(api, n);
    assert.match(agents.items[0]?.detail ?? '', /^project: wired · user: /);
    await answer(agents, 'workbench.action.closeQuickOpen');
    assert.equal(agents.answer, null);
    assert.equal(await running, undefined);
    assert.equal(api.agentHooks?.prompts.length, n + 1, 'no scope question after a dismissal');
    assert.equal(readFileSync(path.join(WORKSPACE, '.claude', 'settings.json'), 'utf8'), before);
  });
});
