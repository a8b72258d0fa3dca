// Settings `aiProvenance.*`, read through the policy's zod schema: an invalid value gets a warning
// naming the setting and its allowed values, and the default is used instead. The user's policy
// settings are mirrored into the repository's git config (aiProvenance.*), where the hooks — which
// run outside VS Code — read them. Nothing is written in an untrusted workspace.
import * as vscode from 'vscode';
import { FORMATS, MODES, type PolicyInput } from '../core/policy/policySchema';
import { TOOL_IDS } from '../core/model';
import { Git } from '../git/exec';
import type { Log } from './log';

export interface ExtensionSettings {
  policy: PolicyInput;
  reviewCommits: boolean;
  suggestTrailers: boolean;
  statusBar: boolean;
}

const SECTION = 'aiProvenance';

/** Reads and validates settings for a resource (a repository root); `warn` receives one line per problem. */
export function readSettings(scope: vscode.Uri | undefined, warn: (message: string) => void): ExtensionSettings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const policy: PolicyInput = {};
  const explicit = (key: string): unknown => {
    const i = config.inspect(key);
    return i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
  };
  const mode = explicit('mode');
  if (mode !== undefined) {
    if ((MODES as readonly unknown[]).includes(mode)) policy.mode = mode as PolicyInput['mode'];
    else warn(`Setting ${SECTION}.mode: ${JSON.stringify(mode)} is not one of ${MODES.join(', ')}; using the default.`);
  }
  const format = explicit('format');
  if (format !== undefined) {
    if ((FORMATS as readonly unknown[]).includes(format)) policy.format = format as PolicyInput['format'];
    else warn(`Setting ${SECTION}.format: ${JSON.stringify(format)} is not one of ${FORMATS.join(', ')}; using the default.`);
  }
  const tools = explicit('tools');
  if (tools !== undefined) {
    if (typeof tools !== 'object' || tools === null || Array.isArray(tools)) {
      warn(`Setting ${SECTION}.tools must map tool ids to modes, e.g. {"claude": "keep"}; ignored.`);
    } else {
      const valid: NonNullable<PolicyInput['tools']> = {};
      for (const [tool, m] of Object.entries(tools)) {
        if (!(TOOL_IDS as readonly string[]).includes(tool)) warn(`Setting ${SECTION}.tools: unknown tool id "${tool}" (tool ids: ${TOOL_IDS.join(', ')}); ignored.`);
        else if (!(MODES as readonly unknown[]).includes(m)) warn(`Setting ${SECTION}.tools.${tool}: ${JSON.stringify(m)} is not one of ${MODES.join(', ')}; ignored.`);
        else valid[tool as keyof typeof valid] = m as PolicyInput['mode'];
      }
      if (Object.keys(valid).length) policy.tools = valid;
    }
  }
  const bool = (key: string, fallback: boolean): boolean => {
    const v = config.get<unknown>(key, fallback);
    if (typeof v === 'boolean') return v;
    warn(`Setting ${SECTION}.${key}: expected true or false; using ${fallback}.`);
    return fallback;
  };
  return {
    policy,
    reviewCommits: bool('reviewCommits', true),
    suggestTrailers: bool('suggestTrailers', true),
    statusBar: bool('statusBar.enabled', true),
  };
}

/** Mirrors the user's policy settings into the repository's git config, so the hooks apply them. */
export async function syncPolicyToGitConfig(root: string, policy: PolicyInput, log: Log): Promise<void> {
  const git = new Git(root, (l) => log.trace(l));
  const current = await git.text(['config', '--local', '-z', '--get-regexp', '^aiprovenance\\.'], { okExitCodes: [1] });
  const existing = new Map(current.split('\0').filter(Boolean).map((e) => {
    const nl = e.indexOf('\n');
    return [e.slice(0, nl).toLowerCase(), e.slice(nl + 1)] as const;
  }));
  const wanted = new Map<string, string>();
  if (policy.mode) wanted.set('aiprovenance.mode', policy.mode);
  if (policy.format) wanted.set('aiprovenance.format', policy.format);
  for (const [tool, m] of Object.entries(policy.tools ?? {})) wanted.set(`aiprovenance.tool.${tool}`, m as string);
  for (const [key, value] of wanted) {
    if (existing.get(key) !== value) await git.verb(['config', '--local', key, value]);
  }
  for (const key of existing.keys()) {
    if (!wanted.has(key)) await git.verb(['config', '--local', '--unset-all', key]).catch(() => undefined);
  }
}
