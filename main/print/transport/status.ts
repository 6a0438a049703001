import type { RawLanguage } from '../settings.js';
import { PrinterError } from './errors.js';

/**
 * Printer status queries, where the language has one, and what their answers mean.
 * - ESC/POS: DLE EOT 4 (real-time roll paper sensor status). Real-time: answered even while the printer is offline
 *   because the paper ran out, unlike GS r. One byte; bits 1 and 4 are always 1, bit 0 and 7 always 0;
 *   bits 2–3 paper near end, bits 5–6 paper end.
 * - TSPL: ESC ! ? — one byte: bit 0 head open, 1 paper jam, 2 out of paper, 3 out of ribbon, 4 paused, 5 printing,
 *   7 other error.
 * - ZPL: ~HS — three STX…ETX CR LF strings; string 1 field 2 is "paper out", field 3 "pause"; string 2 field 3 is
 *   "head up" and field 4 "ribbon out".
 */
export interface PrinterStatus {
  paperOut: boolean;
  paperNearEnd: boolean;
  headOpen: boolean;
  paused: boolean;
  ribbonOut: boolean;
  jammed: boolean;
  /** the answer as received, hex, for the log */
  raw: string;
}

export interface StatusQuery {
  query: Buffer;
  complete(answer: Buffer): boolean;
  parse(answer: Buffer, where: string): PrinterStatus;
}

const clear = (raw: Buffer): PrinterStatus => ({ paperOut: false, paperNearEnd: false, headOpen: false, paused: false, ribbonOut: false, jammed: false, raw: raw.toString('hex') });

function bad(where: string, language: string, answer: Buffer): PrinterError {
  return new PrinterError('bad_status', `printer at ${where} answered the ${language} status query with bytes ShopDesk cannot read (${answer.toString('hex') || 'nothing'})`, { address: where, answer: answer.toString('hex') });
}

export const ESCPOS_STATUS: StatusQuery = {
  query: Buffer.from([0x10, 0x04, 0x04]),
  complete: (a) => a.length >= 1,
  parse(a, where) {
    const b = a[0]!;
    if (a.length !== 1 || (b & 0x93) !== 0x12) throw bad(where, 'ESC/POS', a);
    return { ...clear(a), paperNearEnd: (b & 0x0c) !== 0, paperOut: (b & 0x60) !== 0 };
  },
};

export const TSPL_STATUS: StatusQuery = {
  query: Buffer.from([0x1b, 0x21, 0x3f]),
  complete: (a) => a.length >= 1,
  parse(a, where) {
    const b = a[0]!;
    if (a.length !== 1 || (b & 0x40) !== 0) throw bad(where, 'TSPL', a);
    return { ...clear(a), headOpen: (b & 0x01) !== 0, jammed: (b & 0x02) !== 0 || (b & 0x80) !== 0, paperOut: (b & 0x04) !== 0, ribbonOut: (b & 0x08) !== 0, paused: (b & 0x10) !== 0 };
  },
};

export const ZPL_STATUS: StatusQuery = {
  query: Buffer.from('~HS', 'ascii'),
  complete: (a) => a.filter((b) => b === 0x03).length >= 3,
  parse(a, where) {
    const strings = a
      .toString('latin1')
      .split(String.fromCharCode(3)) // ETX ends each string, STX starts it
      .map((part) => part.slice(part.indexOf(String.fromCharCode(2)) + 1))
      .filter((_, i, all) => i < all.length - 1)
      .map((str) => str.split(','));
    const [one, two] = strings;
    if (strings.length !== 3 || !one || one.length < 12 || !two || two.length < 11) throw bad(where, 'ZPL', a);
    const flag = (v: string | undefined) => v === '1';
    return { ...clear(a), paperOut: flag(one[1]), paused: flag(one[2]), headOpen: flag(two[2]), ribbonOut: flag(two[3]) };
  },
};

/** The status query of a printer, or null where the dialect has none ShopDesk uses (Star Line Mode). */
export function statusQueryFor(language: RawLanguage, escposModel: 'epson' | 'star' = 'epson'): StatusQuery | null {
  if (language === 'escpos') return escposModel === 'epson' ? ESCPOS_STATUS : null;
  return language === 'tspl' ? TSPL_STATUS : ZPL_STATUS;
}
