// The provenance class of one line of code as it stands in a tree, from the commit `git blame`
// names for it and the line-level records of that commit. Pure.
//   recorded        a line-level record (our note, git-ai, Agent Trace) of the blamed commit covers
//                   the line at its number in that commit
//   assistedCommit  the blamed commit is AI-assisted, and no record covers the line
//   unverified      the blamed commit's only AI evidence is VS Code's sticky Copilot trailer
//   none            the blamed commit has no AI evidence — not "human-written": nobody attests that
//   unknown         the blamed commit is a shallow clone's boundary: the line may be older
import type { ToolId, Verdict } from '../model';

export const LINE_CLASSES = ['recorded', 'assistedCommit', 'unverified', 'none', 'unknown'] as const;
export type LineClass = (typeof LINE_CLASSES)[number];

export interface LineCounts {
  total: number;
  recorded: number;
  assistedCommit: number;
  unverified: number;
  none: number;
  unknown: number;
}

export function emptyCounts(): LineCounts {
  return { total: 0, recorded: 0, assistedCommit: 0, unverified: 0, none: 0, unknown: 0 };
}

export function addCounts(into: LineCounts, from: LineCounts): LineCounts {
  into.total += from.total;
  into.recorded += from.recorded;
  into.assistedCommit += from.assistedCommit;
  into.unverified += from.unverified;
  into.none += from.none;
  into.unknown += from.unknown;
  return into;
}

export function countLines(into: LineCounts, cls: LineClass, n: number): void {
  into.total += n;
  into[cls] += n;
}

/** Lines last changed by AI-assisted commits (recorded or not), as a share of all lines (0..1). */
export function aiShare(c: LineCounts): number {
  return c.total > 0 ? (c.recorded + c.assistedCommit) / c.total : 0;
}

/** Lines a line-level record attributes to AI, as a share of all lines (0..1). */
export function recordedShare(c: LineCounts): number {
  return c.total > 0 ? c.recorded / c.total : 0;
}

/** What the lines need to know about the commit blame names. */
export interface CommitFacts {
  verdict: Verdict;
  tools: ToolId[];
  models: string[];
  /** How autonomously the AI worked, when the audit says (newer engines). */
  autonomy?: string;
  subject: string;
  author: { name: string; email: string };
  /** Author date, ISO 8601. */
  date: string;
}

/** The class of lines blamed on a commit with these facts and no line-level record. */
export function commitLineClass(facts: CommitFacts | undefined, boundary: boolean): LineClass {
  if (boundary) return 'unknown';
  if (!facts) return 'unknown';
  if (facts.verdict === 'assisted') return 'assistedCommit';
  return facts.verdict === 'unverified' ? 'unverified' : 'none';
}

/** The all-zero object id git blame uses for lines not committed yet (`--contents`). */
export function isUncommitted(sha: string): boolean {
  return /^0+$/.test(sha);
}
