// `ai-provenance fix` and signatures, with a throwaway SSH key (gpg.format ssh): a signed commit is
// re-signed only when commit.gpgSign is on; otherwise fix says the signature would be dropped and
// needs --yes. A merge of a signed tag keeps its mergetag header byte for byte.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { cleanupTempDirs, commit, git, initRepo, tempDir } from '../helpers/repo';

const PHANTOM = 'Co-authored-by: Copilot <copilot@github.com>';

const raw = (dir: string, sha: string): string => git(dir, ['cat-file', 'commit', sha]);
/** A commit object's text without its parent and signature headers. */
function stable(text: string): string {
  const [head, ...rest] = text.split('\n\n');
  const kept = (head as string).split('\n').filter((l, i, all) => {
    if (l.startsWith('parent ')) return false;
    let j = i;
    while (j >= 0 && (all[j] as string).startsWith(' ')) j--;
    return !(all[j] as string).startsWith('gpgsig');
  });
  return [kept.join('\n'), ...rest].join('\n\n');
}

describe('ai-provenance fix and signed commits (real git, SSH signing)', function () {
  this.timeout(60000);
  let key = '';
  let allowed = '';

  before(function () {
    if (spawnSync('ssh-keygen', ['-?']).error) this.skip(); // ssh-keygen is part of the documented environment
    const dir = tempDir('aip-key-');
    key = path.join(dir, 'id_ed25519');
    const made = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'test', '-f', key]);
    assert.equal(made.status, 0, made.stderr?.toString());
    allowed = path.join(dir, 'allowed_signers');
    writeFileSync(allowed, `committer@example.com ${readFileSync(`${key}.pub`, 'utf8')}`);
  });
  after(cleanupTempDirs);

  function signedRepo(): { dir: string; signed: string } {
    const remote = tempDir('aip-remote-');
    git(remote, ['init', '-q', '--bare']);
    const dir = initRepo();
    git(dir, ['remote', 'add', 'origin', remote]);
    git(dir, ['config', 'gpg.format', 'ssh']);
    git(dir, ['config', 'user.signingKey', key]);
    git(dir, ['config', 'gpg.ssh.allowedSignersFile', allowed]);
    commit(dir, { message: 'base\n' });
    git(dir, ['push', '-q', 'origin', 'main']);
    git(dir, ['config', 'commit.gpgSign', 'true']);
    const signed = commit(dir, { message: `Signed work\n\n${PHANTOM}\n`, files: { 'a.txt': 'a\n' } });
    git(dir, ['config', 'commit.gpgSign', 'false']);
    assert.match(raw(dir, signed), /\ngpgsig -----BEGIN SSH SIGNATURE-----/);
    return { dir, signed };
  }

  it('commit.gpgSign off: refuses without --yes (exit 2), drops the signature with --yes', () => {
    const { dir, signed } = signedRepo();
    const dry = runCli(['fix', '--repo', dir, '--dry-run']);
    assert.match(dry.stdout, /1 signed commit: commit\.gpgSign is off, so its signature will be dropped \(apply with --yes/);
    const refused = runCli(['fix', '--repo', dir]);
    assert.equal(refused.status, 2, refused.stderr);
    assert.match(refused.stderr, /1 of the commits to rewrite is signed and commit\.gpgSign is off: their signatures would be dropped; confirm with --yes/);
    assert.equal(git(dir, ['rev-parse', 'HEAD']).trim(), signed, 'nothing changed');
    const r = runCli(['fix', '--repo', dir, '--yes']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Signed work {2}\(signature dropped\)/);
    const now = git(dir, ['rev-parse', 'HEAD']).trim();
    assert.doesNotMatch(raw(dir, now), /gpgsig/);
    assert.equal(stable(raw(dir, now)), stable(raw(dir, signed)).replace(`\n\n${PHANTOM}\n`, '\n'));
  });

  it('commit.gpgSign on: re-signs with the user key, every other byte kept', () => {
    const { dir, signed } = signedRepo();
    git(dir, ['config', 'commit.gpgSign', 'true']);
    const r = runCli(['fix', '--repo', dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Signed work {2}\(signature resigned\)/);
    const now = git(dir, ['rev-parse', 'HEAD']).trim();
    assert.notEqual(now, signed);
    assert.match(raw(dir, now), /\ngpgsig -----BEGIN SSH SIGNATURE-----/);
    const verify = spawnSync('git', ['verify-commit', now], { cwd: dir, env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
    assert.equal(verify.status, 0, verify.stderr.toString());
    assert.equal(stable(raw(dir, now)), stable(raw(dir, signed)).replace(`\n\n${PHANTOM}\n`, '\n'));
  });

  it('a merge of a signed tag keeps its mergetag header', () => {
    const remote = tempDir('aip-remote-');
    git(remote, ['init', '-q', '--bare']);
    const dir = initRepo();
    git(dir, ['remote', 'add', 'origin', remote]);
    git(dir, ['config', 'gpg.format', 'ssh']);
    git(dir, ['config', 'user.signingKey', key]);
    commit(dir, { message: 'base\n' });
    git(dir, ['push', '-q', 'origin', 'main']);
    git(dir, ['checkout', '-q', '-b', 'topic']);
    commit(dir, { message: 'Topic\n', files: { 't.txt': 't\n' } });
    git(dir, ['tag', '-s', '-m', 'signed release', 'v1']);
    git(dir, ['checkout', '-q', 'main']);
    commit(dir, { message: 'Main\n', files: { 'm.txt': 'm\n' } });
    git(dir, ['merge', '-q', '--no-ff', '--no-verify', '-m', `Merge v1\n\n${PHANTOM}`, 'v1']);
    const merge = git(dir, ['rev-parse', 'HEAD']).trim();
    assert.match(raw(dir, merge), /\nmergetag object /);
    const r = runCli(['fix', '--repo', dir, '--yes']);
    assert.equal(r.status, 0, r.stderr);
    const now = git(dir, ['rev-parse', 'HEAD']).trim();
    assert.notEqual(now, merge);
    assert.equal(stable(raw(dir, now)), stable(raw(dir, merge)).replace(`\n\n${PHANTOM}\n`, '\n'));
    assert.match(raw(dir, now), /\nmergetag object /);
  });
});
