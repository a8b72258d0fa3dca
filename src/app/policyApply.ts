// Use case behind the hooks: apply the policy to a commit message file, and prepare the provenance
// note of the commit (post-commit attaches it). The message file is rewritten atomically (temp
// file + rename) or not at all: an error leaves it exactly as it was.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
  const [{ gitDir, root }, config] = await Promise.all([
    gitPaths(git),
    git.text(['config', '-z', '--get-regexp', '^(aiprovenance\\.|trailer\\.|core\\.commentchar$)'], { okExitCodes: [1] }),
  ]);
  const policy = await loadPolicy(git, root, req.overrides, config);
  const log = gitDir ? readEntries(gitDir) : { entries: [], problems: [] };
  let selection: Selection = { recorded: [], note: [], consumed: [], remaining: [] };
  if (log.entries.length > 0) {
    const staged = (await git.text(['diff', '--cached', '--name-only', '-z', '--no-renames'])).split('\0').filter(Boolean);
    selection = selectForCommit(log.entries.map((e) => ({ name: path.basename(e.file), entry: e.entry })), staged);
  }

  const bytes = readFileSync(req.file);
  const latin1 = !isUtf8(bytes);
  const message = bytes.toString(latin1 ? 'latin1' : 'utf8');
  const outcome = applyPolicy(message, selection.recorded, policy.policy, { trailers: trailerConfig(config), stage: req.stage });
  if (outcome.action === 'rewritten') writeAtomically(req.file, Buffer.from(outcome.message, latin1 ? 'latin1' : 'utf8'));
  if (req.stage === 'commit' && outcome.action !== 'reject' && gitDir) {
    await preparePending(git, gitDir, selection);
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

/** The post-commit shim attaches `note.jsonl` to HEAD when HEAD's tree is `tree`, then consumes the entries. */
export async function preparePending(git: Git, gitDir: string, selection: Selection): Promise<void> {
  const dir = pendingDir(gitDir);
  rmSync(dir, { recursive: true, force: true });
  if (selection.consumed.length === 0) return;
  const tree = (await git.text(['write-tree'])).trim();
  mkdirSync(path.join(dir, 'add'), { recursive: true });
  selection.remaining.forEach((entry: WorklogEntry, i) => {
    writeFileSync(path.join(dir, 'add', `${Date.now()}-${process.pid}-r${String(i).padStart(4, '0')}.json`), `${JSON.stringify(entry)}\n`);
  });
  writeFileSync(path.join(dir, 'note.jsonl'), noteText(selection.note));
  writeFileSync(path.join(dir, 'consumed'), selection.consumed.map((n) => `${n}\n`).join(''));
  writeFileSync(path.join(dir, 'tree'), `${tree}\n`); // written last: the shim acts only on a complete pending dir
}

export function pendingDir(gitDir: string): string {
  return path.join(gitDir, 'ai-provenance', 'pending');
}

export function hasWorklog(gitDir: string): boolean {
  return existsSync(worklogDir(gitDir));
}
