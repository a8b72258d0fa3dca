// After a commit that did not pass through commit-msg (git commit --no-verify, as aider does by
// default), or whose commit-msg was killed before it prepared the note, attach the recorded
// evidence that backs the lines it changed as its provenance note (the same backing rule as
// commit-msg: core/capture/backing.ts, over the commit's own diff).
//
// Crash-safe: the post-commit shim first leaves a claim, <git dir>/ai-provenance-pending/
// claim-<sha> (handoff.ts), and this code attaches the note (by compare-and-swap, never twice),
// consumes the entries, then removes the claim. A claim left by a killed run is finished by the next
// hook that starts node, with the entries recorded before the claim: evidence goes to the commit
// that committed its lines, never to a later one.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { NOTES_REF, noteText } from '../../core/evidence/evidenceSchema';
import { selectBacked } from '../../core/capture/backing';
import { Git, type GitLogger } from '../../git/exec';
import { appendNote, pruneTempRefs } from '../../git/notesWrite';
import { readCommitDiff } from '../../git/stagedDiff';
import { readEntries, worklogDir, writeEntryIn } from '../../git/worklog';
import { consumeEntries, ledgered } from '../../git/worklogLedger';
import { DEFAULT_PATCH_CAP } from '../audit/auditor';
import { claimFile, pendingDir, recoverHandoffs, take, type Finished } from './handoff';
import { digestSources, gitPaths } from './hookContext';
import { inSequencer } from './origins';

export interface ReconcileOutcome {
  attached: boolean;
  /** Why nothing was attached to HEAD. */
  skipped?: string;
  consumed: number;
  problems: string[];
  /** What was finished for earlier commits, and what a read-only working log changed: one line each. */
  notices: string[];
}

/** Notices about what recovery finished (earlier commits) and what a read-only working log made us do. */
export function finishedNotices(finished: readonly Finished[], gitDir: string): string[] {
  const out: string[] = [];
  for (const f of finished) {
    if (f.attached) out.push(`attached the provenance note an interrupted hook had prepared to ${f.commit.slice(0, 10)}`);
  }
  const ledgered = finished.reduce((n, f) => n + f.ledgered, 0);
  const overflowed = finished.reduce((n, f) => n + f.overflowed, 0);
  if (ledgered || overflowed) out.push(readOnlyNotice(gitDir, ledgered, overflowed));
  return out;
}

function readOnlyNotice(gitDir: string, ledgered: number, overflowed: number): string {
  const parts = [
    ...(ledgered ? [`${ledgered} consumed entr${ledgered === 1 ? 'y' : 'ies'} could not be deleted and ${ledgered === 1 ? 'is' : 'are'} marked consumed`] : []),
    ...(overflowed ? [`${overflowed} remaining part${overflowed === 1 ? '' : 's'} ${overflowed === 1 ? 'is' : 'are'} kept`] : []),
  ];
  return `the working log ${worklogDir(gitDir)} is read-only: ${parts.join(' and ')} in ${path.join(gitDir, 'ai-provenance-overflow')} (never attributed again; make the working log writable to tidy it)`;
}

/** One commit's recorded evidence, from the entries written up to `until` (ms since the epoch). */
async function reconcileCommit(git: Git, gitDir: string, root: string, sha: string, until: number):
Promise<{ attached: boolean; consumed: number; problems: string[]; ledgered: number; overflowed: number; skipped?: string }> {
  const { entries, problems } = readEntries(gitDir);
  const before = entries.filter((e) => {
    try {
      return statSync(e.file).mtimeMs <= until;
    } catch {
      return false;
    }
  });
  if (before.length === 0) return { attached: false, consumed: 0, problems, ledgered: 0, overflowed: 0, skipped: 'no recorded evidence' };
  const diff = await readCommitDiff(git, DEFAULT_PATCH_CAP, sha);
  const selection = selectBacked(before.map((e) => ({ name: path.relative(gitDir, e.file), entry: e.entry })), diff.files, digestSources(diff, root));
  if (selection.consumed.length === 0) {
    return { attached: false, consumed: 0, problems, ledgered: 0, overflowed: 0, skipped: `no recorded evidence for the files of ${sha.slice(0, 10)}` };
  }
  const attached = selection.note.length > 0 && await appendNote(git, sha, noteText(selection.note), { ref: NOTES_REF, idempotent: true });
  const c = consumeEntries(gitDir, worklogDir(gitDir), selection.consumed, selection.remaining, writeEntryIn);
  return {
    attached, consumed: selection.consumed.length, problems, ...c,
    ...(selection.note.length ? {} : { skipped: `the recorded evidence does not back the lines ${sha.slice(0, 10)} changed` }),
  };
}

interface Claim {
  sha: string;
  file: string;
  time: number;
}

function claims(gitDir: string): Claim[] {
  let names: string[];
  try {
    names = readdirSync(pendingDir(gitDir));
  } catch {
    return [];
  }
  const out: Claim[] = [];
  for (const name of names) {
    const m = /^claim-([0-9a-f]{40}|[0-9a-f]{64})$/.exec(name);
    if (!m) continue;
    const file = path.join(pendingDir(gitDir), name);
    try {
      out.push({ sha: m[1] as string, file, time: statSync(file).mtimeMs });
    } catch { /* taken meanwhile */ }
  }
  return out.sort((a, b) => a.time - b.time);
}

/** Marks HEAD as claimed (when the shim could not, or did not: the pre-commit framework). */
function claim(gitDir: string, sha: string): boolean {
  try {
    mkdirSync(pendingDir(gitDir), { recursive: true });
  } catch {
    return false;
  }
  try {
    writeFileSync(claimFile(gitDir, sha), `${sha}\n`, { flag: 'wx' });
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EEXIST';
  }
}

interface ClaimsOutcome {
  /** HEAD's own reconciliation, when `head` was among the claims. */
  own?: Awaited<ReturnType<typeof reconcileCommit>>;
  problems: string[];
  notices: string[];
  ledgered: number;
  overflowed: number;
}

/** Reconciles every claim, oldest first (a claim for `skip` is dropped: a replayed commit). */
async function processClaims(git: Git, gitDir: string, root: string, head?: string, skip?: string): Promise<ClaimsOutcome> {
  const out: ClaimsOutcome = { problems: [], notices: [], ledgered: 0, overflowed: 0 };
  for (const c of claims(gitDir)) {
    const taken = take(c.file);
    if (!taken) continue;
    if (c.sha === skip) {
      rmSync(taken, { force: true });
      continue;
    }
    let r: Awaited<ReturnType<typeof reconcileCommit>>;
    try {
      r = await reconcileCommit(git, gitDir, root, c.sha, c.time);
    } catch (e) {
      renameSync(taken, c.file); // finished by a later run
      throw e;
    }
    rmSync(taken, { force: true });
    if (c.sha === head) out.own = r;
    else if (r.attached) out.notices.push(`attached recorded AI evidence to ${c.sha.slice(0, 10)}, whose post-commit hook was interrupted`);
    out.problems.push(...r.problems);
    out.ledgered += r.ledgered;
    out.overflowed += r.overflowed;
  }
  return out;
}

/**
 * What interrupted hook runs left, finished before a hook reads the working log: prepared notes
 * (handoff.ts) and claims. Returns one notice per thing done.
 */
export async function recoverEarlier(git: Git, gitDir: string, root: string, env: NodeJS.ProcessEnv, gitPid?: string, commentChar?: string): Promise<string[]> {
  const recovered = await recoverHandoffs(git, gitDir, gitPid, commentChar);
  const notices = finishedNotices(recovered.finished, gitDir);
  // Entries a read-only working log kept: deleted (and the ledger emptied) once it is writable again.
  if (ledgered(gitDir).size) consumeEntries(gitDir, worklogDir(gitDir), [], [], writeEntryIn);
  const left = claims(gitDir).length;
  // Something was interrupted: a notes write may have been too (its temporary ref is left behind).
  if (left || recovered.finished.length || recovered.discarded) await pruneTempRefs(git);
  if (!left) return notices;
  const c = await processClaims(git, gitDir, root);
  if (c.ledgered || c.overflowed) c.notices.push(readOnlyNotice(gitDir, c.ledgered, c.overflowed));
  return [...notices, ...c.notices];
}

export async function reconcileAfterCommit(repo: string, log?: GitLogger, env: NodeJS.ProcessEnv = process.env): Promise<ReconcileOutcome> {
  const git = new Git(repo, log);
  const { gitDir, root } = await gitPaths(git);
  const none = (skipped: string, problems: string[] = [], notices: string[] = []): ReconcileOutcome => ({ attached: false, skipped, consumed: 0, problems, notices });
  if (!gitDir) return none('not a repository');
  const recovered = await recoverHandoffs(git, gitDir, env.AIP_GIT_PID);
  const notices = finishedNotices(recovered.finished, gitDir);
  if (ledgered(gitDir).size) consumeEntries(gitDir, worklogDir(gitDir), [], [], writeEntryIn);
  if (recovered.finished.length || recovered.discarded || claims(gitDir).length) await pruneTempRefs(git);
  const head = (await git.text(['rev-parse', '-q', '--verify', 'HEAD^{commit}'], { okExitCodes: [1, 128] })).trim();
  if (!head) return none('no commit', [], notices);
  // Commits replayed by rebase or cherry-pick are old work: recorded evidence is not theirs.
  const replayed = inSequencer(gitDir, env);
  // commit-msg handed HEAD's note off (the shim calls us for what is left): nothing to claim.
  const handedOff = env.AIP_HANDED_OFF === '1';
  const claimed = !replayed && !handedOff && claim(gitDir, head);
  const c = await processClaims(git, gitDir, root || repo, head, replayed ? head : undefined);
  notices.push(...c.notices);
  let own = c.own;
  // No claim could be written (an unwritable git dir): attribute HEAD all the same.
  if (!own && !claimed && !replayed && !handedOff) {
    own = await reconcileCommit(git, gitDir, root || repo, head, Date.now());
    c.problems.push(...own.problems);
    c.ledgered += own.ledgered;
    c.overflowed += own.overflowed;
  }
  if (c.ledgered || c.overflowed) notices.push(readOnlyNotice(gitDir, c.ledgered, c.overflowed));
  const problems = [...new Set(c.problems)];
  if (replayed) return none('a rebase, cherry-pick or revert is in progress', problems, notices);
  if (!own) return none(handedOff ? 'commit-msg prepared its note' : 'no recorded evidence', problems, notices);
  return { attached: own.attached, consumed: own.consumed, problems, notices, ...(own.skipped ? { skipped: own.skipped } : {}) };
}
