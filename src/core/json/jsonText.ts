// JSON exports keep every string exactly (a parser gets back what git stored), yet the file itself
// holds no character that drives or deceives a terminal or an editor: JSON.stringify already writes
// C0 controls as \uXXXX (ESC is \u001b); this also writes DEL, C1 controls (U+0080–U+009F, some
// terminals read U+009B as CSI), line/paragraph separators, bidi controls and invisible characters as
// \uXXXX. Those characters can only stand inside JSON strings, so the rewrite is exact.

const SPECIAL = /[\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/;
const SPECIAL_ALL = new RegExp(SPECIAL.source, 'g');

/** `json` (any JSON text) with the characters above written as \uXXXX escapes; same value when parsed. */
export function jsonEscapeInvisible(json: string): string {
  return SPECIAL.test(json) ? json.replace(SPECIAL_ALL, (c) => `\\u${(c.charCodeAt(0)).toString(16).padStart(4, '0')}`) : json;
}

/** JSON.stringify, then jsonEscapeInvisible. */
export function safeStringify(value: unknown): string {
  return jsonEscapeInvisible(JSON.stringify(value));
}
