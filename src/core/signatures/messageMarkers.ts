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
