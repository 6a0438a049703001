import type { Payment, PlatformState } from '../../../../shared/domain/status.js';
import { parseDecimalToMinor } from '../../../../shared/domain/money.js';
import type { NormalizedLine, NormalizedOrder } from '../../../orders/model.js';
import type { MappingError } from '../../adapter.js';
import { MARKETPLACES } from './marketplaces.js';
import { AmazonOrder, AmazonOrderItem, describeIssue, type AmazonMoney } from './payload.js';

export const RAW_FORMAT = 'amazon.orders.v0';

/** A payload field we could not read; becomes a MappingError naming the order and the field. */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

/** OrderStatus → ShopDesk axes (platform-apis.md §10.1). Amazon takes the money when it lets the seller ship. */
const STATUS: Readonly<Record<string, { state: PlatformState; payment: Payment }>> = {
  PendingAvailability: { state: 'unpaid', payment: 'unpaid' },
  Pending: { state: 'unpaid', payment: 'unpaid' },
  Unshipped: { state: 'to_ship', payment: 'paid' },
  PartiallyShipped: { state: 'to_ship', payment: 'paid' },
  Shipped: { state: 'shipped', payment: 'paid' },
  InvoiceUnconfirmed: { state: 'shipped', payment: 'paid' },
  // Amazon never charged a cancelled order (or has voided the charge): nothing was paid to refund.
  Canceled: { state: 'cancelled', payment: 'unpaid' },
  Unfulfillable: { state: 'cancelled', payment: 'unpaid' },
};

/** Payment methods where the buyer pays on delivery or at a store: clear to ship, but nothing is paid yet. */
const PAY_LATER = new Set(['COD', 'CVS']);

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

function timeMs(value: string, field: string): number {
  const ms = ISO.test(value) ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) throw new FieldError(field, `not an ISO-8601 date-time: ${JSON.stringify(value)}`);
  return ms;
}

function money(m: AmazonMoney | undefined, field: string, currency: string): number {
  if (!m) return 0;
  if (m.CurrencyCode !== currency) throw new FieldError(`${field}.CurrencyCode`, `is ${m.CurrencyCode} but the order is in ${currency}`);
  try {
    return parseDecimalToMinor(m.Amount, currency);
  } catch (e) {
    throw new FieldError(`${field}.Amount`, (e as Error).message);
  }
}

/**
 * Amazon's ItemPrice is the line total (unit × qty). ShopDesk lines hold a unit price and a line discount with
 * total = unit × qty − discount, so an indivisible total (10.00 for 3) becomes unit 3.34 and discount 0.02: exact,
 * and the lines still add up to what Amazon charged.
 */
export function splitLineTotal(totalMinor: number, qty: number): { unitPriceMinor: number; discountMinor: number } {
  if (qty === 0) return { unitPriceMinor: 0, discountMinor: 0 };
  const rem = totalMinor % qty;
  const unit = (totalMinor - rem) / qty + (rem === 0 ? 0 : 1);
  return { unitPriceMinor: unit, discountMinor: unit * qty - totalMinor };
}

/** Reads an order header (what getOrders returned) before we spend a getOrderItems call on it. */
export function readOrderHeader(raw: unknown): { ok: true; order: AmazonOrder } | { ok: false; error: MappingError } {
  const r = AmazonOrder.safeParse(raw);
  if (r.success) return { ok: true, order: r.data };
  const id = (raw as { AmazonOrderId?: unknown } | null)?.AmazonOrderId;
  const { field, problem } = describeIssue(r.error);
  return { ok: false, error: { platformOrderId: typeof id === 'string' && id ? id : null, message: `${field}: ${problem}`, raw: JSON.stringify({ order: raw }) } };
}

function orderCurrency(order: AmazonOrder, items: AmazonOrderItem[], fallbackMarketplace: string): string {
  const fromMoney = order.OrderTotal?.CurrencyCode ?? items.find((i) => i.ItemPrice)?.ItemPrice?.CurrencyCode;
  if (fromMoney) return fromMoney;
  // Pending orders carry no prices at all; the marketplace still tells the currency.
  const known = MARKETPLACES[order.MarketplaceId ?? fallbackMarketplace];
  if (known) return known.currency;
  throw new FieldError('OrderTotal', `absent, and marketplace ${order.MarketplaceId ?? fallbackMarketplace} has no currency we know`);
}

function readItems(rawItems: unknown[]): AmazonOrderItem[] {
  return rawItems.map((raw, i) => {
    const r = AmazonOrderItem.safeParse(raw);
    if (!r.success) {
      const { field, problem } = describeIssue(r.error, `OrderItems[${i}]`);
      throw new FieldError(field, problem);
    }
    return r.data;
  });
}

/** Throws FieldError when a field cannot be read. */
export function toNormalizedOrder(order: AmazonOrder, rawOrder: unknown, rawItems: unknown[], shopId: number, marketplaceId: string): NormalizedOrder {
  const status = STATUS[order.OrderStatus];
  if (!status) throw new FieldError('OrderStatus', `unknown status ${JSON.stringify(order.OrderStatus)}`);
  const items = readItems(rawItems);
  const currency = orderCurrency(order, items, marketplaceId);

  let goods = 0;
  let shipping = 0;
  let discount = 0;
  const cancelNotes: string[] = [];
  const lines: NormalizedLine[] = items.map((it, i) => {
    const f = `OrderItems[${i}]`;
    const total = money(it.ItemPrice, `${f}.ItemPrice`, currency);
    if (total < 0) throw new FieldError(`${f}.ItemPrice.Amount`, 'is negative');
    if (it.QuantityOrdered === 0 && total !== 0) throw new FieldError(`${f}.QuantityOrdered`, 'is 0 but ItemPrice is not');
    goods += total;
    shipping += money(it.ShippingPrice, `${f}.ShippingPrice`, currency);
    discount += money(it.PromotionDiscount, `${f}.PromotionDiscount`, currency) + money(it.ShippingDiscount, `${f}.ShippingDiscount`, currency);
    const cancel = it.BuyerRequestedCancel;
    if (cancel && String(cancel.IsBuyerRequestedCancel).toLowerCase() === 'true') {
      cancelNotes.push(`${it.SellerSKU ?? it.ASIN}${cancel.BuyerCancelReason ? `: ${cancel.BuyerCancelReason}` : ''}`);
    }
    return {
      platformLineId: it.OrderItemId,
      platformSku: it.SellerSKU ?? it.ASIN,
      title: it.Title ?? it.ASIN,
      qty: it.QuantityOrdered,
      ...splitLineTotal(total, it.QuantityOrdered),
    };
  });

  const a = order.ShippingAddress;
  const street = [a?.AddressLine1, a?.AddressLine2, a?.AddressLine3].filter((s): s is string => Boolean(s)).join(', ');
  const paidLater = PAY_LATER.has(order.PaymentMethod ?? '');
  return {
    shopId,
    platform: 'amazon',
    platformOrderId: order.AmazonOrderId,
    platformStatus: order.OrderStatus,
    platformState: status.state,
    payment: status.payment,
    // Without a Restricted Data Token Amazon gives only city/state/postcode/country: name and street stay empty.
    buyerName: a?.Name ?? order.BuyerInfo?.BuyerName ?? null,
    buyerPhone: a?.Phone ?? null,
    country: a?.CountryCode ?? null,
    province: a?.StateOrRegion ?? null,
    city: a?.City ?? null,
    district: a?.District ?? a?.County ?? null,
    address1: street || null,
    postcode: a?.PostalCode ?? null,
    piiMasked: !(a?.Name && a?.AddressLine1),
    // A buyer's cancel request means "do not ship"; the order model has no hold field, so audit sees it as a message.
    buyerMessage: cancelNotes.length ? `Buyer requested cancellation (${cancelNotes.join('; ')})` : null,
    currency,
    goodsMinor: goods,
    shippingMinor: shipping,
    discountMinor: discount,
    // OrderTotal is what Amazon charges (tax included where Amazon collects it); computed only when Amazon gives none.
    totalMinor: order.OrderTotal ? money(order.OrderTotal, 'OrderTotal', currency) : goods + shipping - discount,
    ...(status.payment === 'paid' && paidLater ? { paidMinor: 0 } : {}),
    placedAt: timeMs(order.PurchaseDate, 'PurchaseDate'),
    shipBy: order.LatestShipDate ? timeMs(order.LatestShipDate, 'LatestShipDate') : null,
    platformUpdatedAt: timeMs(order.LastUpdateDate, 'LastUpdateDate'),
    lines,
    raw: { format: RAW_FORMAT, payload: JSON.stringify({ order: rawOrder, items: rawItems }) },
  };
}

/** Maps one order; a field we cannot read becomes a MappingError that names the AmazonOrderId and the field. */
export function mapAmazonOrder(
  order: AmazonOrder,
  rawOrder: unknown,
  rawItems: unknown[],
  shopId: number,
  marketplaceId: string,
): { ok: true; order: NormalizedOrder } | { ok: false; error: MappingError } {
  try {
    return { ok: true, order: toNormalizedOrder(order, rawOrder, rawItems, shopId, marketplaceId) };
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
    return { ok: false, error: { platformOrderId: order.AmazonOrderId, message: e.message, raw: JSON.stringify({ order: rawOrder, items: rawItems }) } };
  }
}
