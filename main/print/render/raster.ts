import type { Page, PlacedCode128, PlacedQr, PlacedText } from '../page.js';
import { blit, createBitmap, fillRect, type Bitmap } from './bitmap.js';
import { canvasMetrics } from './metrics.js';
import { textBitmap } from './text-raster.js';

/**
 * Draws a resolved page into a 1-bit bitmap. Rules and barcodes are set dot by dot (every bar a whole number of
 * dots wide, no anti-aliasing to threshold away); text comes from the line cache. Everything is clipped to the page.
 */
function drawCode128(bm: Bitmap, it: PlacedCode128): void {
  let x = it.x;
  it.symbol.sbs.forEach((modules, i) => {
    const w = modules * it.module;
    if (i % 2 === 0) fillRect(bm, x, it.y, w, it.h);
    x += w;
  });
}

function drawQr(bm: Bitmap, it: PlacedQr): void {
  const { size, dark } = it.symbol;
  for (let r = 0; r < size; r++) {
    // runs of dark modules in a row become one rectangle
    let c = 0;
    while (c < size) {
      if (!dark[r * size + c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < size && dark[r * size + c]) c++;
      fillRect(bm, it.x + start * it.module, it.y + r * it.module, (c - start) * it.module, it.module);
    }
  }
}

export function drawItems(bm: Bitmap, items: Page['items'], dx = 0, dy = 0): void {
  for (const it of items) {
    switch (it.kind) {
      case 'rect':
        fillRect(bm, it.x + dx, it.y + dy, it.w, it.h);
        break;
      case 'code128':
        drawCode128(bm, { ...it, x: it.x + dx, y: it.y + dy });
        break;
      case 'qr':
        drawQr(bm, { ...it, x: it.x + dx, y: it.y + dy });
        break;
      case 'text':
        // a native page measured the line in the printer's font; the drawing font may need a little more room
        blit(bm, textBitmap(it.text, it.size, it.bold, Math.max(it.w, canvasMetrics.measure(it.text, it.size, it.bold)), it.h), it.x + dx, it.y + dy);
        break;
    }
  }
}

export function rasterize(page: Page): Bitmap {
  const bm = createBitmap(page.width, page.height);
  drawItems(bm, page.items);
  return bm;
}

/** Some items drawn into a region of the page (a band of a receipt, one text line): (x0, y0) is its top-left. */
export function rasterizeRegion(items: Page['items'], x0: number, y0: number, width: number, height: number): Bitmap {
  const bm = createBitmap(width, height);
  drawItems(bm, items, -x0, -y0);
  return bm;
}

/** One text line as its own bitmap, for printers that get Chinese as a raster block beside native commands. */
export function textBlock(it: PlacedText): Bitmap {
  const w = Math.max(it.w, canvasMetrics.measure(it.text, it.size, it.bold)) + Math.ceil(it.size / 4);
  return rasterizeRegion([it], it.x, it.y, w, it.h);
}
