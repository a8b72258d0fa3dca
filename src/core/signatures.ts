// The catalog of AI signatures, as data. Adding a tool is adding a row (with its source), never
// new control flow. Rows follow ../shared/reference/ai-signatures.md (tables a.1, a.2, a.3);
// certainty codes: E explicit, P prompt-driven, B platform identity, C convention, U unverified.
// Identity first: e-mail addresses and GitHub numeric bot ids; names count only under an
// AI-specific trailer key or beside an AI-specific address.
import type { Confidence, ToolId } from './model';

/** Bump when any row changes: cached audits from an older catalog are discarded. */
export const CATALOG_VERSION = 2;

export type Certainty = 'E' | 'P' | 'B' | 'C' | 'U';

interface Row {
  id: string;
  tool: ToolId;
  confidence: Confidence;
  certainty: Certainty;
  source: string;
}

/** An identity: matches `Name <email>` seen as author, committer, or in an identity trailer. */
export interface IdentityRow extends Row {
  /** Lower-case address, exact. */
  email?: string;
  /** GitHub noreply `<id>+<login>@users.noreply.github.com`: both must match (login case-insensitive). */
  github?: { id: number; login: string };
  /** When set, the display name must match as well (for addresses shared with non-AI senders). */
  name?: RegExp;
  /** Display-name pattern that suffices on its own (e.g. aider's ` (aider)` suffix). */
  nameOnly?: RegExp;
  /** Extracts a model from the display name (named group `model`). */
  model?: RegExp;
  /** VS Code's per-file sticky trailer: alone it makes a commit "unverified", not "assisted". */
  sticky?: boolean;
}

export const IDENTITIES: readonly IdentityRow[] = [
  { id: 'vscode.addAICoAuthor', tool: 'copilot', email: 'copilot@github.com', sticky: true, confidence: 'low', certainty: 'E',
    source: 'microsoft/vscode extensions/git repository.ts AI_CO_AUTHOR_TRAILER (PR #309951 diff); #314311' },
  { id: 'copilot.agent', tool: 'copilot', github: { id: 198982749, login: 'Copilot' }, confidence: 'high', certainty: 'B',
    source: 'copilot-swe-agent[bot]: github/github-mcp-server PR #1806 .patch; chaoss/disclosure constants.go' },
  { id: 'copilot.github-web', tool: 'copilot', github: { id: 175728472, login: 'Copilot' }, confidence: 'high', certainty: 'B',
    source: 'GitHub.com suggestions/Autofix: runmedev/runme PR #1039; chaoss/disclosure#101' },
  { id: 'copilot.cli', tool: 'copilot', github: { id: 223556219, login: 'Copilot' }, confidence: 'high', certainty: 'P',
    source: 'github/copilot-cli#4576 (v1.0.80), #3177' },
  { id: 'copilot.bot', tool: 'copilot', github: { id: 167198135, login: 'copilot[bot]' }, confidence: 'high', certainty: 'B',
    source: 'chaoss/disclosure constants.go' },
  { id: 'claude.noreply', tool: 'claude', email: 'noreply@anthropic.com', model: /^(?<model>Claude[\s-](?!Code\b)\S.*)$/i,
    confidence: 'high', certainty: 'P', source: 'anthropics/claude-code#9224, #19925, #47579; apache/pinot#18688' },
  { id: 'claude.address', tool: 'claude', email: 'claude@anthropic.com', name: /claude/i, confidence: 'medium', certainty: 'U',
    source: 'anthropics/claude-code#24766 (address seen in Claude trailers; claimed by an unrelated account)' },
  { id: 'claude.app', tool: 'claude', github: { id: 209825114, login: 'claude[bot]' }, confidence: 'high', certainty: 'B',
    source: 'chaoss/disclosure constants.go; Shopify/flash-list PR #2203' },
  { id: 'claude.action', tool: 'claude', github: { id: 208546643, login: 'claude-code-action[bot]' }, confidence: 'high',
    certainty: 'B', source: 'chaoss/disclosure constants.go' },
  { id: 'claude.anthropic-app', tool: 'claude', github: { id: 215619710, login: 'anthropic-claude[bot]' }, confidence: 'high',
    certainty: 'B', source: 'chaoss/disclosure constants.go' },
  { id: 'aider.address', tool: 'aider', email: 'aider@aider.chat', model: /^aider \((?<model>[^)]+)\)$/i, confidence: 'high',
    certainty: 'E', source: 'Aider-AI/aider aider/repo.py (commit e2d3fc459, 2025-06-25)' },
  { id: 'aider.noreply-chat', tool: 'aider', email: 'noreply@aider.chat', model: /^aider \((?<model>[^)]+)\)$/i,
    confidence: 'high', certainty: 'E', source: 'Aider-AI/aider repo.py history; PR #3789' },
  { id: 'aider.noreply-dev', tool: 'aider', email: 'noreply@aider.dev', model: /^aider \((?<model>[^)]+)\)$/i,
    confidence: 'high', certainty: 'E', source: 'Aider-AI/aider commit 67bb4f955 (2025-04-12)' },
  { id: 'aider.name', tool: 'aider', nameOnly: /[ \t]\(aider\)$/, confidence: 'high', certainty: 'E',
    source: 'Aider-AI/aider aider/repo.py committer_name = f"{user_name} (aider)"; docs git.md' },
  { id: 'cursor.agent', tool: 'cursor', email: 'cursoragent@cursor.com', confidence: 'high', certainty: 'E',
    source: 'fitchmultz/pi-cursor-sdk#143; apache/calcite PR #5230; libkrun PR #792' },
  { id: 'cursor.bot', tool: 'cursor', github: { id: 206951365, login: 'cursor[bot]' }, confidence: 'high', certainty: 'B',
    source: 'chaoss/disclosure constants.go' },
  { id: 'cursor.agent-bot', tool: 'cursor', github: { id: 201670782, login: 'cursoragent[bot]' }, confidence: 'high',
    certainty: 'B', source: 'third-party GitHub Users-API survey (ai-signatures.md a.1)' },
  { id: 'codex.address', tool: 'codex', email: 'codex@openai.com', model: /^(?:codex\s+)?(?<model>(?:gpt|o\d)[\w .-]*)$/i,
    confidence: 'high', certainty: 'B', source: 'LionSR/TNLean PR #867; gitbutler .mailmap (via survey)' },
  { id: 'codex.noreply', tool: 'codex', email: 'noreply@openai.com', model: /^codex\s+(?<model>\S.*)$/i, confidence: 'high',
    certainty: 'C', source: 'franciscojavierarceo branch (openai/codex#18095); proposed default' },
  { id: 'codex.test-identity', tool: 'codex', email: 'codex@example.com', name: /codex/i, confidence: 'low', certainty: 'U',
    source: 'openai/codex#18095 (default identity when none is configured)' },
  { id: 'codex.connector', tool: 'codex', github: { id: 199175422, login: 'chatgpt-codex-connector[bot]' }, confidence: 'high',
    certainty: 'B', source: 'chaoss/disclosure constants.go' },
  { id: 'codex.app', tool: 'codex', github: { id: 215057067, login: 'openai-codex[bot]' }, confidence: 'high', certainty: 'B',
    source: 'chaoss/disclosure constants.go' },
  { id: 'codex.user', tool: 'codex', github: { id: 267193182, login: 'codex' }, confidence: 'high', certainty: 'B',
    source: 'third-party survey (ai-signatures.md a.1)' },
  { id: 'codex.omx', tool: 'codex', email: 'omx@oh-my-codex.dev', confidence: 'high', certainty: 'E',
    source: 'Yeachan-Heo/oh-my-codex#2051' },
  { id: 'gemini.address', tool: 'gemini', email: 'gemini@google.com', name: /gemini/i, confidence: 'high', certainty: 'C',
    source: 'google-gemini/gemini-cli#12419, #25721' },
  { id: 'gemini.noreply', tool: 'gemini', email: 'noreply@google.com', name: /gemini/i, confidence: 'medium', certainty: 'C',
    source: 'google-gemini/gemini-cli#12419' },
  { id: 'gemini.cli', tool: 'gemini', email: 'gemini-cli@google.com', confidence: 'high', certainty: 'E',
    source: 'google-gemini/gemini-cli packages/core/src/services/gitService.ts (shadow repo identity)' },
  { id: 'gemini.code-assist', tool: 'gemini', github: { id: 176961590, login: 'gemini-code-assist[bot]' }, confidence: 'high',
    certainty: 'B', source: 'chaoss/disclosure constants.go' },
  { id: 'jules.bot', tool: 'jules', github: { id: 161369871, login: 'google-labs-jules[bot]' }, confidence: 'high',
    certainty: 'B', source: 'aavetis/PRarena#56; google-labs-code/jules-sdk PR #94' },
  { id: 'devin.bot', tool: 'devin', github: { id: 158243242, login: 'devin-ai-integration[bot]' }, confidence: 'high',
    certainty: 'B', source: 'chaoss/disclosure constants.go; Devin CLI footer' },
  { id: 'amazon-q.bot', tool: 'amazon-q', github: { id: 208079219, login: 'amazon-q-developer[bot]' }, confidence: 'high',
    certainty: 'B', source: 'chaoss/disclosure constants.go' },
  { id: 'windsurf.bot', tool: 'windsurf', github: { id: 189301087, login: 'windsurf-bot[bot]' }, confidence: 'high',
    certainty: 'B', source: 'third-party GitHub Users-API survey (no observed use)' },
  { id: 'cline.bot', tool: 'cline', github: { id: 205137888, login: 'cline[bot]' }, confidence: 'high', certainty: 'B',
    source: 'chaoss/disclosure constants.go' },
  { id: 'amp.address', tool: 'amp', email: 'amp@ampcode.com', confidence: 'high', certainty: 'P',
    source: 'sourcegraph.com author commit 2025-07-31; Amp backport note' },
  { id: 'cody.bot', tool: 'cody', github: { id: 201248094, login: 'sourcegraph-cody[bot]' }, confidence: 'high', certainty: 'B',
    source: 'chaoss/disclosure constants.go' },
  { id: 'openhands.address', tool: 'openhands', email: 'openhands@all-hands.dev', confidence: 'high', certainty: 'P',
    source: 'All-Hands-AI/OpenHands system_prompt.j2 <VERSION_CONTROL>; OpenHands/docs PR #22' },
  { id: 'opencode.noreply', tool: 'opencode', email: 'noreply@opencode.ai', confidence: 'high', certainty: 'P',
    source: 'anomalyco/opencode#786, #919, #1135 (packages/opencode/src/tool/bash.txt)' },
  { id: 'qwen.address', tool: 'qwen', email: 'qwen-coder@alibabacloud.com', confidence: 'high', certainty: 'E',
    source: 'QwenLM/qwen-code PR #1228' },
  { id: 'continue.noreply', tool: 'continue', email: 'noreply@continue.dev', confidence: 'medium', certainty: 'U',
    source: 'continuedev/continue PR #7620 (open)' },
  { id: 'continue.bot', tool: 'continue', github: { id: 230936708, login: 'continue[bot]' }, confidence: 'high', certainty: 'B',
    source: 'chaoss/disclosure constants.go' },
  { id: 'junie.bot', tool: 'junie', github: { id: 220155983, login: 'jetbrains-ai[bot]' }, confidence: 'high', certainty: 'B',
    source: 'chaoss/disclosure constants.go' },
];

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

/** Lines of the message body (any paragraph). Group `name` is resolved with TOOL_NAMES when no tool is fixed. */
export interface BodyRow extends Row {
  /** A real line this row recognises (tested). */
  example: string;
  pattern: RegExp;
  /** Only the first line (subject). */
  subjectOnly?: boolean;
  /** Group `session` in `pattern` is a session URL. */
  session?: boolean;
}

export const BODY_MARKERS: readonly BodyRow[] = [
  { id: 'claude.generated-with', example: '\u{1F916} Generated with [Claude Code](https://claude.com/claude-code)', tool: 'claude', confidence: 'high', certainty: 'P',
    pattern: /^(?:\u{1F916}[ \t]*|\u9983[ \t]*)?Generated with \[?Claude Code\]?(?:\(https:\/\/claude\.(?:com\/claude-code|ai\/code)\))?/u,
    source: 'anthropics/claude-code#9224, #18253, #14241 (GBK mojibake)' },
  { id: 'opencode.generated-with', example: '\u{1F916} Generated with [opencode](https://opencode.ai)', tool: 'opencode', confidence: 'high', certainty: 'P',
    pattern: /^(?:\u{1F916}[ \t]*)?Generated with \[opencode\]\(https:\/\/opencode\.ai\)/u, source: 'anomalyco/opencode#786, #919' },
  { id: 'devin.generated-with', example: 'Generated with [Devin](https://cli.devin.ai/docs)', tool: 'devin', confidence: 'high', certainty: 'P',
    pattern: /^(?:\u{1F916}[ \t]*)?Generated with \[Devin\]\(https:\/\/cli\.devin\.ai/u, source: 'Devin CLI footer (git log excerpts)' },
  { id: 'devin.session', example: 'Devin Session: https://app.devin.ai/sessions/0123abcd', tool: 'devin', confidence: 'high', certainty: 'P', session: true,
    pattern: /^Devin Session:[ \t]*(?<session>https:\/\/app\.devin\.ai\/sessions\/\S+)/, source: 'git log excerpts; chaoss/disclosure' },
  { id: 'codex.generated-with', example: '\u{1F916} Generated with [Codex CLI](https://github.com/openai/codex)', tool: 'codex', confidence: 'medium', certainty: 'C',
    pattern: /^(?:\u{1F916}[ \t]*)?Generated with \[Codex(?: CLI)?\]\(https:\/\/github\.com\/openai\/codex\)/u,
    source: 'sehoon787/my-codex PR #10' },
  { id: 'continue.generated-with', example: 'Generated with [Continue](https://continue.dev)', tool: 'continue', confidence: 'medium', certainty: 'U',
    pattern: /^(?:\u{1F916}[ \t]*)?Generated with \[Continue\]\(https:\/\/continue\.dev\)/u, source: 'continuedev/continue PR #7620' },
  { id: 'cursor.made-with-footer', example: 'Made with [Cursor](https://cursor.com)', tool: 'cursor', confidence: 'medium', certainty: 'P',
    pattern: /^Made with \[Cursor\]\(https:\/\/cursor\.com/, source: 'handsontable PR #12385' },
  { id: 'cursor.agent-link', example: 'https://cursor.com/agents/bc-1234abcd-0000', tool: 'cursor', confidence: 'high', certainty: 'E', session: true,
    pattern: /(?<session>https:\/\/cursor\.com\/(?:agents\/bc-|background-agent\?bcId=bc-)[0-9a-f-]+)/,
    source: 'mattermost PR #36493; asap-protocol PR #135' },
  { id: 'generic.generated-with', example: '\u{1F916} Generated with [Gemini CLI](https://github.com/google-gemini/gemini-cli)', tool: 'unknown-ai', confidence: 'medium', certainty: 'C',
    pattern: /^(?:\u{1F916}[ \t]*)?(?:Generated|Created|Written) (?:with|by) \[(?<name>[^\]\n]{1,60})\]\(https?:\/\/[^)\s]+\)/u,
    source: 'footer convention shared by Claude Code, opencode, Devin, Codex, Continue (a.1)' },
  { id: 'aider.subject-prefix', example: 'aider: fix the parser', tool: 'aider', confidence: 'high', certainty: 'E', subjectOnly: true,
    pattern: /^aider: /, source: 'Aider-AI/aider repo.py; HISTORY.md v0.39.0' },
];

/** Tool names: used only under an AI-specific key, or to read a generic footer. Order matters. */
export const TOOL_NAMES: readonly { tool: ToolId; pattern: RegExp }[] = [
  { tool: 'copilot', pattern: /\b(?:github[ \t]+)?copilot\b/i },
  { tool: 'claude', pattern: /\bclaude\b|\banthropic\b/i },
  { tool: 'aider', pattern: /\baider\b/i },
  { tool: 'cursor', pattern: /\bcursor(?:[ \t-]?agent)?\b/i },
  { tool: 'codex', pattern: /\bcodex\b|\bchat[ -]?gpt|\bopenai\b/i },
  { tool: 'gemini', pattern: /\bgemini\b|\bbard\b/i },
  { tool: 'jules', pattern: /\bjules\b/i },
  { tool: 'devin', pattern: /\bdevin\b/i },
  { tool: 'amazon-q', pattern: /\bamazon[ \t-]?q\b|\bq[ \t-]developer\b|\bcodewhisperer\b|\bkiro\b/i },
  { tool: 'windsurf', pattern: /\bwindsurf\b|\bcodeium\b/i },
  { tool: 'cline', pattern: /\bcline\b/i },
  { tool: 'roo', pattern: /\broo(?:[ \t-]?code)?\b/i },
  { tool: 'amp', pattern: /\b(?:sourcegraph[ \t]+)?amp(?:code)?\b/i },
  { tool: 'openhands', pattern: /\bopen[ \t-]?hands\b|\bopendevin\b|\ball[ -]hands\b/i },
  { tool: 'opencode', pattern: /\bopencode\b/i },
  { tool: 'qwen', pattern: /\bqwen/i },
  { tool: 'continue', pattern: /\bcontinue(?:\.dev)?\b/i },
  { tool: 'cody', pattern: /\bcody\b/i },
  { tool: 'junie', pattern: /\bjunie\b|\bjetbrains[ \t-]?ai\b/i },
  { tool: 'tabnine', pattern: /\btabnine\b/i },
  { tool: 'replit', pattern: /\breplit\b/i },
  { tool: 'entire', pattern: /\bentire(?:\.io)?\b/i },
];

/** Model names → vendor family (a model-only value names its vendor's tool). */
export const MODEL_FAMILIES: readonly { tool: ToolId; pattern: RegExp }[] = [
  { tool: 'claude', pattern: /\b(?:claude|opus|sonnet|haiku)\b/i },
  { tool: 'codex', pattern: /\b(?:gpt|chatgpt|codex)\b|\bo[1-9](?:-(?:mini|pro|preview))?\b/i },
  { tool: 'gemini', pattern: /\bgemini\b/i },
  { tool: 'qwen', pattern: /\bqwen/i },
];

/** A model id: has a digit or a known family word (`claude-3-opus`, `gpt-5`, `Opus 4.6`, `o3`). */
export const MODEL_SHAPE = /\d|\b(?:opus|sonnet|haiku)\b/i;

/** Names under AI keys that are not AI (kernel tools, code generators): never evidence. */
export const NON_AI_TOOLS = /^(?:coccinelle|sparse|smatch|checkpatch(?:\.pl)?|gcc|clang|git|make|cmake|protoc(?:-gen-[\w-]+)?|go generate|stringer|mockgen|sqlc|bindgen|swagger-codegen|openapi-generator|dependabot|renovate|prettier|eslint|black|rustfmt|gofmt)$/i;

/** Added-line markers in code (table a.3). Group `name` is resolved with TOOL_NAMES. */
export interface CodeMarkerRow extends Row {
  pattern: RegExp;
  /** A real line this row recognises (tested through scanPatch). */
  example: string;
}

const COMMENT = String.raw`(?:\/\/+|#+|\/\*+|\*|--|;+|<!--|%|'|REM\b|\{-)`;

export const CODE_MARKERS: readonly CodeMarkerRow[] = [
  { id: 'code.generated-by-tool', example: '// Generated by GitHub Copilot', tool: 'unknown-ai', confidence: 'medium', certainty: 'C',
    pattern: new RegExp(String.raw`^[ \t]*${COMMENT}[ \t]*(?:@generated[ \t]+by|(?:Generated|Written|Created)[ \t]+(?:with|by|using))[ \t]+\[?(?<name>(?:GitHub[ \t]+)?(?:Copilot|Claude(?:[ \t]+Code)?|ChatGPT|OpenAI[ \t]+Codex|Codex|Gemini|Cursor|aider|Devin|Jules|Amazon[ \t]+Q|Windsurf|Codeium|Cline|Roo[ \t]+Code|Amp|OpenHands|opencode|Qwen[\w-]*|Continue|Cody|Junie|Tabnine|Replit[ \t]+Agent)\b)`, 'i'),
    source: 'patternfly/patternfly-org PR #4680; jsdoc/jsdoc#2119; lfx-self-serve PR #939' },
  { id: 'code.ai-assisted-comment', example: '// AI-assisted implementation with human review and modifications', tool: 'unknown-ai', confidence: 'medium', certainty: 'C',
    pattern: new RegExp(String.raw`^[ \t]*${COMMENT}[ \t]*AI[- ]assisted implementation\b`, 'i'),
    source: 'patternfly/patternfly-org PR #4680' },
  { id: 'code.ai-section', example: '// AI: below section was generated by an AI', tool: 'unknown-ai', confidence: 'medium', certainty: 'C',
    pattern: new RegExp(String.raw`^[ \t]*${COMMENT}[ \t]*AI:[ \t]*(?:below|above|this)[ \t]+(?:section|code|block)[ \t]+(?:was|is)[ \t]+generated\b`, 'i'),
    source: 'MoonModules/WLED-MM PR #354' },
  { id: 'code.written-by-ai', example: '## WRITTEN BY AI ##', tool: 'unknown-ai', confidence: 'medium', certainty: 'C',
    pattern: /^[ \t]*(?:#+|\/\/+)[ \t]*#*[ \t]*WRITTEN BY AI[ \t]*#*/, source: 'vllm-project/guidellm PR #721' },
  { id: 'code.docstring-assisted-by', example: '    Generated-by Claude Code', tool: 'unknown-ai', confidence: 'low', certainty: 'C',
    pattern: /^[ \t]*(?:[#*]|\/\/|"""|''')?[ \t]*(?:Generated|Assisted)-by[ \t:]+(?<name>[A-Za-z][\w .-]{1,40})/,
    source: 'vllm-project/guidellm PR #721' },
  { id: 'code.generated-by-ai', example: '# \u{1F916} Generated by AI', tool: 'unknown-ai', confidence: 'low', certainty: 'C',
    pattern: /^[ \t]*(?:\/\/+|#+|\/\*+|\*|<!--)?[ \t]*\u{1F916}[ \t]*Generated by AI\b/u, source: 'realsenseai/librealsense PR #15191' },
  { id: 'code.jsdoc-ai-tag', example: ' * @ai', tool: 'unknown-ai', confidence: 'low', certainty: 'U',
    pattern: /^[ \t]*\*[ \t]*@ai\b/, source: 'jsdoc/jsdoc#2119 (proposal)' },
];

/** Added files whose name marks AI content (`<name>.ai.cs`). */
export const AI_FILE_NAME = { id: 'code.ai-file-name', pattern: /\.ai\.[A-Za-z0-9]+$/, confidence: 'low' as Confidence,
  source: 'mcneel/RhinoAI PR #132' };

/** Look-alikes that are not AI: a line matching one of these is never a code marker. */
export const CODE_TRAPS: readonly RegExp[] = [
  /Code generated .* DO NOT EDIT\.?/, // go.dev/s/generatedcode (golang/go#13560)
  /@generated(?![ \t]+by[ \t]+\S)/, // Meta/Phabricator convention, not AI-specific (jsdoc#2119)
];

/**
 * A message matching none of these can yield no trailer or message evidence (identities are
 * checked separately). Lets most commits skip trailer parsing; kept in step with TRAILER_KEYS,
 * IDENTITY_KEYS and BODY_MARKERS by a test over every row's example.
 */
export const MESSAGE_PREFILTER =
  /co-authored-by|assisted-by|generated-by|synthesized-by|\bai-|made[- ]with|-session|devin session|claude-workflow|amp-thread-id|replit-commit|\bentire-|(?:generated|created|written) (?:with|by)|cursor\.com\/|^aider: /im;
