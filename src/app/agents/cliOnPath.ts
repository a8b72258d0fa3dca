// Where the portable agent hook (src/core/capture/agentCatalog.ts `hookCommand(…, true)`) would find the CLI
// on this machine: the first `ai-provenance`, then `git-ai-provenance`, on PATH, as `command -v`
// finds them (an executable regular file; on Windows with one of PATHEXT's extensions).
import { accessSync, constants, statSync } from 'node:fs';
import * as path from 'node:path';
import { BINS } from '../../core/capture/agentCatalog';

/** The absolute path the portable hook would run here, or undefined when neither bin is on PATH. */
export function cliOnPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter((d) => d !== '' && path.isAbsolute(d));
  const exts = platform === 'win32' ? (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean) : [''];
  for (const bin of BINS) {
    for (const dir of dirs) {
      for (const ext of exts) {
        const file = path.join(dir, bin + ext);
        if (isExecutableFile(file, platform)) return file;
      }
    }
  }
  return undefined;
}

function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
