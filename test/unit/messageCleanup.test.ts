// git's message cleanup, as the hooks use it to recognise a committed message (core/policy/messageCleanup.ts):
// the same bytes as `git stripspace` (and `-s`) for awkward messages.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cleanupVariants, sameCommittedMessage, stripspace } from '../../src/core/policy/messageCleanup';

const MESSAGES = [
  'Subject\n',
  '\n\n  \nSubject  \n\n\n\nBody line\t \n\n',
  'Subject\r\n\r\nBody\r\n',
  'Subject\n# a comment\n\n# another\nBody\n#\n',
  'no final newline',
  '   \n\t\n',
  'Subject\n\nAssisted-by: Claude Code\n# ------------------------ >8 ------------------------\ndiff --git a/x b/x\n',
];

function gitStripspace(text: string, comments: boolean): string {
  return spawnSync('git', ['stripspace', ...(comments ? ['-s'] : [])], { input: text, encoding: 'utf8' }).stdout;
}

describe('message cleanup (git stripspace)', () => {
  for (const [i, text] of MESSAGES.entries()) {
    it(`message ${i}: stripspace and stripspace -s as git does`, () => {
      assert.equal(stripspace(text), gitStripspace(text, false));
      assert.equal(stripspace(text, '#'), gitStripspace(text, true));
    });
  }

  it('recognises a message committed in any cleanup mode, and nothing else', () => {
    const file = 'Add x\n\nAssisted-by: Claude Code\n# Please enter the commit message\n# ------------------------ >8 ------------------------\nthe diff\n';
    for (const committed of ['Add x\n\nAssisted-by: Claude Code\n', gitStripspace(file, true), gitStripspace(file, false)]) {
      assert.ok(sameCommittedMessage(committed, file), JSON.stringify(committed));
    }
    assert.ok(!sameCommittedMessage('Add x\n', file));
    assert.ok(!sameCommittedMessage('', ''), 'an empty message identifies nothing');
    assert.ok(cleanupVariants(file).length >= 2);
  });
});
