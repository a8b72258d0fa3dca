// The Linux kernel's `Assisted-by:` grammar, as scripts/checkpatch.pl checks it (upstream
// d1db4118489f, 2026-03): "Assisted-by uses AGENT_NAME:MODEL_VERSION format, not email", warning
// BAD_SIGN_OFF unless the value matches /^\S+:\S+/ — so `Claude Code:GLM-5.2` warns (a space in
// AGENT), `Claude:claude-3-opus coccinelle sparse` passes. Under a policy that requires disclosure in
// the `assisted-by` format, `check` and the commit-msg hook warn on values that break it. Pure.
import { parseTrailers, sameKey, type TrailerOptions } from '../detect/trailers';
import { modeFor, type Policy } from './policySchema';
import { TOOL_IDS } from '../model';

/** Perl's \S (ASCII whitespace: space, \t, \n, \r, \f, \v), the class checkpatch's regex uses. */
const KERNEL_FORM = /^[^ \t\n\r\f\v]+:[^ \t\n\r\f\v]+/;

export const KERNEL_FORM_TEXT = "AGENT_NAME:MODEL_VERSION [TOOL1] [TOOL2]";

/** Why an `Assisted-by:` value breaks the kernel grammar, or undefined when checkpatch accepts it. */
export function assistedByProblem(value: string): string | undefined {
  const v = value.replace(/^[ \t]+/, '');
  if (KERNEL_FORM.test(v)) return undefined;
  if (!v) return 'is empty';
  if (/<[^<>]*@[^<>]*>/.test(v)) return 'names an e-mail address; the kernel form names the agent and model, not a person';
  if (!v.includes(':')) return 'has no AGENT:MODEL pair';
  return 'has blanks around or inside AGENT:MODEL (checkpatch reads only the first word pair)';
}

/** Whether the policy asks for `Assisted-by:` disclosure: format assisted-by and `require` for some tool. */
export function requiresAssistedBy(policy: Policy): boolean {
  return policy.format === 'assisted-by' && (policy.mode === 'require' || TOOL_IDS.some((t) => modeFor(policy, t) === 'require'));
}

/**
 * One warning per `Assisted-by:` trailer of the message that checkpatch would warn about, when the
 * policy requires disclosure in the assisted-by format; [] otherwise. Only git's trailer block counts.
 */
export function assistedByWarnings(message: string, policy: Policy, trailers: Omit<TrailerOptions, 'noDivider'> = {}): string[] {
  if (!requiresAssistedBy(policy) || !/assisted-by/i.test(message)) return [];
  const out: string[] = [];
  for (const t of parseTrailers(message, { ...trailers, noDivider: true }).trailers) {
    if (!sameKey(t.key, 'Assisted-by')) continue;
    const problem = assistedByProblem(t.value);
    if (problem) out.push(`"${t.key}: ${t.value}" ${problem}: the kernel form is "Assisted-by: ${KERNEL_FORM_TEXT}" (checkpatch warns unless it matches ^\\S+:\\S+)`);
  }
  return out;
}
