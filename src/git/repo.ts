// Where a repository lives (work tree, git dir, common dir for worktrees) and the git settings
// that change how its commit messages are read (trailer keys and separators, comment char).
import { statSync } from 'node:fs';
import { Git, GitError, classifyGitFailure, firstErrorLine, type GitLogger } from './exec';
import type { TrailerItem, TrailerOptions } from '../core/detect/trailers';
import { parseTrailers } from '../core/detect/trailers';
import { remoteUrls, repositoryIdentity } from '../core/fleet/repositoryIdentity';

export interface RepositoryInfo {
  /** Work tree root ('' for a bare repository). */
  root: string;
  /** This work tree's git dir (differs from commonDir in a linked worktree). */
  gitDir: string;
  /** Shared git dir: objects, refs, notes, our cache. */
  commonDir: string;
  shallow: boolean;
  bare: boolean;
  /** HEAD's commit, absent when HEAD is unborn. */
  head?: string;
  /** i18n.logOutputEncoding is not UTF-8: history reads must ask git to re-encode. */
  forceUtf8: boolean;
  trailers: Omit<TrailerOptions, 'noDivider'>;
  /** What reports call it: the remote URL without credentials, else the folder name (never the path). */
  identity: string;
  /**
   * What the audit cache's validity check (cacheValidity.ts) needs, read by the same two probes:
   * the object directory and graft file git uses, and core.useReplaceRefs (false when set false).
   */
  historyPaths?: { objectsDir: string; grafts: string; useReplaceRefs: boolean };
}

// One rev-parse answers where the repository is, the paths the cache checks and HEAD's commit: it
// prints one line per argument, in order. --show-toplevel fails (128) outside a work tree (bare, or
// inside .git) after printing the lines before it; `HEAD^{commit}` fails (128) on an unborn HEAD,
// after printing the rest (then there is no HEAD line). Outside a work tree HEAD is asked separately.
const REV_PARSE_ARGS = ['rev-parse', '--path-format=absolute', '--git-dir', '--git-common-dir',
  '--is-shallow-repository', '--is-bare-repository', '--is-inside-work-tree', '--git-path', 'objects', '--git-path', 'info/grafts',
  '--show-toplevel', 'HEAD^{commit}', '--'];
/** The settings that change how messages read, the remotes (identity) and core.useReplaceRefs (the cache). */
const CONFIG_ARGS = ['config', '-z', '--get-regexp',
  '^(trailer\\.|core\\.commentchar$|core\\.usereplacerefs$|i18n\\.(logoutput|commit)encoding$|remote\\..*\\.url$)'];

/** Opens the repository containing `dir`; throws GitError('not-a-repository') when there is none. */
export async function openRepository(dir: string, log?: GitLogger, options: { lazyFetch?: boolean } = {}): Promise<{ git: Git; info: RepositoryInfo }> {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) throw new GitError('not-a-repository', `not a git repository (no such directory): ${dir}`);
  const probe = new Git(dir, log);
  const [paths, config, urlGuard] = await Promise.all([
    probe.run(REV_PARSE_ARGS, { okExitCodes: [128] }),
    probe.text(CONFIG_ARGS, { okExitCodes: [1] }).catch(() => ''),
    trailerUrlGuard(probe),
  ]);
  const [gitDir, commonDir, shallow, bare, inWorkTree, objectsDir, grafts, root, headLine] = paths.stdout.toString('utf8').split('\n');
  if (!gitDir || !commonDir || inWorkTree === undefined) {
    const reason = firstErrorLine(paths.stderr) || `not a git repository: ${dir}`;
    throw new GitError(classifyGitFailure(paths.stderr), reason, REV_PARSE_ARGS, paths.exitCode, paths.stderr);
  }
  const head = inWorkTree === 'true' ? headLine ?? ''
    : await probe.text(['rev-parse', '-q', '--verify', 'HEAD^{commit}'], { okExitCodes: [1, 128] }).catch(() => '');
  const info: RepositoryInfo = {
    root: inWorkTree === 'true' ? root ?? '' : '',
    gitDir,
    commonDir,
    shallow: shallow === 'true',
    bare: bare === 'true',
    ...(/^[0-9a-f]{40,64}$/.test(head.trim()) ? { head: head.trim() } : {}),
    trailers: { ...trailerConfig(config), urlGuard },
    forceUtf8: /(?:^|\0)i18n\.(?:logoutput|commit)encoding\n(?!utf-?8\0)/i.test(config),
    identity: repositoryIdentity(remoteUrls(config), inWorkTree === 'true' && root ? root : bareDir(gitDir)),
    ...(objectsDir && grafts ? { historyPaths: { objectsDir, grafts, useReplaceRefs: useReplaceRefs(config) } } : {}),
  };
  return { git: new Git(info.root || info.gitDir, log, 'git', options), info };
}

/** The trailer.<name>.<variable> variables that make an item in git's trailer.c (git_trailer_config). */
const ITEM_VARIABLES = new Set(['key', 'command', 'cmd', 'where', 'ifexists', 'ifmissing']);

/**
 * Parses `git config -z --get-regexp` output into the trailer parser's settings: the items in the
 * order git creates them (first mention of a name, names compared case-insensitively), each with
 * the last trailer.<name>.key it saw, as git_trailer_config does.
 */
/** The directory a bare repository is known by (`x.git`), or the work tree a `.git` dir belongs to. */
function bareDir(gitDir: string): string {
  return /[\\/]\.git[\\/]?$/.test(gitDir) ? gitDir.replace(/[\\/]\.git[\\/]?$/, '') : gitDir;
}

/** Parses `git config -z --get-regexp` output into the trailer parser's settings. */
export function trailerConfig(raw: string): Omit<TrailerOptions, 'noDivider' | 'urlGuard'> {
  const items = new Map<string, TrailerItem>();
  let separators: string | undefined;
  let commentChar: string | undefined;
  for (const entry of raw.split('\0')) {
    if (!entry) continue;
    const nl = entry.indexOf('\n');
    const name = nl === -1 ? entry : entry.slice(0, nl);
    const value = nl === -1 ? '' : entry.slice(nl + 1);
    const lower = name.toLowerCase();
    if (lower === 'core.commentchar') {
      if (value && value !== 'auto') commentChar = value;
    } else if (lower === 'trailer.separators') {
      separators = value;
    } else {
      const m = /^trailer\.(.+)\.([^.]+)$/i.exec(name);
      if (!m || !ITEM_VARIABLES.has((m[2] as string).toLowerCase())) continue;
      const itemName = m[1] as string;
      let item = items.get(itemName.toLowerCase());
      if (!item) items.set(itemName.toLowerCase(), (item = { name: itemName }));
      if ((m[2] as string).toLowerCase() === 'key') item.key = value;
    }
  }
  return {
    ...(items.size ? { items: [...items.values()] } : {}),
    ...(separators ? { separators } : {}),
    ...(commentChar ? { commentChar } : {}),
  };
}

/**
 * core.useReplaceRefs from `git config -z --get-regexp` output, as git reads a boolean: false for
 * false/no/off, an empty value or an integer 0; true otherwise (a bare key, or an unset one). (A value
 * git cannot parse as a boolean never gets here: git then refuses to start, the rev-parse included.)
 */
export function useReplaceRefs(raw: string): boolean {
  let on = true;
  for (const entry of raw.split('\0')) {
    const nl = entry.indexOf('\n');
    if ((nl === -1 ? entry : entry.slice(0, nl)).toLowerCase() !== 'core.usereplacerefs') continue;
    const value = nl === -1 ? undefined : entry.slice(nl + 1).trim().toLowerCase();
    on = !(value !== undefined && (/^(?:false|no|off|)$/.test(value) || /^[+-]?0+$/.test(value))); // the last one wins
  }
  return on;
}

let urlGuardMemo: Promise<boolean> | undefined;

/** Whether this git treats `key://…` as a URL rather than a trailer (newer git); asked once per process. */
function trailerUrlGuard(git: Git): Promise<boolean> {
  const sample = 'subject\n\nhttps://example.com\n';
  urlGuardMemo ??= git
    .text(['interpret-trailers', '--parse'], { input: sample })
    .then((out) => out.trim() === '' && parseTrailers(sample).trailers.length > 0)
    .catch(() => false);
  return urlGuardMemo;
}
