import { z } from 'zod';

/** ISO 4217 code. */
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'currency must be a 3-letter ISO 4217 code');
export type Currency = z.infer<typeof Currency>;

/** Money is an integer count of the currency's minor unit (fen, cents) plus its currency. Never a float. */
export const MinorUnits = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

export const Money = z.object({ minor: MinorUnits, currency: Currency });
export type Money = z.infer<typeof Money>;

/** Minor-unit exponent per currency; everything not listed has 2. */
const EXPONENT: Record<string, number> = { JPY: 0, KRW: 0, VND: 0, CLP: 0, ISK: 0, HUF: 2, BHD: 3, KWD: 3, OMR: 3, JOD: 3, TND: 3 };

export function minorExponent(currency: string): number {
  return EXPONENT[currency] ?? 2;
}

/**
 * Parses a decimal string ("12.30", "-0.5", "1,234.00") into minor units exactly, without floats.
 * Throws on anything that is not a plain decimal or has more fraction digits than the currency allows.
 */
export function parseDecimalToMinor(text: string, currency: string): number {
  const exp = minorExponent(currency);
  const cleaned = text.trim().replace(/,/g, '');
  const m = /^([+-])?(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!m) throw new Error(`not a decimal amount: "${text}"`);
  const [, sign, whole = '0', frac = ''] = m;
  const trimmedFrac = frac.replace(/0+$/, '');
  if (trimmedFrac.length > exp) throw new Error(`amount "${text}" has more than ${exp} decimals for ${currency}`);
  const minor = BigInt(whole) * 10n ** BigInt(exp) + BigInt((trimmedFrac + '0'.repeat(exp)).slice(0, exp) || '0');
  const signed = sign === '-' ? -minor : minor;
  if (signed > BigInt(Number.MAX_SAFE_INTEGER) || signed < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Error(`amount "${text}" is out of range`);
  }
  return Number(signed);
}

/** Formats minor units as a plain decimal string ("1234.50"), exact. */
export function minorToDecimal(minor: number, currency: string): string {
  const exp = minorExponent(currency);
  const neg = minor < 0;
  const digits = String(Math.abs(minor)).padStart(exp + 1, '0');
  const whole = exp === 0 ? digits : digits.slice(0, -exp);
  const frac = exp === 0 ? '' : '.' + digits.slice(-exp);
  return (neg ? '-' : '') + whole + frac;
}
