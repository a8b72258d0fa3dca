// The effective policy of a repository: the team file `.ai-provenance.json` at the work-tree root
// (checked in by team leads) and the user's own settings — git config `aiProvenance.*` (written by
// the VS Code extension, readable by every hook and CLI) plus command-line overrides.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Git } from '../git/exec';
import type { PolicyInput } from '../core/policySchema';
import { parsePolicyInput, parseTeamFile, resolvePolicy, type ResolvedPolicy } from '../core/policyResolve';

export const TEAM_FILE = '.ai-provenance.json';
export const USER_SOURCE = "git config aiProvenance.* (the user's settings)";

export interface LoadedPolicy extends ResolvedPolicy {
  /** Absolute path of the team file, when there is one. */
  teamFile?: string;
}

/** Reads `aiprovenance.*` entries of `git config -z --get-regexp` output into policy input (unvalidated). */
export function userPolicyFromConfig(raw: string): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const tools: Record<string, string> = {};
  for (const entry of raw.split('\0')) {
    const nl = entry.indexOf('\n');
    if (nl === -1) continue;
    const name = entry.slice(0, nl);
    const value = entry.slice(nl + 1);
    const lower = name.toLowerCase();
    if (lower === 'aiprovenance.mode') input.mode = value;
    else if (lower === 'aiprovenance.format') input.format = value;
    else if (lower.startsWith('aiprovenance.tool.')) tools[name.slice('aiprovenance.tool.'.length).toLowerCase()] = value;
  }
  if (Object.keys(tools).length) input.tools = tools;
  return input;
}

export async function loadPolicy(git: Git, root: string, overrides: PolicyInput = {}, configText?: string): Promise<LoadedPolicy> {
  const raw = configText ?? (await git.text(['config', '-z', '--get-regexp', '^aiprovenance\\.'], { okExitCodes: [1] }));
  const user = parsePolicyInput({ ...userPolicyFromConfig(raw), ...overrides }, USER_SOURCE);
  const file = root ? path.join(root, TEAM_FILE) : '';
  if (file && existsSync(file)) {
    const team = parseTeamFile(readFileSync(file, 'utf8'), TEAM_FILE);
    return { ...resolvePolicy(team, user, TEAM_FILE), teamFile: file };
  }
  return resolvePolicy(undefined, user);
}
