import { expect } from 'vitest';
import type { NormalizedOrder } from '../../../main/orders/model.js';
import type { AdapterContext, AdapterPage, PlatformAdapter, TimeWindow } from '../../../main/sync/adapter.js';
import { fetchHttp } from '../../../main/sync/http.js';
import { PlatformError } from '../../../main/sync/platform-error.js';
import { createShopifyAdapter } from '../../../main/sync/platforms/shopify/adapter.js';
import { startShopifySim, type ShopifySim, type ShopifySimOptions } from './server.js';
import type { SimOrder } from './store.js';

/**
 * Wiring for tests: a simulator, the real adapter over real HTTP (fetchHttp), and a fake sleep that records each
 * wait and moves the simulator's clock instead of the wall clock — so throttling waits are exact and instant.
 */
export const TOKEN = 'shpat_test_token';
export const CREDENTIALS = { shopDomain: 'demo-shop.myshopify.com', accessToken: TOKEN, apiVersion: '2025-10' };

export interface Harness {
  sim: ShopifySim;
  adapter: PlatformAdapter;
  ctx: AdapterContext;
  waits: number[];
  notes: string[];
}

export async function startHarness(opts: ShopifySimOptions & { credentials?: Record<string, string> } = {}): Promise<Harness> {
  const sim = await startShopifySim({ token: TOKEN, ...opts });
  const waits: number[] = [];
  const notes: string[] = [];
  const adapter = createShopifyAdapter({
    sleep: async (ms) => {
      waits.push(ms);
      sim.clock.advance(ms);
    },
  });
  const ctx: AdapterContext = {
    shop: { shopId: 7, platform: 'shopify', name: 'Demo shop', credentials: opts.credentials ?? CREDENTIALS, baseUrl: sim.url },
    http: fetchHttp,
    now: () => sim.clock.now(),
    signal: new AbortController().signal,
    saveCredentials: () => {},
    note: (m) => notes.push(m),
  };
  return { sim, adapter, ctx, waits, notes };
}

export async function collect(pages: AsyncIterable<AdapterPage>): Promise<AdapterPage[]> {
  const out: AdapterPage[] = [];
  for await (const p of pages) out.push(p);
  return out;
}

/** What the sync engine would ask for next: from the cursor less the overlap (or the lookback), to now less settle. */
export function nextWindow(adapter: PlatformAdapter, cursor: number | null, now: number): TimeWindow {
  return { from: cursor === null ? now - adapter.initialLookbackMs : cursor - adapter.overlapMs, to: now - adapter.settleMs };
}

/** A raw GraphQL call to the simulator, for checking the simulator itself. */
export async function gql(sim: ShopifySim, query: string, variables: Record<string, unknown> = {}, token = TOKEN) {
  const res = await fetch(`${sim.url}/admin/api/2025-10/graphql.json`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': token },
    body: JSON.stringify({ query, variables }),
  });
  // Test code reads arbitrary response shapes; each test asserts what it expects.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: (await res.json()) as any };
}

/** n orders one second apart, then the clock moves an hour on (so later windows' overlaps do not reach them). */
export function seed(h: Harness, n: number): SimOrder[] {
  const out: SimOrder[] = [];
  for (let i = 0; i < n; i++) {
    out.push(h.sim.addOrder());
    h.sim.clock.advance(1000);
  }
  h.sim.clock.advance(3_600_000);
  return out;
}

/** Everything the engine's first sync would get right now. */
export async function syncAll(h: Harness): Promise<NormalizedOrder[]> {
  return (await collect(h.adapter.listUpdated(nextWindow(h.adapter, null, h.sim.clock.now()), h.ctx))).flatMap((p) => p.orders);
}

/** The PlatformError a promise rejects with (fails the test if it resolves or throws something else). */
export async function rejection(p: Promise<unknown>): Promise<PlatformError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(PlatformError);
  return e as PlatformError;
}

/** The PlatformError a synchronous call throws, or undefined. */
export function thrown(fn: () => unknown): PlatformError | undefined {
  try {
    fn();
  } catch (e) {
    return e as PlatformError;
  }
  return undefined;
}

export const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
