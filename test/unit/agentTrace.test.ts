// Agent Trace 0.1.0 records: fixtures after the README §6.2/§6.3 examples and
// schemas/trace-record.json, plus the reference hook's `version: "1.0"` and version-less tool.
import { strict as assert } from 'node:assert';
import {
  isAiContributor, modelOfId, parseTraces, traceAttributions, traceTool, type TraceRecord,
} from '../../src/core/evidence/agentTrace';

const SPEC_EXAMPLE = {
  version: '0.1.0',
  id: '550e8400-e29b-41d4-a716-446655440000',
  timestamp: '2026-01-23T14:30:00Z',
  vcs: { type: 'git', revision: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0' },
  tool: { name: 'cursor', version: '2.4.0' },
  files: [
    {
      path: 'src/utils/parser.ts',
      conversations: [{
        url: 'https://api.cursor.com/v1/conversations/12345',
        contributor: { type: 'ai', model_id: 'anthropic/claude-opus-4-5-20251101' },
        ranges: [{ start_line: 42, end_line: 67, content_hash: 'murmur3:9f2e8a1b' }],
        related: [{ type: 'session', url: 'https://api.cursor.com/v1/sessions/67890' }],
      }],
    },
    {
      path: 'src/utils/helpers.ts',
      conversations: [{
        url: 'https://api.cursor.com/v1/conversations/12345',
        contributor: { type: 'ai', model_id: 'openai/gpt-4o' },
        ranges: [{ start_line: 10, end_line: 25 }],
      }],
    },
  ],
  metadata: { confidence: 0.95, 'dev.cursor': { workspace_id: 'ws-abc123' } },
};

function one(record: unknown): TraceRecord {
  const r = parseTraces(`${JSON.stringify(record)}\n`);
  assert.deepEqual(r.problems, []);
  assert.equal(r.records.length, 1);
  return (r.records[0] as { record: TraceRecord }).record;
}

describe('Agent Trace', () => {
  it('parses the spec example and groups AI ranges by tool, model and conversation', () => {
    const groups = traceAttributions(one(SPEC_EXAMPLE));
    assert.deepEqual(groups, [
      {
        tool: 'cursor', toolName: 'cursor', model: 'claude-opus-4-5-20251101', session: 'https://api.cursor.com/v1/sessions/67890',
        files: [{ path: 'src/utils/parser.ts', ranges: [[42, 67]] }],
      },
      {
        tool: 'cursor', toolName: 'cursor', model: 'gpt-4o', session: 'https://api.cursor.com/v1/conversations/12345',
        files: [{ path: 'src/utils/helpers.ts', ranges: [[10, 25]] }],
      },
    ]);
  });

  it('accepts the minimal record and the reference hook output (version "1.0", tool without version)', () => {
    const minimal = one({
      version: '0.1.0', id: '550e8400-e29b-41d4-a716-446655440000', timestamp: '2026-01-25T10:00:00Z',
      files: [{ path: 'src/app.ts', conversations: [{ contributor: { type: 'ai' }, ranges: [{ start_line: 1, end_line: 50 }] }] }],
    });
    assert.deepEqual(traceAttributions(minimal), [{ tool: 'unknown-ai', files: [{ path: 'src/app.ts', ranges: [[1, 50]] }] }]);
    const reference = one({
      version: '1.0', id: '7d8f3c1e-2b4a-4c6d-8e9f-0a1b2c3d4e5f', timestamp: '2026-02-01T09:00:00.000Z',
      vcs: { type: 'git', revision: '0123456789abcdef0123456789abcdef01234567' }, tool: { name: 'claude-code' },
      files: [{ path: 'lib/x.ts', conversations: [{ url: 'file:///home/u/.claude/t.jsonl', contributor: { type: 'ai', model_id: 'anthropic/claude-sonnet-4-20250514' }, ranges: [{ start_line: 3, end_line: 9 }] }] }],
      extra_future_field: true,
    });
    assert.deepEqual(traceAttributions(reference), [{
      tool: 'claude', toolName: 'claude-code', model: 'claude-sonnet-4-20250514', session: 'file:///home/u/.claude/t.jsonl',
      files: [{ path: 'lib/x.ts', ranges: [[3, 9]] }],
    }]);
  });

  it('treats ai and mixed as AI, human and unknown as not; a per-range contributor overrides', () => {
    assert.equal(isAiContributor({ type: 'ai' }), true);
    assert.equal(isAiContributor({ type: 'mixed' }), true);
    assert.equal(isAiContributor({ type: 'human' }), false);
    assert.equal(isAiContributor({ type: 'unknown' }), false);
    assert.equal(isAiContributor(undefined), false);
    const record = one({
      version: '0.1.0', id: 'x', timestamp: '2026-01-25T10:00:00Z', tool: { name: 'unknown' },
      files: [{
        path: 'a.ts',
        conversations: [
          {
            contributor: { type: 'human' },
            ranges: [
              { start_line: 1, end_line: 5 },
              { start_line: 6, end_line: 8, contributor: { type: 'ai', model_id: 'openai/gpt-5' } },
              { start_line: 9, end_line: 10, contributor: { type: 'mixed', model_id: 'openai/gpt-5' } },
            ],
          },
          { contributor: { type: 'ai', model_id: 'google/gemini-2.5-pro' }, ranges: [{ start_line: 20, end_line: 20, contributor: { type: 'unknown' } }] },
          { ranges: [{ start_line: 30, end_line: 31 }] },
        ],
      }],
    });
    assert.deepEqual(traceAttributions(record), [
      { tool: 'codex', toolName: 'unknown', model: 'gpt-5', files: [{ path: 'a.ts', ranges: [[6, 10]] }] },
    ]);
  });

  it('maps model ids and tool names', () => {
    assert.equal(modelOfId('anthropic/claude-opus-4-5-20251101'), 'claude-opus-4-5-20251101');
    assert.equal(modelOfId('gpt-4o'), 'gpt-4o');
    assert.equal(modelOfId(''), undefined);
    assert.equal(modelOfId(undefined), undefined);
    assert.equal(traceTool('cursor', 'gpt-4o'), 'cursor');
    assert.equal(traceTool('claude-code', undefined), 'claude');
    assert.equal(traceTool('amp', 'claude-opus-4'), 'amp');
    assert.equal(traceTool('unknown', 'claude-opus-4'), 'claude');
    assert.equal(traceTool('some-new-agent', 'gemini-2.5-pro'), 'gemini');
    assert.equal(traceTool(undefined, undefined), 'unknown-ai');
  });

  it('reports bad lines with their line number and keeps the rest', () => {
    const good = JSON.stringify(SPEC_EXAMPLE);
    const text = [
      good,
      '',
      '{not json',
      JSON.stringify({ ...SPEC_EXAMPLE, version: '2.0.0' }),
      JSON.stringify({ ...SPEC_EXAMPLE, files: [{ path: 'a', conversations: [{ ranges: [{ start_line: 0, end_line: 1 }] }] }] }),
      JSON.stringify({ id: 'x' }),
      JSON.stringify({ ...SPEC_EXAMPLE, vcs: { type: 'svn', revision: '1234' } }),
    ].join('\n');
    const r = parseTraces(text);
    assert.deepEqual(r.records.map((x) => x.line), [1, 7]);
    assert.deepEqual(r.problems, [
      'line 3: not JSON',
      'line 4: version is invalid (unsupported version (reads 0.x and 1.x))',
      'line 5: files.0.conversations.0.ranges.0.start_line is invalid',
      'line 6: version is invalid',
    ]);
  });
});
