// Git's trailer rules, ported from git's trailer.c (2.39: find_patch_start, ignore_non_trailer,
// find_trailer_start, trailer_info_get, parse_trailer, token_matches_item, token_from_item,
// token_len_without_separator, unfold_value) so that a message has exactly the trailers, keys as
// printed, that `git interpret-trailers --parse` (or, with noDivider, `%(trailers)`) reports.
// Character classes follow git's sane_ctype: ASCII only; isspace is ' ', \t, \n, \r.

export interface TrailerOptions {
  /** trailer.separators; default ":". */
  separators?: string;
  /** core.commentChar; default "#". */
  commentChar?: string;
  /**
   * Commit-message mode, as `%(trailers)` (pretty.c sets no_divider): ignore the `---` patch divider
   * and skip the message's leading blank lines first (pretty.c parses from the subject).
   */
  noDivider?: boolean;
  /** trailer.<alias>.key values and aliases: they count like `Signed-off-by` for the 25 % rule. */
  configuredKeys?: readonly string[];
  /**
   * The trailer.<name>.* items of the git config, in the order git read them (its conf_head list).
   * They count like configuredKeys, and rename keys as git prints them: a key whose letters and
   * digits are a prefix (case-insensitive) of an item's name or key is printed as that item's key
   * (`A: x`, `ack: x`, even `-: x` → `Acked-by: x` under trailer.ack.key=Acked-by); the first item
   * in config order wins.
   */
  items?: readonly TrailerItem[];
  /** Newer git: `key://…` (":" then "//" with no space) is a URL, not a trailer. */
  urlGuard?: boolean;
}

/** One trailer.<name>.* item of the git config: its name and, when set, trailer.<name>.key. */
export interface TrailerItem {
  name: string;
  key?: string;
}

export interface Trailer {
  /** Key as git prints it (trimmed; renamed by a configured item); compare with sameKey(). */
  key: string;
  /** The key as written, when a configured item renamed it. */
  written?: string;
  /** Value, trimmed and unfolded (continuation lines joined by one space). */
  value: string;
  /** 0-based index of the trailer's first line in the message. */
  line: number;
}

export interface TrailerBlock {
  /** Offset of the block in the message; start === end when there is none. */
  start: number;
  end: number;
  trailers: Trailer[];
}

const GIT_GENERATED_PREFIXES = ['Signed-off-by: ', '(cherry picked from commit '];
const CUT_LINE = '------------------------ >8 ------------------------\n';

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

function isAlnum(c: string): boolean {
  const code = c.charCodeAt(0);
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function nextLine(s: string, i: number): number {
  const nl = s.indexOf('\n', i);
  return nl === -1 ? s.length : nl + 1;
}

/** Start of the last line of s[0, len), or -1 when len is 0. */
function lastLine(s: string, len: number): number {
  if (len === 0) return -1;
  if (len === 1) return 0;
  const nl = s.lastIndexOf('\n', len - 2);
  return nl === -1 ? 0 : nl + 1;
}

function isBlankLine(s: string, i: number): boolean {
  while (i < s.length && s[i] !== '\n' && isSpace(s[i])) i++;
  return i >= s.length || s[i] === '\n';
}

/** Offset of the separator from `i`, or -1: a token of alnum/'-', optional blanks, then a separator. */
function findSeparator(s: string, i: number, separators: string, urlGuard: boolean): number {
  let whitespaceFound = false;
  for (let c = i; c < s.length; c++) {
    const ch = s[c] as string;
    if (separators.includes(ch)) {
      if (urlGuard && ch === ':' && s.startsWith('//', c + 1)) return -1;
      return c - i;
    }
    if (!whitespaceFound && (isAlnum(ch) || ch === '-')) continue;
    if (c !== i && (ch === ' ' || ch === '\t')) {
      whitespaceFound = true;
      continue;
    }
    break;
  }
  return -1;
}

/** strncasecmp(token, item, n) === 0 where item is NUL-terminated. */
function tokenMatches(s: string, i: number, n: number, item: string): boolean {
  for (let k = 0; k < n; k++) {
    const a = s[i + k];
    const b = item[k];
    if (b === undefined) return false;
    if (a === undefined || a.toLowerCase() !== b.toLowerCase()) return false;
  }
  return true;
}

function findPatchStart(s: string): number {
  for (let i = 0; i < s.length; i = nextLine(s, i)) {
    if (s.startsWith('---', i) && isSpace(s[i + 3])) return i;
  }
  return s.length;
}

function locateScissors(s: string, len: number, comment: string): number {
  const pattern = `\n${comment} ${CUT_LINE}`;
  if (s.startsWith(pattern.slice(1))) return 0;
  const p = s.indexOf(pattern);
  return p === -1 ? len : p + 1;
}

/** Bytes at the end of s[0, len) that are not part of the message: comments, blanks, scissors. */
function ignoredTail(s: string, len: number, comment: string): number {
  let boc = 0;
  let bol = 0;
  let inOldConflicts = false;
  const cutoff = Math.min(locateScissors(s, len, comment), len);
  while (bol < cutoff) {
    const nl = s.indexOf('\n', bol);
    const next = nl === -1 || nl >= cutoff ? cutoff : nl + 1;
    if (s.startsWith(comment, bol) || s[bol] === '\n') {
      if (!boc) boc = bol;
    } else if (s.startsWith('Conflicts:\n', bol)) {
      inOldConflicts = true;
      if (!boc) boc = bol;
    } else if (inOldConflicts && s[bol] === '\t') {
      // a path in the old "Conflicts:" block
    } else if (boc) {
      boc = 0;
      inOldConflicts = false;
    }
    bol = next;
  }
  return boc ? len - boc : len - cutoff;
}

function findTrailerStart(s: string, len: number, opts: Required<TrailerOptions>): number {
  const { separators, commentChar, configuredKeys, urlGuard } = opts;
  let onlySpaces = true;
  let recognizedPrefix = false;
  let trailerLines = 0;
  let nonTrailerLines = 0;
  let possibleContinuationLines = 0;

  // The first paragraph is the title and cannot be trailers.
  let s0 = 0;
  for (; s0 < len; s0 = nextLine(s, s0)) {
    if (s.startsWith(commentChar, s0)) continue;
    if (isBlankLine(s, s0)) break;
  }
  const endOfTitle = s0;

  for (let l = lastLine(s, len); l >= endOfTitle; l = lastLine(s, l)) {
    if (s.startsWith(commentChar, l)) {
      nonTrailerLines += possibleContinuationLines;
      possibleContinuationLines = 0;
      continue;
    }
    if (isBlankLine(s, l)) {
      if (onlySpaces) continue;
      nonTrailerLines += possibleContinuationLines;
      if (recognizedPrefix && trailerLines * 3 >= nonTrailerLines) return nextLine(s, l);
      if (trailerLines && !nonTrailerLines) return nextLine(s, l);
      return len;
    }
    onlySpaces = false;

    if (GIT_GENERATED_PREFIXES.some((p) => s.startsWith(p, l))) {
      trailerLines++;
      possibleContinuationLines = 0;
      recognizedPrefix = true;
      continue;
    }

    const sep = findSeparator(s, l, separators, urlGuard);
    if (sep >= 1 && !isSpace(s[l])) {
      trailerLines++;
      possibleContinuationLines = 0;
      if (recognizedPrefix) continue;
      if (configuredKeys.some((k) => tokenMatches(s, l, sep, k))) recognizedPrefix = true;
    } else if (isSpace(s[l])) {
      possibleContinuationLines++;
    } else {
      nonTrailerLines++;
      nonTrailerLines += possibleContinuationLines;
      possibleContinuationLines = 0;
    }
  }
  return len;
}

function trim(value: string): string {
  let a = 0;
  let b = value.length;
  while (a < b && isSpace(value[a])) a++;
  while (b > a && isSpace(value[b - 1])) b--;
  return value.slice(a, b);
}

function unfold(value: string): string {
  let out = '';
  let i = 0;
  while (i < value.length) {
    const c = value[i++] as string;
    if (c === '\n') {
      while (i < value.length && isSpace(value[i])) i++;
      out += ' ';
    } else {
      out += c;
    }
  }
  return trim(out);
}

function withDefaults(opts: TrailerOptions): Required<TrailerOptions> {
  const items = opts.items ?? [];
  const fromItems = items.flatMap((i) => (i.key === undefined ? [i.name] : [i.name, i.key]));
  return {
    separators: opts.separators || ':',
    commentChar: opts.commentChar || '#',
    noDivider: opts.noDivider ?? false,
    configuredKeys: fromItems.length ? [...(opts.configuredKeys ?? []), ...fromItems] : opts.configuredKeys ?? [],
    urlGuard: opts.urlGuard ?? false,
    items,
  };
}

/** token_len_without_separator: the key without its trailing characters that are not letters or digits. */
function tokenLength(token: string): number {
  let n = token.length;
  while (n > 0 && !isAlnum(token[n - 1] as string)) n--;
  return n;
}

/** parse_trailer's lookup: the first item whose name or key the token abbreviates; its key replaces the token. */
function renamed(token: string, items: readonly TrailerItem[]): string {
  const n = tokenLength(token);
  for (const item of items) {
    if (tokenMatches(token, 0, n, item.name) || (item.key !== undefined && tokenMatches(token, 0, n, item.key))) return item.key ?? token;
  }
  return token;
}

/** pretty.c skip_blank_lines: leading lines made only of ' ', \t, \r (and their \n). */
function skipBlankLines(s: string): number {
  let i = 0;
  while (i < s.length) {
    const next = nextLine(s, i);
    let j = next;
    while (j > i && isSpace(s[j - 1])) j--;
    if (j > i) break;
    i = next;
  }
  return i;
}

/**
 * The trailer block of a message and its trailers, as git finds them. With noDivider the message
 * is read as %(trailers) reads a commit: pretty.c passes `msg + subject_off`, i.e. the message
 * after its leading blank lines, so those cannot be the blank line that ends a title paragraph.
 * Offsets and line numbers always refer to `message` as given.
 */
export function parseTrailers(message: string, options: TrailerOptions = {}): TrailerBlock {
  const opts = withDefaults(options);
  const skip = opts.noDivider ? skipBlankLines(message) : 0;
  if (skip === 0) return parseBlock(message, opts);
  const block = parseBlock(message.slice(skip), opts);
  const lines = countLines(message, skip);
  return {
    start: block.start + skip,
    end: block.end + skip,
    trailers: block.trailers.map((t) => ({ ...t, line: t.line + lines })),
  };
}

function parseBlock(message: string, opts: Required<TrailerOptions>): TrailerBlock {
  const patchStart = opts.noDivider ? message.length : findPatchStart(message);
  const end = patchStart - ignoredTail(message, patchStart, opts.commentChar);
  const start = findTrailerStart(message, end, opts);
  const trailers: Trailer[] = [];
  if (start >= end) return { start: end, end, trailers };

  // Split the block into items; whitespace-led lines continue the previous *trailer* item.
  interface Item { text: string; line: number; isTrailer: boolean }
  const items: Item[] = [];
  let lineNo = countLines(message, start);
  let last: Item | undefined;
  for (let i = start; i < end; ) {
    const nl = message.indexOf('\n', i);
    const next = nl === -1 || nl >= end ? end : nl + 1;
    const text = message.slice(i, next);
    if (last && isSpace(text[0])) {
      last.text += text;
    } else {
      const item = { text, line: lineNo, isTrailer: findSeparator(text, 0, opts.separators, opts.urlGuard) >= 1 };
      items.push(item);
      last = item.isTrailer ? item : undefined;
    }
    lineNo++;
    i = next;
  }
  for (const item of items) {
    if (item.text.startsWith(opts.commentChar) || !item.isTrailer) continue;
    const sep = findSeparator(item.text, 0, opts.separators, opts.urlGuard);
    const written = trim(item.text.slice(0, sep));
    const key = opts.items.length ? renamed(written, opts.items) : written;
    trailers.push({
      key,
      value: unfold(trim(item.text.slice(sep + 1))),
      line: item.line,
      ...(key !== written ? { written } : {}),
    });
  }
  return { start, end, trailers };
}

function countLines(s: string, upTo: number): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1 && i < upTo; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** Git compares trailer keys case-insensitively (strcasecmp). */
export function sameKey(a: string, b: string): boolean {
  return a.length === b.length && a.toLowerCase() === b.toLowerCase();
}

/** The line `git interpret-trailers --parse` prints for a trailer. */
export function formatParsed(trailer: Trailer, separators = ':'): string {
  const lastChar = trailer.key.trimEnd().slice(-1);
  return separators.includes(lastChar) && lastChar !== ''
    ? `${trailer.key}${trailer.value}`
    : `${trailer.key}${separators[0]} ${trailer.value}`;
}
