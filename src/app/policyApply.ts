// Use case behind the hooks: apply the policy to a commit message file, and prepare the provenance
// note of the commit (post-commit attaches it): the evidence that backs the committed changes, the
// AI code markers in them, and a record of every attribution line removed, replaced or kept against
// the policy. The staged diff is read once (git/stagedDiff.ts). The message file is rewritten
// atomically (temp file + rename) or not at all: an error leaves it exactly as it was.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import * as path from 'node:path';
import { applyPolicy, type AttributionDecision, type PolicyOutcome, type RecordedTool } from '../core/policy';
import type { Policy, PolicyInput } from '../core/policySchema';
import { noteText, type NoteRecord, type RemovalRecord, type WorklogEntry } from '../core/evidenceSchema';
import type { Selection } from '../core/worklogSelect';
import { markerRecords, selectBacked, toolsOf } from '../core/backing';
import { scanPatch } from '../core/diffMarkers';
import { policyDigest } from '../core/policyDigest';
import { utf8, type StagedDiff } from '../core/stagedDiff';
import { Git, type GitLogger } from '../git/exec';
import { trailerConfig } from '../git/repo';
import { readStagedDiff } from '../git/stagedDiff';
import { readEntries, worklogDir } from '../git/worklog';
import { DEFAULT_PATCH_CAP } from './auditor';
import { contentDigests, lineDigest } from './lineDigest';
import { findOrigins, type Origins } from './origins';
import { loadPolicy, type LoadedPolicy } from './policyLoad';
import { isoWithOffset } from './record';
import { sha256 } from './sha256';

export interface ApplyRequest {
  repo: string;
  file: string;
  stage: 'prepare' | 'commit';
  overrides?: PolicyInput;
  log?: GitLogger;
  /** From the hook shims: the working-log path (saves a git call) and the committing git's pid. */
  worklog?: string;
  gitPid?: string;
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
  problems: string[];
}

/** Where git keeps per-worktree state for us. */
export async function gitPaths(git: Git): Promise<{ gitDir: string; root: string }> {
  const out = await git.text(['rev-parse', '--absolute-git-dir', '--show-toplevel'], { okExitCodes: [128] });
  const [gitDir = '', root = ''] = out.split('\n');
  return { gitDir, root };
}

const EMPTY_SELECTION: Selection = { recorded: [], note: [], consumed: [], remaining: [] };

export async function applyPolicyToFile(req: ApplyRequest): Promise<ApplyResult> {
  const git = new Git(req.repo, req.log);
  const env = req.env ?? process.env;
  // Hooks run at the work-tree root and name the working log: then no rev-parse is needed.
  const known = req.worklog ? { gitDir: path.resolve(req.repo, req.worklog, '..', '..'), root: req.repo } : undefined;
  const [{ gitDir, root }, config] = await Promise.all([
    known ?? gitPaths(git),
    git.text(['config', '-z', '--get-regexp', '^(aiprovenance\\.|trailer\\.|core\\.commentchar$)'], { okExitCodes: [1] }),
  ]);
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
  const diff = entries.length > 0 || scanMarkers ? await readStagedDiff(git, DEFAULT_PATCH_CAP, origins.amendBase) : undefined;

  const selection = diff && entries.length
    ? selectBacked(entries.map((e) => ({ name: path.basename(e.file), entry: e.entry })), diff.files, digestSources(diff, root || req.repo))
    : EMPTY_SELECTION;
  const markers = diff && scanMarkers ? markerRecords(scanPatch(diff.patch)) : [];
  const recorded: RecordedTool[] = [
    ...selection.recorded,
    ...markerTools(markers),
    ...toolsOf(origins.notes, 'inherited'),
  ];
  const outcome = applyPolicy(message, recorded, policy.policy, {
    trailers: trailerConfig(config), stage: req.stage, inherited: origins.messages, restoreInherited: origins.squash,
  });
  if (outcome.action === 'rewritten') writeAtomically(req.file, Buffer.from(outcome.message, latin1 ? 'latin1' : 'utf8'));
  let notePrepared = false;
  if (req.stage === 'commit' && outcome.action !== 'reject' && gitDir) {
    const removals = removalRecords(outcome.decisions, policy.policy, req.now ?? new Date());
    notePrepared = preparePending(gitDir, selection, [...markers, ...removals], req.gitPid);
  }
  return { outcome, policy, selection, markers, origins, notePrepared, problems: log.problems };
}

/** Marker evidence for the policy: files as `path:line` so a rejection says where. */
export function markerTools(markers: readonly NoteRecord[]): RecordedTool[] {
  return markers.map((r) => ({
    tool: r.tool, models: [], origin: 'marker',
    files: r.files.flatMap((f) => (f.ranges?.length ? f.ranges.map(([a]) => `${f.path}:${a}`) : [f.path])),
  }));
}

/** Digests of added lines (computed once per file, on demand) and of what is still in the work tree. */
export function digestSources(diff: StagedDiff, root: string): Parameters<typeof selectBacked>[2] {
  const byPath = new Map(diff.files.map((f) => [f.path, f]));
  const cache = new Map<string, Map<number, string | undefined>>();
  return {
    addedDigest(file, line) {
      let digests = cache.get(file);
      if (!digests) {
        digests = new Map();
        for (const [n, bytes] of byPath.get(file)?.added ?? []) digests.set(n, lineDigest(utf8(bytes)));
        cache.set(file, digests);
      }
      return digests.get(line);
    },
    worktreeDigests(file) {
      try {
        const abs = path.join(root, file);
        if (statSync(abs).size > MAX_WORKTREE_BYTES) return undefined;
        return contentDigests(readFileSync(abs, 'utf8'));
      } catch {
        return undefined;
      }
    },
  };
}

const MAX_WORKTREE_BYTES = 2 * 1024 * 1024;

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

/**
 * The post-commit shim attaches `note.jsonl` to HEAD when it runs under the same `git commit`
 * process (`owner`, its pid) that ran commit-msg, then consumes the entries. Without a pid (a
 * manual run) nothing is prepared: post-commit then attributes evidence itself.
 */
export function preparePending(gitDir: string, selection: Selection, extra: readonly (NoteRecord | RemovalRecord)[], owner?: string): boolean {
  const dir = pendingDir(gitDir);
  rmSync(dir, { recursive: true, force: true });
  if ((selection.consumed.length === 0 && extra.length === 0) || !owner) return false;
  mkdirSync(path.join(dir, 'add'), { recursive: true });
  selection.remaining.forEach((entry: WorklogEntry, i) => {
    writeFileSync(path.join(dir, 'add', `${Date.now()}-${process.pid}-r${String(i).padStart(4, '0')}.json`), `${JSON.stringify(entry)}\n`);
  });
  writeFileSync(path.join(dir, 'note.jsonl'), noteText([...selection.note, ...extra]));
  writeFileSync(path.join(dir, 'consumed'), selection.consumed.map((n) => `${n}\n`).join(''));
  writeFileSync(path.join(dir, 'owner'), `${owner}\n`); // written last: the shim acts only on a complete pending dir
  return true;
}

export function pendingDir(gitDir: string): string {
  return path.join(gitDir, 'ai-provenance', 'pending');
}

export function hasWorklog(gitDir: string): boolean {
  const dir = worklogDir(gitDir);
  return existsSync(dir) && readdirSync(dir).some((f) => !f.startsWith('.'));
}
