// Where a command's report goes: stdout (buffered, with backpressure, quiet on a closed pipe) or a
// file written atomically (temp file + rename, removed when the command fails).
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import * as path from 'node:path';

const CHUNK = 1 << 18;

export interface Output {
  write(text: string): void | Promise<void>;
  /** Bytes already encoded (cached report lines). */
  writeBytes(bytes: Buffer): void | Promise<void>;
  /** Flushes and, for a file, moves it into place. */
  commit(): Promise<void>;
  /** Discards a partly written file. */
  abort(): void;
}

/** Encodes text straight into a large buffer and hands full buffers to `sink`. */
class ByteBuffer {
  private buf = Buffer.allocUnsafe(CHUNK);
  private used = 0;

  constructor(private readonly sink: (bytes: Buffer) => void | Promise<void>) {}

  write(text: string): void | Promise<void> {
    // A UTF-16 code unit never takes more than 3 UTF-8 bytes.
    if (text.length * 3 > CHUNK - this.used) {
      const flushed = this.flush();
      if (text.length * 3 > CHUNK) {
        const big = Buffer.from(text, 'utf8');
        return flushed ? flushed.then(() => this.sink(big)) : this.sink(big);
      }
      if (flushed) return flushed.then(() => void (this.used += this.buf.write(text, this.used)));
    }
    this.used += this.buf.write(text, this.used);
  }

  writeBytes(bytes: Buffer): void | Promise<void> {
    if (bytes.length > CHUNK - this.used) {
      const flushed = this.flush();
      if (bytes.length > CHUNK) return flushed ? flushed.then(() => this.sink(bytes)) : this.sink(bytes);
      if (flushed) return flushed.then(() => void (this.used += bytes.copy(this.buf, this.used)));
    }
    this.used += bytes.copy(this.buf, this.used);
  }

  flush(): void | Promise<void> {
    if (this.used === 0) return;
    const bytes = this.buf.subarray(0, this.used);
    this.buf = Buffer.allocUnsafe(CHUNK);
    this.used = 0;
    return this.sink(bytes);
  }
}

export class StdoutOutput implements Output {
  private readonly bytes: ByteBuffer;
  closed = false;

  constructor(private readonly stream: NodeJS.WriteStream = process.stdout) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') this.closed = true;
      else throw e;
    });
    this.bytes = new ByteBuffer((b) => this.send(b));
  }

  write(text: string): void | Promise<void> {
    return this.bytes.write(text);
  }

  writeBytes(bytes: Buffer): void | Promise<void> {
    return this.bytes.writeBytes(bytes);
  }

  private send(bytes: Buffer): void | Promise<void> {
    if (this.closed || this.stream.write(bytes)) return;
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
    await this.bytes.flush();
  }

  abort(): void {
    void this.bytes.flush();
  }
}

export class FileOutput implements Output {
  private readonly tmp: string;
  private fd: number;
  private readonly bytes: ByteBuffer;

  constructor(private readonly file: string) {
    this.tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
    this.fd = openSync(this.tmp, 'w');
    this.bytes = new ByteBuffer((b) => void writeSync(this.fd, b));
  }

  write(text: string): void | Promise<void> {
    return this.bytes.write(text);
  }

  writeBytes(bytes: Buffer): void | Promise<void> {
    return this.bytes.writeBytes(bytes);
  }

  async commit(): Promise<void> {
    await this.bytes.flush();
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
  constructor(private readonly stream: NodeJS.WriteStream = process.stderr, readonly enabled = Boolean(stream.isTTY)) {}

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

/**
 * Whether to colour what goes to `stream`, by the de-facto rules:
 * - NO_COLOR set to anything but '' → never (https://no-color.org), whatever else is set;
 * - FORCE_COLOR '0' or 'false' → never; '', '1', '2', '3' or 'true' → always, even into a pipe or a
 *   file (as Node and chalk read it; any other value is not one of these and means no colour);
 * - otherwise only on a terminal (a TTY) whose TERM is not 'dumb'.
 */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return ['', '1', '2', '3', 'true'].includes(force.trim().toLowerCase());
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}
