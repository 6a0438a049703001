import fs from 'node:fs';
import path from 'node:path';
import { bitmapToPng, blit, createBitmap, fillRect, type Bitmap } from '../../../main/print/render/bitmap.js';
import { code128, qr } from '../../../main/print/render/barcodes.js';
import { drawItems } from '../../../main/print/render/raster.js';

/**
 * What a decoder read out of a print job, in printer dots with every origin shift (REFERENCE, ^LH, GS L) applied:
 * where a packer would see each text, barcode and image on the paper.
 */
export interface DecodedText {
  x: number;
  y: number;
  text: string;
  /** character height in dots, where the command says */
  size?: number;
  font?: string;
}

export interface DecodedBarcode {
  type: 'code128';
  x: number;
  y: number;
  content: string;
  height: number;
  /** narrow bar / module width in dots */
  module: number;
}

export interface DecodedQr {
  x: number;
  y: number;
  content: string;
  module: number;
}

export interface DecodedImage {
  x: number;
  y: number;
  bitmap: Bitmap;
}

export interface DecodedRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** One printed document: a TSPL PRINT, a ZPL ^XA…^XZ, or ESC/POS up to a cut. */
export interface DecodedPage {
  width: number | null;
  height: number | null;
  texts: DecodedText[];
  barcodes: DecodedBarcode[];
  qrs: DecodedQr[];
  images: DecodedImage[];
  rects: DecodedRect[];
  /** copies (TSPL PRINT m, ZPL ^PQ) */
  copies: number;
  /** setup commands as read: DENSITY, SPEED, GAP, ~SD, ^PR, GS ( K density, … */
  settings: Record<string, string | number>;
  /** ESC/POS: whether the page ended with a cut */
  cut?: 'full' | 'partial';
}

export interface DecodedJob {
  pages: DecodedPage[];
  /** status queries found in the stream (they print nothing) */
  statusQueries: number;
}

export function emptyPage(): DecodedPage {
  return { width: null, height: null, texts: [], barcodes: [], qrs: [], images: [], rects: [], copies: 1, settings: {} };
}

/** A decoder that meets bytes it does not understand stops: skipping them would hide an encoder bug. */
export class DecodeError extends Error {
  constructor(language: string, offset: number, what: string) {
    super(`${language} decoder: ${what} at byte ${offset}`);
    this.name = 'DecodeError';
  }
}

/** The page's raster images stacked into one bitmap (how a raster job comes out on paper). */
export function composeImages(page: DecodedPage, width: number, height: number): Bitmap {
  const bm = createBitmap(width, height);
  for (const img of page.images) blit(bm, img.bitmap, img.x, img.y);
  return bm;
}

/**
 * Everything on a decoded page drawn as the printer would, roughly (printer fonts drawn with ours): for looking at.
 * Barcodes and QR codes are re-encoded from their decoded content.
 */
export function renderDecoded(page: DecodedPage, width: number, height: number): Bitmap {
  const bm = composeImages(page, width, height);
  for (const r of page.rects) fillRect(bm, r.x, r.y, r.w, r.h);
  for (const b of page.barcodes) {
    const sym = code128(b.content);
    drawItems(bm, [{ kind: 'code128', x: b.x, y: b.y, w: sym.modules * b.module, h: b.height, module: b.module, maxW: sym.modules * b.module, boxX: b.x, symbol: sym }]);
  }
  for (const q of page.qrs) {
    const sym = qr(q.content);
    drawItems(bm, [{ kind: 'qr', x: q.x, y: q.y, size: sym.size * q.module, module: q.module, symbol: sym }]);
  }
  for (const t of page.texts) {
    const size = t.size ?? 24;
    drawItems(bm, [{ kind: 'text', x: t.x, y: t.y, w: 0, h: Math.ceil(size * 1.2), size, bold: false, text: t.text }]);
  }
  return bm;
}

/** Writes a PNG under test-results/printer/ for a person to look at; returns its path. */
export function writeArtifact(name: string, bm: Bitmap): string {
  const dir = path.resolve('test-results', 'printer');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name.replace(/[^A-Za-z0-9._-]+/g, '_')}.png`);
  fs.writeFileSync(file, bitmapToPng(bm));
  return file;
}
