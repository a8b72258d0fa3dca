// The pure parts of capturing VS Code's AI edits: which lines a burst of editor changes inserted,
// which tool to record when VS Code does not say, and the trailer VS Code appends.
import { strict as assert } from 'node:assert';
import { addEvent, emptyBurst, type TextChange } from '../../src/core/capture/editRanges';
import { attributeEditorEdit, candidatesFor, VSCODE_AI_TRAILER, withVsCodeTrailer } from '../../src/core/capture/editorAiTools';

const insert = (line: number, character: number, text: string): TextChange => ({ startLine: line, startCharacter: character, endLine: line, endCharacter: character, text });

describe('editRanges: the lines a burst inserted', () => {
  it('a completion at the end of a line counts that line and the lines it adds', () => {
    // "const x = " + "42;\n  return x;" on line 3 (0-based 2)
    assert.deepEqual(addEvent(emptyBurst(), [insert(2, 10, '42;\n  return x;')]).ranges, [[3, 4]]);
  });

  it('a leading line break only ends the line before; a trailing one ends the last inserted line', () => {
    assert.deepEqual(addEvent(emptyBurst(), [insert(4, 20, '\nfoo();\nbar();')]).ranges, [[6, 7]]);
    assert.deepEqual(addEvent(emptyBurst(), [insert(0, 0, 'foo();\nbar();\n')]).ranges, [[1, 2]]);
  });

  it('blank or whitespace-only text and deletions insert no line', () => {
    assert.deepEqual(addEvent(emptyBurst(), [insert(1, 0, '\n')]).ranges, []);
    assert.deepEqual(addEvent(emptyBurst(), [insert(1, 0, '    ')]).ranges, []);
    assert.deepEqual(addEvent(emptyBurst(), [{ startLine: 1, startCharacter: 0, endLine: 3, endCharacter: 0, text: '' }]).ranges, []);
  });

  it('the changes of one event are all against the document before it', () => {
    // two insertions in one event: line 1 gets two new lines, so the second (pre-event line 5) lands on 8
    const b = addEvent(emptyBurst(), [insert(5, 0, 'b\n'), insert(1, 0, 'a1\na2\n')]);
    assert.deepEqual(b.ranges, [[2, 3], [8, 8]]);
    assert.deepEqual(b.texts, ['a1\na2\n', 'b\n']);
  });

  it('later events move the lines of earlier ones', () => {
    let b = addEvent(emptyBurst(), [insert(9, 0, 'ai line\n')]); // line 10
    b = addEvent(b, [insert(0, 0, 'one\ntwo\n')]); // two lines above: 1-2, and the AI line moves to 12
    assert.deepEqual(b.ranges, [[1, 2], [12, 12]]);
    b = addEvent(b, [{ startLine: 0, startCharacter: 0, endLine: 2, endCharacter: 0, text: '' }]); // delete them again
    assert.deepEqual(b.ranges, [[10, 10]], 'lines deleted whole are gone');
  });

  it('an insertion inside a recorded line keeps both halves; one at column 0 moves the line', () => {
    const ai = addEvent(emptyBurst(), [insert(3, 0, 'ai();\n')]); // line 4
    assert.deepEqual(addEvent(ai, [insert(3, 2, 'x\ny')]).ranges, [[4, 5]]);
    assert.deepEqual(addEvent(ai, [insert(3, 0, '\n')]).ranges, [[5, 5]]);
    assert.deepEqual(addEvent(ai, [{ startLine: 3, startCharacter: 1, endLine: 3, endCharacter: 3, text: 'Z' }]).ranges, [[4, 4]]);
  });

  it('CRLF text counts like LF', () => {
    assert.deepEqual(addEvent(emptyBurst(), [insert(0, 0, 'a\r\nb\r\n')]).ranges, [[1, 2]]);
  });
});

describe('editorAiTools: the tool of an edit VS Code does not attribute', () => {
  const copilotChat = { id: 'GitHub.copilot-chat', categories: ['AI', 'Chat'], chatParticipants: true };
  const tabnine = { id: 'TabNine.tabnine-vscode', categories: ['Programming Languages'] };
  const prettier = { id: 'esbenp.prettier-vscode', categories: ['Formatters'] };
  const unknownAi = { id: 'acme.autocomplete', categories: ['Machine Learning'] };

  it('exactly one known AI extension: that tool, with the reason', () => {
    const a = attributeEditorEdit('inline-suggestion', [copilotChat, prettier]);
    assert.equal(a.tool, 'copilot');
    assert.match(a.detail, /only AI extension that could have made it: GitHub Copilot Chat \(copilot\)/);
    assert.equal(attributeEditorEdit('inline-suggestion', [tabnine]).tool, 'tabnine');
  });

  it('never Copilot when another AI extension could have supplied it', () => {
    const a = attributeEditorEdit('inline-suggestion', [copilotChat, unknownAi]);
    assert.equal(a.tool, 'unknown-ai');
    assert.deepEqual(a.candidates, ['GitHub Copilot Chat (copilot)', 'acme.autocomplete']);
    assert.match(a.detail, /VS Code does not report which extension supplied it \(candidates: GitHub Copilot Chat \(copilot\), acme\.autocomplete\)/);
    assert.equal(attributeEditorEdit('inline-suggestion', [copilotChat, tabnine]).tool, 'unknown-ai');
  });

  it('no identifiable AI extension: unknown-ai, and it says so', () => {
    const a = attributeEditorEdit('inline-suggestion', [prettier]);
    assert.equal(a.tool, 'unknown-ai');
    assert.match(a.detail, /no AI extension that VS Code reports could be identified/);
  });

  it('chat edits: any extension with chat participants is a candidate; GitHub Copilot is not one for chat', () => {
    const participant = { id: 'acme.agent', chatParticipants: true };
    assert.deepEqual(candidatesFor('chat-edit', [participant, prettier]).map((c) => c.id), ['acme.agent']);
    assert.deepEqual(candidatesFor('chat-edit', [{ id: 'GitHub.copilot' }]), []);
    assert.equal(attributeEditorEdit('chat-edit', [copilotChat]).tool, 'copilot');
    assert.equal(attributeEditorEdit('chat-edit', [copilotChat, participant]).tool, 'unknown-ai');
    assert.deepEqual(candidatesFor('chat-edit', [{ id: 'vscode.builtin-thing', chatParticipants: true, builtin: true }]), []);
  });

  it('the trailer VS Code appends, exactly as its git extension does', () => {
    assert.equal(withVsCodeTrailer('Add a\n'), `Add a\n\n${VSCODE_AI_TRAILER}`);
    assert.equal(withVsCodeTrailer('Add a\n\nSigned-off-by: A <a@b>\n\n'), `Add a\n\nSigned-off-by: A <a@b>\n\n${VSCODE_AI_TRAILER}`);
    assert.equal(withVsCodeTrailer(`Add a\n\n${VSCODE_AI_TRAILER}`), `Add a\n\n${VSCODE_AI_TRAILER}`);
    assert.equal(withVsCodeTrailer(''), '');
  });
});
