import type { ThermalPrinter } from 'node-thermal-printer';
import { itemBottom, type Page, type Placed, type PlacedCode128, type PlacedQr, type PlacedText } from '../page.js';
import { cellMultiple } from '../render/metrics.js';
import { rasterizeRegion } from '../render/raster.js';
import type { PrintSettings } from '../settings.js';
import { epsonRaster, ESC, feed, FS, GS } from './escpos-commands.js';
import { gb18030, isPrintableAscii, printerFontCan } from './text-bytes.js';

/**
 * Native ESC/POS for a receipt printer. ESC/POS prints line by line down the paper, so the page is cut into bands
 * of items that overlap vertically. A band of text lines that share a top becomes one printed line (each piece
 * placed with ESC $); a band holding one barcode or one QR that is centred (or flush left) becomes the printer's own
 * symbol; anything else — rules, a box, side-by-side mixes — is printed as a raster band, so the page still looks
 * as laid out. Gaps between bands are fed with ESC J.
 */
interface Band {
  top: number;
  bottom: number;
  items: Placed[];
}

export function bands(items: Placed[]): Band[] {
  const sorted = [...items].sort((a, b) => a.y - b.y || a.x - b.x);
  const out: Band[] = [];
  for (const it of sorted) {
    const last = out[out.length - 1];
    if (last && it.y < last.bottom) {
      last.items.push(it);
      last.bottom = Math.max(last.bottom, itemBottom(it));
    } else out.push({ top: it.y, bottom: itemBottom(it), items: [it] });
  }
  return out;
}

type Placement = 'left' | 'center' | null;

function placement(x: number, w: number, pageWidth: number): Placement {
  if (x <= 0) return 'left';
  return Math.abs(x + w / 2 - pageWidth / 2) <= 1 ? 'center' : null;
}

/** One printed line: text pieces sharing a top, each placed with ESC $; mixed sizes sit on a common baseline. */
function textLine(p: ThermalPrinter, items: PlacedText[], chinese: { on: boolean }): number {
  const h = Math.max(...items.map((i) => i.h));
  p.add(Buffer.from([ESC, 0x33, Math.min(255, h)])); // line spacing = the tallest laid-out line
  for (const it of items.sort((a, b) => a.x - b.x)) {
    const mul = cellMultiple(it.size);
    p.add(Buffer.from([ESC, 0x24, it.x & 0xff, it.x >> 8]));
    p.setTextSize(mul - 1, mul - 1);
    p.bold(it.bold);
    if (!isPrintableAscii(it.text) && !chinese.on) {
      p.add(Buffer.from([FS, 0x26])); // FS &: Chinese (double-byte) character mode
      chinese.on = true;
    }
    p.add(isPrintableAscii(it.text) ? Buffer.from(it.text, 'ascii') : gb18030(it.text));
  }
  p.add(Buffer.from([0x0a]));
  return Math.max(h, 24 * Math.max(...items.map((i) => cellMultiple(i.size))));
}

/**
 * A band of text only: printed line by line (items grouped by their top). A tall piece (a big quantity beside two
 * lines of title) makes its line taller, so the next line prints a little lower than laid out — native output follows
 * the printer's line model; the raster mode is the exact one.
 */
function textBand(p: ThermalPrinter, items: PlacedText[], y: number, chinese: { on: boolean }): number {
  const tops = [...new Set(items.map((i) => i.y))].sort((a, b) => a - b);
  for (const top of tops) {
    if (top > y) feed(p, top - y);
    y = Math.max(y, top) + textLine(p, items.filter((i) => i.y === top), chinese);
  }
  return y;
}

interface Fit {
  where: 'left' | 'center';
  emit(p: ThermalPrinter): number;
}

/** "{" selects a subset; a literal one is doubled. Digit runs go in subset C (two digits per character). */
export function escposCode128Data(value: string): string {
  let out = '';
  let i = 0;
  let set: 'B' | 'C' = 'B';
  while (i < value.length) {
    const run = /^\d+/.exec(value.slice(i))?.[0].length ?? 0;
    const atEnd = i + run === value.length;
    if (run >= (atEnd ? 4 : 6)) {
      const even = run - (run % 2);
      if (run % 2) out += value[i++]; // the odd digit stays in B
      out += set === 'C' ? '' : '{C';
      set = 'C';
      for (let k = 0; k < even; k += 2) out += String.fromCharCode(Number(value.slice(i + k, i + k + 2)));
      i += even;
      continue;
    }
    if (set === 'C') {
      out += '{B';
      set = 'B';
    }
    out += value[i] === '{' ? '{{' : value[i];
    i++;
  }
  return out;
}

/** Modules of ESC/POS Code128 data after the "{B" start (a subset switch, a digit pair and "{{" are one character each). */
export function escposCode128Modules(data: string): number {
  const chars = data.replace(/\{[ABC{]/g, 'x').length;
  return 11 * (chars + 2) + 13; // start, data, check, and the 13-module stop
}

function code128Fit(it: PlacedCode128, pageWidth: number): Fit | null {
  const data = escposCode128Data(it.symbol.value);
  const modules = escposCode128Modules(data);
  const module = Math.min(6, Math.floor(it.maxW / modules));
  if (module < 2 || it.h > 255) return null;
  const w = modules * module;
  const where = placement(it.boxX + Math.floor((it.maxW - w) / 2), w, pageWidth);
  if (!where) return null;
  return {
    where,
    emit(p) {
      p.printBarcode(data, 73, { hriPos: 0, hriFont: 0, width: module, height: it.h });
      return it.h;
    },
  };
}

function qrFit(it: PlacedQr, pageWidth: number): Fit | null {
  const where = placement(it.x, it.size, pageWidth);
  if (!where || it.module > 8) return null;
  return {
    where,
    emit(p) {
      if (isPrintableAscii(it.symbol.value)) p.printQR(it.symbol.value, { cellSize: it.module, correction: 'M', model: 2 });
      else {
        // node-thermal-printer counts characters, not bytes, in the store command's length: build it for UTF-8
        const data = Buffer.from(it.symbol.value, 'utf8');
        const n = data.length + 3;
        p.add(Buffer.from([GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00, GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, it.module, GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x31]));
        p.add(Buffer.concat([Buffer.from([GS, 0x28, 0x6b, n & 0xff, n >> 8, 0x31, 0x50, 0x30]), data, Buffer.from([GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30])]));
      }
      return it.size;
    },
  };
}

/** Prints a band natively if the printer can; returns the new y, or null when it must be a raster band. */
function nativeBand(p: ThermalPrinter, band: Band, y: number, page: Page, s: PrintSettings, chinese: { on: boolean }): number | null {
  const texts = band.items.filter((i): i is PlacedText => i.kind === 'text' && printerFontCan(i.text, 'escpos', s));
  if (texts.length === band.items.length) return textBand(p, texts, y, chinese);
  if (band.items.length !== 1) return null;
  const it = band.items[0]!;
  const fit = it.kind === 'code128' ? code128Fit(it, page.width) : it.kind === 'qr' ? qrFit(it, page.width) : null;
  if (!fit) return null;
  feed(p, band.top - y);
  if (fit.where === 'center') p.alignCenter();
  else p.alignLeft();
  const advanced = fit.emit(p);
  p.alignLeft();
  return Math.max(y, band.top) + advanced;
}

/** A vertical rule across several lines (a label's frame): line-mode printing cannot draw it beside text. */
function isTallRule(it: Placed): boolean {
  return it.kind === 'rect' && it.h > 48 && it.h > 4 * it.w;
}

export function escposNativeBody(p: ThermalPrinter, page: Page, s: PrintSettings): void {
  let y = 0;
  const chinese = { on: false };
  const tall = page.items.filter(isTallRule);
  // Kept, the frame would turn the whole label into one raster band; left out, the text and symbols stay native.
  if (tall.length) page.warnings.push(`ESC/POS native mode leaves out ${tall.length} vertical rule(s) (the frame); print in raster mode to keep them`);
  for (const band of bands(page.items.filter((it) => !isTallRule(it)))) {
    const after = nativeBand(p, band, y, page, s, chinese);
    if (after !== null) {
      y = after;
      continue;
    }
    feed(p, band.top - y);
    const top = Math.max(y, band.top);
    // a band pushed down by taller native lines above keeps its own height; its content starts where the paper is
    p.add(epsonRaster(rasterizeRegion(band.items, 0, band.top, page.width, band.bottom - band.top)));
    y = top + band.bottom - band.top;
  }
  feed(p, page.height - y);
  if (chinese.on) p.add(Buffer.from([FS, 0x2e])); // FS .: back to single-byte mode for whoever prints next
}
