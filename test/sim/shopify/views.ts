import { GraphQLError } from 'graphql';
import { displayFulfillmentStatus, type SimFoLine, type SimFulfillment, type SimFulfillmentOrder, type SimLineItem, type SimOrder, type SimStore } from './store.js';

/**
 * The GraphQL face of the store: plain objects whose function-valued fields graphql-js's default resolver calls
 * with the field's arguments, so connections page lazily and only what a query asks for is built.
 */
export const gid = (type: string, id: number) => `gid://shopify/${type}/${id}`;

/** The numeric id of a gid of the given type, or null (Shopify answers null / an error for a wrong type). */
export function parseGid(value: unknown, type: string): number | null {
  if (typeof value !== 'string') return null;
  const m = new RegExp(`^gid://shopify/${type}/(\\d+)$`).exec(value);
  return m ? Number(m[1]) : null;
}

/** Shopify's DateTime: ISO 8601 in UTC, whole seconds. */
export const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'));

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  reverse?: boolean | null;
}

export const MAX_PAGE = 250;

/** Keyset cursor, like Shopify's base64 {"last_id":…,"last_value":…}: it names a position, not an offset. */
type Key = [value: number, id: number];
const encodeCursor = ([value, id]: Key) => Buffer.from(JSON.stringify({ last_id: id, last_value: value })).toString('base64');
function decodeCursor(cursor: string): Key {
  try {
    const j = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { last_id?: unknown; last_value?: unknown };
    if (typeof j.last_id === 'number' && typeof j.last_value === 'number') return [j.last_value, j.last_id];
  } catch {
    // fall through to the error below
  }
  throw new GraphQLError(`Invalid cursor for current pagination sort.`, { extensions: { code: 'BAD_REQUEST' } });
}
const cmp = (a: Key, b: Key) => a[0] - b[0] || a[1] - b[1];

/** Pages items by (key, id) ascending (descending with reverse). Because the cursor is a key, rows that move or
 * vanish while a client pages never shift the rest. */
export function paginate<T>(items: readonly T[], keyOf: (t: T) => Key, args: PageArgs, view: (t: T) => unknown) {
  if (args.last != null || args.before != null) {
    throw new GraphQLError('simulator: last/before paging is not implemented', { extensions: { code: 'BAD_REQUEST' } });
  }
  if (args.first == null) throw new GraphQLError('you must provide one of first or last', { extensions: { code: 'BAD_REQUEST' } });
  if (args.first < 0 || args.first > MAX_PAGE) {
    throw new GraphQLError(`The first argument must be between 0 and ${MAX_PAGE}.`, { extensions: { code: 'BAD_REQUEST' } });
  }
  const dir = args.reverse ? -1 : 1;
  const sorted = [...items].sort((a, b) => dir * cmp(keyOf(a), keyOf(b)));
  const after = args.after ? decodeCursor(args.after) : null;
  const rest = after ? sorted.filter((t) => dir * cmp(keyOf(t), after) > 0) : sorted;
  const page = rest.slice(0, args.first);
  const edges = page.map((t) => ({ cursor: encodeCursor(keyOf(t)), node: view(t) }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: rest.length > page.length,
      hasPreviousPage: after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    page,
  };
}

const bag = (amount: string | null, currency: string) =>
  amount === null ? null : { shopMoney: { amount, currencyCode: currency }, presentmentMoney: { amount, currencyCode: currency } };

function lineItemView(l: SimLineItem, currency: string) {
  return {
    id: gid('LineItem', l.id),
    sku: l.sku,
    name: l.variantTitle ? `${l.title} - ${l.variantTitle}` : l.title,
    title: l.title,
    variantTitle: l.variantTitle,
    quantity: l.quantity,
    currentQuantity: l.currentQuantity,
    requiresShipping: l.requiresShipping,
    originalUnitPriceSet: bag(l.price, currency),
    discountedUnitPriceSet: bag(l.discountedPrice, currency),
    variant: null,
  };
}

function foLineView(l: SimFoLine, order: SimOrder) {
  const line = order.lineItems.find((li) => li.id === l.lineItemId)!;
  return { id: gid('FulfillmentOrderLineItem', l.id), totalQuantity: l.totalQuantity, remainingQuantity: l.remainingQuantity, lineItem: lineItemView(line, order.currency) };
}

export function fulfillmentOrderView(fo: SimFulfillmentOrder, order: SimOrder) {
  return {
    id: gid('FulfillmentOrder', fo.id),
    orderId: gid('Order', order.id),
    status: fo.status,
    createdAt: iso(fo.createdAt),
    updatedAt: iso(fo.updatedAt),
    lineItems: (args: PageArgs) => paginate(fo.lines, (l) => [l.id, l.id], args, (l) => foLineView(l, order)),
  };
}

export function fulfillmentView(f: SimFulfillment) {
  return {
    id: gid('Fulfillment', f.id),
    status: f.status,
    createdAt: iso(f.createdAt),
    updatedAt: iso(f.createdAt),
    trackingInfo: (args: { first?: number | null }) => f.tracking.slice(0, args.first ?? undefined),
  };
}

export function orderView(o: SimOrder) {
  return {
    id: gid('Order', o.id),
    legacyResourceId: String(o.id),
    name: o.name,
    createdAt: iso(o.createdAt),
    updatedAt: iso(o.updatedAt),
    processedAt: iso(o.processedAt),
    cancelledAt: iso(o.cancelledAt),
    cancelReason: o.cancelReason,
    closedAt: iso(o.closedAt),
    closed: o.closedAt !== null,
    displayFinancialStatus: o.financialStatus,
    displayFulfillmentStatus: displayFulfillmentStatus(o),
    currencyCode: o.currency,
    email: o.email,
    phone: o.phone,
    note: o.note,
    tags: o.tags,
    test: false,
    totalPriceSet: bag(o.totals.total, o.currency),
    subtotalPriceSet: bag(o.totals.subtotal, o.currency),
    totalShippingPriceSet: bag(o.totals.shipping, o.currency),
    totalTaxSet: bag(o.totals.tax, o.currency),
    totalDiscountsSet: bag(o.totals.discounts, o.currency),
    totalRefundedSet: bag(o.totals.refunded, o.currency),
    shippingAddress: o.shippingAddress && {
      ...o.shippingAddress,
      name: [o.shippingAddress.firstName, o.shippingAddress.lastName].filter(Boolean).join(' ') || null,
      countryCodeV2: o.shippingAddress.countryCode,
    },
    lineItems: (args: PageArgs) => paginate(o.lineItems, (l) => [l.id, l.id], args, (l) => lineItemView(l, o.currency)),
    fulfillmentOrders: (args: PageArgs) => paginate(o.fulfillmentOrders, (f) => [f.id, f.id], args, (f) => fulfillmentOrderView(f, o)),
    fulfillments: (args: { first?: number | null }) => o.fulfillments.slice(0, args.first ?? undefined).map(fulfillmentView),
  };
}

/** The sort keys the simulator implements, as (value, id) keys. */
export const ORDER_SORT: Record<string, (o: SimOrder) => Key> = {
  ID: (o) => [o.id, o.id],
  CREATED_AT: (o) => [o.createdAt, o.id],
  PROCESSED_AT: (o) => [o.processedAt, o.id],
  UPDATED_AT: (o) => [o.updatedAt, o.id],
};

export function ordersOf(store: SimStore): SimOrder[] {
  return [...store.orders.values()];
}
