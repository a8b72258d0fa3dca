// in-toto attestations of a report. The Statement (v1): the audited commits are its subjects
// (`{name, digest: {gitCommit}}`), the JSON report its predicate. Signing wraps the statement's
// exact bytes in a DSSE envelope; the signature covers PAE(payloadType, payload) as the DSSE
// protocol defines it (https://github.com/secure-systems-lab/dsse/blob/master/protocol.md).
// Pure: bytes in, bytes out; the signing tools run in src/git/signing.ts.
import * as z from 'zod/mini';
import type { AuditSummary, CommitAudit, ReportMeta } from '../model';
import { ReportJsonWriter } from './jsonReport';
import type { ReportWriter, WriterOptions } from './writer';

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const PREDICATE_TYPE = 'https://ai-provenance.dev/attestation/report/v1';
export const DSSE_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

/** Streams nothing: subjects and predicate both need every commit, so the statement is written in end(). */
export class InTotoWriter implements ReportWriter {
  readonly mediaType = 'application/vnd.in-toto+json';
  readonly extension = 'intoto.json';
  private readonly report: ReportJsonWriter;
  private subjects: string[] = [];
  private predicate: string[] = [];

  constructor(options: WriterOptions = {}) {
    this.report = new ReportJsonWriter(options.generatedAt);
  }

  begin(meta: ReportMeta): string {
    this.subjects = [];
    this.predicate = [this.report.begin(meta)];
    return '';
  }

  commit(audit: CommitAudit): string {
    this.subjects.push(JSON.stringify({ name: audit.sha, digest: { gitCommit: audit.sha } }));
    this.predicate.push(this.report.commit(audit));
    return '';
  }

  end(summary: AuditSummary): string {
    const predicate = (this.predicate.join('') + this.report.end(summary)).replace(/\n$/, '');
    const subjects = this.subjects.length ? `\n${this.subjects.join(',\n')}\n` : '';
    return `{"_type":${JSON.stringify(STATEMENT_TYPE)},\n"subject":[${subjects}],\n`
      + `"predicateType":${JSON.stringify(PREDICATE_TYPE)},\n"predicate":${predicate}}\n`;
  }
}

const utf8 = new TextEncoder();

/** DSSE's pre-authentication encoding: `DSSEv1 SP LEN(type) SP type SP LEN(body) SP body`. */
export function pae(payloadType: string, payload: Uint8Array): Uint8Array {
  const type = utf8.encode(payloadType);
  const head = utf8.encode(`DSSEv1 ${type.length} ${payloadType} ${payload.length} `);
  const out = new Uint8Array(head.length + payload.length);
  out.set(head);
  out.set(payload, head.length);
  return out;
}

export const EnvelopeSchema = z.object({
  payloadType: z.string(),
  payload: z.string(),
  signatures: z.array(z.object({ keyid: z.optional(z.string()), sig: z.string() })),
});
export type Envelope = z.infer<typeof EnvelopeSchema>;

export function envelopeJson(payloadB64: string, signatures: readonly { keyid: string; sig: string }[]): string {
  return `${JSON.stringify({ payloadType: DSSE_PAYLOAD_TYPE, payload: payloadB64, signatures })}\n`;
}

const StatementSchema = z.object({
  _type: z.literal(STATEMENT_TYPE),
  subject: z.array(z.object({ name: z.optional(z.string()), digest: z.record(z.string(), z.string()) })),
  predicateType: z.string(),
  predicate: z.optional(z.unknown()),
});

export interface StatementInfo {
  subjects: number;
  predicateType: string;
  head?: string;
}

/** Reads the statement a verified envelope carries; a description of the problem when it is not one. */
export function readStatement(text: string): StatementInfo | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return 'the payload is not JSON';
  }
  const r = StatementSchema.safeParse(raw);
  if (!r.success) return `the payload is not an in-toto Statement v1 (${r.error.issues[0]?.path.join('.') || 'document'} is invalid)`;
  const predicate = r.data.predicate as { repository?: { head?: unknown } } | undefined;
  const head = typeof predicate?.repository?.head === 'string' ? predicate.repository.head : undefined;
  return { subjects: r.data.subject.length, predicateType: r.data.predicateType, ...(head ? { head } : {}) };
}
