// VS Code 1.139 writes its own AI trailer (`git.addAICoAuthor`): the real thing, offline. A test-only
// extension supplies real inline suggestions and chat edits, VS Code's tracker counts them, our hooks
// are installed with the default policy, and commits go through the Source Control view and the git
// API. Runs only where VS Code has the feature (the harness's "coauthor" run).
import * as vscode from 'vscode';
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AiProvenanceApi } from '../../src/extension/api';
import { VSCODE_AI_TRAILER } from '../../src/core/capture/editorAiTools';
import { writeEntry } from '../../src/git/worklog';
import { FIXTURE_ID, acceptInlineSuggestion, aiFixture, chatEdit, showAt, trackerCounts, trackerSettled, type AiFixture } from './aiFixture';
import { until } from './wait';

const WORKSPACE = process.env.AIP_TEST_WORKSPACE as string;
const ENV = { ...process.env, GIT_AUTHOR_NAME: 'Host Test', GIT_AUTHOR_EMAIL: 'host@example.com', GIT_COMMITTER_NAME: 'Host Test', GIT_COMMITTER_EMAIL: 'host@example.com' };
const git = (...args: string[]): string => execFileSync('git', args, { cwd: WORKSPACE, env: ENV, encoding: 'utf8' });
const AI_TRAILER = /^(Assisted-by|Co-authored-by|Generated-by): .*(AI[ -]assistant|Copilot|copilot@github\.com|unknown-ai)/im;

interface GitRepo {
  inputBox: { value: string };
  add(paths: string[]): Promise<void>;
  commit(message: string, opts?: { all?: boolean | 'tracked' }): Promise<void>;
}

async function gitRepository(): Promise<GitRepo> {
  const api = (await vscode.extensions.getExtension<{ getAPI(v: 1): { repositories: (GitRepo & { rootUri: vscode.Uri })[] } }>('vscode.git')?.activate())?.getAPI(1);
  const repo = api?.repositories.find((r) => r.rootUri.fsPath === WORKSPACE);
  assert.ok(repo, 'the git extension opened the workspace repository');
  return repo;
}

/** A committed file `rel` with `lines`, opened in an editor (VS Code tracks documents it shows). */
async function committedFile(rel: string, lines: string[]): Promise<vscode.TextDocument> {
  const abs = path.join(WORKSPACE, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, lines.map((l) => `${l}\n`).join(''));
  git('add', '--', rel);
  git('commit', '-q', '--no-verify', '-m', `Add ${rel}`);
  const document = await vscode.workspace.openTextDocument(abs);
  await showAt(document, 0);
  return document;
}

function note(rev = 'HEAD'): Record<string, unknown>[] {
  let text = '';
  try {
    text = git('notes', '--ref=refs/notes/ai-provenance', 'show', rev);
  } catch {
    return [];
  }
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

function audit(cli: string): { verdict: string; tools: string[] } {
  const line = execFileSync(process.execPath, [cli, 'audit', '--format', 'jsonl', '--no-cache', '-n', '1', 'HEAD'], { cwd: WORKSPACE, encoding: 'utf8', env: ENV }).trim();
  return JSON.parse(line) as { verdict: string; tools: string[] };
}

/** Saves the document and stages it through the git API, once the file on disk has the buffer's text. */
async function saveAndStage(repo: GitRepo, document: vscode.TextDocument): Promise<void> {
  await document.save();
  const rel = path.relative(WORKSPACE, document.uri.fsPath);
  await until(`${rel} written`, () => readFileSync(document.uri.fsPath, 'utf8') === document.getText(), 10_000);
  await repo.add([document.uri.fsPath]);
  await until(`${rel} staged`, () => git('diff', '--cached', '--name-only').split('\n').includes(rel), 10_000);
}

const message = (): string => git('log', '-1', '--format=%B').replace(/\n+$/, '');
const head = (): string => git('rev-parse', 'HEAD').trim();

describe('VS Code\'s AI co-author trailer and its AI-edit record (VS Code 1.139)', function () {
  this.timeout(120_000);
  let api: AiProvenanceApi;
  let fixture: AiFixture;
  let repo: GitRepo;
  let cli: string;

  /** Waits for the capture of an AI edit in `rel`, made by `act`. */
  async function captured(rel: string, act: () => Promise<void>): Promise<NonNullable<AiProvenanceApi['aiEdits']>['captured'][number]> {
    const edits = api.aiEdits;
    assert.ok(edits);
    const count = edits.captured.length;
    await act();
    return until(`the AI edit in ${rel} recorded`, () => edits.captured.slice(count).find((c) => c.path === rel), 15_000);
  }

  /** The tracker has been asked about the document (so its next AI edit can be told apart). */
  async function armed(document: vscode.TextDocument, expected = false): Promise<void> {
    await until(`the capture armed on ${vscode.workspace.asRelativePath(document.uri)}`, () => api.aiEdits?.counts(document.uri)?.all === expected, 15_000);
  }

  /** Commits through the Source Control view: the box as the extension filled it, then Commit. Returns the box. */
  async function commitFromScmView(subject: string, attribution = true): Promise<string> {
    const before = head();
    // the user types the subject on the box's first line; the extension may have filled the rest already
    const type = (): void => {
      const v = repo.inputBox.value;
      if (!v.startsWith(subject)) repo.inputBox.value = v.trim() ? `${subject}${v.startsWith('\n') ? '' : '\n\n'}${v}` : subject;
    };
    type();
    if (attribution) {
      await until('the attribution shown in the commit message box', async () => {
        await api.suggestTrailers?.(WORKSPACE);
        type();
        return AI_TRAILER.test(repo.inputBox.value);
      }, 15_000);
    } else {
      await api.suggestTrailers?.(WORKSPACE);
      type();
    }
    const box = repo.inputBox.value;
    await vscode.commands.executeCommand('git.commit');
    await until('the commit', () => head() !== before, 30_000);
    return box;
  }

  async function setCoAuthor(value: 'all' | 'chatAndAgent' | 'off'): Promise<void> {
    await vscode.workspace.getConfiguration('git').update('addAICoAuthor', value, vscode.ConfigurationTarget.Global);
    await until(`the capture live with git.addAICoAuthor ${value}`, () => api.aiEdits?.live(WORKSPACE) === (value !== 'off'), 15_000);
  }

  before(async () => {
    const ext = vscode.extensions.getExtension<AiProvenanceApi>('ai-provenance.ai-provenance');
    assert.ok(ext);
    api = await ext.activate();
    await api.ready;
    cli = vscode.Uri.joinPath(ext.extensionUri, 'dist', 'cli.js').fsPath;
    fixture = await aiFixture();
    repo = await gitRepository();
    await vscode.commands.executeCommand('aiProvenance.installHooks', WORKSPACE, true);
    assert.match(readHook('commit-msg'), /ai-provenance:managed-hook/);
    await setCoAuthor('all');
    await trackerSettled(fixture);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('git').update('addAICoAuthor', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('aiProvenance').update('mode', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('captures an accepted inline suggestion: only its lines, not the human edit before it; source vscode, kind, honest tool', async () => {
    const document = await committedFile('s1/a.txt', ['first line', 'second line']);
    await armed(document);
    // a human edit: typed text (an extension's TextEditor.edit counts as the user's too)
    const editor = await showAt(document, 0);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'typed by a human\n'));
    const human = api.aiEdits?.captured.length;
    const c = await captured('s1/a.txt', () => acceptInlineSuggestion(fixture, document, 3, 0, 'accepted from the suggestion\nand its second line'));
    assert.equal(api.aiEdits?.captured.length, (human ?? 0) + 1, 'the human edit was not recorded');
    assert.equal(c.kind, 'inline-suggestion');
    assert.equal(c.entry.source, 'vscode');
    assert.equal(c.entry.kind, 'inline-suggestion');
    assert.equal(c.entry.files.length, 1);
    assert.equal(c.entry.files[0]?.path, 's1/a.txt');
    assert.deepEqual(c.entry.files[0]?.ranges, [[4, 5]], 'the accepted lines, not the typed one');
    // VS Code does not say which extension supplied it, and the fixture is no known AI tool
    assert.equal(c.entry.tool, 'unknown-ai');
    assert.match(c.entry.detail ?? '', new RegExp(FIXTURE_ID.replace('.', '\\.')));
    assert.ok(await trackerCounts([document.uri]), 'VS Code counts the file too');
  });

  it('1. SCM view: the box shows the attribution, the commit discloses it, the note names the accepted lines, audit says assisted', async () => {
    const document = await vscode.workspace.openTextDocument(path.join(WORKSPACE, 's1/a.txt'));
    await saveAndStage(repo, document);
    const box = await commitFromScmView('Add the accepted lines');
    assert.match(box, AI_TRAILER, `the box shows the attribution:\n${box}`);
    const final = message();
    assert.match(final, AI_TRAILER, `the final message discloses AI assistance:\n${final}`);
    assert.equal(final, box.replace(/\s+$/, ''), 'the commit says what the box showed');
    const records = note();
    const files = records.flatMap((r) => (Array.isArray(r.files) ? r.files as { path: string; ranges?: number[][] }[] : []));
    assert.deepEqual(files.find((f) => f.path === 's1/a.txt')?.ranges, [[4, 5]], JSON.stringify(records));
    assert.equal(audit(cli).verdict, 'assisted');
  });

  it('1. git API, after VS Code cleared the committed file: re-armed, the next suggestion is captured and disclosed', async () => {
    const document = await vscode.workspace.openTextDocument(path.join(WORKSPACE, 's1/a.txt'));
    await armed(document); // VS Code forgot the committed file's AI edits: so do we
    const c = await captured('s1/a.txt', () => acceptInlineSuggestion(fixture, document, 0, 0, 'one more accepted line\n'));
    assert.deepEqual(c.entry.files[0]?.ranges, [[1, 1]]);
    await saveAndStage(repo, document);
    await repo.commit('Commit through the git API');
    const final = message();
    assert.match(final, AI_TRAILER, final);
    assert.ok(note().some((r) => JSON.stringify(r.files).includes('"s1/a.txt"')));
    assert.equal(audit(cli).verdict, 'assisted');
  });

  it('3. an AI edit pending in b.txt, only human changes in a.txt committed: no attribution', async () => {
    const a = await committedFile('s3/a.txt', ['alpha']);
    const b = await committedFile('s3/b.txt', ['beta']);
    await armed(b);
    await captured('s3/b.txt', () => acceptInlineSuggestion(fixture, b, 1, 0, 'pending AI text in b'));
    await b.save();
    const editor = await showAt(a, 1);
    await editor.edit((e) => e.insert(new vscode.Position(1, 0), 'human text in a\n'));
    await saveAndStage(repo, a);
    await repo.commit('Only human changes');
    assert.equal(message(), 'Only human changes');
    assert.equal(note().length, 0, 'no provenance note');
    assert.equal(audit(cli).verdict, 'none');
    git('checkout', '--', 's3/b.txt');
  });

  it('2. the accepted text is overwritten on disk by human text: VS Code appends its trailer; the final message has no AI attribution, the note records the removal', async () => {
    const document = await committedFile('s2/a.txt', ['start']);
    await armed(document);
    await captured('s2/a.txt', () => acceptInlineSuggestion(fixture, document, 1, 0, 'AI text that will not survive'));
    await document.save();
    await until('the accepted text saved', () => readFileSync(document.uri.fsPath, 'utf8') === document.getText(), 10_000);
    writeFileSync(document.uri.fsPath, 'start\nwritten by a human instead\n');
    await until('the editor to reload the file', () => document.getText().includes('written by a human instead'), 10_000);
    assert.ok(await trackerCounts([document.uri]), 'VS Code still counts the file (sticky), so it appends its trailer');
    await saveAndStage(repo, document);
    await repo.commit('Human rewrite');
    const final = message();
    assert.doesNotMatch(final, AI_TRAILER, `no AI attribution:\n${final}`);
    assert.ok(note().some((r) => Object.values(r).includes(VSCODE_AI_TRAILER)), `the note records the removal of VS Code's trailer: ${JSON.stringify(note())}`);
  });

  it('4. a chat edit under chatAndAgent: captured as a chat edit, attribution as in 1', async () => {
    await setCoAuthor('chatAndAgent');
    try {
      await chatScenario();
    } finally {
      await setCoAuthor('all');
    }
  });

  async function chatScenario(): Promise<void> {
    const document = await committedFile('s4/a.txt', ['one', 'two']);
    await armed(document);
    const c = await captured('s4/a.txt', () => chatEdit(fixture, document, 1, 'inserted by the chat participant\n'));
    assert.equal(c.kind, 'chat-edit');
    assert.deepEqual(c.entry.files[0]?.ranges, [[2, 2]]);
    assert.ok(await trackerCounts([document.uri], 'chatAndAgent'));
    await saveAndStage(repo, document);
    const box = await commitFromScmView('Apply the chat edit');
    const final = message();
    assert.match(final, AI_TRAILER, final);
    assert.equal(final, box.replace(/\s+$/, ''), 'the commit says what the box showed');
    assert.ok(note().some((r) => r.kind === 'chat-edit' && JSON.stringify(r.files).includes('"s4/a.txt"')), JSON.stringify(note()));
    assert.equal(audit(cli).verdict, 'assisted');
  }

  it('the box shows VS Code\'s own trailer when the hook keeps it; deleted there, VS Code does not append it', async () => {
    const document = await committedFile('s6/a.txt', ['six']);
    await armed(document);
    const c = await captured('s6/a.txt', () => acceptInlineSuggestion(fixture, document, 1, 0, 'accepted where Copilot is the only AI extension'));
    // as it is recorded where GitHub Copilot is the only AI extension installed
    writeEntry(git('rev-parse', '--absolute-git-dir').trim(), { ...c.entry, tool: 'copilot', time: new Date().toISOString() });
    await saveAndStage(repo, document);
    const before = head();
    repo.inputBox.value = 'Add six';
    await until('VS Code\'s trailer shown in the box', async () => {
      await api.suggestTrailers?.(WORKSPACE);
      return repo.inputBox.value.includes(VSCODE_AI_TRAILER);
    }, 15_000);
    assert.equal(repo.inputBox.value, `Add six\n\n${VSCODE_AI_TRAILER}`);
    repo.inputBox.value = 'Add six'; // the user deletes it
    await until('VS Code\'s record of the file cleared', async () => !(await trackerCounts([document.uri])), 10_000);
    await api.suggestTrailers?.(WORKSPACE);
    const box = repo.inputBox.value;
    await vscode.commands.executeCommand('git.commit');
    await until('the commit', () => head() !== before, 30_000);
    assert.ok(!message().includes(VSCODE_AI_TRAILER), message());
    assert.equal(message(), box.replace(/\s+$/, ''), 'the commit says what the box showed');
  });

  it('5. keep mode: VS Code\'s behaviour untouched', async () => {
    await vscode.workspace.getConfiguration('aiProvenance').update('mode', 'keep', vscode.ConfigurationTarget.Workspace);
    await until('the hooks to see mode keep', () => gitConfig('aiprovenance.mode') === 'keep', 10_000);
    const document = await committedFile('s5/a.txt', ['keep']);
    await armed(document);
    await captured('s5/a.txt', () => acceptInlineSuggestion(fixture, document, 1, 0, 'accepted under keep'));
    await saveAndStage(repo, document);
    const box = await commitFromScmView('Keep what VS Code writes', false);
    assert.equal(box, 'Keep what VS Code writes', 'nothing added to the box');
    assert.equal(message(), `Keep what VS Code writes\n\n${VSCODE_AI_TRAILER}`);
    assert.ok(!note().some((r) => Object.values(r).includes(VSCODE_AI_TRAILER)), 'no removal');
  });
});

function readHook(name: string): string {
  return readFileSync(path.resolve(WORKSPACE, git('rev-parse', '--git-path', 'hooks').trim(), name), 'utf8');
}

function gitConfig(key: string): string {
  try {
    return git('config', '--get', key).trim();
  } catch {
    return '';
  }
}
