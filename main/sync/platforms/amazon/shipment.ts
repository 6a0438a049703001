import type { AdapterContext, ShipmentWriteBack, WriteBackResult } from '../../adapter.js';
import { PlatformError } from '../../platform-error.js';
import { amazonCarrier } from './carriers.js';
import type { AmazonClient } from './client.js';
import type { AmazonCredentials } from './credentials.js';
import { getAllOrderItems } from './orders-api.js';
import { AmazonOrderItem, describeIssue } from './payload.js';

interface ItemState {
  orderItemId: string;
  sku: string | null;
  ordered: number;
  shipped: number;
}

interface PackageItem {
  orderItemId: string;
  quantity: number;
}

async function itemStates(orderId: string, creds: AmazonCredentials, client: AmazonClient, ctx: AdapterContext): Promise<ItemState[]> {
  const raw = await getAllOrderItems(orderId, creds, client, ctx);
  return raw.map((r, i) => {
    const p = AmazonOrderItem.safeParse(r);
    if (!p.success) {
      const { field, problem } = describeIssue(p.error, `OrderItems[${i}]`);
      throw new PlatformError('bad_request', `Amazon order ${orderId}: cannot read ${field}: ${problem}`);
    }
    return { orderItemId: p.data.OrderItemId, sku: p.data.SellerSKU ?? null, ordered: p.data.QuantityOrdered, shipped: p.data.QuantityShipped ?? 0 };
  });
}

/** Lines → packageDetail.orderItems; a line without an Amazon item id is matched by SellerSKU. Empty lines = what is left. */
export function packageItems(orderId: string, lines: ShipmentWriteBack['lines'], items: ItemState[]): PackageItem[] {
  if (lines.length === 0) {
    return items.filter((i) => i.ordered > i.shipped).map((i) => ({ orderItemId: i.orderItemId, quantity: i.ordered - i.shipped }));
  }
  const qty = new Map<string, number>();
  for (const l of lines) {
    if (!Number.isInteger(l.qty) || l.qty <= 0) throw new PlatformError('bad_request', `Amazon order ${orderId}: quantity ${l.qty} is not a positive whole number`);
    let id = l.platformLineId ?? null;
    if (id !== null && !items.some((i) => i.orderItemId === id)) {
      throw new PlatformError('bad_request', `Amazon order ${orderId} has no order item ${id}`);
    }
    if (id === null) {
      const bySku = items.filter((i) => l.platformSku !== null && i.sku === l.platformSku);
      if (bySku.length !== 1) throw new PlatformError('bad_request', `Amazon order ${orderId}: cannot tell which order item SKU ${l.platformSku ?? '(none)'} is`);
      id = bySku[0]!.orderItemId;
    }
    qty.set(id, (qty.get(id) ?? 0) + l.qty);
  }
  return [...qty].map(([orderItemId, quantity]) => ({ orderItemId, quantity }));
}

/** Amazon's answer when the items are already confirmed shipped (platform-apis.md §2.5: "order already fulfilled"). */
function saysAlreadyFulfilled(e: PlatformError): boolean {
  return /already fulfilled|PackageToUpdateNotFound|already (been )?shipped/i.test(`${e.details.platformCode ?? ''} ${e.message}`);
}

function allShipped(pkg: PackageItem[], items: ItemState[]): boolean {
  return pkg.every((p) => {
    const it = items.find((i) => i.orderItemId === p.orderItemId);
    return it !== undefined && it.shipped >= p.quantity;
  });
}

/**
 * confirmShipment (merchant-fulfilled): reads the order's items first — to resolve lines to OrderItemIds and to
 * number the package — then posts packageDetail. packageReferenceId must be a quoted positive number unique within
 * the order: it is 1 + the units already shipped, so "1" for the first package, and a later package of the same
 * order never reuses an earlier number. Orders v0 does not show tracking numbers, so "already" means Amazon refused
 * because these units are already confirmed shipped (checked by reading the items again), not a tracking comparison.
 */
export async function confirmAmazonShipment(req: ShipmentWriteBack, creds: AmazonCredentials, client: AmazonClient, ctx: AdapterContext): Promise<WriteBackResult> {
  const orderId = req.platformOrderId;
  const trackingNumber = req.trackingNo.trim();
  if (!trackingNumber) throw new PlatformError('bad_request', `Amazon order ${orderId}: tracking number is empty`);
  let carrier;
  try {
    carrier = amazonCarrier(req.carrier);
  } catch (e) {
    throw new PlatformError('bad_request', `Amazon order ${orderId}: ${(e as Error).message}`);
  }
  const before = await itemStates(orderId, creds, client, ctx);
  const pkg = packageItems(orderId, req.lines, before);
  if (pkg.length === 0) return 'already'; // every unit is confirmed shipped already: nothing left to tell Amazon
  const body = {
    marketplaceId: creds.marketplaceId,
    packageDetail: {
      packageReferenceId: String(1 + before.reduce((n, i) => n + i.shipped, 0)),
      carrierCode: carrier.carrierCode,
      ...(carrier.carrierName ? { carrierName: carrier.carrierName } : {}),
      trackingNumber,
      shipDate: new Date(req.shippedAt).toISOString(),
      orderItems: pkg,
    },
  };
  try {
    await client.call({ operation: 'confirmShipment', method: 'POST', pathAndQuery: `/orders/v0/orders/${encodeURIComponent(orderId)}/shipmentConfirmation`, body }, creds, ctx);
    return 'done';
  } catch (e) {
    if (!(e instanceof PlatformError) || e.kind !== 'bad_request' || !saysAlreadyFulfilled(e)) throw e;
    // Read again: a confirmation whose 2xx got lost (timeout, 5xx retried) has shipped the units since we looked.
    if (allShipped(pkg, await itemStates(orderId, creds, client, ctx))) return 'already';
    throw e;
  }
}
