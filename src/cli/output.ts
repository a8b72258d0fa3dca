// Where a command's report goes: stdout (buffered, with backpressure, quiet on a closed pipe) or a
// file written atomically (temp file + rename, removed when the command fails).
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import * as path from 'node:path';

const CHUNK = 1 << 16;

export interface Output {
  write(text: string): void | Promise<void>;
  /** Flushes and, for a file, moves it into place. */
  commit(): Promise<void>;
  /** Discards a partly written file. */
  abort(): void;
}

export class StdoutOutput implements Output {
  private parts: string[] = [];
  private size = 0;
  closed = false;

  constructor(private readonly stream: NodeJS.WriteStream = process.stdout) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') this.closed = true;
      else throw e;
    });
  }

  write(text: string): void | Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= CHUNK) return this.flush();
  }

  private flush(): Promise<void> | undefined {
    if (this.size === 0 || this.closed) {
      this.parts = [];
      this.size = 0;
      return undefined;
    }
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (this.stream.write(text)) return undefined;
    return new Promise((resolve) => {
      const done = (): void => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        resolve();
      };
      this.stream.once('drain', done);
      this.stream.once('error', done);
    });
  }

  async commit(): Promise<void> {
    await this.flush();
  }

  abort(): void {
    void this.flush();
  }
}

export class FileOutput implements Output {
  private readonly tmp: string;
  private fd: number;
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly file: string) {
    this.tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
    this.fd = openSync(this.tmp, 'w');
  }

  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= CHUNK) this.flush();
  }

  private flush(): void {
    if (this.size === 0) return;
    writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }

  async commit(): Promise<void> {
    this.flush();
    closeSync(this.fd);
    this.fd = -1;
    renameSync(this.tmp, this.file);
  }

  abort(): void {
    if (this.fd !== -1) closeSync(this.fd);
    this.fd = -1;
    rmSync(this.tmp, { force: true });
  }
}

/** Progress on stderr, only when stderr is a terminal. */
export class Progress {
  private shown = false;
  constructor(private readonly stream: NodeJS.WriteStream = process.stderr, private readonly enabled = Boolean(stream.isTTY)) {}

  update(text: string): void {
    if (!this.enabled) return;
    this.stream.write(`\r\x1b[K${text}`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}
