// Parity with chaoss/disclosure's own detection tests (detection/trailer/trailer_test.go,
// detection/committer/committer_test.go, detection/branchname/branchname_test.go; MIT, read at
// commit 03bcc268): the same messages and identities, the same answer to "is this AI, and which
// tool". Their tool names map to our ids; scores and confidences are not compared (different
// scales). Where we answer differently on purpose, the case says so.
import { strict as assert } from 'node:assert';
import { branchEvidence, classifyCommit } from '../../src/core/detect/classify';
import type { CommitRecord, Identity, ToolId } from '../../src/core/model';

const HUMAN: Identity = { name: 'Ada Lovelace', email: 'ada@example.com' };

function tools(message: string, author: Identity = HUMAN, committer: Identity = author): ToolId[] {
  const commit: CommitRecord = {
    sha: 'e'.repeat(40), parents: [], author, committer, message, committerTime: 0,
    authorDate: '2026-09-01T00:00:00+00:00', committerDate: '2026-09-01T00:00:00+00:00',
  };
  const a = classifyCommit(commit);
  return a.verdict === 'none' ? [] : a.tools;
}

/** [test name in trailer_test.go, message, our tools (sorted); [] = not AI]. */
const TRAILER_TESTS: [string, string, ToolId[]][] = [
  ['coauthor: Claude trailer with Opus model', 'fix: update handler\n\nCo-Authored-By: Claude Opus 4 <noreply@anthropic.com>', ['claude']],
  ['coauthor: Claude trailer with Sonnet model', 'fix: update handler\n\nCo-Authored-By: Claude Sonnet 4 <noreply@anthropic.com>', ['claude']],
  ['coauthor: Cursor trailer', 'refactor: extract method\n\nCo-Authored-By: Cursor <cursoragent@cursor.com>', ['cursor']],
  ['coauthor: Aider trailer with model name', 'feat: add endpoint\n\nCo-Authored-By: aider (gpt-4o) <noreply@aider.chat>', ['aider']],
  ['coauthor: Aider trailer with different model', 'feat: add endpoint\n\nCo-Authored-By: aider (claude-3.5-sonnet) <noreply@aider.chat>', ['aider']],
  ['coauthor: Cursor trailer with parenthesized model', 'refactor: extract method\n\nCo-Authored-By: Cursor (composer 2.5) <cursoragent@cursor.com>', ['cursor']],
  ['coauthor: Copilot trailer with parenthesized model', 'feat: add endpoint\n\nCo-Authored-By: Copilot (gpt-4.1) <copilot@github.com>', ['copilot']],
  ['coauthor: Claude trailer with parenthesized model', 'fix: update handler\n\nCo-Authored-By: Claude Code (Opus 4.1) <noreply@anthropic.com>', ['claude']],
  ['coauthor: multiple trailers with Claude and human', 'fix: bug\n\nCo-Authored-By: Claude Opus 4 <noreply@anthropic.com>\nCo-Authored-By: Alice <alice@example.com>', ['claude']],
  ['coauthor: multiple AI trailers', 'fix: bug\n\nCo-Authored-By: Claude Opus 4 <noreply@anthropic.com>\nCo-Authored-By: aider (gpt-4o) <noreply@aider.chat>', ['aider', 'claude']],
  ['coauthor: same tool with distinct models', 'fix: bug\n\nCo-Authored-By: Claude Opus 4 <noreply@anthropic.com>\nCo-Authored-By: Claude Sonnet 4 <noreply@anthropic.com>', ['claude']],
  ['coauthor: same tool and model deduplicated', 'fix: bug\n\nCo-Authored-By: Claude Opus 4 <noreply@anthropic.com>\nCo-Authored-By: Claude Opus 4 <noreply@anthropic.com>', ['claude']],
  ['coauthor: case variation', 'fix: thing\n\nco-authored-by: Claude <noreply@anthropic.com>', ['claude']],
  ['coauthor: CO-AUTHORED-BY uppercase', 'fix: thing\n\nCO-AUTHORED-BY: Claude <noreply@anthropic.com>', ['claude']],
  ['coauthor: Co-Authored-By in the wild should have high confidence',
    '\nfix: remove references to "bot"\nWe dropped the "bot" from our terminology long ago, but it looks like\nwe\'ve got some outdated docs + code that reference it.\n\nCo-authored-by: Claude Sonnet 5 <john.doe+claude-code@example.com>\nCo-authored-by: Copilot Autofix powered by AI <175728472+Copilot@users.noreply.github.com>\n',
    ['copilot']],
  ['coauthor: PR-Agent Pro in the wild should have high confidence',
    "\n[dotnet] Don't include http headers in internal logs (#14546)\n\n* [dotnet] Don't include http headers in internal logs\n\n* Update dotnet/src/webdriver/Remote/HttpCommandExecutor.cs\n\nCo-authored-by: codiumai-pr-agent-pro[bot] <151058649+codiumai-pr-agent-pro[bot]@users.noreply.github.com>\n\n* Update dotnet/src/webdriver/Remote/HttpCommandExecutor.cs\n\nCo-authored-by: codiumai-pr-agent-pro[bot] <151058649+codiumai-pr-agent-pro[bot]@users.noreply.github.com>\n\n---------\n\nCo-authored-by: codiumai-pr-agent-pro[bot] <151058649+codiumai-pr-agent-pro[bot]@users.noreply.github.com>\n",
    ['qodo']],
  ['coauthor: human co-author only', 'pair programming\n\nCo-Authored-By: Bob <bob@company.com>', []],
  ['assistedby: Claude trailer with Opus model', 'fix: update handler\n\nAssisted-By: Claude Opus 4 <noreply@anthropic.com>', ['claude']],
  ['assistedby: Claude trailer with Sonnet model', 'fix: update handler\n\nAssisted-By: Claude Sonnet 4 <noreply@anthropic.com>', ['claude']],
  ['assistedby: Cursor trailer', 'refactor: extract method\n\nAssisted-By: Cursor <cursoragent@cursor.com>', ['cursor']],
  ['assistedby: Aider trailer with model name', 'feat: add endpoint\n\nAssisted-By: aider (gpt-4o) <noreply@aider.chat>', ['aider']],
  ['assistedby: Aider trailer with different model', 'feat: add endpoint\n\nAssisted-By: aider (claude-4.7-opus) <noreply@aider.chat>', ['aider']],
  ['assistedby: multiple trailers with Claude and human', 'fix: bug\n\nAssisted-By: Claude Opus 4 <noreply@anthropic.com>', ['claude']],
  ['assistedby: multiple AI trailers', 'fix: bug\n\nAssisted-By: Claude Opus 4 <noreply@anthropic.com>\nAssisted-By: aider (gpt-4o) <noreply@aider.chat>', ['aider', 'claude']],
  ['assistedby: case variation', 'fix: something\n\nassisted-by: Claude <noreply@anthropic.com>', ['claude']],
  ['assistedby: ASSISTED-BY uppercase', 'fix: something\n\nASSISTED-BY: Claude <noreply@anthropic.com>', ['claude']],
  // Below, no blank line before the trailer: git reads one title paragraph; we report the line as message evidence.
  ['assistedby: Assisted-By trailer in commit message', 'this is a commit message with\nAssisted-By: Claude Code', ['claude']],
  ['assistedby: Another Assisted-By trailer in commit message 1', 'this is a commit message with\nAssisted-By: Gemini', ['gemini']],
  ['assistedby: Another Assisted-By trailer in commit message 2', 'this is a commit message with\nAssisted-By: Kimi K2.6', ['unknown-ai']],
  ['assistedby: Multiple Assisted-By trailer in commit message', 'this is a commit message with\nAssisted-By: Claude Code\nAssisted-By: Gemini', ['claude', 'gemini']],
  ['assistedby: Multiple Assisted-By trailers (with purpose brackets) in commit message',
    '\nthis is a commit message\n\nCo-Authored-By: Cursor <cursoragent@cursor.com>\nAssisted-by: Claude 4.7 Opus\n\t(logic optimization and design fixes)\nAssisted-By: Claude Sonnet 4 <noreply@anthropic.com>\nAssisted-by: Kimi K2.6 (unit tests, integration tests)\nAssisted-by: ChatGPT (documentation review)\nAssisted-by: Gemini\nCo-Authored-By: Copilot <copilot@github.com>\nSigned-off-by: some human <test@example.com>\n',
    ['claude', 'codex', 'copilot', 'cursor', 'gemini', 'unknown-ai']],
  ['assistedby: Same tool has 2 Assisted-By trailers in commit message', 'this is a commit message with\nAssisted-By: Claude Code\nAssisted-By: Claude Code', ['claude']],
  ['assistedby: Equivalent tools are deduplicated across multiple trailers',
    'this is a commit message with\nAssisted-By: Claude Code\nAssisted-By: CLAUDE CODE\nAssisted-By: [Claude   Code].\nAssisted-By: GitHub Copilot', ['claude', 'copilot']],
  ['assistedby: Tool with enclosing square brackets', 'this is a commit message with\nAssisted-By: [Claude Code]', ['claude']],
  ['assistedby: Tool with extra whitespace and terminal punctuation', 'this is a commit message with\nAssisted-By: Claude   Code.', ['claude']],
  ['assistedby: Internal model punctuation is preserved', 'this is a commit message with\nAssisted-By: GPT-5.5', ['codex']],
  ['assistedby: Internal tool punctuation is preserved', 'this is a commit message with\nAssisted-By: Continue.dev', ['continue']],
  ['assistedby: Assisted-By trailer in commit message in lower case', 'this is a commit message with\nassisted-by: Claude Code', ['claude']],
  ['assistedby: Two different attributions (assistedby and coauthor) both with email address',
    'Fix bug\n\nAssisted-By: Claude Sonnet 4 <noreply@anthropic.com>\nCo-Authored-By: Copilot <copilot@github.com>', ['claude', 'copilot']],
  ['assistedby: Two different attributions (assistedby and coauthor) one with model name, other with email address',
    'Add validation logic\n\nCo-Authored-By: Claude Sonnet 4.6 <noreply@anthropic.com>\nAssisted-by: GitHub Copilot', ['claude', 'copilot']],
  ['assistedby: Claude Opus model attribution trailer', 'Fix bug\n\nAssisted-by: Claude Opus 4 <noreply@anthropic.com>', ['claude']],
  ['aider prefix', 'aider: fix the login bug', ['aider']],
  ['aider prefix uppercase', 'Aider: refactor auth module', ['aider']],
  ['Claude Code footer', 'Add user validation\n\nGenerated with Claude Code', ['claude']],
  ['Claude Code footer with link', 'Add validation\n\nGenerated with Claude Code\nhttps://claude.ai', ['claude']],
  ['EntireIO trailer present in commit', 'this is some commit message\n\nEntire-Checkpoint: ab123cdefg12', ['entire']],
  ['Another EntireIO trailer present in commit', 'this is some commit message\n\nEntire-Metadata: ab123cdefg12', ['entire']],
  ['Another EntireIO trailer present in commit with CRLF line endings', 'this is some commit message\r\n\r\nEntire-Metadata: ab123cdefg12', ['entire']],
  ['EntireIO trailer not used, only mentioned in a commit', 'this is a commit message with\nEntire-Metadata mentioned', []],
  ['Replit Agent trailer present in a commit', 'this is a commit message with\nReplit-Commit-Author: Agent', ['replit']],
  ['Replit Agent trailer present in a commit with session id', 'this is a commit message with\nReplit-Commit-Author: Agent\nReplit-Commit-Session-Id: 1234a1ab-12ab-1234-abcd-0123456a1234', ['replit']],
  ['Replit Assistant trailer present in a commit', 'this is a commit message with\nReplit-Commit-Author: Assistant', ['replit']],
  ['Replit Assistant trailer present in a commit with session id', 'this is a commit message with\nReplit-Commit-Author: Assistant\nReplit-Commit-Session-Id: 1234a1ab-12ab-1234-abcd-0123456a1234', ['replit']],
  ['Replit Agent trailer present in commit with CRLF line endings', 'this is some commit message\r\n\r\nReplit-Commit-Author: Agent', ['replit']],
  ['Replit Assistant trailer present in commit with CRLF line endings', 'this is some commit message\r\n\r\nReplit-Commit-Author: Assistant', ['replit']],
  ['Replit Agent trailer present in commit with another trailer with CRLF line endings', 'this is some commit message\r\n\r\nReplit-Commit-Author: Agent\r\nSomeOther: Trailer', ['replit']],
  ['Replit Assistant trailer present in commit with another trailer with CRLF line endings', 'this is some commit message\r\n\r\nReplit-Commit-Author: Assistant\r\nSomeOther: Trailer', ['replit']],
  ['Some other Replit product trailer (not agent or asst) present in a commit', 'this is a commit message with\nReplit-Commit-Author: SomeOtherReplitProduct', []],
  ['Replit trailer not used, only mentioned in a commit', 'this is a commit message with\nReplit-Commit-Author: Assistant mentioned', []],
  ['codebuff: Generated with Codebuff in commit message', 'fix: update handler\n\n\u{1F916} Generated with Codebuff', ['codebuff']],
  ['codebuff: Generated with Codebuff (no emoji) in commit message', 'feat: add feature\n\nGenerated with Codebuff', ['codebuff']],
  ['codebuff: Co-Authored-By trailer with Codebuff email', 'fix: update handler\n\nCo-Authored-By: Codebuff <noreply@codebuff.com>', ['codebuff']],
  ['freebuff: Generated with Freebuff in commit message', 'fix: update handler\n\n\u{1F916} Generated with Freebuff', ['codebuff']],
  ['freebuff: Generated with github.com URL with freebuff in repo name', 'feat: add feature\n\nGenerated with: github.com/LCHEROURI/cook-with-freebuff@08624f0b1b', ['codebuff']],
  ['freebuff: Generated with github.com URL with codebuff in repo name', 'feat: add feature\n\nGenerated with: github.com/LCHEROURI/cook-with-codebuff@08624f0b1b', ['codebuff']],
  ['freebuff: Co-Authored-By trailer with Freebuff email', 'fix: update handler\n\nCo-Authored-By: Freebuff <noreply@freebuff.com>', ['codebuff']],
  ['freebuff: unrelated repo URL does not match Generated with pattern', 'check out https://github.com/example/freebuff for docs', []],
  ['aider in middle of message not prefix', 'fix the aider: integration test', []],
  ['aider as substring of a word', 'raider: fix the tests', []],
  ['no trailers', 'just a normal commit message with no AI signatures', []],
  ['empty message', '', []],
];

describe('parity with chaoss/disclosure detection/trailer tests', () => {
  for (const [name, message, expected] of TRAILER_TESTS) {
    it(name, () => assert.deepEqual(tools(message), expected));
  }
});

describe('parity with chaoss/disclosure detection/committer tests', () => {
  const KNOWN: [string, ToolId][] = [
    ['209825114+claude[bot]@users.noreply.github.com', 'claude'], ['215619710+anthropic-claude[bot]@users.noreply.github.com', 'claude'],
    ['208546643+claude-code-action[bot]@users.noreply.github.com', 'claude'], ['175728472+copilot@users.noreply.github.com', 'copilot'],
    ['198982749+copilot@users.noreply.github.com', 'copilot'], ['167198135+copilot[bot]@users.noreply.github.com', 'copilot'],
    ['206951365+cursor[bot]@users.noreply.github.com', 'cursor'], ['215057067+openai-codex[bot]@users.noreply.github.com', 'codex'],
    ['199175422+chatgpt-codex-connector[bot]@users.noreply.github.com', 'codex'], ['176961590+gemini-code-assist[bot]@users.noreply.github.com', 'gemini'],
    ['208079219+amazon-q-developer[bot]@users.noreply.github.com', 'amazon-q'], ['158243242+devin-ai-integration[bot]@users.noreply.github.com', 'devin'],
    ['205137888+cline[bot]@users.noreply.github.com', 'cline'], ['230936708+continue[bot]@users.noreply.github.com', 'continue'],
    ['201248094+sourcegraph-cody[bot]@users.noreply.github.com', 'cody'], ['220155983+jetbrains-ai[bot]@users.noreply.github.com', 'junie'],
    ['136622811+coderabbitai[bot]@users.noreply.github.com', 'coderabbit'], ['151058649+codiumai-pr-agent-pro[bot]@users.noreply.github.com', 'qodo'],
  ];
  it('TestDetectAllKnownEmails (as committer)', () => {
    for (const [email, tool] of KNOWN) assert.deepEqual(tools('x', HUMAN, { name: 'bot', email }), [tool], email);
  });
  it('TestDetectMixedCase and TestDetectWhitespace', () => {
    for (const email of ['198982749+Copilot@users.noreply.github.com', '209825114+CLAUDE[BOT]@USERS.NOREPLY.GITHUB.COM',
      '136622811+CodeRabbitAI[bot]@users.noreply.github.com', '  209825114+claude[bot]@users.noreply.github.com  ']) {
      assert.equal(tools('x', HUMAN, { name: 'bot', email }).length, 1, email);
    }
  });
  it('TestDetectNotFound (a bare claude@anthropic.com needs a Claude name beside it)', () => {
    for (const email of ['user@example.com', '', '  ', 'claude@anthropic.com', 'not-a-bot@users.noreply.github.com']) {
      assert.deepEqual(tools('x', HUMAN, { name: 'bot', email }), [], email);
    }
  });
  it('TestDetectNumericPrefix (a renamed bot keeps its id)', () => {
    assert.deepEqual(tools('x', HUMAN, { name: 'r', email: '209825114+renamed-claude-bot@users.noreply.github.com' }), ['claude']);
    assert.deepEqual(tools('x', HUMAN, { name: 'r', email: '198982749+copilot-v2@users.noreply.github.com' }), ['copilot']);
    assert.deepEqual(tools('x', HUMAN, { name: 'r', email: '136622811+coderabbit-new@users.noreply.github.com' }), ['coderabbit']);
  });
  it('TestDetectNumericPrefixNoFalsePositive', () => {
    for (const email of ['999999999+someone@users.noreply.github.com', '12345+user@users.noreply.github.com']) {
      assert.deepEqual(tools('x', HUMAN, { name: 'r', email }), [], email);
    }
  });
});

describe('parity with chaoss/disclosure detection/branchname tests', () => {
  const PREFIXES: [string, ToolId][] = [['codex/', 'codex'], ['claude/', 'claude'], ['copilot/', 'copilot'], ['cursor/', 'cursor'],
    ['devin/', 'devin'], ['cline/', 'cline'], ['aider/', 'aider'], ['gemini/', 'gemini']];
  const merged = (branch: string): ToolId[] => branchEvidence(`Merge pull request #7 from acme/${branch}`).map((e) => e.tool);
  it('TestDetectKnownPrefixes', () => {
    for (const [prefix, tool] of PREFIXES) assert.deepEqual(merged(`${prefix}fix-bug`), [tool], prefix);
  });
  it('TestDetectCaseInsensitive', () => assert.deepEqual(merged('Codex/Fix-Bug'), ['codex']));
  it('TestDetectNoMatch and TestDetectPrefixMustBeFollowedBySeparator', () => {
    for (const b of ['main', 'feature/add-login', 'fix-codex-typo', 'codexterity-branch']) assert.deepEqual(merged(b), [], b);
  });
});
