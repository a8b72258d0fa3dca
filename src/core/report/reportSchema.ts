// The versioned JSON report (`audit --format json`, `export --format json`, the in-toto predicate) as
// a zod schema: exactly what JsonWriter emits, no more. The build turns it into JSON Schema
// (dist/schemas/report.schema.json, via reportJsonSchema()) so the shipped schema cannot drift
// from the code; the compile-time checks at the bottom hold it equal to the model types.
import * as z from 'zod/mini';
import {
  ATTRIBUTION_CLASSES, AUTONOMY_TIERS, CONFIDENCES, EVIDENCE_KINDS, EVIDENCE_SCOPES, REMOVAL_ACTIONS, TOOL_IDS, VERDICTS,
  type Autonomy, type AuditSummary, type CommitAudit, type Evidence, type EvidenceKind, type RemovedAttribution, type ReportMeta,
} from '../model';
import { MODES } from '../policy/policySchema';
import { LinesSummarySchema } from '../lines/linesSummary';

export const REPORT_SCHEMA_ID = 'https://ai-provenance.dev/schemas/report/v1.json';

const count = z.int().check(z.nonnegative());
const ToolSchema = z.enum(TOOL_IDS);

export const IdentitySchema = z.strictObject({ name: z.string(), email: z.string() });

export const EvidenceLocationSchema = z.strictObject({
  file: z.string(),
  line: z.optional(z.int().check(z.positive())),
  endLine: z.optional(z.int().check(z.positive())),
});

export const EvidenceSchema = z.strictObject({
  kind: z.enum(EVIDENCE_KINDS),
  tool: ToolSchema,
  model: z.optional(z.string()),
  confidence: z.enum(CONFIDENCES),
  detail: z.string(),
  signature: z.string(),
  sticky: z.optional(z.boolean()),
  session: z.optional(z.string()),
  locations: z.optional(z.array(EvidenceLocationSchema)),
  scope: z.optional(z.enum(EVIDENCE_SCOPES)),
});

/** An attribution line a hook removed, replaced or had to keep, from the commit's provenance note. */
export const RemovedAttributionSchema = z.strictObject({
  line: z.string(),
  action: z.enum(REMOVAL_ACTIONS),
  reason: z.string(),
  mode: z.enum(MODES),
  tool: ToolSchema,
  class: z.enum(ATTRIBUTION_CLASSES),
  replacedBy: z.optional(z.array(z.string())),
  policy: z.string(),
  time: z.string(),
});

export const CommitAuditSchema = z.strictObject({
  sha: z.string().check(z.regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/)),
  date: z.string(),
  author: IdentitySchema,
  committer: IdentitySchema,
  committerDate: z.string(),
  parents: z.array(z.string()),
  subject: z.string(),
  verdict: z.enum(VERDICTS),
  assisted: z.boolean(),
  tools: z.array(ToolSchema),
  models: z.array(z.string()),
  evidence: z.array(EvidenceSchema),
  diffScanned: z.optional(z.boolean()),
  diffTruncated: z.optional(z.boolean()),
  encoding: z.optional(z.literal('latin1')),
  autonomy: z.optional(z.enum(AUTONOMY_TIERS)),
  empty: z.optional(z.literal(true)),
  removed: z.optional(z.array(RemovedAttributionSchema)),
});

export const AuditSummarySchema = z.strictObject({
  commits: count,
  assisted: count,
  unverified: count,
  none: count,
  assistedShare: z.number().check(z.gte(0), z.lte(1)),
  tools: z.array(z.strictObject({ tool: ToolSchema, commits: count })),
  models: z.array(z.strictObject({ model: z.string(), commits: count })),
  authors: z.array(z.strictObject({ name: z.string(), email: z.string(), commits: count, assisted: count, unverified: count })),
  evidenceKinds: z.strictObject(Object.fromEntries(EVIDENCE_KINDS.map((k) => [k, count])) as Record<EvidenceKind, typeof count>),
  messageOnly: count,
  empty: count,
  autonomy: z.strictObject(Object.fromEntries(AUTONOMY_TIERS.map((k) => [k, count])) as Record<Autonomy, typeof count>),
  firstDate: z.optional(z.string()),
  lastDate: z.optional(z.string()),
});

export const AuditQuerySchema = z.strictObject({
  revs: z.array(z.string()),
  all: z.boolean(),
  maxCount: z.optional(count),
  since: z.optional(z.string()),
  until: z.optional(z.string()),
  paths: z.array(z.string()),
  diffs: z.boolean(),
});

export const ReportMetaSchema = z.strictObject({
  schemaVersion: z.literal(1),
  generator: z.strictObject({ name: z.literal('ai-provenance'), version: z.string(), engine: count, catalog: count }),
  repository: z.strictObject({ id: z.string().check(z.minLength(1)), head: z.optional(z.string()), shallow: z.boolean() }),
  query: AuditQuerySchema,
});

/** The whole document. `generatedAt` is present only when the run was given one (no clock otherwise). */
export const ReportSchema = z.strictObject({
  schemaVersion: z.literal(1),
  generatedAt: z.optional(z.iso.datetime({ offset: true })),
  generator: ReportMetaSchema.shape.generator,
  repository: ReportMetaSchema.shape.repository,
  query: AuditQuerySchema,
  commits: z.array(CommitAuditSchema),
  summary: AuditSummarySchema,
  /** export --lines: the line figures of the tree at the range's tip. */
  lines: z.optional(LinesSummarySchema),
});
export type Report = z.infer<typeof ReportSchema>;

/** JSON Schema (draft 2020-12) of the report, as shipped in dist/schemas/report.schema.json. */
export function reportJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ReportSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = schema;
  return {
    $schema,
    $id: REPORT_SCHEMA_ID,
    title: 'AI provenance report',
    description: 'The versioned report of `ai-provenance audit --format json` and `ai-provenance export --format json`.',
    ...rest,
  };
}

// Compile-time: the schema and the model describe the same data, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameEvidence: Same<z.infer<typeof EvidenceSchema>, Evidence> = true;
const sameRemoved: Same<z.infer<typeof RemovedAttributionSchema>, RemovedAttribution> = true;
const sameAudit: Same<z.infer<typeof CommitAuditSchema>, CommitAudit> = true;
const sameSummary: Same<z.infer<typeof AuditSummarySchema>, AuditSummary> = true;
const sameMeta: Same<z.infer<typeof ReportMetaSchema>, ReportMeta> = true;
export const SCHEMA_MATCHES_MODEL = sameEvidence && sameRemoved && sameAudit && sameSummary && sameMeta;
