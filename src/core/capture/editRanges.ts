// Which lines a burst of editor changes inserted, in the document as it stands after the burst.
// An editor reports each change against the document before its event (VS Code's
// TextDocumentContentChangeEvent: a range replaced by a text, 0-based lines and characters; the
// changes of one event never overlap). Pure: the extension feeds the events, in order.
import { mergeRanges, type LineRange } from '../evidence/lineRanges';

export interface TextChange {
  /** 0-based, in the document before the event. */
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
  /** The text that replaced the range. */
  text: string;
}

export interface Burst {
  /** 1-based inclusive line ranges holding inserted text, after every event of the burst so far. */
  ranges: LineRange[];
  /** The non-blank texts the burst inserted, in order. */
  texts: string[];
}

export const emptyBurst = (): Burst => ({ ranges: [], texts: [] });

function lineBreaks(s: string, end = s.length): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1 && i < end; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** The burst after one more event: earlier ranges follow the lines they were on, this event's insertions are added. */
export function addEvent(burst: Burst, changes: readonly TextChange[]): Burst {
  const sorted = [...changes].sort((a, b) => a.startLine - b.startLine || a.startCharacter - b.startCharacter);
  let ranges = burst.ranges;
  const inserted: LineRange[] = [];
  const texts = [...burst.texts];
  let delta = 0; // lines added by the earlier changes of this event
  for (const c of sorted) {
    const text = c.text.includes('\r') ? c.text.replace(/\r\n?/g, '\n') : c.text;
    const added = lineBreaks(text) - (c.endLine - c.startLine);
    // Earlier ranges, 1-based: this change's lines moved by the earlier changes of this event (`delta`).
    const moved = { ...c, startLine: c.startLine + delta, endLine: c.endLine + delta };
    ranges = ranges.flatMap((r) => survive(r, moved, lineBreaks(text)));
    if (text.trim() !== '') {
      const first = c.startLine + delta + 1;
      // A leading line break only ends the line before; a trailing one ends the last inserted line.
      const start = text.startsWith('\n') ? first + 1 : first;
      const end = first + lineBreaks(text, text.length - 1);
      if (start <= end) inserted.push([start, end]);
      texts.push(text);
    }
    delta += added;
  }
  return { ranges: mergeRanges([...ranges, ...inserted]), texts };
}

/**
 * Where the lines of a 1-based range end up after `c` (0-based, replaced by text with `breaks` line
 * breaks); [] when none of them survives. The first line of the change survives when text before the
 * change stays on it; what follows the change on its last line is joined after the inserted text
 * (assumed to be there: line lengths are not known here, so this errs towards keeping a line).
 */
function survive([a, b]: LineRange, c: TextChange, breaks: number): LineRange[] {
  const first = c.startLine + 1;
  const last = c.endLine + 1;
  const added = breaks - (c.endLine - c.startLine);
  const at: number[] = [];
  if (a < first) at.push(a, Math.min(b, first - 1));
  if (b > last) at.push(Math.max(a, last + 1) + added, b + added);
  if (a <= first && b >= first) {
    if (c.startCharacter > 0) at.push(first); // the text before the change stays on the first line
    if (first === last) at.push(first + breaks); // the rest of the line follows the inserted text
  }
  if (last > first && a <= last && b >= last) at.push(first + breaks); // the rest of the last line, joined
  if (at.length === 0) return [];
  return [[Math.min(...at), Math.max(...at)]];
}
