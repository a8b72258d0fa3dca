// Lines of a commit message that mark AI work outside git's trailer block (footers, subjects).
import type { Row } from './rows';

/** Lines of the message body (any paragraph). Group `name` is resolved with TOOL_NAMES when no tool is fixed. */
export interface BodyRow extends Row {
  /** A real line this row recognises (tested). */
  example: string;
  pattern: RegExp;
  /** Only the first line (subject). */
  subjectOnly?: boolean;
  /** Group `session` in `pattern` is a session URL. */
  session?: boolean;
  /** The whole message must also match (aider's transcripts need a `USER:` line beside `ASSISTANT:`). */
  requires?: RegExp;
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
  { id: 'codebuff.generated-with', example: '\u{1F916} Generated with Codebuff', tool: 'codebuff', confidence: 'medium', certainty: 'C',
    pattern: /^(?:\u{1F916}[ \t]*)?Generated with(?:: github\.com\/[^/\s]+\/[^@\s]*(?:code|free)buff[^@\s]*@[0-9a-f]+| \[?(?:Code|Free)buff\b)/iu,
    source: 'chaoss/disclosure detection/constants.go CodebuffAttributionText, FreebuffAttributionText, FreebuffGeneratedWithPattern' },
  { id: 'sisyphus.ultraworked', example: 'Ultraworked with [Sisyphus](https://github.com/code-yeongyu/oh-my-opencode)', tool: 'sisyphus', confidence: 'high', certainty: 'E',
    pattern: /^Ultraworked with \[?Sisyphus\b/, source: 'code-yeongyu/oh-my-openagent git-master buildCommitFooterInjection (commit_footer)' },
  { id: 'claude.author-line', example: '\u270D\uFE0F Author: Claude Code with the payments team', tool: 'claude', confidence: 'medium', certainty: 'C',
    pattern: /^(?:\u270D\uFE0F?[ \t]*)?Author:[ \t]*Claude Code with\b/u, source: 'Claude Code self-attribution "Author: Claude Code with …" (code search; issue 12 corpus)' },
  { id: 'claude.session-link', example: 'https://claude.ai/code/session_01AbCdEf', tool: 'claude', confidence: 'medium', certainty: 'P', session: true,
    pattern: /^(?<session>https:\/\/claude\.ai\/code\/session_[A-Za-z0-9]+)[ \t]*$/, source: 'anthropics/claude-code#77830 (the Claude-Session URL on a line of its own)' },
  { id: 'copilot.workspace-session', example: 'For more details, open the [Copilot Workspace session](https://copilot-workspace.githubnext.com/acme/app?shareId=920d0431-29d7-4c5e-9a1d-b3721ec42a4b).',
    tool: 'copilot', confidence: 'high', certainty: 'E', session: true,
    pattern: /(?<session>https:\/\/copilot-workspace\.githubnext\.com\/[^\s)?]+\?shareId=[0-9a-f-]{8,})/,
    source: 'Copilot Workspace pull-request footer (githubnext/copilot-workspace-user-manual PR #41); squash merges carry it into the commit' },
  { id: 'aider.chat-conversation', example: '# Aider chat conversation:', tool: 'aider', confidence: 'high', certainty: 'E',
    pattern: /^# Aider chat conversation:$/, source: 'Aider-AI/aider repo.py commit(): "# Aider chat conversation:" + context (2023-2024)' },
  { id: 'aider.chat-transcript', example: 'USER: skip blank lines in the parser\nASSISTANT: I changed the parser to skip blank lines.', tool: 'aider', confidence: 'medium', certainty: 'E',
    pattern: /^ASSISTANT: \S/, requires: /^USER: \S/m,
    source: 'Aider-AI/aider coder.py get_context_from_history (May 2023): USER:/ASSISTANT: lines appended to the message' },
  { id: 'aider.subject-prefix', example: 'aider: fix the parser', tool: 'aider', confidence: 'high', certainty: 'E', subjectOnly: true,
    pattern: /^aider: /, source: 'Aider-AI/aider repo.py; HISTORY.md v0.39.0' },
  { id: 'aider.subject-prefix-capital', example: 'Aider: refactor auth module', tool: 'aider', confidence: 'medium', certainty: 'C', subjectOnly: true,
    pattern: /^Aider:[ \t]/, source: 'chaoss/disclosure detection/trailer/trailer_test.go "aider prefix uppercase"' },
];
