// How autonomously an agent made a commit, from the kinds of evidence it left (repowise PRs #366,
// #731): tier 1 an agent account authored the commit; tier 2 an agent footer (a marker line or a
// tool's own session trailer) or an agent as committer; tier 3 an attribution trailer only. A
// line-level record (our notes, git-ai, Agent Trace, peers' notes) is stronger evidence than any of
// them. Also the scope split (code vs message) the reports and the policy count. Pure.
import type { Autonomy, CommitAudit, Evidence, EvidenceScope } from '../model';
import { AUTONOMY_TIERS } from '../model';
import { BODY_MARKERS, TRAILER_KEYS } from './signatures';

const BODY_IDS = new Set(BODY_MARKERS.map((r) => r.id));
/** Tool-specific trailer keys (`Claude-Session`, `Amp-Thread-ID`, `Entire-*`, …): the tool writes them itself. */
const FOOTER_KEY_IDS = new Set(TRAILER_KEYS.filter((r) => r.value === 'fixed').map((r) => r.id));

/**
 * SPDX 3.1 `/Core/isoAutomationLevel` (ISO/IEC 22989 levels) for each tier. A line-level record
 * says which lines an agent wrote, not how it was driven: it maps through the commit's other
 * evidence, and alone to nothing (the property is left out).
 */
export const ISO_AUTOMATION_LEVEL: Record<Exclude<Autonomy, 'line-level'>, string> = {
  'agent-authored': 'highAutomation',
  'agent-committed': 'conditionalAutomation',
  'co-authored': 'assistiveAutomation',
};

/** The tier one evidence supports (sticky VS Code trailers support none). */
export function tierOf(e: Evidence): Autonomy | undefined {
  if (e.sticky) return undefined;
  switch (e.kind) {
    case 'note': return 'line-level';
    case 'author': return e.scope === 'message' ? 'agent-committed' : 'agent-authored';
    case 'committer': return 'agent-committed';
    case 'message': return BODY_IDS.has(e.signature) ? 'agent-committed' : 'co-authored';
    case 'trailer': return FOOTER_KEY_IDS.has(e.signature.split('+')[0] as string) ? 'agent-committed' : 'co-authored';
    default: return 'co-authored'; // diff markers, agent branch names
  }
}

/** The strongest tier of a commit's evidence, or undefined when it has no (non-sticky) AI evidence. */
export function autonomyOf(evidence: readonly Evidence[]): Autonomy | undefined {
  let best: number = AUTONOMY_TIERS.length;
  for (const e of evidence) {
    const tier = tierOf(e);
    if (tier) best = Math.min(best, AUTONOMY_TIERS.indexOf(tier));
  }
  return best < AUTONOMY_TIERS.length ? AUTONOMY_TIERS[best] : undefined;
}

/** SPDX 3.1 isoAutomationLevel of a commit: its strongest tier other than a line-level record. */
export function isoAutomationLevel(evidence: readonly Evidence[]): string | undefined {
  const tier = autonomyOf(evidence.filter((e) => e.kind !== 'note'));
  return tier && tier !== 'line-level' ? ISO_AUTOMATION_LEVEL[tier] : undefined;
}

/** The scopes a commit's AI evidence covers (sticky trailers excluded). */
export function scopesOf(evidence: readonly Evidence[]): Set<EvidenceScope> {
  const scopes = new Set<EvidenceScope>();
  for (const e of evidence) if (!e.sticky) scopes.add(e.scope ?? 'code');
  return scopes;
}

/** An assisted commit whose every AI evidence is message-scope: the AI wrote the message, not the code. */
export function isMessageOnly(audit: Pick<CommitAudit, 'verdict' | 'evidence'>): boolean {
  if (audit.verdict !== 'assisted') return false;
  const scopes = scopesOf(audit.evidence);
  return scopes.size === 1 && scopes.has('message');
}
