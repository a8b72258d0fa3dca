// Use cases: wire the coding agents' own hook systems to `ai-provenance record --stdin-json`
// (install), take the wiring out again byte for byte (uninstall), and say what is wired (status).
// Files are edited surgically (src/app/agents/jsoncEdit.ts); what we changed is remembered in the user's
// state directory (src/app/agents/agentsState.ts).
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import {
  AGENTS, HOOK_AGENTS, agentDef, findRecordEntries, hookCommand, type AgentDef, type FoundEntry, type HookAgent, type HookCommand,
  type OurCommand, type Scope,
} from '../../core/capture/agentCatalog';
import { AgentsState, makeDirs, removeEmptyDirs, sha256, writeAtomic } from './agentsState';
import { cliOnPath } from './cliOnPath';
import { appendItem, parseSettings, removeValue, setValue, valueAt } from './jsoncEdit';
import { locateRepository } from '../hooks/record';
import { agentHome, agentsStateFile, tildify, userPaths, type UserPaths } from './userPaths';

export interface AgentsRequest {
  /** Directory inside the repository (project scope); default: none. */
  repo?: string;
  scope: Scope;
  /** Agents named with --agent; undefined = the ones found on this machine (install) or all (status). */
  agents?: HookAgent[];
  /** Absolute node binary and CLI bundle the hooks call. */
  node: string;
  cli: string;
  env: NodeJS.ProcessEnv;
  home?: string;
}

interface Context {
  paths: UserPaths;
  root?: string;
  repoProblem?: string;
  node: string;
  cli: string;
  /** The CLI the portable (project) command would find on PATH here. */
  onPath?: string;
}

/** What install writes: the portable form in project files (teams commit them), absolute paths in user files. */
export function commandFor(scope: Scope, ctx: Pick<Context, 'node' | 'cli'>): HookCommand {
  return hookCommand(ctx.node, ctx.cli, scope === 'project');
}

async function context(req: AgentsRequest, needRepo: boolean): Promise<Context> {
  const paths = userPaths(req.env, req.home);
  let root: string | undefined;
  let repoProblem: string | undefined;
  try {
    root = (await locateRepository(path.resolve(req.repo ?? '.'))).root;
  } catch (e) {
    if (needRepo) throw e;
    repoProblem = e instanceof Error ? e.message : String(e);
  }
  const onPath = cliOnPath(req.env);
  return { paths, ...(root ? { root } : {}), ...(repoProblem ? { repoProblem } : {}), node: req.node, cli: req.cli, ...(onPath ? { onPath } : {}) };
}

export function hookFile(def: AgentDef, scope: Scope, ctx: Pick<Context, 'paths' | 'root'>): string | undefined {
  if (scope === 'user') return path.join(agentHome(ctx.paths, def.id), def.userFile);
  return ctx.root ? path.join(ctx.root, def.projectFile) : undefined;
}

// --- Detection ----------------------------------------------------------------------------------

export interface Detection {
  agent: HookAgent;
  /** The folders that show the agent is used here (repository, then home). */
  found: string[];
}

export function detectAgents(ctx: Pick<Context, 'paths' | 'root'>): Detection[] {
  return AGENTS.map((def) => {
    const candidates = [...(ctx.root ? def.projectEvidence.map((e) => path.join(ctx.root as string, e)) : []), agentHome(ctx.paths, def.id)];
    return { agent: def.id, found: candidates.filter(isDir) };
  });
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

// --- Install ------------------------------------------------------------------------------------

export type InstallAction = 'installed' | 'updated' | 'unchanged' | 'manual' | 'skipped';

export interface InstallItem {
  agent: HookAgent;
  name: string;
  scope: Scope;
  file: string;
  action: InstallAction;
  /** Why it was skipped, or what else there is to know. */
  detail?: string;
}

export interface InstallOutcome {
  items: InstallItem[];
  /** Agents not wired because nothing showed they are used (only without --agent). */
  notFound: { agent: HookAgent; name: string; looked: string[] }[];
  problems: string[];
}

export async function installAgents(req: AgentsRequest): Promise<InstallOutcome> {
  const ctx = await context(req, req.scope === 'project');
  const { state, problem } = AgentsState.load(agentsStateFile(ctx.paths));
  const problems = problem ? [problem] : [];
  let wanted = req.agents;
  const notFound: InstallOutcome['notFound'] = [];
  if (!wanted) {
    const detected = detectAgents(ctx);
    wanted = detected.filter((d) => d.found.length > 0).map((d) => d.agent);
    for (const d of detected.filter((x) => x.found.length === 0)) {
      const def = agentDef(d.agent);
      notFound.push({ agent: d.agent, name: def.name, looked: [...(ctx.root ? def.projectEvidence.map((e) => `${e}/`) : []), `${tildify(ctx.paths, agentHome(ctx.paths, d.agent))}/`] });
    }
  }
  const items = wanted.map((id) => guarded(agentDef(id), req.scope, ctx, () => installOne(agentDef(id), req.scope, ctx, state)));
  state.save();
  return { items, notFound, problems };
}

/** One agent's file: a shape we cannot edit (e.g. `"hooks": []`) or an I/O error skips it, in one line. */
function guarded<T extends InstallItem | UninstallItem>(def: AgentDef, scope: Scope, ctx: Context, run: () => T): T {
  try {
    return run();
  } catch (e) {
    const file = hookFile(def, scope, ctx) as string;
    return { agent: def.id, name: def.name, scope, file, action: 'skipped', detail: `not changed: ${e instanceof Error ? e.message : String(e)}` } as T;
  }
}

function installOne(def: AgentDef, scope: Scope, ctx: Context, state: AgentsState): InstallItem {
  const file = hookFile(def, scope, ctx) as string;
  const base = { agent: def.id, name: def.name, scope, file };
  const exists = existsSync(file);
  const before = exists ? readFileSync(file) : undefined;
  const text = before?.toString('utf8') ?? '';
  const parsed = parseSettings(text);
  if ('error' in parsed) return { ...base, action: 'skipped', detail: `not changed: the file is not valid JSON (${parsed.error})` };
  let next = exists && text.trim() !== '' ? text : `${JSON.stringify(def.skeleton, null, 2)}\n`.replace('{}\n', '{\n}\n');
  let added = false;
  let hadOurs = false;
  let manual = false;
  for (const slot of def.slots) {
    const root = parseSettings(next);
    if ('error' in root) break;
    const list = valueAt(root.value, slot.path);
    const found = findRecordEntries(list);
    const ours = found.filter((f) => f.kind === 'ours');
    if (ours.length > 0) {
      hadOurs = true;
      for (const f of ours) {
        if (f.command && judge(f.command, scope, ctx).current) continue;
        next = setCommand(next, slot.path, f, list, commandFor(scope, ctx));
      }
    } else if (found.length > 0) {
      manual = true;
    } else {
      next = appendItem(next, slot.path, slot.entry(commandFor(scope, ctx)));
      added = true;
    }
  }
  if (next === text) {
    return { ...base, action: manual ? 'manual' : 'unchanged', ...(manual ? { detail: 'a hand-written `record --stdin-json` hook is already there: left as it is' } : {}) };
  }
  const createdDirs = exists ? [] : makeDirs(path.dirname(file));
  writeAtomic(file, next);
  const known = state.get(file);
  const after = sha256(next);
  if (known && before && sha256(before) === known.after) {
    state.set(file, { ...known, after }); // our earlier install is intact: its `before` still holds
  } else if (exists && hadOurs) {
    // Our entries were there but not as we left them: no bytes to restore, uninstall removes entries.
    state.set(file, { agent: def.id, scope, created: false, createdDirs: [], after });
  } else {
    state.set(file, { agent: def.id, scope, created: !exists, createdDirs, ...(before ? { before: before.toString('base64') } : {}), after });
  }
  return { ...base, action: added ? 'installed' : 'updated' };
}

/**
 * Whether an entry of ours is what install would leave as it is, and what to say about it. User
 * files: the absolute form with this node and CLI. Project files: the portable form with this node
 * and CLI — or with another install's fallback (a teammate's, an older extension's) when the CLI is
 * on PATH here, so that a committed file is not rewritten by every machine that runs install. The
 * absolute form in a project file works only on the machine that wrote it: outdated.
 */
export function judge(cmd: OurCommand, scope: Scope, ctx: Pick<Context, 'node' | 'cli' | 'onPath'>): { current: boolean; detail?: string } {
  const same = cmd.node === ctx.node && cmd.cli === ctx.cli;
  const missing = [cmd.cli, cmd.node].filter((p) => !existsSync(p));
  const gone = missing.length ? ` (${missing.join(', ')} no longer exists)` : '';
  if (scope === 'project' && !cmd.portable) {
    return { current: false, detail: `calls ${cmd.cli} by absolute path${gone}: only this machine can run it; install again to run the ai-provenance on PATH first` };
  }
  if (scope === 'user' && cmd.portable) return { current: false, detail: `the project form in a user file (falls back to ${cmd.cli}${gone})` };
  if (same) return { current: true };
  if (scope === 'project' && ctx.onPath) return { current: true, detail: `runs ${ctx.onPath} (on PATH); its fallback ${cmd.cli} is another install's` };
  return { current: false, detail: scope === 'project' ? `no ai-provenance on PATH, and it falls back to ${cmd.cli}${gone}` : `calls ${cmd.cli}${gone}` };
}

/** Points an entry of ours at the current node and CLI, touching only its command keys. */
function setCommand(text: string, slotPath: string[], f: FoundEntry, list: unknown, cmd: HookCommand): string {
  const at = [...slotPath, f.index];
  if (f.hookIndex !== undefined) return setValue(text, [...at, 'hooks', f.hookIndex, 'command'], cmd.posix);
  const entry = (list as Record<string, unknown>[])[f.index] ?? {};
  let next = text;
  if ('command' in entry) next = setValue(next, [...at, 'command'], cmd.posix);
  if ('bash' in entry) next = setValue(next, [...at, 'bash'], cmd.posix);
  if ('powershell' in entry) next = setValue(next, [...at, 'powershell'], cmd.powershell);
  return next;
}

// --- Uninstall ----------------------------------------------------------------------------------

export type UninstallAction = 'restored' | 'removed-file' | 'removed-entries' | 'absent' | 'skipped';

export interface UninstallItem {
  agent: HookAgent;
  name: string;
  scope: Scope;
  file: string;
  action: UninstallAction;
  detail?: string;
}

export async function uninstallAgents(req: AgentsRequest): Promise<{ items: UninstallItem[]; problems: string[] }> {
  const ctx = await context(req, req.scope === 'project');
  const { state, problem } = AgentsState.load(agentsStateFile(ctx.paths));
  const items = (req.agents ?? [...HOOK_AGENTS]).map((id) => guarded(agentDef(id), req.scope, ctx, () => uninstallOne(agentDef(id), req.scope, ctx, state)));
  state.save();
  return { items, problems: problem ? [problem] : [] };
}

function uninstallOne(def: AgentDef, scope: Scope, ctx: Context, state: AgentsState): UninstallItem {
  const file = hookFile(def, scope, ctx) as string;
  const base = { agent: def.id, name: def.name, scope, file };
  const record = state.get(file);
  if (!existsSync(file)) {
    state.delete(file);
    return { ...base, action: 'absent' };
  }
  const current = readFileSync(file);
  if (record && sha256(current) === record.after && (record.created || record.before !== undefined)) {
    state.delete(file);
    if (record.created) {
      rmSync(file);
      removeEmptyDirs(record.createdDirs);
      return { ...base, action: 'removed-file' };
    }
    writeAtomic(file, Buffer.from(record.before ?? '', 'base64'));
    return { ...base, action: 'restored' };
  }
  const text = current.toString('utf8');
  const parsed = parseSettings(text);
  if ('error' in parsed) return { ...base, action: 'skipped', detail: `not changed: the file is not valid JSON (${parsed.error})` };
  let next = text;
  // Last slot first, last entry first: earlier indices stay valid while we remove.
  for (const slot of [...def.slots].reverse()) {
    const root = parseSettings(next);
    if ('error' in root) break;
    const list = valueAt(root.value, slot.path);
    const ours = findRecordEntries(list).filter((f) => f.kind === 'ours').reverse();
    for (const f of ours) {
      next = f.alone ? removeValue(next, [...slot.path, f.index]) : removeValue(next, [...slot.path, f.index, 'hooks', f.hookIndex as number]);
    }
    if (ours.length > 0) next = pruneEmpty(next, slot.path);
  }
  state.delete(file);
  if (next === text) return { ...base, action: 'absent' };
  const rest = parseSettings(next);
  if (record?.created && 'value' in rest && isSkeletonOnly(rest.value, def)) {
    rmSync(file);
    removeEmptyDirs(record.createdDirs);
    return { ...base, action: 'removed-file', detail: 'edited since install; nothing else was in it' };
  }
  writeAtomic(file, next);
  return { ...base, action: 'removed-entries', detail: record ? 'edited since install: only our entries were removed' : 'only our entries were removed' };
}

/** Removes the arrays and objects along `slotPath` that our removal left empty. */
function pruneEmpty(text: string, slotPath: string[]): string {
  let next = text;
  for (let depth = slotPath.length; depth > 0; depth--) {
    const root = parseSettings(next);
    if ('error' in root) return next;
    const v = valueAt(root.value, slotPath.slice(0, depth));
    const empty = Array.isArray(v) ? v.length === 0 : v && typeof v === 'object' ? Object.keys(v).length === 0 : false;
    if (!empty) return next;
    next = removeValue(next, slotPath.slice(0, depth));
  }
  return next;
}

function isSkeletonOnly(value: Record<string, unknown>, def: AgentDef): boolean {
  const keys = Object.keys(value);
  return keys.every((k) => k in def.skeleton && JSON.stringify(value[k]) === JSON.stringify(def.skeleton[k]));
}

// --- Status -------------------------------------------------------------------------------------

export type WiringState = 'wired' | 'outdated' | 'manual' | 'absent' | 'unreadable' | 'no-repository';

export interface StatusItem {
  agent: HookAgent;
  name: string;
  scope: Scope;
  /** Absent only for project scope outside a repository. */
  file?: string;
  state: WiringState;
  detail?: string;
}

export async function agentsStatus(req: Omit<AgentsRequest, 'scope'> & { scope?: Scope }): Promise<{ items: StatusItem[]; repoProblem?: string }> {
  const ctx = await context({ ...req, scope: req.scope ?? 'project' }, false);
  const scopes: Scope[] = req.scope ? [req.scope] : ['project', 'user'];
  const items: StatusItem[] = [];
  for (const id of req.agents ?? [...HOOK_AGENTS]) {
    for (const scope of scopes) items.push(wiringOf(agentDef(id), scope, ctx));
  }
  return { items, ...(ctx.repoProblem ? { repoProblem: ctx.repoProblem } : {}) };
}

export function wiringOf(def: AgentDef, scope: Scope, ctx: Pick<Context, 'paths' | 'root' | 'node' | 'cli' | 'onPath'>): StatusItem {
  const file = hookFile(def, scope, ctx);
  const base = { agent: def.id, name: def.name, scope };
  if (!file) return { ...base, state: 'no-repository' };
  if (!existsSync(file)) return { ...base, file, state: 'absent' };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { ...base, file, state: 'unreadable', detail: e instanceof Error ? e.message : String(e) };
  }
  const parsed = parseSettings(text);
  if ('error' in parsed) return { ...base, file, state: 'unreadable', detail: parsed.error };
  const perSlot = def.slots.map((slot) => findRecordEntries(valueAt(parsed.value, slot.path)));
  const ours = perSlot.flat().filter((f) => f.kind === 'ours');
  if (ours.length === 0) {
    return perSlot.some((s) => s.length > 0) ? { ...base, file, state: 'manual', detail: 'a hand-written `record --stdin-json` hook' } : { ...base, file, state: 'absent' };
  }
  const judged = ours.map((f) => judge(f.command as OurCommand, scope, ctx));
  const stale = judged.find((j) => !j.current);
  if (stale) return { ...base, file, state: 'outdated', ...(stale.detail ? { detail: stale.detail } : {}) };
  const missingSlots = def.slots.filter((_, i) => !perSlot[i]?.length).map((s) => s.path.join('.'));
  if (missingSlots.length) return { ...base, file, state: 'outdated', detail: `no entry in ${missingSlots.join(', ')}` };
  const note = judged.find((j) => j.detail)?.detail;
  return { ...base, file, state: 'wired', ...(note ? { detail: note } : {}) };
}
