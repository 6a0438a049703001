import type { AdapterContext, PlatformAdapter, TimeWindow } from '../../../main/sync/adapter.js';
import { fetchHttp, type HttpClient } from '../../../main/sync/http.js';
import { createPinduoduoAdapter } from '../../../main/sync/platforms/pinduoduo/adapter.js';
import type { RetryPolicy } from '../../../main/sync/retry.js';
import { PDD_SIM_APP, type PddSim } from './server.js';
import { simSignedBody } from './sign.js';
export { collect, collectAfterSales, rejection } from '../harness.js';

/** Credentials the simulator accepts by default, under the keys the Settings screen uses. */
export const SIM_CREDENTIALS = { clientId: PDD_SIM_APP.clientId, clientSecret: PDD_SIM_APP.clientSecret, accessToken: PDD_SIM_APP.accessToken } as const;

/** Short backoff; waits still advance the simulator's clock, so PDD's 10-second limiter windows roll over. */
export const TEST_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 10, maxDelayMs: 20_000 };

export interface TestContext {
  ctx: AdapterContext;
  notes: string[];
}

export function contextFor(sim: PddSim, over: { now?: () => number; credentials?: Record<string, string>; baseUrl?: string | null; http?: HttpClient } = {}): TestContext {
  const notes: string[] = [];
  const ctx: AdapterContext = {
    shop: { shopId: 11, platform: 'pinduoduo', name: '拼多多旗舰店', credentials: over.credentials ?? { ...SIM_CREDENTIALS }, baseUrl: over.baseUrl === undefined ? sim.url : over.baseUrl },
    http: over.http ?? fetchHttp,
    now: over.now ?? (() => sim.clock.now()),
    signal: new AbortController().signal,
    saveCredentials: () => {
      throw new Error('the PDD adapter has no token to rotate');
    },
    note: (m) => notes.push(m),
  };
  return { ctx, notes };
}

/** The real adapter, whose backoff waits advance the simulator's clock instead of the wall clock. */
export function adapterFor(sim: PddSim, retry: RetryPolicy = TEST_RETRY): { adapter: PlatformAdapter; waits: number[] } {
  const waits: number[] = [];
  const adapter = createPinduoduoAdapter({
    retry,
    sleep: async (ms) => {
      waits.push(ms);
      sim.clock.advance(ms);
    },
  });
  return { adapter, waits };
}

/** Windows the engine would ask for over [from, now - settle): chunked to the adapter's limit. */
export function windowsFrom(sim: PddSim, adapter: PlatformAdapter, from: number): TimeWindow[] {
  const to = sim.clock.now() - adapter.settleMs;
  const out: TimeWindow[] = [];
  for (let s = from; s < to; s += adapter.maxWindowMs) out.push({ from: s, to: Math.min(to, s + adapter.maxWindowMs) });
  return out;
}

/** A hand-made router call signed the simulator's way (plays a naive client); returns the parsed JSON. */
export async function rawCall(sim: PddSim, type: string, params: Record<string, string>, over: { secret?: string; timestampS?: number } = {}): Promise<Record<string, unknown>> {
  const fields = {
    ...params,
    type,
    client_id: PDD_SIM_APP.clientId,
    access_token: PDD_SIM_APP.accessToken,
    timestamp: String(over.timestampS ?? Math.floor(sim.clock.now() / 1000)),
    data_type: 'JSON',
  };
  const res = await fetch(`${sim.url}/api/router`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: simSignedBody(over.secret ?? PDD_SIM_APP.clientSecret, fields),
  });
  return (await res.json()) as Record<string, unknown>;
}
