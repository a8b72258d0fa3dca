// Where a user's agents keep their configuration. The home directory comes from HOME (or an
// explicit --home for tests and scripts); each agent's own relocation variable is honoured
// (CLAUDE_CONFIG_DIR, COPILOT_HOME, CODEX_HOME), and XDG_CONFIG_HOME / XDG_DATA_HOME / XDG_STATE_HOME
// where the tools read them. An empty variable counts as unset.
import * as os from 'node:os';
import * as path from 'node:path';
import type { HookAgent } from '../../core/capture/agentCatalog';

export interface UserPaths {
  home: string;
  platform: NodeJS.Platform;
  xdgConfig: string;
  xdgData: string;
  xdgState: string;
  /** Windows %APPDATA% (VS Code user settings), else undefined. */
  appData?: string;
  claude: string;
  cursor: string;
  copilot: string;
  gemini: string;
  codex: string;
}

export function userPaths(env: NodeJS.ProcessEnv, homeOverride?: string, platform: NodeJS.Platform = process.platform): UserPaths {
  const v = (name: string): string | undefined => (env[name] ? env[name] : undefined);
  const home = path.resolve(homeOverride ?? v('HOME') ?? v('USERPROFILE') ?? os.homedir());
  // With an explicit --home, variables of the real user would point outside it: only HOME-relative paths.
  const fromEnv = (name: string): string | undefined => (homeOverride === undefined ? v(name) : undefined);
  const appData = platform === 'win32' ? fromEnv('APPDATA') ?? path.join(home, 'AppData', 'Roaming') : undefined;
  return {
    home,
    platform,
    xdgConfig: fromEnv('XDG_CONFIG_HOME') ?? path.join(home, '.config'),
    xdgData: fromEnv('XDG_DATA_HOME') ?? path.join(home, '.local', 'share'),
    xdgState: fromEnv('XDG_STATE_HOME') ?? path.join(home, '.local', 'state'),
    ...(appData ? { appData } : {}),
    claude: fromEnv('CLAUDE_CONFIG_DIR') ?? path.join(home, '.claude'),
    cursor: path.join(home, '.cursor'),
    copilot: fromEnv('COPILOT_HOME') ?? path.join(home, '.copilot'),
    gemini: path.join(home, '.gemini'),
    codex: fromEnv('CODEX_HOME') ?? path.join(home, '.codex'),
  };
}

/** The folder an agent's user-level configuration lives in. */
export function agentHome(paths: UserPaths, agent: HookAgent): string {
  return paths[agent];
}

/** `~/…` for display when the path is under the home directory. */
export function tildify(paths: UserPaths, p: string): string {
  const rel = path.relative(paths.home, p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? `~/${rel.split(path.sep).join('/')}` : p;
}

/** Where `agents install` remembers what it changed (to restore it byte for byte). */
export function agentsStateFile(paths: UserPaths): string {
  return path.join(paths.xdgState, 'ai-provenance', 'agents.json');
}

/**
 * VS Code's user settings.json files that exist on this platform's usual paths: Code, Code -
 * Insiders, VSCodium, and code-server (which keeps them under XDG_DATA_HOME).
 */
export function vscodeUserSettings(paths: UserPaths): { product: string; file: string }[] {
  const products = ['Code', 'Code - Insiders', 'VSCodium'];
  const base = paths.platform === 'darwin' ? path.join(paths.home, 'Library', 'Application Support')
    : paths.platform === 'win32' ? paths.appData ?? path.join(paths.home, 'AppData', 'Roaming')
      : paths.xdgConfig;
  return [
    ...products.map((product) => ({ product, file: path.join(base, product, 'User', 'settings.json') })),
    { product: 'code-server', file: path.join(paths.xdgData, 'code-server', 'User', 'settings.json') },
  ];
}
