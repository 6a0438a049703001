import { minorToDecimal, parseDecimalToMinor } from '../../../shared/domain/money.js';

/**
 * Order payloads shaped like WooCommerce REST v3 (context=view): money as decimal strings with the store's price
 * decimals, *_gmt dates as "YYYY-MM-DDTHH:MM:SS" without a zone, the same dates in site time without _gmt, and
 * refunds[] carrying negative totals. The simulator keeps orders as plain JSON so a test can break one on purpose.
 */
export type Json = Record<string, unknown>;

export interface MetaEntry {
  id: number;
  key: string;
  value: unknown;
}

export interface WooOrderJson extends Json {
  id: number;
  number: string;
  status: string;
  currency: string;
  date_created_gmt: string;
  date_modified_gmt: string;
  meta_data: MetaEntry[];
  refunds: { id: number; reason: string; total: string }[];
}

export interface LineInput {
  name: string;
  sku?: string;
  qty: number;
  /** Unit price as the store shows it, e.g. "19.99". */
  price: string;
  /** Coupon discount on the whole line. */
  discount?: string;
}

export interface OrderInput {
  status?: string;
  currency?: string;
  lines?: LineInput[];
  shipping?: string;
  customerNote?: string;
  paid?: boolean;
  billing?: Json;
  shipping_address?: Json;
}

export const STATUSES = ['pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed', 'trash', 'checkout-draft'] as const;

export function gmt(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

export function siteTime(ms: number, offsetMinutes: number): string {
  return gmt(ms + offsetMinutes * 60_000);
}

/** Exact decimal arithmetic for the simulator's own totals (minor units via the shared parser). */
export function sumDecimals(values: string[], currency: string, decimals: number): string {
  const minor = values.reduce((s, v) => s + parseDecimalToMinor(v, currency), 0);
  return fixed(minorToDecimal(minor, currency), decimals);
}

/** Pads or trims trailing zeros to the store's price decimals ("12.5" → "12.50"; JPY "1500" stays). */
export function fixed(text: string, decimals: number): string {
  const [whole = '0', frac = ''] = text.split('.');
  if (decimals === 0) return whole;
  return `${whole}.${(frac + '0'.repeat(decimals)).slice(0, decimals)}`;
}

export function mulDecimal(price: string, qty: number, currency: string, decimals: number): string {
  return fixed(minorToDecimal(parseDecimalToMinor(price, currency) * qty, currency), decimals);
}

export function negate(amount: string): string {
  return amount.startsWith('-') ? amount.slice(1) : `-${amount}`;
}

let lineIds = 1000;

export function buildOrder(id: number, nowMs: number, input: OrderInput, siteOffsetMinutes: number, decimals: number): WooOrderJson {
  const currency = input.currency ?? 'USD';
  const status = input.status ?? 'processing';
  const lines = input.lines ?? [{ name: 'Canvas tote', sku: 'TOTE-1', qty: 1, price: '19.99' }];
  const lineItems = lines.map((l) => {
    const subtotal = mulDecimal(l.price, l.qty, currency, decimals);
    const discount = l.discount ?? '0';
    const total = sumDecimals([subtotal, negate(discount)], currency, decimals);
    return { id: ++lineIds, name: l.name, product_id: 500 + lineIds, variation_id: 0, quantity: l.qty, tax_class: '', subtotal, subtotal_tax: fixed('0', decimals), total, total_tax: fixed('0', decimals), taxes: [], meta_data: [], sku: l.sku ?? '', price: Number(l.price) };
  });
  const shipping = fixed(input.shipping ?? '5.00', decimals);
  const discountTotal = sumDecimals(lines.map((l) => l.discount ?? '0'), currency, decimals);
  const total = sumDecimals([...lineItems.map((l) => l.total), shipping], currency, decimals);
  const paid = input.paid ?? !['pending', 'on-hold', 'failed', 'checkout-draft'].includes(status);
  const stamp = (ms: number | null) => (ms === null ? null : gmt(ms));
  const local = (ms: number | null) => (ms === null ? null : siteTime(ms, siteOffsetMinutes));
  const billing = { first_name: 'Ada', last_name: 'Lovelace', company: '', address_1: '12 Analytical Row', address_2: '', city: 'London', state: '', postcode: 'N1 9GU', country: 'GB', email: `buyer${id}@example.com`, phone: '+44 20 7946 0000', ...input.billing };
  return {
    id,
    parent_id: 0,
    number: String(id),
    order_key: `wc_order_${id.toString(36)}k3y`,
    created_via: 'checkout',
    version: '9.4.2',
    status,
    currency,
    date_created: local(nowMs),
    date_created_gmt: gmt(nowMs),
    date_modified: local(nowMs),
    date_modified_gmt: gmt(nowMs),
    discount_total: discountTotal,
    discount_tax: fixed('0', decimals),
    shipping_total: shipping,
    shipping_tax: fixed('0', decimals),
    cart_tax: fixed('0', decimals),
    total,
    total_tax: fixed('0', decimals),
    prices_include_tax: false,
    customer_id: 0,
    customer_ip_address: '203.0.113.7',
    customer_user_agent: 'Mozilla/5.0',
    customer_note: input.customerNote ?? '',
    billing,
    shipping: { first_name: 'Ada', last_name: 'Lovelace', company: '', address_1: '12 Analytical Row', address_2: 'Flat 3', city: 'London', state: '', postcode: 'N1 9GU', country: 'GB', phone: '', ...input.shipping_address },
    payment_method: 'stripe',
    payment_method_title: 'Credit card',
    transaction_id: paid ? `ch_${id}` : '',
    date_paid: local(paid ? nowMs : null),
    date_paid_gmt: stamp(paid ? nowMs : null),
    date_completed: local(status === 'completed' ? nowMs : null),
    date_completed_gmt: stamp(status === 'completed' ? nowMs : null),
    cart_hash: '',
    meta_data: [],
    line_items: lineItems,
    tax_lines: [],
    shipping_lines: [{ id: ++lineIds, method_title: 'Flat rate', method_id: 'flat_rate', total: shipping, total_tax: fixed('0', decimals), taxes: [], meta_data: [] }],
    fee_lines: [],
    coupon_lines: [],
    refunds: [],
  };
}
