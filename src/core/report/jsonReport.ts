// The JSON report with an optional `generatedAt` (export --generated-at): JsonWriter's document,
// the timestamp second, after schemaVersion. Without one the bytes are exactly JsonWriter's.
import type { ReportMeta } from '../model';
import { JsonWriter } from './json';

export class ReportJsonWriter extends JsonWriter {
  constructor(private readonly generatedAt?: string) {
    super();
  }

  override begin(meta: ReportMeta): string {
    const head = super.begin(meta);
    if (this.generatedAt === undefined) return head;
    const nl = head.indexOf('\n') + 1;
    return `${head.slice(0, nl)}"generatedAt":${JSON.stringify(this.generatedAt)},\n${head.slice(nl)}`;
  }
}
