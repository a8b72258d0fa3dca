// Host test (runs inside VS Code, workspace = a temp git repository at AIP_TEST_WORKSPACE): the
// AI Provenance view groups new commits by verdict, a commit opens its changes in a diff editor,
// and its provenance opens as a markdown document.
import * as vscode from 'vscode';
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { AiProvenanceApi } from '../../src/extension/api';
import { until } from './wait';

type Snapshot = Awaited<ReturnType<NonNullable<AiProvenanceApi['tree']>['snapshot']>>;

const WORKSPACE = process.env.AIP_TEST_WORKSPACE ?? '';
const TAG = Math.random().toString(36).slice(2, 8);
const SUBJECTS = {
  plain: `Plain change ${TAG}`,
  claude: `Claude change ${TAG}`,
  copilot: `Copilot change ${TAG}`,
};

describe('AI Provenance views', function () {
  this.timeout(60_000);
  let api: AiProvenanceApi;
  let hooksDir: string;
  const shas: Record<keyof typeof SUBJECTS, string> = { plain: '', claude: '', copilot: '' };

  const git = (args: string[]): string => execFileSync('git', ['-c', `core.hooksPath=${hooksDir}`, '-c', 'commit.gpgsign=false', ...args], {
    cwd: WORKSPACE,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Host Tester', GIT_AUTHOR_EMAIL: 'tester@example.com',
      GIT_COMMITTER_NAME: 'Host Tester', GIT_COMMITTER_EMAIL: 'tester@example.com',
    },
  });

  const commit = (key: keyof typeof SUBJECTS, trailer?: string): void => {
    const file = `${key}-${TAG}.txt`;
    writeFileSync(path.join(WORKSPACE, file), `${key} ${TAG}\n`);
    git(['add', '--', file]);
    git(['commit', '-q', '-m', SUBJECTS[key], ...(trailer ? ['-m', trailer] : [])]);
    shas[key] = git(['rev-parse', 'HEAD']).trim();
  };

  /** The snapshot's commit with this subject, and the verdict of its group. */
  const find = (snapshot: Snapshot, subject: string): { repo: string; verdict: string; tools: string[]; evidence: string[] } | undefined => {
    for (const repo of snapshot) {
      for (const group of repo.groups) {
        const c = group.commits.find((x) => x.subject === subject);
        if (c) return { repo: repo.repo, verdict: group.verdict, tools: c.tools, evidence: c.evidence };
      }
    }
    return undefined;
  };

  before(async () => {
    assert.ok(WORKSPACE, 'AIP_TEST_WORKSPACE is not set');
    const ext = vscode.extensions.getExtension<AiProvenanceApi>('ai-provenance.ai-provenance');
    assert.ok(ext, 'extension ai-provenance.ai-provenance not found');
    api = await ext.activate();
    await api.ready;
    assert.ok(api.tree, 'the extension exposes no tree (is the git extension enabled?)');
    hooksDir = mkdtempSync(path.join(tmpdir(), 'aip-nohooks-'));
    commit('plain');
    commit('claude', 'Co-Authored-By: Claude <noreply@anthropic.com>');
    commit('copilot', 'Co-authored-by: Copilot <copilot@github.com>');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (hooksDir) rmSync(hooksDir, { recursive: true, force: true });
  });

  it('groups the new commits by verdict', async () => {
    const tree = api.tree as NonNullable<AiProvenanceApi['tree']>;
    const snapshot = await until('the three commits in the tree', async () => {
      const s = await tree.snapshot();
      return Object.values(SUBJECTS).every((subject) => find(s, subject)) ? s : undefined;
    });
    const plain = find(snapshot, SUBJECTS.plain);
    const claude = find(snapshot, SUBJECTS.claude);
    const copilot = find(snapshot, SUBJECTS.copilot);
    assert.equal(plain?.verdict, 'none');
    assert.deepEqual(plain?.evidence, []);
    assert.equal(claude?.verdict, 'assisted');
    assert.ok(claude?.tools.includes('claude'), `tools: ${claude?.tools.join(', ')}`);
    assert.ok(claude?.evidence.includes('trailer:claude'), `evidence: ${claude?.evidence.join(', ')}`);
    assert.equal(copilot?.verdict, 'unverified');
    assert.ok(copilot?.tools.includes('copilot'), `tools: ${copilot?.tools.join(', ')}`);

    const repo = snapshot.find((r) => r.repo === claude?.repo);
    assert.ok(repo);
    assert.equal(repo.error, undefined);
    const verdicts = repo.groups.map((g) => g.verdict);
    for (const v of ['assisted', 'unverified', 'none']) assert.ok(verdicts.includes(v), `groups: ${verdicts.join(', ')}`);
    assert.deepEqual(verdicts, ['assisted', 'unverified', 'none'].filter((v) => verdicts.includes(v)), 'groups in verdict order');
    for (const g of repo.groups) assert.ok(g.commits.length > 0, `empty group ${g.verdict}`);
    assert.equal(realpathSync(repo.repo), realpathSync(WORKSPACE));
  });

  it('opens the changes of a commit', async () => {
    const snapshot = await api.tree?.snapshot();
    const root = snapshot && find(snapshot, SUBJECTS.claude)?.repo;
    assert.ok(root, 'Claude commit not in the tree');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('aiProvenance.openCommitDiff', root, shas.claude);
    const short = shas.claude.slice(0, 7);
    const tab = await until('a diff tab for the commit', () => vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .find((t) => t.label.includes(short) || (t.input instanceof vscode.TabInputTextDiff && t.input.modified.query.includes(shas.claude))), 5_000);
    // The multi-file diff editor has no public tab input class in 1.100: its input is not a plain text tab.
    assert.ok(!(tab.input instanceof vscode.TabInputText), `tab "${tab.label}" is a plain text editor`);
  });

  it('serves file contents at a revision without the git extension (ai-provenance-rev documents)', async () => {
    const file = `claude-${TAG}.txt`;
    const uri = vscode.Uri.from({ scheme: 'ai-provenance-rev', path: `/${shas.claude.slice(0, 7)}/${file}`, query: new URLSearchParams({ root: WORKSPACE, rev: shas.claude, path: file }).toString() });
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.getText(), `claude ${TAG}\n`);
    const outside = vscode.Uri.from({ scheme: 'ai-provenance-rev', path: '/x/passwd', query: new URLSearchParams({ root: '/etc', rev: 'HEAD', path: 'passwd' }).toString() });
    await assert.rejects(Promise.resolve(vscode.workspace.openTextDocument(outside)), /not a repository of this workspace/);
  });

  it('shows the provenance of a commit as markdown', async () => {
    const snapshot = await api.tree?.snapshot();
    const root = snapshot && find(snapshot, SUBJECTS.claude)?.repo;
    assert.ok(root, 'Claude commit not in the tree');
    await vscode.commands.executeCommand('aiProvenance.showCommitProvenance', root, shas.claude);
    const doc = await until('the provenance document', () => vscode.workspace.textDocuments
      .find((d) => d.languageId === 'markdown' && d.getText().includes(shas.claude)), 5_000);
    const text = doc.getText();
    assert.ok(text.includes('claude'), 'names the tool');
    assert.ok(text.includes('Co-Authored-By: Claude'), 'shows the trailer');
    assert.ok(vscode.window.activeTextEditor?.document === doc, 'the document is shown');
  });
});
