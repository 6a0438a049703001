import type { Page, PlacedText } from '../page.js';
import type { Bitmap } from '../render/bitmap.js';
import { cellMultiple } from '../render/metrics.js';
import { textBlock } from '../render/raster.js';
import type { PrintSettings } from '../settings.js';
import { dotsToMm } from '../units.js';
import { gb18030, printerFontCan } from './text-bytes.js';

/**
 * TSPL (TSC, Gprinter, Xprinter, HPRT label printers): CRLF-terminated text commands, with the raster data of
 * BITMAP as raw bytes inside the stream. Strings are GB18030 for TEXT (the TSS24.BF2 Chinese font) and UTF-8 for
 * QRCODE (what a phone expects to read back).
 */
const CRLF = '\r\n';
export const TSPL_CJK_FONT = 'TSS24.BF2';

/** A double quote inside a TSPL string is written \["]. */
export function tsplString(text: string): string {
  return `"${text.replace(/"/g, '\\["]')}"`;
}

function mm(dots: number, s: PrintSettings): string {
  return `${Number(dotsToMm(dots, s.dpi).toFixed(2))} mm`;
}

function header(page: Page, s: PrintSettings, origin: { x: number; y: number }): Buffer {
  const lines = [
    `SIZE ${mm(page.width, s)},${mm(page.height, s)}`,
    page.roll ? 'GAP 0,0' : `GAP ${s.gapMm} mm,0 mm`,
    'DIRECTION 1',
    `REFERENCE ${origin.x},${origin.y}`,
  ];
  if (s.darkness !== null) lines.push(`DENSITY ${Math.round(s.darkness / 2)}`); // TSPL density is 0–15
  if (s.speed !== null) lines.push(`SPEED ${s.speed}`);
  lines.push('CLS');
  return Buffer.from(lines.join(CRLF) + CRLF, 'ascii');
}

/** BITMAP x,y,bytes-per-row,rows,0 (overwrite),data — where a 0 bit prints, the reverse of our bitmap. */
export function tsplBitmap(x: number, y: number, bm: Bitmap): Buffer {
  const data = Buffer.alloc(bm.data.length); // unpooled, so 4-byte aligned: inverted a word at a time
  data.set(bm.data);
  const words = Math.floor(data.length / 4);
  const u32 = new Uint32Array(data.buffer, data.byteOffset, words);
  for (let i = 0; i < words; i++) u32[i] = ~u32[i]!;
  for (let i = words * 4; i < data.length; i++) data[i] = ~data[i]! & 0xff;
  return Buffer.concat([Buffer.from(`BITMAP ${x},${y},${bm.stride},${bm.height},0,`, 'ascii'), data, Buffer.from(CRLF, 'ascii')]);
}

const FOOTER = Buffer.from(`PRINT 1,1${CRLF}`, 'ascii');

export function encodeTsplRaster(bm: Bitmap, page: Page, s: PrintSettings): Buffer {
  return Buffer.concat([header(page, s, { x: 0, y: 0 }), tsplBitmap(0, 0, bm), FOOTER]);
}

function text(it: PlacedText, s: PrintSettings): Buffer {
  if (!printerFontCan(it.text, 'tspl', s)) return tsplBitmap(it.x, it.y, textBlock(it));
  const mul = cellMultiple(it.size);
  return Buffer.concat([Buffer.from(`TEXT ${it.x},${it.y},"${TSPL_CJK_FONT}",0,${mul},${mul},`, 'ascii'), gb18030(tsplString(it.text)), Buffer.from(CRLF, 'ascii')]);
}

export function encodeTsplNative(page: Page, s: PrintSettings, origin: { x: number; y: number }): Buffer {
  const parts: Buffer[] = [header(page, s, origin)];
  for (const it of page.items) {
    switch (it.kind) {
      case 'text':
        parts.push(text(it, s));
        break;
      case 'rect':
        parts.push(Buffer.from(`BAR ${it.x},${it.y},${it.w},${it.h}${CRLF}`, 'ascii'));
        break;
      case 'code128':
        // "128": the printer switches between subsets A/B/C itself, as bwip-js does, so the width matches
        parts.push(Buffer.from(`BARCODE ${it.x},${it.y},"128",${it.h},0,0,${it.module},${it.module},${tsplString(it.symbol.value)}${CRLF}`, 'ascii'));
        break;
      case 'qr':
        parts.push(Buffer.concat([Buffer.from(`QRCODE ${it.x},${it.y},M,${it.module},A,0,`, 'ascii'), Buffer.from(tsplString(it.symbol.value), 'utf8'), Buffer.from(CRLF, 'ascii')]));
        break;
    }
  }
  parts.push(FOOTER);
  return Buffer.concat(parts);
}
