// Reads every agent's attribution setting as it stands, file by file, for `ai-provenance doctor`.
// Defaults and meanings: shared/reference/ai-signatures.md (sections a.1, b). A file that cannot
// be read or parsed is one line in `unreadable`, never an exception.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { parseSettings, valueAt } from './jsoncEdit';
import { vscodeUserSettings, type UserPaths } from './userPaths';

export type SettingScope = 'managed' | 'user' | 'project' | 'project-local' | 'workspace';

export interface SettingRow {
  scope: SettingScope;
  file: string;
  key: string;
  /** The value as written in the file. */
  value: unknown;
}

export type AttributionState = 'on' | 'off' | 'custom' | 'none';

export interface AttributionReading {
  /** What the agent writes into commits with these settings: on (its default trailer), off, custom text, or none (writes nothing). */
  attribution: AttributionState;
  detail: string;
  settings: SettingRow[];
  /** The agent's hook system is switched off in its settings (the wiring then does nothing). */
  hooksDisabled?: string;
  /** Files that exist (they show the agent is used). */
  files: string[];
}

export class SettingsReader {
  readonly unreadable: { file: string; reason: string }[] = [];

  constructor(readonly paths: UserPaths, readonly root: string | undefined, readonly withManaged: boolean) {}

  /** The parsed file, or undefined when absent (unreadable ones are reported). */
  private read(file: string, kind: 'jsonc' | 'toml' | 'yaml'): Record<string, unknown> | undefined {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') this.unreadable.push({ file, reason: (e as Error).message });
      return undefined;
    }
    try {
      if (kind === 'jsonc') {
        const r = parseSettings(text);
        if ('error' in r) throw new Error(r.error);
        return r.value;
      }
      const v: unknown = kind === 'toml' ? parseToml(text) : parseYaml(text);
      if (v === null || v === undefined) return {};
      if (typeof v !== 'object' || Array.isArray(v)) throw new Error('not a mapping');
      return v as Record<string, unknown>;
    } catch (e) {
      this.unreadable.push({ file, reason: `${kind === 'jsonc' ? 'JSON' : kind.toUpperCase()}: ${(e as Error).message.split('\n')[0]}` });
      return undefined;
    }
  }

  /** Rows for `keys` (dotted paths) in the files that exist, in order of increasing precedence. */
  private rows(files: { scope: SettingScope; file: string }[], kind: 'jsonc' | 'toml' | 'yaml', keys: string[], flat = false): { rows: SettingRow[]; files: string[]; docs: Map<string, Record<string, unknown>> } {
    const rows: SettingRow[] = [];
    const found: string[] = [];
    const docs = new Map<string, Record<string, unknown>>();
    for (const f of files) {
      const doc = this.read(f.file, kind);
      if (!doc) continue;
      found.push(f.file);
      docs.set(f.file, doc);
      for (const key of keys) {
        const value = flat ? doc[key] : valueAt(doc, key.split('.'));
        if (value !== undefined) rows.push({ scope: f.scope, file: f.file, key, value });
      }
    }
    return { rows, files: found, docs };
  }

  private project(rel: string): string | undefined {
    return this.root ? path.join(this.root, rel) : undefined;
  }

  private list(entries: [SettingScope, string | undefined][]): { scope: SettingScope; file: string }[] {
    return entries.filter((e): e is [SettingScope, string] => e[1] !== undefined).map(([scope, file]) => ({ scope, file }));
  }

  /**
   * Claude Code: attribution.commit ("" hides; text replaces the default Co-Authored-By trailer and
   * footer), legacy includeCoAuthoredBy, attribution.sessionUrl (Claude-Session trailer, default on).
   * Precedence managed > project-local > project > user. Cloud sessions read only the project file.
   */
  claude(): AttributionReading & { cloud: { attribution: AttributionState; detail: string } } {
    const managed = this.paths.platform === 'darwin' ? '/Library/Application Support/ClaudeCode/managed-settings.json'
      : this.paths.platform === 'win32' ? 'C:\\Program Files\\ClaudeCode\\managed-settings.json' : '/etc/claude-code/managed-settings.json';
    const files = this.list([
      ['user', path.join(this.paths.claude, 'settings.json')],
      ['project', this.project('.claude/settings.json')],
      ['project-local', this.project('.claude/settings.local.json')],
      ['managed', this.withManaged ? managed : undefined],
    ]);
    const { rows, files: found } = this.rows(files, 'jsonc', ['attribution.commit', 'includeCoAuthoredBy', 'attribution.sessionUrl']);
    const local = claudeEffective(rows);
    const cloud = claudeEffective(rows.filter((r) => r.scope === 'project'));
    return { ...local, settings: rows, files: found, cloud: { ...cloud, detail: `cloud sessions read .claude/settings.json only: ${cloud.detail}` } };
  }

  /** GitHub Copilot CLI: includeCoAuthoredBy (default true) in ~/.copilot/settings.json (config.json in older releases). */
  copilot(): AttributionReading {
    const files = this.list([['user', path.join(this.paths.copilot, 'config.json')], ['user', path.join(this.paths.copilot, 'settings.json')]]);
    const { rows, files: found } = this.rows(files, 'jsonc', ['includeCoAuthoredBy']);
    const last = rows.at(-1);
    const off = last?.value === false;
    return { attribution: off ? 'off' : 'on', detail: off ? `includeCoAuthoredBy false (${last?.file})` : 'Co-authored-by: Copilot <223556219+Copilot@users.noreply.github.com> (default)', settings: rows, files: found };
  }

  /** Codex CLI: commit_attribution (blank disables; default label "Codex"), hooks feature ([features] hooks / codex_hooks). */
  codex(): AttributionReading {
    const files = this.list([['user', path.join(this.paths.codex, 'config.toml')], ['project', this.project('.codex/config.toml')]]);
    const { rows, files: found } = this.rows(files, 'toml', ['commit_attribution', 'features.hooks', 'features.codex_hooks', 'features.codex_git_commit']);
    const last = (key: string): SettingRow | undefined => rows.filter((r) => r.key === key).at(-1);
    const label = last('commit_attribution');
    const hooksOff = [last('features.hooks'), last('features.codex_hooks')].find((r) => r?.value === false);
    const attribution: AttributionState = label === undefined ? 'on' : typeof label.value === 'string' && label.value.trim() === '' ? 'off' : 'custom';
    const detail = label === undefined ? 'commit_attribution unset: Codex\'s default label "Codex" when its git-commit attribution is on'
      : attribution === 'off' ? `commit_attribution "" (${label.file})` : `commit_attribution ${JSON.stringify(label.value)} (${label.file})`;
    return { attribution, detail, settings: rows, files: found, ...(hooksOff ? { hooksDisabled: `${hooksOff.key} = false in ${hooksOff.file}` } : {}) };
  }

  /** Gemini CLI writes no attribution into commits; its hooks can be switched off (hooksConfig.enabled, older tools.enableHooks). */
  gemini(): AttributionReading {
    const files = this.list([['user', path.join(this.paths.gemini, 'settings.json')], ['project', this.project('.gemini/settings.json')]]);
    const { rows, files: found } = this.rows(files, 'jsonc', ['hooksConfig.enabled', 'tools.enableHooks']);
    const off = rows.filter((r) => r.value === false).at(-1);
    return { attribution: 'none', detail: 'Gemini CLI adds no attribution to commits', settings: rows, files: found, ...(off ? { hooksDisabled: `${off.key} false in ${off.file}` } : {}) };
  }

  /** Cursor CLI: attribution.attributeCommitsToAgent (default true) in ~/.cursor/cli-config.json. */
  cursor(): AttributionReading {
    const { rows, files: found } = this.rows([{ scope: 'user', file: path.join(this.paths.cursor, 'cli-config.json') }], 'jsonc', ['attribution.attributeCommitsToAgent']);
    const off = rows.at(-1)?.value === false;
    return { attribution: off ? 'off' : 'on', detail: off ? 'attribution.attributeCommitsToAgent false' : 'Co-authored-by: Cursor <cursoragent@cursor.com> (default)', settings: rows, files: found };
  }

  /** VS Code's git.addAICoAuthor (off | chatAndAgent | all) in user and workspace settings (JSONC). */
  vscode(): AttributionReading {
    const files = [
      ...vscodeUserSettings(this.paths).map((u) => ({ scope: 'user' as const, file: u.file })),
      ...this.list([['workspace', this.project('.vscode/settings.json')]]),
    ];
    const { rows, files: found } = this.rows(files, 'jsonc', ['git.addAICoAuthor'], true);
    const workspace = rows.filter((r) => r.scope === 'workspace').at(-1);
    const users = rows.filter((r) => r.scope === 'user');
    const values = workspace ? [workspace.value] : users.map((u) => u.value);
    const on = values.filter((v) => v === 'all' || v === 'chatAndAgent');
    const attribution: AttributionState = values.length === 0 ? 'on' : on.length > 0 ? 'on' : 'off';
    const detail = values.length === 0
      ? 'git.addAICoAuthor unset: the default depends on the version (off from 1.119; all in 1.117, chatAndAgent in 1.118)'
      : `git.addAICoAuthor ${[...new Set(values.map((v) => JSON.stringify(v)))].join(' / ')}${workspace ? ' (workspace)' : ''}`;
    return { attribution, detail, settings: rows, files: found };
  }

  /**
   * aider's .aider.conf.yml (home, then repository root; later wins): --attribute-co-authored-by
   * (default true since 0.85), --attribute-author / --attribute-committer (default on unless the
   * co-author trailer is in effect), --attribute-commit-message-author/-committer (default off),
   * --git-commit-verify (default false: aider commits with --no-verify).
   */
  aider(): AttributionReading & { commitVerify: boolean } {
    const keys = ['attribute-co-authored-by', 'attribute-author', 'attribute-committer', 'attribute-commit-message-author', 'attribute-commit-message-committer', 'git-commit-verify'];
    const files = this.list([['user', path.join(this.paths.home, '.aider.conf.yml')], ['project', this.project('.aider.conf.yml')]]);
    const { rows, files: found } = this.rows(files, 'yaml', keys, true);
    const get = (k: string): boolean | undefined => {
      const v = rows.filter((r) => r.key === k).at(-1)?.value;
      return typeof v === 'boolean' ? v : undefined;
    };
    const coAuthor = get('attribute-co-authored-by') ?? true;
    const marks = {
      'co-authored-by trailer': coAuthor,
      '(aider) author name': get('attribute-author') ?? !coAuthor,
      '(aider) committer name': get('attribute-committer') ?? !coAuthor,
      '"aider: " message prefix': (get('attribute-commit-message-author') ?? false) || (get('attribute-commit-message-committer') ?? false),
    };
    const on = Object.entries(marks).filter(([, v]) => v).map(([k]) => k);
    return {
      attribution: on.length ? 'on' : 'off', detail: on.length ? on.join(', ') : 'every --attribute-* option is off',
      settings: rows, files: found, commitVerify: get('git-commit-verify') ?? false,
    };
  }
}

function claudeEffective(rows: SettingRow[]): { attribution: AttributionState; detail: string } {
  const rank: Record<SettingScope, number> = { user: 0, workspace: 1, project: 1, 'project-local': 2, managed: 3 };
  const top = (key: string): SettingRow | undefined => rows.filter((r) => r.key === key).sort((a, b) => rank[a.scope] - rank[b.scope]).at(-1);
  const commit = top('attribution.commit');
  const legacy = top('includeCoAuthoredBy');
  const session = top('attribution.sessionUrl');
  const sessionText = session?.value === false ? '; no Claude-Session trailer (attribution.sessionUrl false)' : '; Claude-Session trailer on (default)';
  if (commit && typeof commit.value === 'string') {
    return commit.value.trim() === ''
      ? { attribution: session?.value === false ? 'off' : 'custom', detail: `attribution.commit "" (${commit.scope})${sessionText}` }
      : { attribution: 'custom', detail: `attribution.commit ${JSON.stringify(commit.value)} (${commit.scope})${sessionText}` };
  }
  if (legacy?.value === false) return { attribution: session?.value === false ? 'off' : 'custom', detail: `includeCoAuthoredBy false (${legacy.scope}, legacy)${sessionText}` };
  return { attribution: 'on', detail: `Co-Authored-By trailer and "Generated with Claude Code" footer (default)${sessionText}` };
}
