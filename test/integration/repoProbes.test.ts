// openRepository asks git two questions (one rev-parse, one config) where it asked four, and the
// audit cache's validity check reuses the answers: they must be what the separate calls said.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { Git } from '../../src/git/exec';
import { historyState } from '../../src/git/cacheValidity';
import { openRepository, useReplaceRefs } from '../../src/git/repo';
import { GIT_ENV, cleanupTempDirs, commit, git, gitRaw, initRepo, tempDir } from '../helpers/repo';

/** What the separate calls answer (the code before the probes were merged). */
async function separately(dir: string): Promise<{ head: string; objectsDir: string; grafts: string; useReplace: string }> {
  const g = new Git(dir);
  const head = (await g.text(['rev-parse', '-q', '--verify', 'HEAD^{commit}'], { okExitCodes: [1, 128] }).catch(() => '')).trim();
  const [objectsDir = '', grafts = ''] = (await g.text(['rev-parse', '--path-format=absolute', '--git-path', 'objects', '--git-path', 'info/grafts'])).split('\n');
  const useReplace = (await g.text(['config', '--type=bool', '--get', 'core.useReplaceRefs'], { okExitCodes: [1] }).catch(() => '?')).trim();
  return { head, objectsDir, grafts, useReplace };
}

describe('repository probes: one rev-parse and one config call', () => {
  const saved = { ...process.env };
  before(() => Object.assign(process.env, GIT_ENV));
  after(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    cleanupTempDirs();
  });

  it('HEAD, the object directory and the graft file as the separate calls give them: work tree, unborn, bare, inside .git, linked worktree', async () => {
    const unborn = initRepo();
    const repo = initRepo();
    commit(repo, { message: 'one\n', files: { 'a.txt': 'a\n' } });
    const bare = path.join(tempDir(), 'b.git');
    git(tempDir(), ['clone', '-q', '--bare', repo, bare]);
    const linked = path.join(tempDir(), 'wt');
    git(repo, ['worktree', 'add', '-q', '-b', 'side', linked]);
    for (const dir of [repo, path.join(repo, '.git'), unborn, bare, linked]) {
      const { info } = await openRepository(dir);
      const want = await separately(dir);
      assert.equal(info.head ?? '', want.head, `${dir}: HEAD`);
      assert.equal(info.historyPaths?.objectsDir, want.objectsDir, `${dir}: objects`);
      assert.equal(info.historyPaths?.grafts, want.grafts, `${dir}: grafts`);
    }
  });

  it('core.useReplaceRefs read as git reads a boolean, and the cache validity digest unchanged', async () => {
    const repo = initRepo();
    commit(repo, { message: 'one\n', files: { 'a.txt': 'a\n' } });
    for (const value of [undefined, 'false', 'FALSE', 'no', 'off', '0', 'true', 'yes', 'on', '1', '2', '']) {
      gitRaw(repo, ['config', '--unset-all', 'core.useReplaceRefs']);
      if (value !== undefined) git(repo, ['config', 'core.useReplaceRefs', value]);
      const { git: g, info } = await openRepository(repo);
      const want = await separately(repo);
      assert.equal(info.historyPaths?.useReplaceRefs, want.useReplace !== 'false', `core.useReplaceRefs=${JSON.stringify(value)}`);
      const probed = await historyState(g, info);
      const asked = await historyState(g, { commonDir: info.commonDir });
      assert.deepEqual(probed, asked, `digest with core.useReplaceRefs=${JSON.stringify(value)}`);
    }
  });

  it('useReplaceRefs parses -z output: the last value wins, a bare key is true', () => {
    assert.equal(useReplaceRefs(''), true);
    assert.equal(useReplaceRefs('core.usereplacerefs\nfalse\0'), false);
    assert.equal(useReplaceRefs('core.usereplacerefs\nfalse\0core.usereplacerefs\0'), true);
    assert.equal(useReplaceRefs('core.usereplacerefs\ntrue\0core.usereplacerefs\n00\0'), false);
    assert.equal(useReplaceRefs('trailer.x.key\nfalse\0'), true);
  });
});
