// The effective policy of a repository: the team file `.ai-provenance.json` at the work-tree root
// (checked in by team leads) and the user's own settings — git config `aiProvenance.*` (written by
// the VS Code extension, readable by every hook and CLI) plus command-line overrides.
import * as path from 'node:path';
import type { Git } from '../git/exec';
import { readUntrustedFile } from '../git/untrustedFile';
import type { PolicyInput } from '../core/policy/policySchema';
import { PolicyFileError, parsePolicyInput, parseTeamFile, resolvePolicy, type ResolvedPolicy } from '../core/policy/policyResolve';
import type { TeamFile } from '../core/policy/policySchema';

export const TEAM_FILE = '.ai-provenance.json';
/** A team file is a few hundred bytes; anything near this is not one. */
export const TEAM_FILE_MAX_BYTES = 256 * 1024;
export const USER_SOURCE = "git config aiProvenance.* (the user's settings)";

export interface LoadedPolicy extends ResolvedPolicy {
  /** Absolute path of the team file, when there is one. */
  teamFile?: string;
  /**
   * Why a team file that is there was not used (a FIFO, a device, a directory, a symbolic link out
   * of the work tree, too large): one line each. The defaults and the user's settings apply.
   */
  warnings?: string[];
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
  if (!file) return resolvePolicy(undefined, user);
  // Committed by anyone with push access: a regular file inside the work tree, bounded, never blocking.
  const read = readUntrustedFile(file, { within: root, maxBytes: TEAM_FILE_MAX_BYTES, label: TEAM_FILE });
  if (read.bytes) {
    const team = parseTeamFile(read.bytes.toString('utf8'), TEAM_FILE);
    return { ...resolvePolicy(team, user, TEAM_FILE), teamFile: file };
  }
  const resolved = resolvePolicy(undefined, user);
  return read.problem ? { ...resolved, warnings: [`${read.problem}; the team policy is not applied (defaults and your settings are)`] } : resolved;
}

/** A team-file-shaped JSON the user names (`check --policy FILE`): bounded and non-blocking, like the team file. */
export function readPolicyFile(file: string): TeamFile {
  const read = readUntrustedFile(file, { maxBytes: TEAM_FILE_MAX_BYTES });
  if (!read.bytes) throw new PolicyFileError(file, '', read.problem ?? `${file}: no such file`);
  return parseTeamFile(read.bytes.toString('utf8'), file);
}
