import { createBitmap, type Bitmap } from '../../../main/print/render/bitmap.js';
import { DecodeError, emptyPage, type DecodedJob, type DecodedPage } from './decoded.js';

/**
 * ZPL II reader for what ShopDesk sends (and little else — anything unknown stops it): formats ^XA…^XZ, field
 * origin ^FO plus the label home ^LH, text fields (^A0 / ^A@ with ^FH hex escapes, UTF-8 under ^CI28), ^BC
 * Code128, ^BQ QR, ^GB boxes and ^GFA graphics in Zebra's ASCII compression.
 */
const COUNT_UPPER = 'GHIJKLMNOPQRSTUVWXY'; // 1–19
const COUNT_LOWER = 'ghijklmnopqrstuvwxyz'; // 20–400

/** Expands ^GFA ASCII data (hex with run counts, ",", "!", ":") into a bitmap. */
export function decodeGraphic(data: string, bytesPerRow: number, totalBytes: number, at: number): Bitmap {
  const rowsWanted = totalBytes / bytesPerRow;
  if (!Number.isInteger(rowsWanted)) throw new DecodeError('ZPL', at, `^GF total ${totalBytes} is not a whole number of ${bytesPerRow}-byte rows`);
  const width = bytesPerRow * 2;
  const rows: string[] = [];
  let row = '';
  let count = 0;
  const push = (r: string) => {
    if (r.length !== width) throw new DecodeError('ZPL', at, `^GF row ${rows.length} has ${r.length / 2} bytes, not ${bytesPerRow}`);
    rows.push(r);
    row = '';
  };
  for (const c of data) {
    if (c === '\r' || c === '\n') continue;
    if (c === ':') {
      if (row !== '' || rows.length === 0) throw new DecodeError('ZPL', at, '":" (repeat row) not at the start of a row after a row');
      push(rows[rows.length - 1]!);
    } else if (c === ',' || c === '!') push(row.padEnd(width, c === ',' ? '0' : 'F'));
    else if (COUNT_UPPER.includes(c)) count += COUNT_UPPER.indexOf(c) + 1;
    else if (COUNT_LOWER.includes(c)) count += (COUNT_LOWER.indexOf(c) + 1) * 20;
    else if (/[0-9A-F]/.test(c)) {
      row += c.repeat(count || 1);
      count = 0;
      if (row.length > width) throw new DecodeError('ZPL', at, `^GF row ${rows.length} runs past ${bytesPerRow} bytes`);
      if (row.length === width) push(row);
    } else throw new DecodeError('ZPL', at, `character "${c}" in ^GF data`);
  }
  if (row !== '' || count) throw new DecodeError('ZPL', at, '^GF data ends inside a row');
  if (rows.length !== rowsWanted) throw new DecodeError('ZPL', at, `^GF announces ${rowsWanted} rows, has ${rows.length}`);
  const bm = createBitmap(bytesPerRow * 8, rows.length);
  rows.forEach((r, y) => bm.data.set(Buffer.from(r, 'hex'), y * bytesPerRow));
  return bm;
}

function unescape(data: string, indicator: string | null): string {
  if (!indicator) return data;
  const bytes: number[] = [];
  const raw = Buffer.from(data, 'utf8');
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === indicator.charCodeAt(0)) {
      bytes.push(parseInt(raw.subarray(i + 1, i + 3).toString('ascii'), 16));
      i += 2;
    } else bytes.push(raw[i]!);
  }
  return Buffer.from(bytes).toString('utf8');
}

type Field =
  | { kind: 'text'; h: number; font: string }
  | { kind: 'code128'; h: number }
  | { kind: 'qr'; module: number }
  | { kind: 'graphic'; bitmap: Bitmap }
  | { kind: 'box'; w: number; h: number }
  | null;

export function decodeZpl(bytes: Buffer): DecodedJob {
  const src = bytes.toString('utf8');
  const job: DecodedJob = { pages: [], statusQueries: 0 };
  let page: DecodedPage | null = null;
  let pending: Record<string, string | number> = {};
  let home = { x: 0, y: 0 };
  let fo = { x: 0, y: 0 };
  let by = { module: 2, height: 10 };
  let fh: string | null = null;
  let field: Field = null;
  let data: string | null = null;
  let i = 0;
  const need = (at: number, what: string): DecodedPage => {
    if (!page) throw new DecodeError('ZPL', at, `${what} outside ^XA…^XZ`);
    return page;
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\r' || c === '\n' || c === ' ') {
      i++;
      continue;
    }
    if (c !== '^' && c !== '~') throw new DecodeError('ZPL', i, `text "${src.slice(i, i + 12)}" outside a field`);
    const at = i;
    let name = src.slice(i + 1, i + 3).toUpperCase();
    if (name[0] === 'A') name = 'A';
    const key = c + name;
    let end: number;
    if (key === '^FD') end = src.indexOf('^FS', i);
    else {
      end = i + 1 + name.length;
      while (end < src.length && src[end] !== '^' && src[end] !== '~') end++;
    }
    if (end < 0) throw new DecodeError('ZPL', at, '^FD without ^FS');
    const params = src.slice(i + 1 + name.length, end);
    const p = params.split(',');
    const n = (k: number) => {
      const v = Number(p[k]);
      if (!Number.isFinite(v) || p[k] === '') throw new DecodeError('ZPL', at, `${key} parameter ${k + 1} "${p[k] ?? ''}" is not a number`);
      return v;
    };
    i = end;
    if (['^XA', '^XZ', '^FS', '~HS'].includes(key) && params.trim() !== '') throw new DecodeError('ZPL', at, `text "${params.trim().slice(0, 12)}" after ${key}, which takes none`);
    switch (key) {
      case '~SD':
        pending.SD = n(0);
        break;
      case '~HS':
        job.statusQueries++;
        break;
      case '^XA':
        if (page) throw new DecodeError('ZPL', at, '^XA inside a format');
        page = emptyPage();
        page.settings = { ...pending };
        pending = {};
        home = { x: 0, y: 0 };
        break;
      case '^XZ':
        job.pages.push(need(at, '^XZ'));
        page = null;
        break;
      case '^CI':
        need(at, key).settings.CI = n(0);
        break;
      case '^PW':
        need(at, key).width = n(0);
        break;
      case '^LL':
        need(at, key).height = n(0);
        break;
      case '^LH':
        home = { x: n(0), y: n(1) };
        need(at, key).settings.LH = `${home.x},${home.y}`;
        break;
      case '^PR':
      case '^MD':
      case '^MN':
        need(at, key).settings[name] = params;
        break;
      case '^PQ':
        need(at, key).copies = n(0);
        break;
      case '^FO':
        fo = { x: n(0), y: n(1) };
        fh = null;
        break;
      case '^A':
        field = { kind: 'text', h: n(1), font: params[0] === '@' ? (p[3] ?? '') : params[0]! };
        break;
      case '^FH':
        fh = params || '_';
        break;
      case '^BY':
        by = { module: n(0), height: p[2] ? n(2) : by.height };
        break;
      case '^BC':
        if (p[5] !== 'A') throw new DecodeError('ZPL', at, `^BC mode "${p[5] ?? 'N'}" (ShopDesk sends A, automatic)`);
        field = { kind: 'code128', h: p[1] ? n(1) : by.height };
        break;
      case '^BQ':
        field = { kind: 'qr', module: n(2) };
        break;
      case '^GB':
        field = { kind: 'box', w: n(0), h: n(1) };
        break;
      case '^GF':
        if (p[0] !== 'A') throw new DecodeError('ZPL', at, `^GF format "${p[0]}" (only A, ASCII hex)`);
        field = { kind: 'graphic', bitmap: decodeGraphic(p.slice(4).join(','), n(3), n(2), at) };
        break;
      case '^FD':
        data = unescape(params, fh);
        break;
      case '^FS': {
        const pg = need(at, '^FS');
        const x = fo.x + home.x;
        const y = fo.y + home.y;
        if (!field) throw new DecodeError('ZPL', at, '^FS closes a field with no font, barcode or graphic');
        if (field.kind === 'graphic') pg.images.push({ x, y, bitmap: field.bitmap });
        else if (field.kind === 'box') pg.rects.push({ x, y, w: field.w, h: field.h });
        else if (data === null) throw new DecodeError('ZPL', at, 'field without ^FD data');
        else if (field.kind === 'text') pg.texts.push({ x, y, text: data, size: field.h, font: field.font });
        else if (field.kind === 'code128') pg.barcodes.push({ type: 'code128', x, y, content: data, height: field.h, module: by.module });
        else {
          const m = /^([LMQH])A,(.*)$/s.exec(data);
          if (!m) throw new DecodeError('ZPL', at, `QR field data "${data.slice(0, 10)}" lacks the "<ecc>A," prefix`);
          pg.qrs.push({ x, y, content: m[2]!, module: field.module });
        }
        field = null;
        data = null;
        fh = null;
        break;
      }
      default:
        throw new DecodeError('ZPL', at, `unknown command ${key}`);
    }
  }
  if (page) throw new DecodeError('ZPL', src.length, 'format not closed with ^XZ');
  return job;
}
