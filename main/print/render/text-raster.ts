import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import { blit, createBitmap, type Bitmap } from './bitmap.js';
import { cssFont } from './fonts.js';
import { glyphAdvance } from './metrics.js';

/**
 * Text lines as 1-bit strips, built from cached glyphs. Reading pixels back from canvas costs ~0.3 ms per call plus
 * ~40 ns per pixel, which made a label's twenty lines the slowest part of printing (~15 ms). A glyph is drawn once
 * per font size (anti-aliased, thresholded at half coverage) and reused: a batch of labels repeats digits, the
 * sender's address and most of the common Chinese characters. Missing glyphs of a line are drawn side by side and
 * read back in one call. Glyphs sit at their accumulated advances, rounded to whole dots — the same advances the
 * line breaker measures — so the strip is exactly as wide as the layout thinks. Text is NFC-normalised so accented
 * Latin arrives as single characters.
 */
interface Glyph {
  bm: Bitmap;
  advance: number;
}

const MAX_GLYPHS = 20_000;
const MAX_LINES = 3000;
const glyphs = new Map<string, Glyph>();
const lines = new Map<string, Bitmap>();
let canvas: Canvas | null = null;
let ctx: SKRSContext2D | null = null;

function scratch(w: number, h: number): SKRSContext2D {
  if (!canvas || canvas.width < w || canvas.height < h) {
    canvas = createCanvas(Math.max(w, canvas?.width ?? 0, 1024), Math.max(h, canvas?.height ?? 0, 128));
    ctx = canvas.getContext('2d');
  }
  return ctx!;
}

/** The em box sits 0.1 em below the top of the line; CJK ideographs span 0.88 em above the baseline. */
export function baselineOf(sizePx: number): number {
  return Math.round(sizePx * 0.98);
}

/** Room left of a glyph for strokes that reach past its origin (italic-ish hooks, bold). */
const padOf = (sizePx: number) => Math.ceil(sizePx / 8);

const glyphKey = (ch: string, sizePx: number, bold: boolean) => `${bold ? 'b' : 'r'}${sizePx}:${ch}`;

function drawMissing(chars: string[], sizePx: number, bold: boolean, height: number): void {
  const pad = padOf(sizePx);
  const cells = chars.map((ch) => ({ ch, advance: glyphAdvance(ch, sizePx, bold), w: 0, x: 0 }));
  let x = 0;
  for (const c of cells) {
    c.w = Math.ceil(c.advance) + 2 * pad;
    c.x = x;
    x += c.w;
  }
  const c2 = scratch(x, height);
  c2.clearRect(0, 0, x, height);
  c2.fillStyle = '#000';
  c2.textBaseline = 'alphabetic';
  c2.font = cssFont(sizePx, bold);
  for (const c of cells) c2.fillText(c.ch, c.x + pad, baselineOf(sizePx));
  const px = new Uint32Array(c2.getImageData(0, 0, x, height).data.buffer);
  for (const c of cells) {
    const bm = createBitmap(c.w, height);
    for (let y = 0; y < height; y++) {
      const row = y * x + c.x;
      const out = y * bm.stride;
      // alpha is the top byte of each little-endian RGBA pixel: ≥ 128 is at least half covered
      for (let i = 0; i < c.w; i++) if (px[row + i]! >= 0x80000000) bm.data[out + (i >> 3)]! |= 0x80 >> (i & 7);
    }
    if (glyphs.size >= MAX_GLYPHS) glyphs.delete(glyphs.keys().next().value as string);
    glyphs.set(glyphKey(c.ch, sizePx, bold), { bm, advance: c.advance });
  }
}

/** A text line `width` × `height` dots, text starting at x 0 and sitting on baselineOf(sizePx). */
export function textBitmap(text: string, sizePx: number, bold: boolean, width: number, height: number): Bitmap {
  const key = `${bold ? 'b' : 'r'}${sizePx}:${width}x${height}:${text}`;
  const hit = lines.get(key);
  if (hit) return hit;
  const chars = [...text.normalize('NFC')];
  const missing = [...new Set(chars.filter((ch) => ch !== ' ' && !glyphs.has(glyphKey(ch, sizePx, bold))))];
  for (let i = 0; i < missing.length; i += 64) drawMissing(missing.slice(i, i + 64), sizePx, bold, height);
  const pad = padOf(sizePx);
  const bm = createBitmap(Math.max(1, width + pad), height);
  let x = 0;
  for (const ch of chars) {
    if (ch === ' ') {
      x += glyphAdvance(ch, sizePx, bold);
      continue;
    }
    const g = glyphs.get(glyphKey(ch, sizePx, bold))!;
    blit(bm, g.bm, Math.round(x) - pad, 0);
    x += g.advance;
  }
  if (lines.size >= MAX_LINES) lines.delete(lines.keys().next().value as string);
  lines.set(key, bm);
  return bm;
}
