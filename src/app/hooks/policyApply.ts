// Use case behind the hooks: apply the policy to a commit message file, and prepare the provenance
// note of the commit (post-commit attaches it): the evidence that backs the committed changes, the
// AI code markers in them, and a record of every attribution line removed, replaced or kept against
// the policy. The staged diff is read once (git/stagedDiff.ts). The message file is rewritten
// atomically (temp file + rename) or not at all: an error leaves it exactly as it was.
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import * as path from 'node:path';
import { applyPolicy, type AttributionDecision, type PolicyOutcome, type RecordedTool } from '../../core/policy/policy';
import type { Policy, PolicyInput } from '../../core/policy/policySchema';
import { noteText, type NoteRecord, type RemovalRecord } from '../../core/evidence/evidenceSchema';
import type { Selection } from '../../core/capture/worklogSelect';
import { markerRecords, selectBacked, toolsOf } from '../../core/capture/backing';
import { scanPatch } from '../../core/detect/diffMarkers';
import { policyDigest } from '../../core/policy/policyDigest';
import { Git, type GitLogger } from '../../git/exec';
import { trailerConfig } from '../../git/repo';
import { EMPTY_TREE, readStagedDiff } from '../../git/stagedDiff';
import { readEntries, worklogDir } from '../../git/worklog';
import { overflowDir } from '../../git/worklogLedger';
import { pendingDir, writeHandoff } from './handoff';
import { digestSources, gitPaths } from './hookContext';
import { recoverEarlier } from './postCommit';
import { DEFAULT_PATCH_CAP } from '../audit/auditor';
import { findOrigins, type Origins } from './origins';
import { loadPolicy, type LoadedPolicy } from '../policyLoad';
import { isoWithOffset } from './record';
import { sha256 } from '../sha256';

export interface ApplyRequest {
  repo: string;
  file: string;
  stage: 'prepare' | 'commit';
  overrides?: PolicyInput;
  log?: GitLogger;
  /** From the hook shims: the working-log path (saves a git call) and the committing git's pid. */
  worklog?: string;
  gitPid?: string;
  /** From the hook shims: HEAD's commit ('' before the first commit). */
  head?: string;
  /** Run by a hook: finish what interrupted hook runs left first. */
  hook?: boolean;
  /** From the commit-msg shim: whether its grep of the staged diff found an AI keyword (undefined: not checked). */
  diffHit?: boolean;
  env?: NodeJS.ProcessEnv;
  now?: Date;
}

export interface ApplyResult {
  outcome: PolicyOutcome;
  policy: LoadedPolicy;
  /** Recorded evidence backing this commit (empty when none). */
  selection: Selection;
  /** AI code markers in the added lines, as note records. */
  markers: NoteRecord[];
  /** The commits this one rewrites (amend, rebase, cherry-pick). */
  origins: Origins;
  /** The provenance note was prepared for post-commit to attach. */
  notePrepared: boolean;
  /** Why the note could not be prepared (then the message was left as it was). */
  noteProblem?: string;
  problems: string[];
  /** What this run finished for earlier commits (interrupted hooks), one line each. */
  notices: string[];
}

export { digestSources, gitPaths };

const EMPTY_SELECTION: Selection = { recorded: [], note: [], consumed: [], remaining: [] };

export async function applyPolicyToFile(req: ApplyRequest): Promise<ApplyResult> {
  const git = new Git(req.repo, req.log);
  const env = req.env ?? process.env;
  // Hooks run at the work-tree root and name the working log: then no rev-parse is needed.
  const known = req.worklog ? { gitDir: path.resolve(req.repo, req.worklog, '..', '..'), root: req.repo } : undefined;
  // The staged diff a commit-msg hook will read (evidence recorded, or markers to scan), read beside
  // the config instead of after it; an amend (read below) needs another base and reads again.
  const early = known && req.hook && req.stage === 'commit' && (req.diffHit !== false || hasWorklog(known.gitDir))
    ? readStagedDiff(git, DEFAULT_PATCH_CAP) : undefined;
  early?.catch(() => undefined); // awaited below when used; unused (amend, merge), its failure does not matter
  const [{ gitDir, root }, config] = await Promise.all([
    known ?? gitPaths(git),
    git.text(['config', '-z', '--get-regexp', '^(aiprovenance\\.|trailer\\.|core\\.commentchar$)'], { okExitCodes: [1] }),
  ]);
  const trailers = trailerConfig(config);
  // What earlier hook runs left unfinished goes first: entries a commit consumed must not back this one.
  const notices = gitDir && req.hook ? await recoverEarlier(git, gitDir, root || req.repo, env, req.gitPid, trailers.commentChar) : [];
  const policy = await loadPolicy(git, root, req.overrides, config);
  const log = gitDir && hasWorklog(gitDir) ? readEntries(gitDir) : { entries: [], problems: [] };
  const bytes = readFileSync(req.file);
  const latin1 = !isUtf8(bytes);
  const message = bytes.toString(latin1 ? 'latin1' : 'utf8');

  const origins: Origins = gitDir
    ? await findOrigins(git, gitDir, pendingDir(gitDir), message, env, req.stage === 'commit' ? req.gitPid : undefined)
    : { shas: [], messages: [], notes: [], sequencer: false, squash: false };
  // Replayed commits are old work: the working log is not theirs (post-commit keeps the same rule).
  const entries = origins.sequencer ? [] : log.entries;
  // A merge brings in commits that were scanned when they were made (audit skips merges too).
  const merging = !!gitDir && existsSync(path.join(gitDir, 'MERGE_HEAD'));
  const scanMarkers = req.stage === 'commit' && !merging && (req.diffHit !== false || origins.amendBase !== undefined);
  const diff = entries.length > 0 || scanMarkers
    ? await (early && origins.amendBase === undefined ? early : readStagedDiff(git, DEFAULT_PATCH_CAP, origins.amendBase))
    : undefined;

  const selection = diff && entries.length
    ? selectBacked(entries.map((e) => ({ name: path.relative(gitDir, e.file), entry: e.entry })), diff.files, digestSources(diff, root || req.repo))
    : EMPTY_SELECTION;
  const markers = diff && scanMarkers ? markerRecords(scanPatch(diff.patch)) : [];
  const recorded: RecordedTool[] = [
    ...selection.recorded,
    ...markerTools(markers),
    ...toolsOf(origins.notes, 'inherited'),
  ];
  let outcome = applyPolicy(message, recorded, policy.policy, {
    trailers, stage: req.stage, inherited: origins.messages, restoreInherited: origins.squash,
  });
  const written = outcome.action === 'rewritten' ? Buffer.from(outcome.message, latin1 ? 'latin1' : 'utf8') : bytes;
  let notePrepared = false;
  let noteProblem: string | undefined;
  if (req.stage === 'commit' && outcome.action !== 'reject' && gitDir && req.gitPid) {
    const removals = removalRecords(outcome.decisions, policy.policy, req.now ?? new Date());
    const records = [...selection.note, ...markers, ...removals];
    if (selection.consumed.length || records.length) {
      // The note is ready before the message changes: a message never carries our changes without it.
      const kept = [...selection.note, ...markers, ...removals.filter((r) => r.action === 'kept')];
      try {
        writeHandoff(gitDir, req.gitPid, {
          note: noteText(records), ...(kept.length < records.length ? { kept: noteText(kept) } : {}),
          message: written, ...(outcome.action === 'rewritten' ? { original: bytes } : {}), msgFile: req.file,
          parent: await expectedParent(git, origins, req.head),
          consumed: selection.consumed, add: selection.remaining,
        });
        notePrepared = true;
      } catch (e) {
        // Nothing the note would record happens: the message stays as written, the evidence stays
        // recorded (post-commit attaches what backs the commit to it, from its diff).
        noteProblem = `${pendingDir(gitDir)}: ${(e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e))}`;
        if (outcome.action === 'rewritten') outcome = { action: 'unchanged', message, decisions: [] };
      }
    }
  }
  if (outcome.action === 'rewritten') writeAtomically(req.file, written);
  return { outcome, policy, selection, markers, origins, notePrepared, problems: log.problems, notices, ...(noteProblem ? { noteProblem } : {}) };
}

/** The first parent the commit being made will have: HEAD's commit, or for an amend the amended commit's parent ('' for none). */
async function expectedParent(git: Git, origins: Origins, head: string | undefined): Promise<string> {
  if (origins.amendBase !== undefined) return Object.values(EMPTY_TREE).includes(origins.amendBase) ? '' : origins.amendBase;
  if (head !== undefined) return head;
  return (await git.text(['rev-parse', '-q', '--verify', 'HEAD^{commit}'], { okExitCodes: [1, 128] })).trim();
}

/** Marker evidence for the policy: files as `path:line` so a rejection says where. */
export function markerTools(markers: readonly NoteRecord[]): RecordedTool[] {
  return markers.map((r) => ({
    tool: r.tool, models: [], origin: 'marker',
    files: r.files.flatMap((f) => (f.ranges?.length ? f.ranges.map(([a]) => `${f.path}:${a}`) : [f.path])),
  }));
}

/** The note lines recording what the policy did to attribution lines it did not keep as they were. */
export function removalRecords(decisions: readonly AttributionDecision[], policy: Policy, now: Date): RemovalRecord[] {
  if (!decisions.length) return [];
  const digest = policyDigest(policy, sha256);
  const time = isoWithOffset(now);
  return decisions.map((d) => ({
    v: 1, type: 'removal', action: d.action, line: d.line.slice(0, 2000), reason: d.reason.slice(0, 1000), mode: d.mode,
    tool: d.tool, class: d.class, ...(d.replacedBy?.length ? { replacedBy: d.replacedBy } : {}), policy: digest, time,
  }));
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

export function hasWorklog(gitDir: string): boolean {
  const has = (dir: string): boolean => existsSync(dir) && readdirSync(dir).some((f) => !f.startsWith('.'));
  return has(worklogDir(gitDir)) || has(overflowDir(gitDir));
}

export { pendingDir } from './handoff';
