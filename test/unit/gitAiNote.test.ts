// git-ai authorship logs (Git AI Standard v3.0.0 + the v1.4.0 sessions/trace-id keys): fixtures
// written by hand after specs/git_ai_standard_v3.0.0.md and docs/migrations/sessions-v2-note-format.md.
import { strict as assert } from 'node:assert';
import { gitAiTool, parseGitAiNote, parseLineRanges, type GitAiAgent } from '../../src/core/evidence/gitAiNote';
import { mergeRanges } from '../../src/core/evidence/lineRanges';

const BASE = '7734793b756b3921c88db5375a8c156e9532447b';

function note(attestations: string, meta: Record<string, unknown>): string {
  return `${attestations}---\n${JSON.stringify({ schema_version: 'authorship/3.0.0', base_commit_sha: BASE, prompts: {}, ...meta }, null, 2)}`;
}

function agent(agents: GitAiAgent[], key: string): GitAiAgent {
  const found = agents.find((a) => a.key === key);
  assert.ok(found, `agent ${key}`);
  return found;
}

describe('git-ai authorship note', () => {
  it('reads the spec example (legacy prompt keys, range lists, two files)', () => {
    const text = note(
      'src/main.rs\n  abcd1234abcd1234 1-10,15-20\n  efab5678efab5678 25,30-35\nsrc/lib.rs\n  abcd1234abcd1234 1-50\n',
      {
        git_ai_version: '1.0.23',
        prompts: {
          abcd1234abcd1234: {
            agent_id: { tool: 'cursor', id: '6ef2299e-a67f-432b-aa80-3d2fb4d28999', model: 'claude-4.5-opus' },
            human_author: 'Developer <dev@example.com>', messages: [],
            total_additions: 25, total_deletions: 5, accepted_lines: 20, overriden_lines: 0,
          },
          efab5678efab5678: {
            agent_id: { tool: 'claude', id: 'a1b2c3d4', model: 'claude-3-sonnet' },
            messages: [], total_additions: 6, total_deletions: 0, accepted_lines: 6, overriden_lines: 0,
          },
        },
      },
    );
    const { note: parsed, problems } = parseGitAiNote(text);
    assert.deepEqual(problems, []);
    assert.ok(parsed);
    assert.equal(parsed.schemaVersion, 'authorship/3.0.0');
    assert.equal(parsed.baseCommitSha, BASE);
    assert.equal(parsed.gitAiVersion, '1.0.23');
    const a = agent(parsed.agents, 'abcd1234abcd1234');
    assert.deepEqual(
      { kind: a.kind, tool: a.tool, agentTool: a.agentTool, model: a.model, agentId: a.agentId },
      { kind: 'prompt', tool: 'cursor', agentTool: 'cursor', model: 'claude-4.5-opus', agentId: '6ef2299e-a67f-432b-aa80-3d2fb4d28999' },
    );
    assert.deepEqual(a.files, [
      { path: 'src/main.rs', ranges: [[1, 10], [15, 20]] },
      { path: 'src/lib.rs', ranges: [[1, 50]] },
    ]);
    const b = agent(parsed.agents, 'efab5678efab5678');
    assert.equal(b.tool, 'claude');
    assert.deepEqual(b.files, [{ path: 'src/main.rs', ranges: [[25, 25], [30, 35]] }]);
  });

  it('routes s_…::t_… keys to sessions, h_ keys to humans, bare hex to prompts (mixed note)', () => {
    const text = note(
      [
        'src/main.rs',
        '  s_c9883b05a2487d::t_9f8e7d6c5b4a32 1-10',
        '  s_c9883b05a2487d::t_a1b2c3d4e5f678 15-20',
        '  h_dca485b1adf836 11-14',
        '  d4a7828bfdafe456 21',
        '"docs/my file.md"',
        '  s_c9883b05a2487d::t_0000000000aaaa 3-4,5',
        '',
      ].join('\n'),
      {
        git_ai_version: '1.4.0',
        prompts: { d4a7828bfdafe456: { agent_id: { tool: 'github-copilot', id: 'x', model: 'unknown' } } },
        sessions: { s_c9883b05a2487d: { agent_id: { tool: 'claude', id: 'session_123', model: 'claude-opus-4-6' }, human_author: 'alice@example.com' } },
        humans: { h_dca485b1adf836: { author: 'Alice <alice@example.com>' } },
      },
    );
    const { note: parsed, problems } = parseGitAiNote(text);
    assert.deepEqual(problems, []);
    assert.ok(parsed);
    assert.equal(parsed.agents.length, 2, 'one session (two traces) and one prompt; the human is not an agent');
    const s = agent(parsed.agents, 's_c9883b05a2487d');
    assert.equal(s.kind, 'session');
    assert.equal(s.tool, 'claude');
    assert.equal(s.model, 'claude-opus-4-6');
    assert.equal(s.agentId, 'session_123');
    assert.deepEqual(s.files, [
      { path: 'src/main.rs', ranges: [[1, 10], [15, 20]] },
      { path: 'docs/my file.md', ranges: [[3, 5]] },
    ]);
    const p = agent(parsed.agents, 'd4a7828bfdafe456');
    assert.equal(p.tool, 'copilot');
    assert.equal(p.model, undefined, "git-ai's 'unknown' model is no model");
    assert.deepEqual(p.files, [{ path: 'src/main.rs', ranges: [[21, 21]] }]);
    assert.equal(parsed.humanLines, 4);
  });

  it('a note with only known-human lines has no AI agent', () => {
    const text = note('app.txt\n  h_dca485b1adf836 1-3\n', { humans: { h_dca485b1adf836: { author: 'A <a@x>' } } });
    const { note: parsed, problems } = parseGitAiNote(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(parsed?.agents, []);
    assert.equal(parsed?.humanLines, 3);
    const preset = parseGitAiNote(note('app.txt\n  0123456789abcdef 1-2\n', {
      prompts: { '0123456789abcdef': { agent_id: { tool: 'known_human', id: 'k', model: 'unknown' } } },
    }));
    assert.deepEqual(preset.note?.agents, [], 'a human preset under a prompt key is not AI');
    assert.equal(preset.note?.humanLines, 2);
  });

  it('keeps metadata agents whose lines did not survive, and keys missing from metadata as unknown-ai', () => {
    const text = note('a.ts\n  0123456789abcdef 7\n', {
      prompts: { fedcba9876543210: { agent_id: { tool: 'codex', id: 'c1', model: 'gpt-5-codex' }, accepted_lines: 0, overriden_lines: 4 } },
    });
    const { note: parsed, problems } = parseGitAiNote(text);
    assert.deepEqual(problems, []);
    assert.ok(parsed);
    assert.deepEqual(agent(parsed.agents, 'fedcba9876543210').files, []);
    assert.equal(agent(parsed.agents, 'fedcba9876543210').tool, 'codex');
    const foreign = agent(parsed.agents, '0123456789abcdef');
    assert.equal(foreign.tool, 'unknown-ai');
    assert.equal(foreign.agentTool, undefined);
  });

  it('maps git-ai preset and agent names to tool ids', () => {
    const cases: [string, string][] = [
      ['claude', 'claude'], ['cursor', 'cursor'], ['cursor-agent', 'cursor'], ['github-copilot', 'copilot'],
      ['github-copilot-agent', 'copilot'], ['codex', 'codex'], ['codex-cloud', 'codex'], ['claude-web', 'claude'],
      ['gemini', 'gemini'], ['windsurf', 'windsurf'], ['continue-cli', 'continue'], ['amp', 'amp'],
      ['opencode', 'opencode'], ['cline', 'cline'], ['junie', 'junie'], ['devin', 'devin'], ['droid', 'unknown-ai'],
      ['rovodev', 'unknown-ai'], ['pi', 'unknown-ai'], ['firebender', 'unknown-ai'], ['mock_ai', 'unknown-ai'],
      ['Claude-Code', 'claude'], ['', 'unknown-ai'],
    ];
    for (const [name, tool] of cases) assert.equal(gitAiTool(name), tool, name);
  });

  it('parses and merges line range lists', () => {
    assert.deepEqual(parseLineRanges('1-4,9-10,12,14,16'), [[1, 4], [9, 10], [12, 12], [14, 14], [16, 16]]);
    assert.deepEqual(parseLineRanges('19-222'), [[19, 222]]);
    assert.equal(parseLineRanges('1, 2'), undefined);
    assert.equal(parseLineRanges('0-3'), undefined);
    assert.equal(parseLineRanges('a-b'), undefined);
    assert.equal(parseLineRanges(''), undefined);
    assert.deepEqual(mergeRanges([[9, 10], [1, 4], [5, 5], [3, 6], [12, 12]]), [[1, 6], [9, 10], [12, 12]]);
  });

  it('reports unknown schema versions without reading the note', () => {
    const text = 'a.ts\n  0123456789abcdef 1\n---\n{"schema_version":"authorship/4.0.0","base_commit_sha":"x","prompts":{}}';
    const r = parseGitAiNote(text);
    assert.equal(r.note, undefined);
    assert.match(r.problems[0] ?? '', /unsupported schema_version "authorship\/4\.0\.0"/);
    assert.match(parseGitAiNote(text.replace('authorship/4.0.0', 'authorship/3.1.2')).problems.join(), /^$/);
  });

  it('reports malformed notes as problems, never throws', () => {
    assert.match(parseGitAiNote('just some text\n').problems[0] ?? '', /divider/);
    assert.match(parseGitAiNote('a.ts\n  0123456789abcdef 1\n---\n{not json').problems[0] ?? '', /not JSON/);
    assert.match(parseGitAiNote('---\n{"prompts":{}}').problems[0] ?? '', /schema_version is invalid/);
    assert.match(parseGitAiNote('---\n[1,2]').problems[0] ?? '', /invalid/);
    const bad = parseGitAiNote(note('  0123456789abcdef 1-2\na.ts\n  0123456789abcdef x-y\n  0123456789abcdef 3\n  lonely\n', {}));
    assert.deepEqual(bad.problems, [
      'line 1: attestation entry before any file path',
      'line 3: not an attestation entry',
      'line 5: not an attestation entry',
    ]);
    assert.deepEqual(bad.note?.agents.map((a) => a.files), [[{ path: 'a.ts', ranges: [[3, 3]] }]]);
  });

  it('reads a metadata-only note (no divider) as having no attested lines', () => {
    const r = parseGitAiNote('{"schema_version":"authorship/3.0.0","base_commit_sha":"x","prompts":{}}');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.note?.agents, []);
  });
});
