// Does a commit already in history follow the team policy? The same question the commit-msg hook
// asks (applyPolicy at the commit stage, given the evidence recorded for the commit): a rewrite or
// a rejection means the commit broke it. Plus AI author/committer identities where a tool is
// forbidden (the hook never sees identities). Pure: `check`, the reports and the editor share it.
import type { CommitAudit, Evidence, ToolId } from '../model';
import { applyPolicy, type ApplyOptions, type AttributionDecision, type RecordedTool } from '../policy/policy';
import { modeFor, type Policy } from '../policy/policySchema';

export type ProblemKind = 'undisclosed' | 'unverified' | 'stripped' | 'forbidden' | 'rejected';

export interface PolicyProblem {
  kind: ProblemKind;
  text: string;
}

export interface PolicyViolation {
  sha: string;
  date: string;
  author: string;
  subject: string;
  /** What the commit-msg hook would have done with this message. */
  action: 'rewrite' | 'reject';
  problems: PolicyProblem[];
}

export const PROBLEM_LABELS: Record<ProblemKind, string> = {
  undisclosed: 'undisclosed evidence',
  unverified: 'attribution not backed by evidence',
  stripped: 'attribution not allowed',
  forbidden: 'AI attribution forbidden',
  rejected: 'rejected',
};

/** Tools recorded for a commit (notes, git-ai logs, Agent Trace), with their models and files, in evidence order. */
export function recordedTools(evidence: readonly Evidence[] | undefined): RecordedTool[] {
  const byTool = new Map<ToolId, RecordedTool>();
  for (const e of evidence ?? []) {
    if (e.kind !== 'note') continue;
    let t = byTool.get(e.tool);
    if (!t) byTool.set(e.tool, (t = { tool: e.tool, models: [], files: [] }));
    if (e.model && !t.models.includes(e.model)) t.models.push(e.model);
    for (const l of e.locations ?? []) if (!t.files.includes(l.file)) t.files.push(l.file);
  }
  return [...byTool.values()];
}

function fromDecision(d: AttributionDecision): PolicyProblem | undefined {
  const line = d.line.replace(/\r?\n[ \t]*/g, ' ');
  if (d.action === 'kept') return undefined; // the policy decided to keep it (an empty message otherwise)
  if (d.mode === 'strip') return { kind: 'stripped', text: `"${line}": this repository strips AI attribution` };
  const fix = d.action === 'replaced' ? `the policy replaces it with "${(d.replacedBy ?? []).join('", "')}"` : 'the policy removes it';
  return { kind: 'unverified', text: `"${line}": ${d.reason}: ${fix}` };
}

function fromReason(reason: string): PolicyProblem {
  if (/forbids/.test(reason)) return { kind: 'forbidden', text: reason };
  if (/is not disclosed/.test(reason)) return { kind: 'undisclosed', text: reason };
  return { kind: 'rejected', text: reason };
}

/**
 * The violation of one commit, or undefined when it complies. `audit` gives the identity evidence
 * and what the report shows (date, author, subject); `message` is the raw message.
 */
export function checkCommit(
  audit: CommitAudit, message: string, recorded: readonly RecordedTool[], policy: Policy,
  trailers: ApplyOptions['trailers'] = {},
): PolicyViolation | undefined {
  const outcome = applyPolicy(message, recorded, policy, { trailers, stage: 'commit' });
  const problems: PolicyProblem[] = [];
  if (outcome.action === 'reject') problems.push(...outcome.reasons.map(fromReason));
  else {
    for (const d of outcome.decisions) {
      const p = fromDecision(d);
      if (p) problems.push(p);
    }
    if (outcome.action === 'rewritten') {
      for (const c of outcome.changes) {
        const added = /^added "(.*)"$/s.exec(c);
        if (added) problems.push({ kind: 'undisclosed', text: `recorded AI assistance is not disclosed: the policy adds "${added[1]}"` });
      }
    }
  }
  for (const e of audit.evidence) {
    if ((e.kind !== 'author' && e.kind !== 'committer') || modeFor(policy, e.tool) !== 'forbid') continue;
    if (policy.scopes && !policy.scopes.includes(e.scope ?? 'code')) continue; // e.g. AI-written messages allowed
    problems.push({ kind: 'forbidden', text: `the ${e.kind} "${e.detail}" is an AI identity (${e.tool}), and this repository forbids AI attribution` });
  }
  if (!problems.length) return undefined;
  return {
    sha: audit.sha,
    date: audit.date,
    author: audit.author.name || audit.author.email,
    subject: audit.subject,
    action: outcome.action === 'reject' ? 'reject' : 'rewrite',
    problems,
  };
}
