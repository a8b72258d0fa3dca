// `--redact-emails`: reports meant to be shared replace people's e-mail addresses with stable
// pseudonyms (the same address gives the same pseudonym in every report and shard, so authors stay
// countable and merged reports agree). Addresses of AI tools (the catalog's identities, GitHub bot
// noreply ids) are evidence and stay as they are. A pseudonym is a truncated SHA-256 of the
// lower-cased address: it hides an address from a reader, not from someone who can guess it.
// Pure.
import type { CommitAudit } from './model';
import { sha256Hex } from './report/sha256';
import type { PolicyViolation } from './report/violations';
import { IDENTITIES } from './signatures';

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
export function pseudonym(email: string): string {
  return `${sha256Hex(email.trim().toLowerCase()).slice(0, 12)}@${REDACTED_DOMAIN}`;
}

/** An identity's address field: empty stays empty, AI addresses and pseudonyms stay, the rest is replaced. */
export function redactEmail(email: string): string {
  if (!email.trim() || isAiAddress(email) || email.endsWith(`@${REDACTED_DOMAIN}`)) return email;
  return pseudonym(email);
}

/** Every address in free text replaced, except AI tools' addresses. */
export function redactText(text: string): string {
  if (!text.includes('@')) return text;
  return text.replace(EMAIL_IN_TEXT, (m) => redactEmail(m));
}

/** The audit with people's addresses replaced (identities, subject, evidence details, sessions). */
export function redactAudit(audit: CommitAudit): CommitAudit {
  return {
    ...audit,
    author: { name: audit.author.name, email: redactEmail(audit.author.email) },
    committer: { name: audit.committer.name, email: redactEmail(audit.committer.email) },
    subject: redactText(audit.subject),
    evidence: audit.evidence.map((e) => ({
      ...e,
      detail: redactText(e.detail),
      ...(e.session !== undefined ? { session: redactText(e.session) } : {}),
    })),
  };
}

/** A policy violation as `check` prints it, with addresses replaced. */
export function redactViolation(v: PolicyViolation): PolicyViolation {
  return {
    ...v,
    author: redactText(v.author),
    subject: redactText(v.subject),
    problems: v.problems.map((p) => ({ ...p, text: redactText(p.text) })),
  };
}
