import type { AdapterContext, PlatformAdapter, ShipmentWriteBack } from '../../../main/sync/adapter.js';
import { fetchHttp } from '../../../main/sync/http.js';
import { createJdAdapter } from '../../../main/sync/platforms/jd/adapter.js';
import type { RetryPolicy } from '../../../main/sync/retry.js';
import { JD_SIM_APP, type JdSim } from './server.js';
export { collect, rejection, ids } from '../harness.js';

export const TEST_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 10, maxDelayMs: 1_000 };

export interface TestContext {
  ctx: AdapterContext;
  notes: string[];
}

export function contextFor(sim: JdSim, over: { credentials?: Record<string, string>; now?: () => number } = {}): TestContext {
  const notes: string[] = [];
  return {
    ctx: {
      shop: { shopId: 11, platform: 'jd', name: 'JD flagship', credentials: over.credentials ?? { ...JD_SIM_APP }, baseUrl: sim.url },
      http: fetchHttp,
      now: over.now ?? (() => sim.clock.now()),
      signal: new AbortController().signal,
      saveCredentials: () => {
        throw new Error('JD credentials never rotate');
      },
      note: (m) => notes.push(m),
    },
    notes,
  };
}

/** The real adapter; its backoff waits advance the simulator's clock instead of the wall clock. */
export function adapterFor(sim: JdSim, retry: RetryPolicy = TEST_RETRY): { adapter: PlatformAdapter; waits: number[] } {
  const waits: number[] = [];
  const adapter = createJdAdapter({
    retry,
    sleep: async (ms) => {
      waits.push(ms);
      sim.clock.advance(ms);
    },
  });
  return { adapter, waits };
}

export function ship(orderId: string, trackingNo = 'JDVA00012345678', carrier = 'JD', platformCarrierCode?: string): ShipmentWriteBack {
  return { platformOrderId: orderId, carrier, trackingNo, shippedAt: Date.UTC(2026, 10, 25, 5, 0, 0), lines: [], ...(platformCarrierCode ? { platformCarrierCode } : {}) };
}

