import { minorToDecimal, parseDecimalToMinor } from '../../../shared/domain/money.js';
import type { SimClock } from '../base.js';

/**
 * The simulated shop's data, kept the way Shopify keeps it: amounts are decimal strings (so a test can plant a
 * malformed one), times are whole seconds (Shopify's DateTime has no milliseconds), and fulfilment happens on
 * fulfillment orders whose line items have their own ids, distinct from the order's line item ids.
 */
export type FulfillmentOrderStatus = 'OPEN' | 'IN_PROGRESS' | 'CLOSED' | 'CANCELLED' | 'INCOMPLETE' | 'ON_HOLD' | 'SCHEDULED';

export interface SimLineItem {
  id: number;
  sku: string | null;
  title: string;
  variantTitle: string | null;
  quantity: number;
  currentQuantity: number;
  requiresShipping: boolean;
  price: string;
  discountedPrice: string;
}

export interface SimFoLine {
  id: number;
  lineItemId: number;
  totalQuantity: number;
  remainingQuantity: number;
}

export interface SimFulfillmentOrder {
  id: number;
  status: FulfillmentOrderStatus;
  createdAt: number;
  updatedAt: number;
  lines: SimFoLine[];
}

export interface SimTracking {
  company: string | null;
  number: string | null;
  url: string | null;
}

export interface SimFulfillment {
  id: number;
  status: 'SUCCESS' | 'CANCELLED';
  createdAt: number;
  tracking: SimTracking[];
  lines: { foLineId: number; quantity: number }[];
}

export interface SimAddress {
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  provinceCode: string | null;
  zip: string | null;
  country: string | null;
  countryCode: string | null;
  phone: string | null;
}

export interface SimOrder {
  id: number;
  name: string;
  createdAt: number;
  processedAt: number;
  updatedAt: number;
  cancelledAt: number | null;
  cancelReason: string | null;
  closedAt: number | null;
  financialStatus: string | null;
  /** Set to force a display status the fulfilment data does not imply (ON_HOLD, SCHEDULED…). */
  fulfillmentStatusOverride: string | null;
  currency: string;
  email: string | null;
  phone: string | null;
  note: string | null;
  tags: string[];
  totals: { total: string; subtotal: string; shipping: string; tax: string; discounts: string; refunded: string };
  shippingAddress: SimAddress | null;
  lineItems: SimLineItem[];
  fulfillmentOrders: SimFulfillmentOrder[];
  fulfillments: SimFulfillment[];
}

export interface LineSpec {
  sku?: string | null;
  title?: string;
  variantTitle?: string | null;
  qty?: number;
  price?: string;
  /** Unit price after line-level discounts; defaults to price. */
  discountedPrice?: string;
}

export interface OrderSpec {
  name?: string;
  currency?: string;
  financialStatus?: string | null;
  email?: string | null;
  note?: string | null;
  shipping?: string;
  tax?: string;
  refunded?: string;
  cancelledAt?: number | null;
  cancelReason?: string | null;
  lines?: LineSpec[];
  address?: Partial<SimAddress> | null;
  /** Defaults to the sim clock. */
  createdAt?: number;
}

const wholeSecond = (ms: number) => Math.floor(ms / 1000) * 1000;

export class SimStore {
  readonly orders = new Map<number, SimOrder>();
  // Separate id ranges per type, like Shopify's, so a LineItem id used where a FulfillmentOrderLineItem id belongs
  // points at nothing instead of silently at something.
  private next = { order: 5_500_000_001, line: 13_000_000_001, fo: 6_000_000_001, foLine: 14_000_000_001, fulfillment: 4_000_000_001 };
  private orderNumber = 1001;

  constructor(private readonly clock: SimClock) {}

  now(): number {
    return wholeSecond(this.clock.now());
  }

  addOrder(spec: OrderSpec = {}): SimOrder {
    const at = wholeSecond(spec.createdAt ?? this.clock.now());
    const currency = spec.currency ?? 'USD';
    const lineSpecs = spec.lines ?? [{}];
    const lineItems: SimLineItem[] = lineSpecs.map((l, i) => ({
      id: this.next.line++,
      sku: l.sku === undefined ? `SKU-${i + 1}` : l.sku,
      title: l.title ?? `Product ${i + 1}`,
      variantTitle: l.variantTitle ?? null,
      quantity: l.qty ?? 1,
      currentQuantity: l.qty ?? 1,
      requiresShipping: true,
      price: l.price ?? '10.00',
      discountedPrice: l.discountedPrice ?? l.price ?? '10.00',
    }));
    // Totals are derived exactly in minor units, as Shopify would report them.
    const minor = (s: string) => parseDecimalToMinor(s, currency);
    const subtotal = lineItems.reduce((n, l) => n + minor(l.discountedPrice) * l.quantity, 0);
    const discounts = lineItems.reduce((n, l) => n + (minor(l.price) - minor(l.discountedPrice)) * l.quantity, 0);
    const shipping = minor(spec.shipping ?? '0');
    const tax = minor(spec.tax ?? '0');
    const dec = (n: number) => minorToDecimal(n, currency);
    const id = this.next.order++;
    const number = this.orderNumber++;
    const order: SimOrder = {
      id,
      name: spec.name ?? `#${number}`,
      createdAt: at,
      processedAt: at,
      updatedAt: at,
      cancelledAt: spec.cancelledAt ?? null,
      cancelReason: spec.cancelReason ?? null,
      closedAt: null,
      financialStatus: spec.financialStatus === undefined ? 'PAID' : spec.financialStatus,
      fulfillmentStatusOverride: null,
      currency,
      email: spec.email === undefined ? `buyer${number}@example.com` : spec.email,
      phone: null,
      note: spec.note ?? null,
      tags: [],
      totals: {
        total: dec(subtotal + shipping + tax),
        subtotal: dec(subtotal),
        shipping: dec(shipping),
        tax: dec(tax),
        discounts: dec(discounts),
        refunded: spec.refunded ?? dec(0),
      },
      shippingAddress:
        spec.address === null
          ? null
          : {
              firstName: 'Ada',
              lastName: 'Lovelace',
              company: null,
              address1: '1 Main St',
              address2: null,
              city: 'Springfield',
              province: 'Oregon',
              provinceCode: 'OR',
              zip: '97477',
              country: 'United States',
              countryCode: 'US',
              phone: '+15415550100',
              ...spec.address,
            },
      lineItems,
      fulfillmentOrders: [],
      fulfillments: [],
    };
    // One fulfillment order per order, holding every line that needs shipping (a single-location shop).
    const shippable = lineItems.filter((l) => l.requiresShipping);
    if (shippable.length) {
      order.fulfillmentOrders.push({
        id: this.next.fo++,
        status: order.cancelledAt ? 'CLOSED' : 'OPEN',
        createdAt: at,
        updatedAt: at,
        lines: shippable.map((l) => ({ id: this.next.foLine++, lineItemId: l.id, totalQuantity: l.quantity, remainingQuantity: l.quantity })),
      });
    }
    this.orders.set(id, order);
    return order;
  }

  get(id: number): SimOrder | undefined {
    return this.orders.get(id);
  }

  /** Applies an edit; an edit on Shopify moves updatedAt to now unless bump is false (a planted bad payload). */
  update(id: number, edit: (o: SimOrder) => void, opts: { bump?: boolean } = {}): SimOrder {
    const o = this.orders.get(id);
    if (!o) throw new Error(`sim: no order ${id}`);
    edit(o);
    if (opts.bump !== false) o.updatedAt = this.now();
    return o;
  }

  findFulfillmentOrder(id: number): { order: SimOrder; fo: SimFulfillmentOrder } | undefined {
    for (const order of this.orders.values()) {
      const fo = order.fulfillmentOrders.find((f) => f.id === id);
      if (fo) return { order, fo };
    }
    return undefined;
  }

  /** Records a fulfillment (the mutation has validated the request); closes what is fully shipped. */
  fulfill(order: SimOrder, items: { fo: SimFulfillmentOrder; line: SimFoLine; quantity: number }[], tracking: SimTracking | null): SimFulfillment {
    const now = this.now();
    for (const { fo, line, quantity } of items) {
      line.remainingQuantity -= quantity;
      fo.status = fo.lines.every((l) => l.remainingQuantity === 0) ? 'CLOSED' : 'IN_PROGRESS';
      fo.updatedAt = now;
    }
    const f: SimFulfillment = {
      id: this.next.fulfillment++,
      status: 'SUCCESS',
      createdAt: now,
      tracking: tracking ? [tracking] : [],
      lines: items.map((i) => ({ foLineId: i.line.id, quantity: i.quantity })),
    };
    order.fulfillments.push(f);
    order.updatedAt = now;
    return f;
  }

  /** A fulfilment made elsewhere (Shopify admin, another app): every open line ships under this tracking. */
  fulfillEverything(id: number, tracking: SimTracking): SimFulfillment {
    const order = this.orders.get(id);
    if (!order) throw new Error(`sim: no order ${id}`);
    const items = order.fulfillmentOrders
      .filter((fo) => fo.status === 'OPEN' || fo.status === 'IN_PROGRESS')
      .flatMap((fo) => fo.lines.filter((l) => l.remainingQuantity > 0).map((line) => ({ fo, line, quantity: line.remainingQuantity })));
    return this.fulfill(order, items, tracking);
  }
}

/** What Shopify derives for displayFulfillmentStatus from the fulfillment orders. */
export function displayFulfillmentStatus(o: SimOrder): string {
  if (o.fulfillmentStatusOverride) return o.fulfillmentStatusOverride;
  const lines = o.fulfillmentOrders.filter((fo) => fo.status !== 'CANCELLED').flatMap((fo) => fo.lines);
  const total = lines.reduce((n, l) => n + l.totalQuantity, 0);
  const remaining = lines.reduce((n, l) => n + l.remainingQuantity, 0);
  if (total > 0 && remaining === 0) return 'FULFILLED';
  if (remaining < total) return 'PARTIALLY_FULFILLED';
  return 'UNFULFILLED';
}
