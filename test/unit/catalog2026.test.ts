// The 2026-H2 families of the catalog (issue 12): one positive and one negative case per row, each
// negative a look-alike that is not AI-made (a commit *about* a tool, a person named Claude, Devin
// or Jules, a human Assisted-by). Plus evidence scope, autonomy tiers and agent branch names.
import { strict as assert } from 'node:assert';
import { classifyCommit, trailerEvidence } from '../../src/core/detect/classify';
import type { CommitAudit, CommitRecord, Identity } from '../../src/core/model';
import { BODY_MARKERS, BRANCH_PREFIXES, IDENTITIES, TRAILER_KEYS } from '../../src/core/detect/signatures';
import { ISO_AUTOMATION_LEVEL, isoAutomationLevel, isMessageOnly } from '../../src/core/detect/autonomy';
import { summarize } from '../../src/core/history/summary';
import { applyPolicy } from '../../src/core/policy/policy';

const HUMAN: Identity = { name: 'Ada Lovelace', email: 'ada@example.com' };
const GITHUB: Identity = { name: 'GitHub', email: 'noreply@github.com' };

function commit(message: string, author: Identity = HUMAN, committer: Identity = author, parents: string[] = []): CommitRecord {
  return {
    sha: 'b'.repeat(40), parents, author, committer, message, committerTime: 0,
    authorDate: '2026-09-01T00:00:00+00:00', committerDate: '2026-09-01T00:00:00+00:00',
  };
}

function audit(message: string, author?: Identity, committer?: Identity, parents?: string[]): CommitAudit {
  return classifyCommit(commit(message, author, committer, parents));
}

interface Family {
  /** Catalog row id the positive case must produce. */
  row: string;
  yes: { message: string; author?: Identity; committer?: Identity; tools?: string[]; models?: string[] };
  no: { message: string; author?: Identity; committer?: Identity; why: string };
}

const co = (name: string, email: string): string => `Fix the parser\n\nCo-authored-by: ${name} <${email}>\n`;

const FAMILIES: Family[] = [
  // ---- identities -----------------------------------------------------------------------------
  { row: 'warp.oz', yes: { message: co('Oz', 'oz-agent@warp.dev'), tools: ['warp'] },
    no: { message: 'Document the Warp terminal setup\n\nWe use oz-agent@warp.dev in our docs.\n', why: 'an address mentioned in prose' } },
  { row: 'warp.agent', yes: { message: co('Warp', 'agent@warp.dev'), tools: ['warp'] },
    no: { message: co('Warp Smith', 'warp@smith.example'), why: 'a person named Warp' } },
  { row: 'sisyphus.clio', yes: { message: co('Sisyphus', 'clio-agent@sisyphuslabs.ai'), tools: ['sisyphus'] },
    no: { message: 'Strip "Co-authored-by: Sisyphus" lines in our hook\n', why: 'a commit about the trailer' } },
  { row: 'claude.code-address', yes: { message: co('Claude Code', 'claude-code@anthropic.com'), tools: ['claude'] },
    no: { message: co('Claude Code', 'claude.code@example.com'), why: 'a person called Claude Code with their own address' } },
  { row: 'copilot.noreply-github', yes: { message: co('GitHub Copilot', 'noreply@github.com'), tools: ['copilot'] },
    no: { message: 'Merge the release\n', author: HUMAN, committer: GITHUB, why: "GitHub's web-flow committer" } },
  { row: 'copilot.address-named', yes: { message: co('Copilot (gpt-4.1)', 'copilot@github.com'), tools: ['copilot'], models: ['gpt-4.1'] },
    no: { message: 'Explain how VS Code adds Copilot <copilot@github.com>\n', why: 'a commit about the trailer' } },
  { row: 'goose.block', yes: { message: co('Goose', 'opensource@block.xyz'), tools: ['goose'] },
    no: { message: co('Block Open Source', 'opensource@block.xyz'), why: "Block's address without Goose" } },
  { row: 'windsurf.noreply', yes: { message: co('Windsurf', 'noreply@codeium.com'), tools: ['windsurf'] },
    no: { message: co('Windsurf Fan', 'windsurf@example.com'), why: 'an ordinary address' } },
  { row: 'amazon-q.noreply', yes: { message: co('Amazon Q Developer', 'noreply@amazon.com'), tools: ['amazon-q'] },
    no: { message: co('Amazon Web Services', 'noreply@amazon.com'), why: "Amazon's address without Q" } },
  { row: 'cline.noreply', yes: { message: co('Cline', 'noreply@cline.bot'), tools: ['cline'] },
    no: { message: co('Cline Jones', 'cline@jones.example'), why: 'a person named Cline' } },
  { row: 'gemini.cli-agent', yes: { message: co('Gemini CLI Agent', 'gemini-cli-agent@google.com'), tools: ['gemini'] },
    no: { message: co('Gemini Team', 'gemini-team@example.com'), why: 'an ordinary address' } },
  { row: 'pi.noreply', yes: { message: co('Pi', 'noreply@pi.dev'), tools: ['pi'] },
    no: { message: co('Pi Patel', 'pi@patel.example'), why: 'a person named Pi' } },
  { row: 'codebuff.noreply', yes: { message: co('Codebuff', 'noreply@codebuff.com'), tools: ['codebuff'] },
    no: { message: 'Compare Codebuff and Aider\n', why: 'a commit about the tools' } },
  { row: 'codebuff.freebuff', yes: { message: co('Freebuff', 'noreply@freebuff.com'), tools: ['codebuff'] },
    no: { message: 'check out https://github.com/example/freebuff for docs\n', why: 'chaoss: an unrelated repository URL' } },
  { row: 'roo.roomote', yes: { message: 'Add retries\n', author: { name: 'Roomote', email: 'roomote@roocode.com' }, tools: ['roo'] },
    no: { message: 'Add retries\n', author: { name: 'Roo Smith', email: 'roo@smith.example' }, why: 'a person named Roo' } },
  { row: 'coderabbit.bot', yes: { message: '📝 Add docstrings\n', author: { name: 'coderabbitai[bot]', email: '136622811+coderabbitai[bot]@users.noreply.github.com' }, tools: ['coderabbit'] },
    no: { message: 'Configure CodeRabbit reviews\n', why: 'a commit about the tool' } },
  { row: 'qodo.pr-agent', yes: { message: co('codiumai-pr-agent-pro[bot]', '151058649+codiumai-pr-agent-pro[bot]@users.noreply.github.com'), tools: ['qodo'] },
    no: { message: 'Add the PR-Agent workflow\n', why: 'a commit about the tool' } },
  { row: 'identity.model-suffix', yes: { message: 'Fix the parser\n', author: { name: 'Jane Doe (gpt-4o)', email: 'jane@example.com' }, tools: ['codex'], models: ['gpt-4o'] },
    no: { message: 'Fix the parser\n', author: { name: 'Jean (Claude) Dupont', email: 'jean@example.com' }, why: 'a person whose name has Claude in parentheses' } },
  // ---- trailer keys ---------------------------------------------------------------------------
  { row: 'claude.generated-by', yes: { message: 'Fix\n\nClaude-Generated-By: Claude Code (cli=92%)\n', tools: ['claude'] },
    no: { message: 'Remove the Claude-Generated-By trailer from the docs\n', why: 'a commit about the trailer' } },
  { row: 'claude.session-stats', yes: { message: 'Fix\n\nClaude-Steers: 3\nClaude-Escapes: 0\n', tools: ['claude'] },
    no: { message: 'Fix\n\nSteers: 3\n', why: 'an unrelated key' } },
  { row: 'replit.author', yes: { message: 'this is a commit message with\nReplit-Commit-Author: Agent', tools: ['replit'] },
    no: { message: 'this is a commit message with\nReplit-Commit-Author: SomeOtherReplitProduct', why: 'chaoss: another Replit product' } },
  { row: 'entire.trailer', yes: { message: 'feat: Add user authentication\n\nEntire-Checkpoint: a3b2c4d5e6f7\n', tools: ['entire'] },
    no: { message: 'this is a commit message with\nEntire-Metadata mentioned', why: 'chaoss: a mention, not a trailer' } },
  { row: 'key.ai-assisted', yes: { message: 'Initial commit\n\nCo-authored-by: Claude Code <noreply@anthropic.com>\nAi-assisted: true\n', tools: ['claude', 'unknown-ai'] },
    no: { message: 'Fix\n\nAI-Assisted: no\n', why: 'a negative flag' } },
  { row: 'cursor.made-with', yes: { message: 'Fix\n\nMade-with: Cursor\n', tools: ['cursor'] },
    no: { message: 'Fix\n\nMade-with: love\n', why: 'a generic key naming no AI' } },
  { row: 'key.co-authored-by-ai', yes: { message: 'Fix\n\nCo-authored-by-AI: IBM Bob (granite)\n', tools: ['unknown-ai'] },
    no: { message: 'Fix\n\nCo-authored-by: IBM Bob <bob@ibm.example>\n', why: 'a person as co-author' } },
  { row: 'key.assisted-by', yes: { message: 'this is a commit message with\nAssisted-By: Kimi K2.6', tools: ['unknown-ai'], models: ['Kimi K2.6'] },
    no: { message: 'Fix\n\nAssisted-by: Waldek Maleska\n', why: 'a person (no tool, no model, no address)' } },
  // ---- message lines --------------------------------------------------------------------------
  { row: 'codebuff.generated-with', yes: { message: 'fix: update handler\n\n\u{1F916} Generated with Codebuff', tools: ['codebuff'] },
    no: { message: 'Write a blog post: generated with care\n', why: 'ordinary prose' } },
  { row: 'sisyphus.ultraworked', yes: { message: 'Refactor HUD\n\nUltraworked with [Sisyphus](https://github.com/code-yeongyu/oh-my-openagent)\n', tools: ['sisyphus'] },
    no: { message: 'Refactor HUD\n\nWe ultraworked on this with the whole team.\n', why: 'ordinary prose' } },
  { row: 'claude.author-line', yes: { message: 'Add the dashboard\n\n\u270D\uFE0F Author: Claude Code with Dame Williams\n', tools: ['claude'] },
    no: { message: 'Add the dashboard\n\nAuthor: Claude Monet\n', why: 'a person named Claude' } },
  { row: 'claude.session-link', yes: { message: 'Fix\n\nhttps://claude.ai/code/session_01AbCdEf\n', tools: ['claude'] },
    no: { message: 'Fix\n\nSee https://claude.ai/pricing for the plans we compared.\n', why: 'a link about the product' } },
  { row: 'copilot.workspace-session', yes: { message: 'Add overview (#41)\n\nFor more details, open the [Copilot Workspace session](https://copilot-workspace.githubnext.com/acme/app?shareId=920d0431-29d7-4c5e-9a1d-b3721ec42a4b).\n', tools: ['copilot'] },
    no: { message: 'Link the Copilot Workspace docs\n\nhttps://copilot-workspace.githubnext.com/\n', why: 'a link to the product' } },
  { row: 'aider.chat-conversation', yes: { message: 'aider: Added audio feature.\n\n# Aider chat conversation:\n\nUSER: add audio\n\nASSISTANT: Sure.\n', tools: ['aider'] },
    no: { message: 'Docs: what aider writes\n\nAider used to append its chat conversation to commits.\n', why: 'a commit about aider' } },
  { row: 'aider.chat-transcript', yes: { message: 'Added a blank line check\n\nUSER: skip blank lines\n\nASSISTANT: I changed the parser to skip blank lines.\n', tools: ['aider'] },
    no: { message: 'Add chat roles\n\nASSISTANT: the role of the bot in our chat UI\n', why: 'an ASSISTANT: line without a USER: line' } },
  { row: 'aider.subject-prefix-capital', yes: { message: 'Aider: refactor auth module', tools: ['aider'] },
    no: { message: 'raider: fix the tests', why: 'chaoss: aider as part of a word' } },
];

describe('catalog 2026-H2 families: each row has a positive and a negative case', () => {
  for (const f of FAMILIES) {
    it(`${f.row}: recognised`, () => {
      const a = audit(f.yes.message, f.yes.author, f.yes.committer);
      assert.equal(a.verdict, 'assisted', JSON.stringify(a.evidence));
      assert.ok(a.evidence.some((e) => e.signature === f.row || e.signature.endsWith(`+${f.row}`)), `${f.row}: ${JSON.stringify(a.evidence)}`);
      if (f.yes.tools) assert.deepEqual(a.tools, f.yes.tools);
      if (f.yes.models) assert.deepEqual(a.models, f.yes.models);
    });
    it(`${f.row}: not fooled by ${f.no.why}`, () => {
      const a = audit(f.no.message, f.no.author, f.no.committer);
      assert.ok(!a.evidence.some((e) => e.signature === f.row || e.signature.endsWith(`+${f.row}`)), JSON.stringify(a.evidence));
      assert.equal(a.verdict, 'none', JSON.stringify(a.evidence));
    });
  }

  it('covers every new row of the catalog', () => {
    const covered = new Set(FAMILIES.map((f) => f.row));
    const fresh = [...IDENTITIES, ...TRAILER_KEYS, ...BODY_MARKERS].map((r) => r.id).filter((id) => NEW_ROWS.includes(id));
    assert.deepEqual(fresh.filter((id) => !covered.has(id)), []);
  });
});

/** Rows added for issue 12 (the test above keeps this list and FAMILIES in step). */
const NEW_ROWS = [
  'warp.oz', 'warp.agent', 'sisyphus.clio', 'claude.code-address', 'copilot.noreply-github', 'copilot.address-named',
  'goose.block', 'windsurf.noreply', 'amazon-q.noreply', 'cline.noreply', 'gemini.cli-agent', 'pi.noreply',
  'codebuff.noreply', 'codebuff.freebuff', 'roo.roomote', 'coderabbit.bot', 'qodo.pr-agent', 'identity.model-suffix',
  'claude.generated-by', 'claude.session-stats', 'codebuff.generated-with', 'sisyphus.ultraworked', 'claude.author-line',
  'claude.session-link', 'copilot.workspace-session', 'aider.chat-conversation', 'aider.chat-transcript',
  'aider.subject-prefix-capital',
];

describe("VS Code's sticky form is exactly `Copilot <copilot@github.com>`", () => {
  it('with a model in the name it is not VS Code (VS Code never writes one): assisted, not sticky', () => {
    const [e] = trailerEvidence('Co-authored-by', 'Copilot (gpt-4.1) <copilot@github.com>');
    assert.equal(e?.sticky, undefined);
    assert.equal(e?.model, 'gpt-4.1');
    assert.equal(audit(co('Copilot (gpt-4.1)', 'copilot@github.com')).verdict, 'assisted');
  });
  it('the exact VS Code line stays sticky (unverified)', () => {
    const [e] = trailerEvidence('Co-authored-by', 'Copilot <copilot@github.com>');
    assert.equal(e?.sticky, true);
    assert.equal(e?.signature, 'vscode.addAICoAuthor');
    assert.equal(audit(co('Copilot', 'copilot@github.com')).verdict, 'unverified');
  });
});

describe('GitHub bot ids (chaoss/disclosure numeric-prefix matching, issue #4)', () => {
  it('the id alone (a renamed bot) matches one step lower', () => {
    const a = audit('x\n', { name: 'renamed', email: '209825114+renamed-claude-bot@users.noreply.github.com' });
    assert.deepEqual(a.tools, ['claude']);
    assert.equal(a.evidence[0]?.confidence, 'medium');
  });
  it('an app login with another id matches one step lower', () => {
    const a = audit('x\n', { name: 'Devin', email: '12345+devin-ai-integration[bot]@users.noreply.github.com' });
    assert.deepEqual(a.tools, ['devin']);
    assert.equal(a.evidence[0]?.confidence, 'medium');
  });
  it('unknown ids and person logins match nothing', () => {
    for (const email of ['999999999+someone@users.noreply.github.com', '12345+user@users.noreply.github.com',
      '81847+claude@users.noreply.github.com', '999+codex@users.noreply.github.com']) {
      assert.equal(audit('x\n', { name: 'x', email }).verdict, 'none', email);
    }
  });
});

describe('Assisted-by: a value naming no AI and no address is a person', () => {
  const cases: [string, string[] | 'none'][] = [
    ['Waldek Maleska', 'none'], ['my colleague Bob', 'none'], ['Bob:helpful', 'none'], ['JustAName', 'none'],
    ['Jane Doe <jane@example.com>', 'none'], ['coccinelle', 'none'],
    ['Claude:claude-3-opus coccinelle sparse', ['claude']], ['My Cool Agent:v1.2.3 coccinelle sparse', ['unknown-ai']],
    ['generic LLM chatbot', ['unknown-ai']], ['ChatGPTv5', ['codex']], ['Kimi K2.6 (unit tests, integration tests)', ['unknown-ai']],
    ['DeepSeek-V3', ['unknown-ai']], ['Claude 4.7 Opus (logic optimization and design fixes)', ['claude']],
  ];
  for (const [value, tools] of cases) {
    it(`${value} → ${tools === 'none' ? 'a person' : tools.join(',')}`, () => {
      const a = audit(`x\n\nAssisted-by: ${value}\n`);
      if (tools === 'none') assert.equal(a.verdict, 'none', JSON.stringify(a.evidence));
      else assert.deepEqual(a.tools, tools);
    });
  }
  it('an AI-specific key still reads an unknown name as AI', () => {
    assert.deepEqual(audit('x\n\nAI-Tool: Waldek\n').tools, ['unknown-ai']);
  });
});

describe('evidence scope: code or message', () => {
  const aider = { name: 'Jane Doe (aider)', email: 'jane@example.com' };
  it("aider's mark on the committer alone is message scope", () => {
    const a = audit('Fix the parser\n', HUMAN, aider);
    assert.equal(a.verdict, 'assisted');
    assert.deepEqual(a.evidence.map((e) => [e.kind, e.scope]), [['committer', 'message']]);
    assert.ok(isMessageOnly(a));
    assert.equal(a.autonomy, 'agent-committed');
  });
  it('on the author it is code scope (also on the committer then)', () => {
    const a = audit('Fix the parser\n', aider, aider);
    assert.deepEqual(a.evidence.map((e) => [e.kind, e.scope]), [['author', 'code'], ['committer', 'code']]);
    assert.ok(!isMessageOnly(a));
    assert.equal(a.autonomy, 'agent-authored');
  });
  it('every evidence of an audit has a scope', () => {
    const a = audit('x\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n');
    assert.ok(a.evidence.every((e) => e.scope === 'code'));
  });
  it('the summary counts message-only commits apart', () => {
    const s = summarize([audit('Fix\n', HUMAN, aider), audit('Fix\n', aider, aider), audit('Fix\n')]);
    assert.equal(s.assisted, 2);
    assert.equal(s.messageOnly, 1);
  });
});

describe('autonomy tier per commit', () => {
  const copilotAgent = { name: 'copilot-swe-agent[bot]', email: '198982749+Copilot@users.noreply.github.com' };
  const cases: [string, CommitAudit, string | undefined][] = [
    ['agent account authored', audit('Initial plan\n', copilotAgent, GITHUB), 'agent-authored'],
    ['agent footer', audit('Fix\n\n\u{1F916} Generated with [Claude Code](https://claude.com/claude-code)\n'), 'agent-committed'],
    ["the tool's own session trailer", audit('Fix\n\nAmp-Thread-ID: https://ampcode.com/threads/T-0198f1d2-7c3b-7a11-9c7e-2b7e2f3c4d5e\n'), 'agent-committed'],
    ['co-author trailer only', audit(co('Cursor', 'cursoragent@cursor.com')), 'co-authored'],
    ['Assisted-by only', audit('Fix\n\nAssisted-by: Claude:claude-3-opus\n'), 'co-authored'],
    ["VS Code's sticky trailer alone", audit(co('Copilot', 'copilot@github.com')), undefined],
    ['no evidence', audit('Fix\n'), undefined],
  ];
  for (const [name, a, tier] of cases) it(`${name} → ${tier ?? 'none'}`, () => assert.equal(a.autonomy, tier));

  it('maps to SPDX 3.1 isoAutomationLevel', () => {
    assert.equal(isoAutomationLevel(cases[0]?.[1].evidence ?? []), ISO_AUTOMATION_LEVEL['agent-authored']);
    assert.equal(isoAutomationLevel(cases[3]?.[1].evidence ?? []), 'assistiveAutomation');
    assert.equal(isoAutomationLevel([]), undefined);
  });
});

describe('agent branch names in merge subjects (low confidence, kind branch)', () => {
  const merge = (subject: string): CommitAudit => audit(`${subject}\n\nFix the parser\n`, HUMAN, HUMAN, ['c'.repeat(40), 'd'.repeat(40)]);
  for (const row of BRANCH_PREFIXES) {
    it(`${row.prefix} in a GitHub merge subject`, () => {
      const a = merge(`Merge pull request #12 from acme/${row.prefix}fix-parser`);
      assert.deepEqual(a.evidence.map((e) => [e.kind, e.tool, e.confidence, e.signature]), [['branch', row.tool, 'low', row.id]]);
      assert.equal(a.verdict, 'assisted');
    });
  }
  it("git's and GitLab's merge subjects", () => {
    assert.deepEqual(merge("Merge branch 'claude/add-tests' into main").tools, ['claude']);
    assert.deepEqual(merge("Merge remote-tracking branch 'origin/codex/fix-bug'").tools, ['codex']);
  });
  it('not a prefix, not a merge subject, or a prefix alone: nothing', () => {
    for (const s of ['Merge pull request #3 from acme/fix-codex-typo', 'Merge pull request #3 from acme/codexterity-branch',
      "Merge branch 'feature/add-login'", 'Add copilot/ to the ignore list', 'Merge pull request #4 from acme/copilot/']) {
      assert.equal(merge(s).verdict, 'none', s);
    }
  });
});

describe("git's configured trailer keys reach the catalog", () => {
  it('an abbreviated key renamed by trailer.<name>.key is read as the key git prints', () => {
    const c = commit('Fix\n\nco: Claude <noreply@anthropic.com>\n');
    assert.equal(classifyCommit(c).verdict, 'none');
    const a = classifyCommit(c, { trailers: { items: [{ name: 'co', key: 'Co-authored-by' }] } });
    assert.deepEqual(a.tools, ['claude']);
    assert.equal(a.evidence[0]?.detail, 'Co-authored-by: Claude <noreply@anthropic.com>');
  });
});

describe('the policy and the new message lines', () => {
  it("strip removes the new marker lines, but never a lone ASSISTANT: line (aider's transcripts need the whole message)", () => {
    const out = applyPolicy('Fix\n\nASSISTANT: the role of the bot\n\nUltraworked with [Sisyphus](https://github.com/code-yeongyu/oh-my-openagent)\n', [],
      { mode: 'strip', tools: {}, format: 'assisted-by' });
    assert.equal(out.action, 'rewritten');
    assert.equal(out.action === 'rewritten' ? out.message : '', 'Fix\n\nASSISTANT: the role of the bot\n');
  });
});
