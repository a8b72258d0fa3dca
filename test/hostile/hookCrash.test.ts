// Crash injection: node killed (SIGKILL, from outside, at a random moment) while the hooks run it,
// over 40 commits in a loop. Each commit edits one of three files; most have a working-log entry of
// their own (session s<i>, file-level: it would back any later change to that file), some carry
// VS Code's trailer (replaced by the recorded tool, or removed when nothing backs it), some go
// through an editor (prepare-commit-msg starts node too). Whatever was killed:
//   - the commit is made and its message is intact: what was written, or the hook's whole rewrite;
//   - a trailer we added has its note, a removal we made is in the note, a line in the note's
//     removals is not in the message;
//   - a commit's evidence is on that commit and no other (never on a later commit), and none is lost;
//   - nothing is left behind (working log, handoffs, claims, temporary notes refs).
// AIP_HOSTILE_CRASH_RUNS=<n> repeats the loop (each run a fresh repository); AIP_HOSTILE_CRASH_COMMITS
// changes the 40.
import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanupTempDirs, commit, initRepo, tempDir } from '../helpers/repo';
import { CLI, boundedAsync, descendants, hostileCli, hostileGit } from './bounded';

const RUNS = Number(process.env.AIP_HOSTILE_CRASH_RUNS ?? 1);
const COMMITS = Number(process.env.AIP_HOSTILE_CRASH_COMMITS ?? 40);
const VSCODE = 'Co-authored-by: Copilot <copilot@github.com>';
const CLAUDE = 'Assisted-by: Claude-Code:claude-opus-4-6';
const FILES = ['f0.ts', 'f1.ts', 'f2.ts'];

type Kind = 'evidence' | 'evidence+vscode' | 'vscode' | 'evidence+editor';
const KINDS: Kind[] = ['evidence', 'evidence+vscode', 'vscode', 'evidence+editor'];

interface Made {
  i: number;
  kind: Kind;
  sha: string;
  message: string;
  killed: string[];
  stderr: string;
}

function entry(repo: string, file: string, session: string): void {
  const dir = path.join(repo, '.git', 'ai-provenance', 'worklog');
  mkdirSync(dir, { recursive: true });
  const name = `${String(Date.now()).padStart(13, '0')}-${process.pid}-${Math.random().toString(16).slice(2, 10).padEnd(8, '0')}.json`;
  writeFileSync(path.join(dir, name), `${JSON.stringify({ v: 1, time: new Date().toISOString(), tool: 'claude', model: 'claude-opus-4-6', session, files: [{ path: file }] })}\n`);
}

/** The stage a killed node was running, from its command line. */
function stageOf(args: string): string {
  if (args.includes('--stage prepare')) return 'prepare-commit-msg';
  if (args.includes('--stage commit')) return 'commit-msg';
  if (args.includes('hook post-commit')) return 'post-commit';
  return 'other';
}

async function commitWithKill(repo: string, dir: string, i: number, kind: Kind, maxDelay: number): Promise<Made> {
  const file = FILES[i % FILES.length] as string;
  writeFileSync(path.join(repo, file), `${Array.from({ length: i + 2 }, (_, n) => `export const v${n} = ${n};`).join('\n')}\n`);
  hostileGit(repo, ['add', file]);
  if (kind !== 'vscode') entry(repo, file, `s${i}`);
  const message = `Change ${i}\n${kind.includes('vscode') ? `\n${VSCODE}\n` : ''}`;
  const msgFile = path.join(dir, `msg-${i}`);
  writeFileSync(msgFile, message);
  // With an editor, prepare-commit-msg shows the trailers first; the "user" types the subject above them.
  const editor = path.join(dir, 'editor.sh');
  const args = kind === 'evidence+editor' ? ['commit', '-q', '--cleanup=strip'] : ['commit', '-q', '--cleanup=verbatim', '-F', msgFile];
  const run = boundedAsync('git', args, { cwd: repo, deadlineMs: 60_000, env: { GIT_EDITOR: `sh ${editor} ${msgFile}` } });
  // Two moments: the second can land in what the hooks do after the first kill (post-commit's node).
  const killed: string[] = [];
  const kill = (): void => {
    for (const p of descendants(run.child.pid as number)) {
      if (!p.args.includes(CLI)) continue;
      try {
        process.kill(p.pid, 'SIGKILL');
        killed.push(stageOf(p.args));
      } catch { /* it ended meanwhile */ }
    }
  };
  const first = Math.random() * maxDelay;
  const timers = [setTimeout(kill, first), setTimeout(kill, first + Math.random() * maxDelay)];
  const r = await run.done;
  timers.forEach(clearTimeout);
  assert.equal(r.status, 0, `commit ${i} (${kind}, killed: ${killed.join(', ') || 'nothing'}) failed: ${r.stderr}`);
  const sha = hostileGit(repo, ['rev-parse', 'HEAD']).stdout.trim();
  return { i, kind, sha, message, killed, stderr: r.stderr };
}

interface Checked {
  rewritten: number;
  noted: number;
}

function check(repo: string, made: readonly Made[]): Checked {
  let rewritten = 0;
  let noted = 0;
  for (const m of made) {
    const where = `commit ${m.i} (${m.kind}; killed: ${m.killed.join(', ') || 'nothing'})\n${m.stderr}`;
    const body = hostileGit(repo, ['log', '-1', '--format=%B', m.sha]).stdout.replace(/\n+$/, '\n');
    const note = hostileGit(repo, ['notes', '--ref=ai-provenance', 'show', m.sha], { ok: [1] }).stdout;
    const records = note.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { type?: string; action?: string; line?: string; session?: string });
    // The message: every line is one that was written, or a whole trailer of ours.
    const allowed = new Set([`Change ${m.i}`, '', VSCODE, CLAUDE]);
    for (const line of body.split('\n')) assert.ok(allowed.has(line), `${where}: unexpected line ${JSON.stringify(line)} in\n${body}`);
    assert.ok(body.startsWith(`Change ${m.i}\n`), `${where}: the subject is intact`);
    if (body !== m.message) rewritten++;
    // Evidence: this commit's own, and only on this commit; never lost.
    const sessions = records.filter((r) => !r.type && r.session).map((r) => r.session);
    for (const s of sessions) assert.equal(s, `s${m.i}`, `${where}: the note of commit ${m.i} holds the evidence of ${s}`);
    if (m.kind !== 'vscode') assert.ok(sessions.includes(`s${m.i}`), `${where}: the evidence of commit ${m.i} is missing from its note`);
    else assert.deepEqual(sessions, [], `${where}: no evidence`);
    if (sessions.length) noted++;
    // A trailer we added has its note; a removal is recorded; a recorded removal happened.
    if (body.includes(CLAUDE) && !m.message.includes(CLAUDE)) assert.ok(sessions.length > 0, `${where}: our trailer without its note`);
    const removals = records.filter((r) => r.type === 'removal' && r.action !== 'kept');
    for (const r of removals) assert.ok(!body.includes(r.line as string), `${where}: the note records removing a line that is still there`);
    if (m.message.includes(VSCODE) && !body.includes(VSCODE)) assert.ok(removals.length > 0, `${where}: VS Code's trailer went without a record`);
  }
  return { rewritten, noted };
}

describe('hostile: node killed at random moments while the hooks run', function () {
  this.timeout(RUNS * COMMITS * 15_000 + 60_000);
  after(cleanupTempDirs);

  it(`${COMMITS} commits × ${RUNS} run${RUNS === 1 ? '' : 's'}: messages intact, no trailer without its note, evidence on its own commit only, nothing lost or left`, async () => {
    const kills = new Map<string, number>();
    let commits = 0;
    let rewritten = 0;
    for (let run = 0; run < RUNS; run++) {
      const repo = initRepo();
      commit(repo, { message: 'base\n', files: Object.fromEntries(FILES.map((f) => [f, '// start\n'])) });
      assert.equal(hostileCli(['hooks', 'install', '--repo', repo]).status, 0);
      const dir = tempDir('aip-crash-');
      writeFileSync(path.join(dir, 'editor.sh'), 'msg=$1; shift; { cat "$msg"; cat "$1"; } > "$1.new" && mv "$1.new" "$1"\n');
      chmodSync(path.join(dir, 'editor.sh'), 0o755);
      // How long a commit with node in its hooks takes here: the kills land anywhere in it.
      const started = Date.now();
      const control = await commitWithKill(repo, dir, 0, 'evidence+vscode', 0);
      const maxDelay = Math.max(50, (Date.now() - started) * 1.3);
      const made: Made[] = [{ ...control, killed: [] }];
      for (let i = 1; i < COMMITS; i++) made.push(await commitWithKill(repo, dir, i, KINDS[i % KINDS.length] as Kind, maxDelay));
      // One more commit without a kill: its hooks finish what the last one left.
      writeFileSync(path.join(repo, 'last.txt'), 'last\n');
      hostileGit(repo, ['add', 'last.txt']);
      hostileGit(repo, ['commit', '-q', '-m', 'last']);
      const c = check(repo, made);
      commits += made.length;
      rewritten += c.rewritten;
      for (const m of made) for (const k of m.killed.length ? m.killed : ['nothing']) kills.set(k, (kills.get(k) ?? 0) + 1);
      const worklog = path.join(repo, '.git', 'ai-provenance', 'worklog');
      assert.deepEqual(existsSync(worklog) ? readdirSync(worklog) : [], [], 'every entry consumed by its own commit');
      const pending = path.join(repo, '.git', 'ai-provenance-pending');
      assert.deepEqual((existsSync(pending) ? readdirSync(pending) : []).filter((n) => n !== 'origin'), [], 'no handoff or claim left');
      assert.equal(hostileGit(repo, ['for-each-ref', 'refs/notes/ai-provenance-tmp/']).stdout, '', 'no temporary notes ref left');
    }
    const summary = [...kills].sort().map(([k, n]) => `${k} ${n}`).join(', ');
    console.log(`      crash injection: ${RUNS} run(s), ${commits} commits, node killed in: ${summary}; ${rewritten} messages rewritten by the hooks`);
    assert.ok(commits - (kills.get('nothing') ?? 0) >= Math.min(5, RUNS * COMMITS / 8), `too few kills landed (${summary}): the case would prove nothing`);
  });
});
