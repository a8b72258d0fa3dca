// Which AI tool made an edit that VS Code's AI-edit tracker counted. VS Code does not say which
// extension supplied an accepted inline suggestion or a chat edit, so the honest answer comes from
// the extensions that could have: exactly one known AI tool → that tool; anything else (none, several,
// or an AI extension we cannot name) → `unknown-ai`, with the candidates written down as detail.
// Data, not control flow: a new AI extension is a new row.
import type { ToolId } from '../model';

export type EditorAiKind = 'inline-suggestion' | 'chat-edit';

export interface KnownAiExtension {
  /** Marketplace id, compared case-insensitively. */
  id: string;
  tool: ToolId;
  /** What it can put in a document through VS Code (inline completions, chat edits). */
  kinds: readonly EditorAiKind[];
  name: string;
}

const BOTH: readonly EditorAiKind[] = ['inline-suggestion', 'chat-edit'];
const INLINE: readonly EditorAiKind[] = ['inline-suggestion'];

export const KNOWN_AI_EXTENSIONS: readonly KnownAiExtension[] = [
  { id: 'GitHub.copilot', tool: 'copilot', kinds: INLINE, name: 'GitHub Copilot' },
  { id: 'GitHub.copilot-chat', tool: 'copilot', kinds: BOTH, name: 'GitHub Copilot Chat' },
  { id: 'TabNine.tabnine-vscode', tool: 'tabnine', kinds: BOTH, name: 'Tabnine' },
  { id: 'Codeium.codeium', tool: 'windsurf', kinds: BOTH, name: 'Windsurf Plugin (Codeium)' },
  { id: 'Continue.continue', tool: 'continue', kinds: BOTH, name: 'Continue' },
  { id: 'AmazonWebServices.amazon-q-vscode', tool: 'amazon-q', kinds: BOTH, name: 'Amazon Q' },
  { id: 'AmazonWebServices.aws-toolkit-vscode', tool: 'amazon-q', kinds: INLINE, name: 'AWS Toolkit (CodeWhisperer)' },
  { id: 'sourcegraph.cody-ai', tool: 'cody', kinds: BOTH, name: 'Cody' },
  { id: 'Google.geminicodeassist', tool: 'gemini', kinds: BOTH, name: 'Gemini Code Assist' },
  { id: 'Supermaven.supermaven', tool: 'unknown-ai', kinds: INLINE, name: 'Supermaven' },
  { id: 'Qodo.qodo-gen', tool: 'unknown-ai', kinds: BOTH, name: 'Qodo Gen' },
  { id: 'JetBrains.jetbrains-ai-assistant', tool: 'junie', kinds: BOTH, name: 'JetBrains AI Assistant' },
];

/** An installed, active extension as the editor describes it. */
export interface ExtensionInfo {
  id: string;
  /** Marketplace categories (`AI`, `Machine Learning`, `Chat`, …). */
  categories?: readonly string[];
  /** The manifest contributes chat participants (its edits can be chat edits). */
  chatParticipants?: boolean;
  /** Shipped with VS Code itself. */
  builtin?: boolean;
}

export interface EditorAiAttribution {
  tool: ToolId;
  /** The candidates, for the record: "candidates: GitHub Copilot Chat (copilot), acme.ai-helper". */
  detail: string;
  candidates: string[];
}

const AI_CATEGORIES = new Set(['ai', 'machine learning', 'chat']);

function known(id: string): KnownAiExtension | undefined {
  const lower = id.toLowerCase();
  return KNOWN_AI_EXTENSIONS.find((k) => k.id.toLowerCase() === lower);
}

/** The extensions that could have made an edit of `kind`: known AI extensions, and unknown ones that present themselves as AI. */
export function candidatesFor(kind: EditorAiKind, extensions: readonly ExtensionInfo[]): ExtensionInfo[] {
  return extensions.filter((e) => {
    const k = known(e.id);
    if (k) return k.kinds.includes(kind);
    if (kind === 'chat-edit' && e.chatParticipants && !e.builtin) return true;
    return (e.categories ?? []).some((c) => AI_CATEGORIES.has(c.toLowerCase()));
  });
}

/** The tool to record for an edit of `kind` given the active extensions: never a guess between several. */
export function attributeEditorEdit(kind: EditorAiKind, extensions: readonly ExtensionInfo[]): EditorAiAttribution {
  const candidates = candidatesFor(kind, extensions);
  const labels = candidates.map((c) => {
    const k = known(c.id);
    return k ? `${k.name} (${k.tool})` : c.id;
  });
  const tools = new Set(candidates.map((c) => known(c.id)?.tool ?? 'unknown-ai'));
  const only = tools.size === 1 ? [...tools][0] : undefined;
  const what = kind === 'chat-edit' ? 'chat edit' : 'inline suggestion';
  if (only && only !== 'unknown-ai') {
    return { tool: only, candidates: labels, detail: `${what} accepted in VS Code; the only AI extension that could have made it: ${labels.join(', ')}` };
  }
  const list = labels.length ? `candidates: ${labels.join(', ')}` : 'no AI extension that VS Code reports could be identified';
  return { tool: 'unknown-ai', candidates: labels, detail: `${what} accepted in VS Code; VS Code does not report which extension supplied it (${list})` };
}

/** Exactly what VS Code's git extension appends (`Repository.AI_CO_AUTHOR_TRAILER`, VS Code 1.110+). */
export const VSCODE_AI_TRAILER = 'Co-authored-by: Copilot <copilot@github.com>';

/** The message VS Code's git extension commits when its tracker answers yes (`appendAICoAuthorTrailer`). */
export function withVsCodeTrailer(message: string): string {
  if (!message || message.includes(VSCODE_AI_TRAILER)) return message;
  return `${message.trimEnd()}\n\n${VSCODE_AI_TRAILER}`;
}
