// UI screenshot scenarios run by runHostTests.mjs after the host test runs (see ui-screenshot.mjs for
// every option). Each one starts its own code-server with the extension as development extension on a
// fresh git repository (prepared by `setup`), runs its steps, waits, saves the PNG to
// test-output/screenshots/<name>.png and checks that it is not blank.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const AI_VIEW = '.pane:has(.pane-header[aria-label^="AI Provenance"])';
const TOAST = '.notifications-toasts .notification-toast';
const TEAM_HISTORY = `bash '${fileURLToPath(new URL('./fixtures/team-history.sh', import.meta.url))}'`;
const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
/** A terminal commit with VS Code's sticky Copilot trailer and no evidence behind it. */
const PHANTOM_COMMIT = 'printf "export const total = 3;\\n" > total.ts && git add total.ts'
  + ' && git commit -q -m "Compute the total" -m "Co-authored-by: Copilot <copilot@github.com>"';

const CLI = path.resolve(fileURLToPath(new URL('../../dist/cli.js', import.meta.url)));
const SCM_BOX = '.scm-editor';
const PARSER = 'export function parse(text: string): string[] {\n  return text.split(\'\\n\');\n}\n';
const TRAILERS = '\n/** Joins continuation lines (they start with a space or a tab) to the trailer before them. */\n'
  + 'export function trailers(lines: string[]): string[] {\n  const out: string[] = [];\n  for (const line of lines) {\n'
  + '    if (/^[ \\t]/.test(line) && out.length) out[out.length - 1] += ` ${line.trim()}`;\n    else out.push(line);\n  }\n  return out;\n}\n';
const writeFile = (file, text) => `printf %s '${Buffer.from(text).toString('base64')}' | base64 -d > ${file}`;
/** An agent's edit, recorded as its hook would (ai-provenance record), and staged: the next commit's evidence. */
const RECORDED_EDIT = [
  `mkdir -p src && ${writeFile('src/parser.ts', PARSER)} && git add src && git commit -q -m "Add the parser"`,
  writeFile('src/parser.ts', PARSER + TRAILERS),
  `node '${CLI}' record --tool claude --model claude-opus-4-6 --file src/parser.ts:5-13`,
  'git add src/parser.ts',
];

/** Inside the panel's webview: hostile commit text is shown as text and never becomes markup. */
async function panelIsSafe(frame) {
  const r = await frame.evaluate(() => ({
    pwned: window.__pwned ?? null,
    text: document.body.innerText,
    images: document.querySelectorAll('img').length,
    handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => /^on/i.test(a.name))).length,
    rows: document.querySelectorAll('[role=row]').length,
  }));
  const problems = [];
  if (r.pwned !== null) { problems.push(`window.__pwned = ${JSON.stringify(r.pwned)}`); }
  if (!r.text.includes(HOSTILE)) { problems.push('the hostile subject is not shown literally'); }
  if (r.images) { problems.push(`${r.images} <img> element(s) in the panel`); }
  if (r.handlers) { problems.push(`${r.handlers} element(s) with on* attributes`); }
  if (r.rows < 20) { problems.push(`only ${r.rows} table rows`); }
  return problems;
}

function panelScenario(name, theme, description, extraSteps = []) {
  return {
    name,
    description,
    viewport: { width: 1400, height: 900 },
    settings: { 'workbench.colorTheme': theme },
    setup: [
      TEAM_HISTORY,
      `printf "x\\n" > hostile.txt && git add hostile.txt && git commit -q --no-verify -m 'Escape test ${HOSTILE}' -m "Co-authored-by: Copilot <copilot@github.com>"`,
    ],
    steps: [
      { palette: 'View: Close Primary Side Bar' },
      { palette: 'AI Provenance: Open Provenance Panel' },
      { waitInWebview: '[role=row]', text: 'Escape test', timeoutMs: 60000, check: panelIsSafe },
      // the detail pane of an assisted commit (most recent Claude Code commit)
      { waitInWebview: '[role=row]', text: 'claude', click: true },
      { waitInWebview: '.detail-content', text: 'Evidence' },
      ...extraSteps,
    ],
    waitFor: '.editor-instance iframe.webview, iframe.webview',
    regions: [{ name: 'panel', selector: 'iframe.webview', minDistinctColours: 12 }],
  };
}

export const SCREENSHOT_SCENARIOS = [
  {
    name: 'scm-view',
    description: 'Source Control: the AI Provenance tree, and the notification for a terminal commit with VS Code\'s phantom Copilot trailer',
    setup: [TEAM_HISTORY],
    steps: [
      { palette: 'Source Control: Focus on AI Provenance View' },
      { waitFor: `${AI_VIEW} .monaco-list-row`, text: 'Assisted', timeoutMs: 60000 },
      { click: '.pane-header h3.title', text: 'Graph' }, // collapsed, so the tree gets the height
      { shell: PHANTOM_COMMIT },
      { waitFor: TOAST, text: 'Copilot', timeoutMs: 30000 },
    ],
    waitFor: TOAST,
    waitForText: 'Fix',
    regions: [
      { name: 'ai-provenance-view', selector: `${AI_VIEW} > .pane-body`, minDistinctColours: 10 },
      { name: 'notification', selector: TOAST, minDistinctColours: 6 },
    ],
  },
  {
    name: 'commit-box',
    description: 'VS Code 1.139: the commit message box shows the attribution that will be written, from recorded evidence for the staged file',
    vscode: '1.139',
    viewport: { width: 1400, height: 700 },
    setup: RECORDED_EDIT,
    steps: [
      { palette: 'Source Control: Focus on Changes View' },
      { waitFor: `${SCM_BOX} .view-lines`, text: 'Assisted-by: Claude-Code:claude-opus-4-6', timeoutMs: 60000 },
      { click: `${SCM_BOX} .view-lines` },
      { keys: 'Control+Home' },
      { typeText: 'Join continuation lines when parsing trailers' },
      { click: '.scm-view .monaco-list-row', text: 'parser.ts' },
      { waitFor: '.editor-instance .monaco-diff-editor', timeoutMs: 30000 },
    ],
    waitFor: `${SCM_BOX} .view-lines`,
    waitForText: 'Join continuation lines',
    regions: [{ name: 'commit-box', selector: SCM_BOX, minDistinctColours: 6 }],
  },
  panelScenario('panel-dark', 'Default Dark Modern', 'the provenance panel on a team\'s half year, dark theme, with the hostile-subject DOM check'),
  panelScenario('panel-light', 'Default Light Modern', 'the provenance panel on a team\'s half year, light theme, with the hostile-subject DOM check'),
  panelScenario('panel-charts', 'Default Dark Modern', 'the panel\'s charts: assisted share per month by tool, authors, unverified trailers', [
    { waitInWebview: '#aip-tab-charts', click: true },
    { waitInWebview: '.view-charts svg' },
  ]),
];
