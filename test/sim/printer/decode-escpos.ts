import iconv from 'iconv-lite';
import { qr } from '../../../main/print/render/barcodes.js';
import { createBitmap } from '../../../main/print/render/bitmap.js';
import { DecodeError, emptyPage, type DecodedJob, type DecodedPage } from './decoded.js';

/**
 * ESC/POS reader that follows the paper: a y cursor moved by line feeds (ESC 3 spacing), ESC J feeds, barcodes,
 * QR codes and raster images; x from ESC $ plus the GS L left margin, or from ESC a justification for symbols and
 * images. Text is decoded per printed line (GB18030 in FS & Chinese mode). Pages end at cuts (GS V; Star ESC d).
 * The Star dialect covers what ShopDesk sends to Star printers: raster graphics (ESC * r …) and the cut.
 */
export interface EscPosOptions {
  dialect?: 'epson' | 'star';
  /** printable width in dots (576 on 80 mm paper, 384 on 58 mm) */
  width?: number;
}

interface Piece {
  x: number;
  bytes: number[];
  size: number;
}

export function decodeEscPos(bytes: Buffer, opts: EscPosOptions = {}): DecodedJob {
  const dialect = opts.dialect ?? 'epson';
  const width = opts.width ?? 576;
  const job: DecodedJob = { pages: [], statusQueries: 0 };
  let page: DecodedPage = emptyPage();
  let y = 0;
  let left = 0;
  let align = 0;
  let spacing = 30;
  let mul = 1;
  let chinese = false;
  let pos = 0;
  let barcode = { hri: 0, module: 3, height: 162 };
  let qrState = { module: 3, data: null as Buffer | null };
  let pieces: Piece[] = [];
  let cur: Piece | null = null;
  let lineHeight = 0;
  let starRaster = false;
  let starRows: Buffer[] = [];

  const fail = (what: string): never => {
    throw new DecodeError(dialect === 'star' ? 'Star' : 'ESC/POS', pos, what);
  };
  const need = (n: number) => {
    if (pos + n > bytes.length) fail(`command cut short (needs ${n} bytes)`);
  };
  const xFor = (w: number) => (align === 1 ? left + Math.floor((width - left - w) / 2) : align === 2 ? width - w : left);
  const flush = () => {
    for (const p of pieces) {
      if (!p.bytes.length) continue;
      page.texts.push({ x: p.x, y, size: 24 * p.size, text: chinese || p.bytes.some((b) => b >= 0x80) ? iconv.decode(Buffer.from(p.bytes), 'gb18030') : Buffer.from(p.bytes).toString('ascii') });
    }
    const had = pieces.some((p) => p.bytes.length);
    pieces = [];
    cur = null;
    const h = lineHeight;
    lineHeight = 0;
    return had ? h : 0;
  };
  const startPiece = (x: number) => {
    cur = { x, bytes: [], size: mul };
    pieces.push(cur);
  };
  const endPage = (cut: 'full' | 'partial') => {
    flush();
    page.cut = cut;
    page.height = y;
    page.width = width;
    job.pages.push(page);
    page = emptyPage();
    y = 0;
  };

  while (pos < bytes.length) {
    const b = bytes[pos]!;
    if (starRaster) {
      if (b === 0x62) {
        need(3);
        const n = bytes[pos + 1]! + 256 * bytes[pos + 2]!;
        need(3 + n);
        starRows.push(bytes.subarray(pos + 3, pos + 3 + n));
        pos += 3 + n;
        continue;
      }
      if (b === 0x1b && bytes[pos + 1] === 0x2a && bytes[pos + 2] === 0x72 && bytes[pos + 3] === 0x42) {
        const stride = Math.max(0, ...starRows.map((r) => r.length));
        const bm = createBitmap(Math.max(8, stride * 8), Math.max(1, starRows.length));
        starRows.forEach((r, i) => bm.data.set(r, i * bm.stride));
        if (starRows.length) page.images.push({ x: left, y, bitmap: bm });
        y += starRows.length;
        starRows = [];
        starRaster = false;
        pos += 4;
        continue;
      }
      if (b === 0x1b && bytes[pos + 1] === 0x2a && bytes[pos + 2] === 0x72 && bytes[pos + 3] === 0x50) {
        const end = bytes.indexOf(0x00, pos + 4);
        if (end < 0) fail('ESC * r P without its NUL');
        page.settings.starPageLength = bytes.subarray(pos + 4, end).toString('ascii');
        pos = end + 1;
        continue;
      }
      fail(`byte 0x${b.toString(16)} inside Star raster mode`);
    }
    if (b === 0x0a) {
      const h = flush();
      y += Math.max(spacing, h);
      pos++;
      continue;
    }
    if (b === 0x0b && dialect === 'star') {
      y += flush() || spacing;
      pos++;
      continue;
    }
    if (b === 0x10) {
      need(3);
      if (bytes[pos + 1] !== 0x04) fail('DLE command other than DLE EOT');
      job.statusQueries++;
      pos += 3;
      continue;
    }
    if (b >= 0x20 && b !== 0x7f) {
      if (!cur) startPiece(left);
      const piece = cur!;
      if (piece.bytes.length === 0) piece.size = mul; // GS ! may come after ESC $
      piece.bytes.push(b);
      lineHeight = Math.max(lineHeight, 24 * mul);
      if (chinese && b >= 0x81) {
        need(2);
        piece.bytes.push(bytes[pos + 1]!);
        pos += 2;
      } else pos++;
      continue;
    }
    const c1 = bytes[pos + 1];
    if (b === 0x1b) {
      need(2);
      switch (c1) {
        case 0x40: // ESC @
          flush();
          align = 0;
          spacing = 30;
          mul = 1;
          chinese = false;
          left = 0;
          pos += 2;
          continue;
        case 0x61: // ESC a n
          need(3);
          align = bytes[pos + 2]! % 48;
          pos += 3;
          continue;
        case 0x45: // ESC E n
          need(3);
          pos += 3;
          continue;
        case 0x33: // ESC 3 n
          need(3);
          spacing = bytes[pos + 2]!;
          pos += 3;
          continue;
        case 0x32: // ESC 2
          spacing = 30;
          pos += 2;
          continue;
        case 0x4a: {
          // ESC J n: print the line, feed n dots
          need(3);
          flush();
          y += bytes[pos + 2]!;
          pos += 3;
          continue;
        }
        case 0x64: {
          need(3);
          const n = bytes[pos + 2]!;
          pos += 3;
          if (dialect === 'star') endPage(n === 2 ? 'full' : 'partial'); // Star ESC d 2/3: full/partial cut
          else {
            flush();
            y += n * spacing;
          }
          continue;
        }
        case 0x24: {
          // ESC $ nL nH: absolute position from the left margin
          need(4);
          const x = left + bytes[pos + 2]! + 256 * bytes[pos + 3]!;
          startPiece(x);
          pos += 4;
          continue;
        }
        case 0x2a:
          if (dialect === 'star' && bytes[pos + 2] === 0x72 && bytes[pos + 3] === 0x41) {
            flush();
            starRaster = true;
            pos += 4;
            continue;
          }
          break;
        case 0x74:
        case 0x52:
        case 0x4d:
        case 0x2d:
          need(3);
          pos += 3;
          continue;
      }
      fail(`unknown command ESC 0x${(c1 ?? 0).toString(16)}`);
    }
    if (b === 0x1c) {
      need(2);
      if (c1 === 0x26 || c1 === 0x2e) {
        chinese = c1 === 0x26;
        pos += 2;
        continue;
      }
      fail(`unknown command FS 0x${(c1 ?? 0).toString(16)}`);
    }
    if (b === 0x1d) {
      need(3);
      switch (c1) {
        case 0x21: // GS ! n
          mul = (bytes[pos + 2]! & 0x0f) + 1;
          pos += 3;
          continue;
        case 0x4c: // GS L nL nH
          need(4);
          left = bytes[pos + 2]! + 256 * bytes[pos + 3]!;
          page.settings.leftMargin = left;
          pos += 4;
          continue;
        case 0x48:
          barcode = { ...barcode, hri: bytes[pos + 2]! };
          pos += 3;
          continue;
        case 0x66:
        case 0x42:
          pos += 3;
          continue;
        case 0x77:
          barcode = { ...barcode, module: bytes[pos + 2]! };
          pos += 3;
          continue;
        case 0x68:
          barcode = { ...barcode, height: bytes[pos + 2]! };
          pos += 3;
          continue;
        case 0x6b: {
          // GS k 73 n {B data
          need(4);
          if (bytes[pos + 2] !== 73) fail(`barcode type ${bytes[pos + 2]} (ShopDesk sends 73, Code128)`);
          const n = bytes[pos + 3]!;
          need(4 + n);
          const raw = bytes.subarray(pos + 4, pos + 4 + n).toString('latin1');
          if (!raw.startsWith('{')) fail('Code128 data does not start with a subset selection');
          let set = '';
          let content = '';
          let chars = 0; // symbol characters, start included
          for (let i = 0; i < raw.length; i++) {
            chars++;
            if (raw[i] === '{') {
              const next = raw[++i];
              if (next === '{' && set === 'B') content += '{';
              else if (next === 'A' || next === 'B' || next === 'C') set = next;
              else fail(`Code128 function "{${next ?? ''}"`);
            } else if (set === 'C') {
              const v = raw.charCodeAt(i);
              if (v > 99) fail(`Code128 subset C value ${v}`);
              content += String(v).padStart(2, '0');
            } else if (set === 'B') content += raw[i];
            else fail('Code128 subset A data (ShopDesk never sends it)');
          }
          flush();
          const w = (11 * (chars + 1) + 13) * barcode.module;
          page.barcodes.push({ type: 'code128', x: xFor(w), y, content, height: barcode.height, module: barcode.module });
          y += barcode.height;
          pos += 4 + n;
          continue;
        }
        case 0x28: {
          need(5);
          const fn = bytes[pos + 2]!;
          const len = bytes[pos + 3]! + 256 * bytes[pos + 4]!;
          need(5 + len);
          const body = bytes.subarray(pos + 5, pos + 5 + len);
          pos += 5 + len;
          if (fn === 0x4b) {
            page.settings.density = (body[1]! << 24) >> 24; // GS ( K fn 49: signed density
            continue;
          }
          if (fn !== 0x6b || body[0] !== 0x31) fail(`GS ( 0x${fn.toString(16)} function`);
          const f = body[1]!;
          if (f === 0x43) qrState = { ...qrState, module: body[2]! };
          else if (f === 0x50) qrState = { ...qrState, data: Buffer.from(body.subarray(3)) };
          else if (f === 0x51) {
            if (!qrState.data) fail('QR print without stored data');
            flush();
            const content = qrState.data!.toString('utf8');
            const size = qr(content).size * qrState.module; // the printer's own encoder picks the same version
            page.qrs.push({ x: xFor(size), y, content, module: qrState.module });
            y += size;
          } else if (f !== 0x41 && f !== 0x45) fail(`QR function 0x${f.toString(16)}`);
          continue;
        }
        case 0x76: {
          // GS v 0 m xL xH yL yH data
          need(8);
          if (bytes[pos + 2] !== 0x30) fail('GS v other than GS v 0');
          const xb = bytes[pos + 4]! + 256 * bytes[pos + 5]!;
          const rows = bytes[pos + 6]! + 256 * bytes[pos + 7]!;
          need(8 + xb * rows);
          flush();
          const bm = createBitmap(xb * 8, rows);
          bm.data.set(bytes.subarray(pos + 8, pos + 8 + xb * rows));
          page.images.push({ x: xFor(xb * 8), y, bitmap: bm });
          y += rows;
          pos += 8 + xb * rows;
          continue;
        }
        case 0x56: {
          // GS V m [n]
          const m = bytes[pos + 2]!;
          pos += m >= 65 ? 4 : 3;
          endPage(m === 0 || m === 48 || m === 65 ? 'full' : 'partial');
          continue;
        }
      }
      fail(`unknown command GS 0x${(c1 ?? 0).toString(16)}`);
    }
    fail(`unexpected control byte 0x${b.toString(16)}`);
  }
  flush();
  if (page.texts.length || page.images.length || page.barcodes.length || page.qrs.length) {
    page.height = y;
    page.width = width;
    job.pages.push(page);
  }
  return job;
}
