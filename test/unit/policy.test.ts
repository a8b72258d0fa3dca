// applyPolicy: every mode × message kind × recorded evidence; team file locks; trailer formats.
// (attributionPolicy.test.ts: classes, backing, inheritance, removal records, byte-exact edits.)
import { strict as assert } from 'node:assert';
import { applyPolicy, type PolicyOutcome, type RecordedTool } from '../../src/core/policy/policy';
import { DEFAULT_POLICY, MODES, type Mode, type Policy } from '../../src/core/policy/policySchema';
import { parseTeamFile, resolvePolicy, PolicyFileError } from '../../src/core/policy/policyResolve';
import { ASSISTED_BY_AGENT, formatTrailer } from '../../src/core/policy/trailerWriter';
import { assistedByProblem } from '../../src/core/policy/kernelGrammar';
import { classifyCommit } from '../../src/core/detect/classify';
import { TOOL_IDS, type ToolId } from '../../src/core/model';

const ROBOT = '\u{1F916}';
const MESSAGES = {
  vscode: 'Fix the parser\n\nCo-authored-by: Copilot <copilot@github.com>\n',
  claude: `Fix the parser\n\nLonger explanation.\n\n${ROBOT} Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude Opus 4.6 <noreply@anthropic.com>\n`,
  human: 'Fix the parser\n\nCo-authored-by: Jane Doe <jane@example.com>\n',
  none: 'Fix the parser\n',
};
type Kind = keyof typeof MESSAGES;

const EVIDENCE: Record<Kind, RecordedTool> = {
  vscode: { tool: 'copilot', models: [], files: ['src/a.ts'] },
  claude: { tool: 'claude', models: ['claude-opus-4-6'], files: ['src/a.ts'] },
  human: { tool: 'claude', models: ['claude-opus-4-6'], files: ['src/a.ts'] },
  none: { tool: 'claude', models: ['claude-opus-4-6'], files: ['src/a.ts'] },
};

type Expect = 'same' | 'reject' | { without: string[]; with?: string[] };

/** Expected outcome per mode → message kind → [without evidence, with evidence]. */
const EXPECT: Record<Mode, Record<Kind, [Expect, Expect]>> = {
  keep: { vscode: ['same', 'same'], claude: ['same', 'same'], human: ['same', 'same'], none: ['same', 'same'] },
  strip: {
    vscode: [{ without: ['Copilot <copilot@github.com>'] }, { without: ['Copilot <copilot@github.com>'] }],
    claude: [{ without: ['Generated with', 'noreply@anthropic.com'] }, { without: ['Generated with', 'noreply@anthropic.com'] }],
    human: ['same', 'same'],
    none: ['same', 'same'],
  },
  evidence: {
    // VS Code's editor-added trailer goes without evidence; an agent's own (self-attested) lines always stay.
    vscode: [{ without: ['Copilot <copilot@github.com>'] }, 'same'],
    claude: ['same', 'same'],
    human: ['same', { without: [], with: ['Co-authored-by: Jane Doe <jane@example.com>\nAssisted-by: Claude-Code:claude-opus-4-6\n'] }],
    none: ['same', { without: [], with: ['Fix the parser\n\nAssisted-by: Claude-Code:claude-opus-4-6\n'] }],
  },
  require: {
    vscode: ['same', 'same'], claude: ['same', 'same'], human: ['same', 'reject'], none: ['same', 'reject'],
  },
  forbid: {
    vscode: ['reject', 'reject'], claude: ['reject', 'reject'], human: ['same', 'reject'], none: ['same', 'reject'],
  },
};

function check(out: PolicyOutcome, input: string, expect: Expect): void {
  if (expect === 'reject') {
    assert.equal(out.action, 'reject');
    if (out.action === 'reject') assert.ok(out.reasons.every((r) => r.length > 20));
    return;
  }
  if (expect === 'same') {
    assert.equal(out.action, 'unchanged', JSON.stringify(out));
    return;
  }
  assert.equal(out.action, 'rewritten', JSON.stringify(out));
  if (out.action !== 'rewritten') return;
  for (const gone of expect.without) assert.ok(!out.message.includes(gone), `"${gone}" removed from ${JSON.stringify(out.message)}`);
  for (const present of expect.with ?? []) assert.ok(out.message.includes(present), `${JSON.stringify(present)} in ${JSON.stringify(out.message)}`);
  assert.ok(out.message.startsWith('Fix the parser\n'));
  assert.ok(!/\n\n\n/.test(out.message), 'no doubled blank lines');
  assert.ok(out.message.endsWith('\n') && !out.message.endsWith('\n\n'), 'one final newline');
  assert.ok(input.length > 0);
}

describe('applyPolicy matrix (mode × message × evidence)', () => {
  for (const mode of MODES) {
    for (const kind of Object.keys(MESSAGES) as Kind[]) {
      for (const [i, label] of ['without', 'with'].entries()) {
        it(`${mode} · ${kind} · ${label} recorded evidence`, () => {
          const recorded = i === 1 ? [EVIDENCE[kind]] : [];
          const out = applyPolicy(MESSAGES[kind], recorded, { ...DEFAULT_POLICY, mode });
          check(out, MESSAGES[kind], EXPECT[mode][kind][i] as Expect);
        });
      }
    }
  }
});

describe('applyPolicy details', () => {
  const policy = (p: Partial<Policy>): Policy => ({ ...DEFAULT_POLICY, ...p });

  it('per-tool overrides: keep claude, strip copilot', () => {
    const msg = 'x\n\nCo-authored-by: Copilot <copilot@github.com>\nCo-Authored-By: Claude <noreply@anthropic.com>\n';
    const out = applyPolicy(msg, [], policy({ mode: 'keep', tools: { copilot: 'strip' } }));
    assert.equal(out.action === 'rewritten' && out.message, 'x\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n');
  });

  it('keeps human trailers, comments and the scissors part byte for byte', () => {
    const msg = 'x\n\nCo-authored-by: Copilot <copilot@github.com>\nSigned-off-by: A <a@example.com>\n\n# Please enter the commit message\n# ------------------------ >8 ------------------------\ndiff --git a/f b/f\n';
    const out = applyPolicy(msg, [], policy({ mode: 'strip' }));
    assert.equal(out.action === 'rewritten' && out.message,
      'x\n\nSigned-off-by: A <a@example.com>\n\n# Please enter the commit message\n# ------------------------ >8 ------------------------\ndiff --git a/f b/f\n');
  });

  it('keeps CRLF line endings', () => {
    const out = applyPolicy('x\r\n\r\nCo-authored-by: Copilot <copilot@github.com>\r\nSigned-off-by: A <a@b.c>\r\n', [], policy({ mode: 'strip' }));
    assert.equal(out.action === 'rewritten' && out.message, 'x\r\n\r\nSigned-off-by: A <a@b.c>\r\n');
  });

  it('removes a folded trailer with its continuation lines', () => {
    const out = applyPolicy('x\n\nAssisted-by: Claude:claude-3-opus\n  coccinelle sparse\nSigned-off-by: A <a@b.c>\n', [], policy({ mode: 'strip' }));
    assert.equal(out.action === 'rewritten' && out.message, 'x\n\nSigned-off-by: A <a@b.c>\n');
  });

  it('does not add a duplicate when the tool is already disclosed in another form', () => {
    const msg = 'x\n\nAssisted-by: Claude:claude-3-opus\n';
    assert.equal(applyPolicy(msg, [{ tool: 'claude', models: ['claude-opus-4-6'], files: [] }], policy({})).action, 'unchanged');
  });

  it('never turns an empty message (an aborted commit) into a trailer-only one', () => {
    const msg = '\n# Please enter the commit message for your changes.\n';
    assert.equal(applyPolicy(msg, [EVIDENCE.none], policy({})).action, 'unchanged');
  });

  it('adds before trailing comments and keeps them; the model survives as a co-author name', () => {
    const msg = 'x\n\nbody\n\n# comment\n';
    const out = applyPolicy(msg, [EVIDENCE.none], policy({ format: 'co-authored-by' }));
    assert.equal(out.action === 'rewritten' && out.message, 'x\n\nbody\n\nCo-authored-by: claude-opus-4-6 <noreply@anthropic.com>\n\n# comment\n');
  });

  it('the prepare stage only adds, never removes or rejects', () => {
    const msg = MESSAGES.vscode;
    assert.equal(applyPolicy(msg, [], policy({ mode: 'strip' }), { stage: 'prepare' }).action, 'unchanged');
    assert.equal(applyPolicy(MESSAGES.none, [EVIDENCE.none], policy({ mode: 'require' }), { stage: 'prepare' }).action, 'unchanged');
    assert.equal(applyPolicy(MESSAGES.none, [EVIDENCE.none], policy({}), { stage: 'prepare' }).action, 'rewritten');
  });

  it('rejection reasons say exactly what to change', () => {
    const out = applyPolicy(MESSAGES.none, [EVIDENCE.none], policy({ mode: 'require' }));
    assert.equal(out.action, 'reject');
    assert.match(out.action === 'reject' ? out.reasons[0] ?? '' : '', /add the trailer "Assisted-by: Claude-Code:claude-opus-4-6"/);
  });
});

describe('formatTrailer', () => {
  it('every tool × format round-trips through the classifier to the same tool, never as the sticky VS Code trailer', () => {
    for (const tool of TOOL_IDS) {
      for (const format of ['co-authored-by', 'assisted-by', 'generated-by'] as const) {
        for (const model of [undefined, 'gpt-5.1 (high)']) {
          const line = formatTrailer(format, tool as ToolId, model);
          const audit = classifyCommit({
            sha: 'a'.repeat(40), parents: [], author: { name: 'A', email: 'a@example.com' }, committer: { name: 'A', email: 'a@example.com' },
            authorDate: '', committerDate: '', committerTime: 0, message: `x\n\n${line}\n`,
          });
          assert.equal(audit.verdict, 'assisted', `${line}`);
          // unknown-ai with a model reads back as the model's vendor family (a model names its vendor)
          const expected = tool === 'unknown-ai' && model ? 'codex' : tool;
          assert.ok(audit.tools.includes(expected as ToolId), `${line} → ${audit.tools.join(',')}`);
          if (model && tool !== 'unknown-ai' && format !== 'co-authored-by') assert.ok(audit.models.length === 1, `${line} names a model`);
        }
      }
    }
  });

  it("assisted-by follows the kernel's grammar: AGENT:MODEL with no blank in AGENT, the agent alone without a model", () => {
    for (const tool of TOOL_IDS) {
      const agent = ASSISTED_BY_AGENT[tool as ToolId];
      assert.match(agent, /^[^\s:]+$/, `${tool}: ${agent}`);
      const withModel = formatTrailer('assisted-by', tool as ToolId, 'Claude Opus 4.6: 1M');
      assert.equal(withModel, `Assisted-by: ${agent}:Claude-Opus-4.6--1M`);
      assert.equal(assistedByProblem(withModel.slice('Assisted-by: '.length)), undefined, withModel);
      // honest: no model is known, so none is written (checkpatch would warn; the README says so)
      assert.equal(formatTrailer('assisted-by', tool as ToolId), `Assisted-by: ${agent}`);
    }
    assert.equal(formatTrailer('assisted-by', 'claude', 'claude-opus-4-6'), 'Assisted-by: Claude-Code:claude-opus-4-6');
    assert.equal(formatTrailer('assisted-by', 'copilot', 'gpt-4.1'), 'Assisted-by: GitHub-Copilot:gpt-4.1');
    assert.equal(formatTrailer('generated-by', 'claude', 'claude-opus-4-6'), 'Generated-by: Claude Code (claude-opus-4-6)', 'the ASF form is unchanged');
    assert.equal(formatTrailer('co-authored-by', 'claude', 'claude-opus-4-6'), 'Co-authored-by: claude-opus-4-6 <noreply@anthropic.com>');
  });

  it('lines an older version wrote with the display name still read as the same tool and model', () => {
    const read = (line: string) => classifyCommit({
      sha: 'a'.repeat(40), parents: [], author: { name: 'A', email: 'a@example.com' }, committer: { name: 'A', email: 'a@example.com' },
      authorDate: '', committerDate: '', committerTime: 0, message: `x\n\n${line}\n`,
    });
    for (const [line, tool, models] of [
      ['Assisted-by: Claude-Code:claude-opus-4-6', 'claude', ['claude-opus-4-6']],
      ['Assisted-by: Claude-Code', 'claude', []],
      ['Assisted-by: GitHub-Copilot:gpt-4.1', 'copilot', ['gpt-4.1']],
      ['Assisted-by: Amazon Q Developer', 'amazon-q', []],
      ['Assisted-by: Pi coding agent:pi-1', 'pi', ['pi-1']],
    ] as const) {
      const audit = read(line);
      assert.equal(audit.verdict, 'assisted', line);
      assert.deepEqual(audit.tools, [tool], line);
      assert.deepEqual(audit.models, models, line);
    }
    // such a line still discloses the tool: no second trailer in the new form, no rejection under require
    const old = 'Fix the parser\n\nAssisted-by: Claude Code:claude-opus-4-6\n';
    assert.equal(applyPolicy(old, [EVIDENCE.none], DEFAULT_POLICY).action, 'unchanged');
    assert.equal(applyPolicy(old, [EVIDENCE.none], { ...DEFAULT_POLICY, mode: 'require' }).action, 'unchanged');
  });
});

describe('team file and locks', () => {
  it('reports the file, the field and the allowed values', () => {
    const bad: [string, RegExp][] = [
      ['{"mode": "ban"}', /\.ai-provenance\.json: "mode" must be one of keep, strip, evidence, require, forbid \(got "ban"\)/],
      ['{"format": "signed-off-by"}', /"format" must be one of co-authored-by, assisted-by, generated-by/],
      ['{"locked": ["colour"]}', /"locked\.0" must be one of mode, tools, format/],
      ['{"tools": {"claude": "nope"}}', /"tools\.claude" must be one of keep, strip/],
      ['{"tools": {"skynet": "keep"}}', /unknown tool id "skynet"/],
      ['{"mood": "keep"}', /unknown field "mood"/],
      ['{"mode": ', /not valid JSON/],
      ['[]', /must be a JSON object/],
    ];
    for (const [text, re] of bad) {
      assert.throws(() => parseTeamFile(text), (e: unknown) => e instanceof PolicyFileError && re.test(e.message), text);
    }
  });

  it('user settings override an unlocked team value', () => {
    const team = parseTeamFile('{"mode": "require", "format": "generated-by"}');
    assert.deepEqual(resolvePolicy(team, { mode: 'keep', format: 'co-authored-by' }).policy, { mode: 'keep', format: 'co-authored-by', tools: {} });
  });

  it('a locked mode can be tightened, never loosened', () => {
    const team = parseTeamFile('{"mode": "evidence", "locked": ["mode"]}');
    assert.equal(resolvePolicy(team, { mode: 'require' }).policy.mode, 'require');
    const loosened = resolvePolicy(team, { mode: 'keep' });
    assert.equal(loosened.policy.mode, 'evidence');
    assert.match(loosened.ignored[0]?.reason ?? '', /would loosen the mode "evidence" locked by \.ai-provenance\.json/);
    const strip = parseTeamFile('{"mode": "strip", "locked": ["mode"]}');
    assert.equal(resolvePolicy(strip, { mode: 'forbid' }).policy.mode, 'forbid');
    assert.equal(resolvePolicy(strip, { mode: 'evidence' }).policy.mode, 'strip');
  });

  it('a locked mode also guards per-tool overrides; locked format and tools stay', () => {
    const team = parseTeamFile('{"mode": "require", "format": "assisted-by", "tools": {"copilot": "strip"}, "locked": ["mode", "format", "tools"]}');
    const r = resolvePolicy(team, { format: 'co-authored-by', tools: { claude: 'keep', copilot: 'forbid' } });
    assert.equal(r.policy.format, 'assisted-by');
    assert.equal(r.policy.tools.claude, undefined);
    assert.equal(r.policy.tools.copilot, 'forbid');
    assert.deepEqual(r.ignored.map((i) => i.field).sort(), ['format', 'tools.claude']);
  });
});
