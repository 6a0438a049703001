import type { AdapterContext, PlatformAdapter, TimeWindow } from '../../../main/sync/adapter.js';
import { fetchHttp, type HttpClient } from '../../../main/sync/http.js';
import { createDouyinAdapter, type DouyinAdapterOptions } from '../../../main/sync/platforms/douyin/adapter.js';
import type { RetryPolicy } from '../../../main/sync/retry.js';
import { SIM_APP, SIM_TOKENS, type DouyinSim } from './server.js';
export { collect, collectAfterSales, rejection } from '../harness.js';

/** Credentials the simulator accepts by default, as the Settings screen stores them. */
export const SIM_CREDENTIALS: Record<string, string> = { ...SIM_APP, ...SIM_TOKENS, signMethod: 'hmac-sha256' };

/** Short backoff; the protocol is the real one. */
export const TEST_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 10, maxDelayMs: 5_000 };

export interface TestContext {
  ctx: AdapterContext;
  notes: string[];
  saved: Record<string, string>[];
}

export function contextFor(sim: DouyinSim, over: { credentials?: Record<string, string>; baseUrl?: string | null; now?: () => number; http?: HttpClient; shopId?: number } = {}): TestContext {
  const notes: string[] = [];
  const saved: Record<string, string>[] = [];
  const ctx: AdapterContext = {
    shop: { shopId: over.shopId ?? 9, platform: 'douyin', name: '抖店 旗舰店', credentials: over.credentials ?? { ...SIM_CREDENTIALS }, baseUrl: over.baseUrl === undefined ? sim.url : over.baseUrl },
    http: over.http ?? fetchHttp,
    // ShopDesk's clock and 抖店's agree unless a test says otherwise.
    now: over.now ?? (() => sim.clock.now()),
    signal: new AbortController().signal,
    saveCredentials: (next) => saved.push(next),
    note: (m) => notes.push(m),
  };
  return { ctx, notes, saved };
}

/** The real adapter, whose backoff waits advance the simulator's clock instead of the wall clock. */
export function adapterFor(sim: DouyinSim, opts: DouyinAdapterOptions = {}): { adapter: PlatformAdapter; waits: number[] } {
  const waits: number[] = [];
  const adapter = createDouyinAdapter({
    retry: TEST_RETRY,
    sleep: async (ms) => {
      waits.push(ms);
      sim.clock.advance(ms);
    },
    ...opts,
  });
  return { adapter, waits };
}

/** The window the engine would ask for: from `from` to now less the adapter's settle time. */
export function windowFrom(sim: DouyinSim, adapter: PlatformAdapter, from: number): TimeWindow {
  return { from, to: sim.clock.now() - adapter.settleMs };
}

