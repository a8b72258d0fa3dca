// .pre-commit-hooks.yaml: valid against the shape pre-commit checks a hook manifest with, and its
// entries run the way pre-commit runs them (entry split like shlex, then `args`, then the file names
// the stage passes: the commit message file for commit-msg and prepare-commit-msg, none for
// post-commit; the message's source in PRE_COMMIT_COMMIT_MSG_SOURCE), from real `git commit`s.
// pre-commit itself is not installed here (no network): each git hook below does exactly that.
import { strict as assert } from 'node:assert';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CLI } from '../helpers/cli';
import { GIT_ENV, cleanupTempDirs, commit, git, gitRaw, initRepo, tempDir } from '../helpers/repo';

const ROOT = path.resolve(__dirname, '../..');

// pre-commit's manifest schema (pre_commit/clientlib.py MANIFEST_HOOK_DICT, MIT, v4.x): field → type.
const MANIFEST_FIELDS: Record<string, 'string' | 'boolean' | 'string[]'> = {
  id: 'string', name: 'string', entry: 'string', language: 'string', alias: 'string', files: 'string', exclude: 'string',
  types: 'string[]', types_or: 'string[]', exclude_types: 'string[]', additional_dependencies: 'string[]', args: 'string[]',
  always_run: 'boolean', fail_fast: 'boolean', pass_filenames: 'boolean', description: 'string', language_version: 'string',
  log_file: 'string', minimum_pre_commit_version: 'string', require_serial: 'boolean', stages: 'string[]', verbose: 'boolean',
};
const REQUIRED = ['id', 'name', 'entry', 'language'];
// pre_commit/constants.py STAGES (3.2+) and the languages of pre_commit/languages/all.py.
const STAGES = ['commit-msg', 'post-checkout', 'post-commit', 'post-merge', 'post-rewrite', 'pre-commit', 'pre-merge-commit',
  'pre-push', 'pre-rebase', 'prepare-commit-msg', 'manual'];
const LANGUAGES = ['conda', 'coursier', 'dart', 'docker', 'docker_image', 'dotnet', 'fail', 'golang', 'haskell', 'julia', 'lua',
  'node', 'perl', 'pygrep', 'python', 'r', 'ruby', 'rust', 'swift', 'script', 'system', 'unsupported', 'unsupported_script'];

interface Hook { id: string; entry: string; language: string; stages: string[]; args?: string[]; pass_filenames?: boolean; always_run?: boolean }

const hooks = parseYaml(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** A git hook doing what `pre-commit hook-impl` does for one stage with this manifest's hooks. */
function installLikePreCommit(repo: string, bin: string): void {
  const dir = path.join(repo, '.git', 'hooks');
  mkdirSync(dir, { recursive: true });
  for (const stage of ['prepare-commit-msg', 'commit-msg', 'post-commit']) {
    const lines = ['#!/bin/sh', `PATH=${q(bin)}:"$PATH"`, 'status=0'];
    if (stage === 'prepare-commit-msg') lines.push('export PRE_COMMIT_COMMIT_MSG_SOURCE="${2:-}" PRE_COMMIT_COMMIT_OBJECT_NAME="${3:-}"');
    for (const h of hooks.filter((x) => x.stages.includes(stage))) {
      const files = stage === 'post-commit' || h.pass_filenames === false ? '' : ' "$1"';
      lines.push(`${h.entry.split(/\s+/).map(q).join(' ')} ${(h.args ?? []).map(q).join(' ')}${files} || status=1`);
    }
    lines.push('exit $status');
    writeFileSync(path.join(dir, stage), `${lines.join('\n')}\n`);
    chmodSync(path.join(dir, stage), 0o755);
  }
}

describe('.pre-commit-hooks.yaml (pre-commit framework)', function () {
  this.timeout(120000);
  let bin: string;
  before(() => {
    bin = tempDir('aip-bin-');
    writeFileSync(path.join(bin, 'ai-provenance'), `#!/bin/sh\nexec ${q(process.execPath)} ${q(CLI)} "$@"\n`);
    chmodSync(path.join(bin, 'ai-provenance'), 0o755);
  });
  after(cleanupTempDirs);

  it('matches pre-commit\'s manifest schema and covers the three message stages', () => {
    assert.ok(Array.isArray(hooks) && hooks.length === 3);
    for (const h of hooks as unknown as Record<string, unknown>[]) {
      for (const key of REQUIRED) assert.equal(typeof h[key], 'string', `${String(h.id)}: ${key}`);
      for (const [key, value] of Object.entries(h)) {
        const type = MANIFEST_FIELDS[key];
        assert.ok(type, `${String(h.id)}: unknown field ${key}`);
        if (type === 'string[]') assert.ok(Array.isArray(value) && value.every((v) => typeof v === 'string'), `${key}`);
        else assert.equal(typeof value, type, `${String(h.id)}: ${key}`);
      }
      assert.ok(LANGUAGES.includes(h.language as string));
      for (const s of h.stages as string[]) assert.ok(STAGES.includes(s), s);
    }
    assert.deepEqual(hooks.map((h) => h.stages).flat().sort(), ['commit-msg', 'post-commit', 'prepare-commit-msg']);
    const post = hooks.find((h) => h.stages.includes('post-commit'));
    assert.equal(post?.always_run, true, 'post-commit gets no file names: it must always run');
    assert.equal(post?.pass_filenames, false);
    for (const h of hooks) assert.match(h.entry, /^ai-provenance /, 'the bin the node environment installs');
  });

  it('adds the evidence-backed trailer and attaches the provenance note through real commits', () => {
    const repo = initRepo();
    commit(repo, { message: 'Start\n', files: { 'a.txt': 'a\n' } });
    installLikePreCommit(repo, bin);
    writeFileSync(path.join(repo, 'a.txt'), 'a\nb\n');
    const env = { ...GIT_ENV, PATH: `${bin}:${process.env.PATH ?? ''}` };
    const recorded = gitRaw(repo, ['-c', 'alias.rec=!ai-provenance record', 'rec', '--tool', 'claude', '--model', 'claude-opus-4-6', '--file', 'a.txt'], undefined, env);
    assert.equal(recorded.status, 0, recorded.stderr);
    git(repo, ['add', 'a.txt']);
    const r = gitRaw(repo, ['commit', '-q', '-m', 'Extend a'], undefined, env);
    assert.equal(r.status, 0, r.stderr);
    const message = git(repo, ['log', '-1', '--format=%B']);
    assert.equal(message, 'Extend a\n\nAssisted-by: Claude-Code:claude-opus-4-6\n\n');
    const note = git(repo, ['notes', '--ref=ai-provenance', 'show', 'HEAD']);
    assert.match(note, /"tool":"claude"/);
    assert.match(note, /"path":"a\.txt"/);
  });

  it('prepare-commit-msg puts the trailer in the editor (not for -m), and forbid rejects with the reasons', () => {
    const repo = initRepo();
    commit(repo, { message: 'Start\n', files: { 'a.txt': 'a\n' } });
    installLikePreCommit(repo, bin);
    const env = { ...GIT_ENV, PATH: `${bin}:${process.env.PATH ?? ''}` };
    writeFileSync(path.join(repo, 'a.txt'), 'changed\n');
    assert.equal(gitRaw(repo, ['-c', 'alias.rec=!ai-provenance record', 'rec', '--tool', 'aider', '--file', 'a.txt'], undefined, env).status, 0);
    git(repo, ['add', 'a.txt']);
    const editor = path.join(tempDir(), 'editor.sh');
    const seen = path.join(path.dirname(editor), 'seen.txt');
    writeFileSync(editor, `#!/bin/sh\ncp "$1" ${q(seen)}\nprintf 'Edited in the editor\\n' | cat - "$1" > "$1.new" && mv "$1.new" "$1"\n`);
    chmodSync(editor, 0o755);
    const prepare = hooks.find((h) => h.stages.includes('prepare-commit-msg')) as Hook;
    const msg = path.join(path.dirname(editor), 'MSG');
    for (const [source, changed] of [['message', false], ['merge', false], ['squash', false], ['template', true]] as const) {
      writeFileSync(msg, 'Change a\n');
      const r = gitRaw(repo, ['-c', `alias.entry=!${prepare.entry}`, 'entry', msg], undefined, { ...env, PRE_COMMIT_COMMIT_MSG_SOURCE: source });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(readFileSync(msg, 'utf8') !== 'Change a\n', changed, source);
    }
    const template = path.join(path.dirname(editor), 'template.txt');
    writeFileSync(template, 'Change a\n');
    // A template (source "template") is shown in the editor: the trailer is already there. (An empty
    // message gets its trailer at commit-msg: a message of trailers only must not become a commit.)
    const edited = gitRaw(repo, ['commit', '-q', '-t', template], undefined, { ...env, GIT_EDITOR: editor });
    assert.equal(edited.status, 0, edited.stderr);
    assert.match(readFileSync(seen, 'utf8'), /^Assisted-by: aider/m, 'the editor already shows the trailer');
    assert.equal(git(repo, ['log', '-1', '--format=%(trailers:key=Assisted-by)']).trim().split('\n').length, 1, 'added once');

    git(repo, ['config', 'aiProvenance.mode', 'forbid']);
    writeFileSync(path.join(repo, 'b.txt'), 'b\n');
    git(repo, ['add', 'b.txt']);
    const head = git(repo, ['rev-parse', 'HEAD']);
    const rejected = gitRaw(repo, ['commit', '-q', '-m', 'Add b\n\nCo-Authored-By: Claude Opus 4.6 <noreply@anthropic.com>'], undefined, env);
    assert.notEqual(rejected.status, 0);
    assert.match(rejected.stderr, /commit rejected by the AI attribution policy \(mode forbid/);
    assert.equal(git(repo, ['rev-parse', 'HEAD']), head, 'no commit');
  });

  it('never blocks a commit on its own errors: one warning, the message kept', () => {
    const repo = initRepo();
    installLikePreCommit(repo, bin);
    const env = { ...GIT_ENV, PATH: `${bin}:${process.env.PATH ?? ''}` };
    writeFileSync(path.join(repo, '.ai-provenance.json'), '{ "mode": ');
    writeFileSync(path.join(repo, 'a.txt'), 'a\n');
    git(repo, ['add', 'a.txt']);
    const r = gitRaw(repo, ['commit', '-q', '-m', 'Add a\n\nCo-authored-by: Copilot <copilot@github.com>'], undefined, env);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /ai-provenance: .*\.ai-provenance\.json.*the commit continues with its message unchanged/);
    assert.equal(git(repo, ['log', '-1', '--format=%B']), 'Add a\n\nCo-authored-by: Copilot <copilot@github.com>\n\n');
  });
});
