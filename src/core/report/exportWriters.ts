// The factory of `ai-provenance export` (and the editor's export): one fresh writer per report.
// Separate from writers.ts so `audit` does not load the HTML, SARIF and attestation writers.
import { AgentTraceWriter } from './agentTraceExport';
import { CsvWriter } from './csv';
import { CycloneDxWriter } from './cyclonedx';
import { CsvEvidenceWriter } from './csvEvidence';
import { HtmlWriter } from './html';
import { jsonSafeWriter } from './jsonSafe';
import { InTotoWriter } from './intoto';
import { ReportJsonWriter } from './jsonReport';
import { MarkdownWriter } from './markdown';
import { SarifWriter } from './sarif';
import type { ExportFormat, HashingOptions, ReportWriter } from './writer';

export function createExportWriter(format: ExportFormat, options: HashingOptions): ReportWriter {
  switch (format) {
    case 'json': return jsonSafeWriter(new ReportJsonWriter(options.generatedAt, options.lines));
    case 'csv': return options.rows === 'evidence' ? new CsvEvidenceWriter() : new CsvWriter();
    case 'markdown': return new MarkdownWriter(options);
    case 'html': return new HtmlWriter(options);
    case 'sarif': return jsonSafeWriter(new SarifWriter(options));
    case 'intoto': return jsonSafeWriter(new InTotoWriter(options));
    case 'agent-trace': return jsonSafeWriter(new AgentTraceWriter());
    case 'cyclonedx': return jsonSafeWriter(new CycloneDxWriter(options));
    default: {
      const unknown: never = format;
      throw new Error(`unknown export format: ${String(unknown)}`);
    }
  }
}
