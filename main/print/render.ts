import { buildPage, offsetDots, type DocumentOptions, type PageSettings } from './document.js';
import type { DocData, DocKind } from './layout-types.js';
import type { Page } from './page.js';
import { bitmapToPng, type Bitmap } from './render/bitmap.js';
import { canvasMetrics } from './render/metrics.js';
import { rasterize } from './render/raster.js';
import { dotsPerMm, type Dpi, type Paper } from './units.js';

export interface RenderedDocument {
  dpi: Dpi;
  /** the exact dots a raster job sends, calibration offsets included */
  bitmap: Bitmap;
  page: Page;
  warnings: string[];
  /** the same bitmap as a PNG (1 bit, real-size resolution tag) for the preview */
  png(): Buffer;
}

/** Renders a document to the bitmap a raster print job would carry; the preview is this bitmap, dot for dot. */
export function renderDocument<K extends DocKind>(kind: K, paper: Paper, data: DocData[K], settings: PageSettings = {}, opts: DocumentOptions = {}): RenderedDocument {
  const page = buildPage(kind, paper, data, settings, canvasMetrics, offsetDots(settings), opts);
  const bitmap = rasterize(page);
  return { dpi: page.dpi, bitmap, page, warnings: page.warnings, png: () => bitmapToPng(bitmap, dotsPerMm(page.dpi)) };
}
