// Use case: `ai-provenance doctor` — for this repository and user, every agent's attribution
// setting as it stands, whether its hooks record evidence, and our own git hooks' status; each
// problem with the exact command (or edit) that fixes it.
import * as path from 'node:path';
import { agentDef, type HookAgent, type Scope } from '../../core/capture/agentCatalog';
import { detectAgents, wiringOf, type StatusItem } from './agents';
import { cliOnPath } from './cliOnPath';
import { SettingsReader, type AttributionReading, type AttributionState, type SettingRow } from './doctorSettings';
import { statusHooks } from '../hooks/hooks';
import { locateRepository } from '../hooks/record';
import { userPaths } from './userPaths';

export const DOCTOR_AGENTS = ['claude', 'copilot', 'cursor', 'codex', 'gemini', 'vscode', 'aider'] as const;
export type DoctorAgent = (typeof DOCTOR_AGENTS)[number];

export interface DoctorAgentReport {
  agent: DoctorAgent;
  name: string;
  /** Signs of use on this machine: its folders or settings files. */
  found: boolean;
  attribution: AttributionState;
  detail: string;
  /** Claude Code only: what cloud sessions (which read only the project file) write. */
  cloud?: { attribution: AttributionState; detail: string };
  settings: SettingRow[];
  /** Agents with a hook system we wire: per scope. */
  hooks?: { scope: Scope; state: StatusItem['state']; file?: string; detail?: string }[];
  notes: string[];
}

export interface DoctorProblem {
  agent?: DoctorAgent | 'git';
  severity: 'error' | 'warning';
  message: string;
  /** The command to run, or the edit to make. */
  fix: string;
}

export interface GitHooksReport {
  state: 'installed' | 'incomplete' | 'missing' | 'no-repository' | 'unavailable';
  dir?: string;
  manager?: string;
  hooks: { hook: string; state: string }[];
  rewriteRef?: boolean;
  /** Provenance notes follow amend and rebase (our post-rewrite hook, or notes.rewriteRef). */
  notesFollowRewrites?: boolean;
  detail?: string;
}

export interface DoctorReport {
  v: 1;
  repo: string | null;
  home: string;
  agents: DoctorAgentReport[];
  gitHooks: GitHooksReport;
  problems: DoctorProblem[];
  unreadable: { file: string; reason: string }[];
}

export interface DoctorRequest {
  repo?: string;
  home?: string;
  env: NodeJS.ProcessEnv;
  node: string;
  cli: string;
}

const NAMES: Record<DoctorAgent, string> = {
  claude: 'Claude Code', copilot: 'GitHub Copilot CLI', cursor: 'Cursor', codex: 'Codex CLI', gemini: 'Gemini CLI', vscode: 'VS Code (git.addAICoAuthor)', aider: 'aider',
};

export async function runDoctor(req: DoctorRequest): Promise<DoctorReport> {
  const paths = userPaths(req.env, req.home);
  let root: string | undefined;
  try {
    root = (await locateRepository(path.resolve(req.repo ?? '.'))).root;
  } catch {
    root = undefined;
  }
  const reader = new SettingsReader(paths, root, req.home === undefined);
  const detected = new Map(detectAgents({ paths, ...(root ? { root } : {}) }).map((d) => [d.agent, d.found]));
  const onPath = cliOnPath(req.env);
  const ctx = { paths, ...(root ? { root } : {}), node: req.node, cli: req.cli, ...(onPath ? { onPath } : {}) };
  const problems: DoctorProblem[] = [];
  const readings: Record<DoctorAgent, AttributionReading> = {
    claude: reader.claude(), copilot: reader.copilot(), cursor: reader.cursor(), codex: reader.codex(),
    gemini: reader.gemini(), vscode: reader.vscode(), aider: reader.aider(),
  };
  const gitHooks = await gitHooksReport(root, req);
  if (gitHooks.state === 'missing' || gitHooks.state === 'incomplete') {
    problems.push({ agent: 'git', severity: gitHooks.state === 'missing' ? 'warning' : 'error', message: `our git hooks are ${gitHooks.state}${gitHooks.detail ? ` (${gitHooks.detail})` : ''}: commits are not checked against the policy and recorded evidence is not attached`, fix: 'ai-provenance hooks install' });
  }

  const agents = DOCTOR_AGENTS.map((agent): DoctorAgentReport => {
    const r = readings[agent];
    const notes: string[] = [];
    const isHookAgent = agent !== 'vscode' && agent !== 'aider';
    const found = (isHookAgent && (detected.get(agent as HookAgent)?.length ?? 0) > 0) || r.files.length > 0
      || (agent === 'vscode' && r.settings.length > 0);
    const report: DoctorAgentReport = { agent, name: NAMES[agent], found, attribution: r.attribution, detail: r.detail, settings: r.settings, notes };
    if ('cloud' in r) report.cloud = (r as ReturnType<SettingsReader['claude']>).cloud;
    if (isHookAgent) {
      const def = agentDef(agent as HookAgent);
      report.hooks = (['project', 'user'] as const).map((scope) => {
        const w = wiringOf(def, scope, ctx);
        return { scope, state: w.state, ...(w.file ? { file: w.file } : {}), ...(w.detail ? { detail: w.detail } : {}) };
      });
      const recorded = report.hooks.some((h) => h.state === 'wired' || h.state === 'manual');
      for (const h of report.hooks) {
        if (h.state === 'outdated') problems.push({ agent, severity: 'error', message: `${def.name} hooks (${h.scope}) are outdated: ${h.detail ?? ''}`.trim(), fix: `ai-provenance agents install --agent ${agent} --scope ${h.scope}` });
        if (h.state === 'unreadable' && h.file && !reader.unreadable.some((u) => u.file === h.file)) reader.unreadable.push({ file: h.file, reason: h.detail ?? 'unreadable' });
      }
      if (r.hooksDisabled && recorded) {
        problems.push({ agent, severity: 'warning', message: `${def.name}'s hooks are switched off (${r.hooksDisabled}): nothing is recorded`, fix: `set it to true in ${r.hooksDisabled.split(' in ').at(-1) ?? 'its settings'}` });
      }
      if (found && !recorded) {
        const silent = r.attribution === 'off';
        problems.push({
          agent, severity: silent ? 'error' : 'warning',
          message: silent ? `${def.name} writes no attribution (${r.detail}) and its hooks are not wired: its work leaves no trace`
            : `${def.name} is used here but its hooks are not wired: its edits are not recorded as evidence`,
          fix: `ai-provenance agents install --agent ${agent}`,
        });
      }
      if (report.cloud?.attribution === 'off') {
        problems.push({ agent, severity: 'warning', message: `Claude Code cloud sessions write no attribution (${report.cloud.detail}) and run no local hooks`, fix: 'remove "attribution.commit": "" (and "attribution.sessionUrl": false) from .claude/settings.json' });
      }
    }
    if (agent === 'vscode' && r.attribution === 'on' && r.settings.length > 0 && (gitHooks.state === 'missing' || gitHooks.state === 'incomplete')) {
      problems.push({ agent, severity: 'warning', message: `VS Code appends "Co-authored-by: Copilot <copilot@github.com>" from a sticky per-file tracker (${r.detail}) and our git hooks are not there to check it against evidence`, fix: 'ai-provenance hooks install' });
    }
    if (agent === 'aider') {
      if (!(r as ReturnType<SettingsReader['aider']>).commitVerify) notes.push('aider commits with --no-verify (git-commit-verify off): commit-msg does not run; post-commit still attaches recorded evidence');
      notes.push('aider has no hook system: record its edits with `ai-provenance record --tool aider --file …`');
      if (found && r.attribution === 'off') {
        const file = r.files.at(-1) ?? '.aider.conf.yml';
        problems.push({ agent, severity: 'error', message: 'aider writes no attribution (every --attribute-* option is off) and has no hooks to record its edits', fix: `set "attribute-co-authored-by: true" in ${file}` });
      }
    }
    if (agent === 'copilot') notes.push('the same .github/hooks file also wires VS Code\'s agent');
    return report;
  });
  return { v: 1, repo: root ?? null, home: paths.home, agents, gitHooks, problems, unreadable: reader.unreadable };
}

async function gitHooksReport(root: string | undefined, req: DoctorRequest): Promise<GitHooksReport> {
  if (!root) return { state: 'no-repository', hooks: [] };
  try {
    const s = await statusHooks({ repo: root, node: req.node, cli: req.cli });
    const hooks = s.hooks.map((h) => ({ hook: h.hook, state: h.state }));
    const installed = hooks.filter((h) => h.state === 'installed').length;
    const state = installed === hooks.length && s.notesFollowRewrites ? 'installed' : installed === 0 && hooks.every((h) => h.state === 'missing' || h.state === 'foreign') ? 'missing' : 'incomplete';
    const off = hooks.filter((h) => h.state !== 'installed').map((h) => `${h.hook} ${h.state}`);
    const detail = [...off, ...(s.notesFollowRewrites ? [] : ['notes do not follow amend and rebase (no post-rewrite hook, no notes.rewriteRef)'])].join(', ');
    return {
      state, dir: s.location.dir, ...(s.location.manager ? { manager: s.location.manager } : {}), hooks, rewriteRef: s.rewriteRef,
      notesFollowRewrites: s.notesFollowRewrites, ...(detail && state !== 'installed' ? { detail } : {}),
    };
  } catch (e) {
    return { state: 'unavailable', hooks: [], detail: e instanceof Error ? e.message : String(e) };
  }
}
