// The sh shims: valid POSIX sh for any install path, recognised by readShim, and their grep
// pre-check lets through every AI signature of the catalog.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { AI_FILE_NAME, BODY_MARKERS, CODE_MARKERS, IDENTITIES, TRAILER_KEYS } from '../../src/core/detect/signatures';
import { scanPatch } from '../../src/core/detect/diffMarkers';
import { DIFF_GREP, HOOK_NAMES, SHIM_GREP, readShim, shimText } from '../../src/git/hookShims';

describe('hook shims', () => {
  it('the commit-msg pre-check matches every catalog example and AI identity trailer', () => {
    const grep = new RegExp(SHIM_GREP, 'im');
    for (const row of [...TRAILER_KEYS, ...BODY_MARKERS]) assert.ok(grep.test(`Subject\n\n${row.example}\n`), row.id);
    for (const row of IDENTITIES.filter((r) => r.email)) assert.ok(grep.test(`x\n\nCo-authored-by: X <${row.email}>\n`), row.id);
    assert.ok(!grep.test('Fix typo\n\nSigned-off-by: A <a@example.com>\n'));
  });

  it('the staged-diff pre-check (grep -iE, C locale) passes every code marker of the catalog and the AI file name', () => {
    const patches = [
      ...CODE_MARKERS.map((row) => [row.id, `diff --git a/x.ts b/x.ts\n--- a/x.ts\n+++ b/x.ts\n@@ -1,0 +2 @@\n+${row.example}\n`]),
      [AI_FILE_NAME.id, 'diff --git a/Foo.ai.cs b/Foo.ai.cs\nnew file mode 100644\n--- /dev/null\n+++ b/Foo.ai.cs\n@@ -0,0 +1 @@\n+class Foo {}\n'],
    ];
    for (const [id, patch] of patches) {
      assert.ok(scanPatch(Buffer.from(patch as string, 'utf8').toString('latin1')).length > 0, `${id}: the scanner finds it`);
      const r = spawnSync('grep', ['-qiE', DIFF_GREP], { input: patch, env: { ...process.env, LC_ALL: 'C' } });
      assert.equal(r.status, 0, `${id}: grep lets it through`);
    }
    const plain = 'diff --git a/x.ts b/x.ts\n--- a/x.ts\n+++ b/x.ts\n@@ -1 +1 @@\n-let a = 1;\n+let a = 2; // maintain the chain\n';
    assert.equal(spawnSync('grep', ['-qiE', DIFF_GREP], { input: plain, env: { ...process.env, LC_ALL: 'C' } }).status, 1, 'an ordinary diff starts no node');
  });

  for (const paths of [['/usr/bin/node', '/opt/aip/dist/cli.js'], ["/home/o'neil/node", '/path with spaces/$HOME/`x`/cli.js']]) {
    it(`generates valid sh and reads back its paths (${paths[1]})`, () => {
      for (const hook of HOOK_NAMES) {
        const text = shimText(hook, paths[0] as string, paths[1] as string);
        const r = spawnSync('sh', ['-n'], { input: text });
        assert.equal(r.status, 0, `${hook}: ${r.stderr.toString()}`);
        assert.deepEqual(readShim(text), { node: paths[0], cli: paths[1] });
      }
    });
  }

  it('does not mistake another hook for ours', () => {
    assert.equal(readShim('#!/bin/sh\n# ai-provenance is mentioned here\n'), undefined);
  });
});
