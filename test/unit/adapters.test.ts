// Agent hook payloads → edit evidence, and the line-range helpers.
import { strict as assert } from 'node:assert';
import { adaptPayload, addedLines, rangesOf } from '../../src/core/capture/adapters';
import { mergeRanges } from '../../src/core/evidence/lineRanges';

const CLAUDE_BASE = {
  session_id: '8c35adc1-4f7e-4b7a-9a43-0d2f4c6f1e2a',
  transcript_path: '/home/dev/.claude/projects/-home-dev-proj/8c35adc1-4f7e-4b7a-9a43-0d2f4c6f1e2a.jsonl',
  cwd: '/home/dev/proj',
  permission_mode: 'default',
  hook_event_name: 'PostToolUse',
  tool_use_id: 'toolu_01DUxyz',
};

const CURSOR_BASE = {
  conversation_id: 'c5b1e6b2-1d3e-4a53-9a1f-3f0a2c1d9e77',
  generation_id: 'a1b2c3d4-0000-4000-8000-000000000001',
  model: 'claude-4.5-sonnet',
  cursor_version: '1.7.2',
  workspace_roots: ['/home/dev/other', '/home/dev/proj'],
  user_email: 'dev@example.com',
};

describe('adaptPayload', () => {
  describe('Claude Code PostToolUse', () => {
    it('Write: the file and its whole content to locate', () => {
      const edit = adaptPayload({
        ...CLAUDE_BASE, tool_name: 'Write',
        tool_input: { file_path: '/home/dev/proj/src/new.ts', content: 'export const x = 1;\n' },
        tool_response: { filePath: '/home/dev/proj/src/new.ts', success: true },
      });
      assert.deepEqual(edit, {
        tool: 'claude', source: 'claude-code', session: CLAUDE_BASE.session_id, cwd: '/home/dev/proj',
        files: [{ path: '/home/dev/proj/src/new.ts', inserted: ['export const x = 1;\n'] }],
      });
    });

    it('Edit with a structuredPatch: the exact added lines, no file read needed', () => {
      const edit = adaptPayload({
        ...CLAUDE_BASE, tool_name: 'Edit', model: 'claude-opus-4-1',
        tool_input: { file_path: 'src/app.ts', old_string: 'const a = 1;', new_string: 'const a = 2;\nconst b = 3;' },
        tool_response: {
          filePath: '/home/dev/proj/src/app.ts', oldString: 'const a = 1;', newString: 'const a = 2;\nconst b = 3;',
          originalFile: "import x from 'x';\nconst a = 1;\nexport {};\n",
          structuredPatch: [{ oldStart: 1, oldLines: 3, newStart: 1, newLines: 4,
            lines: [" import x from 'x';", '-const a = 1;', '+const a = 2;', '+const b = 3;', ' export {};'] }],
          userModified: false, replaceAll: false,
        },
      });
      assert.equal(edit?.model, 'claude-opus-4-1');
      assert.deepEqual(edit?.files, [{ path: 'src/app.ts', ranges: [[2, 3]] }]);
    });

    it('Edit without a patch, replace_all: every occurrence of new_string', () => {
      const edit = adaptPayload({ ...CLAUDE_BASE, tool_name: 'Edit',
        tool_input: { file_path: '/p/a.ts', old_string: 'foo', new_string: 'bar()', replace_all: true } });
      assert.deepEqual(edit?.files, [{ path: '/p/a.ts', inserted: ['bar()'], everyOccurrence: true }]);
    });

    it('MultiEdit: every new_string', () => {
      const edit = adaptPayload({ ...CLAUDE_BASE, tool_name: 'MultiEdit',
        tool_input: { file_path: '/p/a.ts', edits: [{ old_string: 'a', new_string: 'alpha' }, { old_string: 'b', new_string: 'beta' }, 7] },
        tool_response: { filePath: '/p/a.ts' } });
      assert.deepEqual(edit?.files, [{ path: '/p/a.ts', inserted: ['alpha', 'beta'] }]);
    });

    it('NotebookEdit: file-level evidence on notebook_path', () => {
      const edit = adaptPayload({ ...CLAUDE_BASE, tool_name: 'NotebookEdit',
        tool_input: { notebook_path: '/p/n.ipynb', cell_id: 'abc', new_source: 'print(1)', edit_mode: 'replace' } });
      assert.deepEqual(edit?.files, [{ path: '/p/n.ipynb' }]);
    });

    it('ignores non-edit tools, pre-tool hooks and failed edits', () => {
      assert.equal(adaptPayload({ ...CLAUDE_BASE, tool_name: 'Bash', tool_input: { command: 'npm test' }, tool_response: { stdout: '' } }), undefined);
      assert.equal(adaptPayload({ ...CLAUDE_BASE, tool_name: 'Read', tool_input: { file_path: '/p/a.ts' } }), undefined);
      assert.equal(adaptPayload({ ...CLAUDE_BASE, hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: { file_path: '/p/a', content: 'x' } }), undefined);
      assert.equal(adaptPayload({ ...CLAUDE_BASE, tool_name: 'Write', tool_input: { file_path: '/p/a', content: 'x' }, tool_response: { success: false } }), undefined);
      assert.equal(adaptPayload({ ...CLAUDE_BASE, tool_name: 'Edit', tool_input: { new_string: 'x' } }), undefined);
      assert.equal(adaptPayload({ ...CLAUDE_BASE, hook_event_name: 'Stop', stop_hook_active: false }), undefined);
    });
  });

  describe('Cursor', () => {
    it('afterFileEdit: new_strings to locate, conversation as session, the workspace root holding the file', () => {
      const edit = adaptPayload({ ...CURSOR_BASE, hook_event_name: 'afterFileEdit', file_path: '/home/dev/proj/src/main.ts',
        edits: [{ old_string: 'const foo = 1', new_string: 'const foo = 2' }] });
      assert.deepEqual(edit, {
        tool: 'cursor', source: 'cursor', model: 'claude-4.5-sonnet', session: CURSOR_BASE.conversation_id, cwd: '/home/dev/proj',
        files: [{ path: '/home/dev/proj/src/main.ts', inserted: ['const foo = 2'] }],
      });
    });

    it('afterTabFileEdit: the line range Cursor reports', () => {
      const edit = adaptPayload({ ...CURSOR_BASE, model: 'tab', hook_event_name: 'afterTabFileEdit', file_path: '/home/dev/proj/src/main.rs',
        edits: [
          { old_string: 'let x = 1', new_string: 'let x = 42', range: { start_line_number: 10, start_column: 5, end_line_number: 10, end_column: 14 },
            old_line: '    let x = 1;', new_line: '    let x = 42;' },
          { old_string: '', new_string: 'a\nb\n', range: { start_line_number: 20, start_column: 1, end_line_number: 20, end_column: 1 } },
        ] });
      assert.equal(edit?.source, 'cursor-tab');
      assert.deepEqual(edit?.files, [{ path: '/home/dev/proj/src/main.rs', ranges: [[10, 10], [20, 21]] }]);
    });

    it('ignores shell, MCP and read events', () => {
      assert.equal(adaptPayload({ ...CURSOR_BASE, hook_event_name: 'afterShellExecution', command: 'ls', output: '', cwd: '/p' }), undefined);
      assert.equal(adaptPayload({ ...CURSOR_BASE, hook_event_name: 'beforeReadFile', file_path: '/p/a', content: 'x' }), undefined);
      assert.equal(adaptPayload({ ...CURSOR_BASE, hook_event_name: 'afterMCPExecution', tool_name: 'q', tool_input: '{}', result_json: '{}' }), undefined);
    });
  });

  describe('GitHub Copilot CLI', () => {
    it('postToolUse create with toolArgs as a JSON string', () => {
      const edit = adaptPayload({ sessionId: 'e0c2f6a4-0000-4000-8000-00000000abcd', timestamp: 1704614700000, cwd: '/home/dev/proj',
        toolName: 'create', toolArgs: JSON.stringify({ path: '/home/dev/proj/hello.py', file_text: 'print("hi")\n' }),
        toolResult: { resultType: 'success', textResultForLlm: 'Created file /home/dev/proj/hello.py' } });
      assert.deepEqual(edit, {
        tool: 'copilot', source: 'copilot-cli', session: 'e0c2f6a4-0000-4000-8000-00000000abcd', cwd: '/home/dev/proj',
        files: [{ path: '/home/dev/proj/hello.py', inserted: ['print("hi")\n'] }],
      });
    });

    it('postToolUse edit with toolArgs as an object; the PascalCase (VS Code compatible) form', () => {
      const camel = adaptPayload({ sessionId: 's1', timestamp: 1, cwd: '/p', toolName: 'edit',
        toolArgs: { path: 'src/a.ts', old_str: 'x', new_str: 'y = 2' }, toolResult: { resultType: 'success', textResultForLlm: 'ok' } });
      assert.deepEqual(camel?.files, [{ path: 'src/a.ts', inserted: ['y = 2'] }]);
      const pascal = adaptPayload({ hook_event_name: 'PostToolUse', session_id: 's2', timestamp: '2026-01-01T00:00:00Z', cwd: '/p',
        tool_name: 'edit', tool_input: { path: '/p/b.ts', old_str: 'a', new_str: 'b()' },
        tool_result: { result_type: 'success', text_result_for_llm: 'ok' } });
      assert.deepEqual(pascal, { tool: 'copilot', source: 'copilot-cli', session: 's2', cwd: '/p', files: [{ path: '/p/b.ts', inserted: ['b()'] }] });
    });

    it('ignores other tools, preToolUse, failures and unreadable args', () => {
      const result = { resultType: 'success', textResultForLlm: '' };
      assert.equal(adaptPayload({ timestamp: 1, cwd: '/p', toolName: 'bash', toolArgs: '{"command":"npm test"}', toolResult: result }), undefined);
      assert.equal(adaptPayload({ timestamp: 1, cwd: '/p', toolName: 'view', toolArgs: '{"path":"/p/a"}', toolResult: result }), undefined);
      assert.equal(adaptPayload({ timestamp: 1, cwd: '/p', toolName: 'edit', toolArgs: '{"path":"/p/a","new_str":"x"}' }), undefined);
      assert.equal(adaptPayload({ timestamp: 1, cwd: '/p', toolName: 'edit', toolArgs: '{"path":"/p/a"}', toolResult: { resultType: 'denied' } }), undefined);
      assert.equal(adaptPayload({ timestamp: 1, cwd: '/p', toolName: 'create', toolArgs: '{not json', toolResult: result }), undefined);
    });
  });

  describe('our own shape', () => {
    it('takes tool ids, tool names and model families', () => {
      const own = adaptPayload({ tool: 'aider', model: 'gpt-4o', session: 'run-7', files: [{ path: 'a.ts', ranges: [[5, 9], [1, 2]] }, { path: 'b.ts' }] });
      assert.deepEqual(own, { tool: 'aider', source: 'json', model: 'gpt-4o', session: 'run-7',
        files: [{ path: 'a.ts', ranges: [[1, 2], [5, 9]] }, { path: 'b.ts' }] });
      assert.equal(adaptPayload({ tool: 'Claude Code', files: [{ path: 'a' }] })?.tool, 'claude');
      assert.equal(adaptPayload({ tool: 'my-bot', model: 'gemini-2.5-pro', files: [{ path: 'a' }] })?.tool, 'gemini');
      assert.equal(adaptPayload({ tool: 'my-bot', source: 'nightly', files: [{ path: 'a' }] })?.tool, 'unknown-ai');
    });

    it('rejects bad ranges and empty file lists', () => {
      assert.equal(adaptPayload({ tool: 'claude', files: [{ path: 'a', ranges: [[3, 1]] }] }), undefined);
      assert.equal(adaptPayload({ tool: 'claude', files: [{ path: 'a', ranges: [[0, 1]] }] }), undefined);
      assert.equal(adaptPayload({ tool: 'claude', files: [] }), undefined);
    });
  });

  it('never throws on odd input', () => {
    for (const odd of [null, undefined, 42, 'Write', [], [{ tool: 'claude' }], {}, { hook_event_name: 'PostToolUse' },
      { tool_name: 'Write', tool_input: null }, { tool_name: 'Write', tool_input: [] }, { hook_event_name: 'afterFileEdit', file_path: 3 },
      { toolName: 'edit', toolArgs: 'null', toolResult: {} }, { tool: 3, files: 'a' }]) {
      assert.equal(adaptPayload(odd), undefined, JSON.stringify(odd));
    }
    // Overlong metadata is dropped, not fatal.
    const edit = adaptPayload({ tool: 'claude', model: 'm'.repeat(300), session: '', files: [{ path: 'a' }] });
    assert.deepEqual(edit, { tool: 'claude', source: 'json', files: [{ path: 'a' }] });
  });
});

describe('rangesOf', () => {
  const file = 'line 1\nline 2\nline 3\nline 4\n';

  it('a whole-file write is [1, lineCount]', () => {
    assert.deepEqual(rangesOf(file, file), [[1, 4]]);
    assert.deepEqual(rangesOf('only\n', 'only\n'), [[1, 1]]);
    assert.deepEqual(rangesOf('no newline at end', 'no newline at end'), [[1, 1]]);
  });

  it('an inserted block in the middle', () => {
    assert.deepEqual(rangesOf(file, 'line 2\nline 3'), [[2, 3]]);
    assert.deepEqual(rangesOf(file, 'line 2\nline 3\n'), [[2, 3]]);
    assert.deepEqual(rangesOf(file, 'ne 3'), [[3, 3]]);
  });

  it('a leading line break belongs to the line before', () => {
    assert.deepEqual(rangesOf(file, '\nline 3\n'), [[3, 3]]);
    assert.deepEqual(rangesOf('a\n\n\nb\n', '\n\nb'), [[3, 4]]);
  });

  it('no range when absent, blank or ambiguous; every occurrence with all', () => {
    assert.deepEqual(rangesOf(file, 'line 9'), []);
    assert.deepEqual(rangesOf(file, ''), []);
    assert.deepEqual(rangesOf(file, ' \n\t'), []);
    assert.deepEqual(rangesOf(file, 'line'), []);
    assert.deepEqual(rangesOf('x()\ny\nx()\n', 'x()', { all: true }), [[1, 1], [3, 3]]);
    assert.deepEqual(rangesOf('x()\nx()\n', 'x()', { all: true }), [[1, 2]]);
  });

  it('ignores CRLF versus LF', () => {
    assert.deepEqual(rangesOf('a\r\nb\r\nc\r\n', 'b\nc\n'), [[2, 3]]);
    assert.deepEqual(rangesOf('a\nb\nc\n', 'b\r\nc'), [[2, 3]]);
  });
});

describe('addedLines and mergeRanges', () => {
  it('reads added lines out of jsdiff hunks', () => {
    assert.deepEqual(addedLines([
      { newStart: 1, lines: [' a', '-b', '+B', '+C', ' d'] },
      { newStart: 10, lines: [' x', '+y', '\\ No newline at end of file', ' z', '+w'] },
    ]), [[2, 3], [11, 11], [13, 13]]);
    assert.deepEqual(addedLines([{ newStart: 0, lines: ['+first'] }]), [[1, 1]]);
    assert.deepEqual(addedLines([{ newStart: 4, lines: [' a', '-gone'] }]), []);
  });

  it('sorts and joins overlapping and adjacent ranges', () => {
    assert.deepEqual(mergeRanges([[5, 6], [1, 2], [3, 3], [4, 4], [10, 12], [11, 11]]), [[1, 6], [10, 12]]);
    assert.deepEqual(mergeRanges([]), []);
  });
});
