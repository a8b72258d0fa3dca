// Every JSON Schema the build writes to dist/schemas/ besides the report's (report/reportSchema.ts),
// each generated from the zod schema the code itself uses, so a published schema cannot drift.
import { checkJsonSchema } from './report/checkSchema';
import { fleetRecordJsonSchema, fleetReportJsonSchema } from './fleet/fleetSchema';
import { teamFileJsonSchema } from './policy/teamFileSchema';

export const SCHEMA_FILES: Record<string, () => Record<string, unknown>> = {
  'check.schema.json': checkJsonSchema,
  'fleet-record.schema.json': fleetRecordJsonSchema,
  'fleet-report.schema.json': fleetReportJsonSchema,
  'team-file.schema.json': teamFileJsonSchema,
};
