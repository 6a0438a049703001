import type { AdapterContext } from '../../adapter.js';
import { PlatformError } from '../../platform-error.js';
import type { AmazonClient } from './client.js';
import type { AmazonCredentials } from './credentials.js';

/** Amazon refuses LastUpdatedBefore/CreatedBefore later than this before its own clock (§2.2, §2.8). */
export const AMAZON_BEFORE_LAG_MS = 2 * 60_000;
export const MAX_RESULTS_PER_PAGE = 100;

/** ISO-8601 in UTC with a Z and whole seconds: Amazon refuses other offsets, and seconds avoid precision quirks. */
export function amazonTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export interface OrdersPage {
  orders: unknown[];
  nextToken: string | null;
}

function payloadOf(json: unknown, op: string): Record<string, unknown> {
  const payload = (json as { payload?: unknown } | null | undefined)?.payload;
  if (typeof payload !== 'object' || payload === null) throw new PlatformError('server', `Amazon ${op} answered without a payload`);
  return payload as Record<string, unknown>;
}

function tokenOf(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

/**
 * One getOrders page. The first page carries the filters; later pages only MarketplaceIds and the NextToken
 * (Amazon keeps the filters inside the token, and wants MarketplaceIds again). URLSearchParams percent-encodes the
 * token's + / = — a raw + arrives as a space and Amazon "could not decode your NextToken".
 */
export async function getOrdersPage(
  q: { after: number; before: number } | { nextToken: string },
  creds: AmazonCredentials,
  client: AmazonClient,
  ctx: AdapterContext,
): Promise<OrdersPage> {
  const params = new URLSearchParams({ MarketplaceIds: creds.marketplaceId });
  if ('nextToken' in q) params.set('NextToken', q.nextToken);
  else {
    params.set('LastUpdatedAfter', amazonTime(q.after));
    params.set('LastUpdatedBefore', amazonTime(q.before));
    // Merchant-fulfilled only: Amazon ships FBA (AFN) orders itself, and ShopDesk's queues would invite shipping them twice.
    params.set('FulfillmentChannels', 'MFN');
    params.set('MaxResultsPerPage', String(MAX_RESULTS_PER_PAGE));
  }
  const res = await client.call({ operation: 'getOrders', method: 'GET', pathAndQuery: `/orders/v0/orders?${params}` }, creds, ctx);
  const payload = payloadOf(res.json, 'getOrders');
  if (!Array.isArray(payload.Orders)) throw new PlatformError('server', 'Amazon getOrders answered without payload.Orders');
  return { orders: payload.Orders, nextToken: tokenOf(payload.NextToken) };
}

/** All items of one order, following getOrderItems' own NextToken. */
export async function getAllOrderItems(orderId: string, creds: AmazonCredentials, client: AmazonClient, ctx: AdapterContext): Promise<unknown[]> {
  const items: unknown[] = [];
  let next: string | null = null;
  const base = `/orders/v0/orders/${encodeURIComponent(orderId)}/orderItems`;
  do {
    const query: string = next ? `?${new URLSearchParams({ NextToken: next })}` : '';
    const res = await client.call({ operation: 'getOrderItems', method: 'GET', pathAndQuery: base + query }, creds, ctx);
    const payload = payloadOf(res.json, 'getOrderItems');
    if (!Array.isArray(payload.OrderItems)) throw new PlatformError('server', `Amazon getOrderItems for ${orderId} answered without payload.OrderItems`);
    items.push(...payload.OrderItems);
    const following = tokenOf(payload.NextToken);
    // A token that does not move would loop forever against a misbehaving server.
    if (following !== null && following === next) throw new PlatformError('server', `Amazon getOrderItems for ${orderId} repeated its NextToken`);
    next = following;
  } while (next);
  return items;
}
