// Effective policy = defaults < team file (.ai-provenance.json) < the user's own settings, where a
// field the team file locks can only be tightened. Validation errors name the file, the field and
// the allowed values.
import { EVIDENCE_SCOPES, TOOL_IDS, type ToolId } from '../model';
import { describeJsonError } from '../json/jsonSyntax';
import { terminalSafe } from '../report/summaryText';
import {
  DEFAULT_POLICY, FORMATS, MODES, POLICY_FIELDS, PolicyInputSchema, TIGHTER_OR_EQUAL, TeamFileSchema,
  type Policy, type PolicyField, type PolicyInput, type TeamFile,
} from './policySchema';

export class PolicyFileError extends Error {
  constructor(readonly file: string, readonly field: string, message: string) {
    super(message);
    this.name = 'PolicyFileError';
  }
}

const ALLOWED: Record<string, readonly string[]> = { mode: MODES, format: FORMATS, locked: POLICY_FIELDS, scopes: EVIDENCE_SCOPES };
const MAX_QUOTED = 40;

/** A wrong value, quoted for an error line: JSON, at most MAX_QUOTED characters, no control characters. */
function quoted(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return terminalSafe(text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text);
}

/** Parses and validates a team file's text; throws PolicyFileError with one clear line. */
export function parseTeamFile(text: string, file = '.ai-provenance.json'): TeamFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // Never the parser's message: it quotes the text, and the file may not be what it claims to be.
    throw new PolicyFileError(file, '', `${file}: ${describeJsonError(text)}`);
  }
  return validateInput(TeamFileSchema, raw, file) as TeamFile;
}

/** Validates settings given as an object (VS Code settings, CLI); `source` names them in errors. */
export function parsePolicyInput(raw: unknown, source: string): PolicyInput {
  return validateInput(PolicyInputSchema, raw, source) as PolicyInput;
}

function validateInput(schema: typeof TeamFileSchema | typeof PolicyInputSchema, raw: unknown, file: string): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new PolicyFileError(file, '', `${file}: must be a JSON object with the fields ${POLICY_FIELDS.join(', ')}`);
  }
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = issue?.path.map(String) ?? [];
  const field = path.join('.');
  let detail: string;
  if (issue?.code === 'unrecognized_keys' && path[0] === 'tools') {
    detail = `"tools" has an unknown tool id ${issue.keys.map(quoted).join(', ')} (tool ids: ${TOOL_IDS.join(', ')})`;
  } else if (issue?.code === 'unrecognized_keys') {
    detail = `unknown field ${issue.keys.map(quoted).join(', ')} (allowed: ${[...POLICY_FIELDS, 'maxAiShare', 'locked', 'scopes'].join(', ')})`;
  } else if (path[0] === 'maxAiShare') {
    detail = `"maxAiShare" must be a percentage of lines from 0 to 100 (got ${quoted((raw as { maxAiShare?: unknown }).maxAiShare)})`;
  } else if (path[0] === 'tools' && path.length === 1) {
    detail = `"tools" must map tool ids to modes, e.g. {"claude": "keep", "copilot": "strip"}`;
  } else if (path[0] === 'tools') {
    const got = (raw as { tools?: Record<string, unknown> }).tools?.[path[1] as string];
    detail = `${quoted(`tools.${path[1]}`)} must be one of ${MODES.join(', ')} (got ${quoted(got)})`;
  } else {
    const allowed = ALLOWED[path[0] ?? ''];
    const got = path.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], raw);
    detail = allowed
      ? `${quoted(field)} must be one of ${allowed.join(', ')} (got ${quoted(got)})`
      : `${quoted(field)} is invalid (${issue?.code ?? 'unknown problem'})`;
  }
  throw new PolicyFileError(file, field, `${file}: ${detail}`);
}

export interface ResolvedPolicy {
  policy: Policy;
  /** Fields the team file locks. */
  locked: PolicyField[];
  /** User values that would loosen a locked field and were therefore ignored. */
  ignored: { field: string; reason: string }[];
}

export function resolvePolicy(team: TeamFile | undefined, user: PolicyInput | undefined, teamFile = '.ai-provenance.json'): ResolvedPolicy {
  const policy: Policy = { ...DEFAULT_POLICY, tools: {} };
  if (team?.mode) policy.mode = team.mode;
  if (team?.format) policy.format = team.format;
  if (team?.tools) policy.tools = { ...team.tools };
  if (team?.scopes) policy.scopes = [...new Set(team.scopes)];
  if (team?.maxAiShare !== undefined) policy.maxAiShare = team.maxAiShare;
  const locked = [...new Set(team?.locked ?? [])];
  const ignored: ResolvedPolicy['ignored'] = [];
  const lockedField = (f: PolicyField): boolean => locked.includes(f);

  if (user?.mode && user.mode !== policy.mode) {
    if (!lockedField('mode') || TIGHTER_OR_EQUAL[policy.mode].includes(user.mode)) policy.mode = user.mode;
    else ignored.push({ field: 'mode', reason: `"${user.mode}" would loosen the mode "${policy.mode}" locked by ${teamFile}` });
  }
  if (user?.format && user.format !== policy.format) {
    if (!lockedField('format')) policy.format = user.format;
    else ignored.push({ field: 'format', reason: `the format "${policy.format}" is locked by ${teamFile}` });
  }
  for (const [tool, mode] of Object.entries(user?.tools ?? {}) as [ToolId, Policy['mode']][]) {
    const teamMode = policy.tools[tool] ?? (lockedField('mode') ? policy.mode : undefined);
    const guarded = lockedField('tools') || (lockedField('mode') && !team?.tools?.[tool]);
    if (!guarded || teamMode === undefined || TIGHTER_OR_EQUAL[teamMode].includes(mode)) policy.tools[tool] = mode;
    else ignored.push({ field: `tools.${tool}`, reason: `"${mode}" would loosen "${teamMode}" for ${tool}, locked by ${teamFile}` });
  }
  return { policy, locked, ignored };
}
