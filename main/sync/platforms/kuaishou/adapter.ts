import type { AdapterContext, PlatformAdapter } from '../../adapter.js';
import { PlatformError } from '../../platform-error.js';
import { listKsAfterSales } from './aftersales.js';
import { KsClient, type KsClientOptions } from './client.js';
import { parseKsCredentials, type KsCredentials } from './credentials.js';
import { listKsWindow } from './list.js';
import { confirmKsShipment } from './ship.js';
import { KsTokens } from './tokens.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function credentialsOf(ctx: AdapterContext): KsCredentials {
  try {
    return parseKsCredentials(ctx.shop.credentials);
  } catch (e) {
    throw new PlatformError('auth', `Kuaishou credentials: ${(e as Error).message}`);
  }
}

/**
 * Kuaishou e-commerce open platform (快手小店): orders by update time through the cursor list (list.ts), refunds and
 * returns through the refund pcursor list (aftersales.ts), whole-order shipment (ship.ts), signed calls with token
 * refresh (client.ts, tokens.ts).
 *
 * No decryptAddresses: addresses come masked with ciphertexts (kept in piiRef); the decrypt call
 * (open.order.decrypt.batch) is named in SDKs but its answer is not in the reference, so ShopDesk does not guess it.
 */
export function createKuaishouAdapter(opts: KsClientOptions = {}): PlatformAdapter {
  const tokens = new KsTokens();
  const client = (ctx: AdapterContext) => new KsClient(credentialsOf(ctx), ctx, tokens, opts);
  return {
    platform: 'kuaishou',
    // The refund list allows one day per query [S] (orders allow seven); both listings share the engine's windows.
    maxWindowMs: DAY,
    overlapMs: 2 * MINUTE,
    // [U] Index lag after an update is not documented; half a minute.
    settleMs: 30_000,
    // Both listings reach back 90 days at most [S]; a month is the usual first import.
    initialLookbackMs: 30 * DAY,
    parseCredentials: (input) => ({ ...parseKsCredentials(input) }),
    listUpdated: (window, ctx) => listKsWindow(client(ctx), window, ctx),
    listAfterSales: (window, ctx) => listKsAfterSales(client(ctx), window, ctx),
    confirmShipment: (req, ctx) => confirmKsShipment(client(ctx), req),
  };
}

export const kuaishouAdapter: PlatformAdapter = createKuaishouAdapter();
