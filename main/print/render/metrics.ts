import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { cssFont } from './fonts.js';

/**
 * How wide text is, for line breaking and alignment. The raster page measures with the font it draws with; a
 * native page measures with the printer's own font (a fixed cell: 12×24 dots for Latin, 24×24 for Chinese, scaled
 * by whole multiples).
 */
export interface TextMetrics {
  /** the font size actually printed for a wanted size (printer fonts come in whole multiples of their cell) */
  snap(sizePx: number): number;
  measure(text: string, sizePx: number, bold: boolean): number;
  lineHeight(sizePx: number): number;
}

let scratch: SKRSContext2D | null = null;
const advances = new Map<string, number>();

/** A character's advance in the drawing font (cached). */
export function glyphAdvance(ch: string, sizePx: number, bold: boolean): number {
  const key = `${bold ? 'b' : 'r'}${sizePx}:${ch}`;
  let w = advances.get(key);
  if (w === undefined) {
    scratch ??= createCanvas(8, 8).getContext('2d');
    scratch.font = cssFont(sizePx, bold);
    w = scratch.measureText(ch).width;
    advances.set(key, w);
  }
  return w;
}

/** The drawing font: sum of per-character advances (cached), so breaking a long address measures each glyph once. */
export const canvasMetrics: TextMetrics = {
  snap: (sizePx) => Math.max(8, Math.round(sizePx)),
  measure(text, sizePx, bold) {
    let w = 0;
    for (const ch of text.normalize('NFC')) w += glyphAdvance(ch, sizePx, bold);
    return Math.ceil(w);
  },
  lineHeight: (sizePx) => Math.ceil(sizePx * 1.2),
};

export const CELL = 24;

export function cellMultiple(sizePx: number): number {
  return Math.min(8, Math.max(1, Math.round(sizePx / CELL)));
}

/** TSPL's TSS24.BF2 and ESC/POS font A (12×24) with the Chinese 24×24 font: the same cell. */
export const cellMetrics: TextMetrics = {
  snap: (sizePx) => CELL * cellMultiple(sizePx),
  measure(text, sizePx) {
    const mul = cellMultiple(sizePx);
    let w = 0;
    // in Chinese mode every non-ASCII character is a two-byte GB18030 code printed in a full cell (× and ° too)
    for (const ch of text) w += (ch.charCodeAt(0) > 0x7e ? CELL : CELL / 2) * mul;
    return w;
  },
  // a few dots between lines, like the printers' own default spacing
  lineHeight: (sizePx) => CELL * cellMultiple(sizePx) + 4,
};
