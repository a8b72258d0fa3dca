// `ai-provenance policy apply MSGFILE` (what the hooks run) and `policy show`.
import * as path from 'node:path';
import * as z from 'zod/mini';
import { applyPolicyToFile } from '../../app/hooks/policyApply';
import { describe } from '../../core/policy/policy';
import { loadPolicy } from '../../app/policyLoad';
import { FORMATS, MODES, type PolicyInput } from '../../core/policy/policySchema';
import { ATTRIBUTION_CLASSES } from '../../core/model';
import { CLASS_DESCRIPTIONS, classEffect } from '../../core/policy/attribution';
import { policyDigest } from '../../core/policy/policyDigest';
import { sha256 } from '../../app/sha256';
import { PolicyFileError } from '../../core/policy/policyResolve';
import { terminalSafe } from '../../core/report/summaryText';
import { Git } from '../../git/exec';
import { REJECT_STATUS } from '../../git/hookShims';
import { safeString, splitArgs, validate, type OptionSpec } from '../args';
import { EXIT, UsageError } from '../errors';
import type { CliContext } from '../context';

export const POLICY_HELP = `Usage: ai-provenance policy apply MSGFILE [--stage commit|prepare] [--mode M] [--format F] [--repo DIR]
       ai-provenance policy show [--repo DIR] [--json]

apply  rewrites a commit message file per the policy (atomically) or rejects it. Used by the hooks.
       Exit 0 accepted (rewritten or unchanged), 1 rejected (the reasons say what to change),
       2 configuration error, 3 git error. The file is never left half-written.
show   prints the effective policy, where each value comes from, what the team file locks, and what
       the mode does with each class of attribution line (self-attested, editor-added, recorded,
       inherited).

Policy: the team file .ai-provenance.json at the repository root, then your own settings:
git config aiProvenance.mode | aiProvenance.format | aiProvenance.tool.<id> (the VS Code extension
writes these), then --mode/--format. A value the team file locks can be tightened, never loosened.
  modes:   ${MODES.join(', ')}
  formats: ${FORMATS.join(', ')}`;

const OPTIONS: OptionSpec = {
  repo: { type: 'string' }, stage: { type: 'string' }, mode: { type: 'string' }, format: { type: 'string' },
  'from-hook': { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
};
const Options = z.object({
  repo: z.optional(safeString),
  stage: z.optional(z.enum(['commit', 'prepare'])),
  mode: z.optional(z.enum(MODES)),
  format: z.optional(z.enum(FORMATS)),
  'from-hook': z.optional(z.boolean()),
  json: z.optional(z.boolean()),
  help: z.optional(z.boolean()),
});

export async function policyCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = splitArgs(argv, OPTIONS, 'policy');
  const o = validate(Options, values, 'policy');
  const [action, file, ...extra] = positionals;
  if (o.help || !action) {
    ctx.stdout.write(`${POLICY_HELP}\n`);
    return o.help ? EXIT.ok : EXIT.usage;
  }
  const overrides: PolicyInput = { ...(o.mode ? { mode: o.mode } : {}), ...(o.format ? { format: o.format } : {}) };
  const repo = path.resolve(ctx.cwd, o.repo ?? '.');
  if (action === 'show') {
    const loaded = await loadPolicy(new Git(repo), (await new Git(repo).text(['rev-parse', '--show-toplevel'])).trim(), overrides);
    for (const w of loaded.warnings ?? []) ctx.stderr.write(`ai-provenance: ${terminalSafe(w)}\n`);
    const p = loaded.policy;
    const classes = ATTRIBUTION_CLASSES.map((c) => ({ class: c, ...CLASS_DESCRIPTIONS[c], effect: classEffect(p.mode, c) }));
    if (o.json) ctx.stdout.write(`${JSON.stringify({ ...loaded, digest: policyDigest(p, sha256), classes }, null, 2)}\n`);
    else {
      ctx.stdout.write([`mode:   ${p.mode}${loaded.locked.includes('mode') ? '  (locked by the team file)' : ''}`,
        `format: ${p.format}${loaded.locked.includes('format') ? '  (locked by the team file)' : ''}`,
        `tools:  ${Object.entries(p.tools).map(([t, m]) => `${t}=${m}`).join(', ') || '(none)'}${loaded.locked.includes('tools') ? '  (locked)' : ''}`,
        `team file: ${loaded.teamFile ? terminalSafe(loaded.teamFile) : loaded.warnings?.length ? '(not used: see the warning)' : '(none)'}`,
        `digest: ${policyDigest(p, sha256)}  (written with every removal record)`,
        ...loaded.ignored.map((i) => `ignored ${i.field}: ${terminalSafe(i.reason)}`),
        '',
        `Attribution lines, by who put them there, and what mode ${p.mode} does with them${Object.keys(p.tools).length ? ' (a tool\'s own mode applies to its lines)' : ''}:`,
        ...classes.flatMap((c) => [`  ${c.class}: ${c.text}`, `      e.g. ${c.example}`, `      → ${c.effect}`]),
        'Every line a hook removes or replaces is recorded in the commit\'s provenance note (refs/notes/ai-provenance).',
      ].join('\n') + '\n');
    }
    return EXIT.ok;
  }
  if (action !== 'apply') throw new UsageError(`policy: unknown action '${action}' (apply, show)`);
  if (!file || extra.length) throw new UsageError('policy apply: expects exactly one MSGFILE');
  const fromHook = o['from-hook'] ?? false;
  try {
    const r = await applyPolicyToFile({
      repo, file: path.resolve(ctx.cwd, file), stage: o.stage ?? 'commit', overrides,
      ...(fromHook && ctx.env.AIP_WORKLOG && !o.repo ? { worklog: ctx.env.AIP_WORKLOG } : {}),
      ...(fromHook && ctx.env.AIP_GIT_PID ? { gitPid: ctx.env.AIP_GIT_PID } : {}),
      ...(fromHook && ctx.env.AIP_HEAD !== undefined && /^(?:[0-9a-f]{40}|[0-9a-f]{64})?$/.test(ctx.env.AIP_HEAD) ? { head: ctx.env.AIP_HEAD } : {}),
      hook: fromHook,
      ...(fromHook && ctx.env.AIP_DIFF_HIT ? { diffHit: ctx.env.AIP_DIFF_HIT === '1' } : {}),
      env: ctx.env,
    });
    // Hook output reaches the committer's terminal: everything from commits and files is neutralised.
    for (const w of r.policy.warnings ?? []) ctx.stderr.write(`ai-provenance: ${terminalSafe(w)}\n`);
    for (const p of r.problems) ctx.stderr.write(`ai-provenance: working log: ${terminalSafe(p)}\n`);
    for (const i of r.policy.ignored) ctx.stderr.write(`ai-provenance: ignored setting ${i.field}: ${terminalSafe(i.reason)}\n`);
    for (const n of r.notices) ctx.stderr.write(`ai-provenance: ${terminalSafe(n)}\n`);
    if (r.noteProblem) {
      ctx.stderr.write(`ai-provenance: could not prepare the provenance note (${terminalSafe(r.noteProblem)}): the message is left as you wrote it (nothing added or removed); recorded evidence that backs this commit is attached to it after the commit\n`);
    }
    if (r.outcome.action !== 'reject') {
      // One line per removal (replacement, forced keep), then the additions.
      for (const d of r.outcome.decisions) ctx.stderr.write(`ai-provenance: ${terminalSafe(describe(d, r.notePrepared))}\n`);
      if (r.outcome.action === 'rewritten') for (const c of r.outcome.changes.slice(r.outcome.decisions.length)) ctx.stderr.write(`ai-provenance: ${terminalSafe(c)}\n`);
    }
    if (r.outcome.action === 'reject') {
      const source = r.policy.teamFile ? `, from ${path.basename(r.policy.teamFile)}` : '';
      ctx.stderr.write(`ai-provenance: commit rejected by the AI attribution policy (mode ${r.policy.policy.mode}${source}):\n`);
      for (const reason of r.outcome.reasons) ctx.stderr.write(`  - ${terminalSafe(reason)}\n`);
      ctx.stderr.write('  Your message is kept: fix it and commit again.\n');
      return fromHook ? REJECT_STATUS : EXIT.policy;
    }
    return EXIT.ok;
  } catch (e) {
    if (!fromHook) throw e;
    // A hook never loses a message or blocks on our failure: one line, message untouched, commit continues.
    const what = e instanceof PolicyFileError ? e.message : e instanceof Error ? e.message : String(e);
    ctx.stderr.write(`ai-provenance: ${terminalSafe(what)}; the commit continues with its message unchanged\n`);
    return EXIT.ok;
  }
}
