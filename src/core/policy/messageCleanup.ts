// git's message cleanup (strbuf_stripspace and the scissors cut), to recognise a committed message
// as the one a hook wrote: git cleans the message file up after commit-msg, in the mode the
// committer chose (--cleanup verbatim, whitespace, strip, scissors; strip when an editor was used).
// Used only to find the commit a prepared provenance note belongs to when post-commit never ran.
import { isScissors } from './messageEdit';

/** Trailing whitespace off every line, leading and trailing blank lines dropped, runs of blank lines made one. */
export function stripspace(text: string, commentChar?: string): string {
  const out: string[] = [];
  let blank = false;
  for (const raw of text.split('\n')) {
    if (commentChar && raw.startsWith(commentChar)) continue;
    const line = raw.replace(/[ \t\r\v\f]+$/, '');
    if (line === '') {
      blank = out.length > 0;
      continue;
    }
    if (blank) out.push('');
    blank = false;
    out.push(line);
  }
  return out.map((l) => `${l}\n`).join('');
}

/** The message as each cleanup mode would commit it (whitespace-normalised: compare with stripspace(committed)). */
export function cleanupVariants(text: string, commentChar = '#'): string[] {
  const lines = text.split('\n');
  const cut = lines.findIndex((l) => isScissors(l, commentChar));
  const scissored = cut >= 0 ? lines.slice(0, cut).join('\n') : text;
  return [...new Set([stripspace(text), stripspace(text, commentChar), stripspace(scissored), stripspace(scissored, commentChar)])];
}

/** Whether `committed` is what git makes of the message file `text` in some cleanup mode. */
export function sameCommittedMessage(committed: string, text: string, commentChar = '#'): boolean {
  const c = stripspace(committed);
  return c !== '' && cleanupVariants(text, commentChar).includes(c);
}
