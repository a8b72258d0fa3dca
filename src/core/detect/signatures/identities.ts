// AI identities (table a.1/a.2 of ai-signatures.md): e-mail addresses and GitHub numeric bot ids,
// matched as author, committer, or inside an identity trailer (`Co-authored-by: Name <email>`).
import type { Row } from './rows';

/** An identity: matches `Name <email>` seen as author, committer, or in an identity trailer. */
export interface IdentityRow extends Row {
  /** Lower-case address, exact. */
  email?: string;
  /**
   * GitHub noreply `<id>+<login>@users.noreply.github.com` (login case-insensitive). Both match: the
   * row's confidence. The id alone (a renamed bot; ids never change) or, for an app login
   * (`…[bot]`, GitHub's own `Copilot`), the login alone: one step lower (chaoss/disclosure #4).
   */
  github?: { id: number; login: string };
  /** When set, the display name must match as well (for addresses shared with non-AI senders). */
  name?: RegExp;
  /** Display-name pattern that suffices on its own (e.g. aider's ` (aider)` suffix). */
  nameOnly?: RegExp;
  /** Extracts a model from the display name (named group `model`). */
  model?: RegExp;
  /** VS Code's per-file sticky trailer: alone it makes a commit "unverified", not "assisted". */
  sticky?: boolean;
  /**
   * As committer alone (the author is not this tool) the identity marks a commit whose message the
   * tool wrote around changes already in the work tree: evidence scope `message` (aider's docs).
   */
  committerOnlyMessage?: boolean;
  /** `nameOnly` has a group `name` naming the tool or model (`Jane (gpt-4o)`): the tool comes from it. */
  toolFromNameGroup?: boolean;
}

/** Inside an aider-style committer suffix: a tool or model id (lower-case), never a person's nickname. */
const SUFFIX_NAME = String.raw`claude(?:-code)?|codex|copilot|cursor(?:-agent)?|gemini(?:-cli)?|opencode|goose|amp|(?:claude|gemini|qwen|qwen\d[\w.]*|deepseek|mistral|codestral|llama|grok|kimi)-[\w.:-]+|gpt-[\w.:-]+|o[1-9](?:-[a-z]+)?|chatgpt[\w.-]*`;

export const IDENTITIES: readonly IdentityRow[] = [
  { id: 'vscode.addAICoAuthor', tool: 'copilot', email: 'copilot@github.com', name: /^Copilot$/i, sticky: true, confidence: 'low', certainty: 'E',
    source: 'microsoft/vscode extensions/git repository.ts AI_CO_AUTHOR_TRAILER (PR #309951 diff); #314311' },
  { id: 'copilot.address-named', tool: 'copilot', email: 'copilot@github.com', model: /\((?<model>[^()]+)\)/, confidence: 'medium', certainty: 'C',
    source: 'chaoss/disclosure detection/trailer/trailer_test.go "Copilot (gpt-4.1) <copilot@github.com>" (VS Code writes no model: not its sticky form)' },
  { id: 'copilot.noreply-github', tool: 'copilot', email: 'noreply@github.com', name: /copilot/i, confidence: 'medium', certainty: 'C',
    source: 'block/aittributor src/agent.rs KNOWN_AGENTS "GitHub Copilot <noreply@github.com>" (GitHub\'s own web-flow committer is "GitHub")' },
  { id: 'copilot.agent', tool: 'copilot', github: { id: 198982749, login: 'Copilot' }, confidence: 'high', certainty: 'B',
    source: 'copilot-swe-agent[bot]: github/github-mcp-server PR #1806 .patch; chaoss/disclosure constants.go' },
  { id: 'copilot.github-web', tool: 'copilot', github: { id: 175728472, login: 'Copilot' }, confidence: 'high', certainty: 'B',
    source: 'GitHub.com suggestions/Autofix: runmedev/runme PR #1039; chaoss/disclosure#101' },
  { id: 'copilot.cli', tool: 'copilot', github: { id: 223556219, login: 'Copilot' }, confidence: 'high', certainty: 'P',
    source: 'github/copilot-cli#4576 (v1.0.80), #3177' },
  { id: 'copilot.bot', tool: 'copilot', github: { id: 167198135, login: 'copilot[bot]' }, confidence: 'high', certainty: 'B',
    source: 'chaoss/disclosure constants.go' },
  { id: 'claude.noreply', tool: 'claude', email: 'noreply@anthropic.com', model: /^(?<model>Claude[\s-](?!Code\b)\S.*)$/i,
    confidence: 'high', certainty: 'P', source: 'anthropics/claude-code#9224, #19925, #47579; apache/pinot#18688' },
  { id: 'claude.address', tool: 'claude', email: 'claude@anthropic.com', name: /claude/i, confidence: 'medium', certainty: 'U',
    source: 'anthropics/claude-code#24766 (address seen in Claude trailers; claimed by an unrelated account)' },
  { id: 'claude.code-address', tool: 'claude', email: 'claude-code@anthropic.com', confidence: 'high', certainty: 'C',
    source: 'harnesses crediting Claude Code as co-author "Claude Code <claude-code@anthropic.com>" (code search); not found in Claude Code itself' },
  { id: 'claude.app', tool: 'claude', github: { id: 209825114, login: 'claude[bot]' }, confidence: 'high', certainty: 'B',
    source: 'chaoss/disclosure constants.go; Shopify/flash-list PR #2203' },
  { id: 'claude.action', tool: 'claude', github: { id: 208546643, login: 'claude-code-action[bot]' }, confidence: 'high',
    certainty: 'B', source: 'chaoss/disclosure constants.go' },
  { id: 'claude.anthropic-app', tool: 'claude', github: { id: 215619710, login: 'anthropic-claude[bot]' }, confidence: 'high',
    certainty: 'B', source: 'chaoss/disclosure constants.go' },
  { id: 'aider.address', tool: 'aider', email: 'aider@aider.chat', model: /^aider \((?<model>[^)]+)\)$/i, confidence: 'high',
    certainty: 'E', source: 'Aider-AI/aider aider/repo.py (commit e2d3fc459, 2025-06-25)' },
  { id: 'aider.noreply-chat', tool: 'aider', email: 'noreply@aider.chat', model: /^aider \((?<model>[^)]+)\)$/i,
    confidence: 'high', certainty: 'E', source: 'Aider-AI/aider repo.py history; PR #3789' },
  { id: 'aider.noreply-dev', tool: 'aider', email: 'noreply@aider.dev', model: /^aider \((?<model>[^)]+)\)$/i,
    confidence: 'high', certainty: 'E', source: 'Aider-AI/aider commit 67bb4f955 (2025-04-12)' },
  { id: 'aider.name', tool: 'aider', nameOnly: /[ \t]\(aider\)$/, confidence: 'high', certainty: 'E', committerOnlyMessage: true,
    source: 'Aider-AI/aider aider/repo.py committer_name = f"{user_name} (aider)"; docs git.md (committer alone: aider committed, message only)' },
  { id: 'identity.model-suffix', tool: 'unknown-ai', nameOnly: new RegExp(String.raw`[ \t]\((?<name>${SUFFIX_NAME})\)$`), toolFromNameGroup: true,
    confidence: 'medium', certainty: 'U', committerOnlyMessage: true,
    source: 'aider-style "<user> (<tool or model>)" committer names (disler/claude-code-is-programmable PR #2 "(claude-code)"; issue 12 corpus)' },
  { id: 'cursor.agent', tool: 'cursor', email: 'cursoragent@cursor.com', confidence: 'high', certainty: 'E',
    source: 'fitchmultz/pi-cursor-sdk#143; apache/calcite PR #5230; libkrun PR #792' },
  { id: 'cursor.bot', tool: 'cursor', github: { id: 206951365, login: 'cursor[bot]' }, confidence: 'high', certainty: 'B',
    source: 'chaoss/disclosure constants.go' },
  { id: 'cursor.agent-bot', tool: 'cursor', github: { id: 201670782, login: 'cursoragent[bot]' }, confidence: 'high',
    certainty: 'B', source: 'third-party GitHub Users-API survey (ai-signatures.md a.1)' },
  { id: 'codex.address', tool: 'codex', email: 'codex@openai.com', model: /^(?:codex\s+)?(?<model>(?:gpt|o\d)[\w .-]*)$/i,
    confidence: 'high', certainty: 'B', source: 'LionSR/TNLean PR #867; gitbutler .mailmap (via survey)' },
  { id: 'codex.noreply', tool: 'codex', email: 'noreply@openai.com', model: /^codex\s+(?<model>\S.*)$/i, confidence: 'high',
    certainty: 'P', source: 'openai/codex codex-rs/ext/git-attribution DEFAULT_ATTRIBUTION_VALUE "Codex <noreply@openai.com>" (feature codex_git_commit, setting commit_attribution); git-ai agent_detection.rs (codex-cloud)' },
  { id: 'codex.test-identity', tool: 'codex', email: 'codex@example.com', name: /codex/i, confidence: 'low', certainty: 'U',
    source: 'openai/codex#18095 (default identity when none is configured)' },
  { id: 'codex.connector', tool: 'codex', github: { id: 199175422, login: 'chatgpt-codex-connector[bot]' }, confidence: 'high',
    certainty: 'B', source: 'chaoss/disclosure constants.go' },
  { id: 'codex.app', tool: 'codex', github: { id: 215057067, login: 'openai-codex[bot]' }, confidence: 'high', certainty: 'B',
    source: 'chaoss/disclosure constants.go' },
  { id: 'codex.user', tool: 'codex', github: { id: 267193182, login: 'codex' }, confidence: 'high', certainty: 'B',
    source: 'third-party survey (ai-signatures.md a.1)' },
  { id: 'codex.omx', tool: 'codex', email: 'omx@oh-my-codex.dev', confidence: 'high', certainty: 'E',
    source: 'Yeachan-Heo/oh-my-codex#2051' },
  { id: 'gemini.address', tool: 'gemini', email: 'gemini@google.com', name: /gemini/i, confidence: 'high', certainty: 'C',
    source: 'google-gemini/gemini-cli#12419, #25721' },
  { id: 'gemini.noreply', tool: 'gemini', email: 'noreply@google.com', name: /gemini/i, confidence: 'medium', certainty: 'C',
    source: 'google-gemini/gemini-cli#12419' },
  { id: 'gemini.cli', tool: 'gemini', email: 'gemini-cli@google.com', confidence: 'high', certainty: 'E',
    source: 'google-gemini/gemini-cli packages/core/src/services/gitService.ts (shadow repo identity)' },
  { id: 'gemini.cli-agent', tool: 'gemini', email: 'gemini-cli-agent@google.com', confidence: 'medium', certainty: 'C',
    source: 'block/aittributor src/agent.rs KNOWN_AGENTS "Gemini CLI Agent <gemini-cli-agent@google.com>"' },
  { id: 'gemini.code-assist', tool: 'gemini', github: { id: 176961590, login: 'gemini-code-assist[bot]' }, confidence: 'high',
    certainty: 'B', source: 'chaoss/disclosure constants.go' },
  { id: 'jules.bot', tool: 'jules', github: { id: 161369871, login: 'google-labs-jules[bot]' }, confidence: 'high',
    certainty: 'B', source: 'aavetis/PRarena#56; google-labs-code/jules-sdk PR #94' },
  { id: 'devin.bot', tool: 'devin', github: { id: 158243242, login: 'devin-ai-integration[bot]' }, confidence: 'high',
    certainty: 'B', source: 'chaoss/disclosure constants.go; Devin CLI footer' },
  { id: 'amazon-q.bot', tool: 'amazon-q', github: { id: 208079219, login: 'amazon-q-developer[bot]' }, confidence: 'high',
    certainty: 'B', source: 'chaoss/disclosure constants.go' },
  { id: 'windsurf.bot', tool: 'windsurf', github: { id: 189301087, login: 'windsurf-bot[bot]' }, confidence: 'high',
    certainty: 'B', source: 'third-party GitHub Users-API survey (no observed use)' },
  { id: 'cline.bot', tool: 'cline', github: { id: 205137888, login: 'cline[bot]' }, confidence: 'high', certainty: 'B',
    source: 'chaoss/disclosure constants.go' },
  { id: 'amazon-q.noreply', tool: 'amazon-q', email: 'noreply@amazon.com', name: /amazon[ \t-]?q|q[ \t-]developer/i, confidence: 'medium', certainty: 'C',
    source: 'block/aittributor src/agent.rs KNOWN_AGENTS "Amazon Q Developer <noreply@amazon.com>"' },
  { id: 'windsurf.noreply', tool: 'windsurf', email: 'noreply@codeium.com', confidence: 'medium', certainty: 'C',
    source: 'block/aittributor src/agent.rs KNOWN_AGENTS "Windsurf <noreply@codeium.com>"' },
  { id: 'cline.noreply', tool: 'cline', email: 'noreply@cline.bot', confidence: 'medium', certainty: 'C',
    source: 'block/aittributor src/agent.rs KNOWN_AGENTS "Cline <noreply@cline.bot>"' },
  { id: 'amp.address', tool: 'amp', email: 'amp@ampcode.com', confidence: 'high', certainty: 'P',
    source: 'sourcegraph.com author commit 2025-07-31; Amp backport note' },
  { id: 'cody.bot', tool: 'cody', github: { id: 201248094, login: 'sourcegraph-cody[bot]' }, confidence: 'high', certainty: 'B',
    source: 'chaoss/disclosure constants.go' },
  { id: 'openhands.address', tool: 'openhands', email: 'openhands@all-hands.dev', confidence: 'high', certainty: 'P',
    source: 'All-Hands-AI/OpenHands system_prompt.j2 <VERSION_CONTROL>; OpenHands/docs PR #22' },
  { id: 'opencode.noreply', tool: 'opencode', email: 'noreply@opencode.ai', confidence: 'high', certainty: 'P',
    source: 'anomalyco/opencode#786, #919, #1135 (packages/opencode/src/tool/bash.txt)' },
  { id: 'qwen.address', tool: 'qwen', email: 'qwen-coder@alibabacloud.com', confidence: 'high', certainty: 'E',
    source: 'QwenLM/qwen-code PR #1228' },
  { id: 'continue.noreply', tool: 'continue', email: 'noreply@continue.dev', confidence: 'medium', certainty: 'U',
    source: 'continuedev/continue PR #7620 (open)' },
  { id: 'continue.bot', tool: 'continue', github: { id: 230936708, login: 'continue[bot]' }, confidence: 'high', certainty: 'B',
    source: 'chaoss/disclosure constants.go' },
  { id: 'junie.bot', tool: 'junie', github: { id: 220155983, login: 'jetbrains-ai[bot]' }, confidence: 'high', certainty: 'B',
    source: 'chaoss/disclosure constants.go' },
  { id: 'roo.roomote', tool: 'roo', email: 'roomote@roocode.com', confidence: 'high', certainty: 'B',
    source: 'git-ai-project/git-ai src/authorship/agent_detection.rs AGENT_EMAIL_MAPPINGS (roo-background)' },
  { id: 'goose.block', tool: 'goose', email: 'opensource@block.xyz', name: /goose/i, confidence: 'medium', certainty: 'C',
    source: 'block/aittributor src/agent.rs KNOWN_AGENTS "Goose <opensource@block.xyz>"' },
  { id: 'warp.oz', tool: 'warp', email: 'oz-agent@warp.dev', confidence: 'high', certainty: 'P',
    source: 'Warp Oz agent co-author "Oz <oz-agent@warp.dev>" (agent rule files and commits, code search)' },
  { id: 'warp.agent', tool: 'warp', email: 'agent@warp.dev', confidence: 'high', certainty: 'P',
    source: 'Warp agent mode co-author "Warp <agent@warp.dev>" (agent rule files and commits, code search)' },
  { id: 'sisyphus.clio', tool: 'sisyphus', email: 'clio-agent@sisyphuslabs.ai', confidence: 'high', certainty: 'E',
    source: 'code-yeongyu/oh-my-openagent git-master buildCommitFooterInjection "Co-authored-by: Sisyphus <clio-agent@sisyphuslabs.ai>"' },
  { id: 'pi.noreply', tool: 'pi', email: 'noreply@pi.dev', confidence: 'medium', certainty: 'C',
    source: 'block/aittributor src/agent.rs KNOWN_AGENTS "Pi <noreply@pi.dev>"' },
  { id: 'codebuff.noreply', tool: 'codebuff', email: 'noreply@codebuff.com', confidence: 'high', certainty: 'C',
    source: 'chaoss/disclosure detection/constants.go KnownCoAuthorEmails (Codebuff)' },
  { id: 'codebuff.freebuff', tool: 'codebuff', email: 'noreply@freebuff.com', confidence: 'high', certainty: 'C',
    source: 'chaoss/disclosure detection/constants.go KnownCoAuthorEmails (Freebuff)' },
  { id: 'coderabbit.bot', tool: 'coderabbit', github: { id: 136622811, login: 'coderabbitai[bot]' }, confidence: 'high', certainty: 'B',
    source: 'chaoss/disclosure detection/constants.go KnownAgentCommitters (CodeRabbit: accepted suggestions, generated docstrings and tests)' },
  { id: 'qodo.pr-agent', tool: 'qodo', github: { id: 151058649, login: 'codiumai-pr-agent-pro[bot]' }, confidence: 'high', certainty: 'B',
    source: 'chaoss/disclosure detection/constants.go KnownAgentCommitters; trailer_test.go "PR-Agent Pro in the wild"' },
];
