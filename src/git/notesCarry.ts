// Notes follow rewritten commits, as `notes.rewriteRef` makes them follow amend and rebase: for
// every notes ref to carry, the note of each old commit is copied to its new commit, and records
// can be appended to a new commit's note. All of it is written on temporary notes refs (one
// `git notes copy --stdin` per ref, one `git notes add` per note that gains records); the real
// notes refs move only in the caller's ref transaction, together with the branch — or not at all.
import { GitError, type Git } from './exec';
import { listNotes, readBlobs } from './notes';
import type { RefUpdate } from './refTransaction';

export const TEMP_NOTES_PREFIX = 'refs/notes/ai-provenance-fix/';

export interface CarryRequest {
  /** Old commit → its rewrite. */
  mapping: ReadonlyMap<string, string>;
  /** Notes refs to carry (missing ones are skipped unless they get appends). */
  refs: readonly string[];
  /** The ref whose notes are JSON Lines: appended records go there, and notes merge line by line. */
  recordsRef: string;
  /** New commit → JSON Lines to append to its note on `recordsRef`. */
  appends: ReadonlyMap<string, string>;
}

export interface PreparedNotes {
  /** Moves each carried notes ref to its new tip and deletes the temporary refs: add to the branch's transaction. */
  updates: RefUpdate[];
  /** Notes copied, per ref. */
  carried: Map<string, number>;
  notices: string[];
  /** Deletes the temporary refs (after a failed transaction; harmless after a successful one). */
  discard(): Promise<void>;
}

/** Lines of a JSON Lines note, without blank lines. */
const linesOf = (text: string): string[] => text.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '');

/** `base` followed by the lines of `extra` it does not already hold (notes merge as a union, in order). */
export function unionLines(base: string, extra: string): string {
  const have = new Set(linesOf(base));
  const add = linesOf(extra).filter((l) => !have.has(l) && (have.add(l), true));
  const kept = linesOf(base);
  return [...kept, ...add].map((l) => `${l}\n`).join('');
}

async function resolveRef(git: Git, ref: string): Promise<string | undefined> {
  const out = await git.text(['rev-parse', '-q', '--verify', `${ref}^{commit}`], { okExitCodes: [1, 128] });
  return out.trim() || undefined;
}

export async function prepareNotes(git: Git, req: CarryRequest): Promise<PreparedNotes> {
  const updates: RefUpdate[] = [];
  const temps: string[] = [];
  const carried = new Map<string, number>();
  const notices: string[] = [];
  const discard = async (): Promise<void> => {
    for (const t of temps) await git.run(['update-ref', '-d', t], { okExitCodes: [1, 128] });
  };
  try {
    let n = 0;
    for (const ref of [...new Set(req.refs)]) {
      const tip = await resolveRef(git, ref);
      const notes = tip ? await listNotes(git, ref) : new Map<string, string>();
      const isRecords = ref === req.recordsRef;
      const copies: [string, string][] = [];
      // New commits whose note is written whole (JSON Lines united in order): base, then the parts.
      const merges = new Map<string, { base?: string; parts: string[]; texts: string[] }>();
      const sourceOf = new Map<string, string>();
      for (const [from, to] of req.mapping) {
        const blob = notes.get(from);
        if (!blob || from === to) continue;
        sourceOf.set(to, blob);
        const existing = notes.get(to);
        if (!existing && !(isRecords && req.appends.get(to))) copies.push([from, to]);
        else if (existing && existing !== blob && !isRecords) {
          notices.push(`${ref}: ${to.slice(0, 10)} already had a note; it was kept (the note of ${from.slice(0, 10)} was not copied over it)`);
        } else if (isRecords && (!existing || existing !== blob)) {
          merges.set(to, { ...(existing ? { base: existing } : {}), parts: [blob], texts: [] });
        }
      }
      if (isRecords) {
        for (const [to, text] of req.appends) {
          if (!text) continue;
          const existing = notes.get(to);
          const m = merges.get(to) ?? { ...(existing ? { base: existing } : {}), parts: sourceOf.has(to) && sourceOf.get(to) !== existing ? [sourceOf.get(to) as string] : [], texts: [] };
          m.texts.push(text);
          merges.set(to, m);
        }
      }
      if (!copies.length && !merges.size) continue;

      const temp = `${TEMP_NOTES_PREFIX}${process.pid}-${Date.now()}-${n++}`;
      temps.push(temp);
      if (tip) await git.run(['update-ref', temp, tip, '0'.repeat(tip.length)]);
      if (copies.length) {
        await git.run(['notes', `--ref=${temp}`, 'copy', '--stdin'], { input: copies.map(([a, b]) => `${a} ${b}\n`).join('') });
      }
      let written = 0;
      if (merges.size) {
        const blobs = await readBlobs(git, [...merges.values()].flatMap((m) => [...(m.base ? [m.base] : []), ...m.parts]));
        const text = (id: string): string => {
          const b = blobs.get(id);
          if (!b) throw new GitError('missing-object', `${ref}: note blob ${id.slice(0, 10)} is missing`);
          return b.toString('utf8');
        };
        for (const [to, m] of merges) {
          const base = unionLines('', m.base ? text(m.base) : '');
          const merged = [...m.parts.map(text), ...m.texts].reduce(unionLines, base);
          if (m.base && merged === base) continue; // the note already says all of it
          await git.run(['notes', `--ref=${temp}`, 'add', '-f', '-F', '-', to], { input: merged });
          written++;
        }
      }
      if (!copies.length && !written) {
        await git.run(['update-ref', '-d', temp], { okExitCodes: [1, 128] });
        temps.pop();
        continue;
      }
      const newTip = await resolveRef(git, temp);
      if (!newTip) throw new GitError('failed', `${temp}: the temporary notes ref vanished`);
      updates.push(tip ? { op: 'update', ref, to: newTip, from: tip } : { op: 'create', ref, to: newTip });
      updates.push({ op: 'delete', ref: temp, from: newTip });
      carried.set(ref, copies.length + written);
    }
  } catch (e) {
    await discard();
    throw e;
  }
  return { updates, carried, notices, discard };
}

/**
 * The notes refs a rewrite carries: ours and git-ai's (audit reads both), plus whatever
 * `notes.rewriteRef` names — exact refs, or globs matched as git's notes code matches them
 * (wildmatch without WM_PATHNAME: `*` also crosses `/`).
 */
export async function notesRefsToCarry(git: Git, ours: readonly string[]): Promise<string[]> {
  const configured = (await git.text(['config', '--get-all', 'notes.rewriteRef'], { okExitCodes: [1] }))
    .split('\n').map((s) => s.trim()).filter((p) => p.startsWith('refs/notes/'));
  const globs = configured.filter((p) => /[*?[]/.test(p)).map(globRegExp);
  const exact = configured.filter((p) => !/[*?[]/.test(p));
  const all = globs.length ? (await git.text(['for-each-ref', '--format=%(refname)', 'refs/notes/'])).split('\n').filter(Boolean) : [];
  const matched = all.filter((r) => globs.some((g) => g.test(r)));
  return [...new Set([...ours, ...exact, ...matched])].filter((r) => !r.startsWith(TEMP_NOTES_PREFIX));
}

/** A git glob (`*`, `?`, `[…]`, `[!…]`) as an anchored regular expression. */
export function globRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) re += '\\[';
      else {
        const body = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
