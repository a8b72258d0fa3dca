// The JSON of `ai-provenance check --format json` as a zod schema; the build writes it as JSON Schema
// (dist/schemas/check.schema.json). Compile-time checks hold it equal to CheckReport.
import * as z from 'zod/mini';
import { AuditQuerySchema } from './reportSchema';
import { FormatSchema, ModeSchema, ToolOverridesSchema } from '../policy/policySchema';
import type { CheckReport } from './checkReport';

export const CHECK_SCHEMA_ID = 'https://ai-provenance.dev/schemas/check/v1.json';

const ProblemSchema = z.strictObject({
  kind: z.enum(['undisclosed', 'unverified', 'stripped', 'forbidden', 'rejected']),
  text: z.string(),
});

export const CheckReportSchema = z.strictObject({
  schemaVersion: z.literal(1),
  repository: z.string(),
  query: z.omit(AuditQuerySchema, { diffs: true }),
  policy: z.strictObject({ mode: ModeSchema, tools: ToolOverridesSchema, format: FormatSchema }),
  policySource: z.string(),
  commits: z.int().check(z.nonnegative()),
  passed: z.boolean(),
  violations: z.array(z.strictObject({
    sha: z.string(),
    date: z.string(),
    author: z.string(),
    subject: z.string(),
    action: z.enum(['rewrite', 'reject']),
    problems: z.array(ProblemSchema),
  })),
  lines: z.optional(z.strictObject({
    rev: z.string(),
    limit: z.number(),
    limitSource: z.string(),
    total: z.int().check(z.nonnegative()),
    ai: z.int().check(z.nonnegative()),
    aiShare: z.number(),
    exceeded: z.boolean(),
  })),
});

export function checkJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(CheckReportSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return { $schema, $id: CHECK_SCHEMA_ID, title: 'AI provenance check result',
    description: 'The output of `ai-provenance check --format json`.', ...rest };
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameCheck: Same<z.infer<typeof CheckReportSchema>, CheckReport> = true;
export const CHECK_SCHEMA_MATCHES = sameCheck;
