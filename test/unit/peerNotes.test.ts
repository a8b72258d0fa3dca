// Other tools' notes, read from their real formats (fixtures shaped as their sources write them):
// Qwen Code's refs/notes/ai-attribution (and ai-attr's git-ai logs there), whogitit, Agent Blame
// (v1, v2, v3) and Agent Trace records kept as notes.
import { strict as assert } from 'node:assert';
import { readAgentBlameNote, readAgentTraceNote, readQwenNote, readWhogititNote } from '../../src/core/evidence/peerNotes';

describe('peer notes: Qwen Code (refs/notes/ai-attribution)', () => {
  // QwenLM/qwen-code packages/core/src/services/attributionTrailer.test.ts sampleNote (current form).
  const current = {
    version: 1, generator: 'Qwen-Coder',
    files: { 'src/main.ts': { aiChars: 150, humanChars: 50, percent: 75 }, 'src/utils.ts': { aiChars: 0, humanChars: 200, percent: 0 } },
    summary: { aiPercent: 38, aiChars: 150, humanChars: 250, totalFilesTouched: 2, surfaces: ['cli'] },
    surfaceBreakdown: { cli: { aiChars: 150, percent: 38 } }, excludedGenerated: ['package-lock.json'], excludedGeneratedCount: 1, promptCount: 3,
  };
  it('the files with an AI share, the share in the detail', () => {
    const { evidence, problems } = readQwenNote(JSON.stringify(current));
    assert.deepEqual(problems, []);
    assert.deepEqual(evidence, [{
      kind: 'note', tool: 'qwen', confidence: 'high', detail: 'refs/notes/ai-attribution: Qwen-Coder src/main.ts (38 % AI)',
      signature: 'note.qwen-attribution', locations: [{ file: 'src/main.ts' }],
    }]);
  });
  it('the earlier form (aiCharsAdded, aiCreated, aiContributionPercent)', () => {
    const older = { version: 1, generator: 'Qwen-Coder',
      files: { 'src/main.ts': { aiCharsAdded: 150, aiCharsRemoved: 30, aiCreated: true, aiContributionPercent: 100 } },
      summary: { totalAiCharsAdded: 150, totalAiCharsRemoved: 30, totalFilesTouched: 1, overallAiPercent: 100 } };
    assert.deepEqual(readQwenNote(JSON.stringify(older)).evidence.map((e) => [e.tool, e.locations]), [['qwen', [{ file: 'src/main.ts' }]]]);
  });
  it('a note with no AI share attributes nothing; a foreign note is a problem', () => {
    assert.deepEqual(readQwenNote(JSON.stringify({ ...current, files: { 'a.ts': { aiChars: 0, humanChars: 9, percent: 0 } } })), { evidence: [], problems: [] });
    assert.deepEqual(readQwenNote('ai-authored-by: kiro').problems, ['not JSON']);
    assert.deepEqual(readQwenNote('{"edits":[]}').problems, ['not a Qwen Code attribution note (no "files")']);
  });
  it("ai-attr's git-ai authorship logs on the same ref", () => {
    const log = `src/main.rs\n  s_c9883b05a2487d::t_9f8e7d6c5b4a32 1-10\n---\n${JSON.stringify({
      schema_version: 'authorship/3.0.0', base_commit_sha: 'x',
      sessions: { s_c9883b05a2487d: { agent_id: { tool: 'claude', id: 'conv-1', model: 'claude-opus-4-6' } } },
    })}`;
    const { evidence } = readQwenNote(log);
    assert.deepEqual(evidence.map((e) => [e.tool, e.model, e.detail.split(':')[0]]), [['claude', 'claude-opus-4-6', 'refs/notes/ai-attribution']]);
  });
});

describe('peer notes: whogitit (refs/notes/whogitit)', () => {
  // dotsetlabs/whogitit src/core/attribution.rs test_serialization_roundtrip, with more lines.
  const note = {
    version: 3,
    session: { session_id: 'test-123', model: { id: 'claude-opus-4-5-20251101', provider: 'anthropic' }, started_at: '2026-01-30T10:00:00Z', prompt_count: 1 },
    prompts: [{ index: 0, text: 'Add main function', timestamp: '2026-01-30T10:00:00Z', affected_files: ['test.rs'] }],
    files: [{
      path: 'test.rs',
      lines: [
        { line_number: 1, content: 'fn main() {}', source: { type: 'AI', edit_id: 'e1' }, edit_id: 'e1', prompt_index: 0, confidence: 1.0 },
        { line_number: 2, content: '// x', source: { type: 'AIModified', edit_id: 'e1', similarity: 0.8 }, edit_id: 'e1', prompt_index: 0, confidence: 0.8 },
        { line_number: 3, content: 'use std;', source: { type: 'Human' }, edit_id: null, prompt_index: null, confidence: 1.0 },
        { line_number: 7, content: 'x', source: { type: 'AI', edit_id: 'e2' }, edit_id: 'e2', prompt_index: 0, confidence: 1.0 },
      ],
      summary: { total_lines: 4, ai_lines: 2, ai_modified_lines: 1, human_lines: 1, original_lines: 0, unknown_lines: 0 },
    }],
  };
  it('AI and AI-modified lines of each file, the model and session', () => {
    const { evidence, problems } = readWhogititNote(JSON.stringify(note, null, 2));
    assert.deepEqual(problems, []);
    assert.deepEqual(evidence, [{
      kind: 'note', tool: 'claude', model: 'claude-opus-4-5-20251101', confidence: 'high',
      detail: 'refs/notes/whogitit: anthropic claude-opus-4-5-20251101 test.rs:1-2,7', signature: 'note.whogitit', session: 'test-123',
      locations: [{ file: 'test.rs', line: 1, endLine: 2 }, { file: 'test.rs', line: 7 }],
    }]);
  });
  it('only human and original lines: nothing', () => {
    const human = { ...note, files: [{ path: 'a.rs', lines: [{ line_number: 1, source: { type: 'Original' } }], summary: { ai_lines: 0, ai_modified_lines: 0 } }] };
    assert.deepEqual(readWhogititNote(JSON.stringify(human)).evidence, []);
  });
});

describe('peer notes: Agent Blame (refs/notes/agentblame)', () => {
  it('version 1 (snake_case ranges)', () => {
    const v1 = { version: 1, timestamp: '2026-01-05T10:00:00Z', attributions: [
      { path: 'src/a.ts', start_line: 3, end_line: 9, category: 'ai_generated', provider: 'cursor', model: 'gpt-5', confidence: 1, match_type: 'exact_hash', content_hash: 'sha256:x' },
      { path: 'src/b.ts', start_line: 1, end_line: 1, category: 'ai_generated', provider: 'cursor', model: 'gpt-5', confidence: 0.9, match_type: 'line_hash', content_hash: 'sha256:y' },
    ] };
    assert.deepEqual(readAgentBlameNote(JSON.stringify(v1)).evidence, [{
      kind: 'note', tool: 'cursor', model: 'gpt-5', confidence: 'high', detail: 'refs/notes/agentblame: cursor gpt-5 src/a.ts:3-9 src/b.ts:1',
      signature: 'note.agentblame', locations: [{ file: 'src/a.ts', line: 3, endLine: 9 }, { file: 'src/b.ts', line: 1 }],
    }]);
  });
  it('version 2 (camelCase ranges)', () => {
    const v2 = { version: 2, timestamp: '2026-01-05T10:00:00Z', attributions: [
      { path: 'src/a.ts', startLine: 5, endLine: 6, category: 'ai_generated', provider: 'claude', model: 'claude-sonnet-4-5', confidence: 1, matchType: 'exact_hash', contentHash: 'x' },
    ] };
    assert.deepEqual(readAgentBlameNote(JSON.stringify(v2)).evidence.map((e) => [e.tool, e.model, e.locations]),
      [['claude', 'claude-sonnet-4-5', [{ file: 'src/a.ts', line: 5, endLine: 6 }]]]);
  });
  it('version 3 (sessions and per-file AI ranges; human ranges give nothing)', () => {
    const v3 = { version: 3, timestamp: '2026-01-29T14:00:00Z',
      sessions: { a1b2c3d4e5f60718: { agent: 'opencode', model: 'claude-opus-4-5', prompts: null, startedAt: '2026-01-29T13:00:00Z' } },
      files: { 'src/x.ts': { aiRanges: [{ sessionId: 'a1b2c3d4e5f60718', promptId: 4, startLine: 10, endLine: 12 }], humanRanges: [{ startLine: 1, endLine: 9 }] } } };
    assert.deepEqual(readAgentBlameNote(JSON.stringify(v3)).evidence.map((e) => [e.tool, e.model, e.session, e.locations]),
      [['opencode', 'claude-opus-4-5', 'a1b2c3d4e5f60718', [{ file: 'src/x.ts', line: 10, endLine: 12 }]]]);
  });
  it('anything else is a problem', () => {
    assert.deepEqual(readAgentBlameNote('{"v":3,"summary":{}}').problems, ['not an Agent Blame note (no "attributions" or "files")']);
  });
});

describe('peer notes: Agent Trace records kept as notes (refs/notes/agent-trace)', () => {
  const record = {
    version: '0.1.0', id: '550e8400-e29b-41d4-a716-446655440000', timestamp: '2026-01-23T14:30:00Z',
    vcs: { type: 'git', revision: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0' }, tool: { name: 'cursor', version: '2.4.0' },
    files: [{ path: 'src/data/demo.json', conversations: [{ url: 'https://cursor.com/agents/bc-1', contributor: { type: 'ai', model_id: 'anthropic/claude-opus-4-5' },
      ranges: [{ start_line: 243, end_line: 251 }] }] }],
  };
  it('one pretty-printed record, an array, or JSON Lines', () => {
    for (const text of [JSON.stringify(record, null, 2), JSON.stringify([record]), `${JSON.stringify(record)}\n`]) {
      const { evidence, problems } = readAgentTraceNote(text);
      assert.deepEqual(problems, []);
      assert.deepEqual(evidence.map((e) => [e.tool, e.model, e.detail.split(':')[0], e.locations]),
        [['cursor', 'claude-opus-4-5', 'refs/notes/agent-trace', [{ file: 'src/data/demo.json', line: 243, endLine: 251 }]]]);
    }
  });
  it('bad records are problems', () => {
    assert.match(readAgentTraceNote('{"version":"9.0","id":"x"}').problems[0] ?? '', /line 1/);
  });
});
