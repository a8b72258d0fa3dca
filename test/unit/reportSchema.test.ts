// The report's zod schema accepts exactly what the JSON writer emits, and the JSON Schema generated
// from it (what the build ships as dist/schemas/report.schema.json) agrees, checked with ajv.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { CommitAudit, ReportMeta } from '../../src/core/model';
import { JsonWriter } from '../../src/core/report/json';
import { ReportJsonWriter } from '../../src/core/report/jsonReport';
import { REPORT_SCHEMA_ID, ReportSchema, SCHEMA_MATCHES_MODEL, reportJsonSchema } from '../../src/core/report/reportSchema';
import { summarize } from '../../src/core/history/summary';

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(reportJsonSchema());

const meta: ReportMeta = {
  schemaVersion: 1,
  generator: { name: 'ai-provenance', version: '0.1.0', engine: 2, catalog: 2 },
  repository: { id: '/repo', shallow: true },
  query: { revs: ['main', '^v1'], all: true, maxCount: 5, since: '2026-01-01', until: 'now', paths: ['src'], diffs: false },
};

const base: CommitAudit = {
  sha: 'a'.repeat(40), date: '2026-01-02T10:00:00+01:00', author: { name: '=cmd', email: '@x' }, committer: { name: 'C', email: 'c@x' },
  committerDate: '2026-01-02T10:00:00+01:00', parents: ['b'.repeat(40), 'c'.repeat(40)], subject: '<img src=x onerror=alert(1)>',
  verdict: 'assisted', assisted: true, tools: ['claude', 'copilot'], models: ['claude-opus-4-6'],
  evidence: [
    { kind: 'trailer', tool: 'claude', model: 'claude-opus-4-6', confidence: 'high', detail: 'Co-Authored-By: Claude', signature: 'x' },
    { kind: 'trailer', tool: 'copilot', confidence: 'low', detail: 'Co-authored-by: Copilot', signature: 'y', sticky: true },
    { kind: 'note', tool: 'claude', confidence: 'high', detail: 'n', signature: 'note.ai-provenance', session: 's',
      locations: [{ file: 'a.ts', line: 1, endLine: 3 }, { file: 'b.ts' }] },
  ],
  diffScanned: true, diffTruncated: true,
};
const audits: CommitAudit[] = [
  base,
  { ...base, sha: 'd'.repeat(64), verdict: 'none', assisted: false, tools: [], models: [], evidence: [], encoding: 'latin1', diffScanned: false },
];

function report(list: readonly CommitAudit[], writer: JsonWriter = new JsonWriter()): unknown {
  let out = writer.begin(meta);
  for (const a of list) out += writer.commit(a);
  return JSON.parse(out + writer.end(summarize(list)));
}

describe('report schema', () => {
  it('matches the model types (compile-time check)', () => {
    assert.equal(SCHEMA_MATCHES_MODEL, true);
  });

  it('accepts every document the JSON writer emits (zod and JSON Schema)', () => {
    for (const doc of [report([]), report(audits), report(audits, new ReportJsonWriter('2026-04-01T09:30:00+02:00'))]) {
      assert.ok(ReportSchema.safeParse(doc).success, JSON.stringify(ReportSchema.safeParse(doc).error?.issues));
      assert.ok(validate(doc), JSON.stringify(validate.errors));
    }
  });

  it('rejects what the writer never emits', () => {
    const good = report(audits) as Record<string, unknown> & { commits: Record<string, unknown>[]; summary: Record<string, unknown> };
    const bad: unknown[] = [
      { ...good, extra: 1 },
      { ...good, schemaVersion: 2 },
      { ...good, $schema: 'https://example.com/x.json' },
      { ...good, generatedAt: 'yesterday' },
      { ...good, commits: [{ ...good.commits[0], verdict: 'maybe' }] },
      { ...good, commits: [{ ...good.commits[0], sha: 'xyz' }] },
      { ...good, commits: [{ ...good.commits[0], tools: ['notatool'] }] },
      { ...good, summary: { ...good.summary, assistedShare: 2 } },
      { ...good, summary: { ...good.summary, evidenceKinds: { trailer: 1 } } },
    ];
    for (const doc of bad) {
      assert.equal(ReportSchema.safeParse(doc).success, false, JSON.stringify(doc).slice(0, 80));
      assert.equal(validate(doc), false, JSON.stringify(doc).slice(0, 80));
    }
  });

  it('is draft 2020-12 with our id, strict enough for ajv strict mode', () => {
    const schema = reportJsonSchema();
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(schema.$id, REPORT_SCHEMA_ID);
    assert.equal(schema.additionalProperties, false);
  });

  it('is the schema the build ships (dist/schemas/report.schema.json)', function () {
    const shipped = path.join(__dirname, '../../dist/schemas/report.schema.json');
    if (!existsSync(shipped)) this.skip(); // not built yet: the integration tests run after the build
    assert.equal(readFileSync(shipped, 'utf8'), `${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
  });
});
