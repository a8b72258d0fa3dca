// The default policy's semantics: classes of attribution lines, what backs VS Code's editor-added
// trailer, inheritance across rewrites, the decisions recorded for every removal, byte-exact
// message edits (verbatim cleanup), and a message git would reject as empty.
import { strict as assert } from 'node:assert';
import { attributionLines, classEffect, inheritedKeys } from '../../src/core/policy/attribution';
import { applyPolicy, type PolicyOutcome, type RecordedTool } from '../../src/core/policy/policy';
import { DEFAULT_POLICY, MODES, type Policy } from '../../src/core/policy/policySchema';
import { canonicalPolicyJson, policyDigest } from '../../src/core/policy/policyDigest';
import { sha256 } from '../../src/app/sha256';
import { ATTRIBUTION_CLASSES } from '../../src/core/model';

const VSCODE = 'Co-authored-by: Copilot <copilot@github.com>';
const ROBOT = '\u{1F916}';
const CLAUDE = `Fix the parser\n\nLonger explanation.\n\n${ROBOT} Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude Opus 4.6 <noreply@anthropic.com>\n`;
const policy = (p: Partial<Policy> = {}): Policy => ({ ...DEFAULT_POLICY, ...p });
const rec = (tool: RecordedTool['tool'], origin: RecordedTool['origin'] = 'recorded', models: string[] = []): RecordedTool =>
  ({ tool, models, files: ['src/a.ts'], origin });

function rewritten(out: PolicyOutcome): string {
  assert.equal(out.action, 'rewritten', JSON.stringify(out));
  return out.action === 'rewritten' ? out.message : '';
}

describe('attribution classes', () => {
  it('every catalog line an agent writes is self-attested; only VS Code\'s sticky trailer is editor-added', () => {
    const msg = `Add a\n\nbody\n\n${ROBOT} Generated with [Claude Code](https://claude.com/claude-code)\n\n`
      + 'Co-Authored-By: Claude Opus 4.6 <noreply@anthropic.com>\nCo-authored-by: aider (gpt-4o) <aider@aider.chat>\n'
      + 'Co-authored-by: Copilot <223556219+Copilot@users.noreply.github.com>\nAssisted-by: Claude Code:claude-opus-4-6\n'
      + `${VSCODE}\nSigned-off-by: A <a@example.com>\n`;
    const found = attributionLines(msg);
    assert.deepEqual(found.map((a) => [a.class, a.tools.join(',')]), [
      ['self-attested', 'claude'], ['self-attested', 'claude'], ['self-attested', 'aider'], ['self-attested', 'copilot'],
      ['self-attested', 'claude'], ['editor-added', 'copilot'],
    ]);
  });

  it('a line the rewritten commit carried is inherited (keys compared case-insensitively, values exactly)', () => {
    const inherited = inheritedKeys([`Old\n\nco-authored-by: Copilot <copilot@github.com>\n`]);
    const [a] = attributionLines(`New\n\n${VSCODE}\n`, {}, inherited);
    assert.equal(a?.class, 'inherited');
    assert.equal(attributionLines(`New\n\nCo-authored-by: Copilot <copilot@github.com> \n`, {}, inheritedKeys(['x\n\nCo-authored-by: Copilot <COPILOT@github.com>\n']))[0]?.class, 'editor-added');
  });

  it('every mode says what it does with every class', () => {
    for (const mode of MODES) for (const c of ATTRIBUTION_CLASSES) assert.ok(classEffect(mode, c).length >= 4, `${mode} ${c}`);
  });
});

describe('evidence mode', () => {
  it('keeps an agent\'s own trailer and footer without any recorded evidence', () => {
    const out = applyPolicy(CLAUDE, [], policy());
    assert.deepEqual(out, { action: 'unchanged', message: CLAUDE, decisions: [] });
  });

  it('removes VS Code\'s unbacked trailer and says why, with the class and the mode', () => {
    const out = applyPolicy(`Fix\n\n${VSCODE}\n`, [], policy());
    assert.equal(rewritten(out), 'Fix\n');
    assert.deepEqual(out.action === 'rewritten' && out.decisions, [{
      line: VSCODE, tool: 'copilot', class: 'editor-added', action: 'removed', mode: 'evidence',
      reason: 'VS Code added it, but no AI edit was recorded or marked in the committed lines',
    }]);
    assert.match(out.action === 'rewritten' ? out.changes[0] ?? '' : '', /^removed "Co-authored-by: Copilot <copilot@github.com>" \(VS Code added it/);
  });

  it('keeps it when Copilot backs the committed lines', () => {
    for (const r of [rec('copilot'), rec('copilot', 'marker'), rec('copilot', 'inherited')]) {
      assert.equal(applyPolicy(`Fix\n\n${VSCODE}\n`, [r], policy()).action, 'unchanged', JSON.stringify(r));
    }
  });

  it('an AI edit by a tool nobody names (VS Code names none; a generic code marker): disclosed as such, never as Copilot', () => {
    const out = applyPolicy(`Fix\n\n${VSCODE}\n`, [rec('unknown-ai', 'marker')], policy());
    assert.equal(out.action, 'rewritten');
    assert.ok(!rewritten(out).includes(VSCODE), rewritten(out));
    assert.deepEqual(out.action === 'rewritten' && out.decisions.map((d) => [d.action, d.replacedBy?.length]), [['replaced', 1]]);
  });

  it('replaces it with the real tool\'s trailer when the evidence names another tool', () => {
    const out = applyPolicy(`Fix\n\n${VSCODE}\nSigned-off-by: A <a@example.com>\n`, [rec('tabnine')], policy());
    assert.equal(rewritten(out), 'Fix\n\nSigned-off-by: A <a@example.com>\nAssisted-by: Tabnine\n');
    assert.deepEqual(out.action === 'rewritten' && out.decisions.map((d) => [d.action, d.replacedBy, d.reason]), [
      ['replaced', ['Assisted-by: Tabnine'], "VS Code added it, but the AI edits in the committed lines are Tabnine's, not Copilot's"]]);
    // the real tool already disclosed: the false claim just goes
    const disclosed = applyPolicy(`Fix\n\n${VSCODE}\nAssisted-by: Tabnine\n`, [rec('tabnine')], policy());
    assert.equal(rewritten(disclosed), 'Fix\n\nAssisted-by: Tabnine\n');
    assert.equal(disclosed.action === 'rewritten' && disclosed.decisions[0]?.action, 'removed');
  });

  it('keeps an inherited VS Code trailer (amend, reword, cherry-pick) even without evidence', () => {
    const msg = `Fix\n\n${VSCODE}\n`;
    assert.deepEqual(applyPolicy(msg, [], policy(), { inherited: [msg] }), { action: 'unchanged', message: msg, decisions: [] });
    // a NEW VS Code trailer on a rewrite is judged like any other
    assert.equal(applyPolicy(msg, [], policy(), { inherited: ['Fix\n'] }).action, 'rewritten');
  });

  it('a squash/fixup puts back the attribution git dropped with a fixed-up message (VS Code\'s only when backed)', () => {
    const target = 'Add b\n\nAssisted-by: Cursor\n';
    const fixup = `fixup! Add b\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n${VSCODE}\n\n${ROBOT} Generated with [Codex CLI](https://github.com/openai/codex)\n`;
    const out = applyPolicy(target, [], policy(), { stage: 'prepare', inherited: [target, fixup], restoreInherited: true });
    assert.equal(rewritten(out), 'Add b\n\nAssisted-by: Cursor\nCo-Authored-By: Claude <noreply@anthropic.com>\nAssisted-by: Codex\n');
    const backed = applyPolicy(target, [rec('copilot', 'inherited')], policy(), { stage: 'prepare', inherited: [target, fixup], restoreInherited: true });
    assert.match(rewritten(backed), /\nCo-authored-by: Copilot <copilot@github\.com>\n/);
    assert.equal(applyPolicy(target, [], policy({ mode: 'keep' }), { stage: 'prepare', inherited: [fixup], restoreInherited: true }).action, 'unchanged');
  });

  it('adds marker and inherited evidence the message does not disclose; require names where', () => {
    assert.equal(rewritten(applyPolicy('Fix\n', [{ tool: 'copilot', models: [], files: ['src/a.ts:3'], origin: 'marker' }], policy())),
      'Fix\n\nAssisted-by: GitHub-Copilot\n');
    assert.equal(rewritten(applyPolicy('Fix\n', [rec('claude', 'inherited', ['claude-opus-4-6'])], policy())), 'Fix\n\nAssisted-by: Claude-Code:claude-opus-4-6\n');
    const out = applyPolicy('Fix\n', [{ tool: 'copilot', models: [], files: ['src/a.ts:3'], origin: 'marker' }], policy({ mode: 'require' }));
    assert.deepEqual(out, { action: 'reject', reasons: ['AI assistance from GitHub Copilot is marked in the added code (src/a.ts:3) but is not disclosed: add the trailer "Assisted-by: GitHub-Copilot"'] });
    assert.equal(applyPolicy('Fix\n', [rec('copilot', 'marker')], policy({ mode: 'forbid' })).action, 'reject');
  });

  it('never blocks: a message of only Signed-off-by and VS Code\'s trailer keeps the trailer and records why', () => {
    const msg = `Signed-off-by: A <a@example.com>\n${VSCODE}\n`;
    const out = applyPolicy(msg, [], policy());
    assert.equal(out.action, 'unchanged');
    assert.deepEqual(out.action === 'unchanged' && out.decisions.map((d) => [d.action, d.reason]), [['kept',
      'VS Code added it, but no AI edit was recorded or marked in the committed lines; kept because removing it would leave a message git rejects as empty']]);
    // with a replacement the message is not empty: replace
    assert.equal(rewritten(applyPolicy(msg, [rec('tabnine')], policy())), 'Signed-off-by: A <a@example.com>\n\nAssisted-by: Tabnine\n');
    // strip under the same constraint
    const strip = applyPolicy(`\n${VSCODE}\n# comment\n`, [], policy({ mode: 'strip' }));
    assert.equal(strip.action === 'unchanged' && strip.decisions[0]?.action, 'kept');
  });

  it('the prepare stage never removes', () => {
    assert.equal(applyPolicy(`Fix\n\n${VSCODE}\n`, [], policy(), { stage: 'prepare' }).action, 'unchanged');
  });
});

describe('strip and per-tool modes record what they remove', () => {
  it('strip removes self-attested lines too, each recorded with its class', () => {
    const out = applyPolicy(CLAUDE, [], policy({ mode: 'strip' }));
    assert.equal(rewritten(out), 'Fix the parser\n\nLonger explanation.\n');
    assert.deepEqual(out.action === 'rewritten' && out.decisions.map((d) => [d.class, d.mode, d.action, d.reason]), [
      ['self-attested', 'strip', 'removed', 'the policy strips AI attribution (mode strip)'],
      ['self-attested', 'strip', 'removed', 'the policy strips AI attribution (mode strip)'],
    ]);
  });

  it('a per-tool strip says so', () => {
    const out = applyPolicy(`x\n\n${VSCODE}\nCo-Authored-By: Claude <noreply@anthropic.com>\n`, [], policy({ mode: 'keep', tools: { copilot: 'strip' } }));
    assert.equal(rewritten(out), 'x\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n');
    assert.equal(out.action === 'rewritten' && out.decisions[0]?.reason, 'the policy strips GitHub Copilot attribution (tools.copilot: strip)');
  });
});

describe('removing a line changes nothing else (cleanup=verbatim safe)', () => {
  const cases: [string, string, string][] = [
    ['leading blank lines, runs of blank lines, trailing spaces', `\n\nFix  \n\n\n\nbody\n\nSigned-off-by: A <a@b.c>\n${VSCODE}\n`,
      '\n\nFix  \n\n\n\nbody\n\nSigned-off-by: A <a@b.c>\n'],
    ['CRLF stays CRLF, LF stays LF', `Fix\r\n\r\nbody\n\n${VSCODE}\r\nSigned-off-by: A <a@b.c>\r\n`, 'Fix\r\n\r\nbody\n\nSigned-off-by: A <a@b.c>\r\n'],
    ['no final newline', `Fix\n\n${VSCODE}`, 'Fix'],
    ['a lone trailer paragraph takes its separator, no other blank line', `Fix\n\n\nbody\n\n\n${VSCODE}\n`, 'Fix\n\n\nbody\n'],
    ['comments and the scissors part stay', `Fix\n\n${VSCODE}\n\n# Please enter\n# ------------------------ >8 ------------------------\n+x\n`,
      'Fix\n\n# Please enter\n# ------------------------ >8 ------------------------\n+x\n'],
    ['a paragraph in the middle', `Fix\n\n${VSCODE}\n\nbody\n`, 'Fix\n\nbody\n'],
    ['a folded line with its continuation', `Fix\n\nCo-authored-by: Copilot\n  <copilot@github.com>\nSigned-off-by: A <a@b.c>\n`, 'Fix\n\nSigned-off-by: A <a@b.c>\n'],
  ];
  for (const [label, input, expected] of cases) {
    it(label, () => assert.equal(rewritten(applyPolicy(input, [], policy())), expected));
  }

  it('an added trailer uses the line ending of the line it follows', () => {
    assert.equal(rewritten(applyPolicy('Fix\r\n\r\nSigned-off-by: A <a@b.c>\r\n', [rec('claude')], policy())),
      'Fix\r\n\r\nSigned-off-by: A <a@b.c>\r\nAssisted-by: Claude-Code\r\n');
  });
});

describe('policy digest', () => {
  it('is the sha256 of a canonical JSON (field and tool order do not matter)', () => {
    const a = policyDigest({ mode: 'evidence', format: 'assisted-by', tools: { copilot: 'strip', claude: 'keep' } }, sha256);
    const b = policyDigest({ tools: { claude: 'keep', copilot: 'strip' }, format: 'assisted-by', mode: 'evidence' }, sha256);
    assert.equal(a, b);
    assert.match(a, /^sha256:[0-9a-f]{64}$/);
    assert.equal(canonicalPolicyJson(DEFAULT_POLICY), '{"format":"assisted-by","mode":"evidence","tools":{}}');
    assert.notEqual(policyDigest(DEFAULT_POLICY, sha256), policyDigest({ ...DEFAULT_POLICY, mode: 'strip' }, sha256));
    // pinned: removal records written before carry this digest of the default policy
    assert.equal(policyDigest(DEFAULT_POLICY, sha256), 'sha256:14e09baa5ee7e90663cceeeb5b10f89f616ecae297f92e3a62b1a424c539b0ea');
  });
});
