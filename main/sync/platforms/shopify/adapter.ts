import type { PlatformAdapter } from '../../adapter.js';
import { ShopifyClient, type ShopifyClientOptions } from './client.js';
import { parseShopifyCredentials } from './credentials.js';
import { listUpdatedOrders } from './list.js';
import { confirmShopifyShipment } from './ship.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * Shopify Admin GraphQL. Tests build one with a fake sleep (and a simulator's base URL in the shop context);
 * the app uses `shopifyAdapter`.
 */
export function createShopifyAdapter(opts: ShopifyClientOptions = {}): PlatformAdapter {
  const client = new ShopifyClient(opts);
  return {
    platform: 'shopify',
    // Shopify has no window limit; a month keeps one listing's paging session (and its cursor) reasonably short.
    maxWindowMs: 30 * DAY,
    overlapMs: 2 * MINUTE,
    // The orders search is an index that trails writes by a few seconds.
    settleMs: 5_000,
    // Orders older than 60 days need the read_all_orders scope; 30 days stays inside read_orders.
    initialLookbackMs: 30 * DAY,
    parseCredentials: (input) => parseShopifyCredentials(input),
    listUpdated: (window, ctx) => listUpdatedOrders(client, window, ctx),
    confirmShipment: (req, ctx) => confirmShopifyShipment(client, req, ctx),
  };
}

export const shopifyAdapter: PlatformAdapter = createShopifyAdapter();
