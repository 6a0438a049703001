import bwipjs from 'bwip-js';

/**
 * Barcode symbols as modules, from bwip-js's encoder: Code128 as alternating bar/space widths, QR as a square of
 * dark/light modules. Drawing them is ours (whole dots per module, so a scanner reads crisp edges) and the same
 * symbol is drawn on the preview, in the raster page and measured for native commands. Encoding is cached: a batch
 * of labels repeats the same sender QR and layouts re-measure.
 */
export interface Code128Symbol {
  value: string;
  /** widths in modules: bar, space, bar, … (start to stop, no quiet zone) */
  sbs: number[];
  modules: number;
}

export interface QrSymbol {
  value: string;
  /** modules per side (no quiet zone) */
  size: number;
  /** size × size, row by row, 1 = dark */
  dark: Uint8Array;
}

const MAX_CACHED = 2000;
const code128Cache = new Map<string, Code128Symbol>();
const qrCache = new Map<string, QrSymbol>();

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

export function code128(value: string): Code128Symbol {
  const hit = code128Cache.get(value);
  if (hit) return hit;
  const [sym] = bwipjs.raw({ bcid: 'code128', text: value }) as Array<{ sbs: number[] }>;
  if (!sym) throw new Error(`bwip-js returned no Code128 symbol for "${value}"`);
  return remember(code128Cache, value, { value, sbs: sym.sbs, modules: sym.sbs.reduce((a, b) => a + b, 0) });
}

export function qr(value: string, ecc: 'L' | 'M' | 'Q' | 'H' = 'M'): QrSymbol {
  const key = `${ecc}\u0000${value}`;
  const hit = qrCache.get(key);
  if (hit) return hit;
  // Byte mode over the UTF-8 bytes, no ECI header: what a printer's own QR command makes of the same bytes, so a
  // raster and a native label carry the identical symbol. Phones read UTF-8 byte mode as text.
  const bytes = /[^\x20-\x7E]/.test(value) ? Buffer.from(value, 'utf8').toString('latin1') : value;
  const [sym] = bwipjs.raw('qrcode', bytes, `eclevel=${ecc}`) as Array<{ pixs: number[]; pixx: number; pixy: number }>;
  if (!sym || sym.pixx !== sym.pixy) throw new Error(`bwip-js returned no square QR symbol for "${value}"`);
  return remember(qrCache, key, { value, size: sym.pixx, dark: Uint8Array.from(sym.pixs) });
}
