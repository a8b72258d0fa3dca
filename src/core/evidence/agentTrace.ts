// Reader for Agent Trace 0.1.0 trace records (cursor/agent-trace README §6 and
// schemas/trace-record.json, `$id` https://agent-trace.dev/schemas/v1/trace-record.json): JSON Lines,
// one TraceRecord per line, as the reference hook appends to `.agent-trace/traces.jsonl`.
// Tolerant where the reference implementation departs from the schema: `version: "1.0"` (the
// schema's own pattern moved from X.Y to X.Y.Z), `tool` without `version`, and unknown extra keys
// (later minor versions may add optional fields). Pure: never throws.
import * as z from 'zod/mini';
import type { ToolId } from '../model';
import { familyOfModel, toolFromName } from '../detect/identify';
import { parseJsonLines, type ParsedLines } from '../json/jsonLines';
import { mergeRanges, type LineRange } from './lineRanges';

export const CONTRIBUTOR_TYPES = ['human', 'ai', 'mixed', 'unknown'] as const;
export type ContributorType = (typeof CONTRIBUTOR_TYPES)[number];

const ContributorSchema = z.object({
  type: z.enum(CONTRIBUTOR_TYPES),
  model_id: z.optional(z.string().check(z.maxLength(250))),
});

const RangeSchema = z.object({
  start_line: z.int().check(z.positive()),
  end_line: z.int().check(z.positive()),
  content_hash: z.optional(z.string()),
  contributor: z.optional(ContributorSchema),
});

const ConversationSchema = z.object({
  url: z.optional(z.string()),
  contributor: z.optional(ContributorSchema),
  ranges: z.array(RangeSchema),
  related: z.optional(z.array(z.object({ type: z.string(), url: z.string() }))),
});

/** Semver-ish `X.Y` or `X.Y.Z`; majors 0 and 1 are read (a new major may change required fields). */
const VERSION = /^(0|1)\.\d+(?:\.\d+)?(?:[-+][0-9A-Za-z.-]+)?$/;

export const TraceRecordSchema = z.object({
  version: z.string().check(z.regex(VERSION, 'unsupported version (reads 0.x and 1.x)')),
  id: z.string().check(z.minLength(1)),
  timestamp: z.string().check(z.minLength(1)),
  vcs: z.optional(z.object({ type: z.enum(['git', 'jj', 'hg', 'svn']), revision: z.string() })),
  tool: z.optional(z.object({ name: z.optional(z.string()), version: z.optional(z.string()) })),
  files: z.array(z.object({
    path: z.string().check(z.minLength(1)),
    conversations: z.array(ConversationSchema),
  })),
  metadata: z.optional(z.record(z.string(), z.unknown())),
});
export type TraceRecord = z.infer<typeof TraceRecordSchema>;
type Contributor = z.infer<typeof ContributorSchema>;

export type ParsedTraces = ParsedLines<TraceRecord>;

/** Parses JSON Lines of trace records (blank lines ignored); bad lines become problems. */
export function parseTraces(text: string): ParsedTraces {
  return parseJsonLines(text, TraceRecordSchema, (issue) =>
    `${issue?.path.join('.') || 'record'} is invalid${issue?.message.startsWith('unsupported') ? ` (${issue.message})` : ''}`);
}

/** `ai` and `mixed` (human-edited AI output, AI-edited human code) are AI; `human`/`unknown` are not. */
export function isAiContributor(c: Contributor | undefined): boolean {
  return c?.type === 'ai' || c?.type === 'mixed';
}

/** `anthropic/claude-opus-4-5-20251101` → `claude-opus-4-5-20251101` (models.dev `provider/model`). */
export function modelOfId(modelId: string | undefined): string | undefined {
  const model = modelId?.trim().split('/').filter(Boolean).pop();
  return model || undefined;
}

/** The tool a record names (`cursor`, `claude-code`), else the model's vendor, else unknown-ai. */
export function traceTool(toolName: string | undefined, model: string | undefined): ToolId {
  const name = toolName?.trim();
  const named = name && !/^unknown$/i.test(name) ? toolFromName(name.replace(/[_-]+/g, ' ')) : undefined;
  return named ?? (model ? familyOfModel(model) : undefined) ?? 'unknown-ai';
}

/** The AI-written lines of one record, grouped by (tool, model, conversation). */
export interface TraceAttribution {
  tool: ToolId;
  toolName?: string;
  model?: string;
  /** The conversation's `related` session URL, else its `url`. */
  session?: string;
  files: { path: string; ranges: LineRange[] }[];
}

export function traceAttributions(record: TraceRecord): TraceAttribution[] {
  const groups = new Map<string, TraceAttribution>();
  const toolName = record.tool?.name?.trim() || undefined;
  for (const file of record.files) {
    for (const conv of file.conversations) {
      const session = conv.related?.find((r) => r.type === 'session')?.url ?? conv.url;
      for (const range of conv.ranges) {
        const who = range.contributor ?? conv.contributor;
        if (!isAiContributor(who)) continue;
        const model = modelOfId(who?.model_id);
        const tool = traceTool(toolName, model);
        const key = `${tool}\u0000${model ?? ''}\u0000${session ?? ''}`;
        let group = groups.get(key);
        if (!group) {
          group = { tool, ...(toolName ? { toolName } : {}), ...(model ? { model } : {}), ...(session ? { session } : {}), files: [] };
          groups.set(key, group);
        }
        let entry = group.files.find((f) => f.path === file.path);
        if (!entry) group.files.push((entry = { path: file.path, ranges: [] }));
        const a = range.start_line;
        const b = range.end_line;
        entry.ranges.push(a <= b ? [a, b] : [b, a]);
      }
    }
  }
  const out = [...groups.values()];
  for (const g of out) for (const f of g.files) f.ranges = mergeRanges(f.ranges);
  return out;
}
