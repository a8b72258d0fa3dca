// The format factory: one fresh, stateful writer per report.

import { CsvWriter } from './csv';
import { JsonWriter } from './json';
import { JsonlWriter } from './jsonl';
import { jsonSafeWriter } from './jsonSafe';
import { MarkdownWriter } from './markdown';
import { SummaryTextWriter } from './summaryText';
import type { ReportFormat, ReportWriter, WriterOptions } from './writer';

export function createWriter(format: ReportFormat, options: WriterOptions = {}): ReportWriter {
  switch (format) {
    case 'jsonl': return jsonSafeWriter(new JsonlWriter());
    case 'json': return jsonSafeWriter(new JsonWriter());
    case 'csv': return new CsvWriter();
    case 'markdown': return new MarkdownWriter();
    case 'summary': return new SummaryTextWriter(options);
    default: {
      const unknown: never = format;
      throw new Error(`unknown report format: ${String(unknown)}`);
    }
  }
}
