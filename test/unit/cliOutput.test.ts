// When the CLI colours its output: the de-facto rules of NO_COLOR and FORCE_COLOR, then the terminal.
import { strict as assert } from 'node:assert';
import { useColor } from '../../src/cli/output';

const tty = { isTTY: true };
const pipe = { isTTY: false };

describe('CLI colour', () => {
  it('colours a terminal, not a pipe or a file, and not a dumb terminal', () => {
    assert.equal(useColor(tty, {}), true);
    assert.equal(useColor(pipe, {}), false);
    assert.equal(useColor({}, {}), false);
    assert.equal(useColor(tty, { TERM: 'dumb' }), false);
    assert.equal(useColor(tty, { TERM: 'xterm-256color' }), true);
  });

  it('FORCE_COLOR=0 (or false) turns colour off, on a terminal too', () => {
    for (const v of ['0', 'false', ' 0 ', 'FALSE']) {
      assert.equal(useColor(tty, { FORCE_COLOR: v }), false, JSON.stringify(v));
      assert.equal(useColor(pipe, { FORCE_COLOR: v }), false, JSON.stringify(v));
    }
  });

  it('FORCE_COLOR=1..3, true or empty turns colour on without a terminal (and on a dumb one)', () => {
    for (const v of ['1', '2', '3', 'true', '']) {
      assert.equal(useColor(pipe, { FORCE_COLOR: v }), true, JSON.stringify(v));
      assert.equal(useColor(tty, { FORCE_COLOR: v, TERM: 'dumb' }), true, JSON.stringify(v));
    }
  });

  it('any other FORCE_COLOR value is no colour (as Node reads it)', () => {
    for (const v of ['4', 'yes', 'always', '-1']) assert.equal(useColor(tty, { FORCE_COLOR: v }), false, v);
  });

  it('NO_COLOR set to anything but empty turns colour off, whatever FORCE_COLOR says', () => {
    for (const v of ['1', '0', 'true', 'anything']) {
      assert.equal(useColor(tty, { NO_COLOR: v }), false, v);
      assert.equal(useColor(pipe, { NO_COLOR: v, FORCE_COLOR: '3' }), false, v);
    }
    assert.equal(useColor(tty, { NO_COLOR: '' }), true, 'an empty NO_COLOR is not set');
  });
});
