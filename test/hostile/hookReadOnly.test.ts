// The hooks' own state made unwritable: a read-only `.git/ai-provenance`, a file in its place, a
// read-only working log, a read-only (or file) handoff directory. Whatever happens, what the hook
// prints is true (it never says "message unchanged" about a message it changed, nor "removed" about
// a line still there), a line it removes is recorded in the note, a trailer it adds has its note,
// and recorded evidence belongs to the commit it was recorded for — never to the next commit.
// As root the commits run as `nobody` (root writes through any mode); otherwise as the user.
import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanupTempDirs, commit, initRepo, tempDir } from '../helpers/repo';
import { IS_ROOT, NOBODY, bounded, hostileCli, hostileGit, type Bounded } from './bounded';

const VSCODE = 'Co-authored-by: Copilot <copilot@github.com>';
const CLAUDE = 'Assisted-by: Claude-Code:claude-opus-4-6';
const CODE = 'export const area = (r: number): number => Math.PI * r * r;\n';

/** The repository is the committer's: our own reads of it (as root) need git to accept that. */
const SAFE = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'safe.directory', GIT_CONFIG_VALUE_0: '*' };
const committer = IS_ROOT ? { uid: NOBODY, env: { HOME: '/nonexistent', ...SAFE } } : { env: {} };

const repos: string[] = [];

function repoWithHooks(): string {
  const base = tempDir('aip-ro-hooks-');
  chmodSync(base, 0o755);
  mkdirSync(path.join(base, 'repo'));
  const repo = initRepo(path.join(base, 'repo'));
  commit(repo, { message: 'base\n', files: { 'README.md': 'x\n' } });
  const r = hostileCli(['hooks', 'install', '--repo', repo]);
  assert.equal(r.status, 0, r.stderr);
  repos.push(repo);
  return repo;
}

/** A file-level working-log entry (no digests: it backs any change to the file, the case that leaks). */
function recordEntry(repo: string, files: string[], session: string): string {
  const dir = path.join(repo, '.git', 'ai-provenance', 'worklog');
  mkdirSync(dir, { recursive: true });
  const name = `${String(Date.now()).padStart(13, '0')}-${process.pid}-${Math.random().toString(16).slice(2, 10).padEnd(8, '0')}.json`;
  writeFileSync(path.join(dir, name), `${JSON.stringify({ v: 1, time: new Date().toISOString(), tool: 'claude', model: 'claude-opus-4-6', session, files: files.map((p) => ({ path: p })) })}\n`);
  return name;
}

/** Hands the repository to the committer (as root: to nobody), then applies the modes. */
function handOver(repo: string, modes: [string, number][] = []): void {
  if (IS_ROOT) bounded('chown', ['-R', `${NOBODY}:${NOBODY}`, repo]);
  for (const [rel, mode] of modes) chmodSync(path.join(repo, rel), mode);
}

interface Made extends Bounded {
  message: string;
  body: string;
  note: string;
}

/** Writes and stages `files` and commits `message` through the hooks, as the committer. */
function commitAs(repo: string, message: string, files: Record<string, string>): Made {
  for (const [f, c] of Object.entries(files)) writeFileSync(path.join(repo, f), c);
  if (IS_ROOT) bounded('chown', ['-R', `${NOBODY}:${NOBODY}`, ...Object.keys(files).map((f) => path.join(repo, f))]);
  hostileGit(repo, ['add', '--', ...Object.keys(files)], committer);
  const r = hostileGit(repo, ['commit', '-q', '--cleanup=verbatim', '-m', message], committer);
  const body = hostileGit(repo, ['log', '-1', '--format=%B'], { env: SAFE }).stdout.replace(/\n+$/, '\n');
  const note = hostileGit(repo, ['notes', '--ref=ai-provenance', 'show', 'HEAD'], { ok: [1], env: SAFE }).stdout;
  return { ...r, message, body, note };
}

/** What the hook printed is true of what it did. */
function assertTruthful(m: Made): void {
  if (m.body !== m.message) {
    assert.doesNotMatch(m.stderr, /message unchanged|left as you wrote it/, `the message changed, yet the hook says it did not:\n${m.stderr}`);
  } else {
    assert.doesNotMatch(m.stderr, /ai-provenance: (?:removed|replaced|added) /, `the message is unchanged, yet the hook says it changed it:\n${m.stderr}`);
  }
  for (const line of m.note.split('\n').filter(Boolean)) {
    const record = JSON.parse(line) as { type?: string; action?: string; line?: string };
    if (record.type === 'removal' && record.action !== 'kept') assert.ok(!m.body.includes(record.line as string), `the note records a removal of a line still there: ${record.line}`);
  }
  if (m.body.includes(CLAUDE) && !m.message.includes(CLAUDE)) assert.match(m.note, /"tool":"claude"/, 'an added trailer has its note');
}

const worklog = (repo: string): string[] => {
  const dir = path.join(repo, '.git', 'ai-provenance', 'worklog');
  return existsSync(dir) ? readdirSync(dir).filter((n) => !n.startsWith('.')) : [];
};

describe('hostile: the hooks\' own state unwritable', function () {
  this.timeout(120_000);
  after(() => {
    for (const repo of repos.splice(0)) bounded('chmod', ['-R', 'u+rwX', repo]); // so the temp dirs can be removed
    cleanupTempDirs();
  });

  it('a read-only .git/ai-provenance: evidence attributed and consumed, VS Code\'s unbacked trailer removed and recorded, nothing on the next commit', () => {
    const repo = repoWithHooks();
    recordEntry(repo, ['area.ts'], 's1');
    handOver(repo, [['.git/ai-provenance', 0o555]]);
    const ai = commitAs(repo, 'Add area\n', { 'area.ts': CODE });
    assert.equal(ai.status, 0, ai.stderr);
    assert.equal(ai.body, `Add area\n\n${CLAUDE}\n`);
    assert.match(ai.note, /"tool":"claude".*"session":"s1".*"path":"area\.ts"/);
    assertTruthful(ai);
    assert.deepEqual(worklog(repo), [], 'the entry is consumed (the working log itself is writable)');
    const phantom = commitAs(repo, `Touch area\n\n${VSCODE}\n`, { 'area.ts': `${CODE}// human\n` });
    assert.equal(phantom.body, 'Touch area\n');
    assert.match(phantom.note, /"type":"removal".*"action":"removed"/);
    assert.doesNotMatch(phantom.note, /"tool":"claude"/, 'the evidence belongs to the earlier commit');
    assertTruthful(phantom);
  });

  it('a file in place of .git/ai-provenance: a removal is still recorded, a marker still disclosed with its note', () => {
    const repo = repoWithHooks();
    rmSync(path.join(repo, '.git', 'ai-provenance'), { recursive: true, force: true });
    writeFileSync(path.join(repo, '.git', 'ai-provenance'), 'not a directory\n');
    handOver(repo);
    const phantom = commitAs(repo, `Add b\n\n${VSCODE}\n`, { 'b.txt': 'b\n' });
    assert.equal(phantom.status, 0, phantom.stderr);
    assert.equal(phantom.body, 'Add b\n');
    assert.match(phantom.stderr, /removed "Co-authored-by: Copilot <copilot@github\.com>" .*recorded in the provenance note/);
    assert.match(phantom.note, /"type":"removal"/);
    assertTruthful(phantom);
    const marker = ['//', 'Generated', 'by', 'GitHub', 'Copilot'].join(' ');
    const marked = commitAs(repo, 'Add c\n', { 'c.ts': `${marker}\nexport const c = 1;\n` });
    assert.match(marked.body, /Copilot/, 'the marker is disclosed');
    assert.match(marked.note, /"source":"diff-marker"/);
    assertTruthful(marked);
  });

  it('a read-only working log: the entry is attributed once, marked consumed, and the next commit to the same file gets nothing; writable again, it is tidied', () => {
    const repo = repoWithHooks();
    recordEntry(repo, ['area.ts'], 's1');
    recordEntry(repo, ['area.ts', 'later.ts'], 's2');
    handOver(repo, [['.git/ai-provenance/worklog', 0o555]]);
    const ai = commitAs(repo, 'Add area\n', { 'area.ts': CODE });
    assert.equal(ai.status, 0, ai.stderr);
    assert.equal(ai.body, `Add area\n\n${CLAUDE}\n`);
    assert.match(ai.note, /"session":"s1"/);
    assert.match(ai.note, /"session":"s2".*"path":"area\.ts"/);
    assert.match(ai.stderr, /working log .* is read-only: 2 consumed entries could not be deleted .*marked consumed.* 1 remaining part is kept/);
    assertTruthful(ai);
    assert.equal(worklog(repo).length, 2, 'still there (read-only)');
    const human = commitAs(repo, 'Human edit\n', { 'area.ts': `${CODE}// a human line\n` });
    assert.equal(human.body, 'Human edit\n', 'no attribution on the next commit to the same file');
    assert.equal(human.note, '');
    assertTruthful(human);
    const later = commitAs(repo, 'Add later\n', { 'later.ts': CODE });
    assert.equal(later.body, `Add later\n\n${CLAUDE}\n`, 'the remainder for later.ts still backs its commit');
    assert.match(later.note, /"session":"s2".*"path":"later\.ts"/);
    assert.doesNotMatch(later.note, /"path":"area\.ts"/);
    chmodSync(path.join(repo, '.git/ai-provenance/worklog'), 0o755);
    const tidy = commitAs(repo, 'Another human edit\n', { 'area.ts': `${CODE}// more\n` });
    assert.equal(tidy.note, '');
    assert.deepEqual(worklog(repo), [], 'the consumed entries are deleted once the working log is writable');
    assert.ok(!existsSync(path.join(repo, '.git/ai-provenance-overflow/consumed')), 'and the ledger is empty');
  });

  for (const kind of ['read-only directory', 'file'] as const) {
    it(`a ${kind} where the hook prepares its note: the message is left as written, said in one line, and the evidence still lands on this commit`, () => {
      const repo = repoWithHooks();
        const pending = path.join(repo, '.git', 'ai-provenance-pending');
      if (kind === 'file') writeFileSync(pending, 'in the way\n');
      else mkdirSync(pending);
      handOver(repo, kind === 'file' ? [] : [['.git/ai-provenance-pending', 0o555]]);
      const phantom = commitAs(repo, `Add b\n\n${VSCODE}\n`, { 'b.txt': 'b\n' });
      assert.equal(phantom.status, 0, phantom.stderr);
      assert.equal(phantom.body, `Add b\n\n${VSCODE}\n`, 'the removal could not be recorded: nothing removed');
      assert.match(phantom.stderr, /could not prepare the provenance note .*the message is left as you wrote it/);
      assertTruthful(phantom);
      recordEntry(repo, ['area.ts'], 's1');
      handOver(repo);
      const ai = commitAs(repo, 'Add area\n', { 'area.ts': CODE });
      assert.equal(ai.status, 0, ai.stderr);
      assert.equal(ai.body, 'Add area\n', 'no trailer without a note');
      assert.match(ai.note, /"tool":"claude".*"session":"s1"/, 'post-commit attached the evidence to this commit');
      assertTruthful(ai);
      const next = commitAs(repo, 'Human edit\n', { 'area.ts': `${CODE}// human\n` });
      assert.equal(next.note, '', 'never to the next commit');
      assert.equal(next.body, 'Human edit\n');
    });
  }
});
