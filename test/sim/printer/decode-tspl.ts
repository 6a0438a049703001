import iconv from 'iconv-lite';
import { createBitmap } from '../../../main/print/render/bitmap.js';
import { DecodeError, emptyPage, type DecodedJob, type DecodedPage } from './decoded.js';

/**
 * TSPL reader: CRLF-terminated commands; strings in double quotes (a quote inside is \["]), GB18030 for TEXT and
 * UTF-8 for QRCODE; BITMAP carries rows×bytes of raw data where a 0 bit prints. Coordinates get REFERENCE added.
 */
interface Arg {
  raw: Buffer;
  quoted: boolean;
}

/** Splits "a,b,\"c,d\"" on commas outside quotes, keeping string bytes undecoded. */
function splitArgs(b: Buffer, at: number): Arg[] {
  const args: Arg[] = [];
  let i = 0;
  while (i <= b.length) {
    while (b[i] === 0x20) i++;
    if (b[i] === 0x22) {
      let j = i + 1;
      const parts: number[] = [];
      for (;;) {
        if (j >= b.length) throw new DecodeError('TSPL', at, 'unterminated string');
        if (b[j] === 0x5c && b[j + 1] === 0x5b && b[j + 2] === 0x22 && b[j + 3] === 0x5d) {
          parts.push(0x22);
          j += 4;
          continue;
        }
        if (b[j] === 0x22) break;
        parts.push(b[j]!);
        j++;
      }
      args.push({ raw: Buffer.from(parts), quoted: true });
      i = j + 1;
      while (b[i] === 0x20) i++;
      if (i < b.length && b[i] !== 0x2c) throw new DecodeError('TSPL', at + i, 'text after a string argument');
      i++;
    } else {
      let j = b.indexOf(0x2c, i);
      if (j < 0) j = b.length;
      args.push({ raw: b.subarray(i, j), quoted: false });
      i = j + 1;
    }
  }
  return args;
}

function num(a: Arg | undefined, at: number, what: string): number {
  const s = a?.raw.toString('ascii').trim() ?? '';
  const m = /^(-?\d+(?:\.\d+)?)(?:\s*mm)?$/.exec(s);
  if (!m) throw new DecodeError('TSPL', at, `${what} is not a number ("${s}")`);
  return Number(m[1]);
}

function str(a: Arg | undefined, at: number, enc: 'gb18030' | 'utf8' | 'ascii'): string {
  if (!a?.quoted) throw new DecodeError('TSPL', at, 'expected a quoted string');
  return enc === 'gb18030' ? iconv.decode(a.raw, 'gb18030') : a.raw.toString(enc);
}

/** dotsPerMm converts SIZE (mm) to dots: 8 at 203 dpi, 12 at 300. */
export function decodeTspl(bytes: Buffer, opts: { dotsPerMm?: number } = {}): DecodedJob {
  const dpmm = opts.dotsPerMm ?? 8;
  const job: DecodedJob = { pages: [], statusQueries: 0 };
  let page: DecodedPage = emptyPage();
  let ref = { x: 0, y: 0 };
  let pos = 0;
  while (pos < bytes.length) {
    if (bytes[pos] === 0x0d || bytes[pos] === 0x0a) {
      pos++;
      continue;
    }
    if (bytes[pos] === 0x1b && bytes[pos + 1] === 0x21 && bytes[pos + 2] === 0x3f) {
      job.statusQueries++;
      pos += 3;
      continue;
    }
    const at = pos;
    const word = /^[A-Z]+/.exec(bytes.subarray(pos, pos + 16).toString('latin1'))?.[0];
    if (!word) throw new DecodeError('TSPL', at, `unexpected byte 0x${bytes[pos]!.toString(16)}`);
    pos += word.length;
    if (word === 'BITMAP') {
      // header up to the 6th comma, then width×height bytes of data
      let commas = 0;
      let end = pos;
      while (commas < 5 && end < bytes.length) if (bytes[end++] === 0x2c) commas++;
      const [x, y, wb, h, mode] = splitArgs(bytes.subarray(pos, end - 1), at).map((a, i) => num(a, at, `BITMAP argument ${i + 1}`));
      if (mode !== 0) throw new DecodeError('TSPL', at, `BITMAP mode ${mode} (only 0, overwrite, is used)`);
      const bm = createBitmap(wb! * 8, h!);
      const data = bytes.subarray(end, end + wb! * h!);
      if (data.length !== wb! * h!) throw new DecodeError('TSPL', at, `BITMAP announces ${wb! * h!} bytes, ${data.length} follow`);
      for (let i = 0; i < data.length; i++) bm.data[i] = ~data[i]! & 0xff;
      page.images.push({ x: x! + ref.x, y: y! + ref.y, bitmap: bm });
      pos = end + data.length;
      continue;
    }
    let eol = bytes.indexOf(0x0a, pos);
    if (eol < 0) eol = bytes.length;
    const line = bytes.subarray(pos, bytes[eol - 1] === 0x0d ? eol - 1 : eol);
    pos = eol + 1;
    const args = line.length ? splitArgs(line.subarray(line[0] === 0x20 ? 1 : 0), at) : [];
    switch (word) {
      case 'SIZE':
        page.width = Math.round(num(args[0], at, 'SIZE width') * dpmm);
        page.height = Math.round(num(args[1], at, 'SIZE height') * dpmm);
        break;
      case 'GAP':
      case 'DIRECTION':
      case 'DENSITY':
      case 'SPEED':
        page.settings[word] = line.toString('ascii').trim();
        break;
      case 'REFERENCE':
        ref = { x: num(args[0], at, 'REFERENCE x'), y: num(args[1], at, 'REFERENCE y') };
        page.settings.REFERENCE = `${ref.x},${ref.y}`;
        break;
      case 'CLS':
        break;
      case 'TEXT': {
        const font = str(args[2], at, 'ascii');
        page.texts.push({ x: num(args[0], at, 'TEXT x') + ref.x, y: num(args[1], at, 'TEXT y') + ref.y, font, size: 24 * num(args[5], at, 'TEXT y-multiplier'), text: str(args[6], at, 'gb18030') });
        break;
      }
      case 'BARCODE': {
        const type = str(args[2], at, 'ascii');
        if (type !== '128') throw new DecodeError('TSPL', at, `barcode type "${type}"`);
        page.barcodes.push({ type: 'code128', x: num(args[0], at, 'x') + ref.x, y: num(args[1], at, 'y') + ref.y, height: num(args[3], at, 'height'), module: num(args[6], at, 'narrow'), content: str(args[8], at, 'ascii') });
        break;
      }
      case 'QRCODE':
        page.qrs.push({ x: num(args[0], at, 'x') + ref.x, y: num(args[1], at, 'y') + ref.y, module: num(args[3], at, 'cell width'), content: str(args[args.length - 1], at, 'utf8') });
        break;
      case 'BAR':
        page.rects.push({ x: num(args[0], at, 'x') + ref.x, y: num(args[1], at, 'y') + ref.y, w: num(args[2], at, 'width'), h: num(args[3], at, 'height') });
        break;
      case 'PRINT':
        page.copies = num(args[0], at, 'PRINT sets') * (args[1] ? num(args[1], at, 'PRINT copies') : 1);
        job.pages.push(page);
        page = emptyPage();
        page.width = job.pages[job.pages.length - 1]!.width;
        page.height = job.pages[job.pages.length - 1]!.height;
        break;
      default:
        throw new DecodeError('TSPL', at, `unknown command ${word}`);
    }
  }
  if (page.texts.length || page.images.length || page.barcodes.length || page.qrs.length || page.rects.length) throw new DecodeError('TSPL', pos, 'content after the last PRINT is never printed');
  return job;
}
