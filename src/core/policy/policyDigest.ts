// A digest of the effective policy, written with every removal record: an auditor can tell which
// policy removed a line, and whether two removals were decided by the same one. The canonical JSON
// has the fields in a fixed order and the per-tool modes sorted by tool id. Pure.
import type { Policy } from './policySchema';
import { sha256Hex, type Sha256 } from '../digest';

export function canonicalPolicyJson(policy: Policy): string {
  const tools = Object.keys(policy.tools).sort().map((t) => `${JSON.stringify(t)}:${JSON.stringify(policy.tools[t as keyof Policy['tools']])}`);
  return `{"format":${JSON.stringify(policy.format)},"mode":${JSON.stringify(policy.mode)},"tools":{${tools.join(',')}}}`;
}

/** `sha256:<64 hex>` of canonicalPolicyJson(policy). */
export function policyDigest(policy: Policy, sha256: Sha256): string {
  return `sha256:${sha256Hex(sha256, canonicalPolicyJson(policy))}`;
}
