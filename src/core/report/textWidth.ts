// Width of text on a terminal, in columns: what aligned plain-text tables pad by. A code point is
// not a column — CJK ideographs and most emoji take two, combining marks and zero-width joiners
// none, an emoji ZWJ sequence or a flag two in all. string-width (bundled; East Asian Width and
// grapheme clusters by Intl.Segmenter) measures; the helpers here pad and clip by that measure.
// Pure.
import stringWidth from 'string-width';

/** Made on first use: a module that only imports this one (the CLI's dispatcher) pays nothing. */
let graphemes: Intl.Segmenter | undefined;

/** Columns `text` takes on a terminal (ANSI colour codes take none). */
export function textWidth(text: string): number {
  return stringWidth(text);
}

/** `text` followed by spaces up to `columns` (unchanged when already as wide). */
export function padEndColumns(text: string, columns: number): string {
  const w = textWidth(text);
  return w >= columns ? text : text + ' '.repeat(columns - w);
}

/** Spaces up to `columns`, then `text` (right-aligned). */
export function padStartColumns(text: string, columns: number): string {
  const w = textWidth(text);
  return w >= columns ? text : ' '.repeat(columns - w) + text;
}

/**
 * Exactly `columns` wide: padded, or cut at a grapheme boundary and ended with `…` (a wide
 * character that would straddle the edge is left out and the gap padded).
 */
export function fitColumns(text: string, columns: number): string {
  if (textWidth(text) <= columns) return padEndColumns(text, columns);
  let out = '';
  let used = 0;
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  for (const { segment } of graphemes.segment(text)) {
    const w = textWidth(segment);
    if (used + w > columns - 1) break;
    out += segment;
    used += w;
  }
  return `${out}…${' '.repeat(Math.max(0, columns - 1 - used))}`;
}
