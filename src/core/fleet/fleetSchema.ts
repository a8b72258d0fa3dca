// The fleet's published shapes as zod schemas: one JSON Lines record (`fleet --format jsonl`, what a
// warehouse loads) and the fleet report (`fleet --format json`, `merge`). The build writes them as
// JSON Schema (dist/schemas/fleet-record.schema.json, fleet-report.schema.json); `merge` validates
// its inputs with them. Compile-time checks hold them equal to the types in fleet.ts.
import * as z from 'zod/mini';
import type { AuditedRepository, FleetRecord, FleetToolRow, UnverifiableRepository } from './fleet';
import { TOOL_IDS } from '../model';
import { AuditQuerySchema, AuditSummarySchema, CommitAuditSchema, ReportMetaSchema } from '../report/reportSchema';

export const FLEET_RECORD_SCHEMA_ID = 'https://ai-provenance.dev/schemas/fleet-record/v1.json';
export const FLEET_REPORT_SCHEMA_ID = 'https://ai-provenance.dev/schemas/fleet-report/v1.json';

const count = z.int().check(z.nonnegative());
const RepositoryId = z.string().check(z.minLength(1));

export const FleetRecordSchema = z.extend(CommitAuditSchema, { repository: RepositoryId });

export const LineFiguresSchema = z.record(z.string(), z.number());

export const AuditedRepositorySchema = z.strictObject({
  repository: RepositoryId,
  head: z.optional(z.string()),
  shallow: z.boolean(),
  generator: ReportMetaSchema.shape.generator,
  query: AuditQuerySchema,
  summary: AuditSummarySchema,
  lines: z.optional(LineFiguresSchema),
});

export const UnverifiableRepositorySchema = z.strictObject({
  repository: RepositoryId,
  unverifiable: z.string(),
});

export const FleetToolRowSchema = z.strictObject({ tool: z.enum(TOOL_IDS), commits: count, repositories: count });

export const MonthRowSchema = z.strictObject({
  month: z.string(), commits: count, assisted: count, unverified: count, none: count,
});

export const FleetReportSchema = z.strictObject({
  schemaVersion: z.literal(1),
  generatedAt: z.optional(z.iso.datetime({ offset: true })),
  generator: ReportMetaSchema.shape.generator,
  commits: z.array(FleetRecordSchema),
  repositories: z.array(z.union([AuditedRepositorySchema, UnverifiableRepositorySchema])),
  tools: z.array(FleetToolRowSchema),
  months: z.array(MonthRowSchema),
  summary: AuditSummarySchema,
  lines: z.optional(LineFiguresSchema),
});
export type FleetReport = z.infer<typeof FleetReportSchema>;

function withId(schema: z.ZodMiniType, id: string, title: string, description: string): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return { $schema, $id: id, title, description, ...rest };
}

export function fleetRecordJsonSchema(): Record<string, unknown> {
  return withId(FleetRecordSchema, FLEET_RECORD_SCHEMA_ID, 'AI provenance fleet record',
    'One line of `ai-provenance fleet --format jsonl`: the audit of one commit and the repository it belongs to '
    + '(its remote URL without credentials, else its folder name).');
}

export function fleetReportJsonSchema(): Record<string, unknown> {
  return withId(FleetReportSchema, FLEET_REPORT_SCHEMA_ID, 'AI provenance fleet report',
    'The report of `ai-provenance fleet --format json` and `ai-provenance merge`: every commit, one entry per repository, '
    + 'per tool and per month figures, and the totals.');
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameRecord: Same<z.infer<typeof FleetRecordSchema>, FleetRecord> = true;
const sameAudited: Same<z.infer<typeof AuditedRepositorySchema>, AuditedRepository> = true;
const sameUnverifiable: Same<z.infer<typeof UnverifiableRepositorySchema>, UnverifiableRepository> = true;
const sameTool: Same<z.infer<typeof FleetToolRowSchema>, FleetToolRow> = true;
export const FLEET_SCHEMA_MATCHES = sameRecord && sameAudited && sameUnverifiable && sameTool;
