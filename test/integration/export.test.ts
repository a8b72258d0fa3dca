// `ai-provenance export` end to end: golden files for every format on a deterministic fixture
// repository (UPDATE_GOLDEN=1 rewrites them), byte-identical reruns, the shipped JSON Schema and
// the SARIF schema, CSV injection, HTML escaping, Agent Trace round trip, `report --by`.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { runExport, type ExportRequest } from '../../src/app/export';
import { parseTraces } from '../../src/core/agentTrace';
import type { ExportFormat } from '../../src/core/report/writer';
import { runCli } from '../helpers/cli';
import { cleanupTempDirs, git, tempDir } from '../helpers/repo';
import { GENERATED_AT, HOSTILE_AUTHOR, HOSTILE_SUBJECT, buildFixtureRepo, type FixtureRepo } from '../fixtures/golden/fixtureRepo';

const GOLDEN_DIR = path.join(__dirname, '../fixtures/golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const ROOT_PLACEHOLDER = '/fixture/repo';

const CASES: { file: string; format: ExportFormat; rows?: 'evidence' }[] = [
  { file: 'report.json', format: 'json' },
  { file: 'report.csv', format: 'csv' },
  { file: 'evidence.csv', format: 'csv', rows: 'evidence' },
  { file: 'report.md', format: 'markdown' },
  { file: 'report.html', format: 'html' },
  { file: 'report.sarif', format: 'sarif' },
  { file: 'report.intoto.json', format: 'intoto' },
  { file: 'agent-trace.jsonl', format: 'agent-trace' },
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
    let text = chunks.join('');
    for (const root of new Set([realpathSync(fixture.dir), fixture.dir])) text = text.split(root).join(ROOT_PLACEHOLDER);
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
    assert.equal(uris.length, 10, 'nine evidence results and one removal (AIP007)');
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
    assert.ok(readFileSync(out, 'utf8').includes(`None: every commit follows the policy (policy: ${policy}).`));
  });
});
