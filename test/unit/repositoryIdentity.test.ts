// The one repository identity every export uses: remote URL without credentials, else folder name.
import { strict as assert } from 'node:assert';
import { folderName, publicRemoteUrl, remoteUrls, repositoryIdentity } from '../../src/core/fleet/repositoryIdentity';

describe('repositoryIdentity', () => {
  it('takes credentials, queries and fragments out of URL remotes', () => {
    const cases: [string, string | undefined][] = [
      ['https://github.com/acme/app.git', 'https://github.com/acme/app.git'],
      ['https://x-access-token:ghs_SECRET@github.com/acme/app.git', 'https://github.com/acme/app.git'],
      ['https://ghp_SECRET@github.com/acme/app', 'https://github.com/acme/app'],
      ['https://user:p%40ss@gitlab.example.com:8443/group/sub/app.git', 'https://gitlab.example.com:8443/group/sub/app.git'],
      ['https://gitlab.example.com/app.git?private_token=SECRET#frag', 'https://gitlab.example.com/app.git'],
      ['HTTPS://GitHub.com/acme/App.git', 'https://GitHub.com/acme/App.git'],
      ['ssh://git@github.com:22/acme/app.git', 'ssh://github.com:22/acme/app.git'],
      ['git://git.kernel.org/pub/scm/git/git.git', 'git://git.kernel.org/pub/scm/git/git.git'],
      ['git@github.com:acme/app.git', 'github.com:acme/app.git'],
      ['github.com:acme/app.git', 'github.com:acme/app.git'],
      ['file:///home/me/repos/app.git', undefined],
      ['/home/me/repos/app.git', undefined],
      ['../app.git', undefined],
      ['C:\\repos\\app.git', undefined],
      ['C:/repos/app.git', undefined],
      ['https://github.com/acme/app\n.git', undefined],
      ['https://evil\u001b]8;;x\u0007/a', undefined],
      ['', undefined],
    ];
    for (const [raw, want] of cases) assert.equal(publicRemoteUrl(raw), want, raw);
  });

  it('prefers origin, then the first remote with a public URL, else the folder name', () => {
    const config = 'remote.upstream.url\nhttps://github.com/up/app.git\0remote.origin.url\nhttps://tok@github.com/me/app.git\0'
      + 'trailer.sign.key\nSigned-off-by\0remote.local.url\n/srv/app.git\0';
    const remotes = remoteUrls(config);
    assert.deepEqual(remotes.map((r) => r.remote), ['upstream', 'origin', 'local']);
    assert.equal(repositoryIdentity(remotes, '/home/me/src/app'), 'https://github.com/me/app.git');
    assert.equal(repositoryIdentity(remotes.filter((r) => r.remote !== 'origin'), '/x/app'), 'https://github.com/up/app.git');
    assert.equal(repositoryIdentity([{ remote: 'origin', url: '/srv/app.git' }], '/home/me/src/app'), 'app');
    assert.equal(repositoryIdentity([], '/srv/git/project.git'), 'project.git');
    assert.equal(repositoryIdentity([], 'C:\\Users\\me\\app\\'), 'app');
  });

  it('never returns an absolute path or a control character', () => {
    assert.equal(folderName('/'), 'repository');
    assert.equal(folderName('/tmp/a\u001bb'), 'a\ufffdb');
    for (const dir of ['/home/me/a', '/a/b/c/', 'rel/x']) assert.ok(!repositoryIdentity([], dir).includes('/'), dir);
  });
});
