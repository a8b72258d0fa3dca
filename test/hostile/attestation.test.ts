// Attestations: a DSSE envelope whose base64 was bent (characters inserted, a second chunk appended
// after the padding, extra padding, line breaks) decodes leniently to the same bytes — strict
// decoding refuses it. And a signature is only as good as its trust root: an attacker's envelope,
// re-signed with their own key, is rejected unless that key is the one the verifier trusts.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanupTempDirs, commit, initRepo, tempDir } from '../helpers/repo';
import { bounded, hostileCli } from './bounded';

interface Envelope { payloadType: string; payload: string; signatures: { keyid: string; sig: string }[] }

describe('hostile: attestations', function () {
  this.timeout(60_000);
  let dir: string;
  let signed: string;
  let allowed: string;
  let alice: string;
  let mallory: string;
  let forged: string;

  before(function () {
    if (spawnSync('ssh-keygen', ['-?'], { stdio: 'ignore' }).error) this.skip(); // ssh-keygen is part of the documented environment
    dir = tempDir('aip-attest-');
    alice = path.join(dir, 'alice');
    mallory = path.join(dir, 'mallory');
    for (const key of [alice, mallory]) bounded('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', path.basename(key), '-f', key]);
    allowed = path.join(dir, 'allowed_signers');
    writeFileSync(allowed, `alice@example.com ${readFileSync(`${alice}.pub`, 'utf8')}`);
    const repo = initRepo();
    commit(repo, { message: 'Add parser\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n', files: { 'p.ts': 'p\n' } });
    signed = path.join(dir, 'signed.json');
    assert.equal(hostileCli(['export', '--repo', repo, '--format', 'intoto', '--sign', '--key', alice, '--output', signed]).status, 0);
    // Mallory rewrites history (the AI trailer gone) and signs the new statement with her own key.
    const fake = initRepo();
    commit(fake, { message: 'Add parser\n', files: { 'p.ts': 'p\n' } });
    forged = path.join(dir, 'forged.json');
    assert.equal(hostileCli(['export', '--repo', fake, '--format', 'intoto', '--sign', '--key', mallory, '--output', forged]).status, 0);
  });
  after(cleanupTempDirs);

  const read = (file: string): Envelope => JSON.parse(readFileSync(file, 'utf8')) as Envelope;
  const variant = (change: (e: Envelope) => void): string => {
    const e = read(signed);
    change(e);
    const out = path.join(dir, `v-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(out, JSON.stringify(e));
    return out;
  };
  const verify = (file: string, ...trust: string[]) => hostileCli(['verify', file, ...(trust.length ? trust : ['--allowed-signers', allowed])]);

  it('the untouched envelope verifies against the trust root (the fixture is sound)', () => {
    const r = verify(signed);
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  const bent: [string, (e: Envelope) => void][] = [
    ['a character inserted into the payload', (e) => void (e.payload = `${e.payload.slice(0, 40)}*${e.payload.slice(40)}`)],
    ['a line break inserted into the payload', (e) => void (e.payload = `${e.payload.slice(0, 64)}\n${e.payload.slice(64)}`)],
    ['a space inserted into the signature', (e) => void (e.signatures[0]!.sig = `${e.signatures[0]!.sig.slice(0, 10)} ${e.signatures[0]!.sig.slice(10)}`)],
    ['a second chunk appended after the padding', (e) => void (e.payload = `${e.payload.replace(/=*$/, '')}==${Buffer.from('{"extra":1}').toString('base64')}`)],
    ['extra padding', (e) => void (e.payload = `${e.payload}=`)],
    ['a second chunk appended to the signature', (e) => void (e.signatures[0]!.sig = `${e.signatures[0]!.sig.replace(/=*$/, '')}==QUJD`)],
  ];
  for (const [what, change] of bent) {
    it(`${what}: rejected (exit 1), though a lenient decoder gets the same bytes`, () => {
      const file = variant(change);
      const [a, b] = [read(signed), read(file)];
      const same = (x: string, y: string): boolean => Buffer.from(x, 'base64').equals(Buffer.from(y, 'base64'));
      assert.ok(same(a.payload, b.payload) && same(a.signatures[0]!.sig, b.signatures[0]!.sig), 'a lenient decoder sees the genuine bytes');
      const r = verify(file);
      assert.equal(r.status, 1, r.stdout + r.stderr);
      assert.match(r.stdout, /^ai-provenance verify: INVALID\n/);
      assert.match(r.stdout, /not strict base64/);
    });
  }

  it('the URL-safe alphabet (allowed by DSSE) still verifies', () => {
    const r = verify(variant((e) => void (e.payload = Buffer.from(e.payload, 'base64').toString('base64url'))));
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  it('without a trust root: rejected, even the genuine envelope (fail closed)', () => {
    for (const file of [signed, forged]) {
      const r = hostileCli(['verify', file]);
      assert.equal(r.status, 1, r.stdout);
      assert.match(r.stdout, /no trust root/);
    }
  });

  it('an attacker\'s re-signed envelope: rejected against the allowed signers and against the expected key', () => {
    assert.equal(verify(forged).status, 1);
    assert.equal(verify(forged, '--key', `${alice}.pub`).status, 1);
    assert.equal(verify(forged, '--key', `${mallory}.pub`).status, 0, 'valid only for whoever trusts mallory\'s key');
  });
});
