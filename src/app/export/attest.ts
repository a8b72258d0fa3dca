// Use cases for signed attestations: sign an in-toto statement into a DSSE envelope with the user's
// SSH key (ssh-keygen -Y sign) or OpenPGP key (gpg --detach-sign), and verify such an envelope.
// The signature covers DSSE's PAE(payloadType, payload); `sig` holds the raw signature bytes (an
// SSHSIG blob or an OpenPGP packet), told apart on verification by their first bytes.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import { DSSE_PAYLOAD_TYPE, EnvelopeSchema, envelopeJson, pae, readStatement, type StatementInfo } from '../../core/report/intoto';
import { Git, type GitLogger } from '../../git/exec';
import { gpgImport, gpgSign, gpgVerify, sshFindPrincipals, sshSign, sshVerify } from '../../git/signing';

/** The ssh-keygen -Y namespace of our signatures: a signature made for another purpose never verifies here. */
export const SSH_NAMESPACE = 'ai-provenance-attestation';

/** A configuration problem (no key, unsupported format): the CLI reports it as a usage error. */
export class AttestUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface Signer {
  method: 'ssh' | 'gpg';
  /** SSH: a key file (private, or public with the private key in ssh-agent). GPG: a key id, or gpg's default. */
  key?: string;
  /** A literal SSH public key from user.signingKey, written to a temp file for ssh-keygen. */
  literal?: string;
}

function expandHome(file: string): string {
  return file === '~' || file.startsWith('~/') ? path.join(homedir(), file.slice(1)) : file;
}

/**
 * The signer from `--key` and git's signing settings (gpg.format, user.signingKey): SSH when
 * gpg.format is ssh or the key names a file, otherwise GPG with the key id (or gpg's default key).
 */
export async function resolveSigner(repo: string, key: string | undefined, log?: GitLogger): Promise<Signer> {
  const git = new Git(repo, log);
  const [format, configured] = await Promise.all(['gpg.format', 'user.signingkey'].map(async (name) =>
    (await git.text(['config', '--get', name], { okExitCodes: [1] }).catch(() => '')).trim()));
  const chosen = key ?? (configured || undefined);
  if (format === 'x509') throw new AttestUsageError('gpg.format is x509: attestations are signed with SSH or OpenPGP keys (use --key)');
  const literal = chosen?.startsWith('key::') ? chosen.slice(5) : chosen && /^(?:ssh-|ecdsa-|sk-)/.test(chosen) ? chosen : undefined;
  const isFile = chosen !== undefined && !literal && existsSync(expandHome(chosen));
  if (format === 'ssh' || literal || isFile) {
    if (literal) return { method: 'ssh', literal };
    if (!chosen) throw new AttestUsageError('no SSH signing key: pass --key FILE or set git config user.signingKey');
    if (!isFile) throw new AttestUsageError(`SSH signing key not found: ${chosen}`);
    return { method: 'ssh', key: expandHome(chosen) };
  }
  return { method: 'gpg', ...(chosen ? { key: chosen } : {}) };
}

/** Base64 body of an ASCII-armored block, without headers or the OpenPGP CRC line. */
export function dearmor(armored: string): Buffer {
  const lines = armored.split(/\r?\n/);
  const begin = lines.findIndex((l) => l.startsWith('-----BEGIN '));
  const end = lines.findIndex((l, i) => i > begin && l.startsWith('-----END '));
  let body = lines.slice(begin + 1, end);
  const blank = body.findIndex((l) => l.trim() === '');
  if (body.some((l) => /^[A-Za-z-]+: /.test(l)) && blank !== -1) body = body.slice(blank + 1); // armor headers (OpenPGP)
  return Buffer.from(body.filter((l) => l.trim() && !l.startsWith('=')).join(''), 'base64');
}

function sshArmor(sig: Buffer): string {
  const b64 = sig.toString('base64').replace(/(.{70})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN SSH SIGNATURE-----\n${b64}\n-----END SSH SIGNATURE-----\n`;
}

interface SshSigBlob {
  publicKey: Buffer;
  namespace: string;
}

/** Reads the SSHSIG blob's public key and namespace (PROTOCOL.sshsig); undefined when it is not one. */
export function parseSshSig(sig: Buffer): SshSigBlob | undefined {
  if (sig.length < 10 || sig.toString('latin1', 0, 6) !== 'SSHSIG') return undefined;
  let pos = 10;
  const next = (): Buffer | undefined => {
    if (pos + 4 > sig.length) return undefined;
    const len = sig.readUInt32BE(pos);
    if (pos + 4 + len > sig.length) return undefined;
    const value = sig.subarray(pos + 4, pos + 4 + len);
    pos += 4 + len;
    return value;
  };
  const publicKey = next();
  const namespace = next();
  return publicKey && namespace ? { publicKey, namespace: namespace.toString('utf8') } : undefined;
}

export function sshFingerprint(publicKey: Buffer): string {
  return `SHA256:${createHash('sha256').update(publicKey).digest('base64').replace(/=+$/, '')}`;
}

/** Signs the statement's exact bytes; returns the DSSE envelope (one JSON line). */
export async function signStatement(statement: Buffer, signer: Signer, log?: GitLogger): Promise<string> {
  const message = Buffer.from(pae(DSSE_PAYLOAD_TYPE, statement));
  let sig: Buffer;
  let keyid: string;
  if (signer.method === 'ssh') {
    const dir = mkdtempSync(path.join(tmpdir(), 'aip-sign-'));
    try {
      let keyFile = signer.key as string;
      if (signer.literal) writeFileSync((keyFile = path.join(dir, 'key.pub')), `${signer.literal}\n`);
      sig = dearmor(await sshSign(keyFile, SSH_NAMESPACE, message, log));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const blob = parseSshSig(sig);
    keyid = blob ? sshFingerprint(blob.publicKey) : '';
  } else {
    const made = await gpgSign(signer.key, message, log);
    sig = dearmor(made.armored);
    keyid = made.fingerprint ?? signer.key ?? '';
  }
  return envelopeJson(statement.toString('base64'), [{ keyid, sig: sig.toString('base64') }]);
}

export interface VerifyOptions {
  allowedSigners?: string;
  /** A trusted public key file: SSH (`ssh-ed25519 AAAA…`, as in a .pub file) or OpenPGP (armored or binary). */
  key?: string;
  identity?: string;
  log?: GitLogger;
}

/** The principal a `--key` is verified as, in the temporary allowed-signers file built from it. */
const KEY_PRINCIPAL = 'trusted-key';

/**
 * Strict base64 (RFC 4648 §4, or the URL-safe alphabet of §5, as DSSE allows): only alphabet
 * characters, padding only at the end and only as much as needed (or none), no whitespace, and the
 * unused bits of the last character zero — so one byte string has one encoding, and inserted
 * characters, appended chunks ("AAAA==BBBB") or bad padding are refused instead of silently skipped.
 */
export function decodeBase64Strict(text: string): Buffer | undefined {
  const urlSafe = /[-_]/.test(text);
  const alphabet = urlSafe ? /^[A-Za-z0-9_-]*={0,2}$/ : /^[A-Za-z0-9+/]*={0,2}$/;
  if (!alphabet.test(text)) return undefined;
  const body = text.replace(/=+$/, '');
  if (body.length % 4 === 1) return undefined;
  if (text.length !== body.length && text.length % 4 !== 0) return undefined; // padded, but not to a multiple of 4
  const bytes = Buffer.from(body, urlSafe ? 'base64url' : 'base64');
  const again = bytes.toString(urlSafe ? 'base64url' : 'base64').replace(/=+$/, '');
  return again === body ? bytes : undefined;
}

export interface SignatureCheck {
  method: 'ssh' | 'gpg';
  valid: boolean;
  keyid?: string;
  /** Who signed, when known: the allowed-signers principal or the OpenPGP user id. */
  signer?: string;
  /** How it was checked, for the reader. */
  how: string;
  detail: string;
}

export interface VerifyResult {
  valid: boolean;
  /** Why the envelope is invalid, when it is not about one signature. */
  problem?: string;
  signatures: SignatureCheck[];
  statement?: StatementInfo;
}

export async function verifyEnvelope(text: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { valid: false, problem: 'not a DSSE envelope (not JSON)', signatures: [] };
  }
  const parsed = EnvelopeSchema.safeParse(raw);
  if (!parsed.success) return { valid: false, problem: 'not a DSSE envelope (payloadType, payload and signatures are required)', signatures: [] };
  const env = parsed.data;
  if (!env.signatures.length) return { valid: false, problem: 'the envelope has no signature', signatures: [] };
  const payload = decodeBase64Strict(env.payload);
  if (!payload) return { valid: false, problem: 'the payload is not strict base64 (characters inserted, chunks appended or bad padding)', signatures: [] };
  const sigs: Buffer[] = [];
  for (const [i, s] of env.signatures.entries()) {
    const sig = decodeBase64Strict(s.sig);
    if (!sig) return { valid: false, problem: `signature ${i + 1} is not strict base64 (characters inserted, chunks appended or bad padding)`, signatures: [] };
    sigs.push(sig);
  }
  const message = Buffer.from(pae(env.payloadType, payload));
  const dir = mkdtempSync(path.join(tmpdir(), 'aip-verify-'));
  const checks: SignatureCheck[] = [];
  try {
    const dataFile = path.join(dir, 'pae');
    writeFileSync(dataFile, message);
    const trust = await trustRoot(dir, options);
    for (const [i, s] of env.signatures.entries()) {
      const sig = sigs[i] as Buffer;
      const sigFile = path.join(dir, `sig-${i}`);
      const blob = parseSshSig(sig);
      if (blob) {
        writeFileSync(sigFile, sshArmor(sig));
        checks.push(await checkSsh(blob, sigFile, message, trust, options));
      } else {
        writeFileSync(sigFile, sig);
        checks.push(await checkGpg(sigFile, dataFile, s.keyid, trust, options));
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const signaturesValid = checks.every((c) => c.valid);
  if (!signaturesValid) return { valid: false, signatures: checks };
  if (env.payloadType !== DSSE_PAYLOAD_TYPE) {
    return { valid: false, problem: `payloadType is ${JSON.stringify(env.payloadType)}, not ${DSSE_PAYLOAD_TYPE}`, signatures: checks };
  }
  const statement = readStatement(payload.toString('utf8'));
  if (typeof statement === 'string') return { valid: false, problem: statement, signatures: checks };
  return { valid: true, signatures: checks, statement };
}

/** What a signature is checked against: the allowed signers file, or one built from --key; a keyring for --key. */
interface TrustRoot {
  allowedSigners?: string;
  /** --key given: SSH signatures verify as this principal of `allowedSigners`. */
  principal?: string;
  /** --key given as an OpenPGP key: a fresh keyring holding only it. */
  gnupgHome?: string;
  /** --key given: how to name it. */
  keyLabel?: string;
}

async function trustRoot(dir: string, options: VerifyOptions): Promise<TrustRoot> {
  if (!options.key) return options.allowedSigners ? { allowedSigners: options.allowedSigners } : {};
  const bytes = readFileSync(options.key);
  const text = bytes.toString('utf8').trim();
  const ssh = /^((?:ssh-|ecdsa-|sk-)\S+)\s+([A-Za-z0-9+/]+={0,2})(?:\s|$)/.exec(text);
  if (ssh) {
    const file = path.join(dir, 'allowed_signers');
    writeFileSync(file, `${KEY_PRINCIPAL} namespaces="${SSH_NAMESPACE}" ${ssh[1]} ${ssh[2]}\n`);
    return { allowedSigners: file, principal: KEY_PRINCIPAL, keyLabel: options.key };
  }
  const home = path.join(dir, 'gnupg');
  mkdirSync(home, { mode: 0o700 });
  await gpgImport(home, bytes, options.log);
  return { gnupgHome: home, keyLabel: options.key };
}

async function checkSsh(blob: SshSigBlob, sigFile: string, message: Buffer, trust: TrustRoot, options: VerifyOptions): Promise<SignatureCheck> {
  const keyid = sshFingerprint(blob.publicKey);
  const base = { method: 'ssh' as const, keyid };
  if (blob.namespace !== SSH_NAMESPACE) {
    return { ...base, valid: false, how: 'namespace', detail: `signed for namespace "${blob.namespace}", not "${SSH_NAMESPACE}"` };
  }
  if (!trust.allowedSigners) {
    // Fail closed, as git verify-commit does without gpg.ssh.allowedSignersFile: the key inside the
    // signature proves nothing, anyone can re-sign a changed payload with their own.
    return { ...base, valid: false, how: 'no trust root',
      detail: 'no trust root: pass --allowed-signers FILE or --key PUBLIC_KEY_FILE (the key inside a signature proves nothing about who signed)' };
  }
  const source = trust.keyLabel ? `the key ${trust.keyLabel}` : trust.allowedSigners;
  const how = `ssh-keygen -Y verify against ${source}`;
  const identity = trust.principal ?? options.identity ?? (await sshFindPrincipals(trust.allowedSigners, sigFile, options.log))[0];
  if (!identity) return { ...base, valid: false, how, detail: `no principal in ${source} holds key ${keyid}` };
  const r = await sshVerify(trust.allowedSigners, identity, SSH_NAMESPACE, sigFile, message, options.log);
  return { ...base, valid: r.valid, ...(trust.principal ? {} : { signer: identity }), how, detail: r.message };
}

async function checkGpg(sigFile: string, dataFile: string, keyid: string | undefined, trust: TrustRoot, options: VerifyOptions): Promise<SignatureCheck> {
  // Without --key the user's keyring is the trust root, as for git verify-commit (an allowed-signers
  // file says nothing about OpenPGP keys; keys are never fetched from a keyserver here).
  const r = await gpgVerify(sigFile, dataFile, options.log, trust.gnupgHome);
  const field = (tag: string): string | undefined => r.status.find((l) => l.startsWith(`${tag} `))?.slice(tag.length + 1);
  const validsig = field('VALIDSIG')?.split(' ')[0];
  const goodsig = field('GOODSIG');
  const signer = goodsig?.replace(/^\S+\s*/, '');
  const base = { method: 'gpg' as const, ...(validsig ? { keyid: validsig } : keyid ? { keyid } : {}), ...(signer ? { signer } : {}) };
  const how = trust.gnupgHome ? `gpg --verify against the key ${trust.keyLabel ?? ''}` : 'gpg --verify (your keyring)';
  if (r.exitCode !== 0 || !validsig || !goodsig) {
    const missing = field('NO_PUBKEY');
    const detail = field('BADSIG') ? 'BAD signature: the payload or the signature was changed'
      : missing ? `no public key ${missing} in the keyring (gpg --import it, then verify again)`
        : r.stderr.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('[GNUPG:]')).join(' ') || `gpg exited with code ${r.exitCode}`;
    return { ...base, valid: false, how, detail };
  }
  if (options.identity) {
    const want = options.identity.replace(/\s+/g, '').toUpperCase();
    const matches = validsig.toUpperCase().endsWith(want) || (signer ?? '').toLowerCase().includes(options.identity.toLowerCase());
    if (!matches) return { ...base, valid: false, how, detail: `good signature, but by ${signer ?? validsig}, not ${options.identity}` };
  }
  const level = r.status.find((l) => l.startsWith('TRUST_'))?.split(' ')[0];
  if (level === 'TRUST_NEVER') return { ...base, valid: false, how, detail: 'good signature, but the key is marked as never trusted' };
  return { ...base, valid: true, how, detail: `good signature${level ? ` (${level.toLowerCase()})` : ''}` };
}
