// What a person at a terminal sees: help (the command list, and `help <command>`), colour (a real
// pseudo-terminal through util-linux `script`, and the NO_COLOR / FORCE_COLOR rules), and tables
// that line up with CJK, emoji and combining marks in names.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CLI, runCli } from '../helpers/cli';
import { GIT_ENV, cleanupTempDirs, commit, initRepo, tempDir } from '../helpers/repo';
import { textWidth } from '../../src/core/report/textWidth';

const ESC = '\u001b[';
/** The environment without any colour preference of the machine running the tests. */
const NEUTRAL: NodeJS.ProcessEnv = { NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'xterm-256color' };

/** Runs the CLI on a pseudo-terminal (stdout and stderr are a TTY), as a person does. */
function onTerminal(args: string[], env: NodeJS.ProcessEnv = {}): { status: number; output: string } {
  const quoted = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('script', ['-qec', quoted, '/dev/null'], { env: { ...GIT_ENV, ...NEUTRAL, ...env }, encoding: 'utf8', input: '', timeout: 30_000 });
  assert.ok(!r.error, `util-linux script runs (${String(r.error)})`);
  return { status: r.status ?? -1, output: r.stdout.replace(/\r\n/g, '\n') };
}

describe('CLI at a terminal', function () {
  this.timeout(60_000);
  after(cleanupTempDirs);

  describe('help', () => {
    const commands = (text: string): string[] => [...text.matchAll(/^ {2}([a-z]+) {2,}/gm)].map((m) => m[1] as string);

    it('--help lists the commands, without any command\'s own help appended', () => {
      const r = runCli(['--help']);
      assert.equal(r.status, 0);
      assert.ok(commands(r.stdout).includes('audit') && commands(r.stdout).includes('lines'), r.stdout);
      assert.doesNotMatch(r.stdout, /Usage: ai-provenance audit|--no-diffs|--diff-byte-cap/);
      assert.match(r.stdout, /ai-provenance help <command>/);
      assert.equal(runCli(['help']).stdout, r.stdout);
      assert.equal(runCli(['-h']).stdout, r.stdout);
      assert.equal(runCli(['help', 'help']).stdout, r.stdout);
      const bare = runCli([]);
      assert.equal(bare.status, 2, 'no command is a usage error');
      assert.equal(bare.stdout, r.stdout);
    });

    it('help <command> prints that command\'s help, for every command', () => {
      const listed = commands(runCli(['--help']).stdout);
      assert.ok(listed.length >= 15, listed.join(' '));
      for (const name of [...listed, 'hook']) {
        const help = runCli(['help', name]);
        assert.equal(help.status, 0, `help ${name}: ${help.stderr}`);
        assert.match(help.stdout, new RegExp(`^Usage: ai-provenance ${name}\\b`), name);
        assert.equal(help.stdout, runCli([name, '--help']).stdout, `help ${name} = ${name} --help`);
        assert.equal(help.stderr, '');
      }
      assert.match(runCli(['help', 'audit']).stdout, /--no-diffs/);
    });

    it('help of something that is not a command: one line, exit 2', () => {
      for (const args of [['help', 'frobnicate'], ['help', 'constructor'], ['help', 'audit', 'export'], ['__proto__']]) {
        const r = runCli(args);
        assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
        assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
        assert.equal(r.stdout, '');
      }
    });
  });

  describe('colour', () => {
    let repo = '';
    before(() => {
      repo = initRepo();
      commit(repo, { message: 'feat: x\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n', files: { 'a.txt': 'a\n' } });
    });

    it('a terminal gets colour; FORCE_COLOR=0, NO_COLOR or TERM=dumb turn it off', () => {
      const coloured = onTerminal(['audit', '--repo', repo]);
      assert.equal(coloured.status, 0, coloured.output);
      assert.ok(coloured.output.includes(ESC), 'the summary on a terminal is coloured');
      for (const env of [{ FORCE_COLOR: '0' }, { FORCE_COLOR: 'false' }, { NO_COLOR: '1' }, { NO_COLOR: '1', FORCE_COLOR: '1' }, { TERM: 'dumb' }]) {
        const r = onTerminal(['audit', '--repo', repo], env);
        assert.equal(r.status, 0, r.output);
        assert.match(r.output, /assisted +1/, 'the same summary');
        assert.ok(!r.output.includes(ESC), `no colour with ${JSON.stringify(env)}: ${JSON.stringify(r.output.slice(0, 200))}`);
      }
    });

    it('FORCE_COLOR=1..3 colours a pipe; without it a pipe gets plain text', () => {
      const plain = runCli(['audit', '--repo', repo, '--format', 'summary'], { env: NEUTRAL });
      assert.ok(!plain.stdout.includes(ESC));
      for (const v of ['1', '2', '3']) {
        const r = runCli(['audit', '--repo', repo, '--format', 'summary'], { env: { ...NEUTRAL, FORCE_COLOR: v } });
        assert.ok(r.stdout.includes(ESC), `FORCE_COLOR=${v}`);
      }
      const file = path.join(tempDir(), 'summary.txt');
      assert.equal(runCli(['audit', '--repo', repo, '--format', 'summary', '--output', file], { env: { ...NEUTRAL, FORCE_COLOR: '1' } }).status, 0);
      assert.ok(!readFileSync(file, 'utf8').includes(ESC), 'a file given with --output is never coloured');
    });
  });

  it('report --by author lines up names in CJK, Hangul, emoji and with combining marks', () => {
    const repo = initRepo();
    const people = ['Ann', '山田太郎', '김민준', 'Zoe\u0308 Ame\u0301lie', 'Robo \u{1F468}\u200D\u{1F469}\u200D\u{1F467}', '渡辺 🤖'];
    people.forEach((name, i) => {
      commit(repo, {
        message: i % 2 ? `c${i}\n` : `c${i}\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n`,
        files: { [`f${i}.txt`]: `${i}\n` }, author: { name, email: `p${i}@example.com` },
      });
    });
    const r = runCli(['report', '--repo', repo, '--by', 'author'], { env: NEUTRAL });
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, people.length + 1, r.stdout);
    assert.equal(new Set(lines.map(textWidth)).size, 1, `every row ends at the same column:\n${r.stdout}`);
    assert.equal(new Set(lines.slice(1).map((l) => textWidth(l.slice(0, l.search(/p\d@example/))))).size, 1, `the e-mail column starts at one column:\n${r.stdout}`);
  });
});
