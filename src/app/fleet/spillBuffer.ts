// Text held back until it may be written: in memory up to a limit, then in a temporary file, so a
// fleet run holding the output of repositories that finished early stays within bounded memory.
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const SPILL_AFTER = 4 << 20;

/** A directory for spill files, made on first use, removed with remove(). */
export class SpillDir {
  private dir: string | undefined;
  private n = 0;

  file(): string {
    this.dir ??= mkdtempSync(path.join(tmpdir(), 'aip-fleet-'));
    return path.join(this.dir, `${this.n++}.part`);
  }

  remove(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}

export class SpillBuffer {
  private chunks: string[] = [];
  private size = 0;
  private file: string | undefined;
  private fd = -1;

  constructor(private readonly dir: SpillDir, private readonly limit = SPILL_AFTER) {}

  write(text: string): void {
    if (this.fd >= 0) {
      writeSync(this.fd, text);
      return;
    }
    this.chunks.push(text);
    this.size += text.length;
    if (this.size > this.limit) {
      this.file = this.dir.file();
      this.fd = openSync(this.file, 'w');
      writeSync(this.fd, this.chunks.join(''));
      this.chunks = [];
      this.size = 0;
    }
  }

  /** Hands everything written, in order, to `out`, then forgets it. */
  async drain(out: (text: string) => void | Promise<void>): Promise<void> {
    if (this.fd >= 0) {
      closeSync(this.fd);
      this.fd = -1;
      const file = this.file as string;
      for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
        const wait = out(chunk as string);
        if (wait) await wait;
      }
      rmSync(file, { force: true });
      this.file = undefined;
    }
    for (const c of this.chunks.splice(0)) {
      const wait = out(c);
      if (wait) await wait;
    }
    this.size = 0;
  }

  /** Drops what was written (a repository that failed half way). */
  discard(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    if (this.file) rmSync(this.file, { force: true });
    this.file = undefined;
    this.chunks = [];
    this.size = 0;
  }
}
