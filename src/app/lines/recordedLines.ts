// Line-level records as ranges (core/lines/recordedIndex): our provenance notes, git-ai
// authorship logs and Agent Trace records, read the way loadNoteEvidence reads them — one
// for-each-ref, one `notes list` per ref, one `cat-file --batch` — but with every range kept (the
// evidence of an audit keeps at most 50 locations). Records are added in a fixed order (ours,
// git-ai, Agent Trace): where two cover the same line, the first one names it. Problems are
// reported, never thrown.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseTraces } from '../../core/evidence/agentTrace';
import { GIT_AI_NOTES_REF, NOTES_REF, parseNote } from '../../core/evidence/evidenceSchema';
import { parseGitAiNote } from '../../core/evidence/gitAiNote';
import {
  RecordedIndex, rangesFromGitAiNote, rangesFromProvenanceRecords, rangesFromTraceRecord, type RecordedFile,
} from '../../core/lines/recordedIndex';
import { AGENT_TRACE_FILE } from '../../core/evidence/noteEvidence';
import type { Git } from '../../git/exec';
import { existingRefs, listNotes, readBlobs, resolveCommitPrefixes } from '../../git/notes';
import type { RepositoryInfo } from '../../git/repo';
import { MAX_PROBLEMS } from '../audit/provenanceNotes';

export interface RecordedLines {
  index: RecordedIndex;
  problems: string[];
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Every line-level record of the repository, or with `only` those of these commits. */
export async function loadRecordedLines(git: Git, info: RepositoryInfo, only?: ReadonlySet<string>): Promise<RecordedLines> {
  const problems: string[] = [];
  const problem = (p: string): void => void (problems.length < MAX_PROBLEMS && problems.push(p));
  const [notes, traces] = await Promise.all([readNotes(git, only, problem), readTraces(git, info, only, problem)]);
  const index = new RecordedIndex();
  for (const [sha, files] of notes) index.add(sha, files);
  for (const [sha, files] of traces) index.add(sha, files);
  return { index, problems };
}

type BySha = Map<string, RecordedFile[]>;

function push(map: BySha, sha: string, files: RecordedFile[]): void {
  if (!files.length) return;
  const list = map.get(sha);
  if (list) list.push(...files);
  else map.set(sha, files);
}

async function readNotes(git: Git, only: ReadonlySet<string> | undefined, problem: (p: string) => void): Promise<BySha> {
  const out: BySha = new Map();
  try {
    const refs = await existingRefs(git, [NOTES_REF, GIT_AI_NOTES_REF]);
    const lists = await Promise.all([NOTES_REF, GIT_AI_NOTES_REF].filter((r) => refs.has(r)).map(async (ref) => {
      const all = await listNotes(git, ref);
      return { ref, notes: only ? [...all].filter(([sha]) => only.has(sha)) : [...all] };
    }));
    const blobs = await readBlobs(git, lists.flatMap((l) => l.notes.map(([, blob]) => blob)));
    for (const { ref, notes } of lists) {
      for (const [sha, blob] of notes) {
        const data = blobs.get(blob);
        if (!data) continue; // loadNoteEvidence reports missing blobs
        if (ref === NOTES_REF) push(out, sha, rangesFromProvenanceRecords(parseNote(data.toString('utf8')).records));
        else {
          const parsed = parseGitAiNote(data.toString('utf8'));
          if (parsed.note) push(out, sha, rangesFromGitAiNote(parsed.note));
        }
      }
    }
  } catch (e) {
    problem(`notes: could not read line ranges: ${message(e)}`);
  }
  return out;
}

async function readTraces(git: Git, info: RepositoryInfo, only: ReadonlySet<string> | undefined, problem: (p: string) => void): Promise<BySha> {
  const out: BySha = new Map();
  if (!info.root) return out;
  let text: string;
  try {
    text = await readFile(path.join(info.root, AGENT_TRACE_FILE), 'utf8');
  } catch {
    return out; // absent, or reported by loadNoteEvidence
  }
  const pending: { revision: string; files: RecordedFile[] }[] = [];
  for (const { record } of parseTraces(text).records) {
    const files = rangesFromTraceRecord(record);
    const revision = record.vcs?.type === 'git' ? record.vcs.revision.trim().toLowerCase() : '';
    if (!files.length || !/^[0-9a-f]{4,64}$/.test(revision)) continue;
    if (/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(revision)) {
      if (!only || only.has(revision)) push(out, revision, files);
    } else pending.push({ revision, files });
  }
  if (!pending.length) return out;
  try {
    const resolved = await resolveCommitPrefixes(git, pending.map((p) => p.revision));
    for (const p of pending) {
      const sha = resolved.get(p.revision);
      if (sha && (!only || only.has(sha))) push(out, sha, p.files);
    }
  } catch (e) {
    problem(`${AGENT_TRACE_FILE}: could not resolve abbreviated revisions: ${message(e)}`);
  }
  return out;
}
