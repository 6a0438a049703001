import type { Cells } from './cells.js';
import type { ColumnSpec, OrderFacts } from './types.js';
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

/** The recipient and fulfilment columns 抖店 and 拼多多 exports share (the name and phone headers differ by platform). */
export const CN_RECIPIENT_COLUMNS: readonly ColumnSpec[] = [
  { field: 'province', headers: ['省'] },
  { field: 'city', headers: ['市'] },
  { field: 'district', headers: ['区'] },
  { field: 'street', headers: ['街道'] },
  { field: 'address', headers: ['详细地址'] },
  { field: 'buyerMessage', headers: ['买家留言'] },
  { field: 'sellerMemo', headers: ['商家备注'] },
  { field: 'carrier', headers: ['快递公司'] },
  { field: 'trackingNo', headers: ['快递单号'] },
];

/** Recipient (masked as exported), notes and tracking from those columns plus 'buyerName' and 'phone'. */
export function cnRecipient(c: Cells): Pick<OrderFacts, 'buyerName' | 'buyerPhone' | 'country' | 'province' | 'city' | 'district' | 'address1' | 'piiMasked' | 'buyerMessage' | 'sellerMemo' | 'trackingNo' | 'carrier'> {
  const buyerName = c.text('buyerName');
  const buyerPhone = c.text('phone');
  const address1 = [c.text('street'), c.text('address')].filter(Boolean).join(' ') || null;
  return {
    buyerName,
    buyerPhone,
    country: 'CN',
    province: c.text('province'),
    city: c.text('city'),
    district: c.text('district'),
    address1,
    piiMasked: looksMasked(buyerName, buyerPhone, address1),
    buyerMessage: c.text('buyerMessage'),
    sellerMemo: c.text('sellerMemo'),
    trackingNo: trackingNo(c.text('trackingNo')),
    carrier: c.text('carrier'),
  };
}
