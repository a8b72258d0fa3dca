// Commit objects as bytes: parse → rebuild is the identity; a rebuild changes only the parents, the
// message and (when asked) the signature; ids are git's. Notes carry helpers: glob and line union.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { commitId, isSigned, parentsOf, parseCommitObject, rebuildCommit } from '../../src/git/commitObject';
import { globRegExp, unionLines } from '../../src/git/notesCarry';

const P1 = '1'.repeat(40);
const P2 = '2'.repeat(40);
const SIGNED = Buffer.from([
  'tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904', `parent ${P1}`, `parent ${P2}`,
  'author Ada <ada@example.com> 1700000000 +0530', 'committer Grace <grace@example.com> 1700000060 -0800',
  'encoding ISO-8859-1', 'mergetag object 3333333333333333333333333333333333333333', ' type commit', ' tag v1', ' ',
  ' signed tag', 'gpgsig -----BEGIN SSH SIGNATURE-----', ' U1NIU0lH', ' -----END SSH SIGNATURE-----', 'x-extra value',
  '', 'Merge\n\nCo-authored-by: Copilot <copilot@github.com>\n',
].join('\n'), 'latin1');

describe('commit objects', () => {
  it('parses headers (multi-line ones whole) and the message', () => {
    const c = parseCommitObject('x'.repeat(40), SIGNED);
    assert.deepEqual(c.headers.map((h) => h.key), ['tree', 'parent', 'parent', 'author', 'committer', 'encoding', 'mergetag', 'gpgsig', 'x-extra']);
    assert.deepEqual(parentsOf(c), [P1, P2]);
    assert.equal(isSigned(c), true);
    assert.equal(c.message.toString(), 'Merge\n\nCo-authored-by: Copilot <copilot@github.com>\n');
  });

  it('rebuilds byte for byte; only parents, message and signature can change', () => {
    const c = parseCommitObject('x'.repeat(40), SIGNED);
    assert.deepEqual(rebuildCommit(c, { parents: [P1, P2], message: c.message, dropSignature: false }), SIGNED);
    const out = rebuildCommit(c, { parents: ['a'.repeat(40), P2], message: Buffer.from('Merge\n'), dropSignature: true }).toString('latin1');
    const expected = SIGNED.toString('latin1')
      .replace(`parent ${P1}`, `parent ${'a'.repeat(40)}`)
      .replace(/gpgsig [^]*?END SSH SIGNATURE-----\n/, '')
      .replace('Merge\n\nCo-authored-by: Copilot <copilot@github.com>\n', 'Merge\n');
    assert.equal(out, expected);
    assert.throws(() => rebuildCommit(c, { parents: [P1], message: c.message, dropSignature: false }), /parents' structure must not change/);
  });

  it('computes ids as git does (sha1 and sha256)', () => {
    const body = Buffer.from('tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor A <a@x> 0 +0000\ncommitter A <a@x> 0 +0000\n\nm\n');
    const expected = createHash('sha1').update(Buffer.concat([Buffer.from(`commit ${body.length}\0`), body])).digest('hex');
    assert.equal(commitId(body, 'sha1'), expected);
    assert.equal(commitId(body, 'sha256').length, 64);
  });

  it('rejects what is not a commit', () => {
    assert.throws(() => parseCommitObject('x'.repeat(40), Buffer.from('author A <a@x> 0 +0000\n\nm')), /malformed/);
    assert.throws(() => parseCommitObject('x'.repeat(40), Buffer.from('tree t')), /header without end of line/);
  });
});

describe('notes carry helpers', () => {
  it('matches notes.rewriteRef globs as git notes does (* crosses /)', () => {
    assert.ok(globRegExp('refs/notes/*').test('refs/notes/a/b'));
    assert.ok(globRegExp('refs/notes/ai-*').test('refs/notes/ai-provenance'));
    assert.ok(!globRegExp('refs/notes/ai-*').test('refs/notes/commits'));
    assert.ok(globRegExp('refs/notes/[!x]y').test('refs/notes/ay'));
    assert.ok(!globRegExp('refs/notes/a.c').test('refs/notes/abc'));
  });

  it('unites JSON Lines notes in order, without duplicates or blank lines', () => {
    assert.equal(unionLines('{"a":1}\n\n{"b":2}\n', '{"b":2}\n{"c":3}'), '{"a":1}\n{"b":2}\n{"c":3}\n');
    assert.equal(unionLines('', '{"a":1}\r\n'), '{"a":1}\n');
  });
});
