// Text that reaches a terminal: commit subjects, author names, trailers, notes and team-file values
// carrying ESC sequences (CSI clear screen, OSC 8 hyperlinks, OSC 52 clipboard writes), C1 controls
// (U+009B is CSI too), bidi overrides and zero-width characters. Everything a human reads (CSV, the
// summary, report tables, markdown, HTML, check, hook warnings, errors) is neutralised by one
// function; every JSON export keeps the data exact (it parses back to the same string) while the
// file itself holds none of those characters raw.
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanupTempDirs, commit, initRepo, tempDir } from '../helpers/repo';
import { TERMINAL_UNSAFE, assertTerminalSafe, hostileCli, hostileGit } from './bounded';

const ESC = '\u001b';
const BEL = '\u0007';
const SUBJECT = `Fix ${ESC}[2J${ESC}]8;;https://evil.example${BEL}click${ESC}]8;;${BEL} ${ESC}]52;c;ZXZpbA==${BEL} \u009b31mred \u202eevil\u202c zero\u200bwidth`;
const AUTHOR = `Mallory ${ESC}[31m\u202e`;
const TRAILER = `Co-authored-by: Cop${ESC}[8mHIDDEN${ESC}[0milot <copilot@github.com>`;

describe('hostile: text that reaches a terminal', function () {
  this.timeout(60_000);
  let repo: string;
  let sha: string;
  before(() => {
    repo = initRepo();
    commit(repo, { message: 'first\n', files: { 'a.txt': 'a\n' } });
    sha = commit(repo, { message: `${SUBJECT}\n\n${TRAILER}\nCo-authored-by: Copilot <copilot@github.com>\n`, author: { name: AUTHOR, email: 'mallory@example.com' }, files: { 'b.txt': 'b\n' } });
    // An assisted commit too (SARIF lists only those).
    commit(repo, { message: `${SUBJECT}\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n`, author: { name: AUTHOR, email: 'mallory@example.com' } });
    // A malformed provenance note with escape sequences in it.
    hostileGit(repo, ['notes', '--ref=ai-provenance', 'add', '-m', `{"v":1,"tool":"${ESC}]52;c;x${BEL}"`, sha]);
  });
  after(cleanupTempDirs);

  const human: [string, string[]][] = [
    ['audit --format csv', ['audit', '--format', 'csv']],
    ['audit --format summary', ['audit', '--format', 'summary']],
    ['audit --format markdown', ['audit', '--format', 'markdown']],
    ['report --by author', ['report', '--by', 'author']],
    ['report --by author --format csv', ['report', '--by', 'author', '--format', 'csv']],
    ['report --by tool --format markdown', ['report', '--by', 'tool', '--format', 'markdown']],
    ['export --format csv --rows evidence', ['export', '--format', 'csv', '--rows', 'evidence']],
    ['export --format markdown', ['export', '--format', 'markdown']],
    ['export --format html', ['export', '--format', 'html']],
  ];
  for (const [name, args] of human) {
    it(`${name}: no escape, C1, bidi or zero-width character on stdout or stderr`, () => {
      const r = hostileCli([...args, '--repo', repo]);
      assert.equal(r.status, 0, r.stderr);
      assertTerminalSafe(r.stdout, `${name} stdout`);
      assertTerminalSafe(r.stderr, `${name} stderr`);
    });
  }

  it('CSV shows what was hidden: bidi and zero-width characters as <U+…>', () => {
    const r = hostileCli(['audit', '--format', 'csv', '--repo', repo]);
    assert.match(r.stdout, /<U\+202E>evil<U\+202C> zero<U\+200B>width/);
  });

  it('check: the breaking commit is listed, neutralised', () => {
    const r = hostileCli(['check', '--repo', repo]);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /Fix .*<U\+202E>evil/);
    assertTerminalSafe(r.stdout, 'check stdout');
    assertTerminalSafe(r.stderr, 'check stderr');
  });

  const data: [string, string[]][] = [
    ['audit --format jsonl', ['audit', '--format', 'jsonl']],
    ['audit --format json', ['audit', '--format', 'json']],
    ['export --format json', ['export', '--format', 'json']],
    ['export --format sarif', ['export', '--format', 'sarif']],
    ['export --format intoto', ['export', '--format', 'intoto']],
  ];
  for (const [name, args] of data) {
    it(`${name}: the data exact, the file free of raw control, bidi and invisible characters`, () => {
      for (const cache of [[], ['--no-cache']]) {
        const r = hostileCli([...args, ...cache, '--repo', repo]);
        assert.equal(r.status, 0, r.stderr);
        assertTerminalSafe(r.stdout, `${name} ${cache.join(' ')}`);
        assert.ok(r.stdout.includes(JSON.stringify(SUBJECT).slice(1, 5)), 'the subject is there');
        const strings: string[] = [];
        const walk = (v: unknown): void => {
          if (typeof v === 'string') strings.push(v);
          else if (v && typeof v === 'object') Object.values(v).forEach(walk);
        };
        for (const line of name.includes('jsonl') ? r.stdout.split('\n').filter(Boolean) : [r.stdout]) walk(JSON.parse(line));
        if (name.includes('sarif')) {
          // SARIF carries messages for people, not the data: neutralised, bidi shown.
          assert.ok(strings.some((s) => s.includes('<U+202E>evil<U+202C>')), 'the SARIF message shows the bidi controls');
        } else {
          assert.ok(strings.some((s) => s === SUBJECT || s.includes(SUBJECT)), 'the subject parses back exactly');
          assert.ok(strings.includes(AUTHOR), 'the author name parses back exactly');
        }
      }
    });
  }

  it('hook warnings: a removed trailer and a hostile team-file value are neutralised', () => {
    const hooked = initRepo();
    commit(hooked, { message: 'first\n', files: { 'a.txt': 'a\n' } });
    assert.equal(hostileCli(['hooks', 'install', '--repo', hooked]).status, 0);
    hostileGit(hooked, ['config', 'aiProvenance.mode', 'strip']); // strip removes the hostile (self-attested) line too
    writeFileSync(path.join(hooked, 'b.txt'), 'b\n');
    hostileGit(hooked, ['add', 'b.txt']);
    const removed = hostileGit(hooked, ['commit', '-q', '-m', `Change\n\n${TRAILER}\n`]);
    assert.match(removed.stderr, /ai-provenance: removed/);
    assertTerminalSafe(removed.stderr, 'commit-msg warnings');
    hostileGit(hooked, ['config', '--unset', 'aiProvenance.mode']);
    writeFileSync(path.join(hooked, '.ai-provenance.json'), JSON.stringify({ mode: `${ESC}]52;c;ZXZpbA==${BEL}\u202e` }));
    writeFileSync(path.join(hooked, 'c.txt'), 'c\n');
    hostileGit(hooked, ['add', 'c.txt']);
    const bad = hostileGit(hooked, ['commit', '-q', '-m', `Again\n\n${TRAILER}\n`]);
    assert.match(bad.stderr, /\.ai-provenance\.json: "mode" must be one of/);
    assertTerminalSafe(bad.stderr, 'a team-file error in a hook');
  });

  it('errors: a path with escape sequences is neutralised in the one-line error', () => {
    const dir = path.join(tempDir(), `repo${ESC}]52;c;ZXZpbA==${BEL}${ESC}[2J`);
    mkdirSync(dir);
    const r = hostileCli(['audit', '--repo', dir]);
    assert.equal(r.status, 3);
    assert.match(r.stderr, /^ai-provenance: unverifiable: /);
    assert.ok(!TERMINAL_UNSAFE.test(r.stderr), JSON.stringify(r.stderr));
  });
});
