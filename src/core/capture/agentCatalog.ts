// The coding agents whose own hook systems `ai-provenance agents install` wires to
// `ai-provenance record --stdin-json`: where each keeps its hook configuration, the entry we add,
// and how to recognise our entries again (status, update, uninstall). Pure: plain JSON values in,
// plain JSON values out; the files are read and edited by src/app/agents/agents.ts.
//
// Every format below is the agent's documented one (sources cited per agent). The command we write
// never fails the agent's tool call (`|| true` in POSIX sh, `exit 0` in PowerShell). In a user file
// it calls node and the CLI by absolute path (it works without the CLI on PATH). In a project file,
// which teams commit and cloud sessions run, it prefers the `ai-provenance` (or `git-ai-provenance`)
// on PATH and falls back to this machine's absolute paths (the portable form).

export const HOOK_AGENTS = ['claude', 'cursor', 'copilot', 'gemini', 'codex'] as const;
export type HookAgent = (typeof HOOK_AGENTS)[number];
export const SCOPES = ['project', 'user'] as const;
export type Scope = (typeof SCOPES)[number];

/** One JSON path (object keys) to an array of hook entries, and the entry we put there. */
export interface HookSlot {
  path: string[];
  entry: (cmd: HookCommand) => Record<string, unknown>;
}

export interface HookCommand {
  /** For agents that run a POSIX shell (and Claude Code on Windows: Git Bash). */
  posix: string;
  /** For agents that run PowerShell on Windows (Copilot's `powershell` key, Gemini CLI on Windows). */
  powershell: string;
}

export interface AgentDef {
  id: HookAgent;
  name: string;
  /** Accepted by --agent besides the id. */
  aliases: string[];
  /** The hook file, relative to the repository root (project) or to the agent's home (user). */
  projectFile: string;
  userFile: string;
  /** Folders whose presence says the agent is used: relative to the repository root / the home. */
  projectEvidence: string[];
  /** Files we own outright (created for us, removed when empty of anything else). */
  ownFile: boolean;
  /** Keys set when we create the file (e.g. Cursor's and Copilot's `version`). */
  skeleton: Record<string, unknown>;
  slots: HookSlot[];
  source: string;
}

/** Gemini CLI names hooks; the name also dedupes ours across its settings layers. */
export const GEMINI_HOOK_NAME = 'ai-provenance-record';

export const AGENTS: readonly AgentDef[] = [
  {
    // https://code.claude.com/docs/en/hooks: settings.json `hooks.<Event>[]` = {matcher, hooks: [{type:
    // "command", command, timeout (s)}]}; files ~/.claude/settings.json, .claude/settings.json,
    // .claude/settings.local.json. VS Code's agent also reads these files (matchers ignored).
    id: 'claude', name: 'Claude Code', aliases: ['claude-code'],
    projectFile: '.claude/settings.json', userFile: 'settings.json', projectEvidence: ['.claude'],
    ownFile: false, skeleton: {},
    slots: [{
      path: ['hooks', 'PostToolUse'],
      entry: (c) => ({ matcher: 'Write|Edit|MultiEdit|NotebookEdit', hooks: [{ type: 'command', command: c.posix, timeout: 30 }] }),
    }],
    source: 'https://code.claude.com/docs/en/hooks',
  },
  {
    // https://cursor.com/docs/agent/hooks: .cursor/hooks.json and ~/.cursor/hooks.json,
    // {"version": 1, "hooks": {"afterFileEdit": [{"command": …}], "afterTabFileEdit": [...]}}.
    id: 'cursor', name: 'Cursor', aliases: [],
    projectFile: '.cursor/hooks.json', userFile: 'hooks.json', projectEvidence: ['.cursor'],
    ownFile: false, skeleton: { version: 1 },
    slots: [
      { path: ['hooks', 'afterFileEdit'], entry: (c) => ({ command: c.posix }) },
      { path: ['hooks', 'afterTabFileEdit'], entry: (c) => ({ command: c.posix }) },
    ],
    source: 'https://cursor.com/docs/agent/hooks',
  },
  {
    // https://docs.github.com/en/copilot/reference/copilot-cli-reference/cli-hooks-reference:
    // .github/hooks/*.json and ~/.copilot/hooks/*.json ($COPILOT_HOME/hooks), {"version": 1, "hooks":
    // {"postToolUse": [{type: "command", bash, powershell, timeoutSec}]}}. VS Code's agent hooks read
    // the same folders and map bash → linux/osx, powershell → windows
    // (https://code.visualstudio.com/docs/agent-customization/hooks).
    id: 'copilot', name: 'GitHub Copilot CLI and VS Code agent', aliases: ['copilot-cli', 'vscode'],
    projectFile: '.github/hooks/ai-provenance.json', userFile: 'hooks/ai-provenance.json', projectEvidence: ['.github/hooks'],
    ownFile: true, skeleton: { version: 1 },
    slots: [{
      path: ['hooks', 'postToolUse'],
      entry: (c) => ({ type: 'command', bash: c.posix, powershell: c.powershell, timeoutSec: 30 }),
    }],
    source: 'https://docs.github.com/en/copilot/reference/copilot-cli-reference/cli-hooks-reference',
  },
  {
    // https://geminicli.com/docs/hooks/reference: settings.json `hooks.AfterTool[]` = {matcher (regex
    // on tool names), hooks: [{name, type: "command", command, timeout (ms), description}]}; file
    // tools write_file and replace (packages/core/src/tools/definitions/base-declarations.ts).
    id: 'gemini', name: 'Gemini CLI', aliases: ['gemini-cli'],
    projectFile: '.gemini/settings.json', userFile: 'settings.json', projectEvidence: ['.gemini'],
    ownFile: false, skeleton: {},
    slots: [{
      path: ['hooks', 'AfterTool'],
      entry: (c) => ({
        matcher: 'write_file|replace',
        hooks: [{ name: GEMINI_HOOK_NAME, type: 'command', command: c.posix, timeout: 30000, description: 'AI Provenance: record the files Gemini CLI edited' }],
      }),
    }],
    source: 'https://geminicli.com/docs/hooks/reference',
  },
  {
    // https://developers.openai.com/codex/hooks: .codex/hooks.json (trusted projects) and
    // $CODEX_HOME/hooks.json, Claude-style {matcher, hooks: [{type: "command", command}]}; apply_patch
    // emits PostToolUse with the patch as tool_input.command (openai/codex PR #18391).
    id: 'codex', name: 'Codex CLI', aliases: ['codex-cli'],
    projectFile: '.codex/hooks.json', userFile: 'hooks.json', projectEvidence: ['.codex'],
    ownFile: false, skeleton: {},
    slots: [{
      path: ['hooks', 'PostToolUse'],
      entry: (c) => ({ matcher: 'apply_patch', hooks: [{ type: 'command', command: c.posix }] }),
    }],
    source: 'https://developers.openai.com/codex/hooks',
  },
];

export function agentDef(id: HookAgent): AgentDef {
  const def = AGENTS.find((a) => a.id === id);
  if (!def) throw new Error(`unknown agent ${id}`);
  return def;
}

/** `--agent` value → agent id, or undefined. */
export function agentFromName(name: string): HookAgent | undefined {
  const n = name.trim().toLowerCase();
  return AGENTS.find((a) => a.id === n || a.aliases.includes(n))?.id;
}

// --- The command -------------------------------------------------------------------------------

const RECORD_ARGS = 'record --stdin-json';

function sq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function psq(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** The CLI's names on PATH, in the order the portable command tries them (package.json `bin`). */
export const BINS = ['ai-provenance', 'git-ai-provenance'] as const;
const NOT_FOUND = 'ai-provenance: not on PATH (nor at the path this hook was installed with): this edit was not recorded';

/**
 * The command an agent runs. ELECTRON_RUN_AS_NODE: `node` may be VS Code's Electron binary (as in
 * our git hook shims). The trailing `|| true` / `exit 0` keeps every failure non-fatal to the agent.
 * `portable` (project files): the CLI on PATH first — `ai-provenance`, then the npm package's other
 * bin `git-ai-provenance` — then `cli` with `node` when that file exists here, else one line on
 * stderr saying the edit was not recorded.
 */
export function hookCommand(node: string, cli: string, portable = false): HookCommand {
  const direct = {
    posix: `ELECTRON_RUN_AS_NODE=1 ${sq(node)} ${sq(cli)} ${RECORD_ARGS}`,
    powershell: `$env:ELECTRON_RUN_AS_NODE='1'; & ${psq(node)} ${psq(cli)} ${RECORD_ARGS}`,
  };
  if (!portable) return { posix: `${direct.posix} || true`, powershell: `${direct.powershell}; exit 0` };
  return {
    posix: `if command -v ${BINS[0]} >/dev/null 2>&1; then ${BINS[0]} ${RECORD_ARGS}; `
      + `elif command -v ${BINS[1]} >/dev/null 2>&1; then ${BINS[1]} ${RECORD_ARGS}; `
      + `elif [ -f ${sq(cli)} ]; then ${direct.posix}; `
      + `else echo ${sq(NOT_FOUND)} >&2; fi || true`,
    powershell: `$c = Get-Command ${BINS.join(', ')} -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1; `
      + `if ($c) { & $c ${RECORD_ARGS} } `
      + `elseif (Test-Path -LiteralPath ${psq(cli)}) { ${direct.powershell} } `
      + `else { [Console]::Error.WriteLine(${psq(NOT_FOUND)}) }; exit 0`,
  };
}

export interface OurCommand {
  node: string;
  cli: string;
  /** The project form: the CLI on PATH first, these paths as the fallback. */
  portable: boolean;
}

const SQ = `('(?:[^']|'\\\\'')*')`;
const PSQ = `('(?:[^']|'')*')`;
const POSIX_FORM = new RegExp(`^ELECTRON_RUN_AS_NODE=1 ${SQ} ${SQ} record --stdin-json \\|\\| true$`);
const PS_FORM = new RegExp(`^\\$env:ELECTRON_RUN_AS_NODE='1'; & ${PSQ} ${PSQ} record --stdin-json; exit 0$`);
// The portable forms are recognised loosely here, then exactly: the command must be the one we write.
const POSIX_PORTABLE = new RegExp(`^if command -v ai-provenance .* then ELECTRON_RUN_AS_NODE=1 ${SQ} ${SQ} record --stdin-json; else .* \\|\\| true$`);
const PS_PORTABLE = new RegExp(`^\\$c = Get-Command ai-provenance, .* \\{ \\$env:ELECTRON_RUN_AS_NODE='1'; & ${PSQ} ${PSQ} record --stdin-json \\} else .*; exit 0$`);

const unSq = (s: string): string => s.slice(1, -1).replace(/'\\''/g, "'");
const unPsq = (s: string): string => s.slice(1, -1).replace(/''/g, "'");

/** The node and CLI paths of a command we wrote (either form), or undefined for any other command. */
export function parseOurCommand(command: unknown): OurCommand | undefined {
  if (typeof command !== 'string') return undefined;
  for (const [re, un, portable, key] of [
    [POSIX_FORM, unSq, false, 'posix'], [PS_FORM, unPsq, false, 'powershell'],
    [POSIX_PORTABLE, unSq, true, 'posix'], [PS_PORTABLE, unPsq, true, 'powershell'],
  ] as const) {
    const m = re.exec(command);
    if (!m?.[1] || !m[2]) continue;
    const found = { node: un(m[1]), cli: un(m[2]), portable };
    if (hookCommand(found.node, found.cli, portable)[key] === command) return found;
  }
  return undefined;
}

/** A hand-written wiring (the README's fallback configs): any command that runs `record --stdin-json`. */
export function isManualRecordCommand(command: unknown): boolean {
  return typeof command === 'string' && parseOurCommand(command) === undefined && /(^|[\s/'"])record\s+--stdin-json\b/.test(command);
}

// --- Reading entries back ----------------------------------------------------------------------

/** The commands an entry of a slot runs (Claude-style groups hold several). */
export function entryCommands(entry: unknown): { commands: unknown[]; nested: boolean } {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return { commands: [], nested: false };
  const e = entry as Record<string, unknown>;
  if (Array.isArray(e.hooks)) {
    return { commands: e.hooks.map((h) => (h && typeof h === 'object' ? (h as Record<string, unknown>).command : undefined)), nested: true };
  }
  return { commands: [e.command, e.bash, e.powershell].filter((c) => c !== undefined), nested: false };
}

export type EntryKind = 'ours' | 'manual' | 'other';

export interface FoundEntry {
  /** Index in the slot's array. */
  index: number;
  /** For nested (Claude-style) groups: the index of the hook in the group; undefined = the whole entry. */
  hookIndex?: number;
  /** The group holds nothing but this hook. */
  alone: boolean;
  kind: Exclude<EntryKind, 'other'>;
  command: OurCommand | undefined;
}

/** Our and hand-written record entries in a slot's array (in order). */
export function findRecordEntries(list: unknown): FoundEntry[] {
  if (!Array.isArray(list)) return [];
  const found: FoundEntry[] = [];
  list.forEach((entry, index) => {
    const { commands, nested } = entryCommands(entry);
    commands.forEach((c, i) => {
      const ours = parseOurCommand(c);
      const kind = ours ? 'ours' : isManualRecordCommand(c) ? 'manual' : undefined;
      if (!kind) return;
      if (!nested && found.some((f) => f.index === index)) return; // bash + powershell of one entry
      found.push({ index, ...(nested ? { hookIndex: i } : {}), alone: !nested || commands.length === 1, kind, command: ours });
    });
  });
  return found;
}
