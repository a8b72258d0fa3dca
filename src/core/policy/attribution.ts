// The attribution lines of a commit message and their class (model.ts ATTRIBUTION_CLASSES): who put
// the line there decides what the default policy may do with it. Every catalog row is written by
// the agent or tool itself (self-attested) except VS Code's sticky Copilot trailer (editor-added,
// marked `sticky` in the catalog); a line the rewritten commit already carried is inherited. Pure.
import type { AttributionClass, ToolId } from '../model';
import type { Mode } from './policySchema';
import { parseTrailers, type TrailerOptions } from '../detect/trailers';
import { trailerEvidence } from '../detect/classify';
import { BODY_MARKERS } from '../detect/signatures';
import { toolFromName } from '../detect/identify';
import { contentEnd, splitLines, type Line } from './messageEdit';

export interface AttributionLine {
  /** Indexes of the message lines it spans (a trailer with continuation lines spans several). */
  lines: number[];
  tools: ToolId[];
  /** Exactly as written (continuation lines joined by \n, line endings removed). */
  text: string;
  /** Compared with the rewritten commit's lines: `key: value` with the key lower-cased, or the trimmed line. */
  key: string;
  /** `Key: value` (unfolded) when the line is a trailer or trailer-shaped; absent for marker lines. */
  trailer?: string;
  class: Exclude<AttributionClass, 'recorded'>;
}

const TRAILER_SHAPED = /^([A-Za-z0-9][A-Za-z0-9-]*)[ \t]*:[ \t]*(\S.*)$/;

/** The attribution lines of a message (never its subject; comments and the scissors part are not read). */
export function attributionLines(message: string, trailers: Omit<TrailerOptions, 'noDivider'> = {},
  inherited: ReadonlySet<string> = new Set()): AttributionLine[] {
  const commentChar = trailers.commentChar || '#';
  const lines = splitLines(message);
  const end = contentEnd(lines, commentChar);
  const text = lines.slice(0, end).map((l) => l.text + l.eol).join('');
  const block = parseTrailers(text, { ...trailers, noDivider: true });
  const result: AttributionLine[] = [];
  for (let i = 1; i < end; i++) {
    const line = lines[i] as Line;
    if (line.text.startsWith(commentChar)) continue;
    const inBlock = line.start >= block.start && line.start < block.end;
    const trailer = inBlock ? block.trailers.find((t) => t.line === i) : undefined;
    if (inBlock && !trailer) continue; // a continuation line: handled with its trailer
    const span = [i];
    let found: Found | undefined;
    if (trailer) {
      while (span.length + i < end && /^[ \t]/.test(lines[i + span.length]?.text ?? '')) span.push(i + span.length);
      found = fromTrailer(trailer.key, trailer.value);
    } else {
      found = fromLine(line.text.trim());
    }
    if (!found?.tools.length) continue;
    const cls = inherited.has(found.key) ? 'inherited' : found.sticky ? 'editor-added' : 'self-attested';
    result.push({ lines: span, tools: found.tools, text: span.map((k) => (lines[k] as Line).text).join('\n'), key: found.key, class: cls,
      ...(found.trailer ? { trailer: found.trailer } : {}) });
  }
  return result;
}

interface Found {
  tools: ToolId[];
  sticky: boolean;
  key: string;
  trailer?: string;
}

function fromTrailer(key: string, value: string): Found {
  const evidence = trailerEvidence(key, value);
  return { tools: [...new Set(evidence.map((e) => e.tool))], sticky: evidence.some((e) => e.sticky), key: `${key.toLowerCase()}: ${value}`, trailer: `${key}: ${value}` };
}

/** Body markers, or a trailer-shaped line outside the trailer block. */
function fromLine(text: string): Found | undefined {
  for (const row of BODY_MARKERS) {
    if (row.subjectOnly || row.requires) continue; // rows that need the whole message (aider's transcripts) are not lines to strip
    const m = row.pattern.exec(text);
    if (!m) continue;
    const tool = m.groups?.name ? toolFromName(m.groups.name) : row.tool;
    if (tool) return { tools: [tool], sticky: false, key: text };
  }
  const t = TRAILER_SHAPED.exec(text);
  return t ? fromTrailer(t[1] as string, (t[2] as string).trim()) : undefined;
}

/** The attribution lines (their keys) of the commits being rewritten. */
export function inheritedKeys(messages: readonly string[], trailers: Omit<TrailerOptions, 'noDivider'> = {}): Set<string> {
  const keys = new Set<string>();
  for (const m of messages) for (const a of attributionLines(m, trailers)) keys.add(a.key);
  return keys;
}

/** What each class is, with an example, for `policy show` and the README. */
export const CLASS_DESCRIPTIONS: Record<AttributionClass, { text: string; example: string }> = {
  'self-attested': {
    text: 'written by the agent or tool about its own work (Claude Code, aider, Codex, Cursor, Copilot CLI and coding agent, Gemini, Amp, OpenCode, …, and our own Assisted-by/Generated-by/Co-authored-by lines)',
    example: 'Co-Authored-By: Claude Opus 4.6 <noreply@anthropic.com>',
  },
  'editor-added': {
    text: "VS Code's git.addAICoAuthor trailer: per file and sticky, it stays after the AI text is gone and always names Copilot",
    example: 'Co-authored-by: Copilot <copilot@github.com>',
  },
  recorded: {
    text: 'AI evidence for the committed lines that the message does not disclose: recorded agent edits (ai-provenance record) or an AI code marker in the added lines',
    example: 'Assisted-by: Claude-Code:claude-opus-4-6  (added in the configured format)',
  },
  inherited: {
    text: 'on the commit being amended, reworded, squashed, fixed up or cherry-picked (or backed by its provenance note)',
    example: 'Assisted-by: Claude-Code:claude-opus-4-6  (kept by git commit --amend --no-edit)',
  },
};

/** What a mode does with each class (the tool's own mode applies per line). */
export function classEffect(mode: Mode, cls: AttributionClass): string {
  switch (mode) {
    case 'keep': return cls === 'recorded' ? 'not added' : 'kept';
    case 'strip': return cls === 'recorded' ? 'not added' : 'removed (recorded in the provenance note)';
    case 'forbid': return 'the commit is rejected';
    case 'require': return cls === 'recorded' ? 'the commit is rejected until it is disclosed' : 'kept';
    case 'evidence':
      if (cls === 'editor-added') return 'kept when evidence backs the committed lines; replaced when the evidence names another tool; otherwise removed (recorded in the provenance note)';
      return cls === 'recorded' ? 'added in the configured format' : 'kept';
  }
}
