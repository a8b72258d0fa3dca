// The one choke point for running git. Every call: argv without a shell, a fixed environment,
// logged with its duration, refused when a revision looks like an option, and failures turned
// into a typed GitError. Verbs go through simple-git (loaded lazily: it costs startup time);
// streams and stdin-fed calls spawn git directly, with the same logging and errors.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { SimpleGit, SimpleGitFactory } from 'simple-git';
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
  private simpleGit?: SimpleGit;

  /** `lazyFetch`: let git fetch objects a partial clone lacks (the user asked for it; reads never fetch otherwise). */
  constructor(readonly cwd: string, private readonly log: GitLogger = () => undefined, private readonly binary = 'git',
    readonly options: { lazyFetch?: boolean } = {}) {}

  /** Runs git to completion, buffering output (stdin-fed or byte-exact calls). */
  run(argv: string[], options: RunOptions = {}): Promise<RunResult> {
    const started = Date.now();
    let args: string[];
    try {
      args = this.guard(argv);
    } catch (e) {
      return Promise.reject(e);
    }
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

  /** Runs git and returns stdout as UTF-8 text. */
  async text(args: string[], options: RunOptions = {}): Promise<string> {
    return (await this.run(args, options)).stdout.toString('utf8');
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

  /** A git verb through simple-git (commit, notes, config writes): same logging and errors. */
  async verb(argv: string[]): Promise<string> {
    const started = Date.now();
    const args = this.guard(argv);
    this.simpleGit ??= this.createSimpleGit();
    try {
      return await this.simpleGit.raw(args);
    } catch (e) {
      const stderr = e instanceof Error ? e.message : String(e);
      if (/ENOENT/.test(stderr) && /spawn/.test(stderr)) throw new GitError('git-not-found', 'git was not found on PATH', args);
      throw this.exitError(args, 1, stderr);
    } finally {
      this.log(`> git ${args.join(' ')} [${Date.now() - started}ms]`);
    }
  }

  private createSimpleGit(): SimpleGit {
    // Loaded on first use: simple-git costs ~15 ms of startup that history reads do not need.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { simpleGit } = require('simple-git') as { simpleGit: SimpleGitFactory };
    return simpleGit({
      baseDir: this.cwd, binary: this.binary, maxConcurrentProcesses: 4, trimmed: false,
      // Our verbs are fixed argument lists; the environment is the user's own (git sets GIT_EDITOR for
      // hooks, VS Code sets GIT_ASKPASS, tests set GIT_CONFIG_GLOBAL), so only argument checks stay on.
      unsafe: {
        allowUnsafeConfigPaths: true, allowUnsafeConfigEnvCount: true, allowUnsafeAskPass: true,
        allowUnsafeEditor: true, allowUnsafePager: true, allowUnsafeCredentialHelper: true,
        // Restricted mode pins core.fsmonitor, core.hooksPath, protocol.allow (never) and core.sshCommand off
        // through GIT_CONFIG_* (RESTRICTED_CONFIG): simple-git must let these safer values through.
        // (simple-git reads the environment once: restricted mode is decided before any verb runs.)
        allowUnsafeFsMonitor: true, allowUnsafeHooksPath: true, allowUnsafeProtocolOverride: true, allowUnsafeSshCommand: true,
      },
    }).env(gitEnv({}, 'write'));
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
