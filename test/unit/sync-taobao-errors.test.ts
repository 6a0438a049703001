import { afterEach, describe, expect, it } from 'vitest';
import type { HttpClient } from '../../main/sync/http.js';
import { cnTime } from '../sim/taobao/fixtures.js';
import { adapterFor, collect, contextFor, rawCall, rejection, SIM_CREDENTIALS, TEST_RETRY, topErrorOf, windowFrom } from '../sim/taobao/harness.js';
import { SIM_APP, TaobaoSim, type TaobaoSimOptions } from '../sim/taobao/server.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const INCREMENT = 'taobao.trades.sold.increment.get';

const sims: TaobaoSim[] = [];
async function sim(opts: TaobaoSimOptions = {}): Promise<TaobaoSim> {
  const s = await TaobaoSim.start(opts);
  sims.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

/** No message may carry a secret. */
function expectNoSecrets(text: string): void {
  expect(text).not.toContain(SIM_APP.appSecret);
  expect(text).not.toContain(SIM_APP.sessionKey);
}

describe('Taobao adapter: throttling and failures', () => {
  it('App Call Limited (code 7) → waits exactly the ban TOP states, then the same call succeeds', async () => {
    const s = await sim();
    s.addTrade({}, s.clock.now() - HOUR);
    s.ban(7);
    const { adapter, waits } = adapterFor(s);
    const { ctx, notes } = contextFor(s);
    const orders = (await collect(adapter, windowFrom(s, adapter, s.clock.now() - 2 * HOUR), ctx)).flatMap((p) => p.orders);
    expect(orders).toHaveLength(1);
    expect(s.calls.filter((c) => c.code === 7).map((c) => c.subCode)).toEqual(['accesscontrol.limited-by-app-access-count']);
    expect(waits).toEqual([7000]);
    expect(notes.join('\n')).toMatch(/taobao\.trades\.sold\.increment\.get: call limit reached; waiting 7 s/);
  });

  it('a sustained call limit: every ban is waited out, and all trades arrive', async () => {
    const s = await sim({ rateLimit: { callsPerSecond: 5, banSec: 2 } });
    for (let i = 0; i < 20; i++) s.addTrade({}, s.clock.now() - HOUR + i * 1000);
    const { adapter, waits } = adapterFor(s);
    const { ctx } = contextFor(s);
    const orders = (await collect(adapter, windowFrom(s, adapter, s.clock.now() - 2 * HOUR), ctx)).flatMap((p) => p.orders);
    expect(orders).toHaveLength(20);
    expect(waits.length).toBeGreaterThanOrEqual(3);
    expect(waits.every((w) => w === 2000)).toBe(true);
  });

  it('a 5xx storm within the retry budget is ridden out; one beyond it is a server error', async () => {
    const s = await sim();
    s.addTrade({}, s.clock.now() - HOUR);
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const w = windowFrom(s, adapter, s.clock.now() - 2 * HOUR);
    s.failNext(TEST_RETRY.attempts - 1, 502);
    expect((await collect(adapter, w, ctx)).flatMap((p) => p.orders)).toHaveLength(1);

    s.failNext(TEST_RETRY.attempts, 503);
    const e = await rejection(collect(adapter, w, ctx));
    expect(e).toMatchObject({ kind: 'server', details: { httpStatus: 503 } });
    expect(s.log.filter((r) => r.status === 503)).toHaveLength(TEST_RETRY.attempts);
  });

  it('isp.* remote errors and code 10 are retried as server failures', async () => {
    const s = await sim();
    s.addTrade({}, s.clock.now() - HOUR);
    s.failNextWith(1, { code: 15, msg: 'Remote service error', sub_code: 'isp.remote-service-timeout', sub_msg: 'API调用服务超时' });
    s.failNextWith(1, { code: 10, msg: 'Service currently unavailable' });
    const { adapter } = adapterFor(s);
    const { ctx, notes } = contextFor(s);
    expect((await collect(adapter, windowFrom(s, adapter, s.clock.now() - 2 * HOUR), ctx)).flatMap((p) => p.orders)).toHaveLength(1);
    expect(s.calls.map((c) => c.code)).toEqual([15, 10, 0, 0]);
    expect(notes.filter((n) => /service failed; waiting/.test(n))).toHaveLength(2);
  });
});

describe('Taobao adapter: authorization and clock', () => {
  it('an expired session key is an auth error in plain words, not retried', async () => {
    const s = await sim();
    s.expireSession();
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const e = await rejection(collect(adapter, windowFrom(s, adapter, s.clock.now() - HOUR), ctx));
    expect(e).toMatchObject({ kind: 'auth', details: { platformCode: '27/session-expired' } });
    expect(e.message).toMatch(/^the session key has expired: re-authorize ShopDesk in the Taobao seller center/);
    expect(s.calls).toHaveLength(1);
    expectNoSecrets(e.message);
  });

  it('an unknown session key and a wrong app secret are auth errors that say what to fix', async () => {
    const s = await sim();
    const { adapter } = adapterFor(s);
    const w = windowFrom(s, adapter, s.clock.now() - HOUR);
    const badSession = await rejection(collect(adapter, w, contextFor(s, { credentials: { ...SIM_CREDENTIALS, sessionKey: '6100revoked' } }).ctx));
    expect(badSession).toMatchObject({ kind: 'auth', details: { platformCode: '27/invalid-sessionkey' } });
    expect(badSession.message).toMatch(/re-authorize ShopDesk/);
    const badSecret = await rejection(collect(adapter, w, contextFor(s, { credentials: { ...SIM_CREDENTIALS, appSecret: 'not-the-secret' } }).ctx));
    expect(badSecret).toMatchObject({ kind: 'auth', details: { platformCode: '25' } });
    expect(badSecret.message).toMatch(/refused the request signature; check the App Secret/);
    expect(badSecret.message).not.toContain('not-the-secret');
    expect(s.calls.map((c) => c.code)).toEqual([27, 25]);
    expect(s.calls[1]!.computedSign).not.toBe(s.calls[1]!.receivedSign);
  });

  it('a clock more than 10 minutes off is refused by Taobao (code 31) and reported as clock skew', async () => {
    const s = await sim();
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s, { now: () => s.clock.now() + 11 * MIN });
    const e = await rejection(collect(adapter, { from: s.clock.now() - HOUR, to: s.clock.now() }, ctx));
    expect(e).toMatchObject({ kind: 'bad_request', details: { platformCode: '31' } });
    expect(e.message).toMatch(/clock differs from Taobao's by more than 10 minutes \(clock skew\)/);
    // 9 minutes is within TOP's tolerance.
    const { ctx: near } = contextFor(s, { now: () => s.clock.now() + 9 * MIN });
    await expect(collect(adapter, { from: s.clock.now() - HOUR, to: s.clock.now() - MIN }, near)).resolves.toEqual([]);
  });
});

describe('Taobao adapter: router address', () => {
  it('production goes to https://eco.taobao.com/router/rest as a UTF-8 form post; the override keeps the path', async () => {
    const s = await sim();
    const seen: { url: string; body: string; type: string }[] = [];
    const stub: HttpClient = async (req) => {
      seen.push({ url: req.url, body: String(req.body), type: req.headers?.['Content-Type'] ?? '' });
      const text = '{"trades_sold_increment_get_response":{"total_results":0,"has_next":false,"request_id":"x"}}';
      return { status: 200, headers: new Headers(), text, json: JSON.parse(text) };
    };
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s, { baseUrl: null, http: stub });
    expect(await collect(adapter, { from: s.clock.now() - HOUR, to: s.clock.now() - MIN }, ctx)).toEqual([]);
    expect(seen[0]!.url).toBe('https://eco.taobao.com/router/rest');
    expect(seen[0]!.type).toBe('application/x-www-form-urlencoded;charset=utf-8');
    const form = new URLSearchParams(seen[0]!.body);
    expect(form.get('method')).toBe(INCREMENT);
    expect(form.get('start_modified')).toBe(cnTime(s.clock.now() - HOUR));
    expect(form.get('sign')).toMatch(/^[0-9A-F]{64}$/); // hmac-sha256 by default

    await collect(adapter, { from: s.clock.now() - HOUR, to: s.clock.now() - MIN }, contextFor(s).ctx);
    expect(new Set(s.log.map((r) => `${r.method} ${r.path}`))).toEqual(new Set(['POST /router/rest']));
  });
});

describe('Taobao simulator: refuses what TOP refuses', () => {
  const list = (s: TaobaoSim, from: number, to: number, extra: Record<string, string> = {}) =>
    rawCall(s, INCREMENT, { fields: 'tid,modified', start_modified: cnTime(from), end_modified: cnTime(to), ...extra });

  it('windows over one day, page sizes outside 1–100, missing arguments', async () => {
    const s = await sim();
    const now = s.clock.now();
    expect(topErrorOf(await list(s, now - DAY - 1000, now))).toMatchObject({ code: 15, sub_code: 'isv.invalid-parameter' });
    expect(await list(s, now - DAY, now)).toHaveProperty('trades_sold_increment_get_response');
    expect(topErrorOf(await list(s, now - HOUR, now, { page_size: '101' }))).toMatchObject({ code: 41, msg: 'Invalid arguments:page_size' });
    expect(topErrorOf(await list(s, now - HOUR, now, { page_size: '0' }))).toMatchObject({ code: 41 });
    expect(topErrorOf(await list(s, now - HOUR, now, { page_no: '0' }))).toMatchObject({ code: 41 });
    expect(topErrorOf(await rawCall(s, INCREMENT, { start_modified: cnTime(now - HOUR), end_modified: cnTime(now) }))).toMatchObject({ code: 40, msg: 'Missing required arguments:fields' });
    expect(topErrorOf(await list(s, now, now - HOUR))).toMatchObject({ code: 15, sub_code: 'isv.invalid-parameter' });
    expect(topErrorOf(await rawCall(s, 'taobao.trades.sold.get', {}))).toMatchObject({ code: 22 });
  });

  it('total_results only without use_has_next; has_next with it; newest modified first', async () => {
    const s = await sim();
    const t0 = s.clock.now() - HOUR;
    for (let i = 0; i < 3; i++) s.addTrade({}, t0 + i * 1000);
    const counted = (await list(s, t0, t0 + MIN, { page_size: '2' })).trades_sold_increment_get_response as Record<string, unknown>;
    expect(counted).toMatchObject({ total_results: 3, has_next: true });
    const modifieds = (counted.trades as { trade: { modified: string }[] }).trade.map((t) => t.modified);
    expect(modifieds).toEqual([cnTime(t0 + 2000), cnTime(t0 + 1000)]);
    const fast = (await list(s, t0, t0 + MIN, { page_size: '2', page_no: '2', use_has_next: 'true' })).trades_sold_increment_get_response as Record<string, unknown>;
    expect(fast).not.toHaveProperty('total_results');
    expect(fast).toMatchObject({ has_next: false });
  });

  it('checks the timestamp (±10 min, GMT+8) and the signature of every sign method; GET is accepted too', async () => {
    const s = await sim();
    const now = s.clock.now();
    const biz = { fields: 'tid', start_modified: cnTime(now - HOUR), end_modified: cnTime(now) };
    expect(topErrorOf(await rawCall(s, INCREMENT, biz, { timestamp: cnTime(now - 11 * MIN) }))).toMatchObject({ code: 31 });
    expect(topErrorOf(await rawCall(s, INCREMENT, biz, { timestamp: new Date(now).toISOString() }))).toMatchObject({ code: 31 });
    for (const signMethod of ['md5', 'hmac', 'hmac-sha256'] as const) {
      expect(await rawCall(s, INCREMENT, biz, { signMethod })).toHaveProperty('trades_sold_increment_get_response');
      expect(topErrorOf(await rawCall(s, INCREMENT, biz, { signMethod, sign: '0'.repeat(signMethod === 'hmac-sha256' ? 64 : 32) }))).toMatchObject({ code: 25 });
    }
    expect(await rawCall(s, INCREMENT, biz, { httpMethod: 'GET' })).toHaveProperty('trades_sold_increment_get_response');
    expect(topErrorOf(await rawCall(s, INCREMENT, biz, { session: 'nobody' }))).toMatchObject({ code: 27, sub_code: 'invalid-sessionkey' });
    const refused = s.calls.filter((c) => c.code === 25);
    expect(refused).toHaveLength(3);
    expect(refused.every((c) => c.computedSign !== c.receivedSign && c.stringToSign.startsWith('app_key12345678end_modified'))).toBe(true);
  });
});
