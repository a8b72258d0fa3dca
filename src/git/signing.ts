// The one choke point for the signing tools (attestations): ssh-keygen's -Y signatures and gpg.
// Like exec.ts for git: argv without a shell, a fixed locale, every call logged with its
// duration, failures turned into a typed SigningError (a missing tool is told apart). Data to sign
// or verify goes through stdin or files the caller owns; nothing here touches the user's keys
// beyond naming them to the tool.
import { execFile } from 'node:child_process';
import type { GitLogger } from './exec';

export type SigningTool = 'ssh-keygen' | 'gpg';
export type SigningErrorCode = 'tool-not-found' | 'failed';

export class SigningError extends Error {
  constructor(
    readonly code: SigningErrorCode,
    message: string,
    readonly tool: SigningTool,
    readonly exitCode?: number,
    readonly stderr = '',
  ) {
    super(message);
    this.name = 'SigningError';
  }
}

export interface ToolResult {
  stdout: Buffer;
  stderr: string;
  exitCode: number;
}

export interface ToolOptions {
  input?: Buffer | string;
  /** Exit codes that are answers, not failures (a bad signature, a key not found). */
  okExitCodes?: number[];
  log?: GitLogger;
}

function toolEnv(): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: 'C', LANGUAGE: 'C' };
}

/** The first meaningful line of a tool's stderr (status lines and blank lines skipped). */
export function toolErrorLine(stderr: string): string {
  return stderr.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('[GNUPG:]')) ?? '';
}

/** Runs ssh-keygen or gpg to completion. */
export function runTool(tool: SigningTool, args: string[], options: ToolOptions = {}): Promise<ToolResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = execFile(tool, args, { encoding: 'buffer', env: toolEnv(), maxBuffer: 1 << 28, windowsHide: true },
      (error, stdout, stderrBytes) => {
        const stderr = Buffer.from(stderrBytes).toString('utf8');
        const errno = error as (NodeJS.ErrnoException & { code?: unknown }) | null;
        if (errno && errno.code === 'ENOENT') {
          options.log?.(`> ${tool} ${args.join(' ')} [not found]`);
          return reject(new SigningError('tool-not-found', `${tool} was not found on PATH: install it to sign or verify attestations`, tool));
        }
        const exitCode = errno ? (typeof errno.code === 'number' ? errno.code : -1) : 0;
        options.log?.(`> ${tool} ${args.join(' ')} [${Date.now() - started}ms]${exitCode ? ` exit ${exitCode}` : ''}`);
        if (exitCode !== 0 && !(options.okExitCodes ?? []).includes(exitCode)) {
          const line = toolErrorLine(stderr) || (errno?.message ?? `${tool} exited with code ${exitCode}`);
          return reject(new SigningError('failed', `${tool}: ${line}`, tool, exitCode, stderr));
        }
        resolve({ stdout: Buffer.from(stdout), stderr, exitCode });
      });
    child.stdin?.on('error', () => undefined); // the tool may exit before reading all of stdin
    child.stdin?.end(options.input ?? '');
  });
}

/** `ssh-keygen -Y sign`: the armored SSH signature of `data` with the key in `keyFile`. */
export async function sshSign(keyFile: string, namespace: string, data: Buffer, log?: GitLogger): Promise<string> {
  const r = await runTool('ssh-keygen', ['-Y', 'sign', '-f', keyFile, '-n', namespace], { input: data, ...(log ? { log } : {}) });
  const text = r.stdout.toString('utf8');
  if (!text.includes('BEGIN SSH SIGNATURE')) throw new SigningError('failed', 'ssh-keygen -Y sign printed no signature', 'ssh-keygen');
  return text;
}

export interface SshCheck {
  valid: boolean;
  /** What ssh-keygen said (its one line of verdict). */
  message: string;
}

function sshAnswer(r: ToolResult): SshCheck {
  const message = (r.stdout.toString('utf8') + r.stderr).split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
  return { valid: r.exitCode === 0, message };
}

/** `ssh-keygen -Y verify`: signed by `identity`, whose key the allowed-signers file lists for `namespace`. */
export async function sshVerify(allowedSigners: string, identity: string, namespace: string, signatureFile: string, data: Buffer,
  log?: GitLogger): Promise<SshCheck> {
  const args = ['-Y', 'verify', '-f', allowedSigners, '-I', identity, '-n', namespace, '-s', signatureFile];
  return sshAnswer(await runTool('ssh-keygen', args, { input: data, okExitCodes: [1, 255], ...(log ? { log } : {}) }));
}

/** `ssh-keygen -Y find-principals`: the identities the allowed-signers file lists for the signature's key. */
export async function sshFindPrincipals(allowedSigners: string, signatureFile: string, log?: GitLogger): Promise<string[]> {
  const r = await runTool('ssh-keygen', ['-Y', 'find-principals', '-f', allowedSigners, '-s', signatureFile],
    { okExitCodes: [1, 255], ...(log ? { log } : {}) });
  return r.exitCode === 0 ? r.stdout.toString('utf8').split('\n').map((l) => l.trim()).filter(Boolean) : [];
}

export interface GpgSignature {
  armored: string;
  /** Fingerprint of the signing key (from gpg's SIG_CREATED status line), when gpg said it. */
  fingerprint?: string;
}

/** `gpg --detach-sign --armor`: the OpenPGP signature of `data`, with `keyId` or gpg's default key. */
export async function gpgSign(keyId: string | undefined, data: Buffer, log?: GitLogger): Promise<GpgSignature> {
  const args = ['--batch', '--no-tty', '--status-fd', '2', '--detach-sign', '--armor', ...(keyId ? ['--local-user', keyId] : []),
    '--output', '-'];
  const r = await runTool('gpg', args, { input: data, ...(log ? { log } : {}) });
  const armored = r.stdout.toString('utf8');
  if (!armored.includes('BEGIN PGP SIGNATURE')) throw new SigningError('failed', 'gpg --detach-sign printed no signature', 'gpg');
  const created = /^\[GNUPG:\] SIG_CREATED \S+ \S+ \S+ \S+ \S+ ([0-9A-Fa-f]+)\s*$/m.exec(r.stderr);
  return { armored, ...(created ? { fingerprint: (created[1] as string).toUpperCase() } : {}) };
}

export interface GpgCheck {
  exitCode: number;
  /** `[GNUPG:]` status lines, without the prefix. */
  status: string[];
  stderr: string;
}

/**
 * `gpg --verify SIG DATA` with machine-readable status lines; never fetches a key (the keyring, or
 * `homedir` holding only the key the user named, is the trust root).
 */
export async function gpgVerify(signatureFile: string, dataFile: string, log?: GitLogger, homedir?: string): Promise<GpgCheck> {
  const args = ['--batch', '--no-tty', ...(homedir ? ['--homedir', homedir] : []), '--no-auto-key-retrieve', '--status-fd', '1',
    '--verify', signatureFile, dataFile];
  const r = await runTool('gpg', args, { okExitCodes: [1, 2], ...(log ? { log } : {}) });
  const status = r.stdout.toString('utf8').split('\n').filter((l) => l.startsWith('[GNUPG:] ')).map((l) => l.slice(9).trim());
  return { exitCode: r.exitCode, status, stderr: r.stderr };
}

/** `gpg --import` of a public key into a keyring of its own (`homedir`, created by the caller). */
export async function gpgImport(homedir: string, key: Buffer, log?: GitLogger): Promise<void> {
  const r = await runTool('gpg', ['--batch', '--no-tty', '--homedir', homedir, '--status-fd', '2', '--import'],
    { input: key, okExitCodes: [2], ...(log ? { log } : {}) });
  if (!/^\[GNUPG:\] IMPORT_OK /m.test(r.stderr)) throw new SigningError('failed', '--key: the file is neither an SSH public key nor an OpenPGP public key', 'gpg', r.exitCode, r.stderr);
}
