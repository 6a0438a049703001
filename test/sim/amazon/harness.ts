import { expect } from 'vitest';
import type { AdapterContext, AdapterPage, PlatformAdapter, TimeWindow } from '../../../main/sync/adapter.js';
import { fetchHttp, type HttpClient } from '../../../main/sync/http.js';
import { createAmazonAdapter } from '../../../main/sync/platforms/amazon/adapter.js';
import { PlatformError } from '../../../main/sync/platform-error.js';
import type { RetryPolicy } from '../../../main/sync/retry.js';
import type { AmazonSim } from './server.js';

/** Credentials the simulator accepts by default. */
export const SIM_CREDENTIALS = {
  clientId: 'amzn1.application-oa2-client.shopdesk',
  clientSecret: 'sim-client-secret',
  refreshToken: 'Atzr|sim-refresh-token',
  marketplaceId: 'ATVPDKIKX0DER',
  region: 'na',
} as const;

/** Short backoff, but long enough a cap to honor Amazon's one-minute getOrders refill. */
export const TEST_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 10, maxDelayMs: 60_000 };

export interface TestContext {
  ctx: AdapterContext;
  notes: string[];
  saved: Record<string, string>[];
}

export function contextFor(
  sim: AmazonSim,
  over: { now?: () => number; credentials?: Record<string, string>; baseUrl?: string | null; http?: HttpClient } = {},
): TestContext {
  const notes: string[] = [];
  const saved: Record<string, string>[] = [];
  const ctx: AdapterContext = {
    shop: { shopId: 7, platform: 'amazon', name: 'US store', credentials: over.credentials ?? { ...SIM_CREDENTIALS }, baseUrl: over.baseUrl === undefined ? sim.url : over.baseUrl },
    http: over.http ?? fetchHttp,
    // The engine's clock and Amazon's agree unless a test says otherwise.
    now: over.now ?? (() => sim.clock.now()),
    signal: new AbortController().signal,
    saveCredentials: (next) => saved.push(next),
    note: (m) => notes.push(m),
  };
  return { ctx, notes, saved };
}

/** The real adapter, whose backoff waits advance the simulator's clock instead of the wall clock (buckets refill). */
export function adapterFor(sim: AmazonSim, retry: RetryPolicy = TEST_RETRY): { adapter: PlatformAdapter; waits: number[] } {
  const waits: number[] = [];
  const adapter = createAmazonAdapter({
    retry,
    sleep: async (ms) => {
      waits.push(ms);
      sim.clock.advance(ms);
    },
  });
  return { adapter, waits };
}

export async function collect(adapter: PlatformAdapter, window: TimeWindow, ctx: AdapterContext): Promise<AdapterPage[]> {
  const pages: AdapterPage[] = [];
  for await (const p of adapter.listUpdated(window, ctx)) pages.push(p);
  return pages;
}

/** The window the engine would ask for: from `from` to now less the adapter's settle time. */
export function windowFrom(sim: AmazonSim, adapter: PlatformAdapter, from: number): TimeWindow {
  return { from, to: sim.clock.now() - adapter.settleMs };
}

/** The PlatformError a promise rejects with (fails the test if it resolves or throws anything else). */
export async function rejection(p: Promise<unknown>): Promise<PlatformError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(PlatformError);
  return e as PlatformError;
}
