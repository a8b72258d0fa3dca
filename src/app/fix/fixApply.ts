// `ai-provenance fix`, second half: writes the plan. New commit objects (same tree, parents mapped,
// author, committer, dates, encoding and extra headers byte for byte; a signature re-made with the
// user's own signing setup or left out), the notes carried to them with the policy's records
// appended, then ONE ref transaction: backup ref at the old tip, the branch (or detached HEAD)
// compare-and-swapped from the old tip to the new one, the notes refs moved. The index and the
// work tree are never touched: only messages change, trees are identical.
import { GIT_AI_NOTES_REF, NOTES_REF } from '../../core/evidence/evidenceSchema';
import { Git, GitError, gitEnv, type GitLogger } from '../../git/exec';
import {
  SIGNATURE_HEADERS, commitId, headerValue, parentsOf, readCommitObjects, rebuildCommit, writeCommitObjects, type CommitObject,
} from '../../git/commitObject';
import { notesRefsToCarry, prepareNotes } from '../../git/notesCarry';
import { RefMovedError, updateRefsAtomically, type RefUpdate } from '../../git/refTransaction';
import { FixRefusedError, type FixPlan } from './fixPlan';

export const BACKUP_PREFIX = 'refs/ai-provenance/backup/';

export interface ApplyOptions {
  /** The user accepted that signatures are dropped (commit.gpgSign is off). */
  dropSignatures?: boolean;
  log?: GitLogger;
  now?: Date;
}

export interface FixResult {
  /** Old id → new id of every rewritten commit, parents first. */
  rewritten: { old: string; new: string; subject: string; changes: string[]; signature?: 'resigned' | 'dropped' }[];
  /** The ref that moved (refs/heads/… or HEAD when detached); absent when nothing changed. */
  moved?: string;
  backup?: string;
  head: string;
  /** Notes copied to new commits, per notes ref. */
  notes: Record<string, number>;
  notices: string[];
}

/** Headers `git commit-tree` writes itself; a signed commit with any other cannot be re-signed byte for byte. */
const COMMIT_TREE_HEADERS = new Set(['tree', 'parent', 'author', 'committer', 'encoding', ...SIGNATURE_HEADERS]);

/** `refs/ai-provenance/backup/20260115T103000Z` (UTC), with `-2`, `-3`… when that name is taken. */
export async function backupRefName(git: Git, now: Date): Promise<string> {
  const stamp = now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
  const taken = new Set((await git.text(['for-each-ref', '--format=%(refname)', BACKUP_PREFIX])).split('\n'));
  let name = `${BACKUP_PREFIX}${stamp}`;
  for (let i = 2; taken.has(name); i++) name = `${BACKUP_PREFIX}${stamp}-${i}`;
  return name;
}

export async function applyFix(plan: FixPlan, options: ApplyOptions = {}): Promise<FixResult> {
  const { info, format, objects, messages } = plan.internal;
  const git = new Git(info.root || info.gitDir, options.log);
  const notices = [...plan.notices];
  if (!plan.rewrite.length) return { rewritten: [], head: plan.head, notes: {}, notices };
  if (plan.signedCount && plan.signatures === 'drop' && !options.dropSignatures) {
    throw new FixRefusedError(`${plan.signedCount} of the commits to rewrite ${plan.signedCount === 1 ? 'is' : 'are'} signed and commit.gpgSign is off: `
      + 'their signatures would be dropped; confirm with --yes, or turn on commit.gpgSign to re-sign them (nothing was changed)');
  }

  const mapping = new Map<string, string>();
  const pending = new Map<string, Buffer>();
  const rewritten: FixResult['rewritten'] = [];
  for (const planned of plan.rewrite) {
    const c = objects.get(planned.sha) as CommitObject;
    const parents = parentsOf(c).map((p) => mapping.get(p) ?? p);
    const message = messages.get(planned.sha) ?? c.message;
    const body = rebuildCommit(c, { parents, message, dropSignature: planned.signed });
    let id: string;
    if (planned.signed && plan.signatures === 'resign') {
      await writeCommitObjects(git, pending); // the parents must exist before git signs a child
      pending.clear();
      id = await resign(git, c, parents, message, body);
    } else {
      id = commitId(body, format);
      pending.set(id, body);
    }
    mapping.set(planned.sha, id);
    rewritten.push({
      old: planned.sha, new: id, subject: planned.subject, changes: planned.fix?.changes ?? [],
      ...(planned.signed ? { signature: plan.signatures === 'resign' ? 'resigned' as const : 'dropped' as const } : {}),
    });
  }
  await writeCommitObjects(git, pending);
  const newHead = mapping.get(plan.head) ?? plan.head;
  if (newHead === plan.head) throw new GitError('failed', 'internal error: the rewrite does not reach HEAD');

  const appends = new Map<string, string>();
  for (const planned of plan.rewrite) {
    if (planned.fix?.noteRecords) appends.set(mapping.get(planned.sha) as string, planned.fix.noteRecords);
  }
  const refs = await notesRefsToCarry(git, [NOTES_REF, GIT_AI_NOTES_REF]);
  const backup = await backupRefName(git, options.now ?? new Date());
  const moved = plan.ref ?? 'HEAD';
  const changed = plan.rewrite.filter((c) => c.fix).length;
  // The notes refs move by compare-and-swap with the branch. A note another worktree's commit wrote
  // meanwhile makes the transaction fail: the notes are prepared again on the new tips (the branch
  // itself moving is the user's business: nothing is changed then).
  let notes: Awaited<ReturnType<typeof prepareNotes>>;
  for (let attempt = 1; ; attempt++) {
    notes = await prepareNotes(git, { mapping, appends, recordsRef: NOTES_REF, refs });
    const updates: RefUpdate[] = [
      { op: 'create', ref: backup, to: plan.head },
      { op: 'update', ref: moved, to: newHead, from: plan.head, ...(plan.ref ? {} : { noDeref: true }) },
      ...notes.updates,
    ];
    try {
      await updateRefsAtomically(git, updates, `ai-provenance fix: new messages for ${changed} commit${changed === 1 ? '' : 's'} (backup ${backup})`);
      break;
    } catch (e) {
      await notes.discard();
      if (e instanceof RefMovedError && e.ref.startsWith('refs/notes/') && attempt < 10) continue;
      if (e instanceof RefMovedError) {
        throw new RefMovedError(`${e.ref || moved} moved while fixing (${e.message}): nothing was changed; run ai-provenance fix again`, e.ref);
      }
      throw e;
    }
  }
  notices.push(...notes.notices);
  return { rewritten, moved, backup, head: newHead, notes: Object.fromEntries(notes.carried), notices };
}

interface Ident {
  name: string;
  email: string;
  date: string;
}

function parseIdent(value: string | undefined): Ident | undefined {
  const m = /^(.*?) <([^<>]*)> (-?\d+ [+-]\d{4})$/.exec(value ?? '');
  return m ? { name: m[1] as string, email: m[2] as string, date: `@${m[3] as string}` } : undefined;
}

/**
 * Signs the rewritten commit with the user's own setup (`git commit-tree -S`: gpg.format,
 * user.signingKey) and checks that git wrote exactly the bytes we meant, plus the signature.
 */
async function resign(git: Git, c: CommitObject, parents: string[], message: Buffer, expected: Buffer): Promise<string> {
  const extra = c.headers.find((h) => !COMMIT_TREE_HEADERS.has(h.key));
  const author = parseIdent(headerValue(c, 'author'));
  const committer = parseIdent(headerValue(c, 'committer'));
  if (extra || !author || !committer) {
    throw new FixRefusedError(`commit ${c.sha.slice(0, 10)} is signed and cannot be re-signed byte for byte`
      + `${extra ? ` (it has a ${extra.key} header)` : ''}: nothing was changed; turn off commit.gpgSign to rewrite it without its signature`);
  }
  const encoding = headerValue(c, 'encoding');
  const env = gitEnv({
    GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email, GIT_AUTHOR_DATE: author.date,
    GIT_COMMITTER_NAME: committer.name, GIT_COMMITTER_EMAIL: committer.email, GIT_COMMITTER_DATE: committer.date,
  });
  const args = [...(encoding ? ['-c', `i18n.commitEncoding=${encoding}`] : []), 'commit-tree', '-S',
    ...parents.flatMap((p) => ['-p', p]), '-F', '-', headerValue(c, 'tree') as string];
  const id = (await git.text(args, { input: message, env })).trim();
  const written = (await readCommitObjects(git, [id])).get(id) as CommitObject;
  const unsigned = Buffer.concat([
    ...written.headers.filter((h) => !SIGNATURE_HEADERS.has(h.key)).map((h) => h.raw),
    ...(written.separator ? [Buffer.from('\n'), written.message] : []),
  ]);
  if (!unsigned.equals(expected)) {
    throw new FixRefusedError(`commit ${c.sha.slice(0, 10)} could not be re-signed byte for byte (git commit-tree wrote different headers): `
      + 'nothing was changed; turn off commit.gpgSign to rewrite it without its signature');
  }
  return id;
}
