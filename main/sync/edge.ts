import { parseDecimalToMinor } from '../../shared/domain/money.js';

/**
 * Exact conversions at the adapter edge for the Chinese platforms: their times come as "yyyy-MM-dd HH:mm:ss" in
 * China time (GMT+8, no daylight saving) or as unix seconds/milliseconds, their money as yuan strings or integer fen.
 * Inside ShopDesk everything is epoch ms and integer minor units. Every function refuses what it cannot convert
 * exactly, with a message naming the value, so a mapping error can say which field of which order was wrong.
 */

const CN_OFFSET_MS = 8 * 3600_000;
const CN_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Epoch ms → "yyyy-MM-dd HH:mm:ss" in China time (seconds truncated toward the past). */
export function formatCnTime(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000 + CN_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** "yyyy-MM-dd HH:mm:ss[.SSS]" in China time → epoch ms; throws on anything else (including impossible dates). */
export function parseCnTime(text: string): number {
  const m = CN_TIME.exec(text.trim());
  if (!m) throw new Error(`not a China time "yyyy-MM-dd HH:mm:ss": "${text}"`);
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const back = new Date(utc);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    throw new Error(`not a real date: "${text}"`);
  }
  return utc - CN_OFFSET_MS;
}

/** Like parseCnTime, but an empty value (platforms send "" or "0000-00-00 00:00:00" for "not yet") is null. */
export function parseCnTimeOrNull(text: string | null | undefined): number | null {
  if (text == null) return null;
  const t = text.trim();
  if (t === '' || t.startsWith('0000-00-00') || t.startsWith('1970-01-01 08:00:00')) return null;
  return parseCnTime(t);
}

/** Epoch ms → unix seconds, truncated toward the past (a window start must not skip its first second). */
export function toUnixSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/** Unix seconds (a number or a numeric string) → epoch ms; 0 or empty means "not yet" → null. */
export function fromUnixSecondsOrNull(v: number | string | null | undefined): number | null {
  if (v === null || v === undefined || v === '' || v === 0 || v === '0') return null;
  return fromUnixSeconds(v);
}

/** Unix seconds (a number or a numeric string) → epoch ms; throws on fractions, negatives and non-numbers. */
export function fromUnixSeconds(v: number | string): number {
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v.trim()) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw new Error(`not unix seconds: ${JSON.stringify(v)}`);
  // 1e11 s is the year 5138: a value this large is milliseconds sent where seconds belong.
  if (n > 1e11) throw new Error(`unix seconds out of range (milliseconds sent?): ${n}`);
  return n * 1000;
}

/** Unix milliseconds (Kuaishou) → epoch ms, checked. */
export function fromUnixMillis(v: number | string): number {
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v.trim()) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw new Error(`not unix milliseconds: ${JSON.stringify(v)}`);
  if (n !== 0 && n < 1e11) throw new Error(`unix milliseconds out of range (seconds sent?): ${n}`);
  return n;
}

/** A yuan decimal string ("200.07", "1,234.5", "0") → fen, exactly. Empty is refused: say what is missing. */
export function yuanToFen(text: string | number): number {
  // Some gateways send JSON numbers; their decimal text is exact for amounts with ≤ 2 decimals.
  const s = typeof text === 'number' ? String(text) : text;
  if (s.trim() === '') throw new Error('amount is empty');
  return parseDecimalToMinor(s, 'CNY');
}

/** Like yuanToFen, with null/empty meaning 0 (an absent discount, a free shipping fee). */
export function yuanToFenOrZero(text: string | number | null | undefined): number {
  if (text === null || text === undefined || (typeof text === 'string' && text.trim() === '')) return 0;
  return yuanToFen(text);
}

/** An integer fen amount (Douyin, Kuaishou), checked: platforms have sent floats and strings. */
export function fen(v: number | string | null | undefined): number {
  if (v === null || v === undefined || v === '') return 0;
  const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new Error(`not an integer fen amount: ${JSON.stringify(v)}`);
  return n;
}
