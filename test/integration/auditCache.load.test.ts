// The audit cache read off the calling thread (loadAsync, what a panel opens) gives what the
// synchronous read gives: the same entries from an intact file, and the same discard, for the same
// reason, from a damaged one — with blocks large enough to be verified in the thread pool.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync, truncateSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { AuditCache } from '../../src/git/auditCache';
import { cleanupTempDirs, tempDir } from '../helpers/repo';

const KEY = 'test-key';
const STATE = 'state-digest';

function sha(i: number): string {
  return i.toString(16).padStart(40, '0');
}

/** A cache of 40 commits with 100 KB audits: four blocks of 1 MB or more, tips, an order, a snapshot. */
function writeCache(dir: string): string[] {
  const cache = new AuditCache(dir, KEY, STATE).load();
  assert.ok(cache.lock());
  const shas: string[] = [];
  for (let i = 1; i <= 40; i++) {
    shas.push(sha(i));
    cache.add({ sha: sha(i), parents: i > 1 ? [sha(i - 1)] : [], time: 1_700_000_000 + i, json: `{"sha":"${sha(i)}","pad":"${'x'.repeat(100_000 + i)}"}` });
  }
  cache.flush();
  cache.setSnapshot('snapshot text\n');
  cache.setTips([sha(40)]);
  cache.setOrder(sha(40), cache.written);
  cache.unlock();
  return shas;
}

function file(dir: string): string {
  return path.join(dir, readdirSync(dir).find((f) => f.endsWith('.cache')) as string);
}

function flip(at: (buf: Buffer) => number) {
  return (f: string): void => {
    const buf = readFileSync(f);
    const i = at(buf);
    buf[i] = (buf[i] as number) ^ 0x01;
    writeFileSync(f, buf);
  };
}

describe('audit cache: loadAsync reads and verifies as load does', function () {
  this.timeout(60_000);
  after(cleanupTempDirs);

  it('an intact cache: the same entries, tips, order and snapshot', async () => {
    const dir = tempDir('aip-cache-load-');
    const shas = writeCache(dir);
    const sync = new AuditCache(dir, KEY, STATE).load();
    const async = await new AuditCache(dir, KEY, STATE).loadAsync();
    assert.equal(sync.discarded, undefined);
    assert.equal(async.discarded, undefined);
    assert.deepEqual(async.tips, [sha(40)]);
    assert.deepEqual(async.tips, sync.tips);
    assert.equal(async.storedSnapshot, 'snapshot text\n');
    assert.deepEqual(async.order?.ranges, sync.order?.ranges);
    for (const s of shas) {
      assert.equal(async.json(s), sync.json(s));
      assert.deepEqual(async.node(s), sync.node(s));
    }
    assert.match(async.json(sha(7)) as string, /^\{"sha":"0+7","pad":"x+"\}$/);
  });

  const damages: [string, (f: string) => void, RegExp][] = [
    ['a flipped byte in the second block', flip((buf) => buf.indexOf('\nB ', buf.indexOf('\nB ') + 1) + 200_000), /checksum mismatch/],
    ['a flipped byte in the last block', flip((buf) => buf.lastIndexOf('\nS ') - 10), /checksum mismatch/],
    ['a flipped tips checksum', flip((buf) => buf.lastIndexOf('\nT ') + 3), /tips checksum mismatch/],
    ['a damaged order record', flip((buf) => buf.indexOf(0x0a, buf.lastIndexOf('\nO ') + 1) + 3), /checksum mismatch/],
    ['a truncated file', (f) => truncateSync(f, Math.floor(statSync(f).size * 0.6)), /truncated/],
    ['a checksum mismatch before a truncation (the first problem wins)', (f) => {
      flip((buf) => buf.indexOf('\nB ') + 300_000)(f);
      truncateSync(f, Math.floor(statSync(f).size * 0.6));
    }, /checksum mismatch/],
    ['another state', (f) => writeFileSync(f, readFileSync(f, 'latin1').replace(`V ${STATE}\n`, 'V other-digest\n'), 'latin1'), /replace refs/],
  ];
  for (const [what, damage, reason] of damages) {
    it(`${what}: discarded by both, for the same reason, nothing kept`, async () => {
      const dir = tempDir('aip-cache-load-');
      writeCache(dir);
      damage(file(dir));
      const sync = new AuditCache(dir, KEY, STATE).load();
      const async = await new AuditCache(dir, KEY, STATE).loadAsync();
      assert.match(sync.discarded ?? '', reason);
      assert.equal(async.discarded, sync.discarded);
      assert.ok(async.empty);
      assert.equal(async.json(sha(1)), undefined);
      assert.equal(async.storedSnapshot, undefined);
    });
  }
});
