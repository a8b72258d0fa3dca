// A commit's changes in VS Code's multi-file diff editor. File contents come from our own read-only
// documents (scheme `ai-provenance-rev`, `git cat-file blob REV:PATH`), not from the built-in git
// extension, so diffs open in Restricted Mode too, where that extension is disabled.
import * as vscode from 'vscode';
import * as path from 'node:path';
import { Git, assertRevision } from '../git/exec';
import { isWorkspaceRepository, oneLine } from './commitViews';
import type { Log } from './log';

export const REVISION_SCHEME = 'ai-provenance-rev';

/** Serves `REV:PATH` of a workspace repository; registered once by the composition root. */
export function registerRevisionDocuments(log: Log): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(REVISION_SCHEME, {
    provideTextDocumentContent: async (uri) => {
      const q = new URLSearchParams(uri.query);
      const root = q.get('root') ?? '';
      const rev = q.get('rev') ?? '';
      const file = q.get('path') ?? '';
      if (!isWorkspaceRepository(root)) throw new Error(vscode.l10n.t('{0} is not a repository of this workspace.', root));
      assertRevision(rev);
      const out = await new Git(root, (l) => log.trace(l)).run(['cat-file', 'blob', `${rev}:${file}`]);
      return out.stdout.toString('utf8');
    },
  });
}

/** A read-only document holding `file` (relative to `root`) as of `rev`; the path keeps its name for language detection. */
export function revisionUri(root: string, rev: string, file: string): vscode.Uri {
  return vscode.Uri.from({
    scheme: REVISION_SCHEME,
    path: `/${rev.slice(0, 7)}/${file}`,
    query: new URLSearchParams({ root, rev, path: file }).toString(),
  });
}

type DiffResource = [vscode.Uri, vscode.Uri | undefined, vscode.Uri | undefined];

/** Opens the files `sha` changed (against its first parent; a root commit shows every file as added). */
export async function openCommitDiff(root: string, sha: string): Promise<void> {
  assertRevision(sha);
  const run = new Git(root);
  const [full = '', parents = '', subject = ''] = (await run.text(['log', '-1', '--no-show-signature', '--format=%H%x00%P%x00%s', sha, '--'])).trim().split('\0');
  if (!full) throw new Error(vscode.l10n.t('Commit {0} was not found.', sha));
  const parent = parents.split(' ').filter(Boolean)[0];
  const args = ['diff-tree', '-r', '-z', '--no-commit-id', '--name-status', '-M', '--ignore-submodules', '--no-ext-diff', '--no-textconv'];
  const listing = await run.text(parent ? [...args, parent, full] : [...args, '--root', full]);
  const resources = parseNameStatus(listing).map((c): DiffResource => {
    const file = vscode.Uri.file(path.join(root, c.path));
    const left = parent && c.status !== 'A' ? revisionUri(root, parent, c.from ?? c.path) : undefined;
    const right = c.status !== 'D' ? revisionUri(root, full, c.path) : undefined;
    return [file, left, right];
  });
  if (!resources.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Commit {0} changes no files.', full.slice(0, 7)));
    return;
  }
  const title = `${full.slice(0, 7)} · ${oneLine(subject)}`;
  await vscode.commands.executeCommand('vscode.changes', title, resources);
}

interface Change {
  status: string;
  path: string;
  /** The old path of a rename or copy. */
  from?: string;
}

/** `git diff-tree -z --name-status` output: `X\0path\0`, or `R<score>\0old\0new\0` for renames and copies. */
function parseNameStatus(text: string): Change[] {
  const parts = text.split('\0');
  const out: Change[] = [];
  for (let i = 0; i < parts.length; i++) {
    const status = (parts[i] ?? '').charAt(0);
    if (!status) continue;
    if (status === 'R' || status === 'C') {
      const from = parts[++i] ?? '';
      const to = parts[++i] ?? '';
      if (to) out.push(status === 'R' ? { status, path: to, from } : { status: 'A', path: to });
    } else {
      const file = parts[++i] ?? '';
      if (file) out.push({ status, path: file });
    }
  }
  return out;
}
