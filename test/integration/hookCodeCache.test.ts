// The V8 code cache through real `git commit`s and the installed hooks (src/cli/codeCache.ts): the
// hook's node writes the cache of the bundle it ran and the next commit reads it without rewriting
// it; a corrupt file, an unwritable directory and AIP_COMPILE_CACHE=0 change nothing the commit does.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { writeEntry } from '../../src/git/worklog';
import { runCli } from '../helpers/cli';
import { cleanupTempDirs, commit, git, gitRaw, GIT_ENV, initRepo, tempDir } from '../helpers/repo';

let n = 0;

/** A commit of a file Claude was recorded editing, through the installed hooks, with `env` added. */
function evidenceCommit(dir: string, env: NodeJS.ProcessEnv): { status: number; stderr: string; message: string; note: string } {
  const file = `f${n++}.ts`;
  writeEntry(path.join(dir, '.git'), { v: 1, time: new Date().toISOString(), tool: 'claude', model: 'model-x', source: 'test', files: [{ path: file, ranges: [[1, 1]] }] });
  writeFileSync(path.join(dir, file), `export const v = ${n};\n`);
  git(dir, ['add', file]);
  const r = gitRaw(dir, ['commit', '-q', '-m', 'Fix the parser'], undefined, { ...GIT_ENV, ...env });
  return {
    status: r.status, stderr: r.stderr,
    message: git(dir, ['log', '-1', '--format=%B']).replace(/\n+$/, ''),
    note: gitRaw(dir, ['notes', '--ref=ai-provenance', 'show', 'HEAD']).stdout.toString(),
  };
}

function assertAttributed(r: ReturnType<typeof evidenceCommit>, label: string): void {
  assert.equal(r.status, 0, `${label}: ${r.stderr}`);
  assert.equal(r.stderr, 'ai-provenance: added "Assisted-by: Claude-Code:model-x"\n', `${label}: the hooks print only what they did`);
  assert.equal(r.message, 'Fix the parser\n\nAssisted-by: Claude-Code:model-x', label);
  assert.match(r.note, /"tool":"claude"/, `${label}: note attached`);
}

describe('hooks: V8 code cache of the bundles they start', function () {
  this.timeout(120000);
  after(cleanupTempDirs);

  function repoWithHooks(): string {
    const dir = initRepo();
    commit(dir, { message: 'base\n', files: { 'README.md': 'x\n' } });
    assert.equal(runCli(['hooks', 'install', '--repo', dir]).status, 0);
    return dir;
  }

  it('commit-msg writes the cache of cli-policy.js; the next commit reads it and leaves it as it is', () => {
    const dir = repoWithHooks();
    const cache = path.join(tempDir(), 'v8');
    assertAttributed(evidenceCommit(dir, { AIP_COMPILE_CACHE: cache }), 'first commit');
    const files = readdirSync(cache);
    assert.equal(files.length, 1, files.join(', '));
    assert.match(files[0] as string, /^cli-policy-[0-9a-f]{32}\.v8$/);
    const file = path.join(cache, files[0] as string);
    const before = statSync(file);
    assertAttributed(evidenceCommit(dir, { AIP_COMPILE_CACHE: cache }), 'second commit');
    const after = statSync(file);
    // A hit writes nothing: a miss would have renamed a new file into place.
    assert.equal(after.ino, before.ino);
    assert.equal(after.mtimeMs, before.mtimeMs);
    assert.deepEqual(readdirSync(cache), files);
  });

  it('a corrupt cache file: the commit is the same, and the file is written again whole', () => {
    const dir = repoWithHooks();
    const cache = path.join(tempDir(), 'v8');
    assertAttributed(evidenceCommit(dir, { AIP_COMPILE_CACHE: cache }), 'filling the cache');
    const file = path.join(cache, readdirSync(cache)[0] as string);
    const good = readFileSync(file);
    const corrupt = Buffer.from(good);
    for (let i = 200; i < corrupt.length; i += 97) corrupt[i] = 0x5a;
    writeFileSync(file, corrupt);
    assertAttributed(evidenceCommit(dir, { AIP_COMPILE_CACHE: cache }), 'corrupt cache');
    const rewritten = readFileSync(file);
    assert.notDeepEqual(rewritten, corrupt);
    assert.equal(rewritten.subarray(0, 8).toString('latin1'), 'AIPV8C1\n');
  });

  it('an unwritable cache directory and AIP_COMPILE_CACHE=0: the commit is the same, nothing is written', () => {
    const dir = repoWithHooks();
    const blocker = path.join(tempDir(), 'not-a-dir');
    writeFileSync(blocker, 'x\n');
    assertAttributed(evidenceCommit(dir, { AIP_COMPILE_CACHE: path.join(blocker, 'v8') }), 'unwritable cache');
    assert.equal(readFileSync(blocker, 'utf8'), 'x\n');
    const xdg = tempDir();
    assertAttributed(evidenceCommit(dir, { AIP_COMPILE_CACHE: '0', XDG_CACHE_HOME: xdg }), 'cache off');
    assert.equal(existsSync(path.join(xdg, 'ai-provenance')), false);
    assertAttributed(evidenceCommit(dir, { XDG_CACHE_HOME: xdg }), 'default place');
    assert.equal(readdirSync(path.join(xdg, 'ai-provenance', 'v8')).length, 1);
  });
});
