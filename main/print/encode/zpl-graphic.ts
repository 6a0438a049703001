import type { Bitmap } from '../render/bitmap.js';

/**
 * ZPL ^GFA graphic fields in Zebra's ASCII compression: a hex row may end in "," (rest of the row is 0) or "!"
 * (rest is 1), ":" repeats the previous row, and a run of one hex digit is prefixed with a count — G…Y for 1–19,
 * g…z for 20…400 in steps of 20, combined (hK = 40 + 4). A mostly white label shrinks from 240 KB of hex to a few
 * KB, which is what makes raster labels quick on a 9600-baud or a busy network printer.
 */
function runPrefix(n: number): string {
  let out = '';
  const tens = Math.floor(n / 20);
  if (tens > 0) out += String.fromCharCode(0x67 + tens - 1); // g = 20 … z = 400
  if (n % 20 > 0) out += String.fromCharCode(0x47 + (n % 20) - 1); // G = 1 … Y = 19
  return out;
}

function compressRow(hex: string): string {
  let end = hex.length;
  let tail = '';
  if (hex[end - 1] === '0' || hex[end - 1] === 'F') {
    const ch = hex[end - 1]!;
    while (end > 0 && hex[end - 1] === ch) end--;
    tail = ch === '0' ? ',' : '!';
  }
  let out = '';
  let i = 0;
  while (i < end) {
    const ch = hex[i]!;
    let j = i + 1;
    while (j < end && hex[j] === ch) j++;
    let n = j - i;
    while (n > 419) {
      out += `z${ch}`;
      n -= 400;
    }
    out += n > 2 ? runPrefix(n) + ch : ch.repeat(n);
    i = j;
  }
  return out + tail;
}

export function zplGraphicData(bm: Bitmap): string {
  const rows: string[] = [];
  const data = Buffer.from(bm.data.buffer, bm.data.byteOffset, bm.data.byteLength);
  let prev: Buffer | null = null;
  for (let y = 0; y < bm.height; y++) {
    const row = data.subarray(y * bm.stride, (y + 1) * bm.stride);
    if (prev && row.equals(prev)) rows.push(':');
    else if (row.every((b) => b === 0)) rows.push(',');
    else rows.push(compressRow(row.toString('hex').toUpperCase()));
    prev = row;
  }
  return rows.join('');
}

/** ^GFA,total bytes,total bytes,bytes per row,data (the field origin comes before it). */
export function zplGraphic(bm: Bitmap): string {
  const total = bm.stride * bm.height;
  return `^GFA,${total},${total},${bm.stride},${zplGraphicData(bm)}`;
}
