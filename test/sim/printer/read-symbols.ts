import { qr } from '../../../main/print/render/barcodes.js';
import { getPixel, type Bitmap } from '../../../main/print/render/bitmap.js';

/**
 * Reading barcodes back out of a printed bitmap, the way a scanner would: a Code128 reader working from the bar and
 * space widths along one row (its own copy of the Code128 table, independent of the encoder), and a QR check that
 * samples module centres and compares them with the symbol the content must produce.
 */
const PATTERNS = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213', '221312', '231212', '112232', '122132', '122231', '113222',
  '123122', '123221', '223211', '221132', '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211', '212123', '212321',
  '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313', '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121',
  '313121', '211331', '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111', '314111', '221411', '431111', '111224',
  '111422', '121124', '121421', '141122', '141221', '112214', '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141', '214121', '412121', '111143', '111341', '131141', '114113',
  '114311', '411113', '411311', '113141', '114131', '311141', '411131', '211412', '211214', '211232',
]; // prettier-ignore
const STOP = '2331112';
const BY_PATTERN = new Map(PATTERNS.map((p, v) => [p, v]));

/** Bar/space runs (dots) along row y between x0 and x1, starting at the first bar. */
export function runsAlong(bm: Bitmap, y: number, x0: number, x1: number): { start: number; runs: number[] } {
  let x = x0;
  while (x < x1 && !getPixel(bm, x, y)) x++;
  const start = x;
  const runs: number[] = [];
  let end = x1;
  while (end > x && !getPixel(bm, end - 1, y)) end--;
  while (x < end) {
    const v = getPixel(bm, x, y);
    let n = 0;
    while (x < end && getPixel(bm, x, y) === v) {
      x++;
      n++;
    }
    runs.push(n);
  }
  return { start, runs };
}

/** Decodes Code128 from element widths in dots; throws saying what does not read. */
export function decodeCode128Runs(runs: number[]): { text: string; module: number } {
  const module = Math.min(...runs);
  const mods = runs.map((r) => {
    const m = r / module;
    if (Math.abs(m - Math.round(m)) > 0.01) throw new Error(`bar of ${r} dots is not a whole number of ${module}-dot modules`);
    return Math.round(m);
  });
  if ((mods.length - 7) % 6 !== 0 || mods.slice(-7).join('') !== STOP) throw new Error('no Code128 stop pattern at the end');
  const values: number[] = [];
  for (let i = 0; i < mods.length - 7; i += 6) {
    const v = BY_PATTERN.get(mods.slice(i, i + 6).join(''));
    if (v === undefined) throw new Error(`unknown Code128 pattern ${mods.slice(i, i + 6).join('')} at element ${i}`);
    values.push(v);
  }
  const [start, ...rest] = values;
  const check = rest.pop();
  if (start === undefined || start < 103 || check === undefined) throw new Error('no Code128 start code');
  const sum = rest.reduce((a, v, i) => a + v * (i + 1), start);
  if (sum % 103 !== check) throw new Error(`Code128 check character ${check} ≠ ${sum % 103}`);
  let set: 'A' | 'B' | 'C' = start === 103 ? 'A' : start === 104 ? 'B' : 'C';
  let text = '';
  for (const v of rest) {
    if (set === 'C' && v < 100) text += String(v).padStart(2, '0');
    else if (v === 99) set = 'C';
    else if (v === 100) set = 'B';
    else if (v === 101) set = 'A';
    else if (v < 96) text += String.fromCharCode(set === 'A' && v >= 64 ? v - 64 : v + 32);
    else throw new Error(`Code128 function value ${v} (ShopDesk never encodes one)`);
  }
  return { text, module };
}

/** Reads the Code128 crossing the middle of a box on the bitmap. */
export function readCode128(bm: Bitmap, box: { x: number; y: number; w: number; h: number }): { text: string; module: number; x: number } {
  const { start, runs } = runsAlong(bm, box.y + Math.floor(box.h / 2), box.x, box.x + box.w);
  if (runs.length === 0) throw new Error(`no bars inside ${JSON.stringify(box)}`);
  return { ...decodeCode128Runs(runs), x: start };
}

/** True when the modules at (x, y) are exactly the QR symbol of `content` drawn with `module` dots per module. */
export function qrMatches(bm: Bitmap, x: number, y: number, module: number, content: string): boolean {
  const sym = qr(content);
  const c = Math.floor(module / 2);
  for (let r = 0; r < sym.size; r++) for (let col = 0; col < sym.size; col++) if (getPixel(bm, x + col * module + c, y + r * module + c) !== sym.dark[r * sym.size + col]) return false;
  return true;
}
