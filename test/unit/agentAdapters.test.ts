// Gemini CLI, Codex CLI and VS Code agent hook payloads → edit evidence (shapes from each agent's
// documentation and source, cited in src/core/capture/agentAdapters.ts), and the apply_patch parser.
import { strict as assert } from 'node:assert';
import { adaptPayload } from '../../src/core/capture/adapters';
import { patchFiles } from '../../src/core/capture/agentAdapters';

const GEMINI_BASE = {
  session_id: 'e1a7c9f0-5b7d-4e0e-9a55-2b9c1d3e4f50',
  transcript_path: '/home/dev/.gemini/tmp/abc/chats/session.json',
  cwd: '/home/dev/proj',
  hook_event_name: 'AfterTool',
  timestamp: '2026-11-30T10:30:00.000Z',
};

const CODEX_BASE = {
  session_id: '0199a213-81c0-7800-8aa1-bbab2a035a53',
  turn_id: 'turn-3',
  transcript_path: null,
  cwd: '/home/dev/proj',
  hook_event_name: 'PostToolUse',
  model: 'gpt-5.5-codex',
  permission_mode: 'default',
  tool_use_id: 'call_apply_patch_1',
  tool_response: 'Success. Updated the following files:\nM src/a.ts',
};

const VSCODE_BASE = {
  timestamp: '2026-11-30T10:30:00.000Z',
  cwd: '/home/dev/proj',
  sessionId: 'vscode-session-42',
  hookEventName: 'PostToolUse',
  transcript_path: '/home/dev/.vscode/transcripts/42.json',
  tool_use_id: 'tool-123',
  tool_response: 'File edited successfully',
};

describe('adaptPayload: more agents', () => {
  describe('Gemini CLI AfterTool', () => {
    it('write_file: the file and its content to locate', () => {
      const edit = adaptPayload({
        ...GEMINI_BASE, tool_name: 'write_file',
        tool_input: { file_path: '/home/dev/proj/src/new.ts', content: 'export const x = 1;\n' },
        tool_response: { llmContent: 'Successfully created and wrote to new file', returnDisplay: '…' },
      });
      assert.deepEqual(edit, {
        tool: 'gemini', source: 'gemini-cli', session: GEMINI_BASE.session_id, cwd: '/home/dev/proj',
        files: [{ path: '/home/dev/proj/src/new.ts', inserted: ['export const x = 1;\n'] }],
      });
    });

    it('replace with allow_multiple: every occurrence of new_string', () => {
      const edit = adaptPayload({
        ...GEMINI_BASE, tool_name: 'replace',
        tool_input: { file_path: 'src/a.ts', old_string: 'foo', new_string: 'bar()', allow_multiple: true, instruction: 'rename' },
        tool_response: { llmContent: 'ok', returnDisplay: 'ok' },
      });
      assert.deepEqual(edit?.files, [{ path: 'src/a.ts', inserted: ['bar()'], everyOccurrence: true }]);
    });

    it('a failed tool call, a read, or BeforeTool records nothing', () => {
      assert.equal(adaptPayload({ ...GEMINI_BASE, tool_name: 'replace', tool_input: { file_path: 'a', new_string: 'x' }, tool_response: { llmContent: '', error: { message: 'no match' } } }), undefined);
      assert.equal(adaptPayload({ ...GEMINI_BASE, tool_name: 'read_file', tool_input: { file_path: 'a' }, tool_response: {} }), undefined);
      assert.equal(adaptPayload({ ...GEMINI_BASE, hook_event_name: 'BeforeTool', tool_name: 'write_file', tool_input: { file_path: 'a', content: 'x' } }), undefined);
    });
  });

  describe('Codex CLI PostToolUse apply_patch', () => {
    const patch = [
      '*** Begin Patch',
      '*** Add File: src/new.ts',
      '+export const a = 1;',
      '+export const b = 2;',
      '*** Update File: src/a.ts',
      '@@ function add(',
      ' function add(a, b) {',
      '-  return a - b;',
      '+  // fixed',
      '+  return a + b;',
      ' }',
      '*** Delete File: src/old.ts',
      '*** End Patch',
    ].join('\n');

    it('added files from line 1, updated files with their "+" runs, deleted files left out; model and session kept', () => {
      const edit = adaptPayload({ ...CODEX_BASE, tool_name: 'apply_patch', tool_input: { command: patch } });
      assert.deepEqual(edit, {
        tool: 'codex', source: 'codex-cli', model: 'gpt-5.5-codex', session: CODEX_BASE.session_id, cwd: '/home/dev/proj',
        files: [
          { path: 'src/new.ts', ranges: [[1, 2]] },
          { path: 'src/a.ts', inserted: ['  // fixed\n  return a + b;\n'] },
        ],
      });
    });

    it('a shell command (tool_name Bash) is not a file edit', () => {
      assert.equal(adaptPayload({ ...CODEX_BASE, tool_name: 'Bash', tool_input: { command: 'ls' } }), undefined);
    });
  });

  describe('VS Code agent PostToolUse', () => {
    it('replace_string_in_file and create_file (camelCase inputs)', () => {
      assert.deepEqual(adaptPayload({ ...VSCODE_BASE, tool_name: 'replace_string_in_file', tool_input: { filePath: '/home/dev/proj/a.ts', oldString: 'x', newString: 'y = 2', explanation: 'e' } }), {
        tool: 'copilot', source: 'vscode-agent', session: 'vscode-session-42', cwd: '/home/dev/proj',
        files: [{ path: '/home/dev/proj/a.ts', inserted: ['y = 2'] }],
      });
      assert.deepEqual(adaptPayload({ ...VSCODE_BASE, tool_name: 'create_file', tool_input: { filePath: 'b.ts', content: 'b\n' } })?.files, [{ path: 'b.ts', inserted: ['b\n'] }]);
    });

    it('multi_replace_string_in_file: one file per path; insert_edit_into_file: file-level; apply_patch: parsed', () => {
      assert.deepEqual(adaptPayload({
        ...VSCODE_BASE, tool_name: 'multi_replace_string_in_file',
        tool_input: { explanation: 'e', replacements: [{ filePath: 'a.ts', oldString: '1', newString: 'one' }, { filePath: 'b.ts', oldString: '2', newString: 'two' }, { filePath: 'a.ts', oldString: '3', newString: 'three' }] },
      })?.files, [{ path: 'a.ts', inserted: ['one', 'three'] }, { path: 'b.ts', inserted: ['two'] }]);
      assert.deepEqual(adaptPayload({ ...VSCODE_BASE, tool_name: 'insert_edit_into_file', tool_input: { filePath: 'c.ts', code: '// ...existing code...\nx' } })?.files, [{ path: 'c.ts' }]);
      assert.deepEqual(adaptPayload({ ...VSCODE_BASE, tool_name: 'apply_patch', tool_input: { input: '*** Begin Patch\n*** Add File: d.ts\n+d\n*** End Patch' } })?.files, [{ path: 'd.ts', ranges: [[1, 1]] }]);
    });

    it('terminal commands and reads record nothing', () => {
      assert.equal(adaptPayload({ ...VSCODE_BASE, tool_name: 'run_in_terminal', tool_input: { command: 'ls' } }), undefined);
      assert.equal(adaptPayload({ ...VSCODE_BASE, tool_name: 'read_file', tool_input: { filePath: 'a.ts' } }), undefined);
    });
  });
});

describe('patchFiles (apply_patch format)', () => {
  it('Move to: the new path; CRLF lines; separate "+" runs of one file', () => {
    const patch = '*** Begin Patch\r\n*** Update File: a.py\r\n*** Move to: b.py\r\n@@\r\n x\r\n+y\r\n z\r\n+w\r\n*** End of File\r\n*** End Patch\r\n';
    assert.deepEqual(patchFiles(patch), [{ path: 'b.py', inserted: ['y\n', 'w\n'] }]);
  });

  it('an empty added file is file-level; no header, no files', () => {
    assert.deepEqual(patchFiles('*** Begin Patch\n*** Add File: empty.txt\n*** End Patch'), [{ path: 'empty.txt' }]);
    assert.deepEqual(patchFiles('just text\n+not a patch'), []);
  });
});
