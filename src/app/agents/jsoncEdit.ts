// Surgical edits of JSON / JSON-with-comments settings files (jsonc-parser, the parser VS Code
// uses): only the bytes of the inserted or removed value change; comments, key order, indentation
// and line ends elsewhere stay exactly as they were.
// The ESM build: the UMD one (package.json "main") loads its parts with a require() esbuild cannot follow.
import { applyEdits, findNodeAtLocation, modify, parse, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser/lib/esm/main.js';

export type JsonValue = unknown;

/** The parsed value, or a one-line reason the text is not a JSON object (comments and trailing commas allowed). */
export function parseSettings(text: string): { value: Record<string, unknown> } | { error: string } {
  if (text.trim() === '') return { value: {} };
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  const first = errors[0];
  if (first) {
    const line = text.slice(0, first.offset).split('\n').length;
    return { error: `${printParseErrorCode(first.error)} at line ${line}` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { error: 'not a JSON object' };
  return { value: value as Record<string, unknown> };
}

/** The file's own indentation and line ends, so inserted text looks like the rest. */
export function formattingOf(text: string): { unit: string; eol: string } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^([ \t]+)\S/m.exec(text)?.[1];
  return { unit: indent?.startsWith('\t') ? '\t' : ' '.repeat(indent?.length ?? 2), eol };
}

/**
 * Sets `path` to `value` or removes it (`undefined`). jsonc-parser's edit without its formatter:
 * the formatter would re-indent the whole line around the edit, and that line is not ours.
 */
export function setValue(text: string, path: (string | number)[], value: JsonValue): string {
  return applyEdits(text, modify(text, path, value, {}));
}

/**
 * Removes the value at `path` (an object key or an array item) with the comma and line break that
 * joined it to the previous one (the next one when it is first): the inverse of appendItem.
 */
export function removeValue(text: string, path: (string | number)[]): string {
  const root = parseTree(text);
  const value = root ? findNodeAtLocation(root, path) : undefined;
  if (!value?.parent) return text;
  const child = typeof path.at(-1) === 'number' ? value : value.parent; // an array item, or the property
  const container = child.parent;
  const siblings = container?.children ?? [];
  const i = siblings.indexOf(child);
  if (!container || i < 0) return text;
  const prev = siblings[i - 1];
  const next = siblings[i + 1];
  const [from, to] = prev ? [prev.offset + prev.length, child.offset + child.length]
    : next ? [child.offset, next.offset]
      : [container.offset + 1, container.offset + container.length - 1];
  return text.slice(0, from) + text.slice(to);
}

/**
 * Appends `item` to the array at `path`, creating the array and the objects on the way. Only the
 * inserted text is new: one item per line in a multi-line container (indented like its last
 * child), `, item` in a one-line one.
 */
export function appendItem(text: string, path: string[], item: JsonValue): string {
  const root = parseTree(text);
  if (!root || root.type !== 'object') throw new Error('not a JSON object');
  const f = formattingOf(text);
  let node: Node = root;
  let depth = 0;
  for (; depth < path.length; depth++) {
    const next = findNodeAtLocation(node, [path[depth] as string]);
    if (!next) break;
    node = next;
  }
  if (depth === path.length) {
    if (node.type !== 'array') throw new Error(`${path.join('.')} is not an array`);
    return insertChild(text, node, '', item, f);
  }
  if (node.type !== 'object') throw new Error(`${path.slice(0, depth).join('.')} is not an object`);
  let value: JsonValue = [item];
  for (let i = path.length - 1; i > depth; i--) value = { [path[i] as string]: value };
  return insertChild(text, node, `${JSON.stringify(path[depth])}: `, value, f);
}

function insertChild(text: string, container: Node, prefix: string, value: JsonValue, f: { unit: string; eol: string }): string {
  const children = container.children ?? [];
  const last = children.at(-1);
  const open = container.offset;
  const close = container.offset + container.length - 1;
  const lineIndent = (offset: number): string => {
    const start = text.lastIndexOf('\n', offset - 1) + 1;
    return /^[ \t]*/.exec(text.slice(start))?.[0] ?? '';
  };
  const pretty = (indent: string): string => JSON.stringify(value, null, f.unit).split('\n').join(f.eol + indent);
  // An object child's node is its property; an array child is the value itself.
  if (last) {
    const end = last.offset + last.length;
    if (text.slice(open, last.offset).includes('\n')) {
      const indent = lineIndent(last.offset);
      return `${text.slice(0, end)},${f.eol}${indent}${prefix}${pretty(indent)}${text.slice(end)}`;
    }
    return `${text.slice(0, end)}, ${prefix}${JSON.stringify(value)}${text.slice(end)}`;
  }
  const outer = lineIndent(open);
  const indent = outer + f.unit;
  return `${text.slice(0, open + 1)}${f.eol}${indent}${prefix}${pretty(indent)}${f.eol}${outer}${text.slice(close)}`;
}

/** The value at `path` in a parsed object. */
export function valueAt(root: unknown, path: (string | number)[]): unknown {
  let v = root;
  for (const key of path) {
    if (!v || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}
