// `ai-provenance fix`, first half: which commits get a new message and which get new ids. Reads
// only: the range (default: the current branch's commits on no remote-tracking branch), every
// refusal (a pushed commit asked for, a commit not on the branch, a rebase/merge/… in progress),
// the raw commit objects, and each commit's fix from the policy seam (fixMessages.ts). The plan is
// what `--dry-run` prints and what the VS Code preview shows; fixApply.ts writes it.
import { isUtf8 } from 'node:buffer';
import { GitError, assertRevision, type Git, type GitLogger } from '../../git/exec';
import {
  headerValue, isSigned, objectFormat, parentsOf, readCommitObjects, type CommitObject, type ObjectFormat,
} from '../../git/commitObject';
import { operationInProgress } from '../../git/refTransaction';
import { openRepository, type RepositoryInfo } from '../../git/repo';
import type { PolicyInput } from '../../core/policy/policySchema';
import { createMessageFixer } from './fixMessages';
import { loadPolicy, type LoadedPolicy } from '../policyLoad';

/** A request `fix` turns down before changing anything (exit 2): the reason names what to do. */
export class FixRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FixRefusedError';
  }
}

export interface FixRequest {
  repo: string;
  /** RANGE as git rev-list takes it; empty: the current branch's commits on no remote-tracking branch. */
  revs?: string[];
  overrides?: PolicyInput;
  log?: GitLogger;
  /** Refuse (FixRefusedError) when the branch has more unpushed commits than this (a quick check, e.g. after each commit). */
  limit?: number;
}

export interface PlannedCommit {
  sha: string;
  subject: string;
  parents: string[];
  /** Set when the policy rewrites the message; absent when only the parents change. */
  fix?: { before: string; after: string; changes: string[]; noteRecords: string };
  signed: boolean;
}

export interface FixPlan {
  root: string;
  /** The branch that moves (refs/heads/…); undefined when HEAD is detached (HEAD itself moves). */
  ref?: string;
  head: string;
  /** What was asked for, for messages ("the unpushed commits of main", "HEAD~3..HEAD"). */
  rangeLabel: string;
  /** Commits of the range the policy looked at. */
  examined: number;
  /** Commits that get new ids, parents first: rewritten messages, and their descendants. */
  rewrite: PlannedCommit[];
  /** Commits that still break the policy and cannot be fixed automatically. */
  unfixable: { sha: string; subject: string; reasons: string[] }[];
  /** What happens to signed commits among `rewrite`: re-signed (commit.gpgSign is on) or dropped. */
  signatures: 'resign' | 'drop';
  signedCount: number;
  /** Local branches other than `ref` that contain rewritten commits: they keep the old ones. */
  otherBranches: string[];
  policy: LoadedPolicy;
  notices: string[];
  /** For fixApply: raw objects, new message bytes, the repository. */
  readonly internal: PlanInternal;
}

export interface PlanInternal {
  info: RepositoryInfo;
  format: ObjectFormat;
  objects: Map<string, CommitObject>;
  messages: Map<string, Buffer>;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** A commit message as text: UTF-8 when it is (and says so), else one char per byte, so the bytes survive. */
export function decodeMessage(c: CommitObject): { text: string; latin1: boolean } {
  const declared = headerValue(c, 'encoding');
  const latin1 = (declared !== undefined && !/^utf-?8$/i.test(declared)) || !isUtf8(c.message);
  return { text: c.message.toString(latin1 ? 'latin1' : 'utf8'), latin1 };
}

export function encodeMessage(sha: string, text: string, latin1: boolean): Buffer {
  if (latin1 && /[^\u0000-\u00ff]/.test(text)) {
    throw new GitError('failed', `commit ${sha.slice(0, 10)}: its message is not UTF-8 and the new lines cannot be written in its encoding`);
  }
  return Buffer.from(text, latin1 ? 'latin1' : 'utf8');
}

export function subjectOf(text: string): string {
  return (text.split('\n').find((l) => l.trim() !== '') ?? '').trim();
}

async function revList(git: Git, args: string[]): Promise<string[]> {
  return (await git.text(['rev-list', ...args])).split('\n').filter(Boolean);
}

async function describeCommit(git: Git, sha: string): Promise<string> {
  const subject = (await git.text(['log', '-1', '--no-show-signature', '--format=%s', sha, '--'])).trim();
  return `${sha.slice(0, 10)} "${subject.length > 60 ? `${subject.slice(0, 57)}…` : subject}"`;
}

export async function planFix(req: FixRequest): Promise<FixPlan> {
  const revs = req.revs ?? [];
  for (const rev of revs) assertRevision(rev);
  const { git, info } = await openRepository(req.repo, req.log);
  const busy = operationInProgress(info.gitDir);
  if (busy) throw new FixRefusedError(`${busy} is in progress: finish or abort it first (nothing was changed)`);
  if (!info.head) throw new FixRefusedError('the repository has no commits yet: nothing to fix');
  const [symbolic, policy, format, gpgSign] = await Promise.all([
    git.text(['symbolic-ref', '-q', 'HEAD'], { okExitCodes: [1] }),
    loadPolicy(git, info.root, req.overrides),
    objectFormat(git),
    git.text(['config', '--type=bool', '--get', 'commit.gpgSign'], { okExitCodes: [1] }),
  ]);
  const ref = symbolic.trim() || undefined;
  if (ref && !ref.startsWith('refs/heads/')) throw new FixRefusedError(`HEAD points to ${ref}, not a branch: nothing was changed`);
  const head = info.head;
  const branch = ref ? ref.slice('refs/heads/'.length) : 'HEAD (detached)';

  if (req.limit !== undefined) {
    const count = Number((await git.text(['rev-list', '--count', `--max-count=${req.limit + 1}`, head, '--not', '--remotes'])).trim());
    if (count > req.limit) throw new FixRefusedError(`${branch} has more than ${req.limit} unpushed commits`);
  }
  // Every commit of the branch on no remote-tracking branch, parents first, with their parents.
  const unpushed = (await revList(git, ['--topo-order', '--reverse', '--parents', head, '--not', '--remotes']))
    .map((l) => l.split(' ')) as [string, ...string[]][];
  const unpushedSet = new Set(unpushed.map(([sha]) => sha));
  let inRange: Set<string>;
  if (revs.length) {
    const asked = await revList(git, ['--end-of-options', ...revs]);
    const pushed = asked.find((sha) => !unpushedSet.has(sha));
    if (pushed) {
      const where = (await git.text(['for-each-ref', '--format=%(refname:short)', '--contains', pushed, 'refs/remotes/']))
        .split('\n').filter(Boolean);
      throw new FixRefusedError(where.length
        ? `${await describeCommit(git, pushed)} is on ${where.slice(0, 3).join(', ')}: pushed commits are never rewritten (nothing was changed)`
        : `${await describeCommit(git, pushed)} is not on ${branch}: only the current branch's unpushed commits are rewritten (nothing was changed)`);
    }
    inRange = new Set(asked);
  } else {
    inRange = unpushedSet;
  }
  const rangeLabel = revs.length ? revs.join(' ') : `the unpushed commits of ${branch}`;

  const rangeObjects = await readCommitObjects(git, [...inRange]);
  const fixer = await createMessageFixer(git, info, policy, [...rangeObjects.values()].map((c) => ({ sha: c.sha, parents: parentsOf(c) })));
  const notices = [...fixer.problems];
  const messages = new Map<string, Buffer>();
  const fixes = new Map<string, PlannedCommit['fix']>();
  const unfixable: FixPlan['unfixable'] = [];
  for (const [sha] of unpushed) {
    const c = rangeObjects.get(sha);
    if (!c) continue;
    const { text, latin1 } = decodeMessage(c);
    const fix = fixer.fix({ sha, parents: parentsOf(c), message: text });
    if (fix.action === 'unfixable') unfixable.push({ sha, subject: subjectOf(text), reasons: fix.reasons });
    if (fix.action !== 'rewritten') continue;
    const bytes = encodeMessage(sha, fix.message, latin1);
    if (bytes.equals(c.message)) continue; // same message, same commit: nothing to rewrite, no ref to move
    messages.set(sha, bytes);
    fixes.set(sha, { before: text, after: fix.message, changes: fix.changes, noteRecords: fix.noteRecords });
  }

  // A commit gets a new id when its message changes or one of its parents got a new id.
  const renewed = new Set<string>();
  for (const [sha, ...parents] of unpushed) {
    if (messages.has(sha) || parents.some((p) => renewed.has(p))) renewed.add(sha);
  }
  const missing = [...renewed].filter((sha) => !rangeObjects.has(sha));
  const objects = new Map([...rangeObjects].filter(([sha]) => renewed.has(sha)));
  for (const [sha, c] of await readCommitObjects(git, missing)) objects.set(sha, c);
  const rewrite: PlannedCommit[] = unpushed.filter(([sha]) => renewed.has(sha)).map(([sha]) => {
    const c = objects.get(sha) as CommitObject;
    const fix = fixes.get(sha);
    return { sha, subject: subjectOf(decodeMessage(c).text), parents: parentsOf(c), ...(fix ? { fix } : {}), signed: isSigned(c) };
  });

  // Local branches that share rewritten commits keep the old ones (as with git rebase).
  const roots = rewrite.filter((c) => !c.parents.some((p) => renewed.has(p))).map((c) => c.sha);
  const otherBranches = roots.length
    ? (await git.text(['for-each-ref', '--format=%(refname)', ...roots.flatMap((r) => ['--contains', r]), 'refs/heads/']))
      .split('\n').filter((r) => r && r !== ref).map((r) => r.slice('refs/heads/'.length))
    : [];
  if (otherBranches.length) {
    notices.push(`${plural(otherBranches.length, 'other branch', 'other branches')} (${otherBranches.slice(0, 5).join(', ')}) `
      + `${otherBranches.length === 1 ? 'contains' : 'contain'} commits that get rewritten: only ${branch} moves, they keep the old commits`);
  }
  if (!ref && rewrite.length) notices.push('HEAD is detached: HEAD itself moves to the rewritten commits; no branch changes');
  return {
    root: info.root, ...(ref ? { ref } : {}), head, rangeLabel, examined: inRange.size, rewrite, unfixable,
    signatures: gpgSign.trim() === 'true' ? 'resign' : 'drop',
    signedCount: rewrite.filter((c) => c.signed).length,
    otherBranches, policy, notices,
    internal: { info, format, objects, messages },
  };
}
