// The kernel's Assisted-by grammar (checkpatch.pl, upstream d1db4118489f: warn unless /^\S+:\S+/),
// and when `check` and the hook warn about it: a policy requiring disclosure in the assisted-by format.
import { strict as assert } from 'node:assert';
import { assistedByProblem, assistedByWarnings, requiresAssistedBy } from '../../src/core/policy/kernelGrammar';
import { DEFAULT_POLICY, type Policy } from '../../src/core/policy/policySchema';

const REQUIRE: Policy = { mode: 'require', tools: {}, format: 'assisted-by' };

describe("kernel Assisted-by grammar (checkpatch's ^\\S+:\\S+)", () => {
  const ok = ['Claude:claude-3-opus coccinelle sparse', 'Claude:claude-3-opus', 'GitHub-Copilot:gpt-5', 'My-Agent:v1.2.3 sparse', '  Claude:x'];
  const bad: [string, RegExp][] = [
    ['Claude Code:GLM-5.2', /blanks/], // the case checkpatch reported on netfilter (a space in AGENT)
    ['GitHub Copilot:Claude Opus 4.6', /blanks/],
    ['Claude coccinelle sparse', /no AGENT:MODEL/],
    ['JustAName', /no AGENT:MODEL/],
    [':missing-agent', /blanks|no AGENT/],
    ['Claude: claude-3-opus', /blanks/],
    ['Jane Doe <jane@example.com>', /e-mail/],
    ['', /empty/],
  ];
  for (const v of ok) it(`accepts ${JSON.stringify(v)}`, () => assert.equal(assistedByProblem(v), undefined));
  for (const [v, why] of bad) it(`warns on ${JSON.stringify(v)}`, () => assert.match(assistedByProblem(v) ?? '', why));
});

describe('assistedByWarnings', () => {
  const message = 'Fix\n\nAssisted-by: Claude Code:claude-opus-4-6\nassisted-by: Claude:claude-opus-4-6\nSigned-off-by: A <a@example.com>\n';
  it('warns once per trailer that breaks the grammar, under require + assisted-by', () => {
    const w = assistedByWarnings(message, REQUIRE);
    assert.equal(w.length, 1);
    assert.match(w[0] as string, /^"Assisted-by: Claude Code:claude-opus-4-6" has blanks/);
    assert.match(w[0] as string, /AGENT_NAME:MODEL_VERSION/);
  });
  it('a per-tool require counts too', () => {
    assert.ok(requiresAssistedBy({ ...DEFAULT_POLICY, tools: { claude: 'require' } }));
    assert.equal(assistedByWarnings(message, { ...DEFAULT_POLICY, tools: { claude: 'require' } }).length, 1);
  });
  it('says nothing under other modes or formats, or outside the trailer block', () => {
    assert.deepEqual(assistedByWarnings(message, DEFAULT_POLICY), []);
    assert.deepEqual(assistedByWarnings(message, { ...REQUIRE, format: 'co-authored-by' }), []);
    assert.deepEqual(assistedByWarnings('Fix\n\nAssisted-by: Claude Code:x in prose\nmore prose\n', REQUIRE), []);
  });
});
