// `--redact-emails`: reports meant to be shared replace people's e-mail addresses with stable
// pseudonyms (the same address gives the same pseudonym in every report and shard, so authors stay
// countable and merged reports agree). Addresses of AI tools (the catalog's identities, GitHub bot
// noreply ids) are evidence and stay as they are. A pseudonym is a truncated SHA-256 of the
// lower-cased address: it hides an address from a reader, not from someone who can guess it.
// SHA-256 is given by the caller (core/digest.ts). Pure.
import type { CommitAudit } from '../model';
import { sha256Hex, type Sha256 } from '../digest';
import type { PolicyViolation } from './violations';
import { IDENTITIES } from '../detect/signatures';

export const REDACTED_DOMAIN = 'redacted.invalid';

const AI_EMAILS = new Set(IDENTITIES.flatMap((r) => (r.email ? [r.email] : [])));
const AI_BOTS = new Set(IDENTITIES.flatMap((r) => (r.github ? [`${r.github.id}+${r.github.login.toLowerCase()}`] : [])));
const NOREPLY = /^(\d+)\+([^@]+)@users\.noreply\.github\.com$/i;
/** Something shaped like an address inside free text (a trailer, a subject). */
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

/** An address the catalog knows as an AI tool's: evidence, never personal data. */
export function isAiAddress(email: string): boolean {
  const e = email.trim().toLowerCase();
  if (AI_EMAILS.has(e)) return true;
  const bot = NOREPLY.exec(e);
  return bot !== null && AI_BOTS.has(`${bot[1]}+${(bot[2] as string).toLowerCase()}`);
}

/** The pseudonym of an address: `<12 hex>@redacted.invalid`. */
export function pseudonym(email: string, sha256: Sha256): string {
  return `${sha256Hex(sha256, email.trim().toLowerCase()).slice(0, 12)}@${REDACTED_DOMAIN}`;
}

/** An identity's address field: empty stays empty, AI addresses and pseudonyms stay, the rest is replaced. */
export function redactEmail(email: string, sha256: Sha256): string {
  if (!email.trim() || isAiAddress(email) || email.endsWith(`@${REDACTED_DOMAIN}`)) return email;
  return pseudonym(email, sha256);
}

/** Every address in free text replaced, except AI tools' addresses. */
export function redactText(text: string, sha256: Sha256): string {
  if (!text.includes('@')) return text;
  return text.replace(EMAIL_IN_TEXT, (m) => redactEmail(m, sha256));
}

/** The audit with people's addresses replaced (identities, subject, evidence details, sessions). */
export function redactAudit(audit: CommitAudit, sha256: Sha256): CommitAudit {
  return {
    ...audit,
    author: { name: audit.author.name, email: redactEmail(audit.author.email, sha256) },
    committer: { name: audit.committer.name, email: redactEmail(audit.committer.email, sha256) },
    subject: redactText(audit.subject, sha256),
    evidence: audit.evidence.map((e) => ({
      ...e,
      detail: redactText(e.detail, sha256),
      ...(e.session !== undefined ? { session: redactText(e.session, sha256) } : {}),
    })),
  };
}

/** A policy violation as `check` prints it, with addresses replaced. */
export function redactViolation(v: PolicyViolation, sha256: Sha256): PolicyViolation {
  return {
    ...v,
    author: redactText(v.author, sha256),
    subject: redactText(v.subject, sha256),
    problems: v.problems.map((p) => ({ ...p, text: redactText(p.text, sha256) })),
  };
}
