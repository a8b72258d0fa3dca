// Classification of commit messages and identities against the signature catalog.
import { strict as assert } from 'node:assert';
import { classifyCommit, trailerEvidence, verdictOf } from '../../src/core/detect/classify';
import { auditJson } from '../../src/core/history/auditJson';
import { safeStringify } from '../../src/core/json/jsonText';
import type { CommitAudit, CommitRecord, Identity } from '../../src/core/model';
import { TOOL_IDS } from '../../src/core/model';
import { BODY_MARKERS, IDENTITIES, MESSAGE_PREFILTER, MESSAGE_PREFILTER_SCAN, TRAILER_KEYS } from '../../src/core/detect/signatures';

const HUMAN: Identity = { name: 'Ada Lovelace', email: 'ada@example.com' };

function commit(message: string, author: Identity = HUMAN, committer: Identity = author): CommitRecord {
  return {
    sha: 'a'.repeat(40), parents: [], author, committer, message, committerTime: 0,
    authorDate: '2026-01-01T00:00:00+00:00', committerDate: '2026-01-01T00:00:00+00:00',
  };
}

function audit(message: string, author?: Identity, committer?: Identity): CommitAudit {
  return classifyCommit(commit(message, author, committer));
}

const ROBOT = '\u{1F916}';

interface Case {
  name: string;
  message: string;
  author?: Identity;
  committer?: Identity;
  verdict: 'assisted' | 'unverified' | 'none';
  tools?: string[];
  models?: string[];
  kinds?: string[];
}

const CASES: Case[] = [
  { name: "VS Code's sticky Copilot trailer alone is unverified", message: 'Fix\n\nCo-authored-by: Copilot <copilot@github.com>\n',
    verdict: 'unverified', tools: ['copilot'], kinds: ['trailer'] },
  { name: 'sticky trailer with lower-case key', message: 'Fix\n\nco-authored-by: Copilot <copilot@github.com>\n', verdict: 'unverified' },
  { name: 'sticky trailer plus Claude is assisted', verdict: 'assisted', tools: ['claude', 'copilot'],
    message: 'Fix\n\nCo-authored-by: Copilot <copilot@github.com>\nCo-Authored-By: Claude <noreply@anthropic.com>\n' },
  { name: 'Claude Code footer and model-named trailer', verdict: 'assisted', tools: ['claude'], models: ['Claude Opus 4.6 (1M context)'],
    kinds: ['message', 'trailer'],
    message: `Add x\n\nBody.\n\n${ROBOT} Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude Opus 4.6 (1M context) <noreply@anthropic.com>\n` },
  { name: 'Claude older footer URL', message: `x\n\n${ROBOT} Generated with [Claude Code](https://claude.ai/code)\n`, verdict: 'assisted', tools: ['claude'] },
  { name: 'Claude footer mojibake', message: 'x\n\n\u9983 Generated with [Claude Code](https://claude.ai/code)\n', verdict: 'assisted', tools: ['claude'] },
  { name: 'bare Claude trailer has no model', message: 'x\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n', verdict: 'assisted', tools: ['claude'], models: [] },
  { name: 'human named Claude with an ordinary address', message: 'x\n\nCo-authored-by: Claude Monet <claude@monet.example>\n', verdict: 'none' },
  { name: 'human author named Claude', message: 'x\n', author: { name: 'Claude Shannon', email: 'claude@bell-labs.example' }, verdict: 'none' },
  { name: 'GitHub user claude (id 81847) is a person', message: 'x\n', author: { name: 'claude', email: '81847+claude@users.noreply.github.com' }, verdict: 'none' },
  { name: 'bare name under Co-authored-by without address', message: 'x\n\nCo-authored-by: Claude\n', verdict: 'none' },
  { name: 'aider author name suffix', message: 'x\n', author: { name: 'Jane Doe (aider)', email: 'jane@example.com' },
    committer: HUMAN, verdict: 'assisted', tools: ['aider'], kinds: ['author'] },
  { name: 'aider as author and committer', message: 'x\n', author: { name: 'Jane Doe (aider)', email: 'jane@example.com' },
    verdict: 'assisted', tools: ['aider'], kinds: ['author', 'committer'] },
  { name: 'aider co-author with model', message: 'x\n\nCo-authored-by: aider (gpt-5) <aider@aider.chat>\n', verdict: 'assisted', tools: ['aider'], models: ['gpt-5'] },
  { name: 'aider older address, unknown model', message: 'x\n\nCo-authored-by: aider (unknown-model) <noreply@aider.dev>\n', verdict: 'assisted', tools: ['aider'], models: [] },
  { name: 'aider subject prefix', message: 'aider: fix the parser\n', verdict: 'assisted', tools: ['aider'] },
  { name: 'aider prefix only counts on the subject', message: 'fix\n\naider: not a subject\n', verdict: 'none' },
  { name: 'Cursor trailer', message: 'x\n\nCo-authored-by: Cursor <cursoragent@cursor.com>\n', verdict: 'assisted', tools: ['cursor'] },
  { name: 'Cursor Agent trailer', message: 'x\n\nCo-authored-by: Cursor Agent <cursoragent@cursor.com>\n', verdict: 'assisted', tools: ['cursor'] },
  { name: 'Made-with: Cursor', message: 'x\n\nMade-with: Cursor\n', verdict: 'assisted', tools: ['cursor'] },
  { name: 'Copilot coding agent author', message: 'Initial plan\n', verdict: 'assisted', tools: ['copilot'], kinds: ['author'],
    author: { name: 'copilot-swe-agent[bot]', email: '198982749+Copilot@users.noreply.github.com' },
    committer: { name: 'GitHub', email: 'noreply@github.com' } },
  { name: 'fixture bot id that is not Copilot', message: 'x\n', verdict: 'none',
    author: { name: 'copilot-swe-agent[bot]', email: '203108557+copilot-swe-agent[bot]@users.noreply.github.com' } },
  { name: 'Copilot CLI trailer is not the sticky one', message: 'x\n\nCo-authored-by: Copilot <223556219+Copilot@users.noreply.github.com>\n',
    verdict: 'assisted', tools: ['copilot'] },
  { name: 'GitHub Autofix trailer', message: 'x\n\nCo-authored-by: Copilot Autofix powered by AI <175728472+Copilot@users.noreply.github.com>\n',
    verdict: 'assisted', tools: ['copilot'] },
  { name: 'squash-merge keeps the agent as co-author', verdict: 'assisted', tools: ['copilot'],
    message: 'x (#12)\n\nCo-authored-by: copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>\n' },
  { name: 'kernel Assisted-by with tools', message: 'x\n\nAssisted-by: Claude:claude-3-opus coccinelle sparse\nSigned-off-by: A <a@example.com>\n',
    verdict: 'assisted', tools: ['claude'], models: ['claude-3-opus'] },
  { name: 'kernel Assisted-by naming Copilot with a Claude model', message: 'x\n\nAssisted-by: GitHub Copilot:Claude Opus 4.6\n',
    verdict: 'assisted', tools: ['copilot'], models: ['Claude Opus 4.6'] },
  { name: 'Assisted-by: a person with an ordinary address', message: 'x\n\nAssisted-by: Jane Doe <jane@example.com>\n', verdict: 'none' },
  { name: 'Assisted-by: an AI address', message: 'x\n\nAssisted-by: Claude <noreply@anthropic.com>\n', verdict: 'assisted', tools: ['claude'] },
  { name: 'Assisted-by: model only (Opus)', message: 'x\n\nAssisted-by: Opus 4.6\n', verdict: 'assisted', tools: ['claude'], models: ['Opus 4.6'] },
  { name: 'Assisted-by: model only (gpt-5)', message: 'x\n\nAssisted-by: gpt-5\n', verdict: 'assisted', tools: ['codex'], models: ['gpt-5'] },
  { name: 'Assisted-by: model only (o3)', message: 'x\n\nAssisted-by: o3\n', verdict: 'assisted', tools: ['codex'], models: ['o3'] },
  { name: 'Assisted-by: model only (Gemini)', message: 'x\n\nAssisted-by: Gemini 2.5 Pro\n', verdict: 'assisted', tools: ['gemini'], models: ['Gemini 2.5 Pro'] },
  { name: 'Assisted-by: tool (model)', message: 'x\n\nAssisted-by: Claude Code (claude-opus-4-6)\n', verdict: 'assisted', tools: ['claude'], models: ['claude-opus-4-6'] },
  { name: 'ASF Generated-by sentence', message: 'x\n\nGenerated-by: Claude Code (Claude Opus 4.6) following the guidelines\n',
    verdict: 'assisted', tools: ['claude'], models: ['Claude Opus 4.6'] },
  { name: 'Fedora generic disclosure', message: 'x\n\nAssisted-by: generic LLM chatbot\n', verdict: 'assisted', tools: ['unknown-ai'] },
  { name: 'Assisted-by naming a non-AI tool', message: 'x\n\nAssisted-by: coccinelle\n', verdict: 'none' },
  { name: 'ChatGPT under Assisted-by', message: 'x\n\nAssisted-by: ChatGPTv5\n', verdict: 'assisted', tools: ['codex'] },
  { name: 'Co-authored-by-AI (Open Liberty)', message: 'x\n\nCo-authored-by-AI: Cursor (claude-4-sonnet)\n', verdict: 'assisted', tools: ['cursor'], models: ['claude-4-sonnet'] },
  { name: 'AI-Assisted: true', message: 'x\n\nAI-Assisted: true\n', verdict: 'assisted', tools: ['unknown-ai'] },
  { name: 'AI-Assisted: no', message: 'x\n\nAI-Assisted: no\n', verdict: 'none' },
  { name: 'AI-Model only', message: 'x\n\nAI-Model: gpt-4o\n', verdict: 'assisted', tools: ['codex'], models: ['gpt-4o'] },
  { name: 'Claude trailer in prose is message evidence', verdict: 'assisted', tools: ['claude'], kinds: ['message'],
    message: 'x\n\nWe paired on this.\nCo-Authored-By: Claude <noreply@anthropic.com>\nand then some prose.\n' },
  { name: 'AI trailer mentioned mid-sentence does not count', verdict: 'none',
    message: 'x\n\nRemove the Co-Authored-By: Claude <noreply@anthropic.com> lines from the docs.\n' },
  { name: 'Amp thread and co-author', verdict: 'assisted', tools: ['amp'],
    message: 'x\n\nAmp-Thread-ID: https://ampcode.com/threads/T-0198f1d2-7c3b-7a11-9c7e-2b7e2f3c4d5e\nCo-authored-by: Amp <amp@ampcode.com>\n' },
  { name: 'Claude-Session trailer', message: 'x\n\nClaude-Session: https://claude.ai/code/session_01AbCdEf\n', verdict: 'assisted', tools: ['claude'] },
  { name: 'Replit agent', message: 'x\n\nReplit-Commit-Author: Agent\nReplit-Commit-Session-Id: 2b9d4c1e-0000-4000-8000-000000000000\n',
    verdict: 'assisted', tools: ['replit'] },
  { name: 'Entire trailers name the agent too', message: 'x\n\nEntire-Checkpoint: abc123\nEntire-Agent: Claude Code\n', verdict: 'assisted', tools: ['claude', 'entire'] },
  { name: 'OpenCode footer and trailer', verdict: 'assisted', tools: ['opencode'],
    message: `x\n\n${ROBOT} Generated with [opencode](https://opencode.ai)\n\nCo-Authored-By: opencode <noreply@opencode.ai>\n` },
  { name: 'OpenHands co-author', message: 'x\n\nCo-authored-by: openhands <openhands@all-hands.dev>\n', verdict: 'assisted', tools: ['openhands'] },
  { name: 'OpenHands default identity as author', message: 'x\n', author: { name: 'openhands', email: 'openhands@all-hands.dev' }, verdict: 'assisted', tools: ['openhands'] },
  { name: 'Qwen Code co-author', message: 'x\n\nCo-authored-by: Qwen-Coder <qwen-coder@alibabacloud.com>\n', verdict: 'assisted', tools: ['qwen'] },
  { name: 'Gemini convention', message: 'x\n\nCo-Authored-By: Gemini <gemini@google.com>\n', verdict: 'assisted', tools: ['gemini'] },
  { name: 'google.com noreply without Gemini is not AI', message: 'x\n\nCo-authored-by: Copybara <noreply@google.com>\n', verdict: 'none' },
  { name: 'Codex address with a drifting model name', message: 'x\n', author: { name: 'GPT 5.5', email: 'codex@openai.com' },
    verdict: 'assisted', tools: ['codex'], models: ['GPT 5.5'] },
  { name: 'Codex noreply with model', message: 'x\n\nCo-authored-by: Codex o4-mini <noreply@openai.com>\n', verdict: 'assisted', tools: ['codex'], models: ['o4-mini'] },
  { name: 'Codex CLI footer', message: `x\n\n${ROBOT} Generated with [Codex CLI](https://github.com/openai/codex)\n`, verdict: 'assisted', tools: ['codex'] },
  { name: 'Devin bot, footer and session', verdict: 'assisted', tools: ['devin'],
    author: { name: 'Devin AI', email: '158243242+devin-ai-integration[bot]@users.noreply.github.com' },
    message: 'x\n\nDevin Session: https://app.devin.ai/sessions/0123abcd\nGenerated with [Devin](https://cli.devin.ai/docs)\n' },
  { name: 'human named Devin', message: 'x\n', author: { name: 'Devin Smith', email: 'devin@example.com' }, verdict: 'none' },
  { name: 'human named Jules', message: 'x\n\nCo-authored-by: Jules Verne <jules@example.com>\n', verdict: 'none' },
  { name: 'Jules bot', message: 'x\n', author: { name: 'google-labs-jules[bot]', email: '161369871+google-labs-jules[bot]@users.noreply.github.com' },
    verdict: 'assisted', tools: ['jules'] },
  { name: 'generic footer naming Gemini CLI', message: `x\n\n${ROBOT} Generated with [Gemini CLI](https://github.com/google-gemini/gemini-cli)\n`,
    verdict: 'assisted', tools: ['gemini'] },
  { name: 'generic footer naming a non-AI generator', message: 'x\n\nGenerated with [cookiecutter](https://cookiecutter.io)\n', verdict: 'none' },
  { name: 'Cursor background agent link', message: 'x\n\n<a href="https://cursor.com/agents/bc-1234abcd-0000">Open in Web</a>\n',
    verdict: 'assisted', tools: ['cursor'] },
  { name: 'dependabot', message: 'Bump x from 1 to 2\n\nSigned-off-by: dependabot[bot] <support@github.com>\n',
    author: { name: 'dependabot[bot]', email: '49699333+dependabot[bot]@users.noreply.github.com' }, verdict: 'none' },
  { name: 'renovate', message: 'chore(deps): update\n', author: { name: 'renovate[bot]', email: '29139614+renovate[bot]@users.noreply.github.com' }, verdict: 'none' },
  { name: 'github-actions', message: 'ci\n', author: { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' }, verdict: 'none' },
  { name: 'human DCO and kernel co-developer', message: 'x\n\nCo-developed-by: Bob <bob@example.com>\nSigned-off-by: Bob <bob@example.com>\n', verdict: 'none' },
  { name: 'Go generated-code notice in a message', message: 'regen\n\nCode generated by protoc-gen-go. DO NOT EDIT.\n', verdict: 'none' },
  { name: 'title that looks like a trailer is not a trailer', message: 'Co-authored-by: Claude <noreply@anthropic.com>\n', verdict: 'none' },
  { name: 'Co-authored-by in a non-final paragraph still counts as message evidence', verdict: 'assisted', kinds: ['message'],
    message: 'x\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n\nMore prose after.\n' },
  { name: 'CRLF message', message: 'x\r\n\r\nCo-Authored-By: Claude <noreply@anthropic.com>\r\n', verdict: 'assisted', tools: ['claude'] },
];

describe('classifyCommit', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const a = audit(c.message, c.author, c.committer);
      assert.equal(a.verdict, c.verdict, JSON.stringify(a.evidence));
      assert.equal(a.assisted, c.verdict === 'assisted');
      if (c.tools) assert.deepEqual(a.tools, c.tools);
      if (c.models) assert.deepEqual(a.models, c.models);
      if (c.kinds) assert.deepEqual([...new Set(a.evidence.map((e) => e.kind))].sort(), [...c.kinds].sort());
      for (const e of a.evidence) {
        assert.ok(e.detail.length > 0 && e.signature.length > 0);
        assert.ok((TOOL_IDS as readonly string[]).includes(e.tool));
      }
    });
  }

  it('bot identities of every GitHub-app row are recognised, with any login case', () => {
    for (const row of IDENTITIES.filter((r) => r.github)) {
      const gh = row.github as { id: number; login: string };
      const a = audit('x\n', { name: gh.login, email: `${gh.id}+${gh.login.toUpperCase()}@users.noreply.github.com` });
      assert.deepEqual(a.tools, [row.tool], row.id);
    }
  });

  it('keeps sessions and session-only rows', () => {
    const a = audit('x\n\nClaude-Session: https://claude.ai/code/session_01AbCdEf\n');
    assert.equal(a.evidence[0]?.session, 'https://claude.ai/code/session_01AbCdEf');
    assert.equal(a.evidence[0]?.confidence, 'high');
    const loose = audit('x\n\nClaude-Session: see chat\n');
    assert.equal(loose.evidence[0]?.confidence, 'medium');
  });

  it('computes the subject as git does (first paragraph joined)', () => {
    assert.equal(audit('first line\nsecond line\n\nbody\n').subject, 'first line second line');
  });

  it('verdictOf', () => {
    assert.equal(verdictOf([]), 'none');
    const sticky = trailerEvidence('Co-authored-by', 'Copilot <copilot@github.com>');
    assert.equal(verdictOf(sticky), 'unverified');
    assert.equal(verdictOf([...sticky, ...trailerEvidence('Assisted-by', 'Claude')]), 'assisted');
  });
});

describe('signature catalog', () => {
  it('every row cites a source and uses a canonical tool id', () => {
    const rows = [...IDENTITIES, ...TRAILER_KEYS, ...BODY_MARKERS];
    const ids = new Set<string>();
    for (const row of rows) {
      assert.ok(row.source.length > 5, `${row.id} has a source`);
      assert.ok((TOOL_IDS as readonly string[]).includes(row.tool), row.id);
      assert.ok(!ids.has(row.id), `duplicate row id ${row.id}`);
      ids.add(row.id);
    }
  });

  it('covers every tool of tables a.1 and a.2 that has a signature', () => {
    const named = new Set([...IDENTITIES, ...TRAILER_KEYS, ...BODY_MARKERS].map((r) => r.tool));
    for (const tool of ['copilot', 'claude', 'aider', 'cursor', 'codex', 'gemini', 'jules', 'devin', 'amazon-q', 'windsurf', 'cline',
      'amp', 'openhands', 'opencode', 'qwen', 'continue', 'cody', 'junie', 'replit', 'entire', 'unknown-ai']) {
      assert.ok(named.has(tool as never), `${tool} has a row`);
    }
  });

  it('name-only tools (Roo, Tabnine) are recognised under AI keys', () => {
    assert.deepEqual(audit('x\n\nAssisted-by: Roo Code\n').tools, ['roo']);
    assert.deepEqual(audit('x\n\nAssisted-by: Tabnine\n').tools, ['tabnine']);
    assert.deepEqual(audit('x\n\nAssisted-by: Windsurf (SWE-1)\n').tools, ['windsurf']);
    assert.deepEqual(audit('x\n\nAssisted-by: Amazon Q Developer\n').tools, ['amazon-q']);
    assert.deepEqual(audit('x\n\nAssisted-by: Junie\n').tools, ['junie']);
    assert.deepEqual(audit('x\n\nAssisted-by: Cody\n').tools, ['cody']);
  });
});

describe('catalog row examples', () => {
  for (const row of [...TRAILER_KEYS, ...BODY_MARKERS]) {
    it(`${row.id} recognises its example`, () => {
      const message = 'subjectOnly' in row && row.subjectOnly ? `${row.example}\n` : `Subject\n\n${row.example}\n`;
      assert.ok(MESSAGE_PREFILTER.test(message), 'the message prefilter lets it through');
      assert.ok(MESSAGE_PREFILTER_SCAN.test(message), 'so does its fast form');
      const a = audit(message);
      assert.ok(a.evidence.some((e) => e.signature === row.id || e.signature.startsWith(`${row.id}+`)),
        `${row.id}: ${JSON.stringify(a.evidence)}`);
    });
  }
});

describe('auditJson', () => {
  it('is byte-identical to JSON.stringify (plus \\u escapes of invisible characters) for every shape of audit', () => {
    const samples = CASES.map((c) => audit(c.message, c.author, c.committer));
    const withDiff = classifyCommit(commit('x\n'), {}, { evidence: [], scanned: false, truncated: true });
    const latin = classifyCommit({ ...commit('caf\u00e9 "q" \\ \u2028\n'), encoding: 'latin1', parents: ['b'.repeat(40), 'c'.repeat(40)] });
    for (const a of [...samples, withDiff, latin]) assert.equal(auditJson(a), safeStringify(a));
  });

  it('escapes exactly like JSON.stringify for arbitrary strings (quotes, controls, surrogates, emoji)', () => {
    const alphabet = ['a', 'Z', ' ', '"', '\\', '\n', '\t', '\u0000', '\u001f', '\u007f', '\u2028', '\u009b', '\u202e', '\u200b', '\ufeff', '\ud83e', '\udd16', '\u{1F916}', '\u00e9', '/'];
    let seed = 7;
    const pick = (): string => alphabet[(seed = (seed * 16807) % 2147483647) % alphabet.length] as string;
    for (let i = 0; i < 500; i++) {
      const text = Array.from({ length: i % 13 }, pick).join('');
      const a = classifyCommit({ ...commit(`${text}\n`, { name: text, email: `${text}@x` }), parents: [] });
      assert.equal(auditJson(a), safeStringify(a), JSON.stringify(text));
      assert.deepEqual(JSON.parse(auditJson(a)), JSON.parse(JSON.stringify(a)), 'the same data');
    }
  });
});
