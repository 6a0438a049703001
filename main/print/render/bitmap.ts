import zlib from 'node:zlib';

/**
 * A 1-bit page: rows of packed bits, most significant bit first, 1 = a black dot — the layout ESC/POS GS v 0 and
 * ZPL ^GF take as is (TSPL's BITMAP wants it inverted). Padding bits at the end of a row are always 0.
 */
export interface Bitmap {
  width: number;
  height: number;
  /** bytes per row */
  stride: number;
  data: Uint8Array;
}

export function createBitmap(width: number, height: number): Bitmap {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) throw new Error(`bitmap size must be positive whole dots, got ${width}×${height}`);
  const stride = (width + 7) >> 3;
  return { width, height, stride, data: new Uint8Array(stride * height) };
}

export function getPixel(bm: Bitmap, x: number, y: number): 0 | 1 {
  if (x < 0 || y < 0 || x >= bm.width || y >= bm.height) return 0;
  return ((bm.data[y * bm.stride + (x >> 3)]! >> (7 - (x & 7))) & 1) as 0 | 1;
}

/** Blackens a rectangle, clipped to the page. */
export function fillRect(bm: Bitmap, x: number, y: number, w: number, h: number): void {
  const x0 = Math.max(0, Math.round(x));
  const y0 = Math.max(0, Math.round(y));
  const x1 = Math.min(bm.width, Math.round(x + w));
  const y1 = Math.min(bm.height, Math.round(y + h));
  if (x1 <= x0 || y1 <= y0) return;
  const b0 = x0 >> 3;
  const b1 = (x1 - 1) >> 3;
  const m0 = 0xff >> (x0 & 7);
  const m1 = (0xff << (7 - ((x1 - 1) & 7))) & 0xff;
  for (let row = y0; row < y1; row++) {
    const o = row * bm.stride;
    if (b0 === b1) {
      bm.data[o + b0]! |= m0 & m1;
      continue;
    }
    bm.data[o + b0]! |= m0;
    bm.data.fill(0xff, o + b0 + 1, o + b1);
    bm.data[o + b1]! |= m1;
  }
}

/** ORs `src` onto `dst` with its top-left at (x, y); parts outside `dst` are clipped. */
export function blit(dst: Bitmap, src: Bitmap, x: number, y: number): void {
  const shift = x & 7;
  const first = x >> 3;
  const pad = dst.width & 7 ? (0xff << (8 - (dst.width & 7))) & 0xff : 0xff;
  for (let sy = 0; sy < src.height; sy++) {
    const dy = y + sy;
    if (dy < 0 || dy >= dst.height) continue;
    const so = sy * src.stride;
    const dor = dy * dst.stride;
    for (let i = 0; i < src.stride; i++) {
      const b = src.data[so + i]!;
      if (b === 0) continue;
      const di = first + i;
      if (di >= 0 && di < dst.stride) dst.data[dor + di]! |= b >> shift;
      if (shift && di + 1 >= 0 && di + 1 < dst.stride) dst.data[dor + di + 1]! |= (b << (8 - shift)) & 0xff;
    }
    dst.data[dor + dst.stride - 1]! &= pad;
  }
}

export function bitmapsEqual(a: Bitmap, b: Bitmap): boolean {
  return a.width === b.width && a.height === b.height && Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength).equals(Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength));
}

/** Number of black dots in a rectangle (tests and the calibration page use it to find ink). */
export function inkIn(bm: Bitmap, x: number, y: number, w: number, h: number): number {
  let n = 0;
  for (let yy = Math.max(0, y); yy < Math.min(bm.height, y + h); yy++) for (let xx = Math.max(0, x); xx < Math.min(bm.width, x + w); xx++) n += getPixel(bm, xx, yy);
  return n;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

/**
 * The bitmap as a 1-bit grayscale PNG, dot for dot: what the preview shows is exactly what is sent. (PNG grayscale
 * 0 is black, so the bits are inverted; the padding becomes white.) With dotsPerMm the PNG states its resolution,
 * so an image viewer shows the label at its real size.
 */
export function bitmapToPng(bm: Bitmap, dotsPerMm?: number): Buffer {
  const raw = Buffer.alloc((bm.stride + 1) * bm.height);
  for (let y = 0; y < bm.height; y++) {
    const o = y * (bm.stride + 1);
    raw[o] = 0; // filter: none
    for (let i = 0; i < bm.stride; i++) raw[o + 1 + i] = ~bm.data[y * bm.stride + i]! & 0xff;
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(bm.width, 0);
  ihdr.writeUInt32BE(bm.height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // grayscale
  const chunks = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)];
  if (dotsPerMm) {
    const phys = Buffer.alloc(9);
    phys.writeUInt32BE(Math.round(dotsPerMm * 1000), 0);
    phys.writeUInt32BE(Math.round(dotsPerMm * 1000), 4);
    phys[8] = 1; // unit: metre
    chunks.push(chunk('pHYs', phys));
  }
  chunks.push(chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(chunks);
}
