// Push/fetch refspecs and a merge strategy so provenance notes travel with the repository.
import { NOTES_REF } from '../core/evidence/evidenceSchema';
import { Git, GitError } from '../git/exec';

export async function configureNotesSync(repo: string, remote: string): Promise<string[]> {
  const git = new Git(repo);
  const get = async (key: string): Promise<string[]> =>
    (await git.text(['config', '--get-all', key], { okExitCodes: [1] })).split('\n').filter(Boolean);
  const url = await get(`remote.${remote}.url`);
  if (url.length === 0) throw new GitError('failed', `no remote named '${remote}' (git remote -v lists them)`);
  const changes: string[] = [];
  const fetchSpec = `+${NOTES_REF}:refs/notes/remotes/${remote}/ai-provenance`;
  if (!(await get(`remote.${remote}.fetch`)).includes(fetchSpec)) {
    await git.verb(['config', '--add', `remote.${remote}.fetch`, fetchSpec]);
    changes.push(`remote.${remote}.fetch ${fetchSpec}`);
  }
  const pushSpec = `${NOTES_REF}:${NOTES_REF}`;
  const push = await get(`remote.${remote}.push`);
  if (!push.includes(pushSpec)) {
    if (push.length === 0) {
      await git.verb(['config', '--add', `remote.${remote}.push`, 'HEAD']);
      changes.push(`remote.${remote}.push HEAD (keeps \`git push\` pushing the current branch)`);
    }
    await git.verb(['config', '--add', `remote.${remote}.push`, pushSpec]);
    changes.push(`remote.${remote}.push ${pushSpec}`);
  }
  if ((await get('notes.ai-provenance.mergeStrategy')).join() !== 'cat_sort_uniq') {
    await git.verb(['config', 'notes.ai-provenance.mergeStrategy', 'cat_sort_uniq']);
    changes.push('notes.ai-provenance.mergeStrategy cat_sort_uniq');
  }
  return changes;
}
