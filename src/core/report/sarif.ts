// SARIF 2.1.0 for code scanning (GitHub's upload-sarif and any SARIF viewer): one `note` result per
// recorded or detected line range, and one per assisted (or unverified) commit for its commit-level
// evidence (trailers, identities, message markers). GitHub rejects a result without a physical
// location, so commit-level results are anchored at line 1 of a file the commit changed (or of the
// policy file when it changed none). Rule ids are per evidence kind (AIP001 trailer … AIP006 note);
// AIP007 a merge of an agent's branch; AIP008 is an attribution line the commit hooks removed;
// AIP009 (export --lines) a recorded line range as it stands in today's tree (a removal record of the provenance note).
// Results carry stable partialFingerprints. Streamed: one result per line.
import { EVIDENCE_KINDS, type CommitAudit, type Evidence, type EvidenceKind, type RemovedAttribution, type ReportMeta } from '../model';
import { sha256Hex } from '../digest';
import { isoAutomationLevel } from '../detect/autonomy';
import type { HashingOptions, ReportWriter } from './writer';
import { terminalSafe } from './summaryText';
import { sarifLinesResult, sarifLinesRule } from './sarifLines';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** GitHub's limit of results per run; the rest are counted in run.properties. */
export const SARIF_MAX_RESULTS = 25000;
/** Where a commit-level result goes when the commit changed no file: the team policy file. */
export const SARIF_FALLBACK_URI = '.ai-provenance.json';
export const SARIF_CATEGORY = 'ai-provenance/';

interface RuleText {
  id: string;
  name: string;
  short: string;
  full: string;
}

export const SARIF_RULES: Record<EvidenceKind, RuleText> = {
  trailer: { id: 'AIP001', name: 'AiAttributionTrailer', short: 'AI attribution trailer in a commit message',
    full: 'The commit message has a trailer that names an AI tool or model (Co-authored-by, Assisted-by, Generated-by, …).' },
  author: { id: 'AIP002', name: 'AiAuthorIdentity', short: 'Commit authored by an AI identity',
    full: 'The commit author is the identity of an AI tool or agent (a bot account, an agent e-mail, "(aider)" names).' },
  committer: { id: 'AIP003', name: 'AiCommitterIdentity', short: 'Commit committed by an AI identity',
    full: 'The committer is the identity of an AI tool or agent.' },
  message: { id: 'AIP004', name: 'AiMessageMarker', short: 'AI marker in a commit message',
    full: 'The commit message carries a marker line written by an AI tool (e.g. "Generated with Claude Code").' },
  diff: { id: 'AIP005', name: 'AiCodeMarker', short: 'AI marker in added code',
    full: 'A line the commit added carries a marker comment left by an AI tool.' },
  note: { id: 'AIP006', name: 'RecordedAiLines', short: 'Lines recorded as AI-written',
    full: 'A tool recorded these lines as written by an AI agent: an ai-provenance note, a git-ai authorship log or an Agent Trace record.' },
  branch: { id: 'AIP007', name: 'AgentBranchMerge', short: 'Merge of a branch named like an AI agent\'s',
    full: 'The merge subject names a branch an AI agent pushes (copilot/…, claude/…, codex/…): low confidence, a person may name a branch that way.' },
};

/** The rule of removal records (after the evidence kinds' rules). */
export const SARIF_REMOVAL_RULE: RuleText = {
  id: 'AIP008', name: 'RemovedAttribution', short: 'AI attribution removed from a commit message',
  full: 'A commit hook removed (or replaced) an AI attribution line from the commit message, as its provenance note records: '
    + 'the line, why, the policy mode and a digest of the policy.',
};
const REMOVAL_RULE_INDEX = EVIDENCE_KINDS.length;

const KIND_ORDER = new Map<EvidenceKind, number>(EVIDENCE_KINDS.map((k, i) => [k, i]));

function rule(kind: EvidenceKind | 'removal'): object {
  const r = kind === 'removal' ? SARIF_REMOVAL_RULE : SARIF_RULES[kind];
  const help = `${r.full} This is provenance information, not a defect: ai-provenance reports it so reviewers and auditors `
    + 'can see where AI assistance is recorded or claimed. Run `ai-provenance audit` for the evidence of a commit.';
  return {
    id: r.id, name: r.name, shortDescription: { text: r.short }, fullDescription: { text: r.full },
    help: { text: help, markdown: help },
    defaultConfiguration: { level: 'note' },
    properties: { tags: ['ai-provenance', kind === 'removal' ? 'removal' : `evidence:${kind}`], precision: kind === 'note' || kind === 'removal' ? 'very-high' : 'high', 'problem.severity': 'recommendation' },
  };
}

/**
 * Message text, read by people in a code-scanning UI: neutralised like every human-readable output
 * (terminalSafe), and SARIF reads `[text](id)` as a link, so brackets (and backslashes) are escaped.
 */
export function sarifText(text: string): string {
  return terminalSafe(text).replace(/[\\[\]]/g, (c) => `\\${c}`);
}

/** A repository-relative path as a URI reference (segments percent-encoded). */
export function pathUri(file: string): string {
  return file.split('/').map((s) => encodeURIComponent(s)).join('/');
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

interface Anchor {
  file: string;
  start: number;
  end: number;
}

export class SarifWriter implements ReportWriter {
  readonly mediaType = 'application/sarif+json';
  readonly extension = 'sarif';
  private count = 0;
  private dropped = 0;
  private head: string | undefined;

  constructor(private readonly options: HashingOptions) {}

  begin(meta: ReportMeta): string {
    this.count = 0;
    this.dropped = 0;
    this.head = meta.repository.head;
    const rules = [...EVIDENCE_KINDS.map(rule), rule('removal'), ...(this.options.lines ? [sarifLinesRule()] : [])];
    const driver = { name: 'ai-provenance', semanticVersion: meta.generator.version, rules };
    const invocation: Record<string, unknown> = { executionSuccessful: true };
    if (this.options.generatedAt !== undefined) {
      const time = Date.parse(this.options.generatedAt);
      if (!Number.isNaN(time)) invocation.endTimeUtc = new Date(time).toISOString();
    }
    return `{"$schema":${JSON.stringify(SARIF_SCHEMA_URI)},"version":"2.1.0","runs":[{\n`
      + `"tool":${JSON.stringify({ driver })},\n`
      + `"automationDetails":${JSON.stringify({ id: SARIF_CATEGORY })},\n`
      + `"invocations":${JSON.stringify([invocation])},\n`
      + '"columnKind":"utf16CodeUnits",\n"results":[';
  }

  commit(audit: CommitAudit): string {
    const out: string[] = (audit.removed ?? []).map((r) => this.removalResult(audit, r));
    if (audit.verdict === 'none' || !audit.evidence.length) return this.emit(out);
    const commitLevel: Evidence[] = [];
    for (const e of audit.evidence) {
      const lines = (e.locations ?? []).filter((l) => l.line !== undefined);
      if (!lines.length) {
        commitLevel.push(e);
        continue;
      }
      for (const l of lines) {
        const start = l.line as number;
        out.push(this.lineResult(audit, e, { file: l.file, start, end: Math.max(start, l.endLine ?? start) }));
      }
    }
    if (commitLevel.length) out.unshift(this.commitResult(audit, commitLevel));
    return this.emit(out);
  }

  private emit(out: readonly string[]): string {
    let text = '';
    for (const r of out) {
      if (this.count >= SARIF_MAX_RESULTS) this.dropped++;
      else text += (this.count++ === 0 ? '\n' : ',\n') + r;
    }
    return text;
  }

  end(): string {
    let text = '';
    if (this.options.lines) {
      for (const region of this.options.recordedRegions ?? []) {
        const result = sarifLinesResult(region, this.options.lines.rev, REMOVAL_RULE_INDEX + 1, pathUri(region.file), sarifText, this.options.sha256);
        if (this.count >= SARIF_MAX_RESULTS) this.dropped++;
        else text += (this.count++ === 0 ? '\n' : ',\n') + result;
      }
    }
    const properties: Record<string, unknown> = { results: this.count };
    if (this.options.lines) properties.lines = { rev: this.options.lines.rev, ...this.options.lines.totals };
    if (this.head !== undefined) properties.head = this.head;
    if (this.dropped) properties.droppedResults = this.dropped;
    return `${text}${this.count ? '\n' : ''}],\n"properties":${JSON.stringify(properties)}\n}]}\n`;
  }

  /** Where a commit-level result goes: a file the commit changed, or the policy file. */
  private anchorFile(audit: CommitAudit): string {
    return this.options.commitFiles?.get(audit.sha) ?? audit.evidence.flatMap((e) => e.locations ?? [])[0]?.file ?? SARIF_FALLBACK_URI;
  }

  private removalResult(audit: CommitAudit, r: RemovedAttribution): string {
    const file = this.anchorFile(audit);
    const did = r.action === 'kept' ? 'kept (removing it would have emptied the message)' : r.action === 'replaced'
      ? `replaced with ${(r.replacedBy ?? []).map((l) => `"${clip(l, 200)}"`).join(', ')}` : 'removed';
    const text = `Commit ${audit.sha.slice(0, 10)} "${clip(audit.subject, 120)}": the commit hooks ${did} the ${r.class} attribution `
      + `"${clip(r.line.replace(/\r?\n[ \t]*/g, ' '), 200)}" (mode ${r.mode}): ${clip(r.reason, 300)}.`;
    const key = [audit.sha, SARIF_REMOVAL_RULE.id, file, r.line, r.time].join('\u0000');
    return JSON.stringify({
      ruleId: SARIF_REMOVAL_RULE.id,
      ruleIndex: REMOVAL_RULE_INDEX,
      level: 'note',
      message: { text: sarifText(text) },
      locations: [{ physicalLocation: { artifactLocation: { uri: pathUri(file), uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } } }],
      partialFingerprints: { primaryLocationLineHash: `${sha256Hex(this.options.sha256, key).slice(0, 16)}:1` },
      properties: { commit: audit.sha, tool: r.tool, verdict: audit.verdict, action: r.action, class: r.class, mode: r.mode, policy: r.policy },
    });
  }

  private lineResult(audit: CommitAudit, e: Evidence, at: Anchor): string {
    const lines = at.start === at.end ? `line ${at.start}` : `lines ${at.start}-${at.end}`;
    const who = `${e.tool}${e.model ? ` (${e.model})` : ''}`;
    const what = e.kind === 'note' ? `recorded as written by ${who}` : `carries an AI marker of ${who}`;
    const text = `${at.file} ${lines} ${what} in commit ${audit.sha.slice(0, 10)} "${clip(audit.subject, 120)}".`;
    return this.result(audit, e, [e], at, text, true);
  }

  private commitResult(audit: CommitAudit, evidence: Evidence[]): string {
    const sorted = [...evidence].sort((a, b) => (KIND_ORDER.get(a.kind) ?? 0) - (KIND_ORDER.get(b.kind) ?? 0));
    const primary = sorted[0] as Evidence;
    const fileOnly = sorted.flatMap((e) => e.locations ?? []).find((l) => l.line === undefined)?.file;
    const anyFile = audit.evidence.flatMap((e) => e.locations ?? [])[0]?.file;
    const file = fileOnly ?? this.options.commitFiles?.get(audit.sha) ?? anyFile ?? SARIF_FALLBACK_URI;
    const state = audit.verdict === 'unverified' ? 'has an unverified AI attribution' : 'is AI-assisted';
    const details = sorted.map((e) => `${e.kind}: ${clip(e.detail, 200)}`).join('; ');
    const text = `Commit ${audit.sha.slice(0, 10)} "${clip(audit.subject, 120)}" by ${audit.author.name || audit.author.email} ${state} `
      + `(${audit.tools.join(', ')}). Evidence: ${details}.`;
    return this.result(audit, primary, sorted, { file, start: 1, end: 1 }, text, false);
  }

  private result(audit: CommitAudit, primary: Evidence, all: Evidence[], at: Anchor, text: string, lines: boolean): string {
    const ruleId = SARIF_RULES[primary.kind].id;
    const key = [audit.sha, ruleId, at.file, at.start, at.end, primary.tool, primary.signature].join('\u0000');
    const properties: Record<string, unknown> = { commit: audit.sha, tool: primary.tool };
    if (primary.model) properties.model = primary.model;
    if (primary.session) properties.session = primary.session;
    properties.verdict = audit.verdict;
    properties.confidence = primary.confidence;
    properties.evidence = all.map((e) => e.kind);
    properties.scope = primary.scope ?? 'code';
    if (audit.autonomy) properties.autonomy = audit.autonomy;
    const level = isoAutomationLevel(audit.evidence);
    if (level) properties.isoAutomationLevel = level;
    if (audit.empty) properties.empty = true;
    const region = lines ? { startLine: at.start, endLine: at.end } : { startLine: at.start };
    return JSON.stringify({
      ruleId,
      ruleIndex: EVIDENCE_KINDS.indexOf(primary.kind),
      level: 'note',
      message: { text: sarifText(text) },
      locations: [{ physicalLocation: { artifactLocation: { uri: pathUri(at.file), uriBaseId: '%SRCROOT%' }, region } }],
      partialFingerprints: { primaryLocationLineHash: `${sha256Hex(this.options.sha256, key).slice(0, 16)}:1` },
      properties,
    });
  }
}
