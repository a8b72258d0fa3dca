// The JSON report with an optional `generatedAt` (export --generated-at): JsonWriter's document,
// the timestamp second, after schemaVersion; with --lines, the line figures last. Without either the
// bytes are exactly JsonWriter's.
import type { AuditSummary, ReportMeta } from '../model';
import type { LinesSummary } from '../lines/linesSummary';
import { JsonWriter } from './json';

export class ReportJsonWriter extends JsonWriter {
  constructor(private readonly generatedAt?: string, private readonly lines?: LinesSummary) {
    super();
  }

  /** export --lines: the line figures after the summary (`"lines":{…}`). */
  override end(summary: AuditSummary): string {
    const text = super.end(summary);
    return this.lines ? `${text.slice(0, -2)},\n"lines":${JSON.stringify(this.lines)}}\n` : text;
  }

  override begin(meta: ReportMeta): string {
    const head = super.begin(meta);
    if (this.generatedAt === undefined) return head;
    const nl = head.indexOf('\n') + 1;
    return `${head.slice(0, nl)}"generatedAt":${JSON.stringify(this.generatedAt)},\n${head.slice(nl)}`;
  }
}
