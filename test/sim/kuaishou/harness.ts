import type { AdapterContext, PlatformAdapter, ShipmentWriteBack } from '../../../main/sync/adapter.js';
import { fetchHttp } from '../../../main/sync/http.js';
import { createKuaishouAdapter } from '../../../main/sync/platforms/kuaishou/adapter.js';
import type { RetryPolicy } from '../../../main/sync/retry.js';
import { KS_SIM_APP, type KsSim } from './server.js';
export { collect, collectAfterSales, rejection, ids } from '../harness.js';

export const TEST_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 10, maxDelayMs: 1_000 };

export interface TestContext {
  ctx: AdapterContext;
  notes: string[];
  saved: Record<string, string>[];
}

export function contextFor(sim: KsSim, over: { credentials?: Record<string, string>; now?: () => number } = {}): TestContext {
  const notes: string[] = [];
  const saved: Record<string, string>[] = [];
  return {
    ctx: {
      shop: { shopId: 21, platform: 'kuaishou', name: '快手小店', credentials: over.credentials ?? { ...KS_SIM_APP }, baseUrl: sim.url },
      http: fetchHttp,
      now: over.now ?? (() => sim.clock.now()),
      signal: new AbortController().signal,
      saveCredentials: (next) => saved.push(next),
      note: (m) => notes.push(m),
    },
    notes,
    saved,
  };
}

/** The real adapter; its backoff waits advance the simulator's clock instead of the wall clock. */
export function adapterFor(sim: KsSim, retry: RetryPolicy = TEST_RETRY): { adapter: PlatformAdapter; waits: number[] } {
  const waits: number[] = [];
  const adapter = createKuaishouAdapter({
    retry,
    sleep: async (ms) => {
      waits.push(ms);
      sim.clock.advance(ms);
    },
  });
  return { adapter, waits };
}

export function ship(oid: number | string, trackingNo = 'SF1400012345678', carrier = 'SF', platformCarrierCode?: string): ShipmentWriteBack {
  return { platformOrderId: String(oid), carrier, trackingNo, shippedAt: Date.UTC(2026, 10, 25, 5, 0, 0), lines: [], ...(platformCarrierCode ? { platformCarrierCode } : {}) };
}

