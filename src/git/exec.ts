// The one choke point for running git: every git process the program starts is started here. Every
// call: argv without a shell, a fixed environment, logged with its duration (one line format), refused
// when a revision looks like an option or restricted mode forbids it, and failures turned into a typed
// GitError by one classifier, whichever backend ran it. (ssh-keygen and gpg in signing.ts are not git
// and are started there.)
//
// Two backends:
// - simple-git, for commands run to completion without stdin and read as text (`text()`, `verb()`),
//   with its unsafe-operations plugin fully on (no allowUnsafe* switch): it refuses arguments and
//   environment variables that make git run programs (core.fsmonitor, core.hooksPath, -c/--config-env
//   of such keys, GIT_EDITOR, GIT_ASKPASS, GIT_CONFIG_COUNT…). It is given a clean environment: the
//   editor/pager/prompt/transport variables our fixed commands never use are dropped (simpleGitEnv).
//   It is loaded lazily, on the first such call: the CLI's commands load dist/vendor-simple-git.js
//   and the extension the same file (neither bundles it).
// - a direct spawn, for everything else: stdin-fed commands (simple-git has no way to feed stdin),
//   byte-exact Buffer output (`run()`: simple-git hands raw() output back as a string) and streamed
//   history (`stream()`: simple-git buffers a command's whole output before returning it; the history
//   reader parses gigabytes of `git log -p` as it arrives). Also by spawn:
//   * the hook path: `hook`, `record` and `policy` run inside git hooks and agent hooks on every commit
//     or edit; their bundles are built with process.env.AIP_GIT_BACKEND defined as "spawn", so they
//     neither contain nor load simple-git (esbuild.config.mjs; AIP_GIT_BACKEND=spawn does the same at
//     run time elsewhere);
//   * the CLI's `audit`, built the same way: its few probes are fixed reads, and loading simple-git
//     (~40 ms) cost more than `git log` of a 4,500-commit repository (README, Performance, case s);
//   * restricted mode: its pins (core.fsmonitor=false, core.hooksPath=/dev/null, protocol.allow=never,
//     core.sshCommand, core.askPass, credential.helper) are keys simple-git's plugin refuses whatever
//     their value, through GIT_CONFIG_* or -c alike; they are the guarantee of restricted mode, so
//     restricted calls spawn git with them (see restrictedGit.ts);
//   * a call whose environment names which config or programs git itself uses (GIT_CONFIG_GLOBAL,
//     GIT_CONFIG_SYSTEM, GIT_CONFIG_COUNT, GIT_EXEC_PATH, PREFIX…: the user's or a test's own setting,
//     which dropping would change the answer), `commit` (its hooks run with our environment, so
//     nothing is dropped for it) while such a variable is set, and a git binary path simple-git
//     refuses (spaces and the like).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { SimpleGitFactory } from 'simple-git';
import { DROPPED_ENV, NO_FETCH_ENV, RESTRICTED_CONFIG, restrictedArgs, restrictedRefusal } from './restrictedGit';

export type GitErrorCode =
  | 'not-a-repository' | 'unsafe-repository' | 'bad-revision' | 'empty-repository' | 'missing-object'
  | 'git-not-found' | 'unsafe-argument' | 'aborted' | 'failed';

export class GitError extends Error {
  constructor(
    readonly code: GitErrorCode,
    message: string,
    readonly args: readonly string[] = [],
    readonly exitCode?: number,
    readonly stderr = '',
  ) {
    super(message);
    this.name = 'GitError';
  }
}

export type GitLogger = (line: string) => void;

const CLASSIFIERS: [RegExp, GitErrorCode][] = [
  [/not a git repository/i, 'not-a-repository'],
  [/detected dubious ownership|safe\.directory/i, 'unsafe-repository'],
  [/does not have any commits yet|bad default revision 'HEAD'/i, 'empty-repository'],
  [/could not read|unable to read|missing (?:blob|tree|commit|object)|is corrupt|object file .* is empty|bad object|unable to parse|bad tree object|invalid object/i, 'missing-object'],
  [/unknown revision|bad revision|ambiguous argument|invalid object name|needed a single revision|bad revision/i, 'bad-revision'],
];

export function classifyGitFailure(stderr: string): GitErrorCode {
  return CLASSIFIERS.find(([re]) => re.test(stderr))?.[1] ?? 'failed';
}

/** The first meaningful line of git's stderr, for a one-line error. */
export function firstErrorLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  return (lines.find((l) => /^(fatal|error):/.test(l)) ?? lines[0] ?? '').replace(/^(fatal|error):\s*/, '');
}

/** Refuses a revision that git would read as an option. */
export function assertRevision(rev: string): void {
  if (rev.startsWith('-')) throw new GitError('unsafe-argument', `revision '${rev}' starts with '-': refusing to pass it to git`);
  if (rev === '' || /[\0\n]/.test(rev)) throw new GitError('unsafe-argument', `invalid revision ${JSON.stringify(rev)}`);
}

/**
 * Settings a repository's own config could use to run programs during our reads: off in an
 * untrusted workspace, where `.git/config` came with the folder (fsmonitor runs on index refresh,
 * log.showSignature runs gpg.program, a lazy fetch runs core.sshCommand…). The full rules, and
 * the commands restricted mode allows at all, are in restrictedGit.ts.
 */
let restricted = false;

/** Restricted mode (VS Code's untrusted workspaces): every later git call neutralises RESTRICTED_CONFIG. */
export function setRestrictedGit(on: boolean): void {
  restricted = on;
}

export function isRestrictedGit(): boolean {
  return restricted;
}

function restrictedEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const start = Number(base.GIT_CONFIG_COUNT ?? 0) || 0;
  const env: NodeJS.ProcessEnv = { GIT_CONFIG_COUNT: String(start + RESTRICTED_CONFIG.length) };
  RESTRICTED_CONFIG.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${start + i}`] = key;
    env[`GIT_CONFIG_VALUE_${start + i}`] = value;
  });
  return env;
}

/**
 * The environment of every git call. Reads never fetch: in a partial clone a missing object is an
 * answer ("unverifiable"), not a download (GIT_ALLOW_PROTOCOL empty forbids every transport, so a
 * lazy fetch fails on git 2.39 too; GIT_NO_LAZY_FETCH says the same to git 2.45+) — unless the user
 * asked for it (`lazyFetch`, the CLI's --fetch-missing). Writes (commit, notes, config) keep the
 * user's environment: their own hooks may push. Restricted mode pins everything, writes included.
 */
export function gitEnv(extra: NodeJS.ProcessEnv = {}, purpose: 'read' | 'write' = 'read', lazyFetch = false): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LC_ALL: 'C',
    LANGUAGE: 'C',
    GIT_PAGER: 'cat',
    GIT_TERMINAL_PROMPT: '0',
    GIT_OPTIONAL_LOCKS: '0',
    ...extra,
  };
  if (restricted) {
    for (const name of DROPPED_ENV) delete env[name];
    return { ...env, ...NO_FETCH_ENV, ...restrictedEnv(env) };
  }
  return purpose === 'read' && !lazyFetch ? { ...env, ...NO_FETCH_ENV } : env;
}

/**
 * The environment variables simple-git's unsafe-operations plugin rejects (lower-cased, as it compares
 * them; @simple-git/argv-parser), split by what they do to our commands:
 * - never used by our fixed, non-interactive commands: editors (no command opens one), pagers (output
 *   goes to a pipe, git pages only a terminal), an external diff (our parsers read git's own patches),
 *   a template dir (we never init or clone);
 * - transports: used only when git contacts a remote, which reads never do (GIT_ALLOW_PROTOCOL empty,
 *   see gitEnv) and `git config` cannot;
 * - anything else (GIT_CONFIG_GLOBAL/SYSTEM, GIT_CONFIG, GIT_CONFIG_COUNT, GIT_EXEC_PATH, PREFIX) picks
 *   which config files or git programs git itself uses: kept, and the call spawns git directly.
 */
const UNUSED_ENV = ['editor', 'git_editor', 'git_sequence_editor', 'pager', 'git_pager', 'git_external_diff', 'git_template_dir'];
const TRANSPORT_ENV = ['git_askpass', 'ssh_askpass', 'git_ssh', 'git_ssh_command', 'git_proxy_command'];
export const SIMPLE_GIT_REJECTED_ENV: readonly string[] = [
  ...UNUSED_ENV, ...TRANSPORT_ENV,
  'git_config_global', 'git_config_system', 'git_config', 'git_config_count', 'git_exec_path', 'prefix',
];

/**
 * The environment a simple-git call gets: `env` without the variables `verb` cannot use, or undefined
 * when one it keeps would be refused by simple-git (the call then spawns git with `env` unchanged).
 * `commit` keeps everything: the user's post-commit and post-rewrite hooks run with this environment.
 */
export function simpleGitEnv(env: NodeJS.ProcessEnv, verb: string | undefined): NodeJS.ProcessEnv | undefined {
  const noTransport = env.GIT_ALLOW_PROTOCOL === '' || verb === 'config';
  const droppable = new Set(verb === 'commit' ? [] : [...UNUSED_ENV, ...(noTransport ? TRANSPORT_ENV : [])]);
  const out: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    const key = name.toLowerCase().trim();
    if (droppable.has(key)) continue;
    if (SIMPLE_GIT_REJECTED_ENV.includes(key)) return undefined;
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** The binaries simple-git accepts without allowUnsafeCustomBinary (its custom-binary plugin's rule). */
const SIMPLE_GIT_BINARY = /^([a-z]:)?([a-z0-9/.\\_~-]+)$/i;

/**
 * simple-git, required on first use (dist/vendor-simple-git.js in the bundles). Undefined where the
 * build defines AIP_GIT_BACKEND as "spawn" (the hook-path and audit bundles: esbuild drops the require) or the
 * environment sets it so.
 */
const loadSimpleGit: (() => SimpleGitFactory) | undefined = process.env.AIP_GIT_BACKEND === 'spawn' ? undefined
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  : () => (require('simple-git') as { simpleGit: SimpleGitFactory }).simpleGit;

export type GitBackend = 'simple-git' | 'spawn';

export interface RunOptions {
  input?: string | Buffer;
  signal?: AbortSignal;
  /** Exit codes that are not failures (e.g. 1 for `git config --get` with no value). */
  okExitCodes?: number[];
  env?: NodeJS.ProcessEnv;
}

export interface RunResult {
  stdout: Buffer;
  stderr: string;
  exitCode: number;
}

export interface GitStream {
  stdout: Readable;
  /** Resolves when git exits 0; rejects with a GitError otherwise. */
  done: Promise<void>;
  kill(): void;
}

export class Git {
  /** `lazyFetch`: let git fetch objects a partial clone lacks (the user asked for it; reads never fetch otherwise). */
  constructor(readonly cwd: string, private readonly log: GitLogger = () => undefined, private readonly binary = 'git',
    readonly options: { lazyFetch?: boolean } = {}) {}

  /** Runs git to completion, buffering output (stdin-fed or byte-exact calls): always a direct spawn. */
  run(argv: string[], options: RunOptions = {}): Promise<RunResult> {
    let args: string[];
    try {
      args = this.guard(argv);
    } catch (e) {
      return Promise.reject(e);
    }
    return this.spawnToEnd(args, options);
  }

  private spawnToEnd(args: string[], options: RunOptions): Promise<RunResult> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const child = this.spawnChild(args, options);
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => out.push(c));
      child.stderr.on('data', (c: Buffer) => err.push(c));
      child.on('error', (e) => reject(this.spawnError(e, args, options.signal)));
      // git may exit before reading all of its input (an error it reports, a ref that moved): the
      // exit code and stderr say why; an EPIPE on stdin must not become an uncaught exception.
      child.stdin.on('error', () => undefined);
      child.on('close', (code) => {
        const stderr = Buffer.concat(err).toString('utf8');
        const exitCode = code ?? -1;
        this.log(`> git ${args.join(' ')} [${Date.now() - started}ms]${exitCode ? ` exit ${exitCode}` : ''}`);
        if (options.signal?.aborted) return reject(new GitError('aborted', 'cancelled', args));
        if (exitCode !== 0 && !(options.okExitCodes ?? []).includes(exitCode)) {
          return reject(this.exitError(args, exitCode, stderr));
        }
        resolve({ stdout: Buffer.concat(out), stderr, exitCode });
      });
      if (options.input !== undefined) child.stdin.end(options.input);
      else child.stdin.end();
    });
  }

  /** Runs git and returns stdout as UTF-8 text (through simple-git when `backend()` says so). */
  text(args: string[], options: RunOptions = {}): Promise<string> {
    return this.complete(args, options, 'read');
  }

  /** A write (config, commit): the user's environment (their hooks may push), otherwise as text(). */
  verb(args: string[]): Promise<string> {
    return this.complete(args, {}, 'write');
  }

  /** Which backend text()/verb() use for `args` (see the header); run() and stream() always spawn. */
  backend(args: readonly string[], options: RunOptions = {}, purpose: 'read' | 'write' = 'read'): GitBackend {
    return this.simpleGitEnvFor(args, options, purpose) ? 'simple-git' : 'spawn';
  }

  private async complete(argv: string[], options: RunOptions, purpose: 'read' | 'write'): Promise<string> {
    const args = this.guard(argv);
    const env = this.simpleGitEnvFor(args, options, purpose);
    if (env) return this.viaSimpleGit(args, env, options);
    const spawnOptions = purpose === 'write' && !options.env ? { ...options, env: gitEnv({}, 'write') } : options;
    return (await this.spawnToEnd(args, spawnOptions)).stdout.toString('utf8');
  }

  private simpleGitEnvFor(args: readonly string[], options: RunOptions, purpose: 'read' | 'write'): NodeJS.ProcessEnv | undefined {
    if (!loadSimpleGit || restricted || options.input !== undefined || !SIMPLE_GIT_BINARY.test(this.binary)) return undefined;
    return simpleGitEnv(options.env ?? gitEnv({}, purpose, this.options.lazyFetch), args[0]);
  }

  /** simple-git's raw() with its plugins on: same log line, same okExitCodes, same GitError as a spawn. */
  private async viaSimpleGit(args: string[], env: NodeJS.ProcessEnv, options: RunOptions): Promise<string> {
    const started = Date.now();
    const failure = { exitCode: 0, stdout: '', stderr: '' };
    let exitCode = 0;
    try {
      const git = (loadSimpleGit as () => SimpleGitFactory)()({
        baseDir: this.cwd, binary: this.binary, maxConcurrentProcesses: 1, trimmed: false,
        ...(options.signal ? { abort: options.signal } : {}),
        // Every non-zero exit is a failure here (simple-git's own rule also wants stderr); okExitCodes below.
        errors: (error, result) => {
          exitCode = result.exitCode;
          if (result.exitCode === 0) return error;
          Object.assign(failure, { exitCode: result.exitCode, stdout: Buffer.concat(result.stdOut).toString('utf8'), stderr: Buffer.concat(result.stdErr).toString('utf8') });
          return error ?? new Error(failure.stderr);
        },
      }).env(env); // a fresh instance per call: its environment is read when the process starts
      // simple-git leaves git's stdin open: only calls without `input` come here, none reads stdin.
      return await git.raw(args);
    } catch (e) {
      if (options.signal?.aborted) throw new GitError('aborted', 'cancelled', args);
      if ((e as { plugin?: string }).plugin === 'unsafe') {
        throw new GitError('unsafe-argument', `refused by simple-git: ${(e as Error).message}`, args);
      }
      if (/spawn .*ENOENT/.test(failure.stderr)) {
        throw new GitError('git-not-found', `git was not found (${this.binary}); install git or put it on PATH`, args);
      }
      if (failure.exitCode === 0) throw new GitError('failed', `could not run git: ${e instanceof Error ? e.message : String(e)}`, args);
      if ((options.okExitCodes ?? []).includes(failure.exitCode)) return failure.stdout;
      throw this.exitError(args, failure.exitCode, failure.stderr);
    } finally {
      this.log(`> git ${args.join(' ')} [${Date.now() - started}ms]${exitCode ? ` exit ${exitCode}` : ''}`);
    }
  }

  /** Starts git with streamed stdout (history reading); `input` is fed to its stdin (e.g. `--stdin` ids). */
  stream(argv: string[], options: RunOptions = {}): GitStream {
    const started = Date.now();
    const args = this.guard(argv);
    // Into a pipe git flushes after every record (~1 KB writes); GIT_FLUSH=0 makes it buffer.
    const child = this.spawnChild(args, { ...options, env: options.env ?? gitEnv({ GIT_FLUSH: '0' }, 'read', this.options.lazyFetch) });
    child.stdin.on('error', () => undefined); // git may stop reading (killed, or an error it reports on stderr)
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
    const err: Buffer[] = [];
    let errBytes = 0;
    child.stderr.on('data', (c: Buffer) => {
      if (errBytes < 65536) err.push(c);
      errBytes += c.length;
    });
    const done = new Promise<void>((resolve, reject) => {
      child.on('error', (e) => reject(this.spawnError(e, args, options.signal)));
      child.on('close', (code, sig) => {
        const stderr = Buffer.concat(err).toString('utf8');
        this.log(`> git ${args.join(' ')} [${Date.now() - started}ms]${code ? ` exit ${code}` : ''}`);
        if (options.signal?.aborted) return reject(new GitError('aborted', 'cancelled', args));
        if (code !== 0) return reject(this.exitError(args, code ?? (sig ? 128 : -1), stderr));
        resolve();
      });
    });
    return { stdout: child.stdout, done, kill: () => child.kill() };
  }

  /** Restricted mode: refuses what could run a program the folder configured, pins patch options. */
  private guard(args: string[]): string[] {
    if (!restricted) return args;
    const refusal = restrictedRefusal(args);
    if (refusal) {
      this.log(`> git ${args.join(' ')} [refused: untrusted folder]`);
      throw new GitError('unsafe-argument', refusal, args);
    }
    return restrictedArgs(args);
  }

  private spawnChild(args: string[], options: Pick<RunOptions, 'signal' | 'env'>): ChildProcessWithoutNullStreams {
    const child = spawn(this.binary, args, { cwd: this.cwd, env: options.env ?? gitEnv({}, 'read', this.options.lazyFetch), windowsHide: true });
    if (options.signal) {
      const onAbort = (): void => void child.kill();
      if (options.signal.aborted) onAbort();
      else options.signal.addEventListener('abort', onAbort, { once: true });
      child.on('close', () => options.signal?.removeEventListener('abort', onAbort));
    }
    return child;
  }

  private spawnError(e: NodeJS.ErrnoException, args: string[], signal?: AbortSignal): GitError {
    if (signal?.aborted) return new GitError('aborted', 'cancelled', args);
    if (e.code === 'ENOENT') {
      return new GitError('git-not-found', `git was not found (${this.binary}); install git or put it on PATH`, args);
    }
    return new GitError('failed', `could not run git: ${e.message}`, args);
  }

  private exitError(args: string[], exitCode: number, stderr: string): GitError {
    const promisor = /could not fetch ([0-9a-f]{40,64}) from promisor remote/.exec(stderr);
    if (promisor) {
      return new GitError('missing-object', `object ${promisor[1]} is not in this partial clone and was not fetched `
        + '(reads never fetch; --fetch-missing lets git fetch it)', args, exitCode, stderr);
    }
    const code = classifyGitFailure(stderr);
    const line = firstErrorLine(stderr) || `git ${args[0] ?? ''} exited with code ${exitCode}`;
    return new GitError(code, line, args, exitCode, stderr);
  }
}
