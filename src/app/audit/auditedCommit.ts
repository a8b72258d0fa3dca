// One audited commit as the use case hands it out: the JSON text reports print, or the raw bytes
// of a cached line (zero-copy output); the object is parsed only when someone needs it.
import type { CommitAudit } from '../../core/model';

const SHA_AT = '{"sha":"'.length;

export class AuditedCommit {
  private shaText?: string;
  private text?: string;
  private parsed?: CommitAudit;
  /** The JSON line with its newline, when it comes straight from the cache file. */
  readonly line?: Buffer;

  constructor(sha: string | undefined, json: string | Buffer, audit?: CommitAudit) {
    this.shaText = sha;
    if (typeof json === 'string') this.text = json;
    else this.line = json;
    this.parsed = audit;
  }

  get sha(): string {
    if (this.shaText === undefined) {
      const line = this.line as Buffer;
      this.shaText = line.toString('latin1', SHA_AT, line.indexOf(0x22, SHA_AT));
    }
    return this.shaText;
  }

  get json(): string {
    this.text ??= (this.line as Buffer).toString('utf8', 0, (this.line as Buffer).length - 1);
    return this.text;
  }

  get audit(): CommitAudit {
    this.parsed ??= JSON.parse(this.json) as CommitAudit;
    return this.parsed;
  }
}
