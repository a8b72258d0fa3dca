// Names of tools and model families, read only under an AI-specific key or in a generic footer,
// and the names under such keys that are not AI (kernel tools, code generators).
import type { ToolId } from '../../model';

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
  { tool: 'goose', pattern: /\bgoose\b/i },
  { tool: 'warp', pattern: /\bwarp(?:\.dev)?\b/i },
  { tool: 'sisyphus', pattern: /\bsisyphus\b|\boh[ \t-]?my[ \t-]?open(?:code|agent)\b/i },
  { tool: 'pi', pattern: /^pi$|\bpi[ \t-]?(?:coding[ \t-]?)?agent\b/i },
  { tool: 'codebuff', pattern: /\b(?:code|free)buff\b/i },
  { tool: 'coderabbit', pattern: /\bcode[ \t-]?rabbit(?:ai)?\b/i },
  { tool: 'qodo', pattern: /\bqodo\b|\bcodium[ \t-]?ai\b|\bpr[ \t-]agent\b/i },
];

/** Model names → vendor family (a model-only value names its vendor's tool). */
export const MODEL_FAMILIES: readonly { tool: ToolId; pattern: RegExp }[] = [
  { tool: 'claude', pattern: /\b(?:claude|opus|sonnet|haiku)\b/i },
  { tool: 'codex', pattern: /\b(?:gpt|chatgpt|codex)\b|\bo[1-9](?:-(?:mini|pro|preview))?\b/i },
  { tool: 'gemini', pattern: /\bgemini\b/i },
  { tool: 'qwen', pattern: /\bqwen/i },
];

/**
 * Models and words that name AI without naming one of our tools (`Kimi K2.6`, `DeepSeek-V3`, `generic
 * LLM chatbot`): under a generic key (`Assisted-by`) they make the value AI (unknown-ai); a value naming
 * none of these, nor a tool, nor a model family, is a person (chaoss/disclosure SupportedToolsInMentions).
 */
export const OTHER_AI_NAMES: readonly RegExp[] = [
  // Model families whose names are also ordinary words or first names need a version or a product word.
  /\b(?:kimi[ \t-]?(?:k?\d[\w.]*|code)|grok[ \t-]?(?:\d[\w.]*|code)|(?:code[ \t-]?)?llama[ \t-]?\d[\w.]*|gemma[ \t-]?\d[\w.]*|phi-?\d[\w.]*|glm-?\d[\w.]*|yi-(?:coder|large|lightning))\b/i,
  /\b(?:deepseek|mistral|codestral|mixtral|magistral|devstral|chatglm|starcoder|santacoder|nemotron|command-r\+?|minimax-m\d|antigravity|augment code|zed ai|supermaven|sourcery|greptile|codegpt|codegeex|phind)\b/i,
  /\b(?:llm|genai|chat[ \t-]?bot|large language model|ai[ \t-](?:assistant|agent|model|tool|pair programmer))\b/i,
  /\bAI\b/, // upper case only: the bare word, never "Kai" or "ai" in a name
];

/** A model id: has a digit or a known family word (`claude-3-opus`, `gpt-5`, `Opus 4.6`, `o3`). */
export const MODEL_SHAPE = /\d|\b(?:opus|sonnet|haiku)\b/i;

/** Names under AI keys that are not AI (kernel tools, code generators): never evidence. */
export const NON_AI_TOOLS = /^(?:coccinelle|sparse|smatch|checkpatch(?:\.pl)?|gcc|clang|git|make|cmake|protoc(?:-gen-[\w-]+)?|go generate|stringer|mockgen|sqlc|bindgen|swagger-codegen|openapi-generator|dependabot|renovate|prettier|eslint|black|rustfmt|gofmt)$/i;
