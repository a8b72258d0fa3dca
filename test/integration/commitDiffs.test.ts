// Many commits' diffs in one `git diff-tree --stdin`: each part equals what `git diff` prints for
// that commit against its first parent, however the output is chunked; the patch cap cuts only the
// patch. Real git, odd commits included (root, empty, merge, binary, a file named like a commit id).
import { strict as assert } from 'node:assert';
import { Git } from '../../src/git/exec';
import { COMMIT_DIFF_ARGS, DiffSplitter, readCommitDiffs, type CommitDiff } from '../../src/git/commitDiffs';
import { cleanupTempDirs, commit, git, gitRaw, initRepo } from '../helpers/repo';

const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

function oddHistory(): { dir: string; shas: string[] } {
  const dir = initRepo();
  const root = commit(dir, { message: 'root\n', files: { 'a.txt': 'a\n' } });
  const empty = commit(dir, { message: 'empty\n', files: {} });
  const named = commit(dir, { message: 'named like a sha\n', files: { [root]: 'x\n', 'b.txt': 'b\nc\n' } });
  git(dir, ['checkout', '-q', '-b', 'side']);
  const side = commit(dir, { message: 'side\n', files: { 'side.bin': Buffer.from([0, 1, 2, 0, 255]) } });
  git(dir, ['checkout', '-q', 'main']);
  const main = commit(dir, { message: 'main\n', files: { 'a.txt': 'a\nmore\n', 'latin.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]) } });
  git(dir, ['merge', '-q', '--no-ff', '--no-verify', '-m', 'merge', 'side']);
  const merge = git(dir, ['rev-parse', 'HEAD']).trim();
  const empty2 = commit(dir, { message: 'empty again\n', files: {} });
  return { dir, shas: [empty2, merge, main, side, named, empty, root] };
}

function expected(dir: string, sha: string): string {
  const parent = gitRaw(dir, ['rev-parse', '-q', '--verify', `${sha}^1`]).stdout.toString().trim() || EMPTY_TREE;
  const args = COMMIT_DIFF_ARGS.filter((a) => !['-r', '--root', '--always', '--diff-merges=first-parent'].includes(a));
  return gitRaw(dir, ['diff', '--no-abbrev', ...args, parent, sha, '--']).stdout.toString('latin1');
}

describe('commit diffs in one git diff-tree --stdin', function () {
  this.timeout(30000);
  after(cleanupTempDirs);

  it("gives each commit exactly what git diff prints for it against its first parent", async () => {
    const { dir, shas } = oddHistory();
    const diffs = await readCommitDiffs(new Git(dir), shas, 1 << 20);
    assert.deepEqual([...diffs.keys()], shas);
    for (const sha of shas) assert.equal(diffs.get(sha)?.text, expected(dir, sha), sha);
    assert.equal(diffs.get(shas[0] as string)?.text, '', 'an empty commit has an empty diff');
    assert.ok(diffs.get(shas[1] as string)?.text.includes('side.bin'), 'a merge shows its first-parent diff');
  });

  it('splits the same way whatever the chunking, and caps only the patch', async () => {
    const { dir, shas } = oddHistory();
    const whole = gitRaw(dir, ['diff-tree', '--stdin', ...COMMIT_DIFF_ARGS], `${shas.join('\n')}\n`).stdout;
    for (const size of [1, 2, 3, 7, 41, 64, 1000]) {
      const got = new Map<string, CommitDiff>();
      const splitter = new DiffSplitter(shas, 1 << 20, (sha, d) => got.set(sha, d));
      for (let i = 0; i < whole.length; i += size) splitter.push(whole.subarray(i, i + size));
      splitter.end();
      for (const sha of shas) assert.equal(got.get(sha)?.text, expected(dir, sha), `chunks of ${size}: ${sha}`);
    }
    const capped = await readCommitDiffs(new Git(dir), shas, 10);
    const named = capped.get(shas[4] as string) as CommitDiff;
    const full = expected(dir, shas[4] as string);
    const rawEnd = full.indexOf('\0\0') + 2;
    assert.equal(named.truncated, true);
    assert.equal(named.text, full.slice(0, rawEnd + 10), 'the raw part whole, then 10 bytes of patch');
    assert.equal(capped.get(shas[0] as string)?.truncated, false);
  });
});
