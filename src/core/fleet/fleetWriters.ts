// Writers of a fleet report: begin → record × N (the commits, repository by repository, in report
// order) → end (entries and totals). `jsonl` is the records alone (one commit per line, what a
// warehouse loads); `json` is one document (FleetReportSchema) with the records streamed one per line
// and the entries, per-tool and per-month figures and totals at the end; `markdown` and `html`
// (fleetHuman.ts) print only the aggregates. Pure.
import type { FleetHead, FleetTotals, FleetWriter } from './fleet';
import type { Sha256 } from '../digest';
import { FleetHtmlWriter, FleetMarkdownWriter } from './fleetHuman';

export type { FleetWriter };

export const FLEET_FORMATS = ['jsonl', 'json', 'markdown', 'html'] as const;
export type FleetFormat = (typeof FLEET_FORMATS)[number];

export class FleetJsonlWriter implements FleetWriter {
  readonly mediaType = 'application/jsonl';
  readonly wantsRecords = true;
  begin(): string {
    return '';
  }
  record(json: string): string {
    return `${json}\n`;
  }
  end(): string {
    return '';
  }
}

export class FleetJsonWriter implements FleetWriter {
  readonly mediaType = 'application/json';
  readonly wantsRecords = true;
  private count = 0;

  begin(head: FleetHead): string {
    this.count = 0;
    return '{"schemaVersion":1,\n'
      + (head.generatedAt !== undefined ? `"generatedAt":${JSON.stringify(head.generatedAt)},\n` : '')
      + `"generator":${JSON.stringify(head.generator)},\n"commits":[`;
  }

  record(json: string): string {
    return (this.count++ === 0 ? '\n' : ',\n') + json;
  }

  end(t: FleetTotals): string {
    const list = (items: readonly unknown[]): string => (items.length ? `[\n${items.map((i) => JSON.stringify(i)).join(',\n')}\n]` : '[]');
    return `${this.count ? '\n' : ''}],\n"repositories":${list(t.repositories)},\n"tools":${list(t.tools)},\n"months":${list(t.months)},\n`
      + `"summary":${JSON.stringify(t.summary)}${t.lines ? `,\n"lines":${JSON.stringify(t.lines)}` : ''}}\n`;
  }
}

/** `sha256` (from the shell) hashes the HTML page's stylesheet for its CSP. */
export function createFleetWriter(format: FleetFormat, sha256: Sha256): FleetWriter {
  switch (format) {
    case 'jsonl': return new FleetJsonlWriter();
    case 'json': return new FleetJsonWriter();
    case 'markdown': return new FleetMarkdownWriter();
    case 'html': return new FleetHtmlWriter(sha256);
    default: {
      const unknown: never = format;
      throw new Error(`unknown fleet format: ${String(unknown)}`);
    }
  }
}
