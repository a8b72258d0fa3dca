// What a CLI command may touch of its process: streams, environment, working directory.
export interface CliContext {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** The process's own. The streams are created on first use (node builds each lazily; stdin on a pipe loads node:net): a hook that prints nothing opens none. */
export function processContext(): CliContext {
  return {
    get stdout() { return process.stdout; },
    get stderr() { return process.stderr; },
    get stdin() { return process.stdin; },
    env: process.env,
    cwd: process.cwd(),
  };
}
