// The agent catalog: the command we write and how we recognise it again.
import { strict as assert } from 'node:assert';
import { AGENTS, agentFromName, findRecordEntries, hookCommand, isManualRecordCommand, parseOurCommand } from '../../src/core/agentCatalog';

describe('agent catalog', () => {
  it('hookCommand round-trips through parseOurCommand, quotes included', () => {
    for (const [node, cli] of [['/usr/bin/node', '/opt/ai provenance/dist/cli.js'], ["/home/o'neil/node", "/home/o'neil/cli.js"], ['C:\\Program Files\\nodejs\\node.exe', 'C:\\x\\cli.js']] as const) {
      const c = hookCommand(node, cli);
      assert.deepEqual(parseOurCommand(c.posix), { node, cli }, c.posix);
      assert.deepEqual(parseOurCommand(c.powershell), { node, cli }, c.powershell);
      assert.match(c.posix, /\|\| true$/);
    }
  });

  it('hand-written record commands are manual, other commands are neither', () => {
    assert.equal(isManualRecordCommand('ai-provenance record --stdin-json'), true);
    assert.equal(isManualRecordCommand('node /x/dist/cli.js record --stdin-json --model m'), true);
    assert.equal(isManualRecordCommand(hookCommand('/n', '/c').posix), false);
    assert.equal(isManualRecordCommand('npx prettier --write'), false);
    assert.equal(parseOurCommand('ai-provenance record --stdin-json'), undefined);
  });

  it('findRecordEntries: Claude-style groups, flat entries, bash+powershell pairs counted once', () => {
    const ours = hookCommand('/n', '/c');
    const found = findRecordEntries([
      { matcher: 'Bash', hooks: [{ type: 'command', command: 'echo hi' }] },
      { matcher: 'Write', hooks: [{ type: 'command', command: 'fmt' }, { type: 'command', command: ours.posix }] },
      { type: 'command', bash: ours.posix, powershell: ours.powershell },
      { command: 'ai-provenance record --stdin-json' },
    ]);
    assert.deepEqual(found.map((f) => [f.index, f.hookIndex, f.alone, f.kind]), [[1, 1, false, 'ours'], [2, undefined, true, 'ours'], [3, undefined, true, 'manual']]);
    assert.deepEqual(findRecordEntries(undefined), []);
    assert.deepEqual(findRecordEntries({ not: 'an array' }), []);
  });

  it('--agent names and aliases', () => {
    assert.equal(agentFromName('copilot-cli'), 'copilot');
    assert.equal(agentFromName('VSCode'), 'copilot');
    assert.equal(agentFromName('gemini'), 'gemini');
    assert.equal(agentFromName('windsurf'), undefined);
    assert.deepEqual(AGENTS.map((a) => a.id), ['claude', 'cursor', 'copilot', 'gemini', 'codex']);
  });
});
