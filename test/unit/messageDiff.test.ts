// The message diff `fix --dry-run` prints: exact hunks for removed, added and kept lines.
import { strict as assert } from 'node:assert';
import { diffLines, messageLines, unifiedHunks } from '../../src/core/policy/messageDiff';

describe('message diff', () => {
  it('splits a message into lines; a final line ending makes no empty last line', () => {
    assert.deepEqual(messageLines(''), []);
    assert.deepEqual(messageLines('a\n'), ['a']);
    assert.deepEqual(messageLines('a\n\nb'), ['a', '', 'b']);
  });

  it('marks a removed trailer and its blank line', () => {
    assert.deepEqual(unifiedHunks('Fix\n\nCo-authored-by: Copilot <copilot@github.com>\n', 'Fix\n'),
      ['@@ -1,3 +1 @@', ' Fix', '-', '-Co-authored-by: Copilot <copilot@github.com>']);
  });

  it('marks an added trailer', () => {
    assert.deepEqual(unifiedHunks('Add\n\nbody\n', 'Add\n\nbody\n\nAssisted-by: Claude-Code:opus\n'),
      ['@@ -1,3 +1,5 @@', ' Add', ' ', ' body', '+', '+Assisted-by: Claude-Code:opus']);
  });

  it('replaces one trailer by another in the middle of a block, with context', () => {
    const before = 'S\n\n1\n2\n3\n4\n5\n\nSigned-off-by: A <a@x>\nCo-authored-by: Copilot <copilot@github.com>\nReviewed-by: B <b@x>\n';
    const after = 'S\n\n1\n2\n3\n4\n5\n\nSigned-off-by: A <a@x>\nAssisted-by: Tabnine\nReviewed-by: B <b@x>\n';
    assert.deepEqual(unifiedHunks(before, after), [
      '@@ -7,5 +7,5 @@', ' 5', ' ', ' Signed-off-by: A <a@x>', '-Co-authored-by: Copilot <copilot@github.com>', '+Assisted-by: Tabnine', ' Reviewed-by: B <b@x>',
    ]);
  });

  it('separates changes far apart into hunks and joins close ones', () => {
    const a = Array.from({ length: 20 }, (_, i) => `l${i}`);
    const b = [...a];
    b[2] = 'x2';
    b[17] = 'x17';
    const hunks = unifiedHunks(`${a.join('\n')}\n`, `${b.join('\n')}\n`);
    assert.deepEqual(hunks.filter((h) => h.startsWith('@@')), ['@@ -1,6 +1,6 @@', '@@ -15,6 +15,6 @@']);
    const c = [...a];
    c[2] = 'x2';
    c[8] = 'x8';
    assert.equal(unifiedHunks(`${a.join('\n')}\n`, `${c.join('\n')}\n`).filter((h) => h.startsWith('@@')).length, 1);
  });

  it('nothing changed: no hunks; everything changed: all removed then all added', () => {
    assert.deepEqual(unifiedHunks('same\n', 'same\n'), []);
    assert.deepEqual(diffLines(['a', 'b'], ['c']), [{ op: '-', text: 'a' }, { op: '-', text: 'b' }, { op: '+', text: 'c' }]);
    assert.deepEqual(unifiedHunks('', 'new\n'), ['@@ -0,0 +1 @@', '+new']);
  });
});
