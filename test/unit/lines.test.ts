// Line-level provenance, pure parts: git blame's two machine formats, recorded ranges (first record
// wins, split of a blame group), file kinds, classification and the figures' formats.
import { strict as assert } from 'node:assert';
import { BlameParser, blameArgs, unquotePath } from '../../src/git/blameReader';
import { quotePath, renderBlame, type BlameView } from '../../src/core/report/blameFormat';
import { blobFacts, fileKind } from '../../src/core/lines/fileKind';
import { aiShare, commitLineClass, emptyCounts, type CommitFacts } from '../../src/core/lines/lineClass';
import { renderLines } from '../../src/core/report/linesFormat';
import { LinesAccumulator, classifyGroups, linesDocument } from '../../src/core/lines/linesReport';
import { RecordedIndex, rangesFromGitAiNote, rangesFromProvenanceRecords, type RecordedBy } from '../../src/core/lines/recordedIndex';
import { parseGitAiNote } from '../../src/core/evidence/gitAiNote';
import { codeListing } from '../../src/core/lines/codeTree';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const claude: RecordedBy = { tool: 'claude', source: 'note.ai-provenance' };
const cursor: RecordedBy = { tool: 'cursor', source: 'note.git-ai' };

const INCREMENTAL = [
  `${A} 5 5 2`, 'author A', 'author-mail <a@x>', 'author-time 1700000000', 'author-tz +0000', 'committer A', 'committer-mail <a@x>',
  'committer-time 1700000000', 'committer-tz +0000', 'summary two words', `previous ${B} "old\\tname.ts"`, 'filename "tab\\t\\303\\251.ts"',
  `${B} 1 1 4`, 'author B', 'summary root', 'boundary', 'filename old\tname.ts',
  `${A} 9 7 1`, `previous ${B} "old\\tname.ts"`, 'filename "tab\\t\\303\\251.ts"', '',
].join('\n');

const PORCELAIN = [
  `${A} 1 1 2`, 'author A', 'summary s', 'filename f.ts', '\tfirst', `${A} 2 2`, '\tsecond',
  `${B} 7 3 1`, 'author B', 'summary t', 'filename g.ts', '\t\u00e9t\u00e9', `${A} 3 4 1`, '\tfourth', '',
].join('\n');

describe('git blame reader', () => {
  it('reads --incremental groups, commit details and C-quoted names, in any chunking', () => {
    const whole = new BlameParser(false);
    const groups = [...whole.push(Buffer.from(INCREMENTAL)), ...whole.end()];
    assert.deepEqual(groups.map((g) => [g.sha[0], g.origLine, g.finalLine, g.count, g.origPath]),
      [['a', 5, 5, 2, 'tab\té.ts'], ['b', 1, 1, 4, 'old\tname.ts'], ['a', 9, 7, 1, 'tab\té.ts']]);
    assert.equal(whole.commits.get(A)?.summary, 'two words');
    assert.equal(whole.commits.get(A)?.authorMail, 'a@x');
    assert.deepEqual(whole.commits.get(A)?.previous, { sha: B, path: 'old\tname.ts' });
    assert.equal(whole.commits.get(B)?.boundary, true);
    const bytes = Buffer.from(INCREMENTAL);
    for (const size of [1, 3, 17]) {
      const p = new BlameParser(false);
      const got = [];
      for (let i = 0; i < bytes.length; i += size) got.push(...p.push(bytes.subarray(i, i + size)));
      got.push(...p.end());
      assert.deepEqual(got, groups);
    }
  });

  it('reads --porcelain: one group per line with its content; the filename comes from the commit\'s first line', () => {
    const p = new BlameParser(true);
    const groups = [...p.push(Buffer.from(PORCELAIN)), ...p.end()];
    assert.deepEqual(groups.map((g) => [g.finalLine, g.origLine, g.origPath, g.contents?.[0]]),
      [[1, 1, 'f.ts', 'first'], [2, 2, 'f.ts', 'second'], [3, 7, 'g.ts', 'été'], [4, 3, 'f.ts', 'fourth']]);
    const latin = new BlameParser(true);
    const out = [...latin.push(Buffer.concat([Buffer.from(`${A} 1 1 1\nfilename x\n\t`), Buffer.from([0xe9, 0x0a])])), ...latin.end()];
    assert.equal(out[0]?.contents?.[0], 'é');
    assert.equal(out[0]?.latin1, true);
  });

  it('refuses output out of frame or cut inside a record', () => {
    assert.throws(() => new BlameParser(false).push(Buffer.from('author x\n')), /out of frame/);
    const p = new BlameParser(false);
    p.push(Buffer.from(`${A} 1 1 1\nauthor x\n`));
    assert.throws(() => p.end(), /ended inside a record/);
    assert.throws(() => new BlameParser(false).push(Buffer.from(`${A} 1 1 1\n${B} 1 1 1\nfilename y\n`)).length, /inside another/);
  });

  it('pins what would change the blamed commit and refuses revisions that look like options', () => {
    assert.deepEqual(blameArgs({ rev: 'HEAD', path: 'a b.ts', detectMoves: true, range: [2, 9] }),
      ['blame', '--incremental', '--no-textconv', '--ignore-revs-file=', '-M', '-C', '-L', '2,9', 'HEAD', '--', 'a b.ts']);
    assert.deepEqual(blameArgs({ path: 'x', porcelain: true, contents: true }), ['blame', '--porcelain', '--no-textconv', '--ignore-revs-file=', '--contents', '-', '--', 'x']);
    assert.throws(() => blameArgs({ rev: '--output=x', path: 'x' }), /starts with '-'/);
  });

  it('quotes and unquotes paths as git does', () => {
    for (const p of ['plain.ts', 'tab\there.ts', 'quote"d\\.ts', 'new\nline', 'é.ts']) assert.equal(unquotePath(quotePath(p)), p);
    assert.equal(quotePath('tab\there'), '"tab\\there"');
    assert.equal(unquotePath('"\\303\\251"'), 'é');
  });
});

describe('recorded ranges', () => {
  it('keeps the first record of a line and splits a blame group into recorded and unrecorded runs', () => {
    const index = new RecordedIndex();
    index.add(A, [{ path: 'f.ts', ranges: [[3, 5], [10, 12]], by: claude }]);
    index.add(A, [{ path: 'f.ts', ranges: [[4, 11]], by: cursor }]);
    assert.equal(index.at(A, 'f.ts', 4)?.tool, 'claude');
    assert.equal(index.at(A, 'f.ts', 7)?.tool, 'cursor');
    assert.equal(index.at(A, 'f.ts', 13), undefined);
    assert.equal(index.at(A, 'g.ts', 4), undefined);
    assert.equal(index.at(B, 'f.ts', 4), undefined);
    assert.deepEqual(index.segments(A, 'f.ts', 1, 14).map((s) => [s.start, s.count, s.by?.tool ?? '-']),
      [[1, 2, '-'], [3, 3, 'claude'], [6, 4, 'cursor'], [10, 3, 'claude'], [13, 2, '-']]);
    assert.deepEqual(index.segments(A, 'f.ts', 11, 1).map((s) => [s.start, s.count, s.by?.tool]), [[11, 1, 'claude']]);
    assert.deepEqual(index.segments(B, 'f.ts', 1, 3), [{ start: 1, count: 3 }]);
  });

  it('reads note records and git-ai logs with every range kept (no 50-location cap)', () => {
    const ranges: [number, number][] = Array.from({ length: 80 }, (_, i) => [i * 3 + 1, i * 3 + 1]);
    const files = rangesFromProvenanceRecords([{ v: 1, tool: 'codex', model: 'gpt-5', source: 'cli', files: [{ path: 'x.ts', ranges }, { path: 'no-ranges.ts' }] }]);
    assert.equal(files.length, 1);
    assert.equal(files[0]?.ranges.length, 80);
    assert.deepEqual(files[0]?.by, { tool: 'codex', source: 'note.ai-provenance', model: 'gpt-5', agent: 'cli' });
    const note = parseGitAiNote(['a.ts', '  s_c9883b05a2487d::t_9f8e7d6c5b4a32 1-2,5', '  h_a1b2c3d4e5f678 3', '---',
      JSON.stringify({ schema_version: 'authorship/3.0.0', prompts: {}, sessions: { s_c9883b05a2487d: { agent_id: { tool: 'claude', id: 'conv', model: 'opus' } } } })].join('\n')).note;
    assert.ok(note);
    assert.deepEqual(rangesFromGitAiNote(note), [{ path: 'a.ts', ranges: [[1, 2], [5, 5]], by: { tool: 'claude', source: 'note.git-ai', session: 'conv', model: 'opus', agent: 'claude' } }]);
  });
});

describe('file kinds', () => {
  const text = (s: string) => blobFacts(Buffer.from(s), s.split('\n').length - 1);
  it('binary as git decides: the diff attribute, else a NUL in the first 8,000 bytes', () => {
    assert.deepEqual(fileKind('a.png', {}, blobFacts(Buffer.from([1, 0, 2]), 0)), { kind: 'binary', reason: 'content' });
    assert.deepEqual(fileKind('a.txt', { diff: 'unset' }, text('x\n')), { kind: 'binary', reason: 'attribute' });
    assert.deepEqual(fileKind('a.dat', { diff: 'set' }, blobFacts(Buffer.from([1, 0, 2]), 0)), { kind: 'text' });
    const late = Buffer.alloc(9000, 0x61);
    late[8500] = 0;
    assert.equal(fileKind('late.txt', {}, blobFacts(late, 0)).kind, 'text');
  });

  it('generated: linguist-generated, lockfiles, minified bundles, generated headers — not a mention in the body', () => {
    assert.deepEqual(fileKind('x.go', { linguistGenerated: 'set' }, text('package x\n')), { kind: 'generated', reason: 'attribute', detail: 'linguist-generated' });
    assert.deepEqual(fileKind('x.pb.go', { linguistGenerated: 'false' }, text('// Code generated by protoc-gen-go. DO NOT EDIT.\n')), { kind: 'text' });
    assert.equal(fileKind('sub/Cargo.lock', {}, text('x\n')).kind, 'generated');
    assert.equal(fileKind('app.min.js', {}, text('x\n')).kind, 'generated');
    const header = fileKind('x.pb.go', {}, text('// Code generated by protoc-gen-go. DO NOT EDIT.\npackage x\n'));
    assert.deepEqual(header, { kind: 'generated', reason: 'marker', detail: '// Code generated by protoc-gen-go. DO NOT EDIT.' });
    assert.equal(fileKind('r.js', {}, text('/**\n * @generated SignedSource<<abc>>\n */\n')).kind, 'generated');
    const body = `${'line\n'.repeat(50)}// Code generated by hand, DO NOT EDIT this file\n`;
    assert.equal(fileKind('late.go', {}, text(body)).kind, 'text');
    assert.equal(fileKind('doc.md', {}, text('We generated the table by hand.\n')).kind, 'text');
  });
});

describe('line classes and figures', () => {
  const facts = new Map<string, CommitFacts>([
    [A, { verdict: 'assisted', tools: ['claude'], models: [], subject: 's', author: { name: 'Ann', email: 'ann@x' }, date: '2026-01-01' }],
    [B, { verdict: 'none', tools: [], models: [], subject: 't', author: { name: 'Bob', email: 'bob@x' }, date: '2026-01-01' }],
  ]);

  it('recorded only where the blamed commit recorded the line at its line number there; unknown is never none', () => {
    assert.equal(commitLineClass(facts.get(A), false), 'assistedCommit');
    assert.equal(commitLineClass(facts.get(B), false), 'none');
    assert.equal(commitLineClass({ ...(facts.get(B) as CommitFacts), verdict: 'unverified' }, false), 'unverified');
    assert.equal(commitLineClass(facts.get(B), true), 'unknown');
    assert.equal(commitLineClass(undefined, false), 'unknown');
    const recorded = new RecordedIndex();
    recorded.add(A, [{ path: 'old.ts', ranges: [[10, 12]], by: claude }]);
    const segs = classifyGroups([
      { sha: A, origLine: 9, finalLine: 1, count: 3, origPath: 'old.ts' },
      { sha: B, origLine: 1, finalLine: 4, count: 2, origPath: 'new.ts' },
      { sha: A, origLine: 12, finalLine: 6, count: 1, origPath: 'new.ts' },
    ], { facts, recorded, boundary: new Set() });
    assert.deepEqual(segs.map((s) => [s.finalLine, s.count, s.cls]), [[1, 1, 'assistedCommit'], [2, 2, 'recorded'], [4, 2, 'none'], [6, 1, 'assistedCommit']]);
    const acc = new LinesAccumulator('tool', facts);
    acc.add('new.ts', segs);
    assert.deepEqual(acc.result().map((r) => [r.key, r.total, r.recorded, r.assistedCommit, r.none]), [['claude', 4, 2, 2, 0], ['(none)', 2, 0, 0, 2]]);
    assert.equal(acc.totals.total, 6);
    assert.equal(aiShare(acc.totals), 4 / 6);
    assert.equal(aiShare(emptyCounts()), 0);
  });

  it('renders the same figures as text, csv, markdown and json; hostile paths stay inert', () => {
    const acc = new LinesAccumulator('file', facts);
    acc.add('src/\u001b[31mred.ts', [{ cls: 'recorded', count: 3, finalLine: 1, origLine: 1, origPath: 'x', sha: A, by: claude }]);
    acc.add('=cmd|calc.ts', [{ cls: 'none', count: 1, finalLine: 1, origLine: 1, origPath: 'x', sha: B }]);
    const doc = linesDocument({ rev: A, by: 'file', paths: [], detectMoves: false }, acc,
      { binary: [{ path: 'i.png', bytes: 12, reason: 'content' }], generated: [{ path: 'g.go', lines: 3, reason: 'marker' }], skipped: [] });
    const json = JSON.parse(renderLines(doc, 'json')) as typeof doc;
    assert.deepEqual(json.totals, { files: 2, total: 4, recorded: 3, assistedCommit: 0, unverified: 0, none: 1, unknown: 0, aiShare: 0.75, recordedShare: 0.75 });
    const textOut = renderLines(doc, 'text');
    assert.ok(!textOut.includes('\u001b'));
    assert.match(textOut, /^4 lines in 2 files at aaaaaaaaaa: AI share 75\.0 %/);
    assert.match(textOut, /binary {5}i\.png \(12 bytes\)\n {2}generated {2}g\.go \(3 lines; marker\)/);
    assert.ok(renderLines(doc, 'csv').includes("'=cmd|calc.ts,1,1,0,0,0,1,0,0,0\r\n"));
    assert.match(renderLines(doc, 'markdown'), /\| =cmd\\\|calc\.ts \| 1 \| 0 \| 0 \| 0 \| 1 \| 0 \| 0\.0 % \|/);
  });

  it('renders blame as text, json and porcelain', () => {
    const view: BlameView = {
      path: 'f.ts', rev: A, contents: false, detectMoves: false,
      commits: new Map([[A, { author: 'Ann', authorMail: 'ann@x', authorTime: 1700000000, authorTz: '+0000', summary: 'AI work', date: '2023-11-14T22:13:20+00:00' }]]),
      lines: [1, 2].map((n) => ({
        line: n, sha: A, verdict: 'assisted' as const, tools: ['claude' as const], models: ['opus'], recorded: n === 2 ? claude : null,
        class: n === 2 ? 'recorded' as const : 'assistedCommit' as const, origLine: n + 4, origPath: 'f.ts', content: `line ${n}\u001b`,
      })),
    };
    const json = JSON.parse(renderBlame(view, 'json')) as { lines: { line: number; recorded: unknown }[]; commits: Record<string, { subject: string }> };
    assert.deepEqual(json.lines.map((l) => [l.line, l.recorded]), [[1, null], [2, claude]]);
    assert.equal(json.commits[A]?.subject, 'AI work');
    const porcelain = renderBlame(view, 'porcelain').split('\n');
    assert.deepEqual(porcelain.slice(0, 3), [`${A} 5 1 2`, 'author Ann', 'author-mail <ann@x>']);
    assert.ok(porcelain.includes('ai-verdict assisted') && porcelain.includes('ai-recorded claude note.ai-provenance'));
    assert.equal(porcelain.filter((l) => l === 'filename f.ts').length, 1);
    const text = renderBlame(view, 'text').split('\n');
    assert.equal(text[1], `${A.slice(0, 10)} recorded   claude         (Ann              2023-11-14 2) line 2 `);
  });
});

describe('Code view: directories and sorting', () => {
  const counts = (total: number, recorded: number, assistedCommit: number): ReturnType<typeof emptyCounts> =>
    ({ ...emptyCounts(), total, recorded, assistedCommit, none: total - recorded - assistedCommit });
  const files = [
    { path: 'README.md', counts: counts(10, 0, 0) },
    { path: 'src/a.ts', counts: counts(10, 5, 0) },
    { path: 'src/core/b.ts', counts: counts(20, 0, 10) },
    { path: 'src/core/c.ts', counts: counts(10, 0, 0) },
  ];

  it('folds files into one directory\'s entries: subdirectories summed, then files', () => {
    const root = codeListing(files, '');
    assert.deepEqual(root.entries.map((e) => [e.kind, e.name, e.files, e.counts.total, e.aiShare]),
      [['dir', 'src', 3, 40, 15 / 40], ['file', 'README.md', 1, 10, 0]]);
    assert.equal(root.totals.total, 50);
    const src = codeListing(files, '/src/./');
    assert.equal(src.dir, 'src');
    assert.deepEqual(src.entries.map((e) => e.path), ['src/core', 'src/a.ts']);
    assert.deepEqual(codeListing(files, '../../src/core').entries.map((e) => e.name), ['b.ts', 'c.ts']);
    assert.deepEqual(codeListing(files, 'nowhere').entries, []);
  });
});
