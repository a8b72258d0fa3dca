// The sh shims: valid POSIX sh for any install path, recognised by readShim, and their grep
// pre-check lets through every AI signature of the catalog.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { BODY_MARKERS, IDENTITIES, TRAILER_KEYS } from '../../src/core/signatures';
import { HOOK_NAMES, SHIM_GREP, readShim, shimText } from '../../src/git/hookShims';

describe('hook shims', () => {
  it('the commit-msg pre-check matches every catalog example and AI identity trailer', () => {
    const grep = new RegExp(SHIM_GREP, 'im');
    for (const row of [...TRAILER_KEYS, ...BODY_MARKERS]) assert.ok(grep.test(`Subject\n\n${row.example}\n`), row.id);
    for (const row of IDENTITIES.filter((r) => r.email)) assert.ok(grep.test(`x\n\nCo-authored-by: X <${row.email}>\n`), row.id);
    assert.ok(!grep.test('Fix typo\n\nSigned-off-by: A <a@example.com>\n'));
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
