// What `ai-provenance check` prints beyond its text list: `--format json` (a versioned document for
// scripts, schema in checkSchema.ts), `--format github` (workflow annotations, one per commit that
// breaks the policy) and `--format markdown` (the summary GitHub shows for a job, also appended to
// $GITHUB_STEP_SUMMARY). Commit text is untrusted: annotations escape it as GitHub's toolkit does
// (no line of it can start a workflow command), Markdown goes through mdCell(). Pure.
import type { AuditQuery } from '../model';
import type { Policy } from '../policy/policySchema';
import { mdCell } from './mdCell';
import { describeQuery } from './months';
import { terminalSafe } from './summaryText';
import { PROBLEM_LABELS, type PolicyViolation } from './violations';

export const CHECK_FORMATS = ['text', 'json', 'github', 'markdown'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

/** Violations listed in Markdown and as annotations; GitHub shows at most 10 error annotations per step anyway. */
export const CHECK_MAX_LISTED = 200;

/** The opt-in line gate (--max-ai-share, maxAiShare): the AI share of the code at the range's tip. */
export interface CheckLinesGate {
  /** The commit whose tree was counted. */
  rev: string;
  /** Percent of lines. */
  limit: number;
  limitSource: string;
  /** Lines counted, and those last changed by AI (recorded + assistedCommit). */
  total: number;
  ai: number;
  /** ai / total (0 when there are no lines). */
  aiShare: number;
  exceeded: boolean;
}

export interface CheckReport {
  schemaVersion: 1;
  repository: string;
  query: Omit<AuditQuery, 'diffs'>;
  policy: Policy;
  policySource: string;
  commits: number;
  passed: boolean;
  violations: PolicyViolation[];
  lines?: CheckLinesGate;
}

export function checkJson(report: CheckReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** The policy in one line: `mode evidence, claude=keep`. */
export function describePolicy(policy: Policy): string {
  const tools = Object.entries(policy.tools).map(([t, m]) => `${t}=${m}`);
  return `mode ${policy.mode}${tools.length ? `, ${tools.join(' ')}` : ''}`;
}

/** The one-line verdict every format starts from. */
export function checkHeadline(report: CheckReport): string {
  const from = `policy: ${report.policySource}; ${describePolicy(report.policy)}`;
  const n = report.violations.length;
  if (!n) {
    return `${report.commits === 1 ? 'the commit follows' : `all ${plural(report.commits, 'commit', 'commits')} follow`} the policy (${from})`;
  }
  return `${n} of ${plural(report.commits, 'commit', 'commits')} ${n === 1 ? 'breaks' : 'break'} the policy (${from})`;
}

/** The line gate in one sentence. */
export function linesGateSentence(g: CheckLinesGate): string {
  const share = `${(g.aiShare * 100).toFixed(1)} %`;
  const figures = `AI share of the code at ${g.rev.slice(0, 10)}: ${share} of ${g.total} lines`;
  return g.exceeded ? `${figures}, above the limit of ${g.limit} % (${g.limitSource})` : `${figures}, within the limit of ${g.limit} % (${g.limitSource})`;
}

/** A workflow command's message (GitHub toolkit escapeData). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value (GitHub toolkit escapeProperty). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Untrusted text on one line, without control, bidi or zero-width characters. */
function oneLine(text: string): string {
  return terminalSafe(text).replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '');
}

/**
 * `--format github`: one `::error` per commit that breaks the policy, then the headline. Commit-level
 * findings have no file: GitHub lists them on the run's summary page.
 */
export function githubAnnotations(report: CheckReport): string {
  const lines: string[] = [];
  for (const v of report.violations.slice(0, CHECK_MAX_LISTED)) {
    const title = `AI attribution policy: commit ${v.sha.slice(0, 10)}`;
    const problems = v.problems.map((p) => `${PROBLEM_LABELS[p.kind]}: ${oneLine(p.text)}`).join('; ');
    const message = `${oneLine(v.subject)} (${oneLine(v.author)}, ${v.date.slice(0, 10)}): ${problems}`;
    lines.push(`::error title=${escapeProperty(title)}::${escapeData(message)}`);
  }
  const rest = report.violations.length - CHECK_MAX_LISTED;
  if (rest > 0) lines.push(`::error title=${escapeProperty('AI attribution policy')}::${escapeData(`… and ${rest} more commits`)}`);
  if (report.lines?.exceeded) lines.push(`::error title=${escapeProperty('AI share of the code')}::${escapeData(oneLine(linesGateSentence(report.lines)))}`);
  lines.push(`ai-provenance check: ${oneLine(checkHeadline(report))}`);
  if (report.lines && !report.lines.exceeded) lines.push(`ai-provenance check: ${oneLine(linesGateSentence(report.lines))}`);
  return `${lines.join('\n')}\n`;
}

/** `--format markdown`, and the job summary of `--format github`. */
export function checkMarkdown(report: CheckReport): string {
  const n = report.violations.length;
  const out = [`### AI attribution policy: ${report.passed ? 'passed' : 'failed'}`, '',
    `${n ? '❌' : '✅'} ${mdCell(checkHeadline(report))}`, '',
    ...(report.lines ? [`${report.lines.exceeded ? '❌' : '✅'} ${mdCell(linesGateSentence(report.lines))}`, ''] : []),
    `- Repository: ${mdCell(report.repository)}`,
    `- Range: \`${describeQuery({ ...report.query, diffs: true }).replace(/`/g, "'")}\``, ''];
  if (!n) return `${out.join('\n')}\n`;
  out.push('| Commit | Date | Author | Subject | Problems |', '|---|---|---|---|---|');
  for (const v of report.violations.slice(0, CHECK_MAX_LISTED)) {
    const problems = v.problems.map((p) => `**${PROBLEM_LABELS[p.kind]}**: ${mdCell(p.text)}`).join('<br>');
    out.push(`| \`${v.sha.slice(0, 10)}\` | ${v.date.slice(0, 10)} | ${mdCell(v.author)} | ${mdCell(v.subject)} | ${problems} |`);
  }
  const rest = n - CHECK_MAX_LISTED;
  if (rest > 0) out.push('', `… and ${rest} more.`);
  out.push('', 'New commits follow the policy with the hooks (`ai-provenance hooks install`). For these: `ai-provenance fix` '
    + 'rewrites the unpushed ones (or reword them with `git rebase -i`), or record their evidence as provenance notes, then push again.', '');
  return `${out.join('\n')}\n`;
}
