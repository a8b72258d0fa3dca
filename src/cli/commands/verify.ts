// `ai-provenance verify FILE`: checks a signed attestation (DSSE envelope from `export --format
// intoto --sign`). SSH signatures: ssh-keygen -Y verify against an allowed-signers file or the one
// key given; without a trust root they are rejected (fail closed). GPG: gpg --verify.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as z from 'zod/mini';
import { verifyEnvelope } from '../../app/export/attest';
import { terminalSafe } from '../../core/report/summaryText';
import { splitArgs, validate, type OptionSpec } from '../args';
import { EXIT, UsageError } from '../errors';
import type { CliContext } from '../context';

export const VERIFY_HELP = `Usage: ai-provenance verify FILE (--allowed-signers FILE | --key PUBLIC_KEY) [--identity ID] [--verbose]

Verifies a signed attestation (ai-provenance export --format intoto --sign): the DSSE signature
over the statement, then that the payload is an in-toto Statement. FILE - reads stdin. The payload
and signatures must be strict base64 (nothing inserted or appended, exact padding).

A signature is only valid against a trust root, as for git verify-commit:
  --allowed-signers FILE   SSH: who may sign (ssh-keygen's allowed signers format, as for git's
                           gpg.ssh.allowedSignersFile)
  --key PUBLIC_KEY         the one key that may have signed: an SSH public key file (.pub) or an
                           OpenPGP public key (armored or binary; checked in a keyring of its own)
Without either, an SSH signature is REJECTED (the key a signature carries proves nothing: anyone can
re-sign a changed payload); an OpenPGP signature is checked against your gpg keyring.

  --identity ID            SSH: the principal to verify as (default: found in the allowed signers);
                           GPG: a fingerprint (or its tail) or a user id the signer must match
  --verbose                log every ssh-keygen/gpg call on stderr

Exit codes: 0 valid, 1 invalid signature, no trust root or tampered payload, 2 usage error,
3 ssh-keygen or gpg missing.`;

const OPTIONS: OptionSpec = {
  'allowed-signers': { type: 'string' },
  key: { type: 'string' },
  identity: { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const Options = z.object({
  'allowed-signers': z.optional(z.string().check(z.minLength(1))),
  key: z.optional(z.string().check(z.minLength(1))),
  identity: z.optional(z.string().check(z.minLength(1))),
  verbose: z.optional(z.boolean()),
  help: z.optional(z.boolean()),
});

async function readInput(file: string, ctx: CliContext): Promise<string> {
  if (file !== '-') return readFileSync(path.resolve(ctx.cwd, file), 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.stdin as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

export async function verifyCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = splitArgs(argv, OPTIONS, 'verify');
  const o = validate(Options, values, 'verify');
  if (o.help) {
    ctx.stdout.write(`${VERIFY_HELP}\n`);
    return EXIT.ok;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length) throw new UsageError('verify: expected one FILE (see --help)');
  let text: string;
  try {
    text = await readInput(file, ctx);
  } catch (e) {
    throw new UsageError(`verify: cannot read ${file}: ${(e as Error).message}`);
  }
  const allowed = o['allowed-signers'] ? path.resolve(ctx.cwd, o['allowed-signers']) : undefined;
  const key = o.key ? path.resolve(ctx.cwd, o.key) : undefined;
  if (allowed && key) throw new UsageError('verify: give one trust root, --allowed-signers or --key');
  for (const [flag, file] of [['--allowed-signers', allowed], ['--key', key]] as const) {
    if (!file) continue;
    try {
      readFileSync(file);
    } catch (e) {
      throw new UsageError(`verify: cannot read ${flag} ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  let result;
  try {
    result = await verifyEnvelope(text, {
      ...(allowed ? { allowedSigners: allowed } : {}),
      ...(key ? { key } : {}),
      ...(o.identity ? { identity: o.identity } : {}),
      ...(o.verbose ? { log: (line: string) => void ctx.stderr.write(`${line}\n`) } : {}),
    });
  } catch (e) {
    if (e instanceof Error && e.name === 'SigningError') {
      ctx.stderr.write(`ai-provenance: verify: ${terminalSafe(e.message)}\n`);
      return (e as Error & { code?: string }).code === 'tool-not-found' ? EXIT.unverifiable : EXIT.policy;
    }
    throw e;
  }
  const lines: string[] = [];
  for (const s of result.signatures) {
    const who = s.signer ? ` by ${terminalSafe(s.signer)}` : '';
    const key = s.keyid ? ` (key ${terminalSafe(s.keyid)})` : '';
    lines.push(`${s.valid ? 'good' : 'REJECTED'} ${s.method.toUpperCase()} signature${who}${key}`,
      `  checked with ${terminalSafe(s.how)}`, `  ${terminalSafe(s.detail)}`);
  }
  if (result.statement) {
    const st = result.statement;
    lines.push(`statement: ${st.subjects} ${st.subjects === 1 ? 'commit' : 'commits'}, predicate ${terminalSafe(st.predicateType)}`
      + (st.head ? `, HEAD ${terminalSafe(st.head)}` : ''));
  }
  if (result.problem) lines.push(`problem: ${terminalSafe(result.problem)}`);
  lines.unshift(result.valid ? 'ai-provenance verify: valid' : 'ai-provenance verify: INVALID');
  ctx.stdout.write(`${lines.join('\n')}\n`);
  return result.valid ? EXIT.ok : EXIT.policy;
}
