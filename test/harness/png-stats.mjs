// Minimal PNG decoder (8-bit RGB/RGBA, non-interlaced: what Chromium screenshots are) plus
// "is it blank?" statistics, for a whole image or a rectangle of it. No dependencies.
// Vendored and adapted from the real-vscode recipe.
//   node test/harness/png-stats.mjs file.png [#rrggbb ...]
import * as zlib from 'node:zlib';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export function decodePng(buf) {
  if (buf.readUInt32BE(0) !== 0x89504e47) { throw new Error('not a PNG'); }
  let off = 8, width = 0, height = 0, colorType = 0, bitDepth = 0, interlace = 0;
  const idat = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off); const type = buf.toString('ascii', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') { width = data.readUInt32BE(0); height = data.readUInt32BE(4); bitDepth = data[8]; colorType = data[9]; interlace = data[12]; }
    if (type === 'IDAT') { idat.push(data); }
    if (type === 'IEND') { break; }
    off += 12 + len;
  }
  if (bitDepth !== 8 || interlace !== 0 || (colorType !== 2 && colorType !== 6)) { throw new Error(`unsupported PNG (depth ${bitDepth}, type ${colorType}, interlace ${interlace})`); }
  const bpp = colorType === 6 ? 4 : 3;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const px = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? px[y * stride + x - bpp] : 0;
      const b = y > 0 ? px[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? px[(y - 1) * stride + x - bpp] : 0;
      let v = line[x];
      if (f === 1) { v += a; } else if (f === 2) { v += b; } else if (f === 3) { v += (a + b) >> 1; } else if (f === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      px[y * stride + x] = v & 0xff;
    }
  }
  return { width, height, bpp, px };
}

function hexToRgb(hex) {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) { throw new Error(`not a #rrggbb colour: ${hex}`); }
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}

/**
 * Statistics of a PNG (file path, Buffer or decoded image), optionally of a rectangle
 * { x, y, width, height } (clipped to the image): distinct colours, share of the most common colour,
 * share of pixels within `tolerance` (sum of |dr|+|dg|+|db|) of each wanted colour.
 * wanted: { name: '#rrggbb' } or ['#rrggbb', ...]
 */
export function pngStats(source, wanted = {}, rect, tolerance = 24) {
  const img = typeof source === 'string' ? decodePng(fs.readFileSync(source)) : Buffer.isBuffer(source) ? decodePng(source) : source;
  const { width, height, bpp, px } = img;
  const wantedMap = Array.isArray(wanted) ? Object.fromEntries(wanted.map(c => [c, c])) : wanted;
  const x0 = Math.max(0, Math.floor(rect?.x ?? 0)), y0 = Math.max(0, Math.floor(rect?.y ?? 0));
  const x1 = Math.min(width, Math.ceil(rect ? rect.x + rect.width : width)), y1 = Math.min(height, Math.ceil(rect ? rect.y + rect.height : height));
  const counts = new Map();
  const near = Object.fromEntries(Object.keys(wantedMap).map(k => [k, 0]));
  const targets = Object.entries(wantedMap).map(([k, hex]) => [k, ...hexToRgb(hex)]);
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * width + x) * bpp;
      const r = px[i], g = px[i + 1], b = px[i + 2];
      const key = (r << 16) | (g << 8) | b;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      for (const [k, tr, tg, tb] of targets) {
        if (Math.abs(r - tr) + Math.abs(g - tg) + Math.abs(b - tb) <= tolerance) { near[k]++; }
      }
    }
  }
  const total = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
  const top = counts.size ? Math.max(...counts.values()) : 0;
  const [topKey] = [...counts.entries()].find(([, n]) => n === top) ?? [0];
  return {
    width: x1 - x0, height: y1 - y0, distinctColours: counts.size,
    dominantColour: `#${topKey.toString(16).padStart(6, '0')}`,
    dominantShare: total ? +(top / total).toFixed(4) : 1,
    wantedShare: Object.fromEntries(Object.entries(near).map(([k, n]) => [k, total ? +(n / total).toFixed(4) : 0])),
  };
}

/**
 * Problems (empty = fine) of a stats object: blank-ness and missing colours.
 * Defaults: > 50 distinct colours, no colour covering >= 95 %, each wanted colour >= 0.5 %.
 */
export function blankProblems(stats, { minDistinctColours = 50, maxDominantShare = 0.95, minColourShare = 0.005 } = {}) {
  const problems = [];
  if (stats.width * stats.height === 0) { problems.push('empty area'); }
  if (stats.distinctColours <= minDistinctColours) { problems.push(`only ${stats.distinctColours} distinct colours (want > ${minDistinctColours})`); }
  if (stats.dominantShare >= maxDominantShare) { problems.push(`${stats.dominantColour} covers ${(stats.dominantShare * 100).toFixed(1)}% (want < ${(maxDominantShare * 100).toFixed(1)}%)`); }
  for (const [k, share] of Object.entries(stats.wantedShare)) {
    if (share < minColourShare) { problems.push(`colour ${k} covers ${(share * 100).toFixed(2)}% (want >= ${(minColourShare * 100).toFixed(2)}%)`); }
  }
  return problems;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [file, ...colours] = process.argv.slice(2);
  const stats = pngStats(file, colours);
  console.log(JSON.stringify({ ...stats, problems: blankProblems(stats) }, null, 2));
}
