// The hostile suite's one rule: nothing can hang CI. Every child process (git, the built CLI, the
// hooks it triggers) runs through bounded(), which kills it (SIGKILL) after a deadline and fails the
// case with what it printed — mocha's own timeout cannot interrupt a synchronous spawn. In-process
// calls are only used where nothing can block the event loop (git runs asynchronously).
//
// Adding a class of attacks: one file `test/hostile/<class>.test.ts`, real git repositories from
// test/helpers/repo.ts (initRepo, commit, tempDir), every process through bounded()/hostileGit()/
// hostileCli(), and the case listed in the README's "Reliability" section.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { GIT_ENV } from '../helpers/repo';

/** The built CLI; AIP_HOSTILE_CLI points the suite at another build (e.g. an older release, to see it fail). */
export const CLI = process.env.AIP_HOSTILE_CLI || path.resolve(__dirname, '../../dist/cli.js');
/** Default deadline of one child process; a case that needs longer says so. */
export const DEADLINE_MS = 20_000;

export interface Bounded {
  status: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface BoundedOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  input?: string | Buffer;
  deadlineMs?: number;
  /** Run as another user (the "another user's clone" cases; needs root). */
  uid?: number;
  gid?: number;
}

/** Runs a program to completion or kills it at the deadline (and fails the case). */
export function bounded(file: string, args: string[], options: BoundedOptions = {}): Bounded {
  const started = Date.now();
  const deadline = options.deadlineMs ?? DEADLINE_MS;
  const r = spawnSync(file, args, {
    cwd: options.cwd ?? process.cwd(),
    env: { ...GIT_ENV, ...options.env },
    input: options.input,
    encoding: 'utf8',
    timeout: deadline,
    killSignal: 'SIGKILL',
    maxBuffer: 1 << 28,
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid ?? options.uid } : {}),
  });
  const ms = Date.now() - started;
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') {
    assert.fail(`${path.basename(file)} ${args.join(' ')} did not finish within ${deadline} ms (killed); stderr: ${String(r.stderr).slice(0, 500)}`);
  }
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, ms };
}

/** The built CLI (dist/cli.js), as users run it. */
export function hostileCli(args: string[], options: BoundedOptions = {}): Bounded {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  return bounded(process.execPath, [CLI, ...args], options);
}

/** git, bounded; throws on a non-zero exit unless `ok` lists it. */
export function hostileGit(cwd: string, args: string[], options: BoundedOptions & { ok?: number[] } = {}): Bounded {
  const r = bounded('git', args, { cwd, ...options });
  if (r.status !== 0 && !(options.ok ?? []).includes(r.status)) assert.fail(`git ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r;
}

/** Bytes that drive a terminal or reorder text: ESC, C1 controls, bidi controls, zero-width characters. */
export const TERMINAL_UNSAFE = /[\u001b\u0007\u0080-\u009f\u202a-\u202e\u2066-\u2069\u200b-\u200f\u2060\ufeff]/;

export function assertTerminalSafe(text: string, what: string): void {
  const m = TERMINAL_UNSAFE.exec(text);
  assert.ok(!m, `${what} holds U+${m ? (m[0].codePointAt(0) as number).toString(16).padStart(4, '0') : ''} at ${m?.index}: ${JSON.stringify(text.slice(Math.max(0, (m?.index ?? 0) - 40), (m?.index ?? 0) + 40))}`);
}

/** Root can test "another user's clone" by running as nobody; others make the repository read-only. */
export const NOBODY = 65534;
export const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

/** A running child: its process and its result once it exits (killed with SIGKILL at the deadline, and the case failed). */
export interface Started {
  child: ChildProcess;
  done: Promise<Bounded>;
}

/** bounded(), without waiting: for cases that run several processes at once or act on one while it runs. */
export function boundedAsync(file: string, args: string[], options: BoundedOptions = {}): Started {
  const started = Date.now();
  const deadline = options.deadlineMs ?? DEADLINE_MS;
  const child = spawn(file, args, {
    cwd: options.cwd ?? process.cwd(),
    env: { ...GIT_ENV, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid ?? options.uid } : {}),
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout?.on('data', (b: Buffer) => out.push(b));
  child.stderr?.on('data', (b: Buffer) => err.push(b));
  child.stdin?.end(options.input ?? '');
  const done = new Promise<Bounded>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new assert.AssertionError({ message: `${path.basename(file)} ${args.join(' ')} did not finish within ${deadline} ms (killed); stderr: ${Buffer.concat(err).toString('utf8').slice(0, 500)}` }));
    }, deadline);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ status: code ?? (signal ? 128 : -1), stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: Date.now() - started });
    });
  });
  return { child, done };
}

/** The processes under `root` (children, grandchildren…) as `pid args`, from one `ps` (Linux, macOS). */
export function descendants(root: number): { pid: number; args: string }[] {
  const r = spawnSync('ps', ['-A', '-o', 'pid=,ppid=,args='], { encoding: 'utf8', timeout: 10_000 });
  const rows = (r.stdout ?? '').split('\n').map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l)).filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] as string }));
  const out: { pid: number; args: string }[] = [];
  const frontier = [root];
  while (frontier.length) {
    const parent = frontier.pop() as number;
    for (const row of rows) if (row.ppid === parent) { out.push({ pid: row.pid, args: row.args }); frontier.push(row.pid); }
  }
  return out;
}
