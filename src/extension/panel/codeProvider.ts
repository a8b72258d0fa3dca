// The host side of the panel's Code view: `lines` over HEAD once per HEAD (blame cache shared with
// the CLI), kept in memory as per-file figures, and answered one directory at a time. While it
// counts, the webview gets progress; a new HEAD recounts the next time a directory is asked for
// (and at once when the view has asked already).
import { runLines } from '../../app/lines/lines';
import { codeListing, normalizeDir, type CodeFile } from '../../core/lines/codeTree';
import type { CodeMessage } from '../../protocol/panel';
import type { Log } from '../log';

const VERSION = (process.env.AIP_VERSION as string | undefined) ?? '0.0.0-dev';
/** A burst of repository events (a commit, a rebase) recounts once. */
const RECOUNT_DELAY_MS = 500;

interface Counted {
  rev: string;
  files: CodeFile[];
  apart: { binary: number; generated: number };
}

export class CodeProvider {
  private counted?: Promise<Counted>;
  private lastDir?: string;
  private abort?: AbortController;

  constructor(private root: string, private readonly log: Log, private readonly post: (m: CodeMessage) => void) {}

  /** Another repository: forget everything. */
  reset(root: string): void {
    this.root = root;
    this.lastDir = undefined;
    this.invalidate(undefined);
  }

  /** The repository changed: when HEAD moved, count again (soon, when the view is showing a directory). */
  invalidate(head: string | undefined): void {
    if (head !== undefined && head === this.rev) return;
    this.abort?.abort();
    this.counted = undefined;
    this.rev = undefined;
    clearTimeout(this.timer);
    if (this.lastDir !== undefined) this.timer = setTimeout(() => void this.request(this.lastDir ?? ''), RECOUNT_DELAY_MS);
  }

  private rev?: string;
  private timer?: NodeJS.Timeout;

  async request(dir: string): Promise<void> {
    const wanted = normalizeDir(dir);
    this.lastDir = wanted;
    const root = this.root;
    if (!this.counted) {
      this.post({ type: 'code', state: 'loading', dir: wanted });
      this.counted = this.count(root);
    }
    const pending = this.counted;
    try {
      const c = await pending;
      if (this.counted !== pending || this.lastDir !== wanted) return; // superseded
      this.rev = c.rev;
      this.post({ type: 'code', state: 'ready', dir: wanted, rev: c.rev, listing: codeListing(c.files, wanted), apart: c.apart });
    } catch (e) {
      if (this.counted !== pending) return;
      this.counted = undefined;
      const message = e instanceof Error ? e.message : String(e);
      this.log.warn(`panel: code view: ${message}`);
      this.post({ type: 'code', state: 'error', dir: wanted, message });
    }
  }

  private async count(root: string): Promise<Counted> {
    const abort = new AbortController();
    this.abort = abort;
    let lastPost = 0;
    const files: CodeFile[] = [];
    const outcome = await runLines({
      repo: root, paths: [], by: 'file', detectMoves: false, cache: true, version: VERSION, signal: abort.signal,
      log: (l) => this.log.trace(l),
      onProgress: (done, total) => {
        const now = Date.now();
        if (now - lastPost < 250 && done < total) return;
        lastPost = now;
        this.post({ type: 'code', state: 'loading', dir: this.lastDir ?? '', progress: { done, total } });
      },
      onFile: (path, _segments, counts) => void files.push({ path, counts }),
    });
    for (const n of outcome.notices) this.log.info(`panel: code view: ${n}`);
    const doc = outcome.document;
    return { rev: doc.rev, files, apart: { binary: doc.binary.length, generated: doc.generated.length } };
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.abort?.abort();
  }
}
