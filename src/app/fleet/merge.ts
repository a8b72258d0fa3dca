// Use case behind `ai-provenance merge`: read JSON reports, combine them (core/fleet/mergeReports.ts) and
// write one fleet report in any fleet format. A file that cannot be read or is not a report stops
// the merge with one line naming it (MergeError): a merged report never silently lacks a shard.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { auditJson } from '../../core/history/auditJson';
import { ENGINE_VERSION } from '../../core/detect/classify';
import { fleetRecordJson } from '../../core/fleet/fleet';
import { MergeError, mergeReports, type MergeInput, type MergeResult } from '../../core/fleet/mergeReports';
import type { FleetWriter } from '../../core/fleet/fleetWriters';
import { CATALOG_VERSION } from '../../core/detect/signatures';
import type { TextSink } from '../export/export';
import { sha256 } from '../sha256';

export { MergeError } from '../../core/fleet/mergeReports';

export interface MergeRequest {
  /** The files as the user named them, and where they are. */
  files: readonly string[];
  cwd: string;
  redactEmails?: boolean;
  generatedAt?: string;
  version: string;
}

function readReport(name: string, cwd: string): MergeInput {
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, name), 'utf8');
  } catch (e) {
    throw new MergeError(`cannot read ${name} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    return { name, doc: JSON.parse(text) as unknown };
  } catch (e) {
    throw new MergeError(`${name} is not JSON (${(e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').slice(0, 160)})`);
  }
}

export async function runMerge(req: MergeRequest, writer: FleetWriter, out: TextSink): Promise<MergeResult> {
  const merged = mergeReports(req.files.map((f) => readReport(f, req.cwd)), req.redactEmails ? { redactEmails: sha256 } : {});
  const write = async (text: string): Promise<void> => {
    const wait = out.write(text);
    if (wait) await wait;
  };
  await write(writer.begin({ generator: { name: 'ai-provenance', version: req.version, engine: ENGINE_VERSION, catalog: CATALOG_VERSION },
    ...(req.generatedAt !== undefined ? { generatedAt: req.generatedAt } : {}) }));
  if (writer.wantsRecords) {
    for (const r of merged.repositories) {
      for (const c of r.commits) await write(writer.record(fleetRecordJson(r.entry.repository, auditJson(c))));
    }
  }
  await write(writer.end(merged.totals));
  return merged;
}
