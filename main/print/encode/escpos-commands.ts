import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import type { Bitmap } from '../render/bitmap.js';
import type { PrintSettings } from '../settings.js';

/**
 * ESC/POS byte building. node-thermal-printer assembles the buffer (init, alignment, text size, bold, Code128, QR,
 * cut) for Epson and Star; the raster commands are ours, because its image path decodes a PNG into one JS object per
 * pixel (≈ 1 s for a 4×6 label) and sends a single GS v 0 whose width byte overflows past 2040 dots.
 */
export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;

export function thermalBuilder(model: 'epson' | 'star'): ThermalPrinter {
  // no interface: the buffer is all we want; sending is main/print/transport's job
  return new ThermalPrinter({ type: model === 'star' ? PrinterTypes.STAR : PrinterTypes.EPSON, interface: '' });
}

/** Rows per GS v 0 command: far below every model's limit (2303 on a TM-T88) and its receive buffer. */
export const RASTER_BAND_ROWS = 256;

/** Epson raster: GS v 0, normal density, in bands. */
export function epsonRaster(bm: Bitmap): Buffer {
  const parts: Buffer[] = [];
  for (let y0 = 0; y0 < bm.height; y0 += RASTER_BAND_ROWS) {
    const rows = Math.min(RASTER_BAND_ROWS, bm.height - y0);
    parts.push(Buffer.from([GS, 0x76, 0x30, 0, bm.stride & 0xff, bm.stride >> 8, rows & 0xff, rows >> 8]));
    parts.push(Buffer.from(bm.data.subarray(y0 * bm.stride, (y0 + rows) * bm.stride)));
  }
  return Buffer.concat(parts);
}

/**
 * Star Line Mode raster graphics: ESC * r A enters raster mode, ESC * r P "0" NUL sets continuous (page length 0),
 * each row is "b" n1 n2 and n1 + 256·n2 bytes, ESC * r B prints what is left and returns to line mode.
 */
export function starRaster(bm: Bitmap): Buffer {
  const parts: Buffer[] = [Buffer.from([ESC, 0x2a, 0x72, 0x41, ESC, 0x2a, 0x72, 0x50, 0x30, 0x00])];
  for (let y = 0; y < bm.height; y++) {
    parts.push(Buffer.from([0x62, bm.stride & 0xff, bm.stride >> 8]), Buffer.from(bm.data.subarray(y * bm.stride, (y + 1) * bm.stride)));
  }
  parts.push(Buffer.from([ESC, 0x2a, 0x72, 0x42]));
  return Buffer.concat(parts);
}

/** Epson "GS ( K" function 49, print density −6…+6 (TM-T20/T82/T88 and most clones): from darkness 0–30. */
export function epsonDensity(darkness: number): Buffer {
  const level = Math.max(-6, Math.min(6, Math.round((darkness - 15) / 2.5)));
  return Buffer.from([GS, 0x28, 0x4b, 0x02, 0x00, 0x31, level & 0xff]);
}

/** Start of every job: initialise, density, left margin (calibration x, dots) and a first feed (calibration y). */
export function escposStart(p: ThermalPrinter, s: PrintSettings, origin: { x: number; y: number }): void {
  p.add(Buffer.from([ESC, 0x40]));
  if (s.darkness !== null && s.escposModel === 'epson') p.add(epsonDensity(s.darkness));
  if (origin.x > 0) p.add(Buffer.from([GS, 0x4c, origin.x & 0xff, origin.x >> 8]));
  feed(p, origin.y);
}

/** ESC J n: print and feed n dots, repeated past 255. */
export function feed(p: ThermalPrinter, dots: number): void {
  let left = Math.round(dots);
  while (left > 0) {
    const n = Math.min(255, left);
    p.add(Buffer.from([ESC, 0x4a, n]));
    left -= n;
  }
}

/** Cut after the document: a roll feeds its last line past the cutter first; labels are parted at the gap. */
export function escposEnd(p: ThermalPrinter, s: PrintSettings, roll: boolean): void {
  const cut = s.cut ?? (roll ? 'partial' : 'none');
  if (cut === 'full') p.cut({ verticalTabAmount: 1 });
  else if (cut === 'partial') p.partialCut({ verticalTabAmount: 1 });
}

export function bufferOf(p: ThermalPrinter): Buffer {
  return p.getBuffer() ?? Buffer.alloc(0);
}
