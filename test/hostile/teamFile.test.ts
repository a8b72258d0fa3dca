// Files we read that someone else controls: the team file `.ai-provenance.json` is committed by
// anyone with push access. A FIFO must not hang a commit, /dev/zero must not run away, a link out of
// the work tree must not be followed, and no error may echo the file's bytes. Each is one warning
// line and the defaults (plus the user's settings) apply; `policy show`, `check` and a real commit
// through the installed hooks are tried against each.
import { strict as assert } from 'node:assert';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanupTempDirs, commit, initRepo, tempDir } from '../helpers/repo';
import { bounded, hostileCli, hostileGit } from './bounded';

const SECRET = 'ghp_S3CR3T0KEN4ai9provenance0000';
const PHANTOM = 'Co-authored-by: Copilot <copilot@github.com>';

interface Planted {
  name: string;
  plant: (repo: string) => void;
  /** What the one warning line must say. */
  says: RegExp;
}

const PLANTS: Planted[] = [
  { name: 'a FIFO', plant: (repo) => void bounded('mkfifo', [path.join(repo, '.ai-provenance.json')]), says: /is a FIFO, not a regular file/ },
  { name: 'a symbolic link to /dev/zero', plant: (repo) => symlinkSync('/dev/zero', path.join(repo, '.ai-provenance.json')), says: /leads out of/ },
  {
    name: 'a symbolic link to a secret outside the repository',
    plant: (repo) => {
      const outside = path.join(tempDir('aip-secret-'), 'token.json');
      writeFileSync(outside, `{"mode": "${SECRET}"}\n`);
      symlinkSync(outside, path.join(repo, '.ai-provenance.json'));
    },
    says: /leads out of/,
  },
  { name: 'a directory', plant: (repo) => mkdirSync(path.join(repo, '.ai-provenance.json')), says: /is a directory, not a regular file/ },
  {
    name: 'a file of 300 KB',
    plant: (repo) => writeFileSync(path.join(repo, '.ai-provenance.json'), `{"mode": "strip", "pad": "${'x'.repeat(300 * 1024)}"}`),
    says: /is too large/,
  },
];

describe('hostile: the team file', function () {
  this.timeout(60_000);
  after(cleanupTempDirs);

  for (const p of PLANTS) {
    describe(`as ${p.name}`, () => {
      let repo: string;
      before(() => {
        repo = initRepo();
        commit(repo, { message: 'first\n', files: { 'a.txt': 'a\n' } });
        p.plant(repo);
      });

      it('policy show: one warning line, the defaults apply, nothing echoed', () => {
        const r = hostileCli(['policy', 'show', '--repo', repo]);
        assert.equal(r.status, 0, r.stderr);
        assert.match(r.stdout, /^mode: {3}evidence$/m);
        const warnings = r.stderr.split('\n').filter(Boolean);
        assert.equal(warnings.length, 1, r.stderr);
        assert.match(warnings[0] as string, p.says);
        assert.match(warnings[0] as string, /the team policy is not applied/);
        assert.ok(!(r.stdout + r.stderr).includes(SECRET));
      });

      it('check: runs with the defaults and says why the team file was not used', () => {
        const r = hostileCli(['check', '--repo', repo]);
        assert.equal(r.status, 0, r.stdout + r.stderr);
        assert.match(r.stderr, p.says);
        assert.ok(!(r.stdout + r.stderr).includes(SECRET));
      });

      it('a commit through the installed hooks completes, warns once, and applies the defaults', () => {
        assert.equal(hostileCli(['hooks', 'install', '--repo', repo]).status, 0);
        writeFileSync(path.join(repo, 'b.txt'), `${Math.random()}\n`);
        hostileGit(repo, ['add', 'b.txt']);
        const r = hostileGit(repo, ['commit', '-q', '-m', `Change b\n\n${PHANTOM}\n`]);
        assert.ok(!(r.stdout + r.stderr).includes(SECRET));
        assert.equal(r.stderr.split('\n').filter((l) => p.says.test(l)).length, 1, r.stderr);
        const message = hostileGit(repo, ['log', '-1', '--format=%B']).stdout;
        assert.ok(message.startsWith('Change b\n'), message);
        assert.ok(!message.includes(PHANTOM), 'evidence mode (the default) dropped the unsupported phantom trailer');
      });
    });
  }

  it('a file in the tree that is not JSON (a link to .env): line and column, never its bytes', () => {
    const repo = initRepo();
    commit(repo, { message: 'first\n', files: { 'a.txt': 'a\n' } });
    writeFileSync(path.join(repo, '.env'), `TOKEN=${SECRET}\nOTHER=1\n`);
    symlinkSync('.env', path.join(repo, '.ai-provenance.json'));
    const r = hostileCli(['policy', 'show', '--repo', repo]);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'ai-provenance: .ai-provenance.json: not valid JSON (line 1, column 1)\n');
    const c = hostileCli(['check', '--repo', repo]);
    assert.equal(c.status, 2);
    assert.ok(!(c.stdout + c.stderr).includes(SECRET));
  });

  it('a long or hostile value is quoted short and neutralised', () => {
    const repo = initRepo();
    commit(repo, { message: 'first\n', files: { 'a.txt': 'a\n' } });
    writeFileSync(path.join(repo, '.ai-provenance.json'), JSON.stringify({ mode: `\u001b]52;c;${SECRET}\u0007${'x'.repeat(200)}` }));
    const r = hostileCli(['policy', 'show', '--repo', repo]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^ai-provenance: \.ai-provenance\.json: "mode" must be one of keep, strip, evidence, require, forbid \(got ".{1,40}…\)\n$/);
    assert.ok(!r.stderr.includes('\u001b') && !r.stderr.includes('\u0007'));
  });

  it('check --policy FIFO: a usage error at once, not a hang', () => {
    const repo = initRepo();
    commit(repo, { message: 'first\n', files: { 'a.txt': 'a\n' } });
    const fifo = path.join(tempDir(), 'policy.json');
    bounded('mkfifo', [fifo]);
    const r = hostileCli(['check', '--repo', repo, '--policy', fifo]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /is a FIFO, not a regular file/);
  });
});
