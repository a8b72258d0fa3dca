// Pure geometry of the virtualized history list: which rows a scroll position shows, where they go,
// and where to scroll to reveal a row. Browsers cap element heights (~33M px in Chromium), so past
// MAX_BODY_PX the scrollable height is compressed and the scroll position maps proportionally onto
// the virtual list (ratio > 1). No DOM: testable in Node.

export const MAX_BODY_PX = 8_000_000;

export interface Layout {
  /** Height of the scrollable body element, px. */
  bodyHeight: number;
  /** Virtual px per scroll px (1 unless the list is compressed). */
  ratio: number;
}

export function layout(total: number, rowHeight: number, viewport: number, max = MAX_BODY_PX): Layout {
  const full = Math.max(0, total) * rowHeight;
  if (full <= max || full <= viewport) return { bodyHeight: full, ratio: 1 };
  return { bodyHeight: max, ratio: (full - viewport) / Math.max(1, max - viewport) };
}

export interface VisibleWindow {
  /** First row index to render (inclusive, includes overscan). */
  first: number;
  /** One past the last row to render. */
  end: number;
  /** Rows fully or partly in the viewport (without overscan). */
  visibleFirst: number;
  visibleEnd: number;
  /** Top of row `first` in body coordinates (px from the top of the body element). */
  offset: number;
}

export function visibleWindow(scrollTop: number, viewport: number, total: number, rowHeight: number, overscan: number, max = MAX_BODY_PX): VisibleWindow {
  if (total <= 0 || rowHeight <= 0) return { first: 0, end: 0, visibleFirst: 0, visibleEnd: 0, offset: 0 };
  const { bodyHeight, ratio } = layout(total, rowHeight, viewport, max);
  const top = Math.min(Math.max(0, scrollTop), Math.max(0, bodyHeight - viewport));
  const virtualTop = top * ratio;
  const visibleFirst = Math.min(total - 1, Math.floor(virtualTop / rowHeight));
  const visibleEnd = Math.min(total, Math.ceil((virtualTop + Math.max(viewport, rowHeight)) / rowHeight));
  const first = Math.max(0, visibleFirst - overscan);
  const end = Math.min(total, visibleEnd + overscan);
  // row i sits at i * rowHeight in virtual px; in body px that is top + (i * rowHeight - virtualTop)
  const offset = top + (first * rowHeight - virtualTop);
  return { first, end, visibleFirst, visibleEnd, offset };
}

/** The scrollTop that brings row `index` fully into view with the least movement (current when it already is). */
export function scrollTopFor(index: number, scrollTop: number, viewport: number, total: number, rowHeight: number, max = MAX_BODY_PX): number {
  if (total <= 0) return 0;
  const { bodyHeight, ratio } = layout(total, rowHeight, viewport, max);
  const i = Math.min(Math.max(0, index), total - 1);
  const virtualTop = Math.max(0, scrollTop) * ratio;
  const rowTop = i * rowHeight;
  let target = virtualTop;
  if (rowTop < virtualTop) target = rowTop;
  else if (rowTop + rowHeight > virtualTop + viewport) target = rowTop + rowHeight - viewport;
  else return scrollTop;
  return Math.min(Math.max(0, bodyHeight - viewport), Math.max(0, target / ratio));
}

/** Rows a page key moves by: the rows fully visible, at least 1. */
export function pageRows(viewport: number, rowHeight: number): number {
  return Math.max(1, Math.floor(viewport / rowHeight) - 1);
}

/** The next selection for a navigation key, or undefined when the key is not a navigation key. */
export function navigate(key: string, index: number, total: number, page: number): number | undefined {
  if (total <= 0) return undefined;
  const from = index < 0 ? -1 : index;
  let next: number;
  switch (key) {
    case 'ArrowDown': next = from + 1; break;
    case 'ArrowUp': next = from < 0 ? 0 : from - 1; break;
    case 'PageDown': next = from < 0 ? page : from + page; break;
    case 'PageUp': next = from - page; break;
    case 'Home': next = 0; break;
    case 'End': next = total - 1; break;
    default: return undefined;
  }
  return Math.min(total - 1, Math.max(0, next));
}

/**
 * Blocks of rows to request for the window [first, end): aligned to `page`, merged while contiguous
 * (each at most `maxCount`), skipping pages for which `skip(page)` is true (cached or pending).
 */
export function missingBlocks(first: number, end: number, total: number, page: number, maxCount: number, skip: (page: number) => boolean): { start: number; count: number }[] {
  const out: { start: number; count: number }[] = [];
  const last = Math.min(end, total);
  if (last <= first) return out;
  for (let p = Math.floor(first / page); p * page < last; p++) {
    if (skip(p)) continue;
    const start = p * page;
    const count = Math.min(page, total - start);
    const prev = out[out.length - 1];
    if (prev && prev.start + prev.count === start && prev.count + count <= maxCount) prev.count += count;
    else out.push({ start, count });
  }
  return out;
}
