// Recorded evidence read from a real repository: refs/notes/ai-provenance (JSON Lines),
// refs/notes/ai (git-ai authorship logs) and .agent-trace/traces.jsonl, in a bounded number of
// git calls; malformed input becomes problems, never exceptions.
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadNoteEvidence } from '../../src/app/audit/provenanceNotes';
import { Git } from '../../src/git/exec';
import { listNotes, readBlobs } from '../../src/git/notes';
import { openRepository } from '../../src/git/repo';
import { cleanupTempDirs, commit, git, initRepo, tempDir } from '../helpers/repo';

async function load(dir: string): Promise<{ result: Awaited<ReturnType<typeof loadNoteEvidence>>; calls: string[] }> {
  const { info } = await openRepository(dir);
  const calls: string[] = [];
  const counted = new Git(info.root, (line) => calls.push(line));
  const result = await loadNoteEvidence(counted, info);
  return { result, calls };
}

const GIT_AI_NOTE = (sha: string): string => [
  '"src/my file.ts"',
  '  s_c9883b05a2487d::t_9f8e7d6c5b4a32 1-2',
  '  h_dca485b1adf836 3',
  'src/b.ts',
  '  d4a7828bfdafe456 1',
  '---',
  JSON.stringify({
    schema_version: 'authorship/3.0.0', git_ai_version: '1.4.0', base_commit_sha: sha,
    prompts: { d4a7828bfdafe456: { agent_id: { tool: 'cursor', id: 'c-1', model: 'gpt-4.1' }, total_additions: 1, total_deletions: 0, accepted_lines: 1, overriden_lines: 0 } },
    sessions: { s_c9883b05a2487d: { agent_id: { tool: 'claude', id: 'session_123', model: 'claude-opus-4-6' } } },
    humans: { h_dca485b1adf836: { author: 'Test Author <author@example.com>' } },
  }, null, 2),
  '',
].join('\n');

function trace(revision: string | undefined, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    version: '1.0', id: '7d8f3c1e-2b4a-4c6d-8e9f-0a1b2c3d4e5f', timestamp: '2026-02-01T09:00:00.000Z',
    ...(revision ? { vcs: { type: 'git', revision } } : {}),
    tool: { name: 'claude-code' },
    files: [{ path: 'src/c.ts', conversations: [{ contributor: { type: 'ai', model_id: 'anthropic/claude-sonnet-4-20250514' }, ranges: [{ start_line: 1, end_line: 4 }] }] }],
    ...extra,
  });
}

describe('notes read', function () {
  this.timeout(60000);
  after(cleanupTempDirs);

  it('reads both notes refs and traces.jsonl into evidence by commit, reporting malformed input', async () => {
    const dir = initRepo();
    const a = commit(dir, { message: 'a\n', files: { 'src/my file.ts': '1\n2\n3\n', 'src/b.ts': 'b\n' } });
    const b = commit(dir, { message: 'b\n', files: { 'src/a.ts': 'a\n' } });
    const c = commit(dir, { message: 'c\n', files: { 'src/c.ts': '1\n2\n3\n4\n' } });
    const d = commit(dir, { message: 'd\n', files: { 'src/d.ts': 'd\n' } });

    const record = { v: 1, tool: 'claude', model: 'claude-opus-4-6', files: [{ path: 'src/a.ts', ranges: [[1, 1]] }] };
    git(dir, ['notes', '--ref=ai-provenance', 'add', '-m', JSON.stringify(record), a]);
    git(dir, ['notes', '--ref=ai-provenance', 'add', '-m', `${JSON.stringify(record)}\n{oops`, b]);
    const noteFile = path.join(tempDir(), 'note.txt');
    writeFileSync(noteFile, GIT_AI_NOTE(a));
    git(dir, ['notes', '--ref=ai', 'add', '-F', noteFile, a]);
    writeFileSync(noteFile, GIT_AI_NOTE(c).replace('authorship/3.0.0', 'authorship/4.0.0'));
    git(dir, ['notes', '--ref=ai', 'add', '-F', noteFile, c]);

    mkdirSync(path.join(dir, '.agent-trace'));
    writeFileSync(path.join(dir, '.agent-trace/traces.jsonl'), [
      trace(d),
      trace(c.slice(0, 10).toUpperCase()),
      '{not json',
      trace('not-a-sha'),
      trace(undefined),
      trace('kkmpptxz', { vcs: { type: 'jj', revision: 'kkmpptxz' } }),
      trace('fffffff'),
      trace(undefined, { files: [{ path: 'x', conversations: [{ contributor: { type: 'human' }, ranges: [{ start_line: 1, end_line: 1 }] }] }] }),
      '',
    ].join('\n'));

    const { result, calls } = await load(dir);
    assert.deepEqual(calls.map((l) => l.replace(/ \[\d+ms\].*$/, '')).sort(), [
      '> git cat-file --batch',
      '> git cat-file --batch-check',
      '> git for-each-ref --format=%(refname) refs/notes/ai-provenance refs/notes/ai refs/notes/ai-attribution refs/notes/whogitit refs/notes/agentblame refs/notes/agent-trace',
      '> git notes --ref=refs/notes/ai list',
      '> git notes --ref=refs/notes/ai-provenance list',
    ]);

    const atA = result.bySha.get(a) ?? [];
    assert.deepEqual(atA.map((e) => [e.signature, e.tool, e.model, e.detail]), [
      ['note.ai-provenance', 'claude', 'claude-opus-4-6', 'refs/notes/ai-provenance: claude claude-opus-4-6 src/a.ts:1'],
      ['note.git-ai', 'claude', 'claude-opus-4-6', 'refs/notes/ai: claude claude-opus-4-6 "src/my file.ts":1-2'],
      ['note.git-ai', 'cursor', 'gpt-4.1', 'refs/notes/ai: cursor gpt-4.1 src/b.ts:1'],
    ]);
    assert.deepEqual(atA[1]?.locations, [{ file: 'src/my file.ts', line: 1, endLine: 2 }]);
    assert.equal(atA[1]?.session, 'session_123');
    assert.deepEqual(result.bySha.get(b)?.map((e) => e.signature), ['note.ai-provenance']);
    for (const sha of [c, d]) {
      assert.deepEqual(result.bySha.get(sha)?.map((e) => [e.signature, e.tool, e.model, e.detail]), [
        ['note.agent-trace', 'claude', 'claude-sonnet-4-20250514', '.agent-trace/traces.jsonl: claude-code claude-sonnet-4-20250514 src/c.ts:1-4'],
      ], sha);
    }
    assert.equal(result.bySha.size, 4);
    assert.deepEqual(result.problems, [
      `refs/notes/ai-provenance: note on ${b.slice(0, 7)} line 2: not JSON`,
      `refs/notes/ai: note on ${c.slice(0, 7)}: unsupported schema_version "authorship/4.0.0" (reads authorship/3.x)`,
      '.agent-trace/traces.jsonl line 3: not JSON',
      '.agent-trace/traces.jsonl line 4: vcs.revision "not-a-sha" is not a commit id',
      '.agent-trace/traces.jsonl line 5: no vcs.revision: not attributed to a commit',
      '.agent-trace/traces.jsonl line 6: vcs.type jj is not git: not attributed to a commit',
      '.agent-trace/traces.jsonl line 7: vcs.revision fffffff names no single commit',
    ]);
  });

  it('costs exactly one git call in a repository without notes', async () => {
    const dir = initRepo();
    commit(dir, { message: 'only\n' });
    const { result, calls } = await load(dir);
    assert.equal(calls.length, 1, calls.join('\n'));
    assert.match(calls[0] ?? '', /^> git for-each-ref /);
    assert.equal(result.bySha.size, 0);
    assert.deepEqual(result.problems, []);
  });

  it('lists notes and reads blobs in bulk; a missing ref or blob is not an error', async () => {
    const dir = initRepo();
    const shas = [1, 2, 3].map((i) => commit(dir, { message: `c${i}\n` }));
    for (const sha of shas) git(dir, ['notes', '--ref=ai-provenance', 'add', '-m', `note for ${sha}`, sha]);
    const repoGit = new Git(dir);
    assert.equal((await listNotes(repoGit, 'refs/notes/nothing-here')).size, 0);
    const notes = await listNotes(repoGit, 'refs/notes/ai-provenance');
    assert.deepEqual([...notes.keys()].sort(), [...shas].sort());
    const missing = 'f'.repeat(40);
    const blobs = await readBlobs(repoGit, [...notes.values(), missing]);
    assert.equal(blobs.size, 3);
    assert.equal(blobs.has(missing), false);
    for (const [sha, blob] of notes) assert.equal(blobs.get(blob)?.toString('utf8'), `note for ${sha}\n`);
  });

  it('with `only`, reads and reports the notes of those commits alone', async () => {
    const dir = initRepo();
    const [a, b] = [1, 2].map((i) => commit(dir, { message: `c${i}\n` }));
    git(dir, ['notes', '--ref=ai-provenance', 'add', '-m', JSON.stringify({ v: 1, tool: 'claude', files: [{ path: 'x' }] }), a as string]);
    git(dir, ['notes', '--ref=ai-provenance', 'add', '-m', 'not json', b as string]);
    const { git: repoGit, info } = await openRepository(dir);
    const all = await loadNoteEvidence(repoGit, info);
    assert.deepEqual([...all.bySha.keys()], [a]);
    assert.equal(all.problems.length, 1, 'the whole read reports the broken note');
    const one = await loadNoteEvidence(repoGit, info, new Set([a as string]));
    assert.deepEqual([...one.bySha.keys()], [a]);
    assert.deepEqual(one.problems, [], "the other commit's note is not read");
    const none = await loadNoteEvidence(repoGit, info, new Set([b as string]));
    assert.equal(none.bySha.size, 0);
    assert.equal(none.problems.length, 1);
  });
});
