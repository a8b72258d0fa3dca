// `ai-provenance export` end to end: golden files for every format on a deterministic fixture
// repository (UPDATE_GOLDEN=1 rewrites them), byte-identical reruns, the shipped JSON Schema and
// the SARIF schema, CSV injection, HTML escaping, Agent Trace round trip, `report --by`.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import Ajv04 from 'ajv-draft-04';
import Ajv07 from 'ajv';
import addFormats from 'ajv-formats';
import { runExport, type ExportRequest } from '../../src/app/export/export';
import { parseTraces } from '../../src/core/evidence/agentTrace';
import type { ExportFormat } from '../../src/core/report/writer';
import { runCli } from '../helpers/cli';
import { cleanupTempDirs, git, initRepo, tempDir } from '../helpers/repo';
import {
  FIXTURE_IDENTITY, GENERATED_AT, HOSTILE_AUTHOR, HOSTILE_SUBJECT, buildFixtureRepo, type FixtureRepo,
} from '../fixtures/golden/fixtureRepo';

const GOLDEN_DIR = path.join(__dirname, '../fixtures/golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const CASES: { file: string; format: ExportFormat; rows?: 'evidence' }[] = [
  { file: 'report.json', format: 'json' },
  { file: 'report.csv', format: 'csv' },
  { file: 'evidence.csv', format: 'csv', rows: 'evidence' },
  { file: 'report.md', format: 'markdown' },
  { file: 'report.html', format: 'html' },
  { file: 'report.sarif', format: 'sarif' },
  { file: 'report.intoto.json', format: 'intoto' },
  { file: 'agent-trace.jsonl', format: 'agent-trace' },
  { file: 'report.cdx.json', format: 'cyclonedx' },
];

/** Minimal RFC 4180 parser: rows of fields, CRLF line ends, quotes doubled. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('ai-provenance export (real git)', function () {
  this.timeout(120000);
  let fixture: FixtureRepo;
  const saved = { global: process.env.GIT_CONFIG_GLOBAL, system: process.env.GIT_CONFIG_NOSYSTEM };

  before(() => {
    // In-process exports read git config like the CLI does: keep the developer's own settings out.
    process.env.GIT_CONFIG_GLOBAL = '/dev/null';
    process.env.GIT_CONFIG_NOSYSTEM = '1';
    fixture = buildFixtureRepo();
  });
  after(() => {
    if (saved.global === undefined) delete process.env.GIT_CONFIG_GLOBAL;
    else process.env.GIT_CONFIG_GLOBAL = saved.global;
    if (saved.system === undefined) delete process.env.GIT_CONFIG_NOSYSTEM;
    else process.env.GIT_CONFIG_NOSYSTEM = saved.system;
    cleanupTempDirs();
  });

  async function exportText(format: ExportFormat, extra: Partial<ExportRequest> = {}): Promise<string> {
    const chunks: string[] = [];
    await runExport({
      repo: fixture.dir, revs: [], all: false, paths: [], diffs: true, cache: false, version: '0.0.0-golden',
      format, generatedAt: GENERATED_AT, ...extra,
    }, { write: (t) => void chunks.push(t) });
    const text = chunks.join('');
    for (const root of new Set([realpathSync(fixture.dir), fixture.dir])) {
      assert.ok(!text.includes(root), `${format}: the machine's path of the repository must not leak into an export`);
    }
    assert.ok(!text.includes('s3cr3t'), `${format}: the remote's credentials must not leak into an export`);
    return text;
  }

  describe('golden files', () => {
    for (const c of CASES) {
      it(`${c.file} (--format ${c.format}${c.rows ? ` --rows ${c.rows}` : ''})`, async () => {
        const text = await exportText(c.format, c.rows ? { rows: c.rows } : {});
        const file = path.join(GOLDEN_DIR, c.file);
        if (UPDATE) {
          mkdirSync(GOLDEN_DIR, { recursive: true });
          writeFileSync(file, text);
        }
        assert.ok(existsSync(file), `${c.file} is missing: run the tests with UPDATE_GOLDEN=1`);
        assert.equal(text, readFileSync(file, 'utf8'), `${c.file} changed: review, then UPDATE_GOLDEN=1 to accept`);
      });
    }

    it('are built from the same fixture commits everywhere', () => {
      assert.equal(fixture.shas[7], '1a9db365bb6d95a20599187f504c48a93adcdee7', 'fast-import with fixed identities and dates');
    });
  });

  it('is byte-identical across runs (cold and warm cache) for every format, through the CLI', () => {
    for (const c of CASES) {
      const args = ['export', '--repo', fixture.dir, '--format', c.format, ...(c.rows ? ['--rows', c.rows] : [])];
      const first = runCli(args);
      const second = runCli(args);
      assert.equal(first.status, 0, first.stderr);
      assert.ok(first.stdout.length > 0, c.file);
      assert.equal(second.stdout, first.stdout, c.file);
      assert.ok(!first.stdout.includes('generatedAt') && !first.stdout.includes('endTimeUtc'), `${c.file}: no clock by default`);
    }
  });

  it('writes JSON that validates against the shipped JSON Schema (dist/schemas/report.schema.json)', () => {
    const schemaFile = path.join(__dirname, '../../dist/schemas/report.schema.json');
    assert.ok(existsSync(schemaFile), 'the build ships the schema');
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
    for (const extra of [[], ['--generated-at', '2026-04-01T11:30:00+02:00'], ['--no-diffs', '-n', '2']]) {
      const r = runCli(['export', '--repo', fixture.dir, '--format', 'json', ...extra]);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(validate(JSON.parse(r.stdout)), JSON.stringify(validate.errors));
    }
    const predicate = (JSON.parse(runCli(['export', '--repo', fixture.dir, '--format', 'intoto']).stdout) as { predicate: unknown }).predicate;
    assert.ok(validate(predicate), 'the in-toto predicate is the report');
  });

  it('writes SARIF that validates against SARIF 2.1.0 and anchors every result at a file of the repository', () => {
    const ajv = new Ajv04({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(__dirname, '../fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')) as object);
    const r = runCli(['export', '--repo', fixture.dir, '--format', 'sarif', '--generated-at', GENERATED_AT]);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    assert.ok(validate(doc), JSON.stringify(validate.errors));
    const files = new Set(git(fixture.dir, ['ls-tree', '-r', '--name-only', 'HEAD']).split('\n').filter(Boolean));
    const uris = doc.runs[0]!.results.map((x) => decodeURIComponent(x.locations[0]!.physicalLocation.artifactLocation.uri));
    assert.equal(uris.length, 10, 'nine evidence results and one removal (AIP008)');
    for (const uri of uris) assert.ok(files.has(uri), uri);
  });

  it('neutralises spreadsheet formulas and quotes per RFC 4180, in commit and evidence rows', () => {
    for (const rows of ['commit', 'evidence']) {
      const r = runCli(['export', '--repo', fixture.dir, '--format', 'csv', '--rows', rows]);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(r.stdout.endsWith('\r\n') && !/[^\r]\n/.test(r.stdout.replace(/"[^"]*"/g, '')), 'CRLF rows');
      const table = parseCsv(r.stdout);
      const width = table[0]!.length;
      for (const row of table) assert.equal(row.length, width);
      const hostile = table.filter((row) => row[4] === HOSTILE_SUBJECT);
      assert.ok(hostile.length >= 1);
      for (const row of hostile) {
        assert.equal(row[2], `'${HOSTILE_AUTHOR}`);
        assert.equal(row[3], "'@evil.example");
      }
      for (const row of table) for (const cell of row) assert.ok(!/^[=+\-@\t\r]/.test(cell), cell);
    }
  });

  it('renders an HTML payload in a subject as text', () => {
    const r = runCli(['export', '--repo', fixture.dir, '--format', 'html']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(!r.stdout.includes('<img'));
    assert.ok(r.stdout.includes('<section id="violations">'));
  });

  it('writes Agent Trace records that read back as the same attributions', async () => {
    const text = await exportText('agent-trace');
    const parsed = parseTraces(text);
    assert.deepEqual(parsed.problems, []);
    const got = parsed.records.map(({ record }) => [record.vcs?.revision, record.tool?.name,
      record.files.map((f) => [f.path, f.conversations.flatMap((c) => c.ranges.map((x) => `${x.start_line}-${x.end_line}`))])]);
    assert.deepEqual(got, [
      [fixture.shas[7], 'codex', [['test/parser.test.ts', ['1-20']]]],
      [fixture.shas[5], 'cursor', [['src/lexer.ts', ['3-10', '15-18']]]],
      [fixture.shas[1], 'claude', [['src/parser.ts', ['1-8']]]],
    ]);
    for (const { record } of parsed.records) {
      assert.match(record.id, /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.match(record.timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      for (const f of record.files) for (const c of f.conversations) assert.equal(c.contributor?.type, 'ai');
    }
  });

  it('prints summary tables by tool, author and month', () => {
    const tool = runCli(['report', '--repo', fixture.dir, '--by', 'tool']);
    assert.equal(tool.status, 0, tool.stderr);
    assert.equal(tool.stdout.split('\n')[0], 'tool     commits   share');
    assert.ok(tool.stdout.includes('aider          2  25.0 %'));
    const month = runCli(['report', '--repo', fixture.dir, '--by', 'month', '--format', 'csv']).stdout;
    assert.equal(month, 'month,commits,assisted,unverified,none,assisted_share\r\n2026-01,3,1,1,1,33.3 %\r\n'
      + '2026-02,3,3,0,0,100.0 %\r\n2026-03,2,2,0,0,100.0 %\r\n');
    const authors = JSON.parse(runCli(['report', '--repo', fixture.dir, '--by', 'author', '--format', 'json']).stdout) as { author: string }[];
    assert.deepEqual(authors.map((a) => a.author), ['Alice Example', 'Bob Builder', HOSTILE_AUTHOR, 'Jane Doe (aider)']);
    const md = runCli(['report', '--repo', fixture.dir, '--by', 'author', '--format', 'markdown']).stdout;
    assert.ok(md.startsWith('| author | email | commits | assisted | unverified | assisted share |\n|---|---|---:|---:|---:|---:|\n'));
    assert.equal(runCli(['report', '--repo', fixture.dir]).status, 2, '--by is required');
  });

  it('refuses inconsistent options with exit 2', () => {
    for (const args of [[], ['--format', 'xml'], ['--format', 'json', '--sign'], ['--format', 'json', '--rows', 'evidence'],
      ['--format', 'json', '--generated-at', 'yesterday'], ['--format', 'sarif', '--policy', 'x.json'], ['--format', 'intoto', '--key', 'k'],
      ['--format', 'html', '--policy', 'no-such-policy.json']]) {
      const r = runCli(['export', '--repo', fixture.dir, ...args]);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /^ai-provenance: /);
    }
    assert.equal(runCli(['export', '--help']).status, 0);
  });

  it('writes --output atomically and checks against --policy', () => {
    const dir = tempDir();
    const policy = path.join(dir, 'policy.json');
    writeFileSync(policy, JSON.stringify({ mode: 'keep' }));
    const out = path.join(dir, 'report.md');
    const r = runCli(['export', '--repo', fixture.dir, '--format', 'markdown', '--policy', policy, '--output', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    const text = readFileSync(out, 'utf8');
    assert.ok(text.includes('None: every commit follows the policy (policy: policy.json).'), 'a policy file outside the repository is named, not located');
    assert.ok(!text.includes(dir), 'no path of this machine in the report');
  });

  it('writes CycloneDX 1.6 that validates against its schema, cdxgen property names, `unavailable` for what is missing', () => {
    const schemaDir = path.join(__dirname, '../fixtures/cyclonedx');
    const load = (f: string): object => JSON.parse(readFileSync(path.join(schemaDir, f), 'utf8')) as object;
    const ajv = new Ajv07({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/u);
    ajv.addFormat('iri-reference', true);
    ajv.addSchema(load('spdx.SNAPSHOT.schema.json'), 'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json');
    ajv.addSchema(load('jsf-0.82.SNAPSHOT.schema.json'), 'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json');
    const validate = ajv.compile(load('bom-1.6.SNAPSHOT.schema.json'));
    type Bom = { properties: { name: string; value: string }[]; metadata: { component: { name: string; pedigree?: { commits: unknown[] } } } };
    const props = (bom: Bom): Map<string, string> => new Map(bom.properties.map((p) => [p.name, p.value]));

    const r = runCli(['export', '--repo', fixture.dir, '--format', 'cyclonedx']);
    assert.equal(r.status, 0, r.stderr);
    const bom = JSON.parse(r.stdout) as Bom;
    assert.ok(validate(bom), JSON.stringify(validate.errors));
    const p = props(bom);
    assert.equal(p.get('cdx:ai:codegen:detected'), 'true');
    assert.equal(p.get('cdx:ai:codegen:confidence'), 'unavailable');
    assert.equal(p.get('cdx:ai:codegen:confidence:band'), 'high');
    assert.equal(p.get('cdx:ai:codegen:tools'), 'aider,claude-code,cursor,github-copilot,openai-codex');
    assert.equal(p.get('cdx:ai:codegen:attributionCount'), '40', '20 + 8 + 4 + 8 recorded lines');
    assert.equal(p.get('cdx:ai:oversight:reviewCoverage'), 'unavailable');
    assert.match(p.get('cdx:ai:codegen:tool:claude-code') ?? '', /^confidence=unavailable;band=high;phases=dev;channels=[a-z,-]+;evidence=1 commit\(s\)$/);
    assert.equal(bom.metadata.component.name, FIXTURE_IDENTITY);
    assert.equal(bom.metadata.component.pedigree?.commits.length, 7, 'the assisted and unverified commits');
    for (const [, value] of p) assert.notEqual(value, '0.00', 'never a made-up zero');

    // An empty repository: nothing is known, so nothing is claimed.
    const empty = initRepo();
    const e = runCli(['export', '--repo', empty, '--format', 'cyclonedx']);
    assert.equal(e.status, 0, e.stderr);
    const emptyBom = JSON.parse(e.stdout) as Bom;
    assert.ok(validate(emptyBom), JSON.stringify(validate.errors));
    const ep = props(emptyBom);
    for (const name of ['cdx:ai:codegen:detected', 'cdx:ai:codegen:confidence:band', 'cdx:ai:codegen:tools', 'cdx:ai:codegen:signals:count']) {
      assert.equal(ep.get(name), 'unavailable', name);
    }
    assert.equal(emptyBom.metadata.component.name, path.basename(empty), 'no remote: the folder name, not the path');
  });

  it('--redact-emails replaces people\'s addresses in every format and keeps AI tools\' addresses', () => {
    for (const c of CASES) {
      const r = runCli(['export', '--repo', fixture.dir, '--format', c.format, '--redact-emails', ...(c.rows ? ['--rows', c.rows] : [])]);
      assert.equal(r.status, 0, r.stderr);
      for (const person of ['alice@example.com', 'bob@example.com', 'jane@example.com']) assert.ok(!r.stdout.includes(person), `${c.file}: ${person}`);
      if (['json', 'csv', 'markdown', 'html', 'intoto', 'cyclonedx'].includes(c.format)) {
        assert.ok(r.stdout.includes('@redacted.invalid'), `${c.file}: pseudonyms`);
      }
    }
    const json = JSON.parse(runCli(['export', '--repo', fixture.dir, '--format', 'json', '--redact-emails']).stdout) as {
      commits: { author: { email: string }; evidence: { detail: string }[] }[]; summary: { authors: { email: string }[] };
    };
    const emails = new Set(json.commits.map((c) => c.author.email));
    assert.equal(emails.size, 4, 'one pseudonym per person: authors stay countable');
    assert.equal(json.summary.authors.length, 4);
    assert.ok(json.commits.some((c) => c.evidence.some((e) => e.detail.includes('<noreply@anthropic.com>'))), 'AI addresses are evidence and stay');
    assert.ok(json.commits.some((c) => c.evidence.some((e) => e.detail.includes('<copilot@github.com>'))));
  });
});
