import type { AdapterContext, PlatformAdapter } from '../../adapter.js';
import { WooClient, type WooClientOptions } from './client.js';
import { parseWooCredentials } from './credentials.js';
import { listWindow } from './list.js';
import { confirmWooShipment, TrackingPluginProbe } from './ship.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * WooCommerce REST API v3 (/wp-json/wc/v3/). See list.ts for how paging copes with orders changing mid-scan and
 * with stores too old to filter by modification date, ship.ts for the idempotent write-back, client.ts for auth.
 * Options exist for tests (a quick retry policy, a recording sleep); production uses woocommerceAdapter.
 */
export function createWoocommerceAdapter(opts: WooClientOptions = {}): PlatformAdapter {
  const trackingAbsentSince = new Map<string, number>();
  const clientFor = (ctx: AdapterContext) => {
    const creds = parseWooCredentials(ctx.shop.credentials);
    return { creds, client: new WooClient(creds, ctx, opts) };
  };
  return {
    platform: 'woocommerce',
    // Narrow windows keep each scan short, so fewer orders change under it (there is no orderby=modified).
    maxWindowMs: DAY,
    overlapMs: 2 * MINUTE,
    // date_modified is written when the order is saved; a few seconds cover the store's clock and slow saves.
    settleMs: 5_000,
    initialLookbackMs: 30 * DAY,
    parseCredentials: (input) => parseWooCredentials(input),
    listUpdated(window, ctx) {
      return listWindow(clientFor(ctx).client, window, ctx);
    },
    async confirmShipment(req, ctx) {
      const { creds, client } = clientFor(ctx);
      const probe = new TrackingPluginProbe(creds.shipmentTracking, `${ctx.shop.shopId}|${creds.siteUrl}`, trackingAbsentSince, ctx.now);
      return confirmWooShipment(client, req, probe);
    },
  };
}

export const woocommerceAdapter: PlatformAdapter = createWoocommerceAdapter();
