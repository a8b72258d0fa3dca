// The team file's JSON Schema (dist/schemas/team-file.schema.json), generated from TeamFileSchema —
// the zod schema the hooks, the CLI and the extension read `.ai-provenance.json` with — so it
// accepts exactly what they accept. The extension contributes it through `jsonValidation`: VS Code
// completes and validates the file. Draft-07 (what VS Code's JSON service reads best), with the
// descriptions VS Code shows (`markdownDescription`, `enumDescriptions`) and each tool listed.
import * as z from 'zod/mini';
import { TOOL_IDS } from '../model';
import { FORMAT_DESCRIPTIONS, FORMATS, MODE_DESCRIPTIONS, MODES, POLICY_FIELDS, TeamFileSchema } from './policySchema';

export const TEAM_FILE_SCHEMA_ID = 'https://ai-provenance.dev/schemas/team-file/v1.json';

type Json = Record<string, unknown>;

const modeEnum = (): Json => ({
  type: 'string', enum: [...MODES], enumDescriptions: MODES.map((m) => MODE_DESCRIPTIONS[m]),
});

export function teamFileJsonSchema(): Json {
  const base = z.toJSONSchema(TeamFileSchema, { target: 'draft-7' }) as Json & { properties: Record<string, Json> };
  const p = base.properties;
  const tools = p.tools as Json;
  return {
    $schema: base.$schema,
    $id: TEAM_FILE_SCHEMA_ID,
    title: 'AI Provenance team file (.ai-provenance.json)',
    markdownDescription: 'The team\'s AI attribution policy, checked in at the repository root. Each developer\'s own settings '
      + '(VS Code `aiProvenance.*`, `git config aiProvenance.*`) come after it; a field listed in `locked` can be tightened, never loosened.',
    type: 'object',
    properties: {
      $schema: { ...p.$schema, description: 'The JSON Schema of this file (optional).' },
      mode: { ...p.mode, ...modeEnum(), markdownDescription: 'What the commit-msg hook does with AI attribution trailers. Default `evidence`.' },
      tools: {
        ...tools,
        markdownDescription: 'Per-tool modes that replace `mode` for that tool, e.g. `{"claude": "keep", "copilot": "strip"}`.',
        properties: Object.fromEntries(TOOL_IDS.map((t) => [t, { ...modeEnum(), description: `The mode for ${t}.` }])),
        additionalProperties: modeEnum(),
      },
      format: {
        ...p.format, enumDescriptions: FORMATS.map((f) => FORMAT_DESCRIPTIONS[f]),
        markdownDescription: 'The form of trailers the hooks add from recorded evidence. Default `assisted-by`.',
      },
      locked: {
        ...p.locked,
        markdownDescription: `Fields (${POLICY_FIELDS.map((f) => `\`${f}\``).join(', ')}) a developer's own settings may tighten but never loosen.`,
      },
    },
    additionalProperties: false,
    defaultSnippets: [{ label: 'Team policy', description: 'Require disclosure; lock the mode and the trailer format',
      body: { mode: 'require', format: 'assisted-by', locked: ['mode', 'format'] } }],
  };
}
