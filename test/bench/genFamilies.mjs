// A labelled corpus of the attribution families of issue 12 and their look-alikes: one
// `git fast-import` run builds a deterministic repository of COUNT commits (default 5,000) — mostly
// plain human work, plus every 2026-H2 family (agent addresses, trailer keys, message lines,
// identity suffixes, empty agent commits, agent branch merges) and the commits that must not count
// (commits about a tool, people named Claude/Devin/Jules, human Assisted-by, other Replit products).
// Each commit's label (ai | unverified | human) goes to .git/aip-families.json for familyCounts.mjs.
//   node test/bench/genFamilies.mjs DIR [COUNT]
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gitEnv } from './genRepo.mjs';

export const LABELS_FILE = 'aip-families.json';

const HUMANS = ['Ada Lovelace <ada@example.com>', 'Grace Hopper <grace@example.com>', 'Linus Pauling <linus@example.com>',
  'Margaret Hamilton <margaret@example.com>', 'Ken Thompson <ken@example.com>'];
const AGENT = 'copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>';
const GITHUB = 'GitHub <noreply@github.com>';
const ROBOT = '\u{1F916}';

/** [family, label, message, author?, committer?, empty?, mergeFrom?]: `$` in a message is a counter. */
const FAMILIES = [
  // ---- 2026-H2 families (ai) ----
  ['warp.oz', 'ai', 'Add retry to uploads $\n\nCo-Authored-By: Oz <oz-agent@warp.dev>\n'],
  ['warp.agent', 'ai', 'Fix flaky test $\n\nCo-Authored-By: Warp <agent@warp.dev>\n'],
  ['sisyphus', 'ai', 'Refactor HUD $\n\nUltraworked with [Sisyphus](https://github.com/code-yeongyu/oh-my-openagent)\n\nCo-authored-by: Sisyphus <clio-agent@sisyphuslabs.ai>\n'],
  ['claude.code-address', 'ai', 'Tidy config $\n\nCo-authored-by: Claude Code <claude-code@anthropic.com>\n'],
  ['copilot.noreply-github', 'ai', 'Update docs $\n\nCo-authored-by: GitHub Copilot <noreply@github.com>\nAi-assisted: true\n'],
  ['copilot.address-named', 'ai', 'Add endpoint $\n\nCo-Authored-By: Copilot (gpt-4.1) <copilot@github.com>\n'],
  ['goose', 'ai', 'Bump parser $\n\nCo-authored-by: Goose <opensource@block.xyz>\nAi-assisted: true\n'],
  ['codex.noreply', 'ai', 'Cache results $\n\nCo-authored-by: Codex <noreply@openai.com>\n'],
  ['claude.generated-by', 'ai', 'Split module $\n\nClaude-Generated-By: Claude Code (cli=88%)\nClaude-Steers: 2\n'],
  ['claude.session', 'ai', 'Fix race $\n\nClaude-Session: https://claude.ai/code/session_01Ab$\n'],
  ['entire', 'ai', 'Add user authentication $\n\nEntire-Checkpoint: a3b2c4d5e6f7\n'],
  ['replit', 'ai', 'Landing page $\n\nReplit-Commit-Author: Agent\nReplit-Commit-Session-Id: 1234a1ab-12ab-1234-abcd-0123456a1234\n'],
  ['made-with', 'ai', 'Polish UI $\n\nMade-with: Cursor\n'],
  ['co-authored-by-ai', 'ai', 'Port test $\n\nCo-authored-by-AI: IBM Bob (granite-4)\n'],
  ['copilot.workspace', 'ai', 'Add overview (#$)\n\nFor more details, open the [Copilot Workspace session](https://copilot-workspace.githubnext.com/acme/app?shareId=920d0431-29d7-4c5e-9a1d-b3721ec42a4b).\n'],
  ['claude.session-link', 'ai', 'Fix $\n\nhttps://claude.ai/code/session_01AbCdEf\n'],
  ['claude.author-line', 'ai', 'Add dashboard $\n\n\u270D\uFE0F Author: Claude Code with Dame Williams\n'],
  ['aider.transcript', 'ai', 'Added a blank line check $\n\nUSER: skip blank lines\n\nASSISTANT: I changed the parser to skip blank lines.\n'],
  ['aider.chat-conversation', 'ai', 'aider: added audio $\n\n# Aider chat conversation:\n\nUSER: add audio\n\nASSISTANT: Sure.\n'],
  ['aider.capital', 'ai', 'Aider: refactor auth module $\n'],
  ['codebuff', 'ai', 'fix: update handler $\n\n' + ROBOT + ' Generated with Codebuff\n'],
  ['kimi', 'ai', 'Speed up search $\n\nAssisted-by: Kimi K2.6\n'],
  ['coderabbit', 'ai', '📝 Add docstrings to `parser` $\n', 'coderabbitai[bot] <136622811+coderabbitai[bot]@users.noreply.github.com>'],
  ['renamed-bot', 'ai', 'Fix typo $\n', 'claude <209825114+renamed-claude-bot@users.noreply.github.com>'],
  ['model-suffix', 'ai', 'Fix the parser $\n', undefined, 'Ada Lovelace (gpt-4o) <ada@example.com>'],
  ['aider.committer-only', 'ai', 'Fix the lexer $\n', undefined, 'Ada Lovelace (aider) <ada@example.com>'],
  ['copilot.initial-plan', 'ai', 'Initial plan\n', AGENT, GITHUB, true],
  ['branch.copilot', 'ai', 'Merge pull request #$ from acme/copilot/fix-parser-$\n\nFix the parser\n', undefined, undefined, false, 'merge'],
  // ---- families the catalog already had (ai / unverified) ----
  ['claude.footer', 'ai', `Add parser $\n\n${ROBOT} Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude Opus 4.6 <noreply@anthropic.com>\n`],
  ['cursor', 'ai', 'Refactor lexer $\n\nCo-authored-by: Cursor <cursoragent@cursor.com>\n'],
  ['aider.author', 'ai', 'aider: rename helper $\n', 'Ada Lovelace (aider) <ada@example.com>', 'Ada Lovelace (aider) <ada@example.com>'],
  ['vscode.sticky', 'unverified', 'Tweak docs $\n\nCo-authored-by: Copilot <copilot@github.com>\n'],
  // ---- look-alikes (human) ----
  ['human.assisted-by-person', 'human', 'Fix leak $\n\nAssisted-by: Waldek Maleska\n'],
  ['human.assisted-by-colleague', 'human', 'Fix leak $\n\nAssisted-by: my colleague Bob\n'],
  ['human.made-with', 'human', 'Release notes $\n\nMade-with: love\n'],
  ['human.replit-other', 'human', 'Update deps $\n\nReplit-Commit-Author: SomeOtherReplitProduct\n'],
  ['human.about-tool', 'human', 'Strip "Co-authored-by: Sisyphus" lines in our commit hook $\n'],
  ['human.about-aider', 'human', 'Docs: explain what aider writes $\n\nAider used to append its chat conversation to commits.\n'],
  ['human.claude', 'human', 'Information theory notes $\n', 'Claude Shannon <claude@bell-labs.example>'],
  ['human.devin', 'human', 'Pair session $\n\nCo-authored-by: Devin Smith <devin@example.com>\n'],
  ['human.jules', 'human', 'Pair session $\n\nCo-authored-by: Jules Verne <jules@example.com>\n'],
  ['human.assistant-line', 'human', 'Add chat roles $\n\nASSISTANT: the role of the bot in our chat UI\n'],
  ['human.generated-with', 'human', 'Write the post $: generated with care\n'],
  ['human.entire-mention', 'human', 'Explain trailers $\nEntire-Metadata mentioned\n'],
  ['human.feature-merge', 'human', 'Merge pull request #$ from acme/feature/login-$\n\nAdd login\n', undefined, undefined, false, 'merge'],
  ['human.codex-typo-merge', 'human', "Merge branch 'fix-codex-typo-$'\n", undefined, undefined, false, 'merge'],
  ['human.web-flow', 'human', 'Merge release $\n', undefined, GITHUB],
  ['human.empty', 'human', 'Trigger CI $\n', undefined, undefined, true],
  ['human.dependabot', 'human', 'Bump lodash from 4.17.20 to 4.17.21 $\n\nSigned-off-by: dependabot[bot] <support@github.com>\n',
    'dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>'],
];

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generate(dir, count = 5000) {
  fs.mkdirSync(dir, { recursive: true });
  const env = gitEnv();
  execFileSync('git', ['init', '-q', '-b', 'main', dir], { env });
  const r = rng(12);
  const chunks = [];
  const labels = [];
  let mark = 0;
  let main = 0; // mark of main's tip
  const add = (s) => chunks.push(Buffer.from(s, 'utf8'));
  const emit = ({ message, author, committer, empty, parents, branch = 'refs/heads/main', time }) => {
    mark++;
    const msg = Buffer.from(message, 'utf8');
    add(`commit ${branch}\nmark :${mark}\nauthor ${author} ${time} +0000\ncommitter ${committer ?? author} ${time} +0000\ndata ${msg.length}\n`);
    chunks.push(msg);
    add('\n');
    if (parents[0]) add(`from :${parents[0]}\n`);
    for (const p of parents.slice(1)) add(`merge :${p}\n`);
    if (!empty) add(`M 100644 inline f${mark % 97}.txt\ndata ${String(mark).length + 1}\n${mark}\n`);
    add('\n');
    return mark;
  };
  for (let i = 0; i < count; i++) {
    const time = 1_750_000_000 + i * 600;
    const human = HUMANS[Math.floor(r() * HUMANS.length)];
    const pickFamily = r() < 0.3;
    if (!pickFamily) {
      main = emit({ message: `Work on module ${i % 50}\n\nDetails of change ${i}.\n`, author: human, parents: main ? [main] : [], time });
      labels.push({ mark: main, family: 'human.plain', label: 'human' });
      continue;
    }
    const [family, label, template, author, committer, empty, mergeFrom] = FAMILIES[Math.floor(r() * FAMILIES.length)];
    const message = template.replace(/\$/g, String(i));
    if (mergeFrom === 'merge' && main) {
      const side = emit({ message: `Side work ${i}\n`, author: human, parents: [main], branch: 'refs/heads/side', time: time - 300 });
      main = emit({ message, author: author ?? human, committer, parents: [main, side], time, empty: true });
      labels.push({ mark: side, family: 'human.plain', label: 'human' });
    } else {
      main = emit({ message, author: author ?? human, committer, empty, parents: main ? [main] : [], time });
    }
    labels.push({ mark: main, family, label });
  }
  add('done\n');
  execFileSync('git', ['fast-import', '--quiet', '--done', '--export-marks=.git/aip-marks'], { cwd: dir, env, input: Buffer.concat(chunks) });
  const shaOf = new Map(fs.readFileSync(path.join(dir, '.git/aip-marks'), 'utf8').split('\n').filter(Boolean)
    .map((l) => l.split(' ')).map(([m, sha]) => [Number(m.slice(1)), sha]));
  const out = Object.fromEntries(labels.map((l) => [shaOf.get(l.mark), { family: l.family, label: l.label }]));
  fs.writeFileSync(path.join(dir, '.git', LABELS_FILE), JSON.stringify(out));
  execFileSync('git', ['reset', '-q', '--hard', 'main'], { cwd: dir, env });
  return { dir, commits: Object.keys(out).length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = path.resolve(process.argv[2] ?? 'families-repo');
  if (fs.existsSync(dir)) throw new Error(`${dir} exists`);
  const result = generate(dir, Number(process.argv[3] ?? 5000));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
