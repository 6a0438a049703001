import type { AdapterContext, PlatformAdapter } from '../../adapter.js';
import { PlatformError } from '../../platform-error.js';
import { listRefunds } from './aftersales.js';
import { TopClient, type TopClientOptions } from './client.js';
import { parseTaobaoCredentials, type TaobaoCredentials } from './credentials.js';
import { FullinfoCache, listTrades } from './list.js';
import { decryptReceivers } from './oaid.js';
import { confirmTaobaoShipment } from './ship.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function credentialsOf(ctx: AdapterContext): TaobaoCredentials {
  try {
    return parseTaobaoCredentials(ctx.shop.credentials);
  } catch (e) {
    // Stored credentials that no longer parse can only be fixed by the seller, like a refused session key.
    throw new PlatformError('auth', `Taobao credentials: ${(e as Error).message}`);
  }
}

/**
 * Taobao / Tmall Open Platform (TOP): signed form posts to one router (client.ts, sign.ts), incremental trades paged
 * from the last page back plus fullinfo per trade (list.ts, paging.ts), refunds (aftersales.ts), the offline ship
 * call (ship.ts) and OAID decryption for labels (oaid.ts). Options exist for tests (quick retries, a sleep that
 * moves the simulator's clock); production uses taobaoAdapter.
 */
export function createTaobaoAdapter(opts: TopClientOptions = {}): PlatformAdapter {
  const cache = new FullinfoCache();
  const client = (ctx: AdapterContext) => new TopClient(credentialsOf(ctx), ctx, opts);
  return {
    platform: 'taobao',
    // TOP's own limit. It recommends ≤ 30 min for speed, and every regular poll is already that short (cursor −
    // overlap → now); only catch-ups are longer, and there 1-day windows cost 30 listing calls for a month instead of
    // 1440 against the app's daily call quota. A slow wide query that TOP rejects (isv.trade-service-rejection) waits
    // its 3 minutes and tries again.
    maxWindowMs: DAY,
    // The trade index lags writes a little [U]; the overlap is cheap because re-listed trades whose `modified` we
    // already stored cost no fullinfo call.
    overlapMs: 5 * MINUTE,
    settleMs: 15_000,
    initialLookbackMs: 30 * DAY,
    // Each poll costs at least two calls (trades, refunds); faster than this only spends the app's daily quota.
    minPollIntervalMs: 20_000,

    parseCredentials: (input) => parseTaobaoCredentials(input),

    listUpdated(window, ctx) {
      return listTrades(client(ctx), window, ctx, cache);
    },

    listAfterSales(window, ctx) {
      return listRefunds(client(ctx), window, ctx);
    },

    confirmShipment(req, ctx) {
      return confirmTaobaoShipment(req, client(ctx));
    },

    decryptAddresses(reqs, purpose, ctx) {
      return decryptReceivers(reqs, purpose, client(ctx));
    },
  };
}

export const taobaoAdapter: PlatformAdapter = createTaobaoAdapter();
