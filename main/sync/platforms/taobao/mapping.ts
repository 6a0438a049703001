import type { NormalizedLine, NormalizedOrder } from '../../../orders/model.js';
import type { MappingError } from '../../adapter.js';
import { parseCnTime, parseCnTimeOrNull, yuanToFen, yuanToFenOrZero } from '../../edge.js';
import { describeIssue } from '../../payload-issues.js';
import { TopTrade, type TopOrder } from './payload.js';
import { paymentFromLines, TRADE_STATUS } from './status.js';

export const RAW_FORMAT = 'taobao.trade.fullinfo';

/** A payload field we could not read; becomes a MappingError naming the trade and the field. */
export class FieldError extends Error {
  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
  }
}

function read<T>(field: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw e instanceof FieldError ? e : new FieldError(field, (e as Error).message);
  }
}

const fen = (v: string | number, field: string) => read(field, () => yuanToFen(v));
const fenOrZero = (v: string | number | undefined, field: string) => read(field, () => yuanToFenOrZero(v));
const time = (v: string, field: string) => read(field, () => parseCnTime(v));
const timeOrNull = (v: string | undefined, field: string) => read(field, () => parseCnTimeOrNull(v));

/** Masked values look like "张**", "*******5678", "文**路***号". */
const MASKED = /\*/;

/**
 * One sub-order → a line. TOP's price is the unit price; divide_order_fee is what the buyer paid for the line after
 * the trade's discounts were apportioned, so the line discount is price × num − divide_order_fee (negative when the
 * seller raised the price). Without divide_order_fee, the sub-order's own total_fee (price × num + adjust − its
 * discount) is used.
 */
function toLine(o: TopOrder, i: number): NormalizedLine {
  const f = `orders[${i}]`;
  const unit = fen(o.price, `${f}.price`);
  const gross = unit * o.num;
  const net =
    o.divide_order_fee !== undefined && o.divide_order_fee !== ''
      ? fen(o.divide_order_fee, `${f}.divide_order_fee`)
      : o.total_fee !== undefined && o.total_fee !== ''
        ? fen(o.total_fee, `${f}.total_fee`)
        : gross;
  return {
    platformLineId: o.oid,
    platformSku: o.sku_id || o.num_iid || null,
    // The seller's own code: the SKU's outer id, else the item's (§4.4 "outer_sku_id → map to our SKU").
    skuCode: o.outer_sku_id || o.outer_iid || null,
    title: o.title,
    variant: o.sku_properties_name || null,
    qty: o.num,
    unitPriceMinor: unit,
    discountMinor: gross - net,
  };
}

/** Throws FieldError when a field cannot be read. */
export function toNormalizedOrder(t: TopTrade, raw: unknown, shopId: number): NormalizedOrder {
  const status = TRADE_STATUS[t.status];
  if (!status) throw new FieldError('status', `unknown trade status ${JSON.stringify(t.status)}`);
  if (t.orders.length === 0) throw new FieldError('orders', 'the trade has no sub-orders');
  const lines = t.orders.map(toLine);
  const goods = fen(t.total_fee, 'total_fee');
  const shipping = fenOrZero(t.post_fee, 'post_fee');
  const total = fen(t.payment, 'payment');
  const payment = paymentFromLines(status.payment, t.orders);
  const shipped = t.orders.find((o) => o.invoice_no);
  const masked = Boolean(t.oaid) || [t.receiver_name, t.receiver_mobile, t.receiver_phone, t.receiver_address].some((v) => v !== undefined && MASKED.test(v));
  const town = t.receiver_town ?? '';
  const street = t.receiver_address ?? '';
  return {
    shopId,
    platform: 'taobao',
    platformOrderId: t.tid,
    platformStatus: t.status,
    platformState: status.state,
    payment,
    buyerNick: t.buyer_nick || t.buyer_open_uid || null,
    // Masked as TOP gives them; the plaintext comes only from taobao.top.oaid.decrypt when a label is printed.
    buyerName: t.receiver_name || null,
    buyerPhone: t.receiver_mobile || t.receiver_phone || null,
    country: !t.receiver_country || t.receiver_country === '中国' ? 'CN' : t.receiver_country,
    province: t.receiver_state || null,
    // TOP keeps county-level cities (济源) in receiver_district with an empty city; its own advice is to use it as city.
    city: t.receiver_city || t.receiver_district || null,
    district: t.receiver_district || null,
    address1: (town && !street.startsWith(town) ? town + street : street) || null,
    postcode: t.receiver_zip || null,
    piiMasked: masked,
    piiRef: t.oaid ? { oaid: t.oaid, tid: t.tid } : null,
    buyerMessage: t.buyer_message || null,
    sellerMemo: t.seller_memo || null,
    currency: 'CNY',
    goodsMinor: goods,
    shippingMinor: shipping,
    // Whatever makes goods + shipping − discount equal what the buyer paid: coupons, seller adjustments, Tmall points.
    discountMinor: goods + shipping - total,
    totalMinor: total,
    paidMinor: status.payment === 'unpaid' ? 0 : total,
    // A closed trade was refunded whole; partial refunds carry their exact amount on the after-sales case instead.
    ...(t.status === 'TRADE_CLOSED' ? { refundedMinor: total } : {}),
    trackingNo: shipped?.invoice_no ?? null,
    // logistics_company is a display name ("圆通速递"), not one of ShopDesk's carrier codes.
    carrier: null,
    placedAt: time(t.created, 'created'),
    paidAt: timeOrNull(t.pay_time, 'pay_time'),
    shipBy: null,
    platformUpdatedAt: time(t.modified, 'modified'),
    lines,
    raw: { format: RAW_FORMAT, payload: JSON.stringify(raw) },
  };
}

function tidOf(raw: unknown): string | null {
  const tid = (raw as { tid?: unknown } | null)?.tid;
  return typeof tid === 'string' || typeof tid === 'number' ? String(tid) : null;
}

/** Maps one fullinfo trade; a field we cannot read becomes a MappingError naming the tid and the field. */
export function mapTrade(raw: unknown, shopId: number): { ok: true; order: NormalizedOrder } | { ok: false; error: MappingError } {
  const parsed = TopTrade.safeParse(raw);
  if (!parsed.success) {
    const { field, problem } = describeIssue(parsed.error);
    return { ok: false, error: { platformOrderId: tidOf(raw), message: `trade ${tidOf(raw) ?? '(no tid)'}: ${field}: ${problem}`, raw: JSON.stringify(raw) } };
  }
  try {
    return { ok: true, order: toNormalizedOrder(parsed.data, raw, shopId) };
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
    return { ok: false, error: { platformOrderId: parsed.data.tid, message: `trade ${parsed.data.tid}: ${e.message}`, raw: JSON.stringify(raw) } };
  }
}
