// Export buttons of the panel: the same report writers as `ai-provenance audit/export`, for the
// panel's repository and current filters' path, saved where the user picks.
import * as vscode from 'vscode';
import { writeFileSync } from 'node:fs';
import { runAudit } from '../../app/audit';
import { SummaryAccumulator } from '../../core/summary';
import { createWriter } from '../../core/report/writers';
import type { ReportFormat } from '../../core/report/writer';
import type { PanelExportFormat, Query } from '../../protocol/panel';
import type { PanelDeps } from './provenancePanel';

const WRITER_FORMATS: Partial<Record<PanelExportFormat, ReportFormat>> = { json: 'json', csv: 'csv', markdown: 'markdown' };
const EXTENSIONS: Record<PanelExportFormat, string> = {
  json: 'json', csv: 'csv', markdown: 'md', html: 'html', sarif: 'sarif', intoto: 'intoto.json', 'agent-trace': 'jsonl',
};

export async function exportFromPanel(root: string, format: PanelExportFormat, query: Query, deps: PanelDeps, notice: (m: string) => void): Promise<void> {
  const writerFormat = WRITER_FORMATS[format];
  if (!writerFormat) {
    notice(`The ${format} export is available from the command line: ai-provenance export --format ${format}`);
    return;
  }
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(vscode.Uri.file(root), `ai-provenance.${EXTENSIONS[format]}`),
    filters: { [format]: [EXTENSIONS[format]] },
  });
  if (!target) return;
  const writer = createWriter(writerFormat);
  const summary = new SummaryAccumulator();
  const parts: string[] = [];
  await runAudit({ repo: root, revs: [], all: false, paths: query.path ? [query.path] : [], diffs: true, cache: true, version: deps.version },
    { begin: (meta) => void parts.push(writer.begin(meta)), commit: (c) => { summary.add(c.audit); parts.push(writer.commit(c.audit)); } });
  parts.push(writer.end(summary.result()));
  writeFileSync(target.fsPath, parts.join(''));
  notice(`Exported ${format} to ${vscode.workspace.asRelativePath(target)}`);
}
