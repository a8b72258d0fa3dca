// SARIF for export --lines: rule AIP009 and one `note` result per recorded line range as it stands
// in the tree at the range's tip (git blame still names the recording commit for those lines), so
// code scanning shows it at the right lines of today's file — AIP006 places a range in the
// recording commit's own numbering. Pure.
import type { RecordedRegion } from '../lines/linesSummary';
import { sha256Hex, type Sha256 } from '../digest';

export const SARIF_LINES_RULE = {
  id: 'AIP009', name: 'RecordedAiLinesInTree', short: 'Lines of today\'s code recorded as AI-written',
  full: 'These lines of the analysed tree were last changed by a commit whose line-level record (an ai-provenance note, a git-ai '
    + 'authorship log or an Agent Trace record) attributes them to an AI agent; a recorded line edited later by someone else is not included.',
};

export function sarifLinesRule(): object {
  const r = SARIF_LINES_RULE;
  const help = `${r.full} This is provenance information, not a defect. Run \`ai-provenance blame FILE\` for every line's origin.`;
  return {
    id: r.id, name: r.name, shortDescription: { text: r.short }, fullDescription: { text: r.full },
    help: { text: help, markdown: help },
    defaultConfiguration: { level: 'note' },
    properties: { tags: ['ai-provenance', 'lines'], precision: 'very-high', 'problem.severity': 'recommendation' },
  };
}

/** One result (JSON text) for a region; `text` escapes the message as SARIF needs. */
export function sarifLinesResult(region: RecordedRegion, rev: string, ruleIndex: number, uri: string, text: (s: string) => string, sha256: Sha256): string {
  const lines = region.startLine === region.endLine ? `line ${region.startLine}` : `lines ${region.startLine}-${region.endLine}`;
  const who = `${region.tool}${region.model ? ` (${region.model})` : ''}`;
  const message = `${region.file} ${lines} at ${rev.slice(0, 10)} recorded as written by ${who} in commit ${region.sha.slice(0, 10)} (${region.source}).`;
  const key = [region.sha, SARIF_LINES_RULE.id, region.file, region.startLine, region.endLine, region.tool, region.source].join('\u0000');
  const properties: Record<string, unknown> = { commit: region.sha, tool: region.tool, source: region.source, tree: rev };
  if (region.model) properties.model = region.model;
  if (region.session) properties.session = region.session;
  return JSON.stringify({
    ruleId: SARIF_LINES_RULE.id, ruleIndex, level: 'note', message: { text: text(message) },
    locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region: { startLine: region.startLine, endLine: region.endLine } } }],
    partialFingerprints: { primaryLocationLineHash: `${sha256Hex(sha256, key).slice(0, 16)}:1` },
    properties,
  });
}
