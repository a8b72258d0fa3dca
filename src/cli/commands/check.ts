// `ai-provenance check`: the CI gate. Exit 1 with a readable list when commits of the range break
// the team policy, 0 when they all follow it, 3 when the history needed is missing (shallow clone).
import { appendFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import * as z from 'zod/mini';
import { runCheck, type LinesGate } from '../../app/review/check';
import { sharePercent } from '../../core/report/linesFormat';
import { groupDigits } from '../../core/report/summaryText';
import { VERSION } from '../version';
import { PROBLEM_LABELS } from '../../core/report/violations';
import { CHECK_FORMATS, checkJson, checkMarkdown, escapeData, escapeProperty, githubAnnotations, type CheckReport } from '../../core/report/checkReport';
import { redactViolation } from '../../core/report/redact';
import { sha256 } from '../../app/sha256';
import { PRIVACY_OPTIONS, REDACT_HELP, privacyShape } from '../privacyOptions';
import { terminalSafe } from '../../core/report/summaryText';
import { splitArgs, validate, type OptionSpec } from '../args';
import { SELECT_OPTIONS, selectShape, selection } from '../historyOptions';
import { EXIT, UsageError } from '../errors';
import type { CliContext } from '../context';

export const CHECK_HELP = `Usage: ai-provenance check [--repo DIR] [RANGE...] [--all] [--policy FILE] [--max-ai-share P] [-n N] [--since D] [--until D]
                          [--format text|json|github|markdown] [--redact-emails]

Checks that every commit of RANGE (as git log takes it; default HEAD, i.e. all of history; on a pull
request: origin/main..HEAD) follows the team policy, given the evidence recorded for it (provenance
notes, git-ai notes, Agent Trace): a commit breaks it when the commit-msg hook would have rewritten
or rejected its message — undisclosed evidence where disclosure is required, AI attribution where it
is forbidden or stripped, trailers without recorded evidence under "evidence" — or when its author
or committer is an AI identity whose tool the policy forbids. Under "require" with the format
"assisted-by", Assisted-by values that break the kernel's AGENT:MODEL grammar (checkpatch's
^\\S+:\\S+) are reported on stderr as warnings; they do not change the exit code.

  --policy FILE     a team-file-shaped JSON to check against (default: the repository's policy,
                    .ai-provenance.json and git config aiProvenance.*)
  --max-ai-share P  also fail when more than P percent of the lines of the code at the range's tip
                    (its last revision, default HEAD; --path limits the files) were last changed by
                    AI-assisted commits (ai-provenance lines: recorded + assistedCommit). Opt-in; the
                    team file's "maxAiShare" sets it for everyone, this option overrides it.
  --format F        text      the list below (default)
                    json      one document for scripts (JSON Schema: dist/schemas/check.schema.json)
                    github    GitHub Actions: an error annotation per commit that breaks the policy, and,
                              when GITHUB_STEP_SUMMARY is set, a Markdown summary appended to it
                    markdown  that Markdown summary on stdout
${REDACT_HELP}
  --all, -n N, --since D, --until D, --path P   select commits as for audit
  --verbose         log every git call on stderr

Exit codes: 0 every commit follows the policy, 1 some commit breaks it (listed on stdout),
2 usage or policy file error, 3 history missing (shallow clone: git fetch --unshallow, or
actions/checkout with fetch-depth: 0) or another git error.`;

const OPTIONS: OptionSpec = {
  ...SELECT_OPTIONS,
  ...PRIVACY_OPTIONS,
  policy: { type: 'string' },
  format: { type: 'string' },
  'max-ai-share': { type: 'string' },
};

const Options = z.object({
  ...selectShape,
  ...privacyShape,
  policy: z.optional(z.string().check(z.minLength(1))),
  format: z.optional(z.enum(CHECK_FORMATS)),
  'max-ai-share': z.optional(z.pipe(
    z.string().check(z.regex(/^\d+(?:\.\d+)?%?$/, 'expected a percentage, e.g. 30 or 12.5%')),
    z.pipe(z.transform((s: string) => Number(s.replace('%', ''))), z.number().check(z.lte(100, 'must be at most 100'))),
  )),
});

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export async function checkCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = splitArgs(argv, OPTIONS, 'check');
  const o = validate(Options, values, 'check');
  if (o.help) {
    ctx.stdout.write(`${CHECK_HELP}\n`);
    return EXIT.ok;
  }
  const policyFile = o.policy ? path.resolve(ctx.cwd, o.policy) : undefined;
  if (policyFile && !existsSync(policyFile)) throw new UsageError(`check: --policy: no such file: ${o.policy}`);
  const selected = selection(o, positionals, ctx);
  let outcome;
  try {
    outcome = await runCheck({
      ...selected, ...(policyFile ? { policyFile } : {}), version: VERSION,
      ...(o['max-ai-share'] !== undefined ? { maxAiShare: o['max-ai-share'] } : {}),
    });
  } catch (e) {
    if (e instanceof Error && e.name === 'HistoryMissingError') {
      ctx.stderr.write(`ai-provenance: check: ${terminalSafe(e.message)}\n`);
      if (o.format === 'github') ctx.stdout.write(`::error title=${escapeProperty('AI attribution policy: history missing')}::${escapeData(e.message)}\n`);
      return EXIT.unverifiable;
    }
    throw e;
  }
  for (const notice of outcome.notices) ctx.stderr.write(`ai-provenance: note: ${terminalSafe(notice)}\n`);
  for (const w of outcome.warnings) {
    ctx.stderr.write(`ai-provenance: warning: ${w.sha.slice(0, 10)} ${terminalSafe(w.subject)}: ${terminalSafe(w.text)}\n`);
  }
  const { commits, policy, policySource } = outcome;
  const violations = o['redact-emails'] ? outcome.violations.map((v) => redactViolation(v, sha256)) : outcome.violations;
  const format = o.format ?? 'text';
  if (format !== 'text') {
    const report: CheckReport = {
      schemaVersion: 1, repository: outcome.repository,
      query: { revs: selected.revs, all: selected.all, paths: selected.paths,
        ...(selected.maxCount !== undefined ? { maxCount: selected.maxCount } : {}),
        ...(selected.since ? { since: selected.since } : {}), ...(selected.until ? { until: selected.until } : {}) },
      policy, policySource, commits, passed: violations.length === 0 && !outcome.lines?.exceeded, violations,
      ...(outcome.lines ? { lines: {
        rev: outcome.lines.rev, limit: outcome.lines.limit, limitSource: outcome.lines.limitSource, total: outcome.lines.totals.total,
        ai: outcome.lines.totals.recorded + outcome.lines.totals.assistedCommit, aiShare: outcome.lines.totals.aiShare, exceeded: outcome.lines.exceeded,
      } } : {}),
    };
    if (format === 'json') ctx.stdout.write(checkJson(report));
    else if (format === 'markdown') ctx.stdout.write(checkMarkdown(report));
    else {
      ctx.stdout.write(githubAnnotations(report));
      const summaryFile = ctx.env.GITHUB_STEP_SUMMARY;
      if (summaryFile) appendFileSync(summaryFile, checkMarkdown(report));
    }
    return report.passed ? EXIT.ok : EXIT.policy;
  }
  const mode = `mode ${policy.mode}${Object.keys(policy.tools).length ? `, ${Object.entries(policy.tools).map(([t, m]) => `${t}=${m}`).join(' ')}` : ''}`;
  const from = `policy: ${terminalSafe(policySource)}; ${mode}`;
  const gate = outcome.lines ? `${linesGateText(outcome.lines)}\n` : '';
  const linesFail = outcome.lines?.exceeded ?? false;
  if (!violations.length) {
    ctx.stdout.write(`ai-provenance check: ${commits === 1 ? 'the commit follows' : `all ${plural(commits, 'commit', 'commits')} follow`} the policy (${from})\n${gate}`);
    return linesFail ? EXIT.policy : EXIT.ok;
  }
  const lines = [`ai-provenance check: ${violations.length} of ${plural(commits, 'commit', 'commits')} ${violations.length === 1 ? 'breaks' : 'break'} the policy (${from})`, ''];
  for (const v of violations) {
    lines.push(`${v.sha.slice(0, 10)}  ${v.date.slice(0, 10)}  ${terminalSafe(v.author)}  ${terminalSafe(v.subject)}`);
    for (const p of v.problems) lines.push(`  - ${PROBLEM_LABELS[p.kind]}: ${terminalSafe(p.text)}`);
  }
  lines.push('', 'New commits follow the policy with the hooks (ai-provenance hooks install). For these: ai-provenance fix'
    + ' rewrites the unpushed ones (or reword them with git rebase -i), or record their evidence as provenance notes, then push again.');
  ctx.stdout.write(`${lines.join('\n')}\n${gate}`);
  return EXIT.policy;
}

/** One line: the AI share of the code at the tip against the limit. */
function linesGateText(g: LinesGate): string {
  const t = g.totals;
  const part = (n: number): string => sharePercent(t.total ? n / t.total : 0);
  const figures = `AI share of the code at ${g.rev.slice(0, 10)}: ${sharePercent(t.aiShare)} of ${groupDigits(t.total)} lines `
    + `(recorded ${part(t.recorded)}, assisted commits ${part(t.assistedCommit)})`;
  const limit = `${g.limit} % (${terminalSafe(g.limitSource)})`;
  return g.exceeded ? `ai-provenance check: ${figures} is above the limit of ${limit}` : `ai-provenance check: ${figures}, within the limit of ${limit}`;
}
