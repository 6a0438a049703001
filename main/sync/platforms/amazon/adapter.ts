import type { AdapterContext, AdapterPage, MappingError, PlatformAdapter, TimeWindow } from '../../adapter.js';
import { PlatformError } from '../../platform-error.js';
import type { NormalizedOrder } from '../../../orders/model.js';
import { AmazonClient, type ClientOptions } from './client.js';
import { parseAmazonCredentials, type AmazonCredentials } from './credentials.js';
import { LwaTokens } from './lwa.js';
import { mapAmazonOrder, readOrderHeader } from './mapping.js';
import { AMAZON_BEFORE_LAG_MS, amazonTime, getAllOrderItems, getOrdersPage } from './orders-api.js';
import { confirmAmazonShipment } from './shipment.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export interface AmazonAdapterOptions extends ClientOptions {
  /** Stop using an access token this long before it expires. */
  tokenMarginMs?: number;
}

function credentialsOf(ctx: AdapterContext): AmazonCredentials {
  try {
    return parseAmazonCredentials(ctx.shop.credentials);
  } catch (e) {
    // Stored credentials that no longer parse can only be fixed by the seller, like a refused token.
    throw new PlatformError('auth', `Amazon credentials: ${(e as Error).message}`);
  }
}

/** One getOrders page → normalized orders and mapping errors, fetching each order's items (own NextToken paging). */
async function mapPage(rawOrders: unknown[], creds: AmazonCredentials, client: AmazonClient, ctx: AdapterContext): Promise<AdapterPage> {
  const orders: NormalizedOrder[] = [];
  const errors: MappingError[] = [];
  for (const raw of rawOrders) {
    const head = readOrderHeader(raw);
    if (!head.ok) {
      errors.push(head.error); // no getOrderItems call for an order we cannot even identify properly
      continue;
    }
    let items: unknown[];
    try {
      items = await getAllOrderItems(head.order.AmazonOrderId, creds, client, ctx);
    } catch (e) {
      // One order Amazon will not list items for must not stop the page; throttling/5xx/auth still stop the sync.
      if (e instanceof PlatformError && (e.kind === 'bad_request' || e.kind === 'not_found')) {
        errors.push({ platformOrderId: head.order.AmazonOrderId, message: `getOrderItems: ${e.message}`, raw: JSON.stringify({ order: raw }) });
        continue;
      }
      throw e;
    }
    const mapped = mapAmazonOrder(head.order, raw, items, ctx.shop.shopId, creds.marketplaceId);
    if (mapped.ok) orders.push(mapped.order);
    else errors.push(mapped.error);
  }
  return { orders, errors };
}

/**
 * Amazon Selling Partner API, Orders v0, with Login with Amazon tokens. Options exist for tests (short backoff, a
 * sleep that advances the simulator's clock); production uses `amazonAdapter`.
 */
export function createAmazonAdapter(opts: AmazonAdapterOptions = {}): PlatformAdapter {
  const client = new AmazonClient(new LwaTokens(opts.tokenMarginMs), opts);
  return {
    platform: 'amazon',
    maxWindowMs: 7 * DAY,
    overlapMs: 2 * MINUTE,
    // Amazon refuses LastUpdatedBefore within 2 minutes of its clock; 30 s more absorbs our clock running ahead.
    settleMs: 2 * MINUTE + 30_000,
    initialLookbackMs: 30 * DAY,
    // getOrders refills one request a minute (burst 20): polling faster would only drain the burst into 429s.
    minPollIntervalMs: 60_000,

    parseCredentials: (input) => ({ ...parseAmazonCredentials(input) }),

    async *listUpdated(window: TimeWindow, ctx: AdapterContext): AsyncIterable<AdapterPage> {
      const creds = credentialsOf(ctx);
      if (window.to > ctx.now() - AMAZON_BEFORE_LAG_MS) {
        // Sending it would only earn InvalidInput; say plainly what is wrong instead.
        throw new PlatformError('bad_request', `window ends at ${amazonTime(window.to)}, less than 2 minutes ago: Amazon refuses a LastUpdatedBefore that recent`);
      }
      // Whole seconds (floored) on both ends: the engine's overlap re-covers the sub-second sliver at the end.
      if (amazonTime(window.from) >= amazonTime(window.to)) return;
      let q: { after: number; before: number } | { nextToken: string } = { after: window.from, before: window.to };
      for (;;) {
        const page = await getOrdersPage(q, creds, client, ctx);
        // No watermark: Amazon does not promise any order within a window, so the engine advances per window.
        yield await mapPage(page.orders, creds, client, ctx);
        if (!page.nextToken || ctx.signal.aborted) return;
        q = { nextToken: page.nextToken };
      }
    },

    async confirmShipment(req, ctx) {
      return confirmAmazonShipment(req, credentialsOf(ctx), client, ctx);
    },
  };
}

export const amazonAdapter: PlatformAdapter = createAmazonAdapter();
