// Line digests (FileRef.digests): the first 16 hex chars of SHA-256 of a line's UTF-8 text, after
// core/evidence/lineDigest.ts's normalisation. `record` digests the lines an agent wrote; the hooks digest
// the lines a commit adds, and a match is what backs an attribution.
import { createHash } from 'node:crypto';
import { digestInput, MAX_DIGESTS_PER_FILE } from '../../core/evidence/lineDigest';
import type { LineRange } from '../../core/evidence/lineRanges';

export function lineDigest(line: string): string | undefined {
  const text = digestInput(line);
  return text === undefined ? undefined : createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}

/** Digests of the lines of `content` inside `ranges` (1-based); undefined when there would be too many. */
export function rangeDigests(content: string, ranges: readonly LineRange[]): string[] | undefined {
  const lines = content.split('\n');
  const out = new Set<string>();
  for (const [a, b] of ranges) {
    for (let n = a; n <= b && n <= lines.length; n++) {
      const d = lineDigest(lines[n - 1] as string);
      if (d) out.add(d);
      if (out.size > MAX_DIGESTS_PER_FILE) return undefined;
    }
  }
  return [...out];
}

/** Digests of every line of `content` (what is still in a work-tree file). */
export function contentDigests(content: string): Set<string> {
  const out = new Set<string>();
  for (const line of content.split('\n')) {
    const d = lineDigest(line);
    if (d) out.add(d);
  }
  return out;
}
