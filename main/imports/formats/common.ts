import type { Cells } from './cells.js';
import { lookupStatus, type StatusEntry } from './status.js';

/** A status cell read through a platform's table; an unknown text is a problem naming it. */
export function statusFrom(c: Cells, field: string, table: Map<string, StatusEntry>, paid: boolean): StatusEntry | null {
  const t = c.text(field);
  if (t === null) return c.fail(field, 'is empty');
  const e = lookupStatus(table, t, paid);
  return e ?? c.fail(field, `unknown status '${t}'`);
}

/**
 * A line from a line total and a quantity, exactly: the unit price rounded up and the remainder as a line discount,
 * so unit × qty − discount is the total to the fen (¥10.00 for 3 → 3.34 × 3 − 0.02).
 */
export function lineFromTotal(totalMinor: number, qty: number): { unitPriceMinor: number; discountMinor: number } {
  if (qty <= 0) return { unitPriceMinor: totalMinor, discountMinor: 0 };
  const unit = Math.ceil(totalMinor / qty);
  return { unitPriceMinor: unit, discountMinor: unit * qty - totalMinor };
}

/** Platforms mask PII with asterisks in exports (138****0000, 沙洲街道****). */
export function looksMasked(...values: (string | null | undefined)[]): boolean {
  return values.some((v) => typeof v === 'string' && /\*{2,}/.test(v));
}

/** Taobao prefixes tracking numbers with "No:" in some exports. */
export function trackingNo(s: string | null): string | null {
  if (!s) return null;
  const t = s.replace(/^No[:：]\s*/i, '').trim();
  return t === '' ? null : t;
}
