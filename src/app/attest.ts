// Use cases for signed attestations: sign an in-toto statement into a DSSE envelope with the user's
// SSH key (ssh-keygen -Y sign) or OpenPGP key (gpg --detach-sign), and verify such an envelope.
// The signature covers DSSE's PAE(payloadType, payload); `sig` holds the raw signature bytes (an
// SSHSIG blob or an OpenPGP packet), told apart on verification by their first bytes.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import { DSSE_PAYLOAD_TYPE, EnvelopeSchema, envelopeJson, pae, readStatement, type StatementInfo } from '../core/report/intoto';
import { Git, type GitLogger } from '../git/exec';
import { gpgSign, gpgVerify, sshCheckNoValidate, sshFindPrincipals, sshSign, sshVerify } from '../git/signing';

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
  identity?: string;
  log?: GitLogger;
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
  const payload = Buffer.from(env.payload, 'base64');
  const message = Buffer.from(pae(env.payloadType, payload));
  const dir = mkdtempSync(path.join(tmpdir(), 'aip-verify-'));
  const checks: SignatureCheck[] = [];
  try {
    const dataFile = path.join(dir, 'pae');
    writeFileSync(dataFile, message);
    for (const [i, s] of env.signatures.entries()) {
      const sig = Buffer.from(s.sig, 'base64');
      const sigFile = path.join(dir, `sig-${i}`);
      const blob = parseSshSig(sig);
      if (blob) {
        writeFileSync(sigFile, sshArmor(sig));
        checks.push(await checkSsh(blob, sigFile, message, options));
      } else {
        writeFileSync(sigFile, sig);
        checks.push(await checkGpg(sigFile, dataFile, s.keyid, options));
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

async function checkSsh(blob: SshSigBlob, sigFile: string, message: Buffer, options: VerifyOptions): Promise<SignatureCheck> {
  const keyid = sshFingerprint(blob.publicKey);
  const base = { method: 'ssh' as const, keyid };
  if (blob.namespace !== SSH_NAMESPACE) {
    return { ...base, valid: false, how: 'namespace', detail: `signed for namespace "${blob.namespace}", not "${SSH_NAMESPACE}"` };
  }
  if (!options.allowedSigners) {
    const r = await sshCheckNoValidate(SSH_NAMESPACE, sigFile, message, options.log);
    return { ...base, valid: r.valid, how: 'ssh-keygen -Y check-novalidate (no allowed-signers file: the key was NOT checked against trusted signers)', detail: r.message };
  }
  const how = `ssh-keygen -Y verify against ${options.allowedSigners}`;
  const identity = options.identity ?? (await sshFindPrincipals(options.allowedSigners, sigFile, options.log))[0];
  if (!identity) return { ...base, valid: false, how, detail: `no principal in ${options.allowedSigners} holds key ${keyid}` };
  const r = await sshVerify(options.allowedSigners, identity, SSH_NAMESPACE, sigFile, message, options.log);
  return { ...base, valid: r.valid, signer: identity, how, detail: r.message };
}

async function checkGpg(sigFile: string, dataFile: string, keyid: string | undefined, options: VerifyOptions): Promise<SignatureCheck> {
  const r = await gpgVerify(sigFile, dataFile, options.log);
  const field = (tag: string): string | undefined => r.status.find((l) => l.startsWith(`${tag} `))?.slice(tag.length + 1);
  const validsig = field('VALIDSIG')?.split(' ')[0];
  const goodsig = field('GOODSIG');
  const signer = goodsig?.replace(/^\S+\s*/, '');
  const base = { method: 'gpg' as const, ...(validsig ? { keyid: validsig } : keyid ? { keyid } : {}), ...(signer ? { signer } : {}) };
  const how = 'gpg --verify';
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
  const trust = r.status.find((l) => l.startsWith('TRUST_'))?.split(' ')[0];
  return { ...base, valid: true, how, detail: `good signature${trust ? ` (${trust.toLowerCase()})` : ''}` };
}
