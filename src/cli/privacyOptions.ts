// `--redact-emails` for reports meant to be shared (audit, export, report, check, fleet, merge):
// people's addresses become stable pseudonyms (src/core/report/redact.ts); AI tools' addresses stay.
import * as z from 'zod/mini';
import type { OptionSpec } from './args';

export const PRIVACY_OPTIONS: OptionSpec = {
  'redact-emails': { type: 'boolean' },
};

export const privacyShape = {
  'redact-emails': z.optional(z.boolean()),
};

export const REDACT_HELP = `  --redact-emails   replace people's e-mail addresses with stable pseudonyms (<hash>@redacted.invalid);
                    AI tools' addresses stay (they are evidence)`;
