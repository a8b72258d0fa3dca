// Reader for git-ai authorship logs (Git AI Standard v3.0.0, schema `authorship/3.0.0`), the notes
// git-ai keeps on refs/notes/ai. A log is an attestation section, a line `---`, then JSON metadata:
//
//   src/main.rs                                  file path at column 0 ("quoted" if it has whitespace)
//     s_c9883b05a2487d::t_9f8e7d6c5b4a32 1-10    two-space indent, key, one space, ranges
//     h_a1b2c3d4e5f678 12                        known human (typing seen by an IDE plugin): not AI
//     d9978a8723e02b52 1-4,9-10,14               legacy prompt key (before git-ai 1.4.0)
//   ---
//   {"schema_version":"authorship/3.0.0","base_commit_sha":"…","prompts":{…},"sessions":{…},"humans":{…}}
//
// Keys route by prefix (git-ai docs/migrations/sessions-v2-note-format.md): `s_` → metadata.sessions
// (the part before `::`), `h_` → metadata.humans, anything else → metadata.prompts. Lines with no key
// are untracked, which is not the same as human; they never appear here. Pure: never throws.
import * as z from 'zod/mini';
import type { ToolId } from '../model';
import { toolFromName } from '../detect/identify';

export const GIT_AI_SCHEMA_PREFIX = 'authorship/3.';

/** 1-based inclusive line range. */
import { mergeRanges, type LineRange } from './lineRanges';

export interface GitAiFile {
  path: string;
  /** Sorted, merged; empty when the metadata names the agent but no line survived. */
  ranges: LineRange[];
}

/** One AI session (v1.4+ `sessions`) or legacy prompt record, with the lines it wrote. */
export interface GitAiAgent {
  kind: 'session' | 'prompt';
  /** The session id (`s_…`) or the legacy prompt hash. */
  key: string;
  tool: ToolId;
  /** agent_id.tool as written (`claude`, `github-copilot`, `cursor-agent`, …). */
  agentTool?: string;
  /** agent_id.id: the agent's conversation/session id. */
  agentId?: string;
  model?: string;
  files: GitAiFile[];
}

export interface GitAiNote {
  schemaVersion: string;
  baseCommitSha?: string;
  gitAiVersion?: string;
  agents: GitAiAgent[];
  /** Lines attested to known humans (`h_` keys, human presets), all files together: never AI evidence. */
  humanLines: number;
}

export interface ParsedGitAiNote {
  /** Absent when the note could not be read at all (no divider, bad JSON, unknown schema). */
  note?: GitAiNote;
  problems: string[];
}

const AgentIdSchema = z.object({
  tool: z.optional(z.string()),
  id: z.optional(z.string()),
  model: z.optional(z.string()),
});
const AgentRecordSchema = z.object({ agent_id: z.optional(z.nullable(AgentIdSchema)) });
const MetadataSchema = z.object({
  schema_version: z.string(),
  base_commit_sha: z.optional(z.nullable(z.string())),
  git_ai_version: z.optional(z.nullable(z.string())),
  prompts: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
  sessions: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
  humans: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
});

/** git-ai's agent_id.tool values (presets, background agents, email-detected agents) → our ids. */
const GIT_AI_TOOLS: Record<string, ToolId> = {
  'claude': 'claude', 'claude-code': 'claude', 'claude-web': 'claude',
  'cursor': 'cursor', 'cursor-agent': 'cursor', 'cursor-cli': 'cursor',
  'github-copilot': 'copilot', 'github-copilot-agent': 'copilot', 'copilot': 'copilot', 'copilot-cli': 'copilot',
  'codex': 'codex', 'codex-cloud': 'codex', 'gemini': 'gemini', 'gemini-cli': 'gemini',
  'windsurf': 'windsurf', 'continue-cli': 'continue', 'continue': 'continue', 'amp': 'amp',
  'opencode': 'opencode', 'cline': 'cline', 'junie': 'junie', 'devin': 'devin', 'jules': 'jules',
  'roo': 'roo', 'roo-code': 'roo', 'kiro': 'amazon-q', 'amazon-q': 'amazon-q', 'qwen': 'qwen', 'qwen-code': 'qwen',
  // Agents without an id of their own: droid (Factory), rovodev (Atlassian), pi, firebender.
  'droid': 'unknown-ai', 'rovodev': 'unknown-ai', 'rovo-dev': 'unknown-ai', 'pi': 'unknown-ai', 'firebender': 'unknown-ai',
};

/** Our tool id for a git-ai agent_id.tool; unknown names → 'unknown-ai'. */
export function gitAiTool(name: string | undefined): ToolId {
  const key = (name ?? '').trim().toLowerCase();
  if (!key) return 'unknown-ai';
  return GIT_AI_TOOLS[key] ?? toolFromName(key.replace(/[_-]+/g, ' ')) ?? 'unknown-ai';
}

/** Parses `1-4,9-10,12` (no spaces). Undefined when any part is not a positive line or range. */
export function parseLineRanges(text: string): LineRange[] | undefined {
  const out: LineRange[] = [];
  for (const part of text.split(',')) {
    if (!part) continue; // git-ai skips empty parts
    const m = /^(\d{1,9})(?:-(\d{1,9}))?$/.exec(part);
    if (!m) return undefined;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (a < 1 || b < 1) return undefined;
    out.push(a <= b ? [a, b] : [b, a]);
  }
  return out.length ? out : undefined;
}

interface Attestation {
  path: string;
  key: string;
  ranges: LineRange[];
}

function parseAttestations(lines: readonly string[], problems: string[]): Attestation[] {
  const out: Attestation[] = [];
  let path: string | undefined;
  lines.forEach((raw, i) => {
    const line = raw.replace(/\s+$/, '');
    if (!line) return;
    if (line.startsWith('  ')) {
      const m = /^ {2}(\S+) (\S+)$/.exec(line);
      const ranges = m ? parseLineRanges(m[2] as string) : undefined;
      if (!m || !ranges) problems.push(`line ${i + 1}: not an attestation entry`);
      else if (path === undefined) problems.push(`line ${i + 1}: attestation entry before any file path`);
      else out.push({ path, key: m[1] as string, ranges });
      return;
    }
    const quoted = line.length >= 2 && line.startsWith('"') && line.endsWith('"');
    path = quoted ? line.slice(1, -1) : line;
    if (!path || /^\s/.test(line)) {
      problems.push(`line ${i + 1}: invalid file path`);
      path = undefined;
    }
  });
  return out;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function agentOf(kind: GitAiAgent['kind'], key: string, record: unknown): GitAiAgent {
  const parsed = AgentRecordSchema.safeParse(record);
  const agentId = parsed.success ? parsed.data.agent_id ?? undefined : undefined;
  const agentTool = text(agentId?.tool);
  const model = text(agentId?.model);
  const id = text(agentId?.id);
  return {
    kind, key, tool: gitAiTool(agentTool),
    ...(agentTool ? { agentTool } : {}),
    ...(id ? { agentId: id } : {}),
    ...(model && !/^unknown$/i.test(model) ? { model } : {}),
    files: [],
  };
}

/** Parses one git-ai authorship note. Problems name the 1-based line of the note they concern. */
export function parseGitAiNote(noteText: string): ParsedGitAiNote {
  const problems: string[] = [];
  const lines = noteText.replace(/^\uFEFF/, '').split(/\r?\n/);
  const divider = lines.indexOf('---');
  let attestationLines: string[];
  let json: string;
  if (divider >= 0) {
    attestationLines = lines.slice(0, divider);
    json = lines.slice(divider + 1).join('\n');
  } else if (noteText.trim().startsWith('{')) {
    attestationLines = []; // metadata only (no attested lines); git-ai itself would refuse it
    json = noteText;
  } else {
    return { problems: ['no "---" divider: not a git-ai authorship log'] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { problems: [`metadata after line ${divider + 1} is not JSON`] };
  }
  const meta = MetadataSchema.safeParse(raw);
  if (!meta.success) {
    const where = meta.error.issues[0]?.path.join('.') || 'metadata';
    return { problems: [`metadata: ${where} is invalid`] };
  }
  const version = meta.data.schema_version;
  if (!version.startsWith(GIT_AI_SCHEMA_PREFIX)) {
    return { problems: [`unsupported schema_version ${JSON.stringify(version.slice(0, 40))} (reads authorship/3.x)`] };
  }
  const prompts = meta.data.prompts ?? {};
  const sessions = meta.data.sessions ?? {};
  const agents = new Map<string, GitAiAgent>();
  const ranges = new Map<string, Map<string, LineRange[]>>();
  const agentFor = (kind: GitAiAgent['kind'], key: string, record: unknown): GitAiAgent => {
    const id = `${kind}:${key}`;
    let agent = agents.get(id);
    if (!agent) agents.set(id, (agent = agentOf(kind, key, record)));
    return agent;
  };
  // Every metadata record is an agent that took part, even when none of its lines survived.
  for (const [key, record] of Object.entries(sessions)) agentFor('session', key, record);
  for (const [key, record] of Object.entries(prompts)) agentFor('prompt', key, record);

  let humanLines = 0;
  for (const a of parseAttestations(attestationLines, problems)) {
    if (a.key.startsWith('h_')) {
      humanLines += a.ranges.reduce((n, [s, e]) => n + e - s + 1, 0);
      continue;
    }
    const session = a.key.startsWith('s_') ? (a.key.split('::')[0] as string) : undefined;
    const agent = session ? agentFor('session', session, sessions[session]) : agentFor('prompt', a.key, prompts[a.key]);
    const id = `${agent.kind}:${agent.key}`;
    let byFile = ranges.get(id);
    if (!byFile) ranges.set(id, (byFile = new Map()));
    byFile.set(a.path, [...(byFile.get(a.path) ?? []), ...a.ranges]);
  }
  for (const [id, byFile] of ranges) {
    const agent = agents.get(id) as GitAiAgent;
    agent.files = [...byFile].map(([path, rs]) => ({ path, ranges: mergeRanges(rs) }));
  }
  // git-ai's `human`/`known_human` presets name people, not agents (never expected under an AI key).
  for (const [id, agent] of agents) {
    if (!/^(?:known[_-]?)?human$/i.test(agent.agentTool ?? '')) continue;
    humanLines += agent.files.reduce((n, f) => n + f.ranges.reduce((m, [s, e]) => m + e - s + 1, 0), 0);
    agents.delete(id);
  }
  const base = text(meta.data.base_commit_sha);
  const gitAiVersion = text(meta.data.git_ai_version);
  return {
    note: {
      schemaVersion: version,
      ...(base ? { baseCommitSha: base } : {}),
      ...(gitAiVersion ? { gitAiVersion } : {}),
      agents: [...agents.values()],
      humanLines,
    },
    problems,
  };
}
