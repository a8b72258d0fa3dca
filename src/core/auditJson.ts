// The canonical JSON text of a CommitAudit — what the cache stores and JSONL prints. Byte-identical
// to JSON.stringify(audit) for audits built by buildAudit(), about twice as fast on the hot path
// (a unit test holds the two equal).
import type { CommitAudit } from './model';

const q = JSON.stringify;

function list(values: readonly string[]): string {
  return values.length ? q(values) : '[]';
}

export function auditJson(a: CommitAudit): string {
  let s = `{"sha":${q(a.sha)},"date":${q(a.date)},"author":{"name":${q(a.author.name)},"email":${q(a.author.email)}},` +
    `"committer":{"name":${q(a.committer.name)},"email":${q(a.committer.email)}},"committerDate":${q(a.committerDate)},` +
    `"parents":${list(a.parents)},"subject":${q(a.subject)},"verdict":${q(a.verdict)},"assisted":${a.assisted},` +
    `"tools":${list(a.tools)},"models":${list(a.models)},"evidence":${a.evidence.length ? q(a.evidence) : '[]'}`;
  if (a.diffScanned !== undefined) s += `,"diffScanned":${a.diffScanned}`;
  if (a.diffTruncated !== undefined) s += `,"diffTruncated":${a.diffTruncated}`;
  if (a.encoding !== undefined) s += `,"encoding":${q(a.encoding)}`;
  return `${s}}`;
}
