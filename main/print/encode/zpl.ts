import type { Page, PlacedText } from '../page.js';
import type { Bitmap } from '../render/bitmap.js';
import { textBlock } from '../render/raster.js';
import type { PrintSettings } from '../settings.js';
import { printerFontCan } from './text-bytes.js';
import { zplGraphic } from './zpl-graphic.js';

/**
 * ZPL II (Zebra). One ^XA…^XZ format per document, UTF-8 field data (^CI28). Field data goes through ^FH so that
 * "^", "~" and "\" in an address or order id cannot end the field or start a command.
 */
export function zplField(text: string): string {
  return `^FH\\^FD${text.replace(/[\\^~]/g, (c) => `\\${c.charCodeAt(0).toString(16).toUpperCase()}`)}^FS`;
}

function head(page: Page, s: PrintSettings, origin: { x: number; y: number }): string {
  // ~SD is the absolute darkness (00–30), a setting of the printer; ^MD would only adjust it relatively
  let out = s.darkness !== null ? `~SD${String(s.darkness).padStart(2, '0')}` : '';
  out += `^XA^CI28^PW${page.width}^LL${page.height}^LH${origin.x},${origin.y}`;
  if (s.speed !== null) out += `^PR${s.speed}`;
  if (page.roll) out += '^MNN'; // continuous receipt stock: no gap or mark to find
  return out;
}

const TAIL = '^PQ1^XZ';

export function encodeZplRaster(bm: Bitmap, page: Page, s: PrintSettings): Buffer {
  return Buffer.from(`${head(page, s, { x: 0, y: 0 })}^FO0,0${zplGraphic(bm)}^FS${TAIL}`, 'utf8');
}

function text(it: PlacedText, s: PrintSettings): string {
  if (!printerFontCan(it.text, 'zpl', s)) return `^FO${it.x},${it.y}${zplGraphic(textBlock(it))}^FS`;
  // the em box sits 0.1 em below the line top in our layout, as in the raster page
  const y = it.y + Math.round(it.size * 0.1);
  const font = /^[\x20-\x7E]*$/.test(it.text) ? `^A0N,${it.size},${it.size}` : `^A@N,${it.size},${it.size},${s.zplCjkFont}`;
  return `^FO${it.x},${y}${font}${zplField(it.text)}`;
}

export function encodeZplNative(page: Page, s: PrintSettings, origin: { x: number; y: number }): Buffer {
  let out = head(page, s, origin);
  for (const it of page.items) {
    switch (it.kind) {
      case 'text':
        out += text(it, s);
        break;
      case 'rect':
        out += `^FO${it.x},${it.y}^GB${it.w},${it.h},${Math.min(it.w, it.h)}^FS`;
        break;
      case 'code128':
        // mode A: the printer picks subsets A/B/C itself (as bwip-js does), so the symbol is as wide as laid out
        out += `^FO${it.x},${it.y}^BY${it.module},3,${it.h}^BCN,${it.h},N,N,N,A${zplField(it.symbol.value)}`;
        break;
      case 'qr':
        // model 2, error correction M, automatic data mode
        out += `^FO${it.x},${it.y}^BQN,2,${it.module}${zplField(`MA,${it.symbol.value}`)}`;
        break;
    }
  }
  return Buffer.from(out + TAIL, 'utf8');
}
