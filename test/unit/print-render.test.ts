import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { osPrintPage } from '../../main/print/os-page.js';
import type { PlacedCode128 } from '../../main/print/page.js';
import { renderDocument } from '../../main/print/render.js';
import { bitmapsEqual, blit, createBitmap, fillRect, getPixel, inkIn, type Bitmap } from '../../main/print/render/bitmap.js';
import { textBitmap } from '../../main/print/render/text-raster.js';
import { testPagePreview } from '../../main/print/test-print.js';
import { writeArtifact } from '../sim/printer/decoded.js';
import { readCode128 } from '../sim/printer/read-symbols.js';
import { chineseLabel, chineseSlip, latinLabel, pickList, TZ } from '../sim/printer/sample-data.js';

/** Reads our 1-bit PNG back (IHDR, pHYs, IDAT) into a bitmap, to prove the preview is the printed bitmap. */
function readPng(png: Buffer): { bm: Bitmap; dotsPerMetre: number | null } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  let pos = 8;
  let width = 0;
  let height = 0;
  let dpm: number | null = null;
  const idat: Buffer[] = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('ascii', pos + 4, pos + 8);
    const body = png.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([body[8], body[9]]).toEqual([1, 0]); // 1 bit, grayscale
    } else if (type === 'pHYs') dpm = body.readUInt32BE(0);
    else if (type === 'IDAT') idat.push(body);
    pos += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const bm = createBitmap(width, height);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (bm.stride + 1)]).toBe(0);
    for (let i = 0; i < bm.stride; i++) bm.data[y * bm.stride + i] = ~raw[y * (bm.stride + 1) + 1 + i]! & 0xff;
    if (width % 8) bm.data[y * bm.stride + bm.stride - 1]! &= (0xff << (8 - (width % 8))) & 0xff;
  }
  return { bm, dotsPerMetre: dpm };
}

describe('bitmap', () => {
  it('fills rectangles to the dot, clipped, and ORs bitmaps at any offset', () => {
    const bm = createBitmap(21, 5);
    fillRect(bm, 3, 1, 10, 2);
    expect([getPixel(bm, 2, 1), getPixel(bm, 3, 1), getPixel(bm, 12, 2), getPixel(bm, 13, 2), getPixel(bm, 5, 3)]).toEqual([0, 1, 1, 0, 0]);
    fillRect(bm, -5, 4, 100, 9);
    expect(inkIn(bm, 0, 4, 21, 1)).toBe(21);
    expect(bm.data[4 * bm.stride + 2]! & 0x07).toBe(0); // padding bits past x=20 stay clear
    const dot = createBitmap(3, 1);
    fillRect(dot, 0, 0, 3, 1);
    const dst = createBitmap(21, 1);
    blit(dst, dot, -1, 0);
    blit(dst, dot, 7, 0);
    blit(dst, dot, 19, 0);
    expect([0, 1, 2, 6, 7, 8, 9, 10, 18, 19, 20].map((x) => getPixel(dst, x, 0))).toEqual([1, 1, 0, 0, 1, 1, 1, 0, 0, 1, 1]);
    expect(dst.data[2]! & 0x07).toBe(0);
  });
});

describe('renderDocument', () => {
  it('renders each layout at its paper size and the printer resolution', () => {
    const size = (r: { bitmap: Bitmap }) => [r.bitmap.width, r.bitmap.height];
    expect(size(renderDocument('label', '100x150', chineseLabel, {}, { timeZone: TZ }))).toEqual([800, 1200]);
    expect(size(renderDocument('label', '76x130', chineseLabel, {}, { timeZone: TZ }))).toEqual([608, 1040]);
    expect(size(renderDocument('label', '100x150', chineseLabel, { dpi: 300 }, { timeZone: TZ }))).toEqual([1200, 1800]);
    expect(size(renderDocument('label', '100x150', chineseLabel, { pageWidthMm: 104, pageHeightMm: 148 }, { timeZone: TZ }))).toEqual([832, 1184]);
    const slip80 = renderDocument('slip', '80mm', chineseSlip, {}, { timeZone: TZ });
    const slip58 = renderDocument('slip', '58mm', chineseSlip, {}, { timeZone: TZ });
    expect([slip80.bitmap.width, slip58.bitmap.width]).toEqual([576, 384]);
    expect(renderDocument('picklist', '58mm', pickList, {}, { timeZone: TZ }).bitmap.width).toBe(384);
  });

  it('gives the preview PNG as exactly the printed bitmap, tagged with its real size', () => {
    for (const r of [renderDocument('label', '100x150', latinLabel, {}, { timeZone: TZ }), renderDocument('slip', '58mm', chineseSlip, { dpi: 300 }, { timeZone: TZ })]) {
      const { bm, dotsPerMetre } = readPng(r.png());
      expect(bitmapsEqual(bm, r.bitmap)).toBe(true);
      expect(dotsPerMetre).toBe(r.dpi === 203 ? 8000 : 12000);
    }
  });

  it('draws barcodes with whole-dot modules that read back, at 203 and 300 dpi', () => {
    for (const dpi of [203, 300] as const) {
      const r = renderDocument('label', '76x130', latinLabel, { dpi }, { timeZone: TZ });
      const bar = r.page.items.find((i): i is PlacedCode128 => i.kind === 'code128')!;
      expect(readCode128(r.bitmap, { x: bar.boxX, y: bar.y, w: bar.maxW, h: bar.h })).toEqual({ text: latinLabel.trackingNo, module: bar.module, x: bar.x });
      // the bars are solid from top to bottom: every row reads the same
      expect(readCode128(r.bitmap, { x: bar.boxX, y: bar.y, w: bar.maxW, h: 2 }).text).toBe(latinLabel.trackingNo);
      expect(readCode128(r.bitmap, { x: bar.boxX, y: bar.y + bar.h - 2, w: bar.maxW, h: 2 }).text).toBe(latinLabel.trackingNo);
    }
  });

  it('renders Chinese with real glyphs, not missing-glyph boxes', () => {
    const zhang = textBitmap('张', 32, false, 32, 39);
    const san = textBitmap('三', 32, false, 32, 39);
    const missing = textBitmap('\uE000', 32, false, 32, 39); // private use: no font has it
    const ink = (b: Bitmap) => inkIn(b, 0, 0, b.width, b.height);
    expect(ink(zhang)).toBeGreaterThan(60);
    expect(ink(san)).toBeGreaterThan(40);
    expect(bitmapsEqual(zhang, san)).toBe(false);
    expect(bitmapsEqual(zhang, missing)).toBe(false);
    // 三 is three horizontal strokes: three separate bands of ink down its middle column
    let bands = 0;
    for (let y = 1, prev = 0; y < 39; y++) {
      const v = getPixel(san, 16, y);
      if (v && !prev) bands++;
      prev = v;
    }
    expect(bands).toBe(3);
  });

  it('prints the test page with its alignment box and a ruler tick every 5 mm', () => {
    const preview = testPagePreview({ name: 'Bench TSC', transport: 'tcp', address: '10.0.0.5:9100', language: 'tspl', paper: '100x150', settings: {} }, { timeZone: TZ, now: 0 });
    const bm = preview.bitmap;
    writeArtifact('test-page-100x150', bm);
    expect(inkIn(bm, 4, 4, 792, 3)).toBeGreaterThan(780); // top edge of the box (0.5 mm in, 3 dots thick)
    expect(inkIn(bm, 4, 1193, 792, 3)).toBeGreaterThan(780);
    for (let mm = 5; mm < 99; mm += 5) expect(inkIn(bm, mm * 8, 8, 2, 8), `tick at ${mm} mm`).toBeGreaterThan(8);
    expect(inkIn(bm, 5 * 8 + 3, 8, 30, 8)).toBe(0); // and nothing between ticks
    const roll = testPagePreview({ name: 'Slip printer', transport: 'tcp', address: '10.0.0.6:9100', language: 'escpos', paper: '58mm' }, { timeZone: TZ, now: 0 });
    expect(roll.bitmap.width).toBe(384);
    expect(inkIn(roll.bitmap, 0, 0, 8, 60)).toBeGreaterThan(400); // left edge marker
    expect(inkIn(roll.bitmap, 376, 0, 8, 60)).toBeGreaterThan(400); // right edge marker
  });

  it('hands OS printers the same bitmap in a page of the exact paper size', () => {
    const p = osPrintPage('label', '100x150', chineseLabel, {}, { timeZone: TZ });
    expect(p.pageSizeMicrons).toEqual({ width: 100_000, height: 150_000 });
    expect(p.html).toContain('@page{size:100mm 150mm;margin:0}');
    const png = Buffer.from(/base64,([^"]+)"/.exec(p.html)![1]!, 'base64');
    expect(bitmapsEqual(readPng(png).bm, renderDocument('label', '100x150', chineseLabel, {}, { timeZone: TZ }).bitmap)).toBe(true);
  });
});
