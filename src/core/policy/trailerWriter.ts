// Trailers we write, in the format a policy asks for. Every line written here is recognised by the
// classifier as the same tool (a unit test holds the round trip), and never as VS Code's sticky one.
import type { ToolId } from '../model';
import type { TrailerFormat } from './policySchema';

/** How a tool is named to people and in `Generated-by:` (its name must map back to the tool). */
export const TOOL_DISPLAY: Record<ToolId, string> = {
  copilot: 'GitHub Copilot', claude: 'Claude Code', aider: 'aider', cursor: 'Cursor', codex: 'Codex', gemini: 'Gemini',
  jules: 'Jules', devin: 'Devin', 'amazon-q': 'Amazon Q Developer', windsurf: 'Windsurf', cline: 'Cline', roo: 'Roo Code',
  amp: 'Amp', openhands: 'OpenHands', opencode: 'OpenCode', qwen: 'Qwen Code', continue: 'Continue', cody: 'Cody',
  junie: 'Junie', tabnine: 'Tabnine', replit: 'Replit Agent', entire: 'Entire', goose: 'Goose', warp: 'Warp',
  sisyphus: 'Sisyphus', pi: 'Pi coding agent', codebuff: 'Codebuff', coderabbit: 'CodeRabbit', qodo: 'Qodo PR-Agent',
  'unknown-ai': 'AI assistant',
};

/**
 * The AGENT token of `Assisted-by: AGENT:MODEL`: the display name with no whitespace, since the
 * Linux kernel's checkpatch reads the value as `^\S+:\S+` (a space in AGENT breaks it). Each token
 * maps back to its tool through the catalog's names (a unit test holds the round trip); lines an
 * older version wrote with the display name (`Assisted-by: Claude Code:…`) still read as the tool.
 */
export const ASSISTED_BY_AGENT: Record<ToolId, string> = {
  copilot: 'GitHub-Copilot', claude: 'Claude-Code', aider: 'aider', cursor: 'Cursor', codex: 'Codex', gemini: 'Gemini',
  jules: 'Jules', devin: 'Devin', 'amazon-q': 'Amazon-Q-Developer', windsurf: 'Windsurf', cline: 'Cline', roo: 'Roo-Code',
  amp: 'Amp', openhands: 'OpenHands', opencode: 'OpenCode', qwen: 'Qwen-Code', continue: 'Continue', cody: 'Cody',
  junie: 'Junie', tabnine: 'Tabnine', replit: 'Replit-Agent', entire: 'Entire', goose: 'Goose', warp: 'Warp',
  sisyphus: 'Sisyphus', pi: 'Pi-coding-agent', codebuff: 'Codebuff', coderabbit: 'CodeRabbit', qodo: 'Qodo-PR-Agent',
  'unknown-ai': 'AI-assistant',
};

/** The identity each tool uses as a co-author (from the catalog); tools without one fall back to Assisted-by. */
const CO_AUTHOR: Partial<Record<ToolId, { name: string; email: string }>> = {
  copilot: { name: 'Copilot', email: '223556219+Copilot@users.noreply.github.com' },
  claude: { name: 'Claude', email: 'noreply@anthropic.com' },
  aider: { name: 'aider', email: 'aider@aider.chat' },
  cursor: { name: 'Cursor', email: 'cursoragent@cursor.com' },
  codex: { name: 'Codex', email: 'noreply@openai.com' },
  gemini: { name: 'Gemini', email: 'gemini@google.com' },
  jules: { name: 'google-labs-jules[bot]', email: '161369871+google-labs-jules[bot]@users.noreply.github.com' },
  devin: { name: 'Devin', email: '158243242+devin-ai-integration[bot]@users.noreply.github.com' },
  'amazon-q': { name: 'amazon-q-developer[bot]', email: '208079219+amazon-q-developer[bot]@users.noreply.github.com' },
  windsurf: { name: 'windsurf-bot[bot]', email: '189301087+windsurf-bot[bot]@users.noreply.github.com' },
  cline: { name: 'cline[bot]', email: '205137888+cline[bot]@users.noreply.github.com' },
  amp: { name: 'Amp', email: 'amp@ampcode.com' },
  openhands: { name: 'openhands', email: 'openhands@all-hands.dev' },
  opencode: { name: 'opencode', email: 'noreply@opencode.ai' },
  qwen: { name: 'Qwen-Coder', email: 'qwen-coder@alibabacloud.com' },
  continue: { name: 'Continue', email: 'noreply@continue.dev' },
  cody: { name: 'sourcegraph-cody[bot]', email: '201248094+sourcegraph-cody[bot]@users.noreply.github.com' },
  junie: { name: 'jetbrains-ai[bot]', email: '220155983+jetbrains-ai[bot]@users.noreply.github.com' },
  warp: { name: 'Warp', email: 'agent@warp.dev' },
  sisyphus: { name: 'Sisyphus', email: 'clio-agent@sisyphuslabs.ai' },
  codebuff: { name: 'Codebuff', email: 'noreply@codebuff.com' },
  coderabbit: { name: 'coderabbitai[bot]', email: '136622811+coderabbitai[bot]@users.noreply.github.com' },
  qodo: { name: 'codiumai-pr-agent-pro[bot]', email: '151058649+codiumai-pr-agent-pro[bot]@users.noreply.github.com' },
};

/** The names under which the catalog reads a model from a co-author display name. */
function coAuthorName(tool: ToolId, base: string, model?: string): string {
  if (!model) return base;
  if (tool === 'claude') return /^claude\b/i.test(model) ? model : `Claude ${model}`;
  if (tool === 'aider') return `aider (${model})`;
  if (tool === 'codex') return `Codex ${model}`;
  return base;
}

/**
 * One attribution trailer line (without newline) for a tool and optional model, in the grammar of
 * the projects that prescribe each form:
 * - `assisted-by`: the Linux kernel's `Assisted-by: AGENT:MODEL` (checkpatch `^\S+:\S+`; also
 *   gitea, MariaDB; Fedora and LLVM ask only for `Assisted-by: <tool>`). Without a model the value
 *   is the AGENT token alone: we do not invent a model we do not know.
 * - `generated-by`: the ASF's `Generated-by: <tool> (<model>)` (also OpenStack's `Generated-By:`).
 * - `co-authored-by`: git's and GitHub's `Co-authored-by: Name <email>`, with the tool's own
 *   identity (tools without one fall back to `assisted-by`).
 */
export function formatTrailer(format: TrailerFormat, tool: ToolId, model?: string): string {
  const clean = model?.replace(/[\r\n<>]/g, ' ').trim() || undefined;
  const co = CO_AUTHOR[tool];
  if (format === 'co-authored-by' && co) return `Co-authored-by: ${coAuthorName(tool, co.name, clean)} <${co.email}>`;
  if (format === 'generated-by') return `Generated-by: ${TOOL_DISPLAY[tool]}${clean ? ` (${clean.replace(/[()]/g, '')})` : ''}`;
  return `Assisted-by: ${ASSISTED_BY_AGENT[tool]}${clean ? `:${clean.replace(/\s+/g, '-').replace(/:/g, '-')}` : ''}`;
}
