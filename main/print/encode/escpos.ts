import type { Page } from '../page.js';
import type { Bitmap } from '../render/bitmap.js';
import type { PrintSettings } from '../settings.js';
import { bufferOf, epsonRaster, escposEnd, escposStart, starRaster, thermalBuilder } from './escpos-commands.js';
import { escposNativeBody } from './escpos-native.js';

/** The whole page as one raster image (Epson GS v 0 bands, or Star raster graphics), then the cut. */
export function encodeEscposRaster(bm: Bitmap, page: Page, s: PrintSettings): Buffer {
  const p = thermalBuilder(s.escposModel);
  escposStart(p, s, { x: 0, y: 0 });
  p.add(s.escposModel === 'star' ? starRaster(bm) : epsonRaster(bm));
  escposEnd(p, s, page.roll);
  return bufferOf(p);
}

export function encodeEscposNative(page: Page, s: PrintSettings, origin: { x: number; y: number }): Buffer {
  const p = thermalBuilder('epson');
  escposStart(p, s, origin);
  escposNativeBody(p, page, s);
  escposEnd(p, s, page.roll);
  return bufferOf(p);
}
