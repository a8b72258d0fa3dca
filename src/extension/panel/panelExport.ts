// Export buttons of the panel: `ai-provenance export` (runExport, every format) for the panel's
// repository and the path of its filters, saved where the user picks. Signing stays on the CLI.
import * as vscode from 'vscode';
import { writeFileSync } from 'node:fs';
import { runExport } from '../../app/export/export';
import type { PanelExportFormat, Query } from '../../protocol/panel';
import type { Log } from '../log';

const EXTENSIONS: Record<PanelExportFormat, string> = {
  json: 'json', csv: 'csv', markdown: 'md', html: 'html', sarif: 'sarif', intoto: 'intoto.json', 'agent-trace': 'jsonl', cyclonedx: 'cdx.json',
};

/** What an export needs of the panel's dependencies (PanelDeps in provenancePanel.ts, which imports this module). */
export interface ExportDeps {
  log: Log;
  version: string;
}

export async function exportFromPanel(root: string, format: PanelExportFormat, query: Query, deps: ExportDeps, notice: (m: string) => void): Promise<void> {
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(vscode.Uri.file(root), `ai-provenance.${EXTENSIONS[format]}`),
    filters: { [format]: [EXTENSIONS[format]] },
  });
  if (!target) return;
  const parts: string[] = [];
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `AI Provenance: exporting ${format}` }, () => runExport({
    repo: root, revs: [], all: false, paths: query.path ? [query.path] : [], diffs: true, cache: true, version: deps.version, format,
    log: (l) => deps.log.trace(l),
  }, { write: (text) => void parts.push(text) }));
  writeFileSync(target.fsPath, parts.join(''));
  notice(`Exported ${format} to ${vscode.workspace.asRelativePath(target)}`);
}
