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
}

export const TRAILER_KEYS: readonly TrailerKeyRow[] = [
  { id: 'key.assisted-by', example: 'Assisted-by: Claude:claude-3-opus coccinelle sparse', key: /^assisted-by$/i, value: 'agent', tool: 'unknown-ai', confidence: 'high', certainty: 'C',
    source: 'Linux Documentation/process/coding-assistants.rst; Fedora AI policy; llvm/docs/AIToolPolicy.md' },
  { id: 'key.generated-by', example: 'Generated-by: Claude Code (Claude Opus 4.6)', key: /^generated-by$/i, value: 'agent', tool: 'unknown-ai', confidence: 'high', certainty: 'C',
    source: 'ASF Generative Tooling guidance; OpenInfra AI policy; apache/airflow PR #63469' },
  { id: 'key.synthesized-by', example: 'Synthesized-By: Gemini 2.5 Pro', key: /^synthesized-by$/i, value: 'agent', tool: 'unknown-ai', confidence: 'high',
    certainty: 'C', source: 'OpenInfra AI policy (proposed)' },
  { id: 'key.co-authored-by-ai', example: 'Co-authored-by-AI: Cursor (claude-4-sonnet)', key: /^co-authored-by-ai$/i, value: 'agent', tool: 'unknown-ai', confidence: 'high',
    certainty: 'C', source: 'Open Liberty GENAI_GUIDELINES.md' },
  { id: 'key.ai-assisted', example: 'AI-Assisted: true', key: /^ai-assisted$/i, value: 'flag', tool: 'unknown-ai', confidence: 'medium', certainty: 'C',
    source: 'gmail-processor convention (ai-signatures.md a.2 ad-hoc keys)' },
  { id: 'key.ai-tool', example: 'AI-Tool: Claude Code', key: /^ai-(?:tool|agent)$/i, value: 'agent', tool: 'unknown-ai', confidence: 'high', certainty: 'C',
    source: 'gmail-processor; ai-trailers (a.2 ad-hoc keys)' },
  { id: 'key.ai-model', example: 'AI-Model: gpt-4o', key: /^ai-model$/i, value: 'model', tool: 'unknown-ai', confidence: 'medium', certainty: 'C',
    source: 'gmail-processor; whogitit (a.2 ad-hoc keys)' },
  { id: 'key.ai-session', example: 'AI-Session: https://example.com/s/1', key: /^ai-(?:session|prompt|lines)$/i, value: 'fixed', tool: 'unknown-ai', confidence: 'medium',
    certainty: 'C', session: true, source: 'whogitit crate; ai-trailers (a.2 ad-hoc keys)' },
  { id: 'key.ai-used-for', example: 'AI-Used-For: test scaffolding', key: /^ai-used-for$/i, value: 'fixed', tool: 'unknown-ai', confidence: 'medium', certainty: 'C',
    source: 'QEMU code-provenance v2 discussion (qemu-devel 2026-05)' },
  { id: 'cursor.made-with', example: 'Made-with: Cursor', key: /^made-with$/i, value: 'agent', tool: 'unknown-ai', confidence: 'high', certainty: 'P',
    source: 'superdurable/dex PR #310 (Made-with: Cursor)' },
  { id: 'claude.session', example: 'Claude-Session: https://claude.ai/code/session_01AbCd', key: /^claude-session$/i, value: 'fixed', tool: 'claude', confidence: 'medium', certainty: 'P',
    valuePattern: /^https:\/\/claude\.ai\/code\/session_[A-Za-z0-9]+/, session: true,
    source: 'anthropics/claude-code#77830 (v2.1.210); ivankovic/codediff v0.0.4' },
  { id: 'claude.workflow', example: 'Claude-Workflow: review', key: /^claude-workflow$/i, value: 'fixed', tool: 'claude', confidence: 'low', certainty: 'U',
    source: 'commit-check ai_signatures_data.py' },
  { id: 'codex.session', example: 'Codex-Session: https://chatgpt.com/codex/tasks/task_e_1', key: /^codex-session$/i, value: 'fixed', tool: 'codex', confidence: 'medium', certainty: 'U',
    session: true, source: 'git-ai src/authorship/attribution_recovery.rs' },
  { id: 'cursor.session', example: 'Cursor-Session: bc-1234', key: /^cursor-session$/i, value: 'fixed', tool: 'cursor', confidence: 'medium', certainty: 'U',
    session: true, source: 'git-ai src/authorship/attribution_recovery.rs' },
  { id: 'amp.thread', example: 'Amp-Thread-ID: https://ampcode.com/threads/T-0198f1d2-7c3b-7a11-9c7e-2b7e2f3c4d5e', key: /^amp-thread-id$/i, value: 'fixed', tool: 'amp', confidence: 'medium', certainty: 'P',
    valuePattern: /^https:\/\/ampcode\.com\/threads\/T-[0-9a-f-]{36}/, session: true,
    source: 'ghostty-org/ghostty commit 3ee8ef4; Amp backport note' },
  { id: 'replit.author', example: 'Replit-Commit-Author: Agent', key: /^replit-commit-author$/i, value: 'fixed', tool: 'replit', confidence: 'medium', certainty: 'E',
    valuePattern: /^(?:Agent|Assistant)\b/, source: 'chaoss/disclosure ReplitAttributionRegex' },
  { id: 'replit.session', example: 'Replit-Commit-Session-Id: 2b9d4c1e-0000-4000-8000-000000000000', key: /^replit-commit-session-id$/i, value: 'fixed', tool: 'replit', confidence: 'medium',
    certainty: 'E', session: true, source: 'chaoss/disclosure ReplitAttributionRegex' },
  { id: 'entire.trailer', example: 'Entire-Checkpoint: 9f86d081', key: /^entire-(?:metadata|metadata-task|strategy|session|condensation|source-ref|checkpoint|agent)$/i,
    value: 'fixed', tool: 'entire', confidence: 'high', certainty: 'E', source: 'chaoss/disclosure EntireIOTrailers' },
];

/** Keys whose value is an identity `Name <email>`: match the identity, never the bare name. */
export const IDENTITY_KEYS: readonly RegExp[] = [/^co-authored-by$/i];
