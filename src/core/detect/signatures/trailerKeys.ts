// AI-specific trailer keys (`Assisted-by`, `Generated-by`, …) and how their values are read, plus
// the keys whose value is an identity.
import type { Row } from './rows';

/** How a value under an AI-specific key is read. */
export type ValueKind =
  | 'agent' // `AGENT:MODEL [TOOL…]`, `Tool (model)`, a tool name, or a model (kernel, Fedora, LLVM, ASF forms)
  | 'model' // a model id; the tool is its vendor family
  | 'flag' // yes/true → unknown-ai; no/false → nothing; anything else is read as 'agent'
  | 'fixed'; // the key alone names the tool (`tool` of the row)

export interface TrailerKeyRow extends Row {
  /** A real line this row recognises (tested). */
  example: string;
  /** Key pattern, matched case-insensitively against the whole key. */
  key: RegExp;
  value: ValueKind;
  /** For 'fixed' rows: a value shape that raises confidence to high (e.g. a session URL). */
  valuePattern?: RegExp;
  /** The value is a session URL worth keeping. */
  session?: boolean;
  /**
   * The key is also used by people and non-AI tools (`Assisted-by`, `Generated-by`, `Made-with`): a
   * value that names no known AI tool or model and has no address (`Assisted-by: Waldek Maleska`)
   * is not AI evidence. AI-specific keys (`AI-Tool`, `Co-authored-by-AI`) read any value as AI.
   */
  generic?: boolean;
  /** For 'fixed' rows: only a value matching `valuePattern` is evidence (`Replit-Commit-Author: Agent`). */
  valueRequired?: boolean;
  /** A sibling trailer whose value is this row's session (`Replit-Commit-Session-Id`); it raises confidence to high. */
  sessionKey?: RegExp;
}

export const TRAILER_KEYS: readonly TrailerKeyRow[] = [
  { id: 'key.assisted-by', example: 'Assisted-by: Claude:claude-3-opus coccinelle sparse', key: /^assisted-by$/i, value: 'agent', generic: true, tool: 'unknown-ai', confidence: 'high', certainty: 'C',
    source: 'Linux Documentation/process/coding-assistants.rst; Fedora AI policy; llvm/docs/AIToolPolicy.md' },
  { id: 'key.generated-by', example: 'Generated-by: Claude Code (Claude Opus 4.6)', key: /^generated-by$/i, value: 'agent', generic: true, tool: 'unknown-ai', confidence: 'high', certainty: 'C',
    source: 'ASF Generative Tooling guidance; OpenInfra AI policy; apache/airflow PR #63469' },
  { id: 'key.synthesized-by', example: 'Synthesized-By: Gemini 2.5 Pro', key: /^synthesized-by$/i, value: 'agent', tool: 'unknown-ai', confidence: 'high',
    certainty: 'C', source: 'OpenInfra AI policy (proposed)' },
  { id: 'key.co-authored-by-ai', example: 'Co-authored-by-AI: Cursor (claude-4-sonnet)', key: /^co-authored-by-ai$/i, value: 'agent', tool: 'unknown-ai', confidence: 'high',
    certainty: 'C', source: 'Open Liberty GENAI_GUIDELINES.md' },
  { id: 'key.ai-assisted', example: 'Ai-assisted: true', key: /^ai-assisted$/i, value: 'flag', tool: 'unknown-ai', confidence: 'medium', certainty: 'C',
    source: 'block/aittributor src/main.rs append_trailers "Ai-assisted: true"; gmail-processor convention (ai-signatures.md a.2)' },
  { id: 'key.ai-tool', example: 'AI-Tool: Claude Code', key: /^ai-(?:tool|agent)$/i, value: 'agent', tool: 'unknown-ai', confidence: 'high', certainty: 'C',
    source: 'gmail-processor; ai-trailers (a.2 ad-hoc keys)' },
  { id: 'key.ai-model', example: 'AI-Model: gpt-4o', key: /^ai-model$/i, value: 'model', tool: 'unknown-ai', confidence: 'medium', certainty: 'C',
    source: 'gmail-processor; whogitit (a.2 ad-hoc keys)' },
  { id: 'key.ai-session', example: 'AI-Session: https://example.com/s/1', key: /^ai-(?:session|prompt|lines)$/i, value: 'fixed', tool: 'unknown-ai', confidence: 'medium',
    certainty: 'C', session: true, source: 'whogitit crate; ai-trailers (a.2 ad-hoc keys)' },
  { id: 'key.ai-used-for', example: 'AI-Used-For: test scaffolding', key: /^ai-used-for$/i, value: 'fixed', tool: 'unknown-ai', confidence: 'medium', certainty: 'C',
    source: 'QEMU code-provenance v2 discussion (qemu-devel 2026-05)' },
  { id: 'cursor.made-with', example: 'Made-with: Cursor', key: /^made-with$/i, value: 'agent', generic: true, tool: 'unknown-ai', confidence: 'high', certainty: 'P',
    source: 'superdurable/dex PR #310 (Made-with: Cursor)' },
  { id: 'claude.session', example: 'Claude-Session: https://claude.ai/code/session_01AbCd', key: /^claude-session$/i, value: 'fixed', tool: 'claude', confidence: 'medium', certainty: 'P',
    valuePattern: /^https:\/\/claude\.ai\/code\/session_[A-Za-z0-9]+/, session: true,
    source: 'anthropics/claude-code#77830 (v2.1.210); ivankovic/codediff v0.0.4' },
  { id: 'claude.generated-by', example: 'Claude-Generated-By: Claude Code (cli=92%)', key: /^claude-generated-by$/i, value: 'fixed', tool: 'claude', confidence: 'high', certainty: 'E',
    source: 'Claude Code 2.1.1x attribution hook "Claude-Generated-By: Claude Code (<surface>=<n>%)" (removed in v2.1.20; bundle diffs quoted in third-party changelogs)' },
  { id: 'claude.session-stats', example: 'Claude-Steers: 3', key: /^claude-(?:steers|permission-prompts|escapes)$/i, value: 'fixed', tool: 'claude', confidence: 'medium', certainty: 'E',
    source: 'Claude Code 2.1.1x attribution hook trailers Claude-Steers / Claude-Permission-Prompts / Claude-Escapes (removed in v2.1.20)' },
  { id: 'claude.workflow', example: 'Claude-Workflow: review', key: /^claude-workflow$/i, value: 'fixed', tool: 'claude', confidence: 'low', certainty: 'U',
    source: 'commit-check ai_signatures_data.py' },
  { id: 'codex.session', example: 'Codex-Session: https://chatgpt.com/codex/tasks/task_e_1', key: /^codex-session$/i, value: 'fixed', tool: 'codex', confidence: 'medium', certainty: 'U',
    session: true, source: 'git-ai src/authorship/attribution_recovery.rs' },
  { id: 'cursor.session', example: 'Cursor-Session: bc-1234', key: /^cursor-session$/i, value: 'fixed', tool: 'cursor', confidence: 'medium', certainty: 'U',
    session: true, source: 'git-ai src/authorship/attribution_recovery.rs' },
  { id: 'amp.thread', example: 'Amp-Thread-ID: https://ampcode.com/threads/T-0198f1d2-7c3b-7a11-9c7e-2b7e2f3c4d5e', key: /^amp-thread-id$/i, value: 'fixed', tool: 'amp', confidence: 'medium', certainty: 'P',
    valuePattern: /^https:\/\/ampcode\.com\/threads\/T-[0-9a-f-]{36}/, session: true,
    source: 'ghostty-org/ghostty commit 3ee8ef4; Amp backport note' },
  // Replit-Commit-* counts only with an Agent/Assistant author; the session id raises it (chaoss/disclosure tests).
  { id: 'replit.author', example: 'Replit-Commit-Author: Agent', key: /^replit-commit-author$/i, value: 'fixed', tool: 'replit', confidence: 'medium', certainty: 'E',
    valuePattern: /^(?:Agent|Assistant)$/, valueRequired: true, sessionKey: /^replit-commit-session-id$/i,
    source: 'chaoss/disclosure detection/constants.go ReplitAttributionRegex; trailer_test.go (other products and mentions are not AI)' },
  { id: 'entire.trailer', example: 'Entire-Checkpoint: 9f86d081', key: /^entire-(?:metadata|metadata-task|strategy|session|condensation|source-ref|checkpoint|agent)$/i,
    value: 'fixed', tool: 'entire', confidence: 'high', certainty: 'E', source: 'chaoss/disclosure EntireIOTrailers; docs.entire.io/cli/checkpoints' },
  { id: 'entire.other', example: 'Entire-Checkpoint-Id: 0b1c2d3e', key: /^entire-[a-z0-9][a-z0-9-]*$/i, value: 'fixed', tool: 'entire', confidence: 'medium', certainty: 'U',
    source: 'the Entire CLI key family Entire-* beyond the eight chaoss/disclosure lists (issue 12, section (e)); no other key seen in its source' },
];

/** Keys whose value is an identity `Name <email>`: match the identity, never the bare name. */
export const IDENTITY_KEYS: readonly RegExp[] = [/^co-authored-by$/i];
