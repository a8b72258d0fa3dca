// Real git repositories in temp dirs for integration tests. No mocks: every helper runs git.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Test Committer',
  GIT_COMMITTER_EMAIL: 'committer@example.com',
  GIT_AUTHOR_DATE: '2026-01-01T12:00:00+00:00',
  GIT_COMMITTER_DATE: '2026-01-01T12:00:00+00:00',
  LC_ALL: 'C',
};

const made: string[] = [];

/** A fresh directory under the OS temp dir, removed by cleanupTempDirs(). */
export function tempDir(prefix = 'aip-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function cleanupTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function git(cwd: string, args: string[], input?: string | Buffer, env: NodeJS.ProcessEnv = GIT_ENV): string {
  return execFileSync('git', args, { cwd, input, env, encoding: 'utf8', maxBuffer: 1 << 30 });
}

/** Runs git and returns status, stdout and stderr without throwing. */
export function gitRaw(cwd: string, args: string[], input?: string | Buffer, env: NodeJS.ProcessEnv = GIT_ENV) {
  const r = spawnSync('git', args, { cwd, input, env, maxBuffer: 1 << 30 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

export function initRepo(dir = tempDir(), branch = 'main'): string {
  git(dir, ['init', '-q', '-b', branch]);
  git(dir, ['config', 'user.name', 'Test Author']);
  git(dir, ['config', 'user.email', 'author@example.com']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  return dir;
}

export interface CommitSpec {
  message: string | Buffer;
  files?: Record<string, string | Buffer>;
  author?: { name: string; email: string };
  committer?: { name: string; email: string };
  /** ISO date for both author and committer. */
  date?: string;
}

/** Writes the files, stages everything and commits the message verbatim (no cleanup). */
export function commit(dir: string, spec: CommitSpec): string {
  for (const [file, content] of Object.entries(spec.files ?? { [`file-${Date.now()}-${Math.random()}.txt`]: 'x\n' })) {
    const full = path.join(dir, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  git(dir, ['add', '-A']);
  const env: NodeJS.ProcessEnv = { ...GIT_ENV };
  if (spec.author) Object.assign(env, { GIT_AUTHOR_NAME: spec.author.name, GIT_AUTHOR_EMAIL: spec.author.email });
  if (spec.committer) Object.assign(env, { GIT_COMMITTER_NAME: spec.committer.name, GIT_COMMITTER_EMAIL: spec.committer.email });
  if (spec.date) Object.assign(env, { GIT_AUTHOR_DATE: spec.date, GIT_COMMITTER_DATE: spec.date });
  git(dir, ['commit', '-q', '--allow-empty', '--cleanup=verbatim', '--no-verify', '-F', '-'], spec.message, env);
  return git(dir, ['rev-parse', 'HEAD']).trim();
}

export interface FastCommit {
  message: string | Buffer;
  author?: string; // "Name <email>"
  committer?: string;
  time?: number; // seconds since epoch
  parents?: number[]; // indexes of earlier commits (marks); default: previous commit
  files?: Record<string, string>;
  branch?: string;
}

/** Imports many commits in one `git fast-import` run; returns their shas in input order. */
export function fastImport(dir: string, commits: FastCommit[], ref = 'refs/heads/main'): string[] {
  const chunks: Buffer[] = [];
  const add = (s: string | Buffer) => chunks.push(typeof s === 'string' ? Buffer.from(s, 'utf8') : s);
  commits.forEach((c, i) => {
    const msg = typeof c.message === 'string' ? Buffer.from(c.message, 'utf8') : c.message;
    const t = c.time ?? 1_700_000_000 + i * 60;
    add(`commit ${c.branch ?? ref}\nmark :${i + 1}\n`);
    add(`author ${c.author ?? 'Test Author <author@example.com>'} ${t} +0000\n`);
    add(`committer ${c.committer ?? c.author ?? 'Test Committer <committer@example.com>'} ${t} +0000\n`);
    add(`data ${msg.length}\n`);
    add(msg);
    add('\n');
    const parents = c.parents ?? (i > 0 ? [i - 1] : []);
    if (parents.length > 0) add(`from :${(parents[0] as number) + 1}\n`);
    for (const p of parents.slice(1)) add(`merge :${p + 1}\n`);
    if (parents.length === 0 && i > 0) add('deleteall\n');
    for (const [f, content] of Object.entries(c.files ?? { [`f${i % 7}.txt`]: `line ${i}\n` })) {
      const data = Buffer.from(content, 'utf8');
      add(`M 100644 inline ${f}\ndata ${data.length}\n`);
      add(data);
      add('\n');
    }
    add('\n');
  });
  add('done\n');
  git(dir, ['fast-import', '--quiet', '--done', '--export-marks=.git/aip-marks'], Buffer.concat(chunks));
  const marks = readFileSync(path.join(dir, '.git/aip-marks'), 'utf8');
  const byMark = new Map<number, string>();
  for (const line of marks.split('\n')) {
    const m = /^:(\d+) ([0-9a-f]+)$/.exec(line);
    if (m) byMark.set(Number(m[1]), m[2] as string);
  }
  return commits.map((_, i) => byMark.get(i + 1) as string);
}
