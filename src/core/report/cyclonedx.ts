// CycloneDX 1.6 (ECMA-424) for SBOM pipelines (Dependency-Track and friends): the audited repository
// is the BOM's subject (metadata.component), its AI-assisted and unverified commits its pedigree,
// recorded AI line ranges its evidence occurrences, the models named its machine-learning-model
// components. The AI facts are root properties under cdxgen's names (`cdx:ai:codegen:*`,
// `cdx:ai:oversight:*`, lib/helpers/aiProvenanceCollector.js and aiOversightCollector.js), so what
// reads cdxgen's output reads ours; what we cannot know is `unavailable`, never 0 (cdxgen's rule).
// Our own figures use the `ai-provenance:` namespace. Deterministic: no clock unless generatedAt,
// serialNumber derived from the content. Pure.
import type { AuditSummary, CommitAudit, EvidenceKind, Identity, ReportMeta, ToolId } from '../model';
import { describeQuery } from './months';
import { sha256Hex, type Sha256 } from '../digest';
import type { HashingOptions, ReportWriter } from './writer';

export const CYCLONEDX_SPEC = '1.6';
export const CYCLONEDX_SCHEMA = 'http://cyclonedx.org/schema/bom-1.6.schema.json';
export const UNAVAILABLE = 'unavailable';
/** Recorded line ranges listed as evidence occurrences; the rest are counted in a property. */
export const CYCLONEDX_MAX_OCCURRENCES = 10000;

/** cdxgen's tool vocabulary where it names the same product; our id otherwise. `unknown-ai` is a pseudo tool. */
const CDXGEN_TOOL: Partial<Record<ToolId, string>> = {
  copilot: 'github-copilot', claude: 'claude-code', codex: 'openai-codex', replit: 'replit-ai',
};

export function cdxgenTool(tool: ToolId): string {
  return CDXGEN_TOOL[tool] ?? tool;
}

/** Where a signal was seen, in cdxgen's channel words where it has one. */
const CHANNEL: Record<EvidenceKind, string> = {
  trailer: 'commit-trailer', author: 'bot-author', committer: 'bot-committer', message: 'commit-message',
  diff: 'code-marker', note: 'line-attribution', branch: 'branch-name',
};

const BANDS = ['low', 'medium', 'high'] as const;
type Band = (typeof BANDS)[number];

interface Signal {
  tool: ToolId;
  channel: string;
  commits: Set<string>;
  band: Band;
}

interface Property {
  name: string;
  value: string;
}

const maxBand = (a: Band | undefined, b: Band): Band => (a === undefined || BANDS.indexOf(b) > BANDS.indexOf(a) ? b : a);
const EMAIL_SHAPE = /^[^\s@<>]+@[^\s@<>]+$/;

function action(who: Identity, timestamp: string): Record<string, string> {
  return {
    ...(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(timestamp) ? { timestamp } : {}),
    ...(who.name ? { name: who.name } : {}),
    ...(EMAIL_SHAPE.test(who.email) ? { email: who.email } : {}),
  };
}

/** A UUID-shaped serial number from a digest of the content (RFC 4122 layout, version 8). */
function serialNumber(sha256: Sha256, seed: string): string {
  const hex = sha256Hex(sha256, seed).slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `urn:uuid:${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export class CycloneDxWriter implements ReportWriter {
  readonly mediaType = 'application/vnd.cyclonedx+json';
  readonly extension = 'cdx.json';
  private meta: ReportMeta | undefined;
  private signals = new Map<string, Signal>();
  private models = new Map<string, { tool: ToolId; commits: number }>();
  private commits: Record<string, unknown>[] = [];
  private occurrences: Record<string, unknown>[] = [];
  private droppedOccurrences = 0;
  private seenOccurrences = new Set<string>();
  private noteCommits = 0;
  private attributedLines = 0;
  private sessions = new Set<string>();
  private signalCount = 0;

  constructor(private readonly options: HashingOptions) {}

  begin(meta: ReportMeta): string {
    this.meta = meta;
    return '';
  }

  commit(audit: CommitAudit): string {
    if (audit.verdict === 'none') return '';
    this.commits.push({
      uid: audit.sha,
      author: action(audit.author, audit.date),
      committer: action(audit.committer, audit.committerDate),
      message: audit.subject,
    });
    let notes = false;
    const modelsSeen = new Set<string>();
    for (const e of audit.evidence) {
      this.signalCount++;
      const channel = CHANNEL[e.kind];
      const key = `${e.tool}\u0000${channel}`;
      const band: Band = audit.verdict === 'unverified' ? 'low' : e.confidence;
      const s = this.signals.get(key);
      if (s) {
        s.commits.add(audit.sha);
        s.band = maxBand(s.band, band);
      } else this.signals.set(key, { tool: e.tool, channel, commits: new Set([audit.sha]), band });
      if (e.model && !modelsSeen.has(e.model)) {
        modelsSeen.add(e.model);
        const m = this.models.get(e.model);
        if (m) m.commits++;
        else this.models.set(e.model, { tool: e.tool, commits: 1 });
      }
      if (e.session) this.sessions.add(e.session);
      if (e.kind !== 'note') continue;
      notes = true;
      for (const l of e.locations ?? []) {
        if (l.line === undefined) continue;
        const end = Math.max(l.line, l.endLine ?? l.line);
        this.attributedLines += end - l.line + 1;
        if (this.occurrences.length >= CYCLONEDX_MAX_OCCURRENCES) {
          this.droppedOccurrences++;
          continue;
        }
        const additionalContext = `lines ${l.line}-${end} recorded as written by ${e.tool}${e.model ? ` (${e.model})` : ''} in commit ${audit.sha}`;
        const key = `${l.file}\u0000${additionalContext}`;
        if (this.seenOccurrences.has(key)) continue;
        this.seenOccurrences.add(key);
        this.occurrences.push({ location: l.file, line: l.line, additionalContext });
      }
    }
    if (notes) this.noteCommits++;
    return '';
  }

  end(summary: AuditSummary): string {
    const meta = this.meta;
    const id = meta?.repository.id ?? 'repository';
    const component: Record<string, unknown> = { type: 'application', 'bom-ref': 'repository', name: id };
    if (meta?.repository.head) component.version = meta.repository.head;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(id)) component.externalReferences = [{ type: 'vcs', url: id }];
    if (this.commits.length) component.pedigree = { commits: this.commits };
    if (this.occurrences.length) component.evidence = { occurrences: this.occurrences };
    const metadata: Record<string, unknown> = {};
    if (this.options.generatedAt !== undefined) {
      const time = Date.parse(this.options.generatedAt);
      if (!Number.isNaN(time)) metadata.timestamp = new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
    metadata.tools = { components: [{ type: 'application', name: 'ai-provenance', version: meta?.generator.version ?? 'unknown' }] };
    metadata.component = component;
    const bom: Record<string, unknown> = {
      $schema: CYCLONEDX_SCHEMA,
      bomFormat: 'CycloneDX',
      specVersion: CYCLONEDX_SPEC,
      serialNumber: serialNumber(this.options.sha256, JSON.stringify([id, meta?.repository.head ?? '', meta?.query ?? {}, this.options.generatedAt ?? '', summary])),
      version: 1,
      metadata,
    };
    const models = [...this.models].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (models.length) {
      bom.components = models.map(([name, m]) => ({
        type: 'machine-learning-model', 'bom-ref': `model:${name}`, name,
        properties: [{ name: 'ai-provenance:tool', value: cdxgenTool(m.tool) }, { name: 'ai-provenance:commits', value: String(m.commits) }],
      }));
    }
    bom.properties = [...this.codegenProperties(summary), ...this.ownProperties(summary)];
    return `${JSON.stringify(bom, null, 2)}\n`;
  }

  /** cdxgen's `cdx:ai:codegen:*` and `cdx:ai:oversight:*` names. */
  private codegenProperties(summary: AuditSummary): Property[] {
    const known = summary.commits > 0;
    const detected = summary.assisted + summary.unverified > 0;
    const signals = [...this.signals.values()].sort((a, b) => compare(cdxgenTool(a.tool), cdxgenTool(b.tool)) || compare(a.channel, b.channel));
    const realTools = signals.filter((s) => s.tool !== 'unknown-ai');
    const tools = [...new Set(realTools.map((s) => cdxgenTool(s.tool)))].sort(compare);
    let band: Band | undefined;
    for (const s of signals) band = maxBand(band, s.band);
    const props: Property[] = [
      { name: 'cdx:ai:codegen:detected', value: known ? String(detected) : UNAVAILABLE },
      // Evidence is graded in bands (high, medium, low), never as a probability.
      { name: 'cdx:ai:codegen:confidence', value: UNAVAILABLE },
      { name: 'cdx:ai:codegen:confidence:band', value: band ?? UNAVAILABLE },
      { name: 'cdx:ai:codegen:tools', value: known ? tools.join(',') : UNAVAILABLE },
      { name: 'cdx:ai:codegen:phases', value: known ? (detected ? 'dev' : '') : UNAVAILABLE },
      { name: 'cdx:ai:codegen:signals:count', value: known ? String(this.signalCount) : UNAVAILABLE },
    ];
    for (const tool of tools) {
      const mine = realTools.filter((s) => cdxgenTool(s.tool) === tool);
      const commits = new Set(mine.flatMap((s) => [...s.commits])).size;
      let toolBand: Band | undefined;
      for (const s of mine) toolBand = maxBand(toolBand, s.band);
      props.push({ name: `cdx:ai:codegen:tool:${tool}`,
        value: `confidence=${UNAVAILABLE};band=${toolBand ?? UNAVAILABLE};phases=dev;channels=${[...new Set(mine.map((s) => s.channel))].sort(compare).join(',')};evidence=${commits} commit(s)` });
    }
    if (this.models.size) props.push({ name: 'cdx:ai:codegen:models', value: [...this.models.keys()].sort(compare).join(',') });
    if (known) {
      props.push(
        { name: 'cdx:ai:codegen:noteCount', value: String(this.noteCommits) },
        { name: 'cdx:ai:codegen:attributionCount', value: String(this.attributedLines) },
        { name: 'cdx:ai:codegen:sessionCount', value: String(this.sessions.size) },
      );
    }
    if (detected) {
      props.push({ name: 'cdx:ai:codegen:evidence:json', value: JSON.stringify(signals.map((s) => ({
        channel: s.channel, tool: cdxgenTool(s.tool), phase: 'dev', evidence: `${s.commits.size} commit(s)`, confidence: UNAVAILABLE, band: s.band,
      }))) });
      // Review and ownership cannot be seen from git history; the AI share of lines needs line figures.
      for (const name of ['reviewCoverage', 'selfMergeRate', 'verificationDebtRatio', 'codeownersCoverage', 'aiLineRatio']) {
        props.push({ name: `cdx:ai:oversight:${name}`, value: UNAVAILABLE });
      }
      props.push({ name: 'cdx:ai:oversight:dataSources', value: this.noteCommits ? 'git,git-notes' : 'git' });
    }
    return props;
  }

  private ownProperties(summary: AuditSummary): Property[] {
    const meta = this.meta;
    const props: Property[] = [];
    if (meta) {
      props.push({ name: 'ai-provenance:repository', value: meta.repository.id });
      if (meta.repository.head) props.push({ name: 'ai-provenance:head', value: meta.repository.head });
      props.push({ name: 'ai-provenance:query', value: describeQuery(meta.query) },
        { name: 'ai-provenance:shallow', value: String(meta.repository.shallow) },
        { name: 'ai-provenance:engine', value: String(meta.generator.engine) },
        { name: 'ai-provenance:catalog', value: String(meta.generator.catalog) });
    }
    props.push(
      { name: 'ai-provenance:commits', value: String(summary.commits) },
      { name: 'ai-provenance:commits:assisted', value: String(summary.assisted) },
      { name: 'ai-provenance:commits:unverified', value: String(summary.unverified) },
      { name: 'ai-provenance:commits:none', value: String(summary.none) },
      { name: 'ai-provenance:assistedShare', value: summary.commits ? summary.assistedShare.toFixed(4) : UNAVAILABLE },
    );
    if (this.droppedOccurrences) props.push({ name: 'ai-provenance:occurrences:dropped', value: String(this.droppedOccurrences) });
    return props;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
