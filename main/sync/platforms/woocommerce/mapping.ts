import { z } from 'zod';
import type { Payment, PlatformState } from '../../../../shared/domain/status.js';
import { parseDecimalToMinor } from '../../../../shared/domain/money.js';
import type { MappingError } from '../../adapter.js';
import type { NormalizedLine, NormalizedOrder } from '../../../orders/model.js';

/**
 * WooCommerce REST v3 order → NormalizedOrder. Only the fields ShopDesk reads are checked; the whole payload is kept
 * verbatim in raw. Money arrives as decimal strings with the store's price decimals (`dp`) and is parsed exactly into
 * minor units; times come from the *_gmt fields, which carry no zone designator but are UTC.
 */

export const TRACKING_META = '_shopdesk_tracking';
export const CARRIER_META = '_shopdesk_carrier';

const GMT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const gmtDate = z.string().regex(GMT, 'expected a date like 2024-05-01T10:00:00');
const money = z.string({ error: 'expected a decimal string' });
const meta = z.object({ key: z.string(), value: z.unknown() });
const address = z.object({
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  company: z.string().optional(),
  address_1: z.string().optional(),
  address_2: z.string().optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  postcode: z.string().optional(),
  country: z.string().optional(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
});

const OrderSchema = z.object({
  id: z.number().int().positive(),
  number: z.string().optional(),
  status: z.string().min(1),
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected a 3-letter currency code'),
  date_created_gmt: gmtDate,
  date_modified_gmt: gmtDate,
  date_paid_gmt: gmtDate.nullish(),
  date_completed_gmt: gmtDate.nullish(),
  discount_total: money,
  shipping_total: money,
  total: money,
  customer_note: z.string().nullish(),
  billing: address.optional(),
  shipping: address.optional(),
  meta_data: z.array(meta).optional(),
  line_items: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      quantity: z.number().int().positive(),
      sku: z.string().nullish(),
      subtotal: money,
      total: money,
      meta_data: z.array(z.object({ key: z.string(), value: z.unknown(), display_key: z.string().optional(), display_value: z.unknown().optional() })).optional(),
    }),
  ),
  refunds: z.array(z.object({ id: z.number().int(), total: money })).optional(),
});
export type WooOrder = z.infer<typeof OrderSchema>;

/** Just enough of an order to name it in errors and dedupe it, read without trusting the rest. */
export function orderIdentity(raw: unknown): { id: string | null; label: string; modified: string | null } {
  const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const id = typeof o.id === 'number' || typeof o.id === 'string' ? String(o.id) : null;
  const number = typeof o.number === 'string' && o.number !== id ? o.number : null;
  const label = id === null ? 'an order without id' : number ? `order #${number} (id ${id})` : `order ${id}`;
  return { id, label, modified: typeof o.date_modified_gmt === 'string' ? o.date_modified_gmt : null };
}

export function parseGmt(s: string): number {
  return Date.parse(`${s}Z`);
}

/** epoch ms → the "YYYY-MM-DDTHH:MM:SS" form WooCommerce takes with dates_are_gmt=true (no zone suffix: see list.ts). */
export function formatGmt(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

class FieldError extends Error {}

function minor(text: string, currency: string, field: string): number {
  try {
    return parseDecimalToMinor(text, currency);
  } catch (e) {
    throw new FieldError(`field ${field}: ${(e as Error).message}`);
  }
}

/**
 * Core statuses per platform-apis §10.1; a few common plugin statuses are known too. Anything else is refused (a
 * MappingError), because guessing whether a custom status may be shipped is how parcels go out for unpaid orders.
 */
function stateOf(o: WooOrder): PlatformState | null {
  switch (o.status) {
    case 'pending':
    case 'on-hold':
    case 'checkout-draft':
      return 'unpaid';
    case 'processing':
      return 'to_ship';
    case 'shipped':
      return 'shipped';
    case 'completed':
    case 'delivered':
      return 'completed';
    case 'cancelled':
    case 'failed':
    case 'trash':
      return 'cancelled';
    case 'refunded':
      // Refunded after completion is a finished sale money came back on; refunded before is a cancelled order.
      return o.date_completed_gmt ? 'completed' : 'cancelled';
    default:
      return null;
  }
}

function paymentOf(o: WooOrder, totalMinor: number, refundedMinor: number): Payment {
  if (o.status === 'refunded' || (refundedMinor > 0 && refundedMinor >= totalMinor)) return 'refunded';
  if (refundedMinor > 0) return 'partly_refunded';
  if (o.status === 'processing' || o.status === 'completed' || o.status === 'shipped' || o.status === 'delivered') return 'paid';
  // pending / on-hold / failed: no money yet; cancelled counts as paid only if a payment was recorded before.
  return o.date_paid_gmt ? 'paid' : 'unpaid';
}

function metaText(list: { key: string; value: unknown }[] | undefined, key: string): string | null {
  const v = list?.find((m) => m.key === key)?.value;
  return typeof v === 'string' && v !== '' ? v : null;
}

const nonEmpty = (...parts: (string | null | undefined)[]) => parts.filter((p): p is string => !!p && p.trim() !== '').join(' ') || null;

function mapLine(l: WooOrder['line_items'][number], i: number, subtotal: number, currency: string): NormalizedLine {
  const total = minor(l.total, currency, `line_items.${i}.total`);
  // Variation attributes ("Size: M"); keys starting with _ are WooCommerce's private bookkeeping.
  const variant = (l.meta_data ?? [])
    .filter((m) => !m.key.startsWith('_') && (typeof m.display_value === 'string' || typeof m.value === 'string'))
    .map((m) => `${m.display_key ?? m.key}: ${String(m.display_value ?? m.value)}`)
    .join(', ');
  return {
    platformLineId: String(l.id),
    platformSku: l.sku || null,
    skuCode: l.sku || null,
    title: l.name,
    variant: variant || null,
    qty: l.quantity,
    // subtotal is price × qty before coupons, already in minor units; the quotient is exact whenever the subtotal is a
    // whole multiple of qty (always, unless prices were entered tax-inclusive and rounded), else the nearest unit.
    unitPriceMinor: Math.round(subtotal / l.quantity),
    discountMinor: subtotal - total,
  };
}

export function mapOrder(raw: unknown, shopId: number): NormalizedOrder {
  const parsed = OrderSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FieldError(`field ${issue?.path.map(String).join('.') || '(order)'}: ${issue?.message ?? 'invalid'}`);
  }
  const o = parsed.data;
  const state = stateOf(o);
  if (!state) throw new FieldError(`field status: unknown order status "${o.status}" (added by a plugin?); map it before syncing`);
  const c = o.currency;
  const subtotals = o.line_items.map((l, i) => minor(l.subtotal, c, `line_items.${i}.subtotal`));
  const lines = o.line_items.map((l, i) => mapLine(l, i, subtotals[i]!, c));
  const totalMinor = minor(o.total, c, 'total');
  // Refund totals are negative strings in the order's refunds[]; count their size.
  const refundedMinor = (o.refunds ?? []).reduce((sum, r, i) => sum + Math.abs(minor(r.total, c, `refunds.${i}.total`)), 0);
  const payment = paymentOf(o, totalMinor, refundedMinor);
  const ship = o.shipping ?? {};
  const bill = o.billing ?? {};
  const useShip = !!(ship.address_1 || ship.city || ship.country);
  const addr = useShip ? ship : bill;
  return {
    shopId,
    platform: 'woocommerce',
    platformOrderId: String(o.id),
    platformStatus: o.status,
    platformState: state,
    payment,
    buyerNick: bill.email || null,
    buyerName: nonEmpty(addr.first_name, addr.last_name) ?? nonEmpty(bill.first_name, bill.last_name),
    buyerPhone: ship.phone || bill.phone || null,
    country: addr.country || null,
    province: addr.state || null,
    city: addr.city || null,
    district: null,
    address1: nonEmpty(addr.company, addr.address_1, addr.address_2),
    postcode: addr.postcode || null,
    piiMasked: false,
    buyerMessage: o.customer_note || null,
    sellerMemo: null,
    currency: c,
    goodsMinor: subtotals.reduce((a, b) => a + b, 0),
    shippingMinor: minor(o.shipping_total, c, 'shipping_total'),
    discountMinor: minor(o.discount_total, c, 'discount_total'),
    totalMinor,
    paidMinor: payment === 'unpaid' ? 0 : totalMinor,
    refundedMinor,
    trackingNo: metaText(o.meta_data, TRACKING_META),
    carrier: metaText(o.meta_data, CARRIER_META),
    placedAt: parseGmt(o.date_created_gmt),
    paidAt: o.date_paid_gmt ? parseGmt(o.date_paid_gmt) : null,
    shipBy: null,
    platformUpdatedAt: parseGmt(o.date_modified_gmt),
    lines,
    raw: { format: 'woocommerce.v3.order', payload: JSON.stringify(raw) },
  };
}

/** mapOrder, or the MappingError that names the order and the field; the rest of the page maps on. */
export function mapOrTell(raw: unknown, shopId: number): NormalizedOrder | MappingError {
  try {
    return mapOrder(raw, shopId);
  } catch (e) {
    const who = orderIdentity(raw);
    return { platformOrderId: who.id, message: `${who.label}: ${(e as Error).message}`, raw: JSON.stringify(raw) };
  }
}

export function isMappingError(x: NormalizedOrder | MappingError): x is MappingError {
  return !('platform' in x);
}
