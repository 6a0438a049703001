import { minorExponent, parseDecimalToMinor } from '../../../shared/domain/money.js';

/**
 * Cell text → typed values, each refusing what it cannot read exactly with a message that quotes the value. The
 * caller prefixes the column header ("订单付款时间: not a date: '2024/13/01'").
 */

export class CellError extends Error {}

/** Empty after trimming (and after Excel's formula wrapper): the cell says nothing. */
export function blank(s: string | undefined): boolean {
  return s === undefined || s.trim() === '' || s.trim() === '=""';
}

/** Strips what platforms and Excel wrap text in: ="…" (formula-protected), a leading ' or tab, outer spaces. */
export function unwrap(raw: string): string {
  // Fast path: most cells are plain (no wrapper, no outer space).
  const c0 = raw.charCodeAt(0);
  const cl = raw.charCodeAt(raw.length - 1);
  if (c0 > 32 && c0 !== 61 && c0 !== 39 && cl > 32 && c0 !== 0x200b) return raw;
  let s = raw.trim();
  const f = /^="(.*)"$/s.exec(s);
  if (f) s = f[1]!.trim();
  s = s.replace(/^['\t\u200b]+/, '').trim();
  return s;
}

const SCIENTIFIC = /^[+-]?\d+(?:\.\d+)?[eE][+-]?\d+$/;

/**
 * An order or line id. Scientific notation ("1.23457E+18") means Excel already turned the id into a number and
 * dropped its last digits: nothing can bring them back, so it is refused rather than guessed. A workbook cell stored
 * as a number with more than 15 digits has lost them the same way.
 */
export function cleanId(raw: string, pattern: RegExp | null, numericCell = false): string {
  const s = unwrap(raw);
  if (s === '') throw new CellError('empty');
  if (SCIENTIFIC.test(s)) {
    throw new CellError(`'${s}' is in scientific notation: Excel has already cut off the last digits of this id. Export the file from the platform again and import it without opening and saving it in Excel`);
  }
  const digits = s.replace(/\D/g, '');
  if (numericCell && /^\d+$/.test(s) && digits.replace(/^0+/, '').length > 15) {
    throw new CellError(`'${s}' is stored as a number in the workbook, which keeps only 15 digits: the id has lost digits. Export the file again (ids as text)`);
  }
  if (pattern && !pattern.test(s)) throw new CellError(`'${s}' is not an id of this platform`);
  return s;
}

/**
 * A money amount in the file's currency → minor units, exactly. Accepts thousands separators (1,234.50), currency
 * signs (¥ ￥ $ € £, "CNY 12", "12 元"), accounting negatives "(12.00)". Empty → null.
 */
const PLAIN_AMOUNT = /^(\d{1,12}|\d{1,3}(?:,\d{3}){1,3})(?:\.(\d{1,2}))?$/;

export function amount(raw: string, currency: string): number | null {
  // Fast path, exact without BigInt: up to 12 integer digits and at most 2 decimals in a 2-decimal currency.
  const plain = PLAIN_AMOUNT.exec(raw);
  if (plain && minorExponent(currency) === 2) {
    const whole = plain[1]!.indexOf(',') >= 0 ? plain[1]!.replace(/,/g, '') : plain[1]!;
    return Number(whole) * 100 + (plain[2] ? Number(plain[2].length === 1 ? plain[2] + '0' : plain[2]) : 0);
  }
  let s = unwrap(raw);
  if (s === '' || s === '-' || s === '--') return null;
  let neg = false;
  if (/^\(.*\)$/.test(s)) {
    neg = true;
    s = s.slice(1, -1).trim();
  }
  s = s.replace(/^(?:[A-Z]{3}|RMB)\s*/, '').replace(/\s*(?:元|[A-Z]{3})$/, '');
  if (s.startsWith('-') || s.startsWith('+')) {
    neg = neg !== (s[0] === '-');
    s = s.slice(1).trim();
  }
  s = s.replace(/^[¥￥$€£]\s*/, '');
  if (s.startsWith('-')) {
    neg = !neg;
    s = s.slice(1);
  }
  s = s.replace(/[\s\u00a0,]/g, '');
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(s)) throw new CellError(`not an amount: '${raw.trim()}'`);
  try {
    const v = parseDecimalToMinor(s.startsWith('.') ? '0' + s : s, currency);
    return neg ? -v : v;
  } catch (e) {
    throw new CellError(`not an amount: '${raw.trim()}' (${(e as Error).message})`);
  }
}

export function amountOrZero(raw: string | undefined, currency: string): number {
  return raw === undefined ? 0 : (amount(raw, currency) ?? 0);
}

/** A whole quantity ("3", "1,200", "2.0"). */
export function quantity(raw: string): number {
  const s = unwrap(raw).replace(/[\s,]/g, '');
  const m = /^(\d+)(?:\.0*)?$/.exec(s);
  if (!m) throw new CellError(`not a whole quantity: '${raw.trim()}'`);
  const n = Number(m[1]);
  if (!Number.isSafeInteger(n) || n > 1_000_000) throw new CellError(`quantity out of range: '${raw.trim()}'`);
  return n;
}

const LOCAL = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?(?:\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT))?$/;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A point in time → epoch ms. Accepts "yyyy-MM-dd HH:mm:ss" (and / . 年月日 separators, no seconds, date only),
 * ISO 8601 with a zone (Amazon "2024-05-01T10:00:00+00:00"), Shopify's "2024-05-01 10:00:00 -0400", and — for
 * workbook cells stored as dates — Excel serial numbers. Times without a zone are in `offsetMinutes` (China: 480).
 * Impossible dates ("2024/13/01", "02-30") are refused, never rolled over.
 */
const TIME_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];

/** Fast path for the common "yyyy-MM-dd HH:mm:ss": digits read by char code, then the same range checks. */
function cnTimeFast(s: string, offsetMinutes: number): number | null {
  if (s.length !== 19 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 32 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return null;
  for (let k = 0; k < TIME_DIGITS.length; k++) {
    const c = s.charCodeAt(TIME_DIGITS[k]!);
    if (c < 48 || c > 57) return null;
  }
  const Y = (s.charCodeAt(0) - 48) * 1000 + (s.charCodeAt(1) - 48) * 100 + (s.charCodeAt(2) - 48) * 10 + (s.charCodeAt(3) - 48);
  const M = (s.charCodeAt(5) - 48) * 10 + (s.charCodeAt(6) - 48);
  const D = (s.charCodeAt(8) - 48) * 10 + (s.charCodeAt(9) - 48);
  const H = (s.charCodeAt(11) - 48) * 10 + (s.charCodeAt(12) - 48);
  const MI = (s.charCodeAt(14) - 48) * 10 + (s.charCodeAt(15) - 48);
  const S = (s.charCodeAt(17) - 48) * 10 + (s.charCodeAt(18) - 48);
  const utc = Date.UTC(Y, M - 1, D, H, MI, S);
  const back = new Date(utc);
  if (back.getUTCMonth() !== M - 1 || back.getUTCDate() !== D || H > 23 || MI > 59 || S > 59) throw new CellError(`not a date: '${s}'`);
  return utc - offsetMinutes * 60_000;
}

export function time(raw: string, offsetMinutes: number, numericCell = false): number | null {
  const fast = cnTimeFast(raw, offsetMinutes);
  if (fast !== null) return fast;
  const s = unwrap(raw);
  if (s === '' || s.startsWith('0000-00-00') || s === '-' || s === '--') return null;
  if (numericCell && /^\d+(\.\d+)?$/.test(s)) {
    const serial = Number(s);
    if (serial < 20000 || serial > 80000) throw new CellError(`not a date: '${s}'`);
    // Excel serials are local wall-clock days since 1899-12-30.
    return Math.round(EXCEL_EPOCH + serial * 86_400_000) - offsetMinutes * 60_000;
  }
  const m = LOCAL.exec(s);
  if (!m) throw new CellError(`not a date: '${raw.trim()}'`);
  const [y, mo, d, h = '0', mi = '0', sec = '0', ms = '0', zone] = m.slice(1) as string[];
  const Y = Number(y);
  const M = Number(mo);
  const D = Number(d);
  const H = Number(h);
  const MI = Number(mi);
  const S = Number(sec);
  const utc = Date.UTC(Y, M - 1, D, H, MI, S, Number((ms ?? '0').padEnd(3, '0')));
  const back = new Date(utc);
  if (back.getUTCFullYear() !== Y || back.getUTCMonth() !== M - 1 || back.getUTCDate() !== D || H > 23 || MI > 59 || S > 59) {
    throw new CellError(`not a date: '${raw.trim()}'`);
  }
  let offset = offsetMinutes;
  if (zone) {
    if (zone === 'Z' || zone === 'UTC' || zone === 'GMT') offset = 0;
    else {
      const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
      offset = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3]));
    }
  }
  return utc - offset * 60_000;
}

/** Text for a free-text field: trimmed, unwrapped, null when empty; long values cut (a memo is not a document). */
export function text(raw: string | undefined, max = 2000): string | null {
  if (raw === undefined) return null;
  const s = unwrap(raw);
  if (s === '') return null;
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/** Taobao's 收货地址 is one string "省 市 区 详细地址"; split it on the first three spaces when it has them. */
export function splitCnAddress(raw: string | null): { province: string | null; city: string | null; district: string | null; address1: string | null } {
  if (!raw) return { province: null, city: null, district: null, address1: null };
  const parts = raw.trim().split(/[\s\u3000]+/);
  if (parts.length >= 4) return { province: parts[0]!, city: parts[1]!, district: parts[2]!, address1: parts.slice(3).join(' ') };
  return { province: null, city: null, district: null, address1: raw.trim() };
}

/** Contains a replacement character: the bytes were not text in the detected encoding. */
export function hasMojibake(s: string): boolean {
  return s.indexOf('\uFFFD') >= 0;
}
