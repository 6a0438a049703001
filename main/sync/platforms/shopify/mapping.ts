import { z } from 'zod';
import { parseDecimalToMinor } from '../../../../shared/domain/money.js';
import type { MappingError } from '../../adapter.js';
import type { NormalizedLine, NormalizedOrder } from '../../../orders/model.js';
import { carrierCodeFromShopify } from './carriers.js';
import { mapStatus, StatusError } from './status.js';

/**
 * An Order node (as ORDERS_UPDATED asks for it, lines completed by follow-up pages) → NormalizedOrder.
 * Money stays exact (decimal strings → integer minor units, never floats); times become epoch ms UTC.
 * Anything that does not fit throws a MappingFailure naming the field, which becomes a MappingError for this
 * one order while the rest of the page is stored.
 */
export const RAW_FORMAT = 'shopify.graphql.order';

const MoneyBag = z.object({ shopMoney: z.object({ amount: z.string(), currencyCode: z.string().optional() }) });

const LineNode = z.object({
  id: z.string(),
  sku: z.string().nullable(),
  title: z.string(),
  variantTitle: z.string().nullable(),
  quantity: z.number().int(),
  originalUnitPriceSet: MoneyBag,
  discountedUnitPriceSet: MoneyBag.nullable().optional(),
});

const Address = z.object({
  name: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  address1: z.string().nullable(),
  address2: z.string().nullable(),
  city: z.string().nullable(),
  province: z.string().nullable(),
  provinceCode: z.string().nullable(),
  zip: z.string().nullable(),
  countryCodeV2: z.string().nullable(),
  phone: z.string().nullable(),
});

export const OrderNode = z.object({
  id: z.string(),
  legacyResourceId: z.string().regex(/^\d+$/),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  processedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  displayFinancialStatus: z.string().nullable(),
  displayFulfillmentStatus: z.string(),
  currencyCode: z.string().regex(/^[A-Z]{3}$/),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  note: z.string().nullable(),
  totalPriceSet: MoneyBag,
  totalShippingPriceSet: MoneyBag,
  totalDiscountsSet: MoneyBag.nullable(),
  totalRefundedSet: MoneyBag,
  shippingAddress: Address.nullable(),
  lineItems: z.object({ nodes: z.array(LineNode) }),
  fulfillments: z.array(
    z.object({
      status: z.string(),
      createdAt: z.string(),
      trackingInfo: z.array(z.object({ company: z.string().nullable(), number: z.string().nullable() })),
    }),
  ),
});
export type OrderNode = z.infer<typeof OrderNode>;

export class MappingFailure extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

const fieldPath = (path: readonly PropertyKey[]) => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : (i ? '.' : '') + String(p))).join('');

function time(value: string, field: string): number {
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) throw new MappingFailure(field, `not a date-time: "${value}"`);
  return ms;
}

function money(bag: z.infer<typeof MoneyBag> | null | undefined, field: string, currency: string): number {
  if (!bag) return 0;
  const amountField = `${field}.shopMoney.amount`;
  const code = bag.shopMoney.currencyCode;
  if (code && code !== currency) throw new MappingFailure(`${field}.shopMoney.currencyCode`, `${code} differs from the order currency ${currency}`);
  try {
    return parseDecimalToMinor(bag.shopMoney.amount, currency);
  } catch (e) {
    throw new MappingFailure(amountField, (e as Error).message);
  }
}

const joined = (...parts: (string | null | undefined)[]) => parts.filter((p) => p && p.trim()).join(', ') || null;

/** Throws MappingFailure; see mapOrder for the page-friendly form. */
export function mapOrderNode(raw: unknown, shopId: number): NormalizedOrder {
  const parsed = OrderNode.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new MappingFailure(fieldPath(issue.path) || 'order', issue.message);
  }
  const n = parsed.data;
  const currency = n.currencyCode;
  let status;
  try {
    status = mapStatus(n.displayFinancialStatus, n.displayFulfillmentStatus, n.cancelledAt);
  } catch (e) {
    if (e instanceof StatusError) throw new MappingFailure(e.field, e.message);
    throw e;
  }

  const lines: NormalizedLine[] = [];
  let goodsMinor = 0;
  n.lineItems.nodes.forEach((l, i) => {
    const at = `lineItems.nodes[${i}]`;
    const unit = money(l.originalUnitPriceSet, `${at}.originalUnitPriceSet`, currency);
    const discounted = l.discountedUnitPriceSet ? money(l.discountedUnitPriceSet, `${at}.discountedUnitPriceSet`, currency) : unit;
    // A line edited down to nothing keeps quantity ≥ 1 on Shopify; a 0 would break the store's qty ≥ 1 rule.
    if (l.quantity < 1) return;
    goodsMinor += unit * l.quantity;
    lines.push({
      platformLineId: l.id,
      platformSku: l.sku,
      title: l.title,
      variant: l.variantTitle,
      qty: l.quantity,
      unitPriceMinor: unit,
      discountMinor: Math.max(0, unit - discounted) * l.quantity,
    });
  });

  const placedAt = time(n.processedAt ?? n.createdAt, n.processedAt ? 'processedAt' : 'createdAt');
  const updatedAt = time(n.updatedAt, 'updatedAt');
  // The newest live fulfillment carries the tracking the buyer sees.
  const shipped = n.fulfillments
    .filter((f) => f.status !== 'CANCELLED' && f.trackingInfo.some((t) => t.number))
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))
    .at(-1);
  const tracking = shipped?.trackingInfo.find((t) => t.number);
  const a = n.shippingAddress;

  return {
    shopId,
    platform: 'shopify',
    platformOrderId: n.legacyResourceId,
    platformStatus: status.platformStatus,
    platformState: status.platformState,
    payment: status.payment,
    buyerNick: n.email,
    buyerName: a?.name ?? joined(a?.firstName, a?.lastName),
    buyerPhone: a?.phone ?? n.phone,
    country: a?.countryCodeV2 ?? null,
    province: a?.provinceCode ?? a?.province ?? null,
    city: a?.city ?? null,
    district: null,
    address1: joined(a?.address1, a?.address2),
    postcode: a?.zip ?? null,
    piiMasked: false,
    buyerMessage: n.note,
    currency,
    goodsMinor,
    shippingMinor: money(n.totalShippingPriceSet, 'totalShippingPriceSet', currency),
    discountMinor: money(n.totalDiscountsSet, 'totalDiscountsSet', currency),
    totalMinor: money(n.totalPriceSet, 'totalPriceSet', currency),
    refundedMinor: money(n.totalRefundedSet, 'totalRefundedSet', currency),
    trackingNo: tracking?.number ?? null,
    carrier: carrierCodeFromShopify(tracking?.company),
    placedAt,
    // [Assumption] Shopify checkouts are paid when placed; the capture time needs the transactions (more cost).
    paidAt: status.paid ? placedAt : null,
    platformUpdatedAt: updatedAt,
    lines,
    raw: { format: RAW_FORMAT, payload: JSON.stringify(raw) },
  };
}

/** A MappingError for this node, naming the order (name and numeric id) so the seller can find it. */
export function mappingError(raw: unknown, why: string): MappingError {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as { legacyResourceId?: unknown; id?: unknown; name?: unknown };
  const legacy = typeof r.legacyResourceId === 'string' ? r.legacyResourceId : null;
  const fromGid = typeof r.id === 'string' ? (/\/Order\/(\d+)$/.exec(r.id)?.[1] ?? null) : null;
  const platformOrderId = legacy ?? fromGid;
  const who = [typeof r.name === 'string' ? `order ${r.name}` : 'order', platformOrderId ? `(id ${platformOrderId})` : null].filter(Boolean).join(' ');
  return { platformOrderId, message: `Shopify ${who}: ${why}`, raw: JSON.stringify(raw) ?? 'null' };
}

/** Maps one node, or explains (order name, id and field) why it could not be mapped. */
export function mapOrder(raw: unknown, shopId: number): { order: NormalizedOrder } | { error: MappingError } {
  try {
    return { order: mapOrderNode(raw, shopId) };
  } catch (e) {
    return { error: mappingError(raw, e instanceof MappingFailure ? e.message : `unexpected: ${(e as Error).message}`) };
  }
}
