// `ai-provenance fleet` over real generated repositories (work trees, a bare one, one nested in
// another's work tree, a broken one), its formats and schemas, its cache, and the README's
// warehouse queries run in a real DuckDB on its JSON Lines.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { jsonl, runCli } from '../helpers/cli';
import { buildOrg, type Org } from '../helpers/org';
import { cleanupTempDirs, commit, git, tempDir } from '../helpers/repo';

const SCHEMAS = path.join(__dirname, '../../dist/schemas');
const README = path.join(__dirname, '../../README.md');

function validator(file: string): (doc: unknown) => string | undefined {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(path.join(SCHEMAS, file), 'utf8')) as object);
  return (doc) => (validate(doc) ? undefined : JSON.stringify(validate.errors));
}

interface Rec { repository: string; sha: string; verdict: string; tools: string[]; date: string }

describe('ai-provenance fleet (real repositories)', function () {
  this.timeout(180000);
  let org: Org;
  before(() => {
    org = buildOrg();
  });
  after(cleanupTempDirs);

  it('finds work trees and bare repositories, audits them, reports the broken one and goes on (exit 3)', () => {
    const r = runCli(['fleet', org.root, '--jobs', '2']);
    assert.equal(r.status, 3, r.stderr);
    const records = jsonl<Rec>(r.stdout);
    const per = new Map<string, number>();
    for (const rec of records) per.set(rec.repository, (per.get(rec.repository) ?? 0) + 1);
    assert.deepEqual([...per], [[org.ids.app, 3], [org.ids.lib, 2], [org.ids.bare, 2]], 'sorted path order; the nested repository is not audited');
    const unverifiable = r.stderr.split('\n').filter((l) => l.includes('unverifiable'));
    assert.equal(unverifiable.length, 1, r.stderr);
    assert.match(unverifiable[0] as string, /^ai-provenance: unverifiable: broken: \S/);
    for (const text of [r.stdout, r.stderr]) {
      assert.ok(!text.includes(org.root), 'never the machine\'s path');
      assert.ok(!text.includes('tok3n'), 'never the remote\'s credentials');
    }
    const check = validator('fleet-record.schema.json');
    for (const rec of records) assert.equal(check(rec), undefined);
    assert.deepEqual(Object.keys(records[0] as object).slice(0, 2), ['repository', 'sha']);
  });

  it('writes the same bytes whatever --jobs, and exits 0 when every repository is read', () => {
    const list = path.join(tempDir(), 'repos.txt');
    writeFileSync(list, `# the readable ones\n${path.relative(org.root, org.lib)}\n\n${path.relative(org.root, org.app)}\n${org.bare}\n`);
    const one = runCli(['fleet', '--repos', list, '--jobs', '1', '--format', 'json'], { cwd: org.root });
    const four = runCli(['fleet', '--repos', list, '--jobs', '4', '--format', 'json'], { cwd: org.root });
    assert.equal(one.status, 0, one.stderr);
    assert.equal(four.stdout, one.stdout);
    const doc = JSON.parse(one.stdout) as { repositories: { repository: string }[] };
    assert.deepEqual(doc.repositories.map((e) => e.repository), [org.ids.lib, org.ids.app, org.ids.bare], 'the order of the list');
    const stdin = runCli(['fleet', '--repos', '-', '--format', 'json'], { cwd: org.root, input: readFileSync(list, 'utf8') });
    assert.equal(stdin.stdout, one.stdout);
  });

  it('json: one entry per repository, per tool and per month, valid against the published schema; markdown and html', () => {
    const r = runCli(['fleet', org.root, '--format', 'json', '--generated-at', '2026-05-01T00:00:00Z']);
    assert.equal(r.status, 3);
    const doc = JSON.parse(r.stdout) as {
      generatedAt: string; commits: Rec[]; summary: { commits: number; assisted: number; unverified: number };
      repositories: ({ repository: string; unverifiable?: string; summary?: { commits: number } })[];
      tools: { tool: string; commits: number; repositories: number }[]; months: { month: string; commits: number }[];
    };
    assert.equal(validator('fleet-report.schema.json')(doc), undefined);
    assert.equal(doc.generatedAt, '2026-05-01T00:00:00Z');
    assert.deepEqual(doc.repositories.map((e) => [e.repository, e.summary?.commits ?? e.unverifiable?.slice(0, 0)]),
      [[org.ids.app, 3], [org.ids.lib, 2], [org.ids.bare, 2], [org.ids.broken, '']]);
    assert.equal(doc.commits.length, 7);
    assert.deepEqual([doc.summary.commits, doc.summary.assisted, doc.summary.unverified], [7, 2, 2]);
    assert.deepEqual(doc.tools, [{ tool: 'copilot', commits: 2, repositories: 2 }, { tool: 'aider', commits: 1, repositories: 1 },
      { tool: 'claude', commits: 1, repositories: 1 }]);
    assert.deepEqual(doc.months.map((m) => [m.month, m.commits]), [['2026-01', 3], ['2026-02', 2], ['2026-03', 2]]);

    const md = runCli(['fleet', org.root, '--format', 'markdown']);
    for (const heading of ['## Summary', '## Per repository', '## Repositories that could not be read', '## Per tool', '## Per month']) {
      assert.ok(md.stdout.includes(heading), heading);
    }
    assert.ok(md.stdout.includes('| https://git.example.com/team-a/app.git | 3 | 2 | 66.7 % | 0 | aider, claude |'), md.stdout);
    const html = runCli(['fleet', org.root, '--format', 'html']);
    assert.ok(html.stdout.startsWith('<!DOCTYPE html>'));
    assert.ok(html.stdout.includes('Content-Security-Policy'));
    assert.ok(!/(?:src|href)="https?:/.test(html.stdout), 'no network');
    assert.ok(!html.stdout.includes(org.root));
  });

  it('keeps each repository\'s cache: a second run reads only the new commits', () => {
    const first = runCli(['fleet', org.app, org.lib]);
    assert.equal(first.status, 0, first.stderr);
    for (const dir of [org.app, org.lib]) assert.ok(existsSync(path.join(dir, '.git', 'ai-provenance', 'cache')), dir);
    const again = runCli(['fleet', org.app, org.lib]);
    assert.equal(again.stdout, first.stdout);
    commit(org.lib, { message: 'Later\n\nAssisted-by: Claude:claude-opus-4-6\n', files: { 'later.txt': 'x\n' }, date: '2026-04-02T10:00:00+00:00' });
    const third = runCli(['fleet', org.app, org.lib, '--verbose']);
    assert.equal(third.status, 0);
    git(org.lib, ['reset', '-q', '--hard', 'HEAD~1']);
    // History is read by `git log -z …`: once, for the repository that moved, from its new tip down
    // to the tip the cache already holds (`^<old tip>`); the unchanged one is served from its cache.
    const reads = third.stderr.split('\n').filter((l) => / log -z /.test(l));
    assert.equal(reads.length, 1, third.stderr);
    assert.match(reads[0] as string, / \^[0-9a-f]{40} /, 'excludes what the cache holds');
    assert.equal(jsonl<Rec>(third.stdout).filter((x) => x.repository === org.ids.lib).length, 3);
  });

  it('--redact-emails, and usage errors', () => {
    const r = runCli(['fleet', org.app, '--redact-emails']);
    assert.equal(r.status, 0);
    assert.ok(!r.stdout.includes('alice@example.com') && r.stdout.includes('@redacted.invalid'));
    assert.ok(r.stdout.includes('noreply@anthropic.com'), 'AI addresses stay');
    assert.equal(runCli(['fleet']).status, 2);
    assert.equal(runCli(['fleet', org.app, '--repos', 'x.txt']).status, 2);
    assert.equal(runCli(['fleet', org.app, '--jobs', '0']).status, 2);
    assert.equal(runCli(['fleet', '--repos', path.join(tempDir(), 'missing.txt')]).status, 2);
    const none = runCli(['fleet', path.join(org.root, 'team-d')]);
    assert.equal(none.status, 3);
    assert.match(none.stderr, /no git repository under/);
  });

  it('loads into a real DuckDB, where the README\'s queries give the report\'s figures', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'fleet.jsonl');
    const r = runCli(['fleet', org.root, '--output', file]);
    assert.equal(r.status, 3);
    const records = jsonl<Rec>(readFileSync(file, 'utf8'));
    const queries = [...readFileSync(README, 'utf8').matchAll(/```sql\n([\s\S]*?)```/g)]
      .map((m) => m[1] as string).filter((q) => q.includes("read_json('fleet.jsonl'"));
    assert.equal(queries.length, 2, 'the README shows two warehouse queries');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    const run = async (sql: string): Promise<Record<string, unknown>[]> =>
      (await conn.runAndReadAll(sql.split("'fleet.jsonl'").join(`'${file.replace(/'/g, "''")}'`))).getRowObjectsJson() as Record<string, unknown>[];
    try {
      const byMonth = await run(queries[0] as string);
      const expected = new Map<string, { commits: number; assisted: number }>();
      for (const rec of records) {
        const key = `${rec.repository} ${new Date(rec.date).toISOString().slice(0, 7)}`;
        const row = expected.get(key) ?? { commits: 0, assisted: 0 };
        row.commits++;
        if (rec.verdict === 'assisted') row.assisted++;
        expected.set(key, row);
      }
      assert.deepEqual(byMonth.map((row) => [`${row.repository} ${row.month}`, Number(row.commits), Number(row.assisted)]).sort(),
        [...expected].map(([k, v]) => [k, v.commits, v.assisted]).sort());
      const app = byMonth.find((row) => row.repository === org.ids.app && row.month === '2026-02');
      assert.equal(Number(app?.assisted_pct), 50);
      const byTool = await run(queries[1] as string);
      assert.deepEqual(byTool.map((row) => [row.tool, Number(row.commits), Number(row.repositories)]),
        [['copilot', 2, 2], ['aider', 1, 1], ['claude', 1, 1]]);
    } finally {
      conn.closeSync();
      db.closeSync();
    }
  });
});
