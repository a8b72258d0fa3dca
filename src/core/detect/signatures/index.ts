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

/**
 * MESSAGE_PREFILTER rewritten for speed, matching on exactly the same lines: each alternative
 * starts at a rarer literal (`by`, `with`, `v` of devin, `-`, `#`, `:`, `/`) and checks the words
 * before it with a lookbehind. The original's alternatives start with common letters (a, c, d, e,
 * g, m, r, s, u, w, in both cases), where V8 tries them; over the bench repository's 100,000
 * messages this form takes 45–67 ms against 143–275 ms. A match never spans a line, and
 * sits inside the original's match, so the lines hit are the same (the only use: classify's line
 * scan, which restarts at each hit line's end). Same flags (i without u: ASCII letters fold only
 * to ASCII; `\b` and `^` read the same characters). Held equal to MESSAGE_PREFILTER by
 * test/unit/classifyFastLane.test.ts; edit both together.
 */
export const MESSAGE_PREFILTER_SCAN = new RegExp([
  'by(?<=(?:co-authored|assisted|generated|synthesized)-by|(?:generated|created|written) by)',
  'with(?<=made[- ]with|(?:generated|created|written|ultraworked|author: claude code) with)',
  'v(?<=dev)in session',
  '-(?:(?<=\\bai-)|(?<=\\bentire-)|session|(?<=claude-)(?:workflow|steers|permission-prompts|escapes)|(?<=amp-)thread-id|(?<=replit-)commit|(?<=copilot-)workspace\\.)',
  '#(?<=^#) aider chat conversation',
  ':(?<=^aider:|^assistant:) ',
  '\\/(?:(?<=cursor\\.com\\/)|(?<=claude\\.ai\\/)code\\/session_)',
].join('|'), 'im');
