// Feeding git on stdin: when git exits before reading all of its input (it failed, or it never
// reads stdin), the caller gets git's own error, not an EPIPE that escapes as an uncaught
// exception (in VS Code that took down whatever the extension host was doing).
import { strict as assert } from 'node:assert';
import { Git, GitError } from '../../src/git/exec';
import { cleanupTempDirs, commit, initRepo } from '../helpers/repo';

describe('git fed on stdin', () => {
  afterEach(() => cleanupTempDirs());

  it('rejects with git\'s error when git exits without reading a large input', async () => {
    const repo = initRepo();
    commit(repo, { message: 'first\n', files: { 'a.txt': 'a\n' } });
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown): void => { uncaught.push(e); };
    process.on('uncaughtException', onUncaught);
    try {
      const input = 'x'.repeat(8 * 1024 * 1024); // far beyond a pipe buffer
      for (let i = 0; i < 5; i++) {
        await assert.rejects(new Git(repo).run(['blame', '--contents', '-', '--', 'no-such-file.txt'], { input }),
          (e: unknown) => e instanceof GitError && /no-such-file|no such path/i.test(e.message));
      }
      await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(uncaught, [], 'no EPIPE escaped');
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
