// Use cases: install, uninstall and inspect the git hooks; keep notes across amend and rebase.
import { existsSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { NOTES_REF } from '../core/evidenceSchema';
import { Git, GitError, type GitLogger } from '../git/exec';
import {
  hookStatus, installShims, locateHooks, managerInstructions, removeShims,
  type HookLocation, type HookStatus, type InstallResult, type UninstallResult,
} from '../git/hooks';
import { readUntrustedFile } from '../git/untrustedFile';

export interface HooksRequest {
  repo: string;
  /** Absolute node binary and CLI bundle the shims call. */
  node: string;
  cli: string;
  log?: GitLogger;
}

interface InstallState {
  rewriteRefAdded: boolean;
}

async function context(req: HooksRequest): Promise<{ git: Git; commonDir: string; root: string; location: HookLocation }> {
  const git = new Git(req.repo, req.log);
  const out = await git.text(['rev-parse', '--path-format=absolute', '--git-common-dir', '--show-toplevel'], { okExitCodes: [128] });
  const [commonDir = '', root = ''] = out.split('\n');
  if (!commonDir) throw new GitError('not-a-repository', `not a git repository: ${req.repo}`);
  return { git, commonDir, root, location: await locateHooks(git, root) };
}

function stateFile(commonDir: string): string {
  return path.join(commonDir, 'ai-provenance', 'install.json');
}

/** Shims for hook managers live here; their configuration runs them. */
export function managedShimDir(commonDir: string): string {
  return path.join(commonDir, 'ai-provenance', 'hooks');
}

export interface InstallOutcome {
  location: HookLocation;
  /** Where the shims were written. */
  dir: string;
  results: InstallResult[];
  /** For husky, lefthook or pre-commit: the exact lines to add to their configuration. */
  instructions?: string;
  configChanges: string[];
}

export async function installHooks(req: HooksRequest): Promise<InstallOutcome> {
  const { git, commonDir, location } = await context(req);
  const dir = location.manager ? managedShimDir(commonDir) : location.dir;
  const rewriteRefs = (await git.text(['config', '--get-all', 'notes.rewriteRef'], { okExitCodes: [1] })).split('\n').filter(Boolean);
  const previous = readState(commonDir);
  // All or nothing: the shims check every hook before changing any; if what follows fails, they are undone.
  const results = installShims(dir, req.node, req.cli);
  const configChanges: string[] = [];
  let rewriteRefAdded = previous?.rewriteRefAdded ?? false;
  try {
    const add = !rewriteRefs.some((r) => r === NOTES_REF || r === 'refs/notes/*' || r === 'refs/notes/**');
    mkdirSync(path.dirname(stateFile(commonDir)), { recursive: true });
    writeFileSync(stateFile(commonDir), `${JSON.stringify({ rewriteRefAdded: rewriteRefAdded || add } satisfies InstallState)}\n`);
    if (add) {
      await git.verb(['config', '--add', 'notes.rewriteRef', NOTES_REF]);
      configChanges.push(`git config --add notes.rewriteRef ${NOTES_REF} (git carries provenance notes across amend and rebase)`);
      rewriteRefAdded = true;
    }
  } catch (e) {
    if (results.some((r) => r.action !== 'unchanged')) removeShims(dir);
    if (!previous) rmSync(stateFile(commonDir), { force: true });
    throw e;
  }
  return {
    location, dir, results, configChanges,
    ...(location.manager ? { instructions: managerInstructions(location.manager, dir) } : {}),
  };
}

export interface UninstallOutcome {
  location: HookLocation;
  results: UninstallResult[];
  configChanges: string[];
}

export async function uninstallHooks(req: HooksRequest): Promise<UninstallOutcome> {
  const { git, commonDir, location } = await context(req);
  const results = removeShims(location.dir);
  if (existsSync(managedShimDir(commonDir))) {
    removeShims(managedShimDir(commonDir));
    rmSync(managedShimDir(commonDir), { recursive: true, force: true });
  }
  const configChanges: string[] = [];
  const state = readState(commonDir);
  if (state?.rewriteRefAdded) {
    await git.verb(['config', '--unset', 'notes.rewriteRef', `^${NOTES_REF.replace(/\//g, '\\/')}$`]).catch(() => undefined);
    configChanges.push(`git config --unset notes.rewriteRef ${NOTES_REF}`);
  }
  rmSync(stateFile(commonDir), { force: true });
  return { location, results, configChanges };
}

export interface StatusOutcome {
  location: HookLocation;
  hooks: HookStatus[];
  rewriteRef: boolean;
  instructions?: string;
}

export async function statusHooks(req: HooksRequest): Promise<StatusOutcome> {
  const { git, commonDir, location } = await context(req);
  const dir = location.manager ? managedShimDir(commonDir) : location.dir;
  const rewriteRefs = (await git.text(['config', '--get-all', 'notes.rewriteRef'], { okExitCodes: [1] })).split('\n');
  return {
    location,
    hooks: hookStatus(dir, req.node, req.cli),
    rewriteRef: rewriteRefs.some((r) => r === NOTES_REF || r === 'refs/notes/*' || r === 'refs/notes/**'),
    ...(location.manager ? { instructions: managerInstructions(location.manager, dir) } : {}),
  };
}

function readState(commonDir: string): InstallState | undefined {
  const read = readUntrustedFile(stateFile(commonDir), { noSymlink: true, maxBytes: 4096 });
  try {
    return read.bytes ? JSON.parse(read.bytes.toString('utf8')) as InstallState : undefined;
  } catch {
    return undefined;
  }
}
