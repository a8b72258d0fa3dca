// Records one agent edit in the working log: find the repository (one git call: this runs on every
// agent edit), turn the edited paths into repository-relative ones, locate the inserted lines when
// the payload does not say, and write the entry.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { adaptPayload, rangesOf, type AdaptedEdit, type AdaptedFile } from '../../core/capture/adapters';
import { mergeRanges, type LineRange } from '../../core/evidence/lineRanges';
import type { FileRef, WorklogEntry } from '../../core/evidence/evidenceSchema';
import type { ToolId } from '../../core/model';
import { Git, GitError, classifyGitFailure, firstErrorLine, type GitLogger } from '../../git/exec';
import { writeEntry } from '../../git/worklog';
import { rangeDigests } from './lineDigest';

/** A hook payload (recognised by the adapters) or an edit already in adapter form. */
export type RecordInput = { payload: unknown } | { edit: AdaptedEdit };

export interface RecordOptions {
  /** Resolves relative paths (when the edit names no cwd of its own) and the default repository. */
  cwd: string;
  /** Override what the payload says. */
  tool?: ToolId;
  model?: string;
  session?: string;
  now?: Date;
  log?: GitLogger;
}

export type RecordResult =
  | { file: string; entry: WorklogEntry; outside: string[] }
  | { skipped: string; outside: string[] };

/** Files bigger than this are not read: their evidence stays file-level. */
export const MAX_READ_BYTES = 2 * 1024 * 1024;

/**
 * Writes one working-log entry for `input` in the repository containing `repoDir` (default: for a
 * hook payload the one holding its first file, else the edit's cwd, else options.cwd). Files
 * outside that repository are left out and listed in `outside`.
 * Throws GitError when there is no repository.
 */
export async function recordEvidence(repoDir: string | undefined, input: RecordInput, options: RecordOptions): Promise<RecordResult> {
  const edit = 'edit' in input ? input.edit : adaptPayload(input.payload);
  if (!edit) return { skipped: 'not a file edit', outside: [] };
  const base = path.resolve(options.cwd, edit.cwd ?? '.');
  // A hook's repository is the one holding the edited file: the agent's cwd may be elsewhere.
  const first = edit.files[0];
  const start = repoDir !== undefined ? path.resolve(options.cwd, repoDir)
    : 'payload' in input && first ? nearestDir(path.resolve(base, first.path)) : base;
  const { gitDir, root } = await locateRepository(start, options.log);

  const byPath = new Map<string, LineRange[] | null>();
  const absOf = new Map<string, string>();
  /** The editor's (maybe unsaved) text of a file, when the edit carries it: the recorded lines are in it, not on disk yet. */
  const contentOf = new Map<string, string>();
  const outside: string[] = [];
  for (const f of edit.files) {
    const abs = path.resolve(base, f.path);
    const rel = repoRelative(root, abs);
    if (rel === undefined) {
      outside.push(f.path);
      continue;
    }
    absOf.set(rel, abs);
    if (f.content !== undefined) contentOf.set(rel, f.content);
    const ranges = fileRanges(abs, f);
    const known = byPath.get(rel);
    // null = file-level: some edit of the file could not be placed, so no line list is complete.
    if (known === null || !ranges) byPath.set(rel, null);
    else byPath.set(rel, mergeRanges([...(known ?? []), ...ranges]));
  }
  if (byPath.size === 0) return { skipped: 'no edited file is inside the repository', outside };

  // The recorded lines' digests, from the file as it is now: a commit is backed only by lines that
  // still carry this text (a human rewrite of them backs nothing).
  const files: FileRef[] = [...byPath].map(([p, ranges]) => {
    if (!ranges?.length) return { path: p };
    const content = contentOf.get(p) ?? readSmallText(absOf.get(p) as string);
    const digests = content === undefined ? undefined : rangeDigests(content, ranges);
    return digests?.length ? { path: p, ranges, digests } : { path: p, ranges };
  });
  const model = options.model ?? edit.model;
  const session = options.session ?? edit.session;
  const entry: WorklogEntry = {
    v: 1,
    time: isoWithOffset(options.now ?? new Date()),
    tool: options.tool ?? edit.tool,
    ...(model ? { model } : {}),
    ...(session ? { session } : {}),
    source: edit.source,
    ...(edit.kind ? { kind: edit.kind } : {}),
    ...(edit.detail ? { detail: edit.detail } : {}),
    files,
  };
  return { file: writeEntry(gitDir, entry), entry, outside };
}

const REV_PARSE = ['rev-parse', '--absolute-git-dir', '--show-toplevel'];

/** This work tree's git dir and root, in one git call. */
export async function locateRepository(dir: string, log?: GitLogger): Promise<{ gitDir: string; root: string }> {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) throw new GitError('not-a-repository', `not a git repository (no such directory): ${dir}`, REV_PARSE);
  const r = await new Git(dir, log).run(REV_PARSE, { okExitCodes: [128] });
  const [gitDir, root] = r.stdout.toString('utf8').split('\n');
  if (r.exitCode !== 0 || !gitDir || !root) {
    const reason = firstErrorLine(r.stderr) || `not a git repository: ${dir}`;
    throw new GitError(gitDir ? 'failed' : classifyGitFailure(r.stderr), gitDir ? `no work tree: ${reason}` : reason, REV_PARSE, r.exitCode, r.stderr);
  }
  return { gitDir, root };
}

/** The POSIX path of `abs` inside `root`, or undefined when it is outside (or inside .git). */
export function repoRelative(root: string, abs: string): string | undefined {
  const realRoot = realpathLoose(root);
  for (const [r, candidate] of [[root, abs], [realRoot, realpathLoose(abs)]] as const) {
    const rel = path.relative(r, candidate);
    if (!rel || path.isAbsolute(rel) || rel === '..' || rel.startsWith(`..${path.sep}`)) continue;
    const posix = rel.split(path.sep).join('/');
    if (posix.split('/')[0] === '.git') return undefined;
    return posix;
  }
  return undefined;
}

/** `p`'s directory, or its nearest existing ancestor (the edit may have created or removed it). */
function nearestDir(p: string): string {
  for (let dir = path.dirname(p); ; dir = path.dirname(dir)) {
    try {
      if (statSync(dir).isDirectory()) return dir;
    } catch {
      // keep walking up
    }
    if (path.dirname(dir) === dir) return dir;
  }
}

/** realpath of the longest existing prefix of `p`, with the rest appended (p may not exist yet). */
function realpathLoose(p: string): string {
  try {
    return realpathSync.native(p);
  } catch {
    const parent = path.dirname(p);
    return parent === p ? p : path.join(realpathLoose(parent), path.basename(p));
  }
}

/** The lines an edit added, or undefined for file-level evidence. */
function fileRanges(abs: string, f: AdaptedFile): LineRange[] | undefined {
  if (f.ranges?.length) return mergeRanges(f.ranges);
  const texts = (f.inserted ?? []).filter((t) => t.trim() !== '');
  if (texts.length === 0) return undefined;
  const content = f.content ?? readSmallText(abs);
  if (content === undefined) return undefined;
  const found: LineRange[] = [];
  for (const t of texts) {
    const r = rangesOf(content, t, { all: f.everyOccurrence ?? false });
    if (r.length === 0) return undefined; // changed since, or ambiguous: say no more than we know
    found.push(...r);
  }
  return mergeRanges(found);
}

function readSmallText(file: string): string | undefined {
  try {
    const st = statSync(file);
    if (!st.isFile() || st.size > MAX_READ_BYTES) return undefined;
    const text = readFileSync(file, 'utf8');
    return text.includes('\0') ? undefined : text;
  } catch {
    return undefined;
  }
}

/** ISO 8601 in local time with its offset (`2026-01-02T10:00:00.000+01:00`), like git's %aI. */
export function isoWithOffset(d: Date): string {
  const offset = -d.getTimezoneOffset();
  const abs = Math.abs(offset);
  const pad = (n: number): string => String(Math.trunc(n)).padStart(2, '0');
  const local = new Date(d.getTime() + offset * 60_000).toISOString().slice(0, 23);
  return `${local}${offset >= 0 ? '+' : '-'}${pad(abs / 60)}:${pad(abs % 60)}`;
}
