// The catalog of AI signatures, as data. Adding a tool is adding a row (with its source), never
// new control flow. Rows follow ../shared/reference/ai-signatures.md (tables a.1, a.2, a.3);
// certainty codes: E explicit, P prompt-driven, B platform identity, C convention, U unverified.
// Identity first: e-mail addresses and GitHub numeric bot ids; names count only under an
// AI-specific trailer key or beside an AI-specific address.
// One file per kind of row; this module is the catalog's single entry point.
export { CATALOG_VERSION, type Certainty } from './rows';
export { IDENTITIES, type IdentityRow } from './identities';
export { IDENTITY_KEYS, TRAILER_KEYS, type TrailerKeyRow, type ValueKind } from './trailerKeys';
export { BODY_MARKERS, type BodyRow } from './messageMarkers';
export { MODEL_FAMILIES, MODEL_SHAPE, NON_AI_TOOLS, OTHER_AI_NAMES, TOOL_NAMES } from './names';
export { BRANCH_PREFIXES, MERGE_SUBJECTS, type BranchRow } from './branches';
export { AI_FILE_NAME, CODE_MARKERS, CODE_TRAPS, type CodeMarkerRow } from './codeMarkers';

/**
 * A message matching none of these can yield no trailer or message evidence (identities are
 * checked separately). Lets most commits skip trailer parsing; kept in step with TRAILER_KEYS,
 * IDENTITY_KEYS and BODY_MARKERS by a test over every row's example.
 */
export const MESSAGE_PREFILTER =
  /co-authored-by|assisted-by|generated-by|synthesized-by|\bai-|made[- ]with|-session|devin session|claude-workflow|claude-(?:steers|permission-prompts|escapes)|amp-thread-id|replit-commit|\bentire-|(?:generated|created|written) (?:with|by)|cursor\.com\/|^aider: |ultraworked with|copilot-workspace\.|claude\.ai\/code\/session_|^# aider chat conversation|^assistant: |author: claude code with/im;
