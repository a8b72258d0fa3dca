// Signed attestations end to end: export --format intoto --sign (DSSE) with a throwaway SSH key,
// verify against an allowed-signers file or one --key (without a trust root it fails closed),
// tampering fails; the same with a throwaway GPG key when gpg is installed; a missing tool is exit 3.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { cleanupTempDirs, git, tempDir } from '../helpers/repo';
import { buildFixtureRepo, type FixtureRepo } from '../fixtures/golden/fixtureRepo';

interface Envelope {
  payloadType: string;
  payload: string;
  signatures: { keyid: string; sig: string }[];
}

function has(tool: string, args: string[]): boolean {
  const r = spawnSync(tool, args, { stdio: 'ignore' });
  return !r.error;
}

function envelope(file: string): Envelope {
  return JSON.parse(readFileSync(file, 'utf8')) as Envelope;
}

function tamper(file: string, change: (e: Envelope) => void): string {
  const e = envelope(file);
  change(e);
  const out = `${file}.tampered-${Math.random().toString(36).slice(2)}`;
  writeFileSync(out, JSON.stringify(e));
  return out;
}

const editPayload = (e: Envelope): void => {
  e.payload = Buffer.from(Buffer.from(e.payload, 'base64').toString('utf8').replace('"verdict":"unverified"', '"verdict":"none"'))
    .toString('base64');
};

describe('signed attestations (DSSE)', function () {
  this.timeout(120000);
  let fixture: FixtureRepo;
  before(() => {
    fixture = buildFixtureRepo();
  });
  after(cleanupTempDirs);

  describe('with an SSH key', () => {
    let dir: string;
    let key: string;
    let signed: string;
    let allowed: string;

    before(function () {
      if (!has('ssh-keygen', ['-?'])) this.skip(); // ssh-keygen is part of the documented environment
      dir = tempDir('aip-ssh-');
      key = path.join(dir, 'id_ed25519');
      const made = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'test', '-f', key]);
      assert.equal(made.status, 0, made.stderr?.toString());
      allowed = path.join(dir, 'allowed_signers');
      writeFileSync(allowed, `alice@example.com ${readFileSync(`${key}.pub`, 'utf8')}`);
      signed = path.join(dir, 'attestation.json');
      const r = runCli(['export', '--repo', fixture.dir, '--format', 'intoto', '--sign', '--key', key, '--output', signed]);
      assert.equal(r.status, 0, r.stderr);
    });

    it('wraps the statement in a DSSE envelope signed with ssh-keygen -Y sign', () => {
      const e = envelope(signed);
      assert.deepEqual(Object.keys(e), ['payloadType', 'payload', 'signatures']);
      assert.equal(e.payloadType, 'application/vnd.in-toto+json');
      const statement = JSON.parse(Buffer.from(e.payload, 'base64').toString('utf8')) as { _type: string; subject: unknown[] };
      assert.equal(statement._type, 'https://in-toto.io/Statement/v1');
      assert.equal(statement.subject.length, 8);
      assert.equal(e.signatures.length, 1);
      const fingerprint = spawnSync('ssh-keygen', ['-l', '-f', `${key}.pub`]).stdout.toString().split(' ')[1];
      assert.equal(e.signatures[0]?.keyid, fingerprint);
      assert.equal(Buffer.from(e.signatures[0]!.sig, 'base64').toString('latin1', 0, 6), 'SSHSIG');
      const unsigned = runCli(['export', '--repo', fixture.dir, '--format', 'intoto']).stdout;
      assert.equal(Buffer.from(e.payload, 'base64').toString('utf8'), unsigned, 'the payload is the unsigned statement, byte for byte');
    });

    it('verifies against an allowed-signers file (exit 0), and names the signer', () => {
      const r = runCli(['verify', signed, '--allowed-signers', allowed]);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /^ai-provenance verify: valid\n/);
      assert.match(r.stdout, /good SSH signature by alice@example\.com \(key SHA256:/);
      assert.match(r.stdout, /ssh-keygen -Y verify against/);
      assert.match(r.stdout, /statement: 8 commits, predicate https:\/\/ai-provenance\.dev\/attestation\/report\/v1/);
      assert.equal(runCli(['verify', signed, '--allowed-signers', allowed, '--identity', 'alice@example.com']).status, 0);
    });

    it('without a trust root rejects the signature (fail closed, as git verify-commit); --key is one', () => {
      const r = runCli(['verify', signed]);
      assert.equal(r.status, 1, r.stdout + r.stderr);
      assert.match(r.stdout, /^ai-provenance verify: INVALID\n/);
      assert.match(r.stdout, /no trust root: pass --allowed-signers FILE or --key PUBLIC_KEY_FILE/);
      const withKey = runCli(['verify', signed, '--key', `${key}.pub`]);
      assert.equal(withKey.status, 0, withKey.stdout + withKey.stderr);
      assert.match(withKey.stdout, /ssh-keygen -Y verify against the key /);
      const otherKey = path.join(dir, 'stranger');
      spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'stranger', '-f', otherKey]);
      assert.equal(runCli(['verify', signed, '--key', `${otherKey}.pub`]).status, 1, 'another key does not verify');
      assert.equal(runCli(['verify', signed, '--key', `${key}.pub`, '--allowed-signers', allowed]).status, 2, 'one trust root');
    });

    it('fails (exit 1) on a tampered payload, a changed signature or payload type, another signer', () => {
      const trusted = ['--allowed-signers', allowed];
      const cases: [string, string[]][] = [
        [tamper(signed, editPayload), trusted],
        [tamper(signed, editPayload), ['--key', `${key}.pub`]],
        [tamper(signed, (e) => {
          const sig = Buffer.from(e.signatures[0]!.sig, 'base64');
          sig[sig.length - 1] = (sig[sig.length - 1] as number) ^ 1;
          e.signatures[0]!.sig = sig.toString('base64');
        }), trusted],
        [tamper(signed, (e) => void (e.payloadType = 'application/json')), trusted],
        [tamper(signed, (e) => void (e.signatures = [])), trusted],
        [signed, ['--allowed-signers', allowed, '--identity', 'mallory@example.com']],
      ];
      for (const [file, args] of cases) {
        const r = runCli(['verify', file, ...args]);
        assert.equal(r.status, 1, `${path.basename(file)} ${args.join(' ')}: ${r.stdout}${r.stderr}`);
        assert.match(r.stdout, /^ai-provenance verify: INVALID\n/);
      }
      const other = path.join(dir, 'other_signers');
      const otherKey = path.join(dir, 'other');
      spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'other', '-f', otherKey]);
      writeFileSync(other, `bob@example.com ${readFileSync(`${otherKey}.pub`, 'utf8')}`);
      const r = runCli(['verify', signed, '--allowed-signers', other]);
      assert.equal(r.status, 1);
      assert.match(r.stdout, /no principal in .* holds key SHA256:/);
    });

    it('fails on a statement that is not signed, and on a file that is not an envelope', () => {
      const unsigned = path.join(dir, 'unsigned.json');
      writeFileSync(unsigned, runCli(['export', '--repo', fixture.dir, '--format', 'intoto']).stdout);
      assert.equal(runCli(['verify', unsigned]).status, 1);
      const junk = path.join(dir, 'junk.json');
      writeFileSync(junk, 'not json');
      assert.equal(runCli(['verify', junk]).status, 1);
    });

    it('signs deterministically (Ed25519) and with git\'s user.signingKey when gpg.format is ssh', () => {
      const again = runCli(['export', '--repo', fixture.dir, '--format', 'intoto', '--sign', '--key', key]);
      assert.equal(again.status, 0, again.stderr);
      assert.equal(again.stdout, readFileSync(signed, 'utf8'));
      git(fixture.dir, ['config', 'gpg.format', 'ssh']);
      git(fixture.dir, ['config', 'user.signingKey', key]);
      try {
        const viaConfig = runCli(['export', '--repo', fixture.dir, '--format', 'intoto', '--sign']);
        assert.equal(viaConfig.status, 0, viaConfig.stderr);
        assert.equal(viaConfig.stdout, again.stdout);
      } finally {
        git(fixture.dir, ['config', '--unset', 'gpg.format']);
        git(fixture.dir, ['config', '--unset', 'user.signingKey']);
      }
    });

    it('reports a missing key as a usage error (exit 2) and a missing ssh-keygen as exit 3', () => {
      git(fixture.dir, ['config', 'gpg.format', 'ssh']);
      try {
        const r = runCli(['export', '--repo', fixture.dir, '--format', 'intoto', '--sign']);
        assert.equal(r.status, 2, r.stderr);
        assert.match(r.stderr, /no SSH signing key/);
      } finally {
        git(fixture.dir, ['config', '--unset', 'gpg.format']);
      }
      const r = runCli(['verify', signed, '--allowed-signers', allowed], { env: { PATH: tempDir('aip-empty-path-') } });
      assert.equal(r.status, 3, r.stdout + r.stderr);
      assert.match(r.stderr, /ssh-keygen was not found/);
      assert.equal(runCli(['verify']).status, 2);
      assert.equal(runCli(['verify', path.join(dir, 'missing.json')]).status, 2);
    });
  });

  describe('with a GPG key', () => {
    let home: string;
    let fingerprint: string;
    const env = (): NodeJS.ProcessEnv => ({ GNUPGHOME: home });

    before(function () {
      if (!has('gpg', ['--version'])) this.skip(); // optional: runs where gpg is installed
      home = tempDir('aip-gpg-');
      const gen = spawnSync('gpg', ['--batch', '--passphrase', '', '--quick-gen-key', 'Test Signer <signer@example.com>', 'ed25519', 'sign', 'never'],
        { env: { ...process.env, GNUPGHOME: home } });
      if (gen.status !== 0) this.skip(); // e.g. no usable gpg-agent here
      const list = spawnSync('gpg', ['--with-colons', '--list-keys', 'signer@example.com'], { env: { ...process.env, GNUPGHOME: home } }).stdout.toString();
      fingerprint = /^fpr:+([0-9A-F]+):/m.exec(list)?.[1] ?? '';
      assert.ok(fingerprint);
    });

    after(() => {
      if (home) spawnSync('gpgconf', ['--kill', 'gpg-agent'], { env: { ...process.env, GNUPGHOME: home } });
    });

    it('signs with gpg --detach-sign and verifies with gpg --verify; tampering fails', () => {
      const file = path.join(home, 'attestation.json');
      const r = runCli(['export', '--repo', fixture.dir, '--format', 'intoto', '--sign', '--key', fingerprint, '--output', file], { env: env() });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(envelope(file).signatures[0]?.keyid, fingerprint);
      const ok = runCli(['verify', file], { env: env() });
      assert.equal(ok.status, 0, ok.stdout + ok.stderr);
      assert.match(ok.stdout, /good GPG signature by Test Signer <signer@example\.com>/);
      assert.equal(runCli(['verify', file, '--identity', fingerprint.slice(-16)], { env: env() }).status, 0);
      assert.equal(runCli(['verify', file, '--identity', 'mallory@example.com'], { env: env() }).status, 1);
      const bad = runCli(['verify', tamper(file, editPayload)], { env: env() });
      assert.equal(bad.status, 1, bad.stdout);
      assert.match(bad.stdout, /BAD signature/);
      const stranger = runCli(['verify', file], { env: { GNUPGHOME: tempDir('aip-gpg-empty-') } });
      assert.equal(stranger.status, 1, 'an unknown key does not verify');
      assert.match(stranger.stdout, /no public key/);
      // --key: that public key alone is the trust root (a keyring of its own), whatever GNUPGHOME holds.
      const pub = path.join(home, 'signer.asc');
      writeFileSync(pub, spawnSync('gpg', ['--armor', '--export', fingerprint], { env: { ...process.env, GNUPGHOME: home } }).stdout);
      const byKey = runCli(['verify', file, '--key', pub], { env: { GNUPGHOME: tempDir('aip-gpg-empty-') } });
      assert.equal(byKey.status, 0, byKey.stdout + byKey.stderr);
      assert.match(byKey.stdout, /gpg --verify against the key /);
    });
  });
});
