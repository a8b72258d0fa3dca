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
}

const REV_PARSE_ARGS = ['rev-parse', '--path-format=absolute', '--git-dir', '--git-common-dir',
  '--is-shallow-repository', '--is-bare-repository', '--is-inside-work-tree', '--show-toplevel'];

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
  const [paths, head, config, urlGuard] = await Promise.all([
    probe.run(REV_PARSE_ARGS, { okExitCodes: [128] }),
    probe.text(['rev-parse', '-q', '--verify', 'HEAD^{commit}'], { okExitCodes: [1, 128] }).catch(() => ''),
    probe.text(['config', '-z', '--get-regexp', '^(trailer\\.|core\\.commentchar$|i18n\\.(logoutput|commit)encoding$|remote\\..*\\.url$)'], { okExitCodes: [1] })
      .catch(() => ''),
    trailerUrlGuard(probe),
  ]);
  // --show-toplevel fails (128) outside a work tree (bare repo, inside .git) after printing the rest.
  const [gitDir, commonDir, shallow, bare, inWorkTree, root] = paths.stdout.toString('utf8').split('\n');
  if (!gitDir || !commonDir || inWorkTree === undefined) {
    const reason = firstErrorLine(paths.stderr) || `not a git repository: ${dir}`;
    throw new GitError(classifyGitFailure(paths.stderr), reason, REV_PARSE_ARGS, paths.exitCode, paths.stderr);
  }
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
