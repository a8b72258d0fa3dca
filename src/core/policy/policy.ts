// applyPolicy(message, evidence, policy) → the message to commit, or a rejection that says exactly
// what to change, with every decision about an attribution line written down (the hooks put the
// removals in the commit's provenance note). Each attribution line is classified first
// (core/policy/attribution.ts): self-attested lines are the agent's own claim and stay; VS Code's
// editor-added Copilot trailer stays only when evidence backs it for the committed changes;
// inherited lines (on the commit being amended, reworded, squashed or cherry-picked) stay;
// recorded evidence the message does not disclose is added. `strip`, `require`, `forbid` and the
// per-tool modes keep their meaning. Only attribution lines are touched (core/policy/messageEdit.ts).
import type { AttributionClass, RemovalAction, ToolId } from '../model';
import type { TrailerOptions } from '../detect/trailers';
import { attributionLines, inheritedKeys, type AttributionLine } from './attribution';
import { modeFor, type Mode, type Policy } from './policySchema';
import { formatTrailer, TOOL_DISPLAY } from './trailerWriter';
import { contentEnd, editMessage, gitSeesEmpty, isRealLine, splitLines } from './messageEdit';

/** How the commit came by a piece of evidence. */
export type EvidenceOrigin = 'recorded' | 'marker' | 'inherited';

/** Evidence for the changes of this commit, per tool. */
export interface RecordedTool {
  tool: ToolId;
  models: string[];
  /** Files (marker evidence: `path:line`). */
  files: string[];
  /** Working-log evidence backing the committed lines (default), an AI code marker in them, or the original commit's note. */
  origin?: EvidenceOrigin;
}

/** What the policy did with one attribution line it did not simply keep. */
export interface AttributionDecision {
  /** The line exactly as in the message (continuation lines joined by \n). */
  line: string;
  tool: ToolId;
  class: AttributionClass;
  action: RemovalAction;
  reason: string;
  mode: Mode;
  replacedBy?: string[];
}

export type PolicyOutcome =
  | { action: 'unchanged'; message: string; decisions: AttributionDecision[] }
  | { action: 'rewritten'; message: string; changes: string[]; decisions: AttributionDecision[] }
  | { action: 'reject'; reasons: string[] };

export interface ApplyOptions {
  trailers?: Omit<TrailerOptions, 'noDivider'>;
  /** 'prepare' (before the editor): only add trailers, so the user sees them; 'commit': everything. */
  stage?: 'prepare' | 'commit';
  /** Messages of the commit(s) this one rewrites (amend, reword, squash, fixup, cherry-pick). */
  inherited?: readonly string[];
  /**
   * A squash/fixup: git drops the fixed-up commits' messages, so their attribution lines that the
   * message lacks are put back (evidence mode; VS Code's only when evidence backs it).
   */
  restoreInherited?: boolean;
}

const ORIGIN_TEXT: Record<EvidenceOrigin, string> = {
  recorded: 'was recorded',
  marker: 'is marked in the added code',
  inherited: 'is recorded on the commit being rewritten',
};

export function applyPolicy(message: string, recorded: readonly RecordedTool[], policy: Policy, options: ApplyOptions = {}): PolicyOutcome {
  const stage = options.stage ?? 'commit';
  const commentChar = options.trailers?.commentChar || '#';
  const lines = splitLines(message);
  const end = contentEnd(lines, commentChar);
  const inherited = inheritedKeys(options.inherited ?? [], options.trailers);
  const found = attributionLines(message, options.trailers, inherited);
  const evidence = byTool(recorded);
  const reasons: string[] = [];
  const drop = new Set<number>();
  const decisions: AttributionDecision[] = [];
  const disclosed = new Set<ToolId>();
  const replaced: { decision: AttributionDecision; tools: ToolId[] }[] = [];

  for (const a of found) {
    if (a.tools.some((t) => modeFor(policy, t) === 'forbid')) {
      reasons.push(`this repository forbids AI attribution: remove "${display(a.text)}"`);
      continue;
    }
    const verdict = stage === 'commit' ? decide(a, policy, evidence) : undefined;
    if (!verdict) {
      a.tools.forEach((t) => disclosed.add(t));
      continue;
    }
    a.lines.forEach((i) => drop.add(i));
    const decision: AttributionDecision = {
      line: a.text, tool: a.tools[0] as ToolId, class: a.class, action: verdict.others.length ? 'replaced' : 'removed',
      reason: verdict.reason, mode: verdict.mode,
    };
    decisions.push(decision);
    if (verdict.others.length) replaced.push({ decision, tools: verdict.others });
  }

  const additions: string[] = [];
  if (options.restoreInherited) additions.push(...restored(found, options, policy, evidence, disclosed));
  const addedFor = new Map<ToolId, string[]>();
  for (const r of evidence.values()) {
    if (disclosed.has(r.tool) || (r.tool === 'unknown-ai' && disclosed.size > 0)) continue;
    const mode = modeFor(policy, r.tool);
    const suggestion = formatTrailer(policy.format, r.tool, r.models[0]);
    const where = r.files.length ? ` (${summarizeFiles(r.files)})` : '';
    const how = ORIGIN_TEXT[r.origin ?? 'recorded'];
    if (mode === 'forbid') {
      reasons.push(`AI assistance from ${TOOL_DISPLAY[r.tool]} ${how}${where}, and this repository forbids AI-generated code`);
    } else if (mode === 'require' && stage === 'commit') {
      reasons.push(`AI assistance from ${TOOL_DISPLAY[r.tool]} ${how}${where} but is not disclosed: add the trailer "${suggestion}"`);
    } else if (mode === 'evidence') {
      const lines = (r.models.length ? r.models : [undefined]).map((m) => formatTrailer(policy.format, r.tool, m));
      addedFor.set(r.tool, lines);
      additions.push(...lines);
    }
  }
  if (reasons.length) return stage === 'commit' ? { action: 'reject', reasons } : { action: 'unchanged', message, decisions: [] };

  // An empty message aborts the commit: never turn it into a trailer-only one.
  const adds = lines.slice(0, end).some((l) => isRealLine(l, commentChar)) ? [...new Set(additions)] : [];
  for (const { decision, tools } of replaced) {
    const by = tools.flatMap((t) => addedFor.get(t) ?? []).filter((l) => adds.includes(l));
    if (by.length) decision.replacedBy = by;
    else decision.action = 'removed';
  }
  if (drop.size && gitSeesEmpty(lines, end, drop, adds, commentChar)) {
    // Evidence mode never blocks a commit: keep the line, and say why in the note.
    drop.clear();
    for (const d of decisions) {
      d.action = 'kept';
      d.reason = `${d.reason}; kept because removing it would leave a message git rejects as empty`;
      delete d.replacedBy;
    }
  }
  const changes = decisions.map((d) => describe(d));
  if (drop.size === 0 && adds.length === 0) return { action: 'unchanged', message, decisions };
  const rebuilt = editMessage(message, lines, end, drop, adds, options.trailers);
  for (const a of adds) changes.push(`added "${a}"`);
  return rebuilt === message ? { action: 'unchanged', message, decisions } : { action: 'rewritten', message: rebuilt, changes, decisions };
}

/** Attribution lines of the rewritten commits that the message lacks, to put back (marks their tools disclosed). */
function restored(found: readonly AttributionLine[], options: ApplyOptions, policy: Policy,
  evidence: ReadonlyMap<ToolId, RecordedTool>, disclosed: Set<ToolId>): string[] {
  const present = new Set(found.map((a) => a.key));
  const out: string[] = [];
  for (const message of options.inherited ?? []) {
    for (const a of attributionLines(message, options.trailers)) {
      if (present.has(a.key) || a.tools.every((t) => disclosed.has(t))) continue;
      if (a.tools.some((t) => modeFor(policy, t) !== 'evidence')) continue;
      if (a.class === 'editor-added' && !evidence.has('copilot')) continue;
      out.push(a.trailer ?? formatTrailer(policy.format, a.tools[0] as ToolId));
      present.add(a.key);
      a.tools.forEach((t) => disclosed.add(t));
    }
  }
  return out;
}

/** Why an attribution line goes (and which tools' trailers replace it), or undefined when it stays. */
function decide(a: AttributionLine, policy: Policy, evidence: ReadonlyMap<ToolId, RecordedTool>): { reason: string; mode: Mode; others: ToolId[] } | undefined {
  const modes = a.tools.map((t) => modeFor(policy, t));
  if (modes.every((m) => m === 'strip')) {
    const perTool = a.tools.length === 1 && policy.tools[a.tools[0] as ToolId] === 'strip';
    return { reason: perTool ? `the policy strips ${TOOL_DISPLAY[a.tools[0] as ToolId]} attribution (tools.${a.tools[0]}: strip)`
      : 'the policy strips AI attribution (mode strip)', mode: 'strip', others: [] };
  }
  if (a.class !== 'editor-added' || modes[0] !== 'evidence') return undefined;
  // VS Code's tracker counts any AI edit (any extension's completion) and always names Copilot: the
  // line stands only when Copilot's own edit backs it. An edit by an unidentified tool is disclosed
  // as such (never as Copilot's).
  if (evidence.has('copilot')) return undefined;
  const others = [...evidence.keys()];
  if (!others.length) {
    return { reason: 'VS Code added it, but no AI edit was recorded or marked in the committed lines', mode: 'evidence', others };
  }
  if (others.length === 1 && others[0] === 'unknown-ai') {
    return { reason: 'VS Code added it naming Copilot, but the AI edit in the committed lines came from a tool VS Code does not name', mode: 'evidence', others };
  }
  const names = others.map((t) => TOOL_DISPLAY[t]).join(', ');
  return { reason: `VS Code added it, but the AI edits in the committed lines are ${names}'s, not Copilot's`, mode: 'evidence', others };
}

/** One entry per tool (models and files merged; the most direct origin wins). */
function byTool(recorded: readonly RecordedTool[]): Map<ToolId, RecordedTool> {
  const rank: Record<EvidenceOrigin, number> = { recorded: 0, marker: 1, inherited: 2 };
  const out = new Map<ToolId, RecordedTool>();
  for (const r of recorded) {
    const t = out.get(r.tool);
    if (!t) {
      out.set(r.tool, { tool: r.tool, models: [...r.models], files: [...r.files], origin: r.origin ?? 'recorded' });
      continue;
    }
    for (const m of r.models) if (!t.models.includes(m)) t.models.push(m);
    for (const f of r.files) if (!t.files.includes(f)) t.files.push(f);
    if (rank[r.origin ?? 'recorded'] < rank[t.origin ?? 'recorded']) t.origin = r.origin ?? 'recorded';
  }
  return out;
}

/** One line for stderr and `changes`; `noted`: the provenance note records it. */
export function describe(d: AttributionDecision, noted = false): string {
  const line = display(d.line);
  const why = noted ? `${d.reason}; recorded in the provenance note` : d.reason;
  if (d.action === 'kept') return `kept "${line}": ${why}`;
  if (d.action === 'replaced') return `replaced "${line}" with "${(d.replacedBy ?? []).join('", "')}" (${why})`;
  return `removed "${line}" (${why})`;
}

function display(line: string): string {
  return line.replace(/\r?\n[ \t]*/g, ' ');
}

function summarizeFiles(files: readonly string[]): string {
  return files.length <= 3 ? files.join(', ') : `${files.slice(0, 3).join(', ')} and ${files.length - 3} more`;
}
