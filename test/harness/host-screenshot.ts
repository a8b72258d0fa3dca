// Screenshots from inside a host test: the extension host logs a request line, test/harness/code-shim.mjs
// (which drives the browser) saves a PNG of the workbench, and this helper waits for the file.
//   import { screenshot } from '../harness/host-screenshot';
//   const file = await screenshot('after-refresh');   // -> test-output/screenshots/<run>-after-refresh.png
// Returns undefined outside the harness (no AIP_SCREENSHOT_DIR), so tests stay runnable elsewhere.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const SCREENSHOT_REQUEST = '[vsc-harness] screenshot ';

export async function screenshot(name: string, timeoutMs = 15000): Promise<string | undefined> {
  const dir = process.env.AIP_SCREENSHOT_DIR;
  if (!dir) { return undefined; }
  const prefix = process.env.AIP_HOST_RUN ? `${process.env.AIP_HOST_RUN}-` : '';
  const file = path.join(dir, `${prefix}${name.replace(/\.png$/, '')}.png`);
  fs.rmSync(file, { force: true });
  console.log(`${SCREENSHOT_REQUEST}${file}`);
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) { throw new Error(`screenshot ${file} was not written within ${timeoutMs} ms`); }
    await new Promise((r) => setTimeout(r, 50));
  }
  return file;
}
