// Use cases: install, uninstall and inspect the git hooks; keep notes across amend and rebase.
import { existsSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { NOTES_REF } from '../../core/evidence/evidenceSchema';
import { Git, GitError, type GitLogger } from '../../git/exec';
import {
  hookStatus, installShims, locateHooks, managerInstructions, removeShims,
  type HookLocation, type HookStatus, type InstallResult, type UninstallResult,
} from '../../git/hooks';
import { readUntrustedFile } from '../../git/untrustedFile';
import { REWRITE_REF_GLOB } from '../../git/hookShims';

export interface HooksRequest {
  repo: string;
  /** Absolute node binary and CLI bundle the shims call. */
  node: string;
  cli: string;
  log?: GitLogger;
}

interface InstallState {
  rewriteRefAdded: boolean;
  /** The notes.rewriteRef value install added (absent in states written before: the exact ref). */
  rewriteRef?: string;
}

/** notes.rewriteRef values under which git copies our notes itself. */
function covers(value: string): boolean {
  return value === NOTES_REF || value === 'refs/notes/*' || value === 'refs/notes/**' || value === REWRITE_REF_GLOB;
}

const regexpOf = (value: string): string => `^${value.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')}$`;

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
  // Our post-rewrite shim carries the notes (by compare-and-swap, and only once notes exist). A hook
  // manager may not hand it the rewritten commits: there git copies them, through a rewriteRef
  // pattern that matches our ref alone (an exact ref makes git warn until the first note exists).
  const ours = previous?.rewriteRefAdded ? previous.rewriteRef ?? NOTES_REF : undefined;
  const wanted = location.manager ? REWRITE_REF_GLOB : undefined;
  const others = rewriteRefs.filter((r) => r !== ours);
  const add = !!wanted && ours !== wanted && !others.some(covers);
  const remove = !!ours && ours !== wanted && rewriteRefs.includes(ours);
  // All or nothing: the shims check every hook before changing any; if what follows fails, they are undone.
  const results = installShims(dir, req.node, req.cli);
  const configChanges: string[] = [];
  try {
    const state: InstallState = wanted && (add || ours === wanted) ? { rewriteRefAdded: true, rewriteRef: wanted } : { rewriteRefAdded: false };
    mkdirSync(path.dirname(stateFile(commonDir)), { recursive: true });
    writeFileSync(stateFile(commonDir), `${JSON.stringify(state)}\n`);
    if (remove && ours) {
      await git.verb(['config', '--unset', 'notes.rewriteRef', regexpOf(ours)]);
      configChanges.push(`git config --unset notes.rewriteRef ${ours} (the post-rewrite hook carries provenance notes across amend and rebase)`);
    }
    if (add && wanted) {
      await git.verb(['config', '--add', 'notes.rewriteRef', wanted]);
      configChanges.push(`git config --add notes.rewriteRef '${wanted}' (git carries provenance notes across amend and rebase; the pattern matches refs/notes/ai-provenance only)`);
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
    const value = state.rewriteRef ?? NOTES_REF;
    await git.verb(['config', '--unset', 'notes.rewriteRef', regexpOf(value)]).catch(() => undefined);
    configChanges.push(`git config --unset notes.rewriteRef ${value}`);
  }
  rmSync(stateFile(commonDir), { force: true });
  return { location, results, configChanges };
}

export interface StatusOutcome {
  location: HookLocation;
  hooks: HookStatus[];
  /** notes.rewriteRef covers our notes (git copies them itself). */
  rewriteRef: boolean;
  /** Provenance notes follow amend and rebase: through notes.rewriteRef, or our post-rewrite hook. */
  notesFollowRewrites: boolean;
  instructions?: string;
}

export async function statusHooks(req: HooksRequest): Promise<StatusOutcome> {
  const { git, commonDir, location } = await context(req);
  const dir = location.manager ? managedShimDir(commonDir) : location.dir;
  const rewriteRefs = (await git.text(['config', '--get-all', 'notes.rewriteRef'], { okExitCodes: [1] })).split('\n');
  const hooks = hookStatus(dir, req.node, req.cli);
  const rewriteRef = rewriteRefs.some(covers);
  return {
    location,
    hooks,
    rewriteRef,
    notesFollowRewrites: rewriteRef || (!location.manager && hooks.some((h) => h.hook === 'post-rewrite' && h.state === 'installed')),
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
