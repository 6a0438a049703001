import { expect } from 'vitest';
import type { AdapterContext, PlatformAdapter, TimeWindow } from '../../../main/sync/adapter.js';
import { fetchHttp, type HttpClient } from '../../../main/sync/http.js';
import { createTaobaoAdapter } from '../../../main/sync/platforms/taobao/adapter.js';
import type { RetryPolicy } from '../../../main/sync/retry.js';
import { cnTime } from './fixtures.js';
import { SIM_APP, type TaobaoSim } from './server.js';
import { simSign, type SimSignMethod } from './sign.js';
export { collect, collectAfterSales, rejection } from '../harness.js';

export const SIM_CREDENTIALS = { appKey: SIM_APP.appKey, appSecret: SIM_APP.appSecret, sessionKey: SIM_APP.sessionKey } as const;
/** Short backoff; the cap leaves room for TOP's own ban seconds. */
export const TEST_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 5, maxDelayMs: 60_000 };

export interface TestContext {
  ctx: AdapterContext;
  notes: string[];
}

export function contextFor(sim: TaobaoSim, over: { now?: () => number; credentials?: Record<string, string>; baseUrl?: string | null; http?: HttpClient } = {}): TestContext {
  const notes: string[] = [];
  const ctx: AdapterContext = {
    shop: { shopId: 11, platform: 'taobao', name: 'Tmall flagship', credentials: over.credentials ?? { ...SIM_CREDENTIALS }, baseUrl: over.baseUrl === undefined ? sim.url : over.baseUrl },
    http: over.http ?? fetchHttp,
    now: over.now ?? (() => sim.clock.now()),
    signal: new AbortController().signal,
    saveCredentials: () => {
      throw new Error('TOP session keys are not rotated by ShopDesk');
    },
    note: (m) => notes.push(m),
  };
  return { ctx, notes };
}

/** The real adapter, whose backoff waits advance the simulator's clock (bans expire, sessions age). */
export function adapterFor(sim: TaobaoSim, retry: RetryPolicy = TEST_RETRY): { adapter: PlatformAdapter; waits: number[] } {
  const waits: number[] = [];
  const adapter = createTaobaoAdapter({
    retry,
    sleep: async (ms) => {
      waits.push(ms);
      sim.clock.advance(ms);
    },
  });
  return { adapter, waits };
}

/** The window the engine would ask for: from `from` to now less the adapter's settle time. */
export function windowFrom(sim: TaobaoSim, adapter: PlatformAdapter, from: number): TimeWindow {
  return { from, to: sim.clock.now() - adapter.settleMs };
}

/**
 * A hand-made TOP request signed with the simulator's own signer, for probing what the router refuses and for a
 * naive client to compare the adapter with. Returns the parsed JSON (ids beyond 2^53 rounded: callers use strings).
 */
export async function rawCall(
  sim: TaobaoSim,
  api: string,
  biz: Record<string, string>,
  over: { signMethod?: SimSignMethod; timestamp?: string; sign?: string; session?: string; httpMethod?: 'GET' | 'POST' } = {},
): Promise<Record<string, unknown>> {
  const params = new Map<string, string>(Object.entries({
    ...biz,
    method: api,
    app_key: SIM_APP.appKey,
    session: over.session ?? SIM_APP.sessionKey,
    timestamp: over.timestamp ?? cnTime(sim.clock.now()),
    format: 'json',
    v: '2.0',
    sign_method: over.signMethod ?? 'md5',
  }));
  params.set('sign', over.sign ?? simSign(params, SIM_APP.appSecret, over.signMethod ?? 'md5'));
  const form = new URLSearchParams([...params]).toString();
  const res =
    over.httpMethod === 'GET'
      ? await fetch(`${sim.url}/router/rest?${form}`)
      : await fetch(`${sim.url}/router/rest`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8' }, body: form });
  return (await res.json()) as Record<string, unknown>;
}

/** The error_response of a raw answer (fails the test when the call succeeded). */
export function topErrorOf(body: Record<string, unknown>): { code: number; msg: string; sub_code?: string; sub_msg?: string } {
  expect(body).toHaveProperty('error_response');
  return body.error_response as { code: number; msg: string; sub_code?: string; sub_msg?: string };
}
