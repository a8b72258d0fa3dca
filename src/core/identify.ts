// Matchers over the catalog: who is an AI identity, which tool a name or model means.
import type { Identity, ToolId } from './model';
import {
  IDENTITIES, MODEL_FAMILIES, MODEL_SHAPE, NON_AI_TOOLS, TOOL_NAMES, type IdentityRow,
} from './signatures';

export interface IdentityMatch {
  row: IdentityRow;
  model?: string;
}

const byEmail = new Map<string, IdentityRow[]>();
const byGithub = new Map<string, IdentityRow>();
const nameOnlyRows: IdentityRow[] = [];
for (const row of IDENTITIES) {
  if (row.email) byEmail.set(row.email, [...(byEmail.get(row.email) ?? []), row]);
  if (row.github) byGithub.set(`${row.github.id}+${row.github.login.toLowerCase()}`, row);
  if (row.nameOnly) nameOnlyRows.push(row);
}

const NOREPLY = /^(\d+)\+([^@]+)@users\.noreply\.github\.com$/i;
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Any address some row names, or a GitHub noreply address: everything else is rejected cheaply. */
const CANDIDATE_EMAIL = new RegExp(`^\\s*(?:${[...byEmail.keys()].map(escapeRe).join('|')}|\\d+\\+[^@]+@users\\.noreply\\.github\\.com)\\s*$`, 'i');
const CANDIDATE_NAME = new RegExp(nameOnlyRows.map((r) => (r.nameOnly as RegExp).source).join('|') || '(?!)');

const memo = new Map<string, IdentityMatch | null>();
const MEMO_LIMIT = 50_000;

/** The AI identity a `Name <email>` pair belongs to, if any (identity first, then name-only rows). */
export function matchIdentity(identity: Identity): IdentityMatch | undefined {
  if (!CANDIDATE_EMAIL.test(identity.email) && !CANDIDATE_NAME.test(identity.name)) return undefined;
  const key = `${identity.name}\u0000${identity.email}`;
  const known = memo.get(key);
  if (known !== undefined) return known ?? undefined;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  const match = lookupIdentity(identity);
  memo.set(key, match ?? null);
  return match;
}

function lookupIdentity(identity: Identity): IdentityMatch | undefined {
  const email = identity.email.trim().toLowerCase();
  const name = identity.name.trim();
  let row: IdentityRow | undefined;
  const noreply = NOREPLY.exec(email);
  if (noreply) row = byGithub.get(`${noreply[1]}+${(noreply[2] as string).toLowerCase()}`);
  row ??= byEmail.get(email)?.find((r) => !r.name || r.name.test(name));
  row ??= nameOnlyRows.find((r) => r.nameOnly?.test(name));
  if (!row) return undefined;
  const model = row.model?.exec(name)?.groups?.model?.trim();
  return model && !/^unknown[- ]model$/i.test(model) ? { row, model } : { row };
}

/** Splits `Name <email>`; an absent address gives email ''. */
export function parseIdentity(value: string): Identity {
  const m = /^(.*?)\s*<([^<>]*)>\s*$/.exec(value);
  if (!m) return { name: value.trim(), email: '' };
  return { name: (m[1] as string).trim(), email: (m[2] as string).trim() };
}

/** The tool a free-text name refers to (only meaningful under an AI-specific key). */
export function toolFromName(text: string): ToolId | undefined {
  return TOOL_NAMES.find((t) => t.pattern.test(text))?.tool;
}

/** The vendor family of a model name, when it has one. */
export function familyOfModel(model: string): ToolId | undefined {
  return MODEL_FAMILIES.find((f) => f.pattern.test(model))?.tool;
}

export function looksLikeModel(text: string): boolean {
  return MODEL_SHAPE.test(text) && text.length <= 80;
}

export interface AgentValue {
  tool: ToolId;
  model?: string;
}

/**
 * Reads the value of an AI-specific trailer (Assisted-by, Generated-by, …):
 * `AGENT:MODEL [TOOL…]` (Linux), `Tool (model) …` (ASF, Calcite), a tool name, or a model.
 * Returns undefined for values that name no AI (e.g. `coccinelle`, `false`).
 */
export function parseAgentValue(raw: string): AgentValue | undefined {
  const value = raw.trim();
  if (!value || NON_AI_TOOLS.test(value) || /^(?:no|none|false|n\/a|0)$/i.test(value)) return undefined;

  let agent = value;
  let model: string | undefined;
  const colon = /^([^:]+?)\s*:\s*(\S.*)$/.exec(value);
  const paren = /^(.*?)\s*\(([^()]+)\)/.exec(value);
  if (colon && !/^https?$/i.test(colon[1] as string)) {
    agent = colon[1] as string;
    model = stripNonAiTools(colon[2] as string);
  } else if (paren && (paren[1] as string).length > 0) {
    agent = paren[1] as string;
    const inner = (paren[2] as string).trim();
    if (looksLikeModel(inner) || familyOfModel(inner)) model = inner;
  }
  agent = agent.trim();
  if (NON_AI_TOOLS.test(agent)) return undefined;

  const named = toolFromName(agent);
  if (named) {
    if (!model && looksLikeModel(agent) && familyOfModel(agent) === named && !toolFromName(agent.replace(/[\d.]+/g, ''))) {
      model = agent;
    } else if (!model && familyOfModel(agent) && looksLikeModel(agent)) {
      model = agent;
    }
    return withModel(named, model);
  }
  const family = familyOfModel(agent);
  if (family && looksLikeModel(agent)) return withModel(family, model ?? agent);
  if (family) return withModel(family, model);
  if (model) return withModel(familyOfModel(model) ?? 'unknown-ai', model);
  return { tool: 'unknown-ai' };
}

/** A model-only value (`AI-Model: gpt-4o`): its family, or unknown-ai. */
export function parseModelValue(raw: string): AgentValue | undefined {
  const value = raw.trim();
  if (!value || /^(?:no|none|false|n\/a|0)$/i.test(value)) return undefined;
  return { tool: familyOfModel(value) ?? toolFromName(value) ?? 'unknown-ai', model: value };
}

function stripNonAiTools(text: string): string | undefined {
  const words = text.trim().split(/\s+/);
  while (words.length > 1 && NON_AI_TOOLS.test(words[words.length - 1] as string)) words.pop();
  const model = words.join(' ').trim();
  return model || undefined;
}

function withModel(tool: ToolId, model: string | undefined): AgentValue {
  return model ? { tool, model } : { tool };
}
