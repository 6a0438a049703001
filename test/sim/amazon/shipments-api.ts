import type { SimRequest, SimResponse } from '../base.js';
import { amzError, invalidInput, MSG } from './envelope.js';
import { iso } from './fixtures.js';
import type { AmazonSimState } from './state.js';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/**
 * POST /orders/v0/orders/{id}/shipmentConfirmation — validates the body the way Amazon does (§2.5), refuses a
 * second confirmation with the same tracking as "already fulfilled", and otherwise records the package, ships the
 * units and moves the order to PartiallyShipped / Shipped with a new LastUpdateDate.
 */
export function confirmShipment(state: AmazonSimState, req: SimRequest, orderId: string): SimResponse {
  const order = state.orders.get(orderId);
  if (!order) return amzError(404, 'NotFound', `Order ${orderId} not found`); // [U] wording
  let body: unknown;
  try {
    body = JSON.parse(req.body);
  } catch {
    return invalidInput('Invalid Input');
  }
  if (!isObj(body)) return invalidInput('Invalid Input');
  if (!text(body.marketplaceId)) return invalidInput('marketplaceId is required'); // [U]
  if (body.marketplaceId !== order.marketplaceId) return invalidInput(`Invalid marketplaceId ${body.marketplaceId} for order ${orderId}`); // [U]
  const pd = body.packageDetail;
  if (!isObj(pd)) return invalidInput('packageDetail is required'); // [U]
  // Since 2026-01 a JSON number is refused outright; a string must hold a positive number (§2.5).
  if (typeof pd.packageReferenceId !== 'string') return invalidInput('Invalid Input', 'invalid type [packageDetail.packageReferenceId]');
  if (!/^[1-9]\d*$/.test(pd.packageReferenceId)) return invalidInput(MSG.packageRefInvalid);
  if (!text(pd.carrierCode)) return invalidInput('carrierCode is required'); // [U]
  if (pd.carrierCode === 'Other' && !text(pd.carrierName)) return invalidInput('carrierName is required when carrierCode is Other'); // [U]
  if (!text(pd.trackingNumber)) return invalidInput('trackingNumber is required'); // [U]
  if (typeof pd.shipDate !== 'string' || !ISO_DATE_TIME.test(pd.shipDate) || !Number.isFinite(Date.parse(pd.shipDate))) return invalidInput('Invalid Input');
  if (!Array.isArray(pd.orderItems) || pd.orderItems.length === 0) return invalidInput('orderItems is required'); // [U]
  const wanted = new Map<string, number>();
  for (const oi of pd.orderItems) {
    if (!isObj(oi) || !text(oi.orderItemId)) return invalidInput(MSG.orderItemInvalid);
    if (!order.items.some((i) => i.OrderItemId === oi.orderItemId)) return invalidInput(MSG.orderItemInvalid, String(oi.orderItemId));
    if (typeof oi.quantity !== 'number' || !Number.isInteger(oi.quantity) || oi.quantity <= 0) return invalidInput(`Invalid quantity for OrderItemId ${oi.orderItemId}`); // [U]
    wanted.set(oi.orderItemId, (wanted.get(oi.orderItemId) ?? 0) + oi.quantity);
  }
  if (order.status === 'Canceled' || order.status === 'Pending' || order.status === 'PendingAvailability') {
    return invalidInput(`Order ${orderId} cannot be shipped in status ${order.status}`); // [U]
  }
  const earlier = state.shipments.filter((s) => s.orderId === orderId).map((s) => s.body.packageDetail as Record<string, unknown>);
  const fulfilledError = () => invalidInput(MSG.alreadyFulfilled, 'errorMetric=PackageToUpdateNotFound');
  if (earlier.some((p) => p.trackingNumber === pd.trackingNumber)) return fulfilledError();
  for (const [id, qty] of wanted) {
    const item = order.items.find((i) => i.OrderItemId === id)!;
    const left = (item.QuantityOrdered as number) - (item.QuantityShipped as number);
    if (left === 0) return fulfilledError();
    if (qty > left) return invalidInput(`Quantity ${qty} for OrderItemId ${id} is more than the ${left} unshipped`); // [U]
  }
  if (earlier.some((p) => p.packageReferenceId === pd.packageReferenceId)) {
    return invalidInput(`PackageReferenceId: ${pd.packageReferenceId} is already used in order ${orderId}`); // [U] unique within the order (§2.5)
  }

  const now = state.clock.now();
  state.shipments.push({ orderId, at: now, body: structuredClone(body) });
  let shipped = 0;
  let unshipped = 0;
  for (const item of order.items) {
    item.QuantityShipped = (item.QuantityShipped as number) + (wanted.get(item.OrderItemId as string) ?? 0);
    shipped += item.QuantityShipped as number;
    unshipped += (item.QuantityOrdered as number) - (item.QuantityShipped as number);
  }
  order.status = unshipped === 0 ? 'Shipped' : 'PartiallyShipped';
  order.updatedAt = now;
  Object.assign(order.json, { OrderStatus: order.status, NumberOfItemsShipped: shipped, NumberOfItemsUnshipped: unshipped, LastUpdateDate: iso(now) });
  return { status: 204 };
}
