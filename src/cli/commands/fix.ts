// `ai-provenance fix [--repo DIR] [RANGE] [--dry-run] [--yes]`: gives the unpushed commits of the
// current branch the messages the commit-msg hook would have given them. Plans (fixPlan), prints
// each commit's message diff, and — unless it is a dry run — rewrites them (fixApply).
import * as path from 'node:path';
import * as z from 'zod/mini';
import { applyFix, type FixResult } from '../../app/fix/fixApply';
import { planFix, type FixPlan } from '../../app/fix/fixPlan';
import { unifiedHunks } from '../../core/policy/messageDiff';
import { terminalSafe } from '../../core/report/summaryText';
import { safeString, splitArgs, validate, type OptionSpec } from '../args';
import { EXIT } from '../errors';
import { useColor } from '../output';
import type { CliContext } from '../context';

export const FIX_HELP = `Usage: ai-provenance fix [--repo DIR] [RANGE] [--dry-run] [--yes]

Gives every unpushed commit of the current branch the message the commit-msg hook would have given
it under the effective policy: the commit's diff against its first parent is the staged diff (AI
code markers in its added lines are evidence), its provenance note, git-ai notes and Agent Trace
are the recorded evidence. Unbacked editor-added trailers are removed (each removal recorded in the
new commit's note), undisclosed evidence is disclosed in the configured format, an agent's own
attribution and every other line are kept. Nothing else changes: tree, parents' structure, author, committer and dates stay byte
for byte; merges are rewritten with their parents mapped; the index and the work tree are not
touched (a dirty work tree is fine).

  RANGE       commits as git rev-list takes them (e.g. HEAD~3..); default: HEAD --not --remotes.
              A commit on a remote-tracking branch is never rewritten: asking for one is exit 2.
  --dry-run   print each commit's message diff and change nothing (the default when stdout is a
              terminal and --yes is not given)
  --yes, -y   apply; also accepts that signatures are dropped when commit.gpgSign is off
              (with commit.gpgSign on, signed commits are re-signed with your key)
  --verbose   log every git call on stderr

Before moving the branch (compare-and-swap: a concurrent change makes it fail and change nothing),
the old tip is kept as refs/ai-provenance/backup/<UTC time>; notes (refs/notes/ai-provenance,
refs/notes/ai and those notes.rewriteRef names) are carried to the new commits. Undo with
git reset --soft <backup ref>.

Exit codes: 0 done (or nothing to do, or dry run), 1 some commits still break the policy and need
you (e.g. under forbid), 2 refused (pushed commit, rebase/merge/cherry-pick/revert/bisect in
progress, signatures would be dropped without --yes) or usage error, 3 git error or the branch
moved meanwhile.`;

const OPTIONS: OptionSpec = {
  repo: { type: 'string' }, 'dry-run': { type: 'boolean' }, yes: { type: 'boolean', short: 'y' },
  verbose: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
};
const Options = z.object({
  repo: z.optional(safeString), 'dry-run': z.optional(z.boolean()), yes: z.optional(z.boolean()),
  verbose: z.optional(z.boolean()), help: z.optional(z.boolean()),
});

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

interface Paint {
  red(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
  bold(s: string): string;
}

function paint(on: boolean): Paint {
  const wrap = (code: string) => (s: string): string => (on ? `\x1b[${code}m${s}\x1b[0m` : s);
  return { red: wrap('31'), green: wrap('32'), cyan: wrap('36'), bold: wrap('1') };
}

/** The message diff of every commit whose message changes, and what else happens. */
export function planText(plan: FixPlan, p: Paint, dryRun: boolean): string[] {
  const fixed = plan.rewrite.filter((c) => c.fix);
  const lines: string[] = [];
  if (!plan.examined) return [`ai-provenance fix: no unpushed commits (${terminalSafe(plan.rangeLabel)}): nothing to fix`];
  if (!fixed.length && plan.unfixable.length) {
    return [`ai-provenance fix: no commit of ${terminalSafe(plan.rangeLabel)} can be fixed automatically: nothing was changed`];
  }
  if (!fixed.length) {
    lines.push(`ai-provenance fix: ${plan.examined === 1 ? 'the commit follows' : `all ${plan.examined} commits follow`} the policy`
      + ` (${terminalSafe(plan.rangeLabel)}): nothing was changed`);
    return lines;
  }
  lines.push(`ai-provenance fix: ${fixed.length} of ${plural(plan.examined, 'commit')} (${terminalSafe(plan.rangeLabel)}) need a new message`
    + `${dryRun ? ' — dry run, nothing was changed' : ''}`, '');
  for (const c of fixed) {
    const fix = c.fix as NonNullable<typeof c.fix>;
    lines.push(p.bold(`commit ${c.sha.slice(0, 12)}  ${terminalSafe(c.subject)}`));
    for (const change of fix.changes) lines.push(`  ${terminalSafe(change)}`);
    for (const h of unifiedHunks(fix.before, fix.after)) {
      const text = `  ${terminalSafe(h)}`;
      lines.push(h.startsWith('@@') ? p.cyan(text) : h.startsWith('-') ? p.red(text) : h.startsWith('+') ? p.green(text) : text);
    }
    lines.push('');
  }
  const removals = countRemovals(plan);
  if (removals) lines.push(`Each removed line is recorded in the new commit's note on refs/notes/ai-provenance (${plural(removals, 'removal record')}).`);
  const reparented = plan.rewrite.length - fixed.length;
  const target = plan.ref ? `the branch ${plan.ref.slice('refs/heads/'.length)}` : 'HEAD (detached)';
  lines.push(`${plural(plan.rewrite.length, 'commit')} ${dryRun ? 'would get' : 'get'} new ids`
    + `${reparented ? ` (${reparented} only because a parent changes)` : ''}; ${target} ${dryRun ? 'would move' : 'moves'}`
    + '; the old tip is kept as refs/ai-provenance/backup/<UTC time>.');
  if (plan.signedCount) {
    lines.push(plan.signatures === 'resign'
      ? `${plural(plan.signedCount, 'signed commit')} ${dryRun ? 'would be' : 'are'} re-signed with your key (commit.gpgSign is on).`
      : `${plural(plan.signedCount, 'signed commit')}: commit.gpgSign is off, so ${plan.signedCount === 1 ? 'its signature' : 'their signatures'}`
        + ' will be dropped (apply with --yes to accept, or turn on commit.gpgSign to re-sign).');
  }
  return lines;
}

/** Removal records the rewrite writes to the new commits' notes. */
function countRemovals(plan: FixPlan): number {
  return plan.rewrite.reduce((n, c) => n + (c.fix?.noteRecords.match(/"type":"removal"/g)?.length ?? 0), 0);
}

function resultText(plan: FixPlan, r: FixResult): string[] {
  const target = plan.ref ? plan.ref.slice('refs/heads/'.length) : 'HEAD (detached)';
  const fixed = r.rewritten.filter((c) => c.changes.length).length;
  const lines = [`ai-provenance fix: rewrote ${plural(r.rewritten.length, 'commit')} of ${target} (${plural(fixed, 'new message')}); backup: ${r.backup}`];
  for (const c of r.rewritten) {
    const why = c.changes.length ? '' : '  (parent rewritten)';
    const sig = c.signature ? `  (signature ${c.signature})` : '';
    lines.push(`${c.old} → ${c.new}  ${terminalSafe(c.subject)}${why}${sig}`);
    for (const change of c.changes) lines.push(`    ${terminalSafe(change)}`);
  }
  const removals = countRemovals(plan);
  if (removals) lines.push(`removals recorded in the new commits' notes (refs/notes/ai-provenance): ${removals}`);
  const notes = Object.entries(r.notes).filter(([, n]) => n > 0);
  if (notes.length) lines.push(`notes carried: ${notes.map(([ref, n]) => `${ref} ${n}`).join(', ')}`);
  lines.push(`Undo: git reset --soft ${r.backup}  (moves ${target} back; the index and work tree stay as they are)`);
  return lines;
}

export async function fixCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = splitArgs(argv, OPTIONS, 'fix');
  const o = validate(Options, values, 'fix');
  if (o.help) {
    ctx.stdout.write(`${FIX_HELP}\n`);
    return EXIT.ok;
  }
  const log = o.verbose ? (l: string): void => void ctx.stderr.write(`${l}\n`) : undefined;
  const dryRun = Boolean(o['dry-run'] || (ctx.stdout.isTTY && !o.yes));
  const p = paint(useColor(ctx.stdout, ctx.env));
  try {
    const plan = await planFix({ repo: path.resolve(ctx.cwd, o.repo ?? '.'), revs: positionals, ...(log ? { log } : {}) });
    for (const n of plan.notices) ctx.stderr.write(`ai-provenance: note: ${n}\n`);
    const out: string[] = [];
    if (dryRun || !plan.rewrite.length) out.push(...planText(plan, p, dryRun));
    if (dryRun && plan.rewrite.length) out.push(`To apply: ai-provenance fix${positionals.length ? ` ${positionals.join(' ')}` : ''} --yes`);
    if (!dryRun && plan.rewrite.length) {
      const result = await applyFix(plan, { dropSignatures: Boolean(o.yes), ...(log ? { log } : {}) });
      for (const n of result.notices.slice(plan.notices.length)) ctx.stderr.write(`ai-provenance: note: ${n}\n`);
      out.push(...resultText(plan, result));
    }
    if (plan.unfixable.length) {
      out.push('', `${plural(plan.unfixable.length, 'commit')} still ${plan.unfixable.length === 1 ? 'breaks' : 'break'} the policy and cannot be fixed automatically:`);
      for (const u of plan.unfixable) {
        out.push(`${u.sha.slice(0, 12)}  ${terminalSafe(u.subject)}`);
        for (const r of u.reasons) out.push(`  - ${terminalSafe(r)}`);
      }
    }
    ctx.stdout.write(`${out.join('\n')}\n`);
    return plan.unfixable.length ? EXIT.policy : EXIT.ok;
  } catch (e) {
    const name = e instanceof Error ? e.name : '';
    if (name === 'FixRefusedError') {
      ctx.stderr.write(`ai-provenance: fix: ${(e as Error).message}\n`);
      return EXIT.usage;
    }
    if (name === 'RefMovedError') {
      ctx.stderr.write(`ai-provenance: fix: ${(e as Error).message}\n`);
      return EXIT.unverifiable;
    }
    throw e;
  }
}
