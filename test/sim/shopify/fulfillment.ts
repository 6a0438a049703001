import type { SimFoLine, SimFulfillmentOrder, SimOrder, SimStore, SimTracking } from './store.js';
import { fulfillmentView, parseGid } from './views.js';

/**
 * fulfillmentCreate: validates the whole request first (nothing is applied when anything is wrong), answers
 * business failures as userErrors at HTTP 200 — never as an HTTP error — and otherwise records the fulfillment,
 * closing each fulfillment order whose lines are all shipped. userError wordings are the simulator's own [U].
 */
interface FulfillmentInput {
  lineItemsByFulfillmentOrder: { fulfillmentOrderId: string; fulfillmentOrderLineItems?: { id: string; quantity: number }[] | null }[];
  notifyCustomer?: boolean | null;
  trackingInfo?: { company?: string | null; number?: string | null; numbers?: string[] | null; url?: string | null; urls?: string[] | null } | null;
}

interface UserError {
  field: string[] | null;
  message: string;
}

const FULFILLABLE = new Set(['OPEN', 'IN_PROGRESS']);

export function fulfillmentCreate(store: SimStore, input: FulfillmentInput) {
  const userErrors: UserError[] = [];
  const fail = (field: string[] | null, message: string) => ({ fulfillment: null, userErrors: [...userErrors, { field, message }] });
  const groups = input.lineItemsByFulfillmentOrder;
  if (groups.length === 0) return fail(['fulfillment', 'lineItemsByFulfillmentOrder'], 'At least one fulfillment order is required.');

  let order: SimOrder | null = null;
  const items: { fo: SimFulfillmentOrder; line: SimFoLine; quantity: number }[] = [];
  for (const [i, g] of groups.entries()) {
    const path = ['fulfillment', 'lineItemsByFulfillmentOrder', String(i)];
    const foId = parseGid(g.fulfillmentOrderId, 'FulfillmentOrder');
    const found = foId === null ? undefined : store.findFulfillmentOrder(foId);
    if (!found) return fail([...path, 'fulfillmentOrderId'], `Fulfillment order ${g.fulfillmentOrderId} does not exist.`);
    if (order && found.order !== order) return fail([...path, 'fulfillmentOrderId'], 'All fulfillment orders must belong to the same order.');
    order = found.order;
    const { fo } = found;
    if (!FULFILLABLE.has(fo.status)) {
      return fail([...path, 'fulfillmentOrderId'], `Fulfillment order ${g.fulfillmentOrderId} has an unfulfillable status= ${fo.status.toLowerCase()}.`);
    }
    if (!g.fulfillmentOrderLineItems) {
      // Omitted line items: the whole remaining fulfillment order ships.
      for (const line of fo.lines) if (line.remainingQuantity > 0) items.push({ fo, line, quantity: line.remainingQuantity });
      continue;
    }
    for (const [j, li] of g.fulfillmentOrderLineItems.entries()) {
      const linePath = [...path, 'fulfillmentOrderLineItems', String(j)];
      const lineId = parseGid(li.id, 'FulfillmentOrderLineItem');
      const line = fo.lines.find((l) => l.id === lineId);
      // The classic mistake — an order LineItem id here — lands in this branch.
      if (!line) return fail([...linePath, 'id'], `Fulfillment order line item ${li.id} does not exist on fulfillment order ${g.fulfillmentOrderId}.`);
      if (li.quantity < 1 || li.quantity > line.remainingQuantity) {
        return fail([...linePath, 'quantity'], `Quantity ${li.quantity} is invalid: ${line.remainingQuantity} remaining to fulfill.`);
      }
      items.push({ fo, line, quantity: li.quantity });
    }
  }
  if (!order || items.length === 0) return fail(['fulfillment'], 'Nothing to fulfill.');

  const t = input.trackingInfo;
  const tracking: SimTracking | null = t ? { company: t.company ?? null, number: t.number ?? t.numbers?.[0] ?? null, url: t.url ?? t.urls?.[0] ?? null } : null;
  const f = store.fulfill(order, items, tracking);
  return { fulfillment: fulfillmentView(f), userErrors };
}
