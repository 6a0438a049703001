import type { AdapterContext, PlatformAdapter } from '../../adapter.js';
import { PlatformError } from '../../platform-error.js';
import { JdClient, type JdClientOptions } from './client.js';
import { parseJdCredentials, type JdCredentials } from './credentials.js';
import { listJdWindow } from './list.js';
import { confirmJdShipment } from './ship.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function credentialsOf(ctx: AdapterContext): JdCredentials {
  try {
    return parseJdCredentials(ctx.shop.credentials);
  } catch (e) {
    // Stored credentials that no longer parse can only be fixed by the seller, like a refused token.
    throw new PlatformError('auth', `JD credentials: ${(e as Error).message}`);
  }
}

/**
 * JD Open Platform (JOS), POP seller orders: jingdong.pop.order.search to list (list.ts), jingdong.pop.order.shipment to
 * write tracking back (ship.ts), signed router calls (client.ts).
 *
 * Not here, on purpose: listAfterSales and decryptAddresses. The reference documents no JD after-sales listing, and JD's
 * PII comes encrypted with its TDE scheme (keys fetched per app, §7.1 [U]) whose details we do not have; addresses stay
 * as JD gives them (masked), and printing a JD waybill needs JD's own label service.
 */
export function createJdAdapter(opts: JdClientOptions = {}): PlatformAdapter {
  return {
    platform: 'jd',
    // [U] The search's maximum date span is not in the reference; one day (Taobao's limit) is what ShopDesk assumes
    // and the simulator enforces.
    maxWindowMs: DAY,
    overlapMs: 2 * MINUTE,
    // [U] How long JD's search index lags a modification is not documented; half a minute covers a slow index.
    settleMs: 30_000,
    initialLookbackMs: 30 * DAY,
    parseCredentials: (input) => ({ ...parseJdCredentials(input) }),
    listUpdated(window, ctx) {
      return listJdWindow(new JdClient(credentialsOf(ctx), ctx, opts), window, ctx);
    },
    confirmShipment(req, ctx) {
      return confirmJdShipment(new JdClient(credentialsOf(ctx), ctx, opts), req);
    },
  };
}

export const jdAdapter: PlatformAdapter = createJdAdapter();
