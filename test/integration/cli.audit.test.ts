// `ai-provenance audit` end to end on real repositories.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import type { CommitAudit } from '../../src/core/model';
import { jsonl, runCli } from '../helpers/cli';
import { cleanupTempDirs, commit, fastImport, git, initRepo, tempDir } from '../helpers/repo';

const ROBOT = '\u{1F916}';
const CLAUDE_MSG = `Add parser\n\n${ROBOT} Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude Opus 4.6 (1M context) <noreply@anthropic.com>\n`;
const marker = ['//', 'Generated', 'by', 'GitHub', 'Copilot'].join(' ');

function sampleRepo(): string {
  const dir = initRepo();
  commit(dir, { message: 'Initial commit\n', files: { 'README.md': '# x\n' }, date: '2026-01-01T10:00:00+00:00' });
  commit(dir, { message: 'Tweak\n\nCo-authored-by: Copilot <copilot@github.com>\n', files: { 'a.txt': 'a\n' }, date: '2026-01-02T10:00:00+00:00' });
  commit(dir, { message: CLAUDE_MSG, files: { 'src/p.ts': 'export const p = 1;\n' }, date: '2026-01-03T10:00:00+00:00' });
  commit(dir, { message: 'Wire it up\n', files: { 'src/q.ts': `const q = 2;\n${marker}\nexport { q };\n` }, date: '2026-01-04T10:00:00+00:00' });
  commit(dir, { message: 'aider: rename\n', author: { name: 'Jane Doe (aider)', email: 'jane@example.com' }, files: { 'b.txt': 'b\n' },
    date: '2026-01-05T10:00:00+00:00' });
  return dir;
}

describe('ai-provenance audit (CLI, real git)', function () {
  this.timeout(60000);
  after(cleanupTempDirs);

  it('prints one JSON object per commit in git log order with the contract fields', () => {
    const dir = sampleRepo();
    const r = runCli(['audit', '--repo', dir, '--format', 'jsonl', '--no-cache']);
    assert.equal(r.status, 0, r.stderr);
    const rows = jsonl<CommitAudit>(r.stdout);
    assert.deepEqual(rows.map((c) => c.sha), git(dir, ['log', '--format=%H']).trim().split('\n'));
    for (const row of rows) {
      for (const key of ['sha', 'assisted', 'verdict', 'tools', 'models', 'evidence', 'author', 'date', 'subject']) assert.ok(key in row, key);
    }
    assert.deepEqual(rows.map((c) => c.verdict), ['assisted', 'assisted', 'assisted', 'unverified', 'none']);
    assert.deepEqual(rows[0]?.tools, ['aider']);
    assert.deepEqual(rows[1]?.tools, ['copilot']);
    assert.equal(rows[1]?.evidence[0]?.kind, 'diff');
    assert.deepEqual(rows[1]?.evidence[0]?.locations, [{ file: 'src/q.ts', line: 2 }]);
    assert.deepEqual(rows[2]?.models, ['Claude Opus 4.6 (1M context)']);
    assert.equal(rows[3]?.evidence[0]?.sticky, true);
    assert.equal(r.stderr, '');
  });

  it('is jsonl by default when stdout is not a terminal, and runs from a subdirectory', () => {
    const dir = sampleRepo();
    const r = runCli(['audit'], { cwd: path.join(dir, 'src') });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(jsonl(r.stdout).length, 5);
  });

  it('--no-diffs skips added-line markers', () => {
    const dir = sampleRepo();
    const rows = jsonl<CommitAudit>(runCli(['audit', '--repo', dir, '--no-diffs', '--no-cache']).stdout);
    assert.equal(rows[1]?.verdict, 'none');
    assert.ok(rows.every((c) => c.evidence.every((e) => e.kind !== 'diff')));
    assert.ok(rows.every((c) => c.diffScanned === undefined));
  });

  it('writes json, csv, markdown and summary reports', () => {
    const dir = sampleRepo();
    const json = JSON.parse(runCli(['audit', '--repo', dir, '--format', 'json']).stdout) as { commits: unknown[]; summary: { assisted: number } };
    assert.equal(json.commits.length, 5);
    assert.equal(json.summary.assisted, 3);
    const csv = runCli(['audit', '--repo', dir, '--format', 'csv']).stdout;
    assert.equal(csv.split('\r\n').filter(Boolean).length, 6);
    const md = runCli(['audit', '--repo', dir, '--format', 'markdown']).stdout;
    assert.match(md, /\| claude \|/);
    const summary = runCli(['audit', '--repo', dir, '--format', 'summary'], { env: { NO_COLOR: '1' } }).stdout;
    assert.match(summary, /assisted\s+3/);
    assert.doesNotMatch(summary, /\x1b\[/);
  });

  it('--output writes the file atomically and leaves nothing behind on failure', () => {
    const dir = sampleRepo();
    const out = path.join(tempDir(), 'report.json');
    assert.equal(runCli(['audit', '--repo', dir, '--format', 'json', '--output', out]).status, 0);
    assert.equal((JSON.parse(readFileSync(out, 'utf8')) as { commits: unknown[] }).commits.length, 5);
    const bad = path.join(path.dirname(out), 'bad.json');
    const r = runCli(['audit', '--repo', dir, 'no-such-rev', '--format', 'json', '--output', bad]);
    assert.equal(r.status, 3);
    assert.ok(!existsSync(bad));
    assert.deepEqual(readdirSync(path.dirname(out)), ['report.json']);
  });

  describe('bad input is unverifiable (exit 3, one line), never clean', () => {
    const cases: [string, (dir: string) => string[]][] = [
      ['not a repository', () => ['audit', '--repo', tempDir()]],
      ['a missing directory', () => ['audit', '--repo', '/nonexistent/x']],
      ['an unknown revision', (dir) => ['audit', '--repo', dir, 'nope']],
      ['a revision starting with -', (dir) => ['audit', '--repo', dir, '--', '--output=/tmp/x']],
    ];
    for (const [name, args] of cases) {
      it(name, () => {
        const r = runCli(args(sampleRepo()));
        assert.equal(r.status, 3, r.stderr);
        assert.equal(r.stdout, '');
        assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
        assert.match(r.stderr, /^ai-provenance: unverifiable: /);
      });
    }

    it('missing objects', () => {
      const dir = sampleRepo();
      const victim = git(dir, ['rev-parse', 'HEAD~2']).trim();
      rmSync(path.join(dir, '.git', 'objects', victim.slice(0, 2), victim.slice(2)));
      const r = runCli(['audit', '--repo', dir, '--no-cache']);
      assert.equal(r.status, 3, r.stderr);
      assert.match(r.stderr, /unverifiable/);
    });
  });

  it('usage errors exit 2 with one line', () => {
    for (const args of [['audit', '--bogus'], ['audit', '--format', 'xml'], ['audit', '-n', 'x'], ['frobnicate']]) {
      const r = runCli(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
  });

  it('--help and --version', () => {
    assert.match(runCli(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
    assert.match(runCli(['audit', '--help']).stdout, /--no-diffs/);
    assert.equal(runCli(['--help']).status, 0);
  });

  it('an empty repository audits to zero commits', () => {
    const dir = initRepo();
    const r = runCli(['audit', '--repo', dir, '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { commits: unknown[] }).commits.length, 0);
    assert.match(r.stderr, /no commits yet/);
  });

  it('keeps bytes that are not UTF-8 (latin1, flagged) and huge messages', () => {
    const dir = initRepo();
    const latin = Buffer.concat([Buffer.from('Caf'), Buffer.from([0xe9]), Buffer.from(' cr\xe8me\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n', 'latin1')]);
    const huge = `Huge\n\n${'lorem ipsum '.repeat(500_000)}\n\nCo-authored-by: Cursor <cursoragent@cursor.com>\n`;
    fastImport(dir, [{ message: latin }, { message: huge }]);
    const rows = jsonl<CommitAudit>(runCli(['audit', '--repo', dir, '--no-cache']).stdout);
    assert.equal(rows[1]?.encoding, 'latin1');
    assert.deepEqual(Buffer.from(rows[1]?.subject ?? '', 'latin1'), Buffer.from('Caf\xe9 cr\xe8me', 'latin1'));
    assert.deepEqual(rows[1]?.tools, ['claude']);
    assert.deepEqual(rows[0]?.tools, ['cursor']);
  });

  it('handles merges, root commits and diff merges only on request', () => {
    const dir = initRepo();
    commit(dir, { message: 'root\n', files: { 'a.txt': 'a\n' } });
    git(dir, ['checkout', '-q', '-b', 'side']);
    commit(dir, { message: 'side\n', files: { 'b.txt': 'b\n' } });
    git(dir, ['checkout', '-q', 'main']);
    commit(dir, { message: 'main\n', files: { 'c.txt': 'c\n' } });
    git(dir, ['merge', '-q', '--no-ff', '-m', 'merge side', 'side']);
    const rows = jsonl<CommitAudit>(runCli(['audit', '--repo', dir, '--no-cache']).stdout);
    assert.equal(rows.length, 4);
    assert.equal(rows[0]?.parents.length, 2);
    assert.equal(rows[0]?.diffScanned, false);
    assert.equal(rows.at(-1)?.parents.length, 0);
    const withMerges = jsonl<CommitAudit>(runCli(['audit', '--repo', dir, '--no-cache', '--scan-merges']).stdout);
    assert.equal(withMerges[0]?.diffScanned, true);
  });

  it('caps the bytes scanned per commit', () => {
    const dir = initRepo();
    const big = `${'x'.repeat(100)}\n`.repeat(2000) + `${marker}\n`;
    commit(dir, { message: 'big\n', files: { 'big.txt': big } });
    const capped = jsonl<CommitAudit>(runCli(['audit', '--repo', dir, '--no-cache', '--diff-byte-cap', '4096']).stdout);
    assert.equal(capped[0]?.diffTruncated, true);
    assert.equal(capped[0]?.verdict, 'none');
    const full = jsonl<CommitAudit>(runCli(['audit', '--repo', dir, '--no-cache']).stdout);
    assert.equal(full[0]?.verdict, 'assisted');
  });

  it('filters with -n, --since, --until, --path and REV ranges exactly like git log', () => {
    const dir = sampleRepo();
    const shas = (args: string[]): string[] => jsonl<CommitAudit>(runCli(['audit', '--repo', dir, ...args]).stdout).map((c) => c.sha);
    const gitShas = (args: string[]): string[] => git(dir, ['log', '--format=%H', ...args]).trim().split('\n').filter(Boolean);
    assert.deepEqual(shas(['-n', '2']), gitShas(['-n', '2']));
    assert.deepEqual(shas(['--since', '2026-01-03T00:00:00Z']), gitShas(['--since=2026-01-03T00:00:00Z']));
    assert.deepEqual(shas(['--until', '2026-01-02T12:00:00Z']), gitShas(['--until=2026-01-02T12:00:00Z']));
    assert.deepEqual(shas(['--path', 'src']), gitShas(['--', 'src']));
    assert.deepEqual(shas(['HEAD~3..HEAD']), gitShas(['HEAD~3..HEAD']));
  });

  it('--all covers every branch but not notes or stash', () => {
    const dir = sampleRepo();
    git(dir, ['checkout', '-q', '-b', 'other', 'HEAD~2']);
    commit(dir, { message: 'on other\n', files: { 'o.txt': 'o\n' } });
    git(dir, ['notes', 'add', '-m', 'a note', 'HEAD']);
    const rows = jsonl<CommitAudit>(runCli(['audit', '--repo', dir, '--all']).stdout);
    assert.equal(rows.length, 6);
    assert.ok(!rows.some((c) => c.subject.startsWith('Notes added')));
  });

  it('works in a linked worktree, a submodule and a shallow clone', () => {
    const dir = sampleRepo();
    const wt = path.join(tempDir(), 'wt');
    git(dir, ['worktree', 'add', '-q', '-b', 'wt', wt]);
    commit(wt, { message: 'in worktree\n\nAssisted-by: Claude:claude-3-opus\n', files: { 'w.txt': 'w\n' } });
    const inWt = jsonl<CommitAudit>(runCli(['audit', '--repo', wt]).stdout);
    assert.equal(inWt.length, 6);
    assert.deepEqual(inWt[0]?.models, ['claude-3-opus']);
    assert.ok(existsSync(path.join(dir, '.git', 'ai-provenance', 'cache')), 'cache lives in the common dir');

    const outer = initRepo();
    commit(outer, { message: 'outer\n', files: { 'o.txt': 'o\n' } });
    git(outer, ['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', dir, 'sub']);
    const inSub = jsonl<CommitAudit>(runCli(['audit', '--repo', path.join(outer, 'sub')]).stdout);
    assert.equal(inSub.length, 5);

    const shallow = path.join(tempDir(), 'shallow');
    git(tempDir(), ['clone', '-q', '--depth', '2', `file://${dir}`, shallow]);
    const r = runCli(['audit', '--repo', shallow, '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { repository: { shallow: boolean }; commits: unknown[] };
    assert.equal(report.repository.shallow, true);
    assert.equal(report.commits.length, 2);
    assert.match(r.stderr, /shallow/);
  });
});
