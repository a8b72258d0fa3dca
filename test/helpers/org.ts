// A small "organisation" of real repositories for fleet and merge tests: work trees with and
// without a remote, a repository nested inside another's work tree (not audited on its own), a bare
// repository, one that cannot be read, and a directory without any.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fastImport, git, initRepo, tempDir } from './repo';

export interface Org {
  root: string;
  app: string;
  lib: string;
  bare: string;
  broken: string;
  /** Identities as reports must name them. */
  ids: { app: string; lib: string; bare: string; broken: string };
}

const JAN = 1767268800; // 2026-01-01T12:00:00Z
const DAY = 86400;

export function buildOrg(): Org {
  const root = tempDir('aip-org-');
  const app = path.join(root, 'team-a', 'app');
  const lib = path.join(root, 'team-b', 'lib');
  const bare = path.join(root, 'team-b', 'svc.git');
  const broken = path.join(root, 'team-c', 'broken');
  mkdirSync(app, { recursive: true });
  initRepo(app);
  git(app, ['remote', 'add', 'origin', 'https://deploy:tok3n@git.example.com/team-a/app.git']);
  fastImport(app, [
    { message: 'Add parser\n\nCo-Authored-By: Claude Opus 4.6 <noreply@anthropic.com>\n', author: 'Alice <alice@example.com>', time: JAN + 5 * DAY },
    { message: 'Plain change\n', author: 'Bob <bob@example.com>', time: JAN + 40 * DAY },
    { message: 'aider: rename\n', author: 'Alice (aider) <alice@example.com>', time: JAN + 45 * DAY },
  ]);
  git(app, ['reset', '-q', '--hard']);
  const inner = path.join(app, 'vendor', 'inner');
  mkdirSync(inner, { recursive: true });
  initRepo(inner);
  mkdirSync(lib, { recursive: true });
  initRepo(lib);
  fastImport(lib, [
    { message: 'Start\n', author: 'Carol <carol@example.com>', time: JAN + 10 * DAY },
    { message: 'Docs\n\nCo-authored-by: Copilot <copilot@github.com>\n', author: 'Carol <carol@example.com>', time: JAN + 70 * DAY },
  ]);
  git(path.dirname(bare), ['clone', '-q', '--bare', lib, bare]);
  mkdirSync(broken, { recursive: true });
  writeFileSync(path.join(broken, '.git'), 'gitdir: nowhere-at-all\n');
  mkdirSync(path.join(root, 'team-d', 'notes'), { recursive: true });
  return {
    root, app, lib, bare, broken,
    ids: { app: 'https://git.example.com/team-a/app.git', lib: 'lib', bare: 'svc.git', broken: 'broken' },
  };
}
