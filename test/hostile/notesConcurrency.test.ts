// Concurrency: linked worktrees of one repository committing at the same time, every commit
// writing a provenance note on the one shared refs/notes/ai-provenance. git's own `git notes`
// moves the ref without checking it still points where it read it, so concurrent writers lost
// notes (1–3 in 120). Every writer now moves it by compare-and-swap: the post-commit shim (notes
// commit-msg prepared), node (commits made with --no-verify, attributed after the fact) and the
// post-rewrite shim (notes carried across an amend). Not one note may be lost.
// AIP_HOSTILE_CONCURRENT_COMMITS=<n> sets the commits per case (default 60; 1,000 for the full run).
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanupTempDirs, commit, initRepo, tempDir } from '../helpers/repo';
import { boundedAsync, hostileCli, hostileGit } from './bounded';

const TOTAL = Number(process.env.AIP_HOSTILE_CONCURRENT_COMMITS ?? 60);
const VSCODE = 'Co-authored-by: Copilot <copilot@github.com>';

type Style = 'commit-msg' | 'no-verify' | 'amend';

/** A repository with our hooks and `n` linked worktrees beside the main one. */
function worktrees(n: number): { dirs: string[]; base: string } {
  const main = initRepo();
  const base = commit(main, { message: 'base\n', files: { 'README.md': 'x\n' } });
  assert.equal(hostileCli(['hooks', 'install', '--repo', main]).status, 0);
  const parent = tempDir('aip-wt-');
  const dirs = [main];
  for (let k = 1; k < n; k++) {
    const dir = path.join(parent, `wt${k}`);
    hostileGit(main, ['worktree', 'add', '-q', '-b', `wt${k}`, dir]);
    dirs.push(dir);
  }
  return { dirs, base };
}

function entry(dir: string, file: string, session: string): void {
  const gitDir = hostileGit(dir, ['rev-parse', '--absolute-git-dir']).stdout.trim();
  const log = path.join(gitDir, 'ai-provenance', 'worklog');
  mkdirSync(log, { recursive: true });
  const name = `${String(Date.now()).padStart(13, '0')}-${process.pid}-${Math.random().toString(16).slice(2, 10).padEnd(8, '0')}.json`;
  writeFileSync(path.join(log, name), `${JSON.stringify({ v: 1, time: new Date().toISOString(), tool: 'aider', session, files: [{ path: file }] })}\n`);
}

/** One worktree's loop: `count` commits (or amends), each writing a note, one after the other. */
async function worker(dir: string, k: number, count: number, style: Style): Promise<void> {
  for (let j = 0; j < count; j++) {
    const file = `w${k}-${j}.txt`;
    writeFileSync(path.join(dir, file), `${k} ${j}\n`);
    hostileGit(dir, ['add', file]);
    let args: string[];
    if (style === 'no-verify') {
      entry(dir, file, `w${k}-${j}`);
      args = ['commit', '-q', '--no-verify', '-m', `w${k} ${j}`];
    } else if (style === 'amend' && j > 0) {
      args = ['commit', '-q', '--amend', '-m', `w${k} amended ${j}\n\n${VSCODE}`];
    } else {
      args = ['commit', '-q', '-m', `w${k} ${j}\n\n${VSCODE}`];
    }
    const r = await boundedAsync('git', args, { cwd: dir, deadlineMs: 120_000 }).done;
    assert.equal(r.status, 0, `worktree ${k}, commit ${j}: ${r.stderr}`);
  }
}

async function race(styles: Style[], perWorker: number): Promise<{ dirs: string[]; base: string; ms: number }> {
  const { dirs, base } = worktrees(styles.length);
  const started = Date.now();
  await Promise.all(styles.map((style, k) => worker(dirs[k] as string, k, perWorker, style)));
  return { dirs, base, ms: Date.now() - started };
}

const noteOf = (dir: string, rev: string): string => hostileGit(dir, ['notes', '--ref=ai-provenance', 'show', rev], { ok: [1] }).stdout;

/** Every commit of each worktree's branch since the base has its note (amends: the whole chain's). */
function assertNoneLost(dirs: string[], base: string, styles: Style[], perWorker: number): number {
  let notes = 0;
  const lost: string[] = [];
  dirs.forEach((dir, k) => {
    const shas = hostileGit(dir, ['rev-list', 'HEAD', '--not', base]).stdout.split('\n').filter(Boolean);
    const style = styles[k] as Style;
    if (style === 'amend') {
      assert.equal(shas.length, 1);
      const lines = noteOf(dir, shas[0] as string).split('\n').filter(Boolean);
      assert.equal(lines.length, perWorker, `worktree ${k}: each of ${perWorker} commits (the first and its amends) left its removal record on the last`);
      notes += lines.length;
      return;
    }
    assert.equal(shas.length, perWorker, `worktree ${k}: ${shas.length} commits`);
    for (const sha of shas) {
      if ((style === 'no-verify' ? /"tool":"aider"/ : /"type":"removal"/).test(noteOf(dir, sha))) notes++;
      else lost.push(`worktree ${k}: ${sha.slice(0, 10)}`);
    }
  });
  assert.deepEqual(lost, [], `${lost.length} notes lost`);
  assert.equal(hostileGit(dirs[0] as string, ['for-each-ref', 'refs/notes/ai-provenance-tmp/']).stdout, '', 'no temporary notes ref left');
  return notes;
}

describe('hostile: linked worktrees committing at once', function () {
  this.timeout(Math.max(300_000, TOTAL * 3_000));
  after(cleanupTempDirs);

  for (const styles of [['commit-msg', 'commit-msg'], ['commit-msg', 'commit-msg', 'commit-msg', 'no-verify']] as Style[][]) {
    const per = Math.ceil(TOTAL / styles.length);
    it(`${styles.length} worktrees, ${per * styles.length} concurrent commits (${[...new Set(styles)].join(', ')}): 0 provenance notes lost`, async () => {
      const { dirs, base, ms } = await race(styles, per);
      const notes = assertNoneLost(dirs, base, styles, per);
      assert.equal(notes, per * styles.length);
      console.log(`      ${styles.length} worktrees: ${notes} commits, ${notes} notes, 0 lost (${(ms / 1000).toFixed(1)} s)`);
    });
  }

  it('amends carrying their notes while two other worktrees commit: every note kept', async () => {
    const styles: Style[] = ['amend', 'commit-msg', 'commit-msg'];
    const per = Math.max(10, Math.ceil(TOTAL / 6));
    const { dirs, base } = await race(styles, per);
    assertNoneLost(dirs, base, styles, per);
  });
});
