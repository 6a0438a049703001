import { describe, expect, it } from 'vitest';
import { encodeDocument } from '../../main/print/encode.js';
import { escposCode128Data, escposCode128Modules } from '../../main/print/encode/escpos-native.js';
import { tsplString } from '../../main/print/encode/tspl.js';
import { zplGraphicData } from '../../main/print/encode/zpl-graphic.js';
import { bitmapsEqual, createBitmap, fillRect, type Bitmap } from '../../main/print/render/bitmap.js';
import { decodeEscPos } from '../sim/printer/decode-escpos.js';
import { decodeTspl } from '../sim/printer/decode-tspl.js';
import { decodeGraphic, decodeZpl } from '../sim/printer/decode-zpl.js';
import { DecodeError } from '../sim/printer/decoded.js';
import { chineseSlip, latinLabel, TZ } from '../sim/printer/sample-data.js';

/** The decoders are test instruments: they must read what the encoders write exactly, and refuse anything else. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

describe('ZPL ^GF compression', () => {
  it('reads Zebra-compressed data written by hand', () => {
    const bm = decodeGraphic('I0F,:!', 3, 9, 0); // "000" "F" then zeros, the same row again, a row of ones
    expect(bm.data.slice(0, 3)).toEqual(Uint8Array.from([0x00, 0x0f, 0x00]));
    expect(bm.data.slice(3, 6)).toEqual(Uint8Array.from([0x00, 0x0f, 0x00]));
    expect(bm.data.slice(6, 9)).toEqual(Uint8Array.from([0xff, 0xff, 0xff]));
    expect(() => decodeGraphic('hF', 3, 3, 0)).toThrow(/runs past 3 bytes/);
  });

  it('round-trips blank, black, noisy, long-run and repeated rows', () => {
    const cases: Bitmap[] = [];
    const blank = createBitmap(2000, 3);
    cases.push(blank);
    const black = createBitmap(2000, 2);
    fillRect(black, 0, 0, 2000, 2);
    cases.push(black);
    const runs = createBitmap(3300, 4); // runs of 419, 420, 800+ hex digits
    fillRect(runs, 0, 0, 419 * 4, 1);
    fillRect(runs, 100, 1, 420 * 4, 1);
    fillRect(runs, 8, 2, 3200, 2);
    cases.push(runs);
    const rnd = seeded(7);
    const noise = createBitmap(203, 50);
    for (let i = 0; i < noise.data.length; i++) noise.data[i] = rnd() < 0.3 ? Math.floor(rnd() * 256) : 0;
    noise.data.fill(0, noise.data.length - noise.stride); // keep padding bits of the odd width clear
    for (let y = 0; y < 50; y++) noise.data[y * noise.stride + noise.stride - 1]! &= 0xe0;
    cases.push(noise);
    for (const bm of cases) {
      const data = zplGraphicData(bm);
      expect(bitmapsEqual(decodeGraphic(data, bm.stride, bm.stride * bm.height, 0), { ...bm, width: bm.stride * 8 })).toBe(true);
    }
    expect(zplGraphicData(blank)).toBe(',::');
  });
});

describe('escaping survives the round trip', () => {
  it('TSPL quotes, ZPL ^ ~ \\ and ESC/POS Code128 braces', () => {
    expect(tsplString('Apt 12 "Loft"')).toBe('"Apt 12 \\["]Loft\\["]"');
    const odd = { ...latinLabel, recipient: { ...latinLabel.recipient, name: 'A^B~C\\D "E"' } };
    for (const lang of ['tspl', 'zpl'] as const) {
      // the line starts with 收: ZPL sends it as text only with a printer CJK font
      const bytes = encodeDocument(lang, 'native', 'label', '100x150', odd, lang === 'zpl' ? { zplCjkFont: 'E:SIMSUN.TTF' } : {}, { timeZone: TZ });
      const texts = (lang === 'tspl' ? decodeTspl(bytes) : decodeZpl(bytes)).pages[0]!.texts.map((t) => t.text);
      expect(texts.some((t) => t.includes('A^B~C\\D "E"'))).toBe(true);
    }
    expect(escposCode128Data('ab{c')).toBe('ab{{c');
    expect(escposCode128Data('SD-TB4129987712345')).toBe(`SD-TB4{C${String.fromCharCode(12, 99, 87, 71, 23, 45)}`);
    expect(escposCode128Data('1234AB')).toBe('1234AB'); // 4 digits then letters: switching to C and back saves nothing
    expect(escposCode128Data('123456AB')).toBe(`{C${String.fromCharCode(12, 34, 56)}{BAB`);
    expect(escposCode128Modules('{C\x0c\x22{BAB')).toBe(11 * 8 + 13); // start, switch, 2 pairs, switch, A, B, check + stop
    const slip = { ...chineseSlip, barcode: 'X{1}2026112500001234' };
    const page = decodeEscPos(encodeDocument('escpos', 'native', 'slip', '80mm', slip, {}, { timeZone: TZ })).pages[0]!;
    expect(page.barcodes.map((b) => b.content)).toEqual(['X{1}2026112500001234']);
  });
});

describe('decoders refuse what they do not understand', () => {
  const fails = (f: () => unknown, re: RegExp) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(DecodeError);
      expect((e as Error).message).toMatch(re);
      return;
    }
    throw new Error('decoder accepted bad input');
  };

  it('TSPL', () => {
    fails(() => decodeTspl(Buffer.from('SIZE 100 mm,150 mm\r\nFOOBAR 1,2\r\nPRINT 1,1\r\n')), /TSPL decoder: unknown command FOOBAR at byte 20/);
    fails(() => decodeTspl(Buffer.from('CLS\r\nTEXT 1,2,"TSS24.BF2",0,1,1,"never printed"\r\n')), /content after the last PRINT/);
    fails(() => decodeTspl(Buffer.from('BITMAP 0,0,10,10,0,\x00\x01')), /BITMAP announces 100 bytes, 2 follow/);
    fails(() => decodeTspl(Buffer.from('TEXT 1,2,"TSS24.BF2",0,1,1,"open\r\n')), /unterminated string/);
    fails(() => decodeTspl(Buffer.from([0x00, 0x01, 0x02])), /unexpected byte 0x0/);
  });

  it('ZPL', () => {
    fails(() => decodeZpl(Buffer.from('^XA^ZZ1^XZ')), /unknown command \^ZZ/);
    fails(() => decodeZpl(Buffer.from('^XA\r\nhello^XZ')), /text "hello" after \^XA, which takes none/);
    fails(() => decodeZpl(Buffer.from('^XA^FO1,1hello^XZ')), /\^FO parameter 2 "1hello" is not a number/);
    fails(() => decodeZpl(Buffer.from('^XA^FO1,1^A0N,20,20^FDno end')), /\^FD without \^FS/);
    fails(() => decodeZpl(Buffer.from('^XA^FO0,0^GFA,4,4,2,FFFF^FS^XZ')), /announces 2 rows, has 1/);
    fails(() => decodeZpl(Buffer.from('^XA^FO0,0^BCN,50,N,N,N^FD123^FS^XZ')), /\^BC mode "N"/);
  });

  it('ESC/POS', () => {
    fails(() => decodeEscPos(Buffer.from([0x1b, 0x40, 0x1b, 0x99, 0x00])), /ESC\/POS decoder: unknown command ESC 0x99 at byte 2/);
    fails(() => decodeEscPos(Buffer.from([0x41, 0x07, 0x0a])), /unexpected control byte 0x7/);
    fails(() => decodeEscPos(Buffer.from([0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x05, 0x00, 0xff])), /command cut short/);
    fails(() => decodeEscPos(Buffer.from([0x1d, 0x6b, 0x49, 0x03, 0x7b, 0x41, 0x41])), /subset A data/);
    fails(() => decodeEscPos(Buffer.from([0x1b, 0x2a, 0x72, 0x41, 0x62, 0x01, 0x00, 0xff, 0x0a]), { dialect: 'star' }), /byte 0xa inside Star raster mode/);
  });

  it('every decoder stops on random bytes', () => {
    const rnd = seeded(42);
    const junk = Buffer.from(Array.from({ length: 64 }, () => Math.floor(rnd() * 256)));
    expect(() => decodeTspl(junk)).toThrow(DecodeError);
    expect(() => decodeZpl(junk)).toThrow(DecodeError);
    expect(() => decodeEscPos(junk)).toThrow(DecodeError);
  });
});
