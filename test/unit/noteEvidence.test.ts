// Recorded attribution → Evidence: kind 'note', confidence high, one signature per source,
// a detail naming the source and files, and line ranges as (capped) locations.
import { strict as assert } from 'node:assert';
import { parseNote } from '../../src/core/evidence/evidenceSchema';
import { parseGitAiNote } from '../../src/core/evidence/gitAiNote';
import { parseTraces, type TraceRecord } from '../../src/core/evidence/agentTrace';
import {
  MAX_LOCATIONS, evidenceFromGitAiNote, evidenceFromProvenanceRecords, evidenceFromTraceRecord, noteDetail,
} from '../../src/core/evidence/noteEvidence';

describe('note evidence', () => {
  it('turns ai-provenance records into note evidence', () => {
    const { records, problems } = parseNote([
      JSON.stringify({ v: 1, tool: 'claude', model: 'claude-opus-4-6', session: 'abc', files: [{ path: 'src/a.ts', ranges: [[10, 20]] }] }),
      JSON.stringify({ v: 1, tool: 'copilot', files: [{ path: 'README.md' }, { path: 'src/b.ts', ranges: [[3, 3], [7, 9]] }] }),
      JSON.stringify({ v: 1, tool: 'claude', model: 'claude-opus-4-6', session: 'abc', files: [{ path: 'src/a.ts', ranges: [[10, 20]] }] }),
    ].join('\n'));
    assert.deepEqual(problems, []);
    assert.deepEqual(evidenceFromProvenanceRecords(records), [
      {
        kind: 'note', tool: 'claude', model: 'claude-opus-4-6', confidence: 'high',
        detail: 'refs/notes/ai-provenance: claude claude-opus-4-6 src/a.ts:10-20', signature: 'note.ai-provenance',
        session: 'abc', locations: [{ file: 'src/a.ts', line: 10, endLine: 20 }],
      },
      {
        kind: 'note', tool: 'copilot', confidence: 'high',
        detail: 'refs/notes/ai-provenance: copilot README.md src/b.ts:3,7-9', signature: 'note.ai-provenance',
        locations: [{ file: 'README.md' }, { file: 'src/b.ts', line: 3 }, { file: 'src/b.ts', line: 7, endLine: 9 }],
      },
    ], 'the repeated record (concatenated note) is dropped');
  });

  it('turns git-ai sessions and prompts into note evidence; humans give none', () => {
    const text = [
      'src/main.rs',
      '  s_c9883b05a2487d::t_9f8e7d6c5b4a32 1-10',
      '  h_dca485b1adf836 11-14',
      '"docs/my file.md"',
      '  d4a7828bfdafe456 2,4-5',
      '---',
      JSON.stringify({
        schema_version: 'authorship/3.0.0', base_commit_sha: 'x',
        prompts: { d4a7828bfdafe456: { agent_id: { tool: 'github-copilot', id: 'chat-1', model: 'gpt-4.1' } } },
        sessions: { s_c9883b05a2487d: { agent_id: { tool: 'claude', id: 'session_123', model: 'claude-opus-4-6' } } },
        humans: { h_dca485b1adf836: { author: 'Alice <alice@example.com>' } },
      }),
    ].join('\n');
    const { note } = parseGitAiNote(text);
    assert.ok(note);
    assert.deepEqual(evidenceFromGitAiNote(note), [
      {
        kind: 'note', tool: 'claude', model: 'claude-opus-4-6', confidence: 'high',
        detail: 'refs/notes/ai: claude claude-opus-4-6 src/main.rs:1-10', signature: 'note.git-ai',
        session: 'session_123', locations: [{ file: 'src/main.rs', line: 1, endLine: 10 }],
      },
      {
        kind: 'note', tool: 'copilot', model: 'gpt-4.1', confidence: 'high',
        detail: 'refs/notes/ai: github-copilot gpt-4.1 "docs/my file.md":2,4-5', signature: 'note.git-ai',
        session: 'chat-1', locations: [{ file: 'docs/my file.md', line: 2 }, { file: 'docs/my file.md', line: 4, endLine: 5 }],
      },
    ]);
  });

  it('a git-ai agent with no attested lines wrote none of the commit: no evidence (cdxgen noteAttributesAi)', () => {
    const { note } = parseGitAiNote(`---\n${JSON.stringify({
      schema_version: 'authorship/3.0.0', base_commit_sha: 'x',
      prompts: { fedcba9876543210: { agent_id: { tool: 'droid', id: 'd1', model: 'unknown' } } },
    })}`);
    assert.ok(note);
    assert.deepEqual(evidenceFromGitAiNote(note), []);
  });

  it('turns Agent Trace AI ranges into note evidence', () => {
    const { records } = parseTraces(JSON.stringify({
      version: '0.1.0', id: '550e8400-e29b-41d4-a716-446655440000', timestamp: '2026-01-23T14:30:00Z',
      vcs: { type: 'git', revision: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0' }, tool: { name: 'cursor', version: '2.4.0' },
      files: [
        { path: 'src/utils.ts', conversations: [
          { url: 'https://api.example.com/v1/conversations/abc', contributor: { type: 'ai', model_id: 'anthropic/claude-sonnet-4-20250514' },
            ranges: [{ start_line: 10, end_line: 25 }, { start_line: 30, end_line: 45 }] },
          { contributor: { type: 'human' }, ranges: [{ start_line: 50, end_line: 52 }] },
        ] },
      ],
    }));
    assert.deepEqual(evidenceFromTraceRecord((records[0] as { record: TraceRecord }).record), [{
      kind: 'note', tool: 'cursor', model: 'claude-sonnet-4-20250514', confidence: 'high',
      detail: '.agent-trace/traces.jsonl: cursor claude-sonnet-4-20250514 src/utils.ts:10-25,30-45', signature: 'note.agent-trace',
      session: 'https://api.example.com/v1/conversations/abc',
      locations: [{ file: 'src/utils.ts', line: 10, endLine: 25 }, { file: 'src/utils.ts', line: 30, endLine: 45 }],
    }]);
  });

  it('caps locations and keeps the detail short', () => {
    const files = Array.from({ length: 30 }, (_, i) => ({ path: `f${i}.ts`, ranges: [[1, 2], [5, 5], [9, 12]] as [number, number][] }));
    const [e] = evidenceFromProvenanceRecords([{ v: 1, tool: 'aider', files }]);
    assert.ok(e);
    assert.equal(e.locations?.length, MAX_LOCATIONS);
    assert.equal(e.detail, 'refs/notes/ai-provenance: aider f0.ts:1-2,5,9-12 f1.ts:1-2,5,9-12 f2.ts:1-2,5,9-12 f3.ts:1-2,5,9-12 f4.ts:1-2,5,9-12 (+25 more files)');
    const many = Array.from({ length: 12 }, (_, i) => [i * 3 + 1, i * 3 + 1] as [number, number]);
    assert.equal(noteDetail('src', { tool: 'claude', name: 'claude', files: [{ path: 'a', ranges: many }] }), 'src: claude a:1,4,7,10,13,16,19,22,…');
  });
});
