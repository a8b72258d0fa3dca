// What backs an attribution for the committed changes: the staged diff parser (raw + -U0 patch),
// working-log evidence by line digests, ranges or file, marker records, and the removal records
// of provenance notes.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { markerRecords, selectBacked, type BackingSources } from '../../src/core/capture/backing';
import { parseStagedDiff, type StagedFile } from '../../src/core/capture/stagedDiff';
import { parseNote, noteText, type RemovalRecord, type WorklogEntry } from '../../src/core/evidence/evidenceSchema';
import { digestInput } from '../../src/core/evidence/lineDigest';
import { removedFromRecords } from '../../src/core/evidence/noteEvidence';
import { classifyCommit, withRemovals } from '../../src/core/detect/classify';
import { scanPatch } from '../../src/core/detect/diffMarkers';
import { auditJson } from '../../src/core/history/auditJson';
import { lineDigest } from '../../src/app/hooks/lineDigest';

const MARKER = ['//', 'Generated', 'by', 'GitHub', 'Copilot'].join(' ');

/** `git diff --cached -U0 --raw -p -z` output for the given files (as git prints it). */
const RAW = ':100644 100644 1111111 2222222 M\0src/a.ts\0:000000 100644 0000000 3333333 A\0src/new.ts\0'
  + ':100644 000000 4444444 0000000 D\0gone.txt\0:100644 100644 5555555 6666666 M\0img.png\0\0';
const PATCH = [
  'diff --git a/src/a.ts b/src/a.ts', 'index 1111111..2222222 100644', '--- a/src/a.ts', '+++ b/src/a.ts',
  '@@ -2 +2,2 @@', '-old', '+const answer = compute(42);', `+${MARKER}`, '@@ -9,0 +11 @@', '+  return answer + 1;',
  'diff --git a/src/new.ts b/src/new.ts', 'new file mode 100644', 'index 0000000..3333333', '--- /dev/null', '+++ b/src/new.ts',
  '@@ -0,0 +1,2 @@', '+export const x = 1;', '+}',
  'diff --git a/gone.txt b/gone.txt', 'deleted file mode 100644', 'index 4444444..0000000', '--- a/gone.txt', '+++ /dev/null',
  '@@ -1 +0,0 @@', '-bye',
  'diff --git a/img.png b/img.png', 'index 5555555..6666666 100644', 'Binary files a/img.png and b/img.png differ', '',
].join('\n');

function sources(files: readonly StagedFile[], worktree: Record<string, string[]> = {}): BackingSources {
  const byPath = new Map(files.map((f) => [f.path, f]));
  return {
    addedDigest: (p, n) => { const t = byPath.get(p)?.added?.get(n); return t === undefined ? undefined : lineDigest(t); },
    worktreeDigests: (p) => (worktree[p] ? new Set(worktree[p]!.map((l) => lineDigest(l)).filter((d): d is string => !!d)) : undefined),
  };
}

const entry = (files: WorklogEntry['files'], tool: WorklogEntry['tool'] = 'claude'): WorklogEntry =>
  ({ v: 1, time: '2026-01-02T10:00:00.000+00:00', tool, source: 'test', files });
const d = (line: string): string => lineDigest(line) as string;

describe('staged diff', () => {
  it('lists every changed path from the raw part and the added lines in new-file numbering', () => {
    const diff = parseStagedDiff(RAW + PATCH);
    assert.deepEqual(diff.files.map((f) => [f.path, f.added ? [...f.added] : 'unknown', f.deleted ?? false]), [
      ['src/a.ts', [[2, 'const answer = compute(42);'], [3, MARKER], [11, '  return answer + 1;']], false],
      ['src/new.ts', [[1, 'export const x = 1;'], [2, '}']], false],
      ['gone.txt', [], true],
      ['img.png', 'unknown', false],
    ]);
    assert.ok(diff.patch.startsWith('diff --git a/src/a.ts'));
    assert.deepEqual(scanPatch(diff.patch).map((e) => [e.tool, e.locations]), [['copilot', [{ file: 'src/a.ts', line: 3 }]]]);
  });

  it('reads quoted paths (C-style, one char per byte) and CRLF lines', () => {
    const name = 'n\u00c3\u00a9.txt'; // né.txt in UTF-8 bytes
    const diff = parseStagedDiff(`:000000 100644 0000000 1111111 A\0${name}\0\0diff --git "a/n\\303\\251.txt" "b/n\\303\\251.txt"\n`
      + 'new file mode 100644\n--- /dev/null\n+++ "b/n\\303\\251.txt"\n@@ -0,0 +1 @@\n+hello\r\n');
    assert.deepEqual(diff.files.map((f) => [f.path, [...(f.added ?? [])]]), [['né.txt', [[1, 'hello']]]]);
  });

  it('past the byte cap, the cut file and every later one have unknown added lines', () => {
    const cut = RAW + PATCH.slice(0, PATCH.indexOf('+}') - 3);
    const diff = parseStagedDiff(cut, true);
    assert.deepEqual(diff.files.map((f) => [f.path, f.added ? f.added.size : 'unknown']),
      [['src/a.ts', 3], ['src/new.ts', 'unknown'], ['gone.txt', 'unknown'], ['img.png', 'unknown']]);
  });
});

describe('backing for the committed changes', () => {
  const files = parseStagedDiff(RAW + PATCH).files;

  it('digests: backs when an added line carries one, with the committed ranges in the note', () => {
    const s = selectBacked([{ name: 'e1', entry: entry([{ path: 'src/a.ts', ranges: [[1, 3]], digests: [d('const answer = compute(42);')] }]) }],
      files, sources(files));
    assert.deepEqual(s.note.map((r) => r.files), [[{ path: 'src/a.ts', ranges: [[2, 2]] }]]);
    assert.deepEqual(s.recorded, [{ tool: 'claude', models: [], files: ['src/a.ts'], origin: 'recorded' }]);
    assert.deepEqual(s.consumed, ['e1']);
    assert.ok(!JSON.stringify(s.note).includes('digests'), 'notes record ranges, never digests');
  });

  it('the kind of edit and how the tool was told travel to the note (VS Code: an inline suggestion vs a chat edit)', () => {
    const ref = { path: 'src/a.ts', digests: [d('const answer = compute(42);')] };
    const s = selectBacked([
      { name: 'e1', entry: { ...entry([ref], 'unknown-ai'), source: 'vscode', kind: 'inline-suggestion', detail: 'candidates: tabnine' } },
      { name: 'e2', entry: { ...entry([ref], 'unknown-ai'), source: 'vscode', kind: 'chat-edit' } },
    ], files, sources(files));
    assert.deepEqual(s.note.map((r) => [r.kind, r.detail]), [['inline-suggestion', 'candidates: tabnine'], ['chat-edit', undefined]]);
  });

  it('digests: AI text a human overwrote backs nothing (and is not kept once gone from the work tree)', () => {
    const s = selectBacked([{ name: 'e1', entry: entry([{ path: 'src/a.ts', digests: [d('const answer = ai(1);')] }]) }],
      files, sources(files, { 'src/a.ts': ['const answer = compute(42);'] }));
    assert.deepEqual([s.note, s.recorded, s.consumed, s.remaining], [[], [], ['e1'], []]);
  });

  it('digests: AI lines not staged yet stay recorded for a later commit (partial staging)', () => {
    const later = 'const later = ai(2);';
    const s = selectBacked([{ name: 'e1', entry: entry([{ path: 'src/a.ts', digests: [d('const answer = compute(42);'), d(later)] }]) }],
      files, sources(files, { 'src/a.ts': ['const answer = compute(42);', later] }));
    assert.deepEqual(s.note[0]?.files, [{ path: 'src/a.ts', ranges: [[2, 2]] }]);
    assert.deepEqual(s.remaining.map((e) => e.files), [[{ path: 'src/a.ts', digests: [d(later)] }]]);
  });

  it('ranges: back when they meet the added lines; file-level backs any change, deletion included', () => {
    const s = selectBacked([
      { name: 'e1', entry: entry([{ path: 'src/a.ts', ranges: [[10, 12]] }]) },
      { name: 'e2', entry: entry([{ path: 'src/a.ts', ranges: [[20, 30]] }], 'cursor') },
      { name: 'e3', entry: entry([{ path: 'gone.txt' }], 'aider') },
    ], files, sources(files));
    assert.deepEqual(s.recorded.map((r) => r.tool), ['claude', 'aider']);
    assert.deepEqual(s.note.map((r) => [r.tool, r.files]), [['claude', [{ path: 'src/a.ts', ranges: [[10, 12]] }]], ['aider', [{ path: 'gone.txt' }]]]);
  });

  it('evidence for a file the commit does not change backs nothing and stays; a split entry keeps the rest', () => {
    const s = selectBacked([
      { name: 'e1', entry: entry([{ path: 'other.ts' }]) },
      { name: 'e2', entry: entry([{ path: 'src/new.ts' }, { path: 'later.ts' }], 'codex') },
    ], files, sources(files));
    assert.deepEqual(s.consumed, ['e2']);
    assert.deepEqual(s.recorded.map((r) => r.tool), ['codex']);
    assert.deepEqual(s.remaining.map((e) => e.files), [[{ path: 'later.ts' }]]);
  });

  it('unknown added lines (binary, past the cap) fall back to file level', () => {
    const s = selectBacked([{ name: 'e1', entry: entry([{ path: 'img.png', digests: [d('whatever it was')] }]) }], files, sources(files));
    assert.deepEqual(s.note[0]?.files, [{ path: 'img.png' }]);
  });

  it('lines too short to prove anything have no digest', () => {
    assert.equal(digestInput('  }  '), undefined);
    assert.equal(digestInput('});\r'), '});');
    assert.equal(lineDigest('x = 1 \t\r'), createHash('sha256').update('x = 1').digest('hex').slice(0, 16));
  });

  it('markers become note records with file and line, source diff-marker', () => {
    const diff = parseStagedDiff(RAW + PATCH);
    assert.deepEqual(markerRecords(scanPatch(diff.patch)), [{ v: 1, tool: 'copilot', source: 'diff-marker', files: [{ path: 'src/a.ts', ranges: [[3, 3]] }] }]);
  });
});

describe('removal records in provenance notes', () => {
  const removal: RemovalRecord = {
    v: 1, type: 'removal', action: 'removed', line: 'Co-authored-by: Copilot <copilot@github.com>',
    reason: 'VS Code added it, but no AI edit was recorded or marked in the committed lines', mode: 'evidence', tool: 'copilot',
    class: 'editor-added', policy: `sha256:${'a'.repeat(64)}`, time: '2026-01-02T10:00:00.000+00:00',
  };

  it('are read beside evidence records; old evidence lines stay valid; bad lines are problems', () => {
    const text = noteText([{ v: 1, tool: 'claude', files: [{ path: 'a.ts', ranges: [[1, 2]] }] }, removal, removal])
      + '{"v":1,"type":"removal","action":"erased"}\n';
    const parsed = parseNote(text);
    assert.equal(parsed.records.length, 1);
    assert.equal(parsed.removals.length, 2);
    assert.deepEqual(parsed.problems, ['line 4: action is invalid']);
    assert.equal(removedFromRecords(parsed.removals).length, 1, 'exact repeats (notes concatenated on amend) count once');
  });

  it('a commit whose only attribution was removed is none, with the removal in its audit (and its JSON)', () => {
    const audit = classifyCommit({ sha: 'a'.repeat(40), parents: [], author: { name: 'A', email: 'a@example.com' },
      committer: { name: 'A', email: 'a@example.com' }, authorDate: '2026-01-02T10:00:00+00:00', committerDate: '2026-01-02T10:00:00+00:00',
      committerTime: 0, message: 'Fix\n' });
    const withR = withRemovals(audit, removedFromRecords([removal]));
    assert.equal(withR.verdict, 'none');
    assert.equal(withR.removed?.[0]?.class, 'editor-added');
    assert.equal(auditJson(withR), JSON.stringify(withR));
  });
});
