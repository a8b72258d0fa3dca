// The team file's JSON Schema accepts exactly what the code accepts (TeamFileSchema), and the
// manifest contributes it for .ai-provenance.json.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { TeamFileSchema } from '../../src/core/policy/policySchema';
import { SCHEMA_FILES } from '../../src/core/schemaFiles';
import { teamFileJsonSchema } from '../../src/core/policy/teamFileSchema';

const SAMPLES: [string, unknown, boolean][] = [
  ['empty', {}, true],
  ['the README example', { mode: 'require', format: 'assisted-by', tools: { copilot: 'strip' }, locked: ['mode', 'format'] }, true],
  ['with $schema', { $schema: './node_modules/ai-provenance/dist/schemas/team-file.schema.json', mode: 'evidence' }, true],
  ['every tool', { tools: { claude: 'keep', 'amazon-q': 'forbid', 'unknown-ai': 'evidence' } }, true],
  ['an unknown mode', { mode: 'ban' }, false],
  ['an unknown field', { mode: 'keep', strict: true }, false],
  ['an unknown tool', { tools: { chatgpt: 'keep' } }, false],
  ['a tool with an unknown mode', { tools: { claude: 'sometimes' } }, false],
  ['an unknown format', { format: 'signed-off-by' }, false],
  ['locked, not a list', { locked: 'mode' }, false],
  ['locked, an unknown field', { locked: ['mode', 'colour'] }, false],
  ['not an object', ['mode'], false],
  ['a number', 3, false],
];

describe('team file JSON Schema', () => {
  const ajv = new Ajv({ strict: true, allErrors: true });
  ajv.addVocabulary(['markdownDescription', 'enumDescriptions', 'defaultSnippets']);
  const validate = ajv.compile(teamFileJsonSchema());

  it('accepts and rejects the same team files as the code', () => {
    for (const [name, doc, valid] of SAMPLES) {
      assert.equal(TeamFileSchema.safeParse(doc).success, valid, `zod: ${name}`);
      assert.equal(validate(doc), valid, `JSON Schema: ${name} ${JSON.stringify(validate.errors)}`);
    }
  });

  it('describes every value for VS Code completion', () => {
    const s = teamFileJsonSchema() as { properties: Record<string, { enum?: string[]; enumDescriptions?: string[]; properties?: object }> };
    for (const key of ['mode', 'format']) assert.equal(s.properties[key]?.enum?.length, s.properties[key]?.enumDescriptions?.length, key);
    assert.ok(Object.keys(s.properties.tools?.properties ?? {}).includes('claude'));
  });

  it('is built into dist/schemas and contributed for .ai-provenance.json', () => {
    const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as {
      contributes: { jsonValidation: { fileMatch: string; url: string }[] };
    };
    const entry = manifest.contributes.jsonValidation.find((j) => j.fileMatch === '.ai-provenance.json');
    assert.ok(entry);
    assert.equal(entry.url, './dist/schemas/team-file.schema.json');
    assert.equal(SCHEMA_FILES[path.basename(entry.url)], teamFileJsonSchema);
  });
});
