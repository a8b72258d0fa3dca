// Which text of a line is digested when evidence names lines by content (FileRef.digests): the
// line without trailing whitespace or CR, and only when it has at least MIN_DIGEST_CHARS non-blank
// characters (a lone `}` proves nothing). The hash itself (the first 16 hex chars of SHA-256 of the
// UTF-8 text) is computed in the app layer (app/hooks/lineDigest.ts); core stays pure.

export const MIN_DIGEST_CHARS = 3;
/** Digests kept per file of a working-log entry: beyond this the entry keeps its ranges only. */
export const MAX_DIGESTS_PER_FILE = 5000;

/** The text whose hash is the line's digest, or undefined when the line is too short to prove anything. */
export function digestInput(line: string): string | undefined {
  const text = line.replace(/[ \t\r\n\f\v]+$/, '');
  let count = 0;
  for (const ch of text) {
    if (!/\s/.test(ch) && ++count >= MIN_DIGEST_CHARS) return text;
  }
  return undefined;
}
