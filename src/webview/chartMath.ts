// Pure chart geometry: nice axis maxima and ticks, band scales, label thinning, stacked segments.
// No DOM: testable in Node. charts.ts turns these numbers into SVG.

/** The smallest "nice" number (1, 2, 2.5, 5 × 10^k) ≥ value; 1 for non-positive values. */
export function niceCeil(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 1;
  const exp = Math.floor(Math.log10(value));
  const base = 10 ** exp;
  for (const m of [1, 2, 2.5, 5, 10]) {
    const v = m * base;
    if (v >= value - base * 1e-9) return Number(v.toPrecision(12));
  }
  return 10 * base;
}

/** Evenly spaced ticks from 0 to max (inclusive), about `target` of them, on nice steps. */
export function ticks(max: number, target = 4): number[] {
  if (!(max > 0)) return [0];
  const step = niceCeil(max / Math.max(1, target));
  const out: number[] = [];
  for (let v = 0; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/** Integer ticks for counts (no "0.5 commits"). */
export function countTicks(max: number, target = 4): number[] {
  if (!(max > 0)) return [0];
  const step = Math.max(1, Math.ceil(niceCeil(max / Math.max(1, target))));
  const top = Math.ceil(max / step) * step;
  const out: number[] = [];
  for (let v = 0; v <= top; v += step) out.push(v);
  return out;
}

export interface Band {
  x: number;
  width: number;
}

/** `n` bars across `width` px starting at x0, with `gap` as a fraction of each slot (0–0.9). */
export function bands(n: number, x0: number, width: number, gap = 0.2): Band[] {
  if (n <= 0) return [];
  const slot = width / n;
  const bar = Math.max(1, slot * (1 - Math.min(0.9, Math.max(0, gap))));
  return Array.from({ length: n }, (_, i) => ({ x: x0 + i * slot + (slot - bar) / 2, width: bar }));
}

/** Indices of the labels to draw so that labels of `labelWidth` px fit in slots of `slot` px (always the first and last when possible). */
export function thinLabels(n: number, slot: number, labelWidth: number): number[] {
  if (n <= 0) return [];
  const every = Math.max(1, Math.ceil(labelWidth / Math.max(1, slot)));
  const out: number[] = [];
  for (let i = 0; i < n; i += every) out.push(i);
  const last = n - 1;
  if (out[out.length - 1] !== last) {
    if (last - (out[out.length - 1] as number) < every) out.pop();
    out.push(last);
  }
  return out;
}

export interface Segment {
  /** Series index. */
  series: number;
  value: number;
  /** Start and end of the segment on the value axis (cumulative). */
  from: number;
  to: number;
}

/** Stacks per-series values of each bucket: segments[bucket] lists non-zero segments bottom-up. */
export function stack(series: readonly (readonly number[])[], buckets: number, scale: (v: number, bucket: number) => number = (v) => v): Segment[][] {
  const out: Segment[][] = [];
  for (let b = 0; b < buckets; b++) {
    let acc = 0;
    const segs: Segment[] = [];
    series.forEach((values, s) => {
      const v = scale(values[b] ?? 0, b);
      if (v > 0) {
        segs.push({ series: s, value: values[b] ?? 0, from: acc, to: acc + v });
        acc += v;
      }
    });
    out.push(segs);
  }
  return out;
}

/** Largest stacked top over all buckets. */
export function stackMax(stacks: readonly Segment[][]): number {
  let m = 0;
  for (const segs of stacks) {
    const top = segs[segs.length - 1];
    if (top && top.to > m) m = top.to;
  }
  return m;
}

/** Linear map of [0, domainMax] onto [rangeFrom, rangeTo] (pixels; rangeTo may be < rangeFrom for y axes). */
export function linear(domainMax: number, rangeFrom: number, rangeTo: number): (v: number) => number {
  const d = domainMax > 0 ? domainMax : 1;
  return (v) => rangeFrom + ((rangeTo - rangeFrom) * v) / d;
}

/** Rough width of a label in px for a given font size (no DOM measurement; average glyph ≈ 0.6 em). */
export function textWidth(text: string, fontSize = 11): number {
  return Math.ceil(text.length * fontSize * 0.6);
}
