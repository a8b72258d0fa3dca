// Plain data shared by every layer: commits as read from git, evidence, per-commit audits.
// Pure: no I/O, no `node:*`, no `vscode`.
/** Canonical tool ids. The order here is the documented order; reports sort ids alphabetically. */
export const TOOL_IDS = [
  'copilot', 'claude', 'aider', 'cursor', 'codex', 'gemini', 'jules', 'devin', 'amazon-q', 'windsurf',
  'cline', 'roo', 'amp', 'openhands', 'opencode', 'qwen', 'continue', 'cody', 'junie', 'tabnine',
  'replit', 'entire', 'goose', 'warp', 'sisyphus', 'pi', 'codebuff', 'coderabbit', 'qodo', 'unknown-ai',
] as const;
export type ToolId = (typeof TOOL_IDS)[number];

export const EVIDENCE_KINDS = ['trailer', 'author', 'committer', 'message', 'diff', 'note', 'branch'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/**
 * What an evidence says the AI wrote: `code` (the changes) or only the `message` (aider's `(aider)`
 * on the committer alone: aider committed changes already in the work tree with a message it wrote).
 */
export const EVIDENCE_SCOPES = ['code', 'message'] as const;
export type EvidenceScope = (typeof EVIDENCE_SCOPES)[number];

/**
 * How autonomously an agent made a commit, strongest evidence first: a line-level record (notes,
 * Agent Trace), an agent account as author, an agent footer or agent committer, a co-author (or
 * other attribution) trailer only. See core/detect/autonomy.ts (and its SPDX 3.1 isoAutomationLevel map).
 */
export const AUTONOMY_TIERS = ['line-level', 'agent-authored', 'agent-committed', 'co-authored'] as const;
export type Autonomy = (typeof AUTONOMY_TIERS)[number];

export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const VERDICTS = ['assisted', 'unverified', 'none'] as const;
export type Verdict = (typeof VERDICTS)[number];

/**
 * How an attribution line came to be in a commit message (the hooks decide per class):
 * `self-attested` — written by the agent or tool about its own work (every catalog row but one);
 * `editor-added` — VS Code's sticky `Co-authored-by: Copilot <copilot@github.com>`;
 * `recorded` — evidence in the working log (or a code marker) that the message does not disclose yet;
 * `inherited` — the line was on the commit being amended, reworded, squashed or cherry-picked.
 */
export const ATTRIBUTION_CLASSES = ['self-attested', 'editor-added', 'recorded', 'inherited'] as const;
export type AttributionClass = (typeof ATTRIBUTION_CLASSES)[number];

/** Policy modes (their meaning: policy/policySchema.ts MODE_DESCRIPTIONS); here because removal records name them. */
export const MODES = ['keep', 'strip', 'evidence', 'require', 'forbid'] as const;
export type Mode = (typeof MODES)[number];

/** What a hook did with an attribution line it did not keep as it was. */
export const REMOVAL_ACTIONS = ['removed', 'replaced', 'kept'] as const;
export type RemovalAction = (typeof REMOVAL_ACTIONS)[number];

/**
 * An attribution line a hook removed (or replaced, or had to keep because removing it would have
 * left an empty message), as recorded in the commit's provenance note. Not evidence: a commit
 * whose only attribution was removed has the verdict `none`, with this record beside it.
 */
export interface RemovedAttribution {
  line: string;
  action: RemovalAction;
  reason: string;
  /** The policy mode that decided. */
  mode: Mode;
  tool: ToolId;
  class: AttributionClass;
  replacedBy?: string[];
  /** `sha256:<hex>` of the effective policy. */
  policy: string;
  time: string;
}

/** Where a diff marker or a recorded line range was seen. Lines are 1-based, in the commit's version. */
export interface EvidenceLocation {
  file: string;
  line?: number;
  endLine?: number;
}

export interface Evidence {
  kind: EvidenceKind;
  tool: ToolId;
  model?: string;
  confidence: Confidence;
  /** The line or identity seen, verbatim (trimmed). */
  detail: string;
  /** Id of the catalog row (or note reader) that produced it. */
  signature: string;
  /** VS Code's per-file, sticky `Co-authored-by: Copilot <copilot@github.com>`: proves little on its own. */
  sticky?: boolean;
  session?: string;
  locations?: EvidenceLocation[];
  /** Set on every evidence of an audit (buildAudit defaults it to `code`). */
  scope?: EvidenceScope;
}

export interface Identity {
  name: string;
  email: string;
}

/** A commit as read from `git log`, before classification. */
export interface CommitRecord {
  sha: string;
  parents: string[];
  author: Identity;
  /** Strict ISO 8601 with the author's offset, as git's %aI. */
  authorDate: string;
  committer: Identity;
  committerDate: string;
  /** Committer time in seconds since the epoch (git's walk order key). */
  committerTime: number;
  message: string;
  /** Set when the raw message (or an identity) was not valid UTF-8: strings hold one char per byte. */
  encoding?: 'latin1';
}

/** The audit of one commit: what every report and view consumes. */
export interface CommitAudit {
  sha: string;
  parents: string[];
  author: Identity;
  committer: Identity;
  /** Author date, strict ISO 8601. */
  date: string;
  committerDate: string;
  subject: string;
  assisted: boolean;
  verdict: Verdict;
  tools: ToolId[];
  models: string[];
  evidence: Evidence[];
  encoding?: 'latin1';
  /** The patch was longer than the per-commit byte cap; only its beginning was scanned. */
  diffTruncated?: boolean;
  /** Diff markers were looked for (false when --no-diffs or for a merge without --scan-merges). */
  diffScanned?: boolean;
  /** The strongest autonomy tier of the commit's evidence (absent without AI evidence). */
  autonomy?: Autonomy;
  /** The commit changes nothing (its tree is its first parent's): known when its patch was read. */
  empty?: true;
  /** Attribution lines the hooks removed from this commit's message (its provenance note says so). */
  removed?: RemovedAttribution[];
}

export function isToolId(value: string): value is ToolId {
  return (TOOL_IDS as readonly string[]).includes(value);
}

/** Aggregates over an audited range; deterministic (no clock). */
export interface AuditSummary {
  commits: number;
  assisted: number;
  unverified: number;
  none: number;
  /** assisted / commits, 0 when there are no commits. */
  assistedShare: number;
  /** Commits naming each tool, sorted by count desc, then id. */
  tools: { tool: ToolId; commits: number }[];
  models: { model: string; commits: number }[];
  authors: { name: string; email: string; commits: number; assisted: number; unverified: number }[];
  evidenceKinds: Record<EvidenceKind, number>;
  /** Assisted commits whose AI evidence is message-scope only (the AI wrote the message, not the code). */
  messageOnly: number;
  /** Commits that change nothing (`empty`), whatever their verdict. */
  empty: number;
  /** Assisted commits per autonomy tier. */
  autonomy: Record<Autonomy, number>;
  /** Earliest and latest author dates seen (ISO), absent when there are no commits. */
  firstDate?: string;
  lastDate?: string;
}

/** What was audited: echoed in reports so a reader can reproduce the run. */
export interface AuditQuery {
  revs: string[];
  all: boolean;
  maxCount?: number;
  since?: string;
  until?: string;
  paths: string[];
  diffs: boolean;
}

export interface ReportMeta {
  schemaVersion: 1;
  generator: { name: 'ai-provenance'; version: string; engine: number; catalog: number };
  /** `id`: the remote URL without credentials, else the folder name — never the machine's path. */
  repository: { id: string; head?: string; shallow: boolean };
  query: AuditQuery;
}
