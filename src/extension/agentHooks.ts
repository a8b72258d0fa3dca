// "Install Agent Hooks…": `ai-provenance agents install` from VS Code (the walkthrough's step). Shows
// the coding agents with where each was found and how it is wired now, lets the user pick (the
// detected ones pre-selected), asks for the scope — explaining that project files hold this machine's
// paths and are often committed — installs, and reports. Trusted workspaces only.
import * as vscode from 'vscode';
import * as path from 'node:path';
import { AGENTS, type HookAgent, type Scope } from '../core/capture/agentCatalog';
import { agentsStatus, detectAgents, installAgents, type InstallOutcome, type StatusItem } from '../app/agents/agents';
import { cliOnPath } from '../app/agents/cliOnPath';
import { agentHome, tildify, userPaths } from '../app/agents/userPaths';
import { COMMANDS } from './commandIds';
import { nodeBinary, pickRepo, requireTrust } from './commandSupport';
import type { Log } from './log';
import type { RepositoryManager } from './repositories';

/** A question the command asked, for tests and other extensions: the items as shown, then the answer. */
export interface AgentHooksPrompt {
  step: 'agents' | 'scope';
  items: { id: string; label: string; description?: string; detail?: string; picked: boolean }[];
  /** The ids picked, once answered; null when dismissed. */
  answer?: string[] | null;
}

export interface AgentHooksOutcome extends InstallOutcome {
  scope: Scope;
  repo?: string;
}

export class AgentHooksCommand implements vscode.Disposable {
  readonly prompts: AgentHooksPrompt[] = [];
  private readonly emitter = new vscode.EventEmitter<AgentHooksPrompt>();
  readonly onDidPrompt = this.emitter.event;

  constructor(private readonly d: { repos: RepositoryManager; log: Log; cliPath: string }) {}

  register(): vscode.Disposable {
    return vscode.commands.registerCommand(COMMANDS.installAgentHooks, async (root?: unknown) => {
      try {
        return await this.run(typeof root === 'string' ? root : undefined);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        this.d.log.error(`${COMMANDS.installAgentHooks}: ${message}`);
        void vscode.window.showErrorMessage(`AI Provenance: ${message}`);
        return undefined;
      }
    });
  }

  async run(root?: string): Promise<AgentHooksOutcome | undefined> {
    requireTrust(vscode.l10n.t('Installing agent hooks'));
    const repo = (root || this.d.repos.all.length > 0) ? await pickRepo(this.d.repos, root) : undefined;
    if (root && !repo) return undefined;
    const env = process.env;
    const paths = userPaths(env);
    const base = { ...(repo ? { repo: repo.root } : {}), node: nodeBinary(), cli: this.d.cliPath, env };
    const detected = new Map(detectAgents({ paths, ...(repo ? { root: repo.root } : {}) }).map((x) => [x.agent, x.found]));
    const status = (await agentsStatus({ ...base, ...(repo ? {} : { scope: 'user' as const }) })).items;
    const show = (p: string): string => (repo && !path.relative(repo.root, p).startsWith('..') ? `${path.relative(repo.root, p)}/` : `${tildify(paths, p)}/`);

    const agentItems = AGENTS.map((def) => {
      const found = detected.get(def.id) ?? [];
      return {
        id: def.id, label: def.name, picked: found.length > 0,
        description: found.length ? vscode.l10n.t('found: {0}', found.map(show).join(', ')) : vscode.l10n.t('not found on this machine'),
        detail: wiringLine(status.filter((s) => s.agent === def.id)),
      };
    });
    const agents = await this.ask('agents', agentItems, {
      canPickMany: true, ignoreFocusOut: true,
      title: vscode.l10n.t('AI Provenance: record the files your coding agents edit'),
      placeHolder: vscode.l10n.t('Pick the agents whose own hooks should call ai-provenance record (the ones found here are selected)'),
    });
    if (!agents) return undefined;
    if (agents.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('AI Provenance: no agent picked; nothing was installed.'));
      return undefined;
    }

    const defs = AGENTS.filter((a) => agents.includes(a.id));
    const files = (scope: Scope): string => defs.map((def) => (scope === 'project' ? def.projectFile : tildify(paths, path.join(agentHome(paths, def.id), def.userFile)))).join(', ');
    const onPath = cliOnPath(env);
    const scopeItems = [
      ...(repo ? [{
        id: 'project', picked: false, label: vscode.l10n.t('This repository (project files)'), description: files('project'),
        detail: vscode.l10n.t('Teams often commit these files. The hook runs the ai-provenance on PATH{0} and falls back to this machine\'s paths (node and the extension\'s CLI), which other machines and cloud sessions do not have.',
          onPath ? ` (${onPath})` : ''),
      }] : []),
      {
        id: 'user', picked: false, label: vscode.l10n.t('Every repository (your user files)'), description: files('user'),
        detail: vscode.l10n.t('Only on this machine: the hook calls the extension\'s CLI by absolute path; no shared file changes.'),
      },
    ];
    const [scope] = (await this.ask('scope', scopeItems, {
      ignoreFocusOut: true,
      title: vscode.l10n.t('AI Provenance: where should the agent hooks go?'),
    })) ?? [];
    if (!scope) return undefined;

    const outcome = await installAgents({ ...base, scope: scope as Scope, agents: agents as HookAgent[] });
    this.report(outcome, scope as Scope);
    return { ...outcome, scope: scope as Scope, ...(repo ? { repo: repo.root } : {}) };
  }

  private async ask(step: AgentHooksPrompt['step'], items: AgentHooksPrompt['items'], options: vscode.QuickPickOptions): Promise<string[] | undefined> {
    const prompt: AgentHooksPrompt = { step, items };
    this.prompts.push(prompt);
    this.emitter.fire(prompt);
    const shown = items.map((i) => ({ label: i.label, id: i.id, picked: i.picked, ...(i.description ? { description: i.description } : {}), ...(i.detail ? { detail: i.detail } : {}) }));
    const picked = options.canPickMany
      ? await vscode.window.showQuickPick(shown, { ...options, canPickMany: true })
      : await vscode.window.showQuickPick(shown, { ...options, canPickMany: false }).then((p) => (p ? [p] : undefined));
    prompt.answer = picked ? picked.map((p) => p.id) : null;
    return prompt.answer ?? undefined;
  }

  private report(outcome: InstallOutcome, scope: Scope): void {
    for (const p of outcome.problems) this.d.log.warn(p);
    for (const i of outcome.items) this.d.log.info(`agents install (${scope}): ${i.name}: ${i.action} ${i.file}${i.detail ? ` — ${i.detail}` : ''}`);
    const done = outcome.items.filter((i) => i.action !== 'skipped').map((i) => `${i.name} (${actionText(i.action)})`);
    const skipped = outcome.items.filter((i) => i.action === 'skipped');
    const open = vscode.l10n.t('Open Output Log');
    if (skipped.length) {
      void vscode.window.showWarningMessage(vscode.l10n.t('AI Provenance: {0} not changed: {1}', skipped.map((i) => i.name).join(', '), skipped.map((i) => i.detail ?? '').join('; ')), open)
        .then((c) => c && this.d.log.show());
    }
    if (done.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('AI Provenance: agent hooks ({0}): {1}. Their edits are now recorded as evidence for your next commits.',
        scope === 'project' ? vscode.l10n.t('this repository') : vscode.l10n.t('your user files'), done.join(', ')), open).then((c) => c && this.d.log.show());
    }
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

function actionText(action: string): string {
  switch (action) {
    case 'installed': return vscode.l10n.t('installed');
    case 'updated': return vscode.l10n.t('updated');
    case 'unchanged': return vscode.l10n.t('already wired');
    case 'manual': return vscode.l10n.t('hand-written hook kept');
    default: return action;
  }
}

/** "project: wired · user: absent", as `agents status` says it. */
function wiringLine(items: StatusItem[]): string {
  return items.map((s) => `${s.scope}: ${s.state}${s.state === 'outdated' && s.detail ? ` (${s.detail})` : ''}`).join(' · ');
}
