import { z } from 'zod';
import type { AdapterContext, ShipmentWriteBack, WriteBackResult } from '../../adapter.js';
import { PlatformError } from '../../platform-error.js';
import { shopifyTrackingCompany } from './carriers.js';
import type { GraphqlOp, ShopifyClient } from './client.js';
import {
  FO_LINES_PAGE,
  FULFILLMENT_CREATE,
  FULFILLMENT_ORDER_MORE_LINES,
  FULFILLMENT_ORDERS_PAGE,
  FULFILLMENTS_READ,
  MORE_FO_LINES_PAGE,
  SHIPMENT_CONTEXT,
} from './queries.js';

/**
 * Tracking write-back. Shopify fulfils fulfillment orders, not orders: read the order's fulfillment orders, pick
 * their FulfillmentOrderLineItem ids for the lines that shipped (an order LineItem id there is the classic
 * "line item does not exist" bug), and send one fulfillmentCreate with the tracking. Idempotent: an order that
 * already has a live fulfillment with this tracking number is 'already', checked before sending and again before
 * any retry (a send whose answer was lost may have been applied).
 *
 * [Assumption] One fulfillmentCreate covers every fulfillment order involved; Shopify requires them to share one
 * location — true for single-location shops, which is what ShopDesk's sellers run.
 */
const FULFILLABLE = new Set(['OPEN', 'IN_PROGRESS']);
const HELD = new Set(['ON_HOLD', 'SCHEDULED', 'INCOMPLETE']);

const PageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });
const FoLine = z.object({ id: z.string(), totalQuantity: z.number(), remainingQuantity: z.number(), lineItem: z.object({ id: z.string(), sku: z.string().nullable() }) });
const FoLines = z.object({ pageInfo: PageInfo, nodes: z.array(FoLine) });
const Fo = z.object({ id: z.string(), status: z.string(), lineItems: FoLines });
const ContextOrder = z.object({
  id: z.string(),
  name: z.string(),
  cancelledAt: z.string().nullable(),
  fulfillments: z.array(z.object({ status: z.string(), trackingInfo: z.array(z.object({ company: z.string().nullable(), number: z.string().nullable() })) })),
  fulfillmentOrders: z.object({ pageInfo: PageInfo, nodes: z.array(Fo) }),
});

interface ShipContext {
  orderGid: string;
  name: string;
  cancelled: boolean;
  trackings: { company: string | null; number: string }[];
  fulfillmentOrders: { id: string; status: string; lines: z.infer<typeof FoLine>[] }[];
}

type Send = (op: GraphqlOp) => Promise<Record<string, unknown>>;

function shape<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new PlatformError('server', `Shopify answered ${what} in an unexpected shape (${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message})`);
}

export function orderGid(platformOrderId: string): string {
  const id = platformOrderId.trim();
  if (/^\d+$/.test(id)) return `gid://shopify/Order/${id}`;
  if (/^gid:\/\/shopify\/Order\/\d+$/.test(id)) return id;
  throw new PlatformError('bad_request', `"${platformOrderId}" is not a Shopify order id`);
}

const lineItemGid = (id: string) => (/^\d+$/.test(id.trim()) ? `gid://shopify/LineItem/${id.trim()}` : id.trim());
const sameTracking = (a: string, b: string) => a.replace(/\s+/g, '').toUpperCase() === b.replace(/\s+/g, '').toUpperCase();

/** Everything about the order a write-back decides on, every fulfillment order line included (follow-up pages). */
async function readContext(send: Send, id: string): Promise<ShipContext> {
  const fulfillmentOrders: ShipContext['fulfillmentOrders'] = [];
  let foAfter: string | null = null;
  let head: z.infer<typeof ContextOrder> | null = null;
  do {
    const data = await send({
      name: 'ShipmentContext',
      query: SHIPMENT_CONTEXT,
      variables: { id, fulfillmentsFirst: FULFILLMENTS_READ, foFirst: FULFILLMENT_ORDERS_PAGE, foAfter, foLinesFirst: FO_LINES_PAGE },
    });
    if (data.order === null) throw new PlatformError('not_found', `Shopify has no order ${id}`);
    const order = shape(ContextOrder, data.order, 'ShipmentContext');
    head ??= order;
    for (const fo of order.fulfillmentOrders.nodes) {
      const lines = [...fo.lineItems.nodes];
      let page = fo.lineItems.pageInfo;
      while (page.hasNextPage && page.endCursor) {
        const more = await send({ name: 'FulfillmentOrderMoreLines', query: FULFILLMENT_ORDER_MORE_LINES, variables: { id: fo.id, first: MORE_FO_LINES_PAGE, after: page.endCursor } });
        const conn = shape(z.object({ lineItems: FoLines }), more.fulfillmentOrder, 'FulfillmentOrderMoreLines');
        lines.push(...conn.lineItems.nodes);
        page = conn.lineItems.pageInfo;
      }
      fulfillmentOrders.push({ id: fo.id, status: fo.status, lines });
    }
    foAfter = order.fulfillmentOrders.pageInfo.hasNextPage ? order.fulfillmentOrders.pageInfo.endCursor : null;
  } while (foAfter);
  const trackings = head.fulfillments
    .filter((f) => f.status !== 'CANCELLED')
    .flatMap((f) => f.trackingInfo.flatMap((t) => (t.number ? [{ company: t.company, number: t.number }] : [])));
  return { orderGid: head.id, name: head.name, cancelled: head.cancelledAt !== null, trackings, fulfillmentOrders };
}

interface FulfillmentOrderLineItems {
  fulfillmentOrderId: string;
  fulfillmentOrderLineItems: { id: string; quantity: number }[];
}

/** Which FulfillmentOrderLineItems (and how many of each) carry the shipped lines. */
export function planFulfillment(c: ShipContext, req: ShipmentWriteBack, note: (m: string) => void): FulfillmentOrderLineItems[] {
  const open = c.fulfillmentOrders.filter((fo) => FULFILLABLE.has(fo.status));
  const plan = new Map<string, Map<string, number>>();
  const remaining = new Map(open.flatMap((fo) => fo.lines.map((l) => [l.id, l.remainingQuantity] as const)));
  const take = (foId: string, lineId: string, qty: number) => {
    const lines = plan.get(foId) ?? new Map<string, number>();
    lines.set(lineId, (lines.get(lineId) ?? 0) + qty);
    plan.set(foId, lines);
    remaining.set(lineId, (remaining.get(lineId) ?? 0) - qty);
  };

  if (req.lines.length === 0) {
    for (const fo of open) for (const l of fo.lines) if (l.remainingQuantity > 0) take(fo.id, l.id, l.remainingQuantity);
  }
  for (const want of req.lines) {
    const matches = (l: z.infer<typeof FoLine>) =>
      want.platformLineId ? l.lineItem.id === lineItemGid(want.platformLineId) : want.platformSku !== null && l.lineItem.sku === want.platformSku;
    const label = want.platformLineId ?? want.platformSku ?? '(no id)';
    if (!c.fulfillmentOrders.some((fo) => fo.lines.some(matches))) {
      throw new PlatformError('bad_request', `line ${label} is not on Shopify order ${c.name}`);
    }
    let need = want.qty;
    for (const fo of open) {
      for (const l of fo.lines) {
        const left = remaining.get(l.id) ?? 0;
        if (need > 0 && left > 0 && matches(l)) {
          const q = Math.min(need, left);
          take(fo.id, l.id, q);
          need -= q;
        }
      }
    }
    if (need > 0 && need < want.qty) note(`Shopify order ${c.name}: only ${want.qty - need} of ${want.qty} × ${label} were left to fulfil`);
  }

  if (plan.size === 0) {
    if (c.trackings.length) {
      const other = c.trackings.map((t) => `${t.company ?? '?'} ${t.number}`).join(', ');
      throw new PlatformError('already_done', `Shopify order ${c.name} is already fulfilled, with tracking ${other} (not ${req.trackingNo})`);
    }
    const held = c.fulfillmentOrders.find((fo) => HELD.has(fo.status));
    if (held) throw new PlatformError('bad_request', `Shopify order ${c.name} cannot be fulfilled: its fulfillment order is ${held.status}`);
    throw new PlatformError('already_done', `Shopify order ${c.name} has nothing left to fulfil`);
  }
  return [...plan].map(([fulfillmentOrderId, lines]) => ({
    fulfillmentOrderId,
    fulfillmentOrderLineItems: [...lines].map(([id, quantity]) => ({ id, quantity })),
  }));
}

const CreatePayload = z.object({
  fulfillment: z.object({ id: z.string() }).nullable(),
  userErrors: z.array(z.object({ field: z.array(z.string()).nullable(), message: z.string() })),
});

export async function confirmShopifyShipment(client: ShopifyClient, req: ShipmentWriteBack, ctx: AdapterContext): Promise<WriteBackResult> {
  const number = req.trackingNo.trim();
  if (!number) throw new PlatformError('bad_request', 'a tracking number is required');
  const id = orderGid(req.platformOrderId);
  const retried: Send = (op) => client.request(ctx, op);
  // Inside the send loop reads are single attempts: the loop's own retry budget covers them.
  const single: Send = (op) => client.once(ctx, op);

  const c = await readContext(retried, id);
  if (c.trackings.some((t) => sameTracking(t.number, number))) return 'already';
  if (c.cancelled) throw new PlatformError('bad_request', `Shopify order ${c.name} was cancelled; not fulfilling it`);
  const lineItemsByFulfillmentOrder = planFulfillment(c, req, (m) => ctx.note(m));
  const fulfillment = { lineItemsByFulfillmentOrder, trackingInfo: { company: shopifyTrackingCompany(req.carrier), number }, notifyCustomer: false };

  return client.retrying(ctx, async (attempt) => {
    const appliedMeanwhile = async () => (await readContext(single, id)).trackings.some((t) => sameTracking(t.number, number));
    if (attempt > 0 && (await appliedMeanwhile())) return 'already';
    const data = await client.once(ctx, { name: 'FulfillmentCreate', query: FULFILLMENT_CREATE, variables: { fulfillment } });
    const payload = shape(CreatePayload, data.fulfillmentCreate, 'FulfillmentCreate');
    if (payload.userErrors.length) {
      // Refused — perhaps because an earlier attempt of ours got through after all.
      if (await appliedMeanwhile()) return 'already';
      const why = payload.userErrors.map((e) => (e.field ? `${e.field.join('.')}: ${e.message}` : e.message)).join('; ');
      const kind = /unfulfillable|closed|already|fulfilled|nothing to fulfill/i.test(why) ? 'already_done' : 'bad_request';
      throw new PlatformError(kind, `Shopify refused the fulfillment of order ${c.name}: ${why}`, { platformCode: 'userErrors' });
    }
    if (!payload.fulfillment) throw new PlatformError('bad_request', `Shopify returned no fulfillment for order ${c.name} and no error`);
    return 'done';
  });
}
