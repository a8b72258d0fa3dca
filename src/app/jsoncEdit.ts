// Surgical edits of JSON / JSON-with-comments settings files (jsonc-parser, the parser VS Code
// uses): only the bytes of the inserted or removed value change; comments, key order, indentation
// and line ends elsewhere stay exactly as they were.
// The ESM build: the UMD one (package.json "main") loads its parts with a require() esbuild cannot follow.
import { applyEdits, modify, parse, printParseErrorCode, type FormattingOptions, type ParseError } from 'jsonc-parser/lib/esm/main.js';

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
export function formattingOf(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^([ \t]+)\S/m.exec(text)?.[1];
  if (indent?.startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  return { insertSpaces: true, tabSize: indent ? indent.length : 2, eol };
}

/** Sets `path` to `value` (creating the objects on the way). */
export function setValue(text: string, path: (string | number)[], value: JsonValue): string {
  const base = text.trim() === '' ? '{}' : text;
  return applyEdits(base, modify(base, path, value, { formattingOptions: formattingOf(base) }));
}

/** Appends `item` to the array at `path` (created when absent). */
export function appendItem(text: string, path: string[], item: JsonValue, current: unknown): string {
  if (!Array.isArray(current)) return setValue(text, path, [item]);
  return applyEdits(text, modify(text, [...path, current.length], item, { formattingOptions: formattingOf(text), isArrayInsertion: true }));
}

/** Removes the value at `path` (an object key or an array item). */
export function removeValue(text: string, path: (string | number)[]): string {
  return applyEdits(text, modify(text, path, undefined, { formattingOptions: formattingOf(text) }));
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
