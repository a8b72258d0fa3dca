// What git may do for us in an untrusted folder (VS Code's Restricted Mode), where `.git/config` and
// `.gitattributes` came with the folder and can name programs: diff.<driver>.textconv and .command,
// filter.<driver>.clean/smudge/process, diff.external, core.fsmonitor, core.sshCommand, hooks,
// gpg.program, transports (ext::, a lazy fetch of a partial clone over ssh). Three layers, all at
// the one choke point (exec.ts):
// 1. settings pinned through GIT_CONFIG_* (they beat the repository's config) and the environment:
//    no transport at all (GIT_ALLOW_PROTOCOL empty beats every protocol.*.allow; lazy fetches fail
//    and the object is "unverifiable"), no fsmonitor, no hooks, no signature programs;
// 2. every command that can show a patch gets --no-ext-diff --no-textconv;
// 3. only read-only commands that never touch the work tree run (filters convert work-tree files,
//    so no command that reads or writes the work tree may run): anything else is refused with a
//    typed error. `git blame` reads the work tree: line decorations are off until the folder is trusted.

/** Settings pinned in restricted mode (GIT_CONFIG_COUNT/KEY/VALUE: later than any config file). */
export const RESTRICTED_CONFIG: [string, string][] = [
  ['core.fsmonitor', 'false'], ['core.hooksPath', '/dev/null'], ['log.showSignature', 'false'],
  ['protocol.allow', 'never'], ['core.sshCommand', 'false'], ['core.askPass', ''], ['credential.helper', ''],
  ['gc.auto', '0'], ['maintenance.auto', 'false'], ['fetch.recurseSubmodules', 'false'],
];

/** Environment for restricted git: no transport (so no lazy fetch), no program named by the environment either. */
export const NO_FETCH_ENV: Record<string, string> = { GIT_ALLOW_PROTOCOL: '', GIT_NO_LAZY_FETCH: '1' };
export const DROPPED_ENV = ['GIT_EXTERNAL_DIFF', 'GIT_SSH', 'GIT_SSH_COMMAND', 'GIT_SSH_VARIANT', 'GIT_PROXY_COMMAND', 'GIT_ASKPASS', 'SSH_ASKPASS'];

/** Commands that can print a patch: they get --no-ext-diff --no-textconv. */
const PATCH_VERBS = new Set(['log', 'show', 'diff', 'diff-tree', 'diff-index']);

/** Read-only commands that never read or write the work tree. */
const READ_VERBS = new Set([
  'rev-parse', 'log', 'show', 'cat-file', 'for-each-ref', 'show-ref', 'rev-list', 'diff-tree', 'ls-tree', 'merge-base',
  'interpret-trailers', 'symbolic-ref', 'name-rev', 'var', 'version', 'check-ref-format', 'branch', 'config', 'notes', 'diff',
]);

const CONFIG_READS = ['--get', '--get-all', '--get-regexp', '--list', '-l', '--get-urlmatch'];
const BRANCH_WRITES = /^(?:-[dDmMcC]|--delete|--move|--copy|--set-upstream-to|-u|--unset-upstream|--edit-description|-f|--force)$/;

/** Why `args` may not run in restricted mode, or undefined when it may. */
export function restrictedRefusal(args: readonly string[]): string | undefined {
  const verb = args[0] ?? '';
  if (!READ_VERBS.has(verb)) return `git ${verb} is not run in an untrusted folder (it could run programs the folder configures)`;
  const rest = args.slice(1);
  if (verb === 'config' && !rest.some((a) => CONFIG_READS.includes(a))) return 'git config writes are not made in an untrusted folder';
  if (verb === 'notes') {
    const sub = rest.find((a) => !a.startsWith('-'));
    if (sub !== undefined && sub !== 'list' && sub !== 'show') return `git notes ${sub} is not run in an untrusted folder`;
  }
  if (verb === 'branch' && (rest.some((a) => BRANCH_WRITES.test(a)) || !rest.some((a) => /^(?:-r|-a|--list|--contains|--format=.*|--remotes|--all)$/.test(a)))) {
    return 'git branch is only listed in an untrusted folder';
  }
  // `git diff` without --cached compares the work tree (filters run): only index/commit diffs.
  if (verb === 'diff' && !rest.some((a) => a === '--cached' || a === '--staged')) return 'git diff of the work tree is not run in an untrusted folder';
  if (rest.some((a) => a === '--filters' || a === '--textconv' || a === '--ext-diff')) return 'filters, textconv and external diffs are not run in an untrusted folder';
  return undefined;
}

/** `args` with --no-ext-diff --no-textconv after the verb when it can print a patch. */
export function restrictedArgs(args: string[]): string[] {
  const verb = args[0];
  if (verb === undefined || !PATCH_VERBS.has(verb)) return args;
  const extra = ['--no-ext-diff', '--no-textconv'].filter((f) => !args.includes(f));
  return extra.length ? [verb, ...extra, ...args.slice(1)] : args;
}
