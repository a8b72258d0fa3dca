// SARIF 2.1.0 writer: valid against the official OASIS schema (vendored, see
// test/fixtures/sarif/README.md) and shaped as GitHub code scanning requires: $schema, rules with
// short/full descriptions and help, one location with artifactLocation.uri and a region per result,
// partialFingerprints.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { CommitAudit, Evidence, ReportMeta } from '../../src/core/model';
import { SARIF_FALLBACK_URI, SARIF_MAX_RESULTS, SarifWriter, pathUri, sarifText } from '../../src/core/report/sarif';
import type { WriterOptions } from '../../src/core/report/writer';
import { sha256 } from '../../src/app/sha256';

const schema = JSON.parse(readFileSync(path.join(__dirname, '../fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')) as object;
const ajv = new Ajv04({ allErrors: true, strict: false });
addFormats(ajv);
const validateSarif = ajv.compile(schema);

const meta: ReportMeta = {
  schemaVersion: 1,
  generator: { name: 'ai-provenance', version: '1.2.3', engine: 2, catalog: 2 },
  repository: { id: '/repo', head: 'a'.repeat(40), shallow: false },
  query: { revs: [], all: false, paths: [], diffs: true },
};

const ev = (kind: Evidence['kind'], tool: Evidence['tool'], detail: string, extra: Partial<Evidence> = {}): Evidence =>
  ({ kind, tool, confidence: 'high', detail, signature: `${tool}.${kind}`, ...extra });

function audit(sha: string, evidence: Evidence[], over: Partial<CommitAudit> = {}): CommitAudit {
  const verdict = evidence.length === 0 ? 'none' : evidence.every((e) => e.sticky) ? 'unverified' : 'assisted';
  return {
    sha, parents: [], author: { name: 'Alice', email: 'alice@example.com' }, committer: { name: 'Alice', email: 'alice@example.com' },
    date: '2026-01-02T10:00:00+01:00', committerDate: '2026-01-02T10:00:00+01:00', subject: 'Add [x](1) <b>', verdict,
    assisted: verdict === 'assisted', tools: [...new Set(evidence.map((e) => e.tool))].sort(), models: [], evidence, ...over,
  };
}

const fixtures: CommitAudit[] = [
  audit('1'.repeat(40), [
    ev('trailer', 'claude', 'Co-Authored-By: Claude <noreply@anthropic.com>', { model: 'claude-opus-4-6' }),
    ev('note', 'claude', 'refs/notes/ai-provenance: claude src/a b.ts:3-9', {
      model: 'claude-opus-4-6', session: 'https://claude.ai/chat/1',
      locations: [{ file: 'src/a b.ts', line: 3, endLine: 9 }, { file: 'src/c.ts', line: 4 }],
    }),
  ]),
  audit('2'.repeat(40), [ev('trailer', 'copilot', 'Co-authored-by: Copilot <copilot@github.com>', { sticky: true, confidence: 'low' })]),
  audit('3'.repeat(40), []),
  audit('4'.repeat(40), [ev('diff', 'copilot', '// marker', { locations: [{ file: 'src/m.ts', line: 2 }] })]),
  audit('5'.repeat(40), [ev('author', 'aider', 'Jane (aider) <j@x>'), ev('note', 'cursor', 'note', { locations: [{ file: 'lib/only-file.ts' }] })]),
];

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; shortDescription: { text: string }; fullDescription: { text: string }; help: { text: string } }[] } };
    results: {
      ruleId: string; ruleIndex: number; level: string; message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; endLine?: number } } }[];
      partialFingerprints: Record<string, string>;
      properties: Record<string, unknown>;
    }[];
    invocations: { executionSuccessful: boolean; endTimeUtc?: string }[];
    properties: Record<string, unknown>;
  }[];
}

function run(audits: readonly CommitAudit[], options: WriterOptions = {}): string {
  const w = new SarifWriter({ ...options, sha256 });
  let out = w.begin(meta);
  for (const a of audits) out += w.commit(a);
  return out + w.end();
}

function parse(text: string): SarifLog {
  return JSON.parse(text) as SarifLog;
}

describe('SARIF export', () => {
  it('is valid against the SARIF 2.1.0 schema, for zero and several commits', () => {
    for (const audits of [[], fixtures]) {
      const doc = JSON.parse(run(audits, { generatedAt: '2026-04-01T11:30:00+02:00' })) as unknown;
      assert.ok(validateSarif(doc), JSON.stringify(validateSarif.errors, null, 2));
    }
  });

  it('rejects what the schema rejects (the validator is live)', () => {
    const doc = parse(run(fixtures));
    (doc.runs[0]?.results[0] as unknown as Record<string, unknown>).level = 'severe';
    assert.equal(validateSarif(doc), false);
  });

  it('has what GitHub code scanning requires', () => {
    const doc = parse(run(fixtures, { commitFiles: new Map([['2'.repeat(40), 'docs/guide.md']]) }));
    assert.equal(doc.version, '2.1.0');
    assert.match(doc.$schema, /^https:\/\//);
    const r = doc.runs[0]!;
    assert.equal(r.tool.driver.name, 'ai-provenance');
    assert.deepEqual(r.tool.driver.rules.map((x) => x.id), ['AIP001', 'AIP002', 'AIP003', 'AIP004', 'AIP005', 'AIP006', 'AIP007', 'AIP008']);
    for (const rule of r.tool.driver.rules) {
      assert.ok(rule.shortDescription.text && rule.fullDescription.text && rule.help.text, rule.id);
      assert.ok(rule.shortDescription.text.length <= 1024 && rule.fullDescription.text.length <= 1024);
    }
    for (const res of r.results) {
      assert.equal(res.level, 'note');
      assert.equal(res.locations.length, 1);
      const loc = res.locations[0]!.physicalLocation;
      assert.ok(loc.artifactLocation.uri.length > 0 && !loc.artifactLocation.uri.startsWith('/'));
      assert.ok(loc.region.startLine >= 1);
      assert.match(res.partialFingerprints.primaryLocationLineHash ?? '', /^[0-9a-f]{16}:1$/);
      assert.equal(r.tool.driver.rules[res.ruleIndex]?.id, res.ruleId);
      assert.ok(res.message.text.length > 0);
    }
    assert.equal(r.invocations[0]?.executionSuccessful, true);
    assert.equal(r.invocations[0]?.endTimeUtc, undefined, 'no clock unless given one');
  });

  it('gives one result per recorded line range and one per assisted commit for commit-level evidence', () => {
    const doc = parse(run(fixtures, { commitFiles: new Map([['2'.repeat(40), 'docs/guide.md']]) }));
    const results = doc.runs[0]!.results;
    const summary = results.map((r) => [r.ruleId, r.properties.commit, r.locations[0]!.physicalLocation.artifactLocation.uri,
      r.locations[0]!.physicalLocation.region]);
    assert.deepEqual(summary, [
      ['AIP001', '1'.repeat(40), 'src/a%20b.ts', { startLine: 1 }],
      ['AIP006', '1'.repeat(40), 'src/a%20b.ts', { startLine: 3, endLine: 9 }],
      ['AIP006', '1'.repeat(40), 'src/c.ts', { startLine: 4, endLine: 4 }],
      ['AIP001', '2'.repeat(40), 'docs/guide.md', { startLine: 1 }],
      ['AIP005', '4'.repeat(40), 'src/m.ts', { startLine: 2, endLine: 2 }],
      ['AIP002', '5'.repeat(40), 'lib/only-file.ts', { startLine: 1 }],
    ]);
    assert.deepEqual(results[1]!.properties, {
      commit: '1'.repeat(40), tool: 'claude', model: 'claude-opus-4-6', session: 'https://claude.ai/chat/1',
      verdict: 'assisted', confidence: 'high', evidence: ['note'], scope: 'code', isoAutomationLevel: 'assistiveAutomation',
    });
    assert.equal(results[3]!.properties.verdict, 'unverified');
    assert.deepEqual(results[5]!.properties.evidence, ['author', 'note'], 'commit-level evidence of a commit in one result');
    assert.equal(doc.runs[0]!.properties.results, 6);
  });

  it('anchors a commit that changed no file at the policy file', () => {
    const doc = parse(run([fixtures[1]!]));
    assert.equal(doc.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri, SARIF_FALLBACK_URI);
  });

  it('escapes brackets in messages (SARIF links) and keeps fingerprints stable', () => {
    assert.equal(sarifText('see [x](1) \\ ok\nnext'), 'see \\[x\\](1) \\\\ ok next');
    const a = parse(run(fixtures));
    const b = parse(run([...fixtures].reverse()));
    const fp = (d: SarifLog): string[] => d.runs[0]!.results.map((r) => r.partialFingerprints.primaryLocationLineHash ?? '').sort();
    assert.deepEqual(fp(a), fp(b));
    assert.equal(new Set(fp(a)).size, fp(a).length);
    assert.ok(a.runs[0]!.results[0]!.message.text.includes('Add \\[x\\](1) <b>'));
  });

  it('percent-encodes paths as URI references', () => {
    assert.equal(pathUri('src/a b/ü#?.ts'), 'src/a%20b/%C3%BC%23%3F.ts');
    assert.equal(pathUri('plain/path.ts'), 'plain/path.ts');
  });

  it('writes the invocation time in UTC only when given one, and is deterministic', () => {
    const doc = parse(run(fixtures, { generatedAt: '2026-04-01T11:30:00+02:00' }));
    assert.equal(doc.runs[0]!.invocations[0]?.endTimeUtc, '2026-04-01T09:30:00.000Z');
    assert.equal(run(fixtures), run(fixtures));
  });

  it(`keeps at most ${SARIF_MAX_RESULTS} results and counts the rest`, () => {
    const many = Array.from({ length: SARIF_MAX_RESULTS + 3 }, (_, i) =>
      audit(i.toString(16).padStart(40, '0'), [ev('trailer', 'aider', 'Assisted-by: aider')]));
    const doc = parse(run(many));
    assert.equal(doc.runs[0]!.results.length, SARIF_MAX_RESULTS);
    assert.equal(doc.runs[0]!.properties.droppedResults, 3);
  });
});
