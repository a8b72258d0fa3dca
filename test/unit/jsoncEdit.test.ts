// Surgical JSONC edits: only the inserted or removed text changes.
import { strict as assert } from 'node:assert';
import { appendItem, parseSettings, removeValue, setValue } from '../../src/app/agents/jsoncEdit';

describe('jsoncEdit', () => {
  it('appends to a multi-line array like its last item, to a one-line array with ", "', () => {
    assert.equal(appendItem('{\n  "a": [\n    1\n  ]\n}\n', ['a'], { b: 2 }), '{\n  "a": [\n    1,\n    {\n      "b": 2\n    }\n  ]\n}\n');
    assert.equal(appendItem('{ "a": [1] }', ['a'], { b: 2 }), '{ "a": [1, {"b":2}] }');
  });

  it('creates the missing keys inside the deepest existing object, keeping comments, tabs, CRLF and trailing commas', () => {
    const text = '{\r\n\t// keep me\r\n\t"hooks": {\r\n\t\t"x": [],\r\n\t},\r\n}';
    const out = appendItem(text, ['hooks', 'y'], 1);
    assert.equal(out, '{\r\n\t// keep me\r\n\t"hooks": {\r\n\t\t"x": [],\r\n\t\t"y": [\r\n\t\t\t1\r\n\t\t],\r\n\t},\r\n}');
    assert.deepEqual(parseSettings(out), { value: { hooks: { x: [], y: [1] } } });
  });

  it('fills an empty object or array on lines of its own', () => {
    assert.equal(appendItem('{\n}\n', ['h', 'E'], 'c'), '{\n  "h": {\n    "E": [\n      "c"\n    ]\n  }\n}\n');
    assert.equal(appendItem('{ "h": [] }', ['h'], 1), '{ "h": [\n  1\n] }');
  });

  it('removal takes the joining comma; setValue replaces only the value', () => {
    const once = appendItem('{\n  "a": [\n    1\n  ]\n}\n', ['a'], 2);
    assert.equal(removeValue(once, ['a', 1]), '{\n  "a": [\n    1\n  ]\n}\n');
    assert.equal(setValue('{ "a": "x", /* c */ "b": 1 }', ['a'], 'y'), '{ "a": "y", /* c */ "b": 1 }');
  });

  it('a path through a non-object is an error, not a corrupted file', () => {
    assert.throws(() => appendItem('{ "hooks": [] }', ['hooks', 'E'], 1), /hooks is not an object/);
    assert.throws(() => appendItem('{ "a": 1 }', ['a'], 1), /a is not an array/);
    assert.deepEqual(parseSettings('{ "a": '), { error: 'ValueExpected at line 1' });
    assert.deepEqual(parseSettings('[]'), { error: 'not a JSON object' });
  });
});

describe('jsoncEdit removeValue', () => {
  it('first item, a property, and a sole child', () => {
    assert.equal(removeValue('[\n  1,\n  2\n]', [0]), '[\n  2\n]');
    assert.equal(removeValue('{\n  // c\n  "a": 1,\n  "b": [2]\n}\n', ['b']), '{\n  // c\n  "a": 1\n}\n');
    assert.equal(removeValue('{ "h": { "E": [1] } }', ['h', 'E']), '{ "h": {} }');
    assert.equal(removeValue('{ "a": 1 }', ['zz']), '{ "a": 1 }');
  });
});
