// Which commits the commit being made rewrites, and what they carried: attribution valid on them
// stays valid (the `inherited` class). Detected precisely, never guessed from HEAD:
//   - `git commit --amend` / `-c` / `-C`: prepare-commit-msg gets `commit <rev>`; its shim writes
//     `<pid of git> <rev>` to <pending>/origin and commit-msg reads it back for the same git process;
//   - `rebase -i` reword / squash / fixup (GIT_REFLOG_ACTION rebase…): the current group of
//     rebase-merge/done and rebase-merge/current-fixups;
//   - cherry-pick: CHERRY_PICK_HEAD, and `(cherry picked from commit <sha>)` lines (`-x`).
// A new commit has none of these, so it inherits nothing from HEAD.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { NOTES_REF, parseNote, type NoteRecord } from '../../core/evidence/evidenceSchema';
import type { Git } from '../../git/exec';
import { EMPTY_TREE } from '../../git/stagedDiff';

export interface Origins {
  /** The commits rewritten, oldest first where known. */
  shas: string[];
  /** Their messages (the attribution lines in them are inherited). */
  messages: string[];
  /** Their provenance notes' evidence records (they back the attribution too). */
  notes: NoteRecord[];
  /** An amend: the commit's changes are the index against this base (the amended commit's parent). */
  amendBase?: string;
  /** rebase, cherry-pick or revert in progress: the working log is not this commit's evidence. */
  sequencer: boolean;
  /** A squash/fixup of rebase -i: git drops some of the originals' messages (their attribution is put back). */
  squash: boolean;
}

const NONE: Origins = { shas: [], messages: [], notes: [], sequencer: false, squash: false };
const SEQUENCER_STATE = ['rebase-merge', 'rebase-apply', 'CHERRY_PICK_HEAD', 'REVERT_HEAD', 'sequencer'];
const COMMIT_COMMANDS = /^(?:p|pick|r|reword|e|edit|s|squash|f|fixup)$/;
const CHERRY_PICKED = /^\(cherry picked from commit ([0-9a-f]{7,64})\)$/gm;

/** The origin file prepare-commit-msg's shim writes for an amend (or -c/-C). */
export function originFile(pendingDir: string): string {
  return path.join(pendingDir, 'origin');
}

export function inSequencer(gitDir: string, env: NodeJS.ProcessEnv): boolean {
  return SEQUENCER_STATE.some((f) => existsSync(path.join(gitDir, f))) || /^(?:rebase|cherry-pick|revert)/.test(env.GIT_REFLOG_ACTION ?? '');
}

export async function findOrigins(git: Git, gitDir: string, pendingDir: string, message: string, env: NodeJS.ProcessEnv, gitPid?: string): Promise<Origins> {
  const sequencer = inSequencer(gitDir, env);
  const revs: string[] = [];
  const amended = gitPid ? readOrigin(pendingDir, gitPid) : undefined;
  if (amended) revs.push(amended);
  // The sequencer's own commits: GIT_REFLOG_ACTION when it runs `git commit`; current-fixups while a
  // squash/fixup chain is being made (also for the commits it makes in-process, without that variable).
  const rebaseDir = path.join(gitDir, 'rebase-merge');
  const squash = existsSync(path.join(rebaseDir, 'current-fixups'));
  if (squash || /^rebase/.test(env.GIT_REFLOG_ACTION ?? '')) revs.push(...rebaseGroup(rebaseDir));
  const pick = readText(path.join(gitDir, 'CHERRY_PICK_HEAD'))?.trim();
  if (pick) revs.push(pick);
  for (const m of message.matchAll(CHERRY_PICKED)) revs.push(m[1] as string);
  if (!revs.length) return { ...NONE, sequencer, squash };

  // One batch-check resolves every candidate (and HEAD): unknown ones are dropped.
  const asked = amended ? [...revs, 'HEAD'] : revs;
  const resolved = (await git.text(['cat-file', '--batch-check'], { input: `${asked.map((r) => `${r}^{commit}`).join('\n')}\n` }))
    .split('\n').slice(0, asked.length).map((l) => /^([0-9a-f]{40}|[0-9a-f]{64}) commit /.exec(l)?.[1]);
  const head = amended ? resolved[resolved.length - 1] : undefined;
  const shas = [...new Set(resolved.slice(0, revs.length).filter((s): s is string => !!s))];
  if (!shas.length) return { ...NONE, sequencer, squash };
  const read = await readCommits(git, shas);
  const amendedSha = amended ? resolved[0] : undefined;
  let amendBase: string | undefined;
  if (amendedSha && amendedSha === head) {
    const parent = read.parents.get(amendedSha)?.[0];
    amendBase = parent ?? EMPTY_TREE[amendedSha.length];
  }
  return { shas, messages: read.messages, notes: read.notes, ...(amendBase ? { amendBase } : {}), sequencer, squash };
}

/** `<pid> <rev>` written by prepare-commit-msg for this git process; a stale file is removed. */
function readOrigin(pendingDir: string, gitPid: string): string | undefined {
  const file = originFile(pendingDir);
  const text = readText(file);
  if (text === undefined) return undefined;
  const m = /^(\d+) (\S.*)$/.exec(text.trim());
  if (!m || m[1] !== gitPid) {
    rmSync(file, { force: true });
    return undefined;
  }
  return m[2]?.startsWith('-') ? undefined : m[2];
}

/** The todo lines of the commit being made: the last done line, and the squash/fixup chain it ends. */
export function rebaseGroup(dir: string): string[] {
  const done = (readText(path.join(dir, 'done')) ?? '').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const out: string[] = [];
  for (let i = done.length - 1; i >= 0; i--) {
    const parts = (done[i] as string).split(/\s+/);
    const command = parts[0] ?? '';
    if (!COMMIT_COMMANDS.test(command)) break;
    const sha = parts.slice(1).find((p) => !p.startsWith('-'));
    if (sha && /^[0-9a-f]{4,64}$/.test(sha)) out.unshift(sha);
    if (!/^(?:s|squash|f|fixup)$/.test(command)) break; // the pick/reword/edit that starts the chain
  }
  for (const line of (readText(path.join(dir, 'current-fixups')) ?? '').split('\n')) {
    const sha = line.trim().split(/\s+/)[1];
    if (sha && /^[0-9a-f]{4,64}$/.test(sha) && !out.includes(sha)) out.push(sha);
  }
  return out;
}

async function readCommits(git: Git, shas: string[]): Promise<{ messages: string[]; notes: NoteRecord[]; parents: Map<string, string[]> }> {
  const out = await git.text(['log', '--no-walk=unsorted', `--notes=${NOTES_REF}`, '--format=%H%x00%P%x00%B%x00%N%x00', ...shas, '--']);
  const fields = out.split('\0');
  const messages: string[] = [];
  const notes: NoteRecord[] = [];
  const parents = new Map<string, string[]>();
  for (let i = 0; i + 3 < fields.length; i += 4) {
    const sha = (fields[i] as string).trim();
    parents.set(sha, (fields[i + 1] as string).split(' ').filter(Boolean));
    messages.push(fields[i + 2] as string);
    notes.push(...parseNote(fields[i + 3] as string).records);
  }
  return { messages, notes, parents };
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
