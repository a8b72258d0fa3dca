// The agent catalog: the command we write and how we recognise it again.
import { strict as assert } from 'node:assert';
import { AGENTS, agentFromName, findRecordEntries, hookCommand, isManualRecordCommand, parseOurCommand } from '../../src/core/capture/agentCatalog';

describe('agent catalog', () => {
  const PATHS = [['/usr/bin/node', '/opt/ai provenance/dist/cli.js'], ["/home/o'neil/node", "/home/o'neil/cli.js"], ['C:\\Program Files\\nodejs\\node.exe', 'C:\\x\\cli.js']] as const;

  it('hookCommand round-trips through parseOurCommand, quotes included, in both forms', () => {
    for (const [node, cli] of PATHS) {
      for (const portable of [false, true]) {
        const c = hookCommand(node, cli, portable);
        assert.deepEqual(parseOurCommand(c.posix), { node, cli, portable }, c.posix);
        assert.deepEqual(parseOurCommand(c.powershell), { node, cli, portable }, c.powershell);
        assert.match(c.posix, /\|\| true$/);
        assert.match(c.powershell, /; exit 0$/);
      }
    }
  });

  it('the absolute form is exactly what earlier versions wrote (status still recognises it)', () => {
    assert.equal(hookCommand('/usr/bin/node', '/opt/a/dist/cli.js').posix, "ELECTRON_RUN_AS_NODE=1 '/usr/bin/node' '/opt/a/dist/cli.js' record --stdin-json || true");
    assert.equal(hookCommand('/usr/bin/node', '/opt/a/dist/cli.js').powershell, "$env:ELECTRON_RUN_AS_NODE='1'; & '/usr/bin/node' '/opt/a/dist/cli.js' record --stdin-json; exit 0");
  });

  it('the portable form: the CLI on PATH first (ai-provenance, then git-ai-provenance), this machine\'s paths last', () => {
    const c = hookCommand('/usr/bin/node', "/opt/o'neil/dist/cli.js", true);
    assert.equal(c.posix, 'if command -v ai-provenance >/dev/null 2>&1; then ai-provenance record --stdin-json; '
      + 'elif command -v git-ai-provenance >/dev/null 2>&1; then git-ai-provenance record --stdin-json; '
      + "elif [ -f '/opt/o'\\''neil/dist/cli.js' ]; then ELECTRON_RUN_AS_NODE=1 '/usr/bin/node' '/opt/o'\\''neil/dist/cli.js' record --stdin-json; "
      + "else echo 'ai-provenance: not on PATH (nor at the path this hook was installed with): this edit was not recorded' >&2; fi || true");
    assert.equal(c.powershell, '$c = Get-Command ai-provenance, git-ai-provenance -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1; '
      + 'if ($c) { & $c record --stdin-json } '
      + "elseif (Test-Path -LiteralPath '/opt/o''neil/dist/cli.js') { $env:ELECTRON_RUN_AS_NODE='1'; & '/usr/bin/node' '/opt/o''neil/dist/cli.js' record --stdin-json } "
      + "else { [Console]::Error.WriteLine('ai-provenance: not on PATH (nor at the path this hook was installed with): this edit was not recorded') }; exit 0");
  });

  it('a portable command someone edited is not ours (manual): only the exact form we write is', () => {
    const c = hookCommand('/n', '/c', true);
    for (const edited of [c.posix.replace(' >&2; fi', '; fi'), c.posix.replace("[ -f '/c' ]", "[ -f '/d' ]"), `${c.posix} ; echo`, c.powershell.replace('; exit 0', '')]) {
      assert.equal(parseOurCommand(edited), undefined, edited);
      assert.equal(isManualRecordCommand(edited), true, edited);
    }
  });

  it('hand-written record commands are manual, other commands are neither', () => {
    assert.equal(isManualRecordCommand('ai-provenance record --stdin-json'), true);
    assert.equal(isManualRecordCommand('node /x/dist/cli.js record --stdin-json --model m'), true);
    assert.equal(isManualRecordCommand(hookCommand('/n', '/c').posix), false);
    assert.equal(isManualRecordCommand(hookCommand('/n', '/c', true).posix), false);
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
