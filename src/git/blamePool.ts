// Many files blamed at once: a pool of `git blame --incremental` processes (one per core by
// default), each through the one git choke point. Results come back per file, in any order.
import { availableParallelism } from 'node:os';
import { GitError, type Git } from './exec';
import { readBlame, type BlameResult } from './blameReader';

export interface PoolJob {
  path: string;
}

export interface PoolOptions {
  rev: string;
  detectMoves?: boolean;
  /** Processes at once (default: the machine's cores, at most 16). */
  jobs?: number;
  signal?: AbortSignal;
  /** Called after each file (progress). */
  onDone?: (done: number, total: number) => void;
}

/** Default parallelism: one git blame per core. */
export function defaultJobs(): number {
  return Math.max(1, Math.min(16, availableParallelism()));
}

/**
 * Blames every path at `rev`; `receive` gets each file's result as soon as it is read. The first
 * failure stops the pool (the other processes are left to finish their file) and is thrown.
 */
export async function blameMany(
  git: Git, paths: readonly string[], options: PoolOptions, receive: (path: string, result: BlameResult) => void,
): Promise<void> {
  const width = Math.max(1, Math.min(options.jobs ?? defaultJobs(), paths.length));
  let next = 0;
  let done = 0;
  let failure: unknown;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < paths.length) {
      const p = paths[next++] as string;
      if (options.signal?.aborted) throw new GitError('aborted', 'cancelled');
      try {
        receive(p, await readBlame(git, { rev: options.rev, path: p, detectMoves: options.detectMoves ?? false }, options.signal ? { signal: options.signal } : {}));
      } catch (e) {
        failure ??= e;
        return;
      }
      options.onDone?.(++done, paths.length);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  if (failure !== undefined) throw failure;
}
