// Recorded evidence for an audit, read once up front: our notes (refs/notes/ai-provenance),
// git-ai's authorship logs (refs/notes/ai), the notes of other tools whose format is public
// (core/evidence/peerNotes.ts: Qwen Code's refs/notes/ai-attribution, whogitit, Agent Blame, Agent Trace
// notes) and Agent Trace records in the work tree (.agent-trace/traces.jsonl). A repository
// without any costs one git call (for-each-ref);
// with notes, one `notes list` per ref and one `cat-file --batch` for every blob. Malformed
// input is reported in `problems`, never thrown.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { GIT_AI_NOTES_REF, NOTES_REF, parseNote } from '../../core/evidence/evidenceSchema';
import { parseGitAiNote } from '../../core/evidence/gitAiNote';
import { parseTraces } from '../../core/evidence/agentTrace';
import { PEER_NOTE_READERS } from '../../core/evidence/peerNotes';
import type { Evidence, RemovedAttribution } from '../../core/model';
import {
  AGENT_TRACE_FILE, evidenceFromGitAiNote, evidenceFromProvenanceRecords, evidenceFromTraceRecord, removedFromRecords,
} from '../../core/evidence/noteEvidence';
import type { Git } from '../../git/exec';
import { existingRefs, listNotes, readBlobs, resolveCommitPrefixes } from '../../git/notes';
import type { RepositoryInfo } from '../../git/repo';

export interface NoteEvidence {
  bySha: Map<string, Evidence[]>;
  /** Attribution lines the hooks removed, per commit (removal records of our notes). */
  removedBySha: Map<string, RemovedAttribution[]>;
  problems: string[];
}

/** Problems kept in full; the rest are counted in one last line. */
export const MAX_PROBLEMS = 100;

const FULL_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

class Collector {
  readonly bySha = new Map<string, Evidence[]>();
  readonly removedBySha = new Map<string, RemovedAttribution[]>();
  private readonly problems: string[] = [];
  private dropped = 0;

  constructor(private readonly only?: ReadonlySet<string>) {}

  add(sha: string, evidence: readonly Evidence[]): void {
    if (!evidence.length || (this.only && !this.only.has(sha))) return;
    const list = this.bySha.get(sha);
    if (list) list.push(...evidence);
    else this.bySha.set(sha, [...evidence]);
  }

  addRemoved(sha: string, removed: readonly RemovedAttribution[]): void {
    if (!removed.length || (this.only && !this.only.has(sha))) return;
    const list = this.removedBySha.get(sha);
    if (list) list.push(...removed);
    else this.removedBySha.set(sha, [...removed]);
  }

  problem(text: string): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(text);
    else this.dropped++;
  }

  merge(other: Collector): this {
    for (const [sha, evidence] of other.bySha) this.add(sha, evidence);
    for (const [sha, removed] of other.removedBySha) this.addRemoved(sha, removed);
    for (const p of other.problems) this.problem(p);
    this.dropped += other.dropped;
    return this;
  }

  result(): NoteEvidence {
    const problems = this.dropped ? [...this.problems, `… and ${this.dropped} more problems`] : this.problems;
    return { bySha: this.bySha, removedBySha: this.removedBySha, problems };
  }
}

const short = (sha: string): string => sha.slice(0, 7);

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** All recorded evidence, or with `only` the evidence of those commits (their note blobs alone are read). */
export async function loadNoteEvidence(git: Git, info: RepositoryInfo, only?: ReadonlySet<string>): Promise<NoteEvidence> {
  // Separate collectors, merged in a fixed order: evidence order must not depend on timing.
  const notes = new Collector(only);
  const traces = new Collector(only);
  await Promise.all([loadNotes(git, notes, only), loadTraces(git, info, traces)]);
  return notes.merge(traces).result();
}

async function loadNotes(git: Git, out: Collector, only?: ReadonlySet<string>): Promise<void> {
  let refs: Set<string>;
  const all = [NOTES_REF, GIT_AI_NOTES_REF, ...PEER_NOTE_READERS.map((r) => r.ref)];
  try {
    refs = await existingRefs(git, all);
  } catch (e) {
    out.problem(`notes: could not list notes refs: ${errorText(e)}`);
    return;
  }
  if (!refs.size) return;
  // Our notes first, then git-ai's, then the peers': a fixed order whatever for-each-ref prints.
  const lists = await Promise.all(all.filter((r) => refs.has(r)).map(async (ref) => {
    try {
      const all = await listNotes(git, ref);
      return { ref, notes: only ? new Map([...all].filter(([sha]) => only.has(sha))) : all };
    } catch (e) {
      out.problem(`${ref}: could not list notes: ${errorText(e)}`);
      return { ref, notes: new Map<string, string>() };
    }
  }));
  let blobs: Map<string, Buffer>;
  try {
    blobs = await readBlobs(git, lists.flatMap((l) => [...l.notes.values()]));
  } catch (e) {
    out.problem(`notes: could not read notes: ${errorText(e)}`);
    return;
  }
  for (const { ref, notes } of lists) {
    for (const [sha, blob] of notes) {
      const data = blobs.get(blob);
      if (!data) {
        out.problem(`${ref}: note on ${short(sha)}: note blob ${short(blob)} is missing`);
        continue;
      }
      const text = data.toString('utf8');
      const peer = PEER_NOTE_READERS.find((r) => r.ref === ref);
      if (ref === NOTES_REF) {
        const parsed = parseNote(text);
        for (const p of parsed.problems) out.problem(`${ref}: note on ${short(sha)} ${p}`);
        out.add(sha, evidenceFromProvenanceRecords(parsed.records));
        out.addRemoved(sha, removedFromRecords(parsed.removals));
      } else if (peer) {
        const parsed = peer.read(text);
        for (const p of parsed.problems) out.problem(`${ref}: note on ${short(sha)}: ${p}`);
        out.add(sha, parsed.evidence);
      } else {
        const parsed = parseGitAiNote(text);
        for (const p of parsed.problems) out.problem(`${ref}: note on ${short(sha)}: ${p}`);
        if (parsed.note) out.add(sha, evidenceFromGitAiNote(parsed.note));
      }
    }
  }
}

async function loadTraces(git: Git, info: RepositoryInfo, out: Collector): Promise<void> {
  if (!info.root) return;
  let text: string;
  try {
    text = await readFile(path.join(info.root, AGENT_TRACE_FILE), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') out.problem(`${AGENT_TRACE_FILE}: could not read: ${errorText(e)}`);
    return;
  }
  const parsed = parseTraces(text);
  for (const p of parsed.problems) out.problem(`${AGENT_TRACE_FILE} ${p}`);

  const pending: { line: number; revision: string; evidence: Evidence[] }[] = [];
  for (const { line, record } of parsed.records) {
    const evidence = evidenceFromTraceRecord(record);
    if (!evidence.length) continue; // only human/unknown ranges: nothing to attribute
    const revision = record.vcs?.revision.trim().toLowerCase() ?? '';
    if (!record.vcs || record.vcs.type !== 'git') {
      out.problem(`${AGENT_TRACE_FILE} line ${line}: ${record.vcs ? `vcs.type ${record.vcs.type} is not git` : 'no vcs.revision'}: not attributed to a commit`);
    } else if (FULL_SHA.test(revision)) {
      out.add(revision, evidence);
    } else if (/^[0-9a-f]{4,63}$/.test(revision)) {
      pending.push({ line, revision, evidence });
    } else {
      out.problem(`${AGENT_TRACE_FILE} line ${line}: vcs.revision ${JSON.stringify(record.vcs.revision.slice(0, 80))} is not a commit id`);
    }
  }
  if (!pending.length) return;
  let resolved: Map<string, string>;
  try {
    resolved = await resolveCommitPrefixes(git, pending.map((p) => p.revision));
  } catch (e) {
    out.problem(`${AGENT_TRACE_FILE}: could not resolve abbreviated revisions: ${errorText(e)}`);
    return;
  }
  for (const p of pending) {
    const sha = resolved.get(p.revision);
    if (sha) out.add(sha, p.evidence);
    else out.problem(`${AGENT_TRACE_FILE} line ${p.line}: vcs.revision ${p.revision} names no single commit`);
  }
}
