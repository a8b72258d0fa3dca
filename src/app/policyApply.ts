// Use case behind the hooks: apply the policy to a commit message file, and prepare the provenance
// note of the commit (post-commit attaches it). The message file is rewritten atomically (temp
// file + rename) or not at all: an error leaves it exactly as it was.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import * as path from 'node:path';
import { applyPolicy, type PolicyOutcome } from '../core/policy';
import type { PolicyInput } from '../core/policySchema';
import { noteText, type WorklogEntry } from '../core/evidenceSchema';
import { selectForCommit, type Selection } from '../core/worklogSelect';
import { Git, type GitLogger } from '../git/exec';
import { trailerConfig } from '../git/repo';
import { readEntries, worklogDir } from '../git/worklog';
import { loadPolicy, type LoadedPolicy } from './policyLoad';

export interface ApplyRequest {
  repo: string;
  file: string;
  stage: 'prepare' | 'commit';
  overrides?: PolicyInput;
  log?: GitLogger;
  /** From the hook shims: the working-log path (saves a git call) and the committing git's pid. */
  worklog?: string;
  gitPid?: string;
}

export interface ApplyResult {
  outcome: PolicyOutcome;
  policy: LoadedPolicy;
  /** Recorded evidence for this commit (empty when none). */
  selection: Selection;
  problems: string[];
}

/** Where git keeps per-worktree state for us. */
export async function gitPaths(git: Git): Promise<{ gitDir: string; root: string }> {
  const out = await git.text(['rev-parse', '--absolute-git-dir', '--show-toplevel'], { okExitCodes: [128] });
  const [gitDir = '', root = ''] = out.split('\n');
  return { gitDir, root };
}

export async function applyPolicyToFile(req: ApplyRequest): Promise<ApplyResult> {
  const git = new Git(req.repo, req.log);
  // Hooks run at the work-tree root and name the working log: then no rev-parse is needed.
  const known = req.worklog ? { gitDir: path.resolve(req.repo, req.worklog, '..', '..'), root: req.repo } : undefined;
  const [{ gitDir, root }, config, staged] = await Promise.all([
    known ?? gitPaths(git),
    git.text(['config', '-z', '--get-regexp', '^(aiprovenance\\.|trailer\\.|core\\.commentchar$)'], { okExitCodes: [1] }),
    known && !hasWorklog(known.gitDir) ? Promise.resolve(undefined) : stagedFiles(git),
  ]);
  const policy = await loadPolicy(git, root, req.overrides, config);
  const log = gitDir ? readEntries(gitDir) : { entries: [], problems: [] };
  let selection: Selection = { recorded: [], note: [], consumed: [], remaining: [] };
  if (log.entries.length > 0) {
    const files = staged ?? (await stagedFiles(git));
    selection = selectForCommit(log.entries.map((e) => ({ name: path.basename(e.file), entry: e.entry })), files);
  }

  const bytes = readFileSync(req.file);
  const latin1 = !isUtf8(bytes);
  const message = bytes.toString(latin1 ? 'latin1' : 'utf8');
  const outcome = applyPolicy(message, selection.recorded, policy.policy, { trailers: trailerConfig(config), stage: req.stage });
  if (outcome.action === 'rewritten') writeAtomically(req.file, Buffer.from(outcome.message, latin1 ? 'latin1' : 'utf8'));
  if (req.stage === 'commit' && outcome.action !== 'reject' && gitDir) {
    preparePending(gitDir, selection, req.gitPid);
  }
  return { outcome, policy, selection, problems: log.problems };
}

function writeAtomically(file: string, bytes: Buffer): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.aip-${process.pid}`);
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * The post-commit shim attaches `note.jsonl` to HEAD when it runs under the same `git commit`
 * process (`owner`, its pid) that ran commit-msg, then consumes the entries. Without a pid (a
 * manual run) nothing is prepared: post-commit then attributes evidence itself.
 */
export function preparePending(gitDir: string, selection: Selection, owner?: string): void {
  const dir = pendingDir(gitDir);
  rmSync(dir, { recursive: true, force: true });
  if (selection.consumed.length === 0 || !owner) return;
  mkdirSync(path.join(dir, 'add'), { recursive: true });
  selection.remaining.forEach((entry: WorklogEntry, i) => {
    writeFileSync(path.join(dir, 'add', `${Date.now()}-${process.pid}-r${String(i).padStart(4, '0')}.json`), `${JSON.stringify(entry)}\n`);
  });
  writeFileSync(path.join(dir, 'note.jsonl'), noteText(selection.note));
  writeFileSync(path.join(dir, 'consumed'), selection.consumed.map((n) => `${n}\n`).join(''));
  writeFileSync(path.join(dir, 'owner'), `${owner}\n`); // written last: the shim acts only on a complete pending dir
}

async function stagedFiles(git: Git): Promise<string[]> {
  return (await git.text(['diff', '--cached', '--name-only', '-z', '--no-renames'])).split('\0').filter(Boolean);
}

export function pendingDir(gitDir: string): string {
  return path.join(gitDir, 'ai-provenance', 'pending');
}

export function hasWorklog(gitDir: string): boolean {
  const dir = worklogDir(gitDir);
  return existsSync(dir) && readdirSync(dir).some((f) => !f.startsWith('.'));
}
