// Matchers over the catalog: who is an AI identity, which tool a name or model means.
import type { Confidence, Identity, ToolId } from '../model';
import {
  IDENTITIES, MODEL_FAMILIES, MODEL_SHAPE, NON_AI_TOOLS, OTHER_AI_NAMES, TOOL_NAMES, type IdentityRow,
} from './signatures';

export interface IdentityMatch {
  row: IdentityRow;
  model?: string;
  /** The tool, when the row reads it from the name (`Jane (gpt-4o)`); else the row's. */
  tool: ToolId;
  /** The row's confidence, one step lower for a GitHub id or app login matched alone. */
  confidence: Confidence;
}

const byEmail = new Map<string, IdentityRow[]>();
const byGithub = new Map<string, IdentityRow>();
const byGithubId = new Map<string, IdentityRow>();
const byGithubLogin = new Map<string, IdentityRow>();
const nameOnlyRows: IdentityRow[] = [];
for (const row of IDENTITIES) {
  if (row.email) byEmail.set(row.email, [...(byEmail.get(row.email) ?? []), row]);
  if (row.github) {
    const login = row.github.login.toLowerCase();
    byGithub.set(`${row.github.id}+${login}`, row);
    if (!byGithubId.has(String(row.github.id))) byGithubId.set(String(row.github.id), row);
    // Only app logins (`…[bot]`, which no person can take) and GitHub's own `Copilot` stand alone.
    if ((login.endsWith('[bot]') || login === 'copilot') && !byGithubLogin.has(login)) byGithubLogin.set(login, row);
  }
  if (row.nameOnly) nameOnlyRows.push(row);
}

const LOWER_ONE: Record<Confidence, Confidence> = { high: 'medium', medium: 'low', low: 'low' };

const NOREPLY = /^(\d+)\+([^@]+)@users\.noreply\.github\.com$/i;
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Any address some row names, or a GitHub noreply address: everything else is rejected cheaply. */
const CANDIDATE_EMAIL = new RegExp(`^\\s*(?:${[...byEmail.keys()].map(escapeRe).join('|')}|\\d+\\+[^@]+@users\\.noreply\\.github\\.com)\\s*$`, 'i');
const CANDIDATE_NAME = new RegExp(nameOnlyRows.map((r) => (r.nameOnly as RegExp).source.replace(/\(\?<\w+>/g, '(?:')).join('|') || '(?!)');

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
  let partial = false;
  const noreply = NOREPLY.exec(email);
  if (noreply) {
    const [id, login] = [noreply[1] as string, (noreply[2] as string).toLowerCase()];
    row = byGithub.get(`${id}+${login}`);
    if (!row) {
      row = byGithubId.get(id) ?? byGithubLogin.get(login);
      partial = row !== undefined;
    }
  }
  row ??= byEmail.get(email)?.find((r) => !r.name || r.name.test(name));
  let tool: ToolId | undefined;
  let model: string | undefined;
  if (!row) {
    for (const r of nameOnlyRows) {
      const m = r.nameOnly?.exec(name);
      if (!m) continue;
      row = r;
      const named = m.groups?.name;
      if (r.toolFromNameGroup && named) {
        tool = toolFromName(named) ?? familyOfModel(named) ?? 'unknown-ai';
        if (looksLikeModel(named) || (familyOfModel(named) && !toolFromName(named))) model = named;
      }
      break;
    }
  }
  if (!row) return undefined;
  model ??= row.model?.exec(name)?.groups?.model?.trim();
  const match: IdentityMatch = { row, tool: tool ?? row.tool, confidence: partial ? LOWER_ONE[row.confidence] : row.confidence };
  if (model && !/^unknown[- ]model$/i.test(model)) match.model = model;
  return match;
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

/** Whether a free-text name names AI: a tool, a model family, another known model, or a generic AI word. */
export function namesAi(text: string): boolean {
  return toolFromName(text) !== undefined || familyOfModel(text) !== undefined || OTHER_AI_NAMES.some((p) => p.test(text));
}

/**
 * Reads the value of an AI-specific trailer (Assisted-by, Generated-by, …):
 * `AGENT:MODEL [TOOL…]` (Linux), `Tool (model) …` (ASF, Calcite), a tool name, or a model.
 * Returns undefined for values that name no AI (e.g. `coccinelle`, `false`). With `strict` (keys
 * people use too: `Assisted-by`, `Generated-by`, `Made-with`), a value naming no known tool, model or
 * AI word is a person (`Assisted-by: Waldek Maleska`), unless it has the kernel's `AGENT:MODEL` shape
 * with a model-like MODEL (`My Agent:v1.2.3`).
 */
export function parseAgentValue(raw: string, strict = false): AgentValue | undefined {
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
  if (model) {
    const modelFamily = familyOfModel(model);
    if (strict && !modelFamily && !namesAi(value) && !(colon && looksLikeModel(model))) return undefined;
    return withModel(modelFamily ?? 'unknown-ai', model);
  }
  if (strict && !namesAi(value)) return undefined;
  // Another vendor's model (`Kimi K2.6`, `DeepSeek-V3`): unknown-ai, the model kept.
  return OTHER_AI_NAMES.some((p) => p.test(agent)) && looksLikeModel(agent) ? { tool: 'unknown-ai', model: agent } : { tool: 'unknown-ai' };
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
