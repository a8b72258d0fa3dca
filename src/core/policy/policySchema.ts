// The policy: one zod schema for the team file (.ai-provenance.json), the VS Code settings and the
// CLI. Modes, per-tool overrides, the trailer format, and which fields a team file locks.
import * as z from 'zod/mini';
import { EVIDENCE_SCOPES, MODES, TOOL_IDS, type EvidenceScope, type Mode, type ToolId } from '../model';

export { MODES, type Mode };

export const MODE_DESCRIPTIONS: Record<Mode, string> = {
  keep: 'Touch nothing: AI trailers stay as the tools wrote them.',
  strip: 'Remove AI attribution trailers and marker lines ("🤖 Generated with …"), recording each in the provenance note; never add any.',
  evidence: 'Keep every agent\'s own attribution and what the commit being rewritten carried; add trailers for recorded evidence and AI code markers; keep VS Code\'s Copilot trailer only when evidence backs the committed lines. Every removal is recorded in the provenance note.',
  require: 'Reject a commit whose recorded AI evidence is not disclosed in a trailer.',
  forbid: 'Reject a commit that carries AI attribution or recorded AI evidence (projects that ban AI code).',
};

export const FORMATS = ['co-authored-by', 'assisted-by', 'generated-by'] as const;
export type TrailerFormat = (typeof FORMATS)[number];

export const FORMAT_DESCRIPTIONS: Record<TrailerFormat, string> = {
  'co-authored-by': 'Co-authored-by: Name <email> (GitHub shows an avatar; tools are not authors under the DCO).',
  'assisted-by': 'Assisted-by: AGENT:MODEL (the Linux kernel, Fedora and LLVM form).',
  'generated-by': 'Generated-by: TOOL MODEL (the ASF and OpenInfra form).',
};

export const POLICY_FIELDS = ['mode', 'tools', 'format'] as const;
export type PolicyField = (typeof POLICY_FIELDS)[number];

export const ModeSchema = z.enum(MODES);
export const FormatSchema = z.enum(FORMATS);
export const ToolOverridesSchema = z.partialRecord(z.enum(TOOL_IDS), ModeSchema);

/** A complete, effective policy. */
export interface Policy {
  mode: Mode;
  /** Per-tool modes that replace `mode` for that tool (e.g. keep claude, strip copilot). */
  tools: Partial<Record<ToolId, Mode>>;
  format: TrailerFormat;
  /**
   * Which evidence scopes `check` acts on (team file only; default both): `["code"]` lets a commit
   * whose only AI evidence is message-scope (aider's mark on the committer alone) pass `forbid`.
   */
  scopes?: readonly EvidenceScope[];
  /** Opt-in gate of `check`: the most the AI share of the code's lines may be, in percent (lines). */
  maxAiShare?: number;
}

export const DEFAULT_POLICY: Policy = { mode: 'evidence', tools: {}, format: 'assisted-by' };

/** What a settings source may contain: any subset of the fields. */
export const PolicyInputSchema = z.strictObject({
  $schema: z.optional(z.string()),
  mode: z.optional(ModeSchema),
  tools: z.optional(ToolOverridesSchema),
  format: z.optional(FormatSchema),
  maxAiShare: z.optional(z.number().check(z.gte(0), z.lte(100))),
});
export type PolicyInput = z.infer<typeof PolicyInputSchema>;

/** Evidence scopes a team file's policy acts on (see Policy.scopes). */
export const ScopesSchema = z.array(z.enum(EVIDENCE_SCOPES)).check(z.minLength(1));

/** The team file adds `locked`: fields a user's own settings may tighten but never loosen. */
export const TeamFileSchema = z.strictObject({
  ...PolicyInputSchema.shape,
  locked: z.optional(z.array(z.enum(POLICY_FIELDS))),
  scopes: z.optional(ScopesSchema),
});
export type TeamFile = z.infer<typeof TeamFileSchema>;

/**
 * Which modes count as at least as strict as a locked mode. A team that locks `require` accepts
 * only `require`; `evidence` may be tightened to `require`; `strip` to `forbid`; `keep` to anything.
 */
export const TIGHTER_OR_EQUAL: Record<Mode, readonly Mode[]> = {
  keep: MODES,
  evidence: ['evidence', 'require'],
  strip: ['strip', 'forbid'],
  require: ['require'],
  forbid: ['forbid'],
};

export function modeFor(policy: Policy, tool: ToolId): Mode {
  return policy.tools[tool] ?? policy.mode;
}
