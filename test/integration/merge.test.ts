// `ai-provenance merge`: shards and single-repository reports combined into one report, the same
// bytes whatever the order of the inputs; refusals (schema versions, contradictions, bad files)
// in one line with exit 3.
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { runCli } from '../helpers/cli';
import { buildOrg, type Org } from '../helpers/org';
import { cleanupTempDirs, tempDir } from '../helpers/repo';

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]));
}

describe('ai-provenance merge (real reports)', function () {
  this.timeout(180000);
  let org: Org;
  let dir: string;
  const file = (name: string): string => path.join(dir, name);

  before(() => {
    org = buildOrg();
    dir = tempDir();
    const shard = (name: string, repos: string[]): void => {
      writeFileSync(file(`${name}.txt`), repos.join('\n'));
      const r = runCli(['fleet', '--repos', file(`${name}.txt`), '--format', 'json', '--output', file(`${name}.json`)]);
      assert.ok(r.status === 0 || r.status === 3, r.stderr);
    };
    shard('shard-1', [org.app, org.broken]);
    shard('shard-2', [org.lib, org.bare]);
    shard('all', [org.bare, org.lib, org.broken, org.app]);
    const single = runCli(['export', '--repo', org.lib, '--format', 'json', '--output', file('lib.json')]);
    assert.equal(single.status, 0, single.stderr);
  });
  after(cleanupTempDirs);

  it('gives the same bytes whatever the order of the inputs, and a valid fleet report', () => {
    const inputs = ['shard-1.json', 'shard-2.json', 'lib.json'].map(file);
    const outputs = permutations(inputs).map((p) => runCli(['merge', ...p]));
    for (const r of outputs) {
      assert.equal(r.status, 3, r.stderr);
      assert.equal(r.stdout, outputs[0]?.stdout);
    }
    assert.match(outputs[0]?.stderr ?? '', /ai-provenance: unverifiable: broken: /);
    assert.match(outputs[0]?.stderr ?? '', /note: lib: in more than one report with the same history: counted once/);
    const doc = JSON.parse(outputs[0]?.stdout ?? '') as { repositories: { repository: string }[]; commits: { repository: string }[]; summary: { commits: number } };
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(__dirname, '../../dist/schemas/fleet-report.schema.json'), 'utf8')) as object);
    assert.ok(validate(doc), JSON.stringify(validate.errors));
    assert.deepEqual(doc.repositories.map((e) => e.repository), ['broken', org.ids.app, 'lib', 'svc.git'], 'sorted by name');
    assert.equal(doc.summary.commits, 7, 'lib counted once');
    // A merge of the shards is the merge of one run over all of them.
    assert.equal(runCli(['merge', file('all.json')]).stdout, outputs[0]?.stdout);
    // Merging a merge changes nothing.
    writeFileSync(file('merged.json'), outputs[0]?.stdout ?? '');
    assert.equal(runCli(['merge', file('merged.json')]).stdout, outputs[0]?.stdout);
  });

  it('writes every fleet format; exit 0 when no repository is unverifiable', () => {
    const r = runCli(['merge', file('shard-2.json'), file('lib.json'), '--format', 'markdown']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.includes('## Per repository'));
    const lines = runCli(['merge', file('shard-2.json'), '--format', 'jsonl']).stdout.trim().split('\n');
    assert.equal(lines.length, 4);
    const out = path.join(tempDir(), 'org.html');
    assert.equal(runCli(['merge', file('shard-2.json'), '--format', 'html', '--output', out]).status, 0);
    assert.ok(readFileSync(out, 'utf8').startsWith('<!DOCTYPE html>'));
  });

  it('refuses reports of different schema versions, contradictions and bad files: one line, exit 3', () => {
    const doc = JSON.parse(readFileSync(file('lib.json'), 'utf8')) as Record<string, unknown>;
    const write = (name: string, content: unknown): string => {
      writeFileSync(file(name), typeof content === 'string' ? content : JSON.stringify(content));
      return file(name);
    };
    const cases: [string[], RegExp][] = [
      [[file('lib.json'), write('v2.json', { ...doc, schemaVersion: 2 })], /reports of different schema versions cannot be merged: .*lib\.json is version 1, .*v2\.json is version 2/],
      [[write('only-v2.json', { ...doc, schemaVersion: 2 })], /only-v2\.json is schema version 2: this ai-provenance reads version 1/],
      [[write('not-json.json', '{"schemaVersion":1,')], /not-json\.json is not JSON/],
      [[write('array.json', [1, 2])], /array\.json is not an ai-provenance JSON report/],
      [[write('bad.json', { ...doc, commits: [{ sha: 'x' }] })], /bad\.json is not a valid report: commits\.0/],
      [[file('missing.json')], /cannot read .*missing\.json \(ENOENT\)/],
      [[file('lib.json'), write('moved.json', { ...doc, repository: { ...(doc.repository as object), head: 'f'.repeat(40) } })],
        /repository "lib" is in .*lib\.json and .*moved\.json with different contents \(HEAD [0-9a-f]{12} and ffffffffffff\)/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(['merge', ...args]);
      assert.equal(r.status, 3, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      const lines = r.stderr.split('\n').filter(Boolean);
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0] as string, /^ai-provenance: unverifiable: merge: /);
      assert.match(lines[0] as string, message);
    }
    assert.equal(runCli(['merge']).status, 2);
    assert.equal(runCli(['merge', file('lib.json'), '--format', 'pdf']).status, 2);
  });

  it('--redact-emails on merge', () => {
    const r = runCli(['merge', file('shard-2.json'), '--redact-emails']);
    assert.equal(r.status, 0);
    assert.ok(!r.stdout.includes('carol@example.com'));
    assert.ok(r.stdout.includes('@redacted.invalid'));
  });
});
