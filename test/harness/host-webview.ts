// Reads the DOM of the open webviews from inside a host test: the extension host logs a request
// line, test/harness/code-shim.mjs (which drives the browser) evaluates every webview frame that
// holds `#app` and writes what it saw as JSON, and this helper waits for the file.
//   import { probeWebviews } from '../harness/host-webview';
//   const { frames } = await probeWebviews();   // undefined outside the harness
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const PROBE_REQUEST = '[vsc-harness] webview-probe ';

export interface WebviewFrame {
  url: string;
  /** `window.__pwned` in the frame: set only if injected script ran. */
  pwned: unknown;
  /** document.body.innerText */
  text: string;
  images: number;
  /** `src` of each script element, or `inline: ` and its first 2,000 characters (VS Code injects one). */
  scripts: string[];
  /** Elements carrying an on* attribute. */
  eventAttributes: number;
  rows: number;
  /** Font faces `document.fonts.load('16px codicon')` resolved to (0: the codicon font did not load). */
  codiconFaces: number;
  /** Elements drawn as codicons, and how many of them have a glyph (a ::before content). */
  icons: number;
  iconGlyphs: number;
  /** The computed font-family of the codicons. */
  iconFonts: string[];
  /** Buttons with no text, no aria-label and no title: nothing for a screen reader to say. */
  unlabelledButtons: number;
}

export async function probeWebviews(timeoutMs = 15000): Promise<{ frames: WebviewFrame[] } | undefined> {
  if (!process.env.AIP_SCREENSHOT_DIR) { return undefined; }
  const file = path.join(os.tmpdir(), `aip-probe-${process.pid}-${Date.now()}.json`);
  console.log(`${PROBE_REQUEST}${file}`);
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) { throw new Error(`webview probe ${file} was not written within ${timeoutMs} ms`); }
    await new Promise((r) => setTimeout(r, 50));
  }
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as { frames: WebviewFrame[] };
  } finally {
    fs.rmSync(file, { force: true });
  }
}
