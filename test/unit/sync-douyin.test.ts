import { afterEach, describe, expect, it } from 'vitest';
import { chunkWindows } from '../../main/sync/sync-state.js';
import { douyinAdapter } from '../../main/sync/platforms/douyin/adapter.js';
import { canonicalJson, douyinSign, signPattern } from '../../main/sync/platforms/douyin/sign.js';
import { SimClock } from '../sim/base.js';
import { sortedJson, simSign } from '../sim/douyin/gateway.js';
import { adapterFor, collect, contextFor, rejection, SIM_CREDENTIALS, windowFrom } from '../sim/douyin/harness.js';
import { DouyinSim, SIM_APP, SIM_TOKENS, type DouyinSimOptions } from '../sim/douyin/server.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const sims: DouyinSim[] = [];
async function sim(opts: DouyinSimOptions = {}): Promise<DouyinSim> {
  const s = await DouyinSim.start(opts);
  sims.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

/** platform-apis.md §9, Douyin. */
const V = {
  appKey: '7000000000000000000',
  secret: 'dd_secret',
  method: 'order.searchList',
  timestamp: '1714536100',
  paramJson: '{"order_asc":true,"order_by":"update_time","page":0,"size":20,"update_time_end":1714536000,"update_time_start":1714532400}',
  hmac: '0cfa088d217241e7254e7bedfb8a8b9604a85bf35191de69c9a8af7d13bf8421',
  md5: '78aa4017b31cec4b01f5da20247c5912',
};

/** A hand-made request, to show what the gateway accepts and refuses independently of the adapter. */
async function raw(s: DouyinSim, body: string, q: { sign: string; ts?: string; signMethod?: string; header?: boolean }): Promise<Record<string, unknown>> {
  const query = new URLSearchParams({ app_key: s.state.appKey, method: V.method, access_token: SIM_TOKENS.accessToken, timestamp: q.ts ?? V.timestamp, v: '2', sign: q.sign, sign_method: q.signMethod ?? 'hmac-sha256' });
  const res = await fetch(`${s.url}/order/searchList?${query}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(q.header === false ? {} : { 'x-open-no-old-err-code': '1' }) },
    body,
  });
  return (await res.json()) as Record<string, unknown>;
}

describe('抖店 signature (§5.2, §9 vectors)', () => {
  it('the adapter’s signer reproduces both vectors, from business parameters in any key order', () => {
    const params = { update_time_start: 1714532400, size: 20, page: 0, order_by: 'update_time', update_time_end: 1714536000, order_asc: true };
    const paramJson = canonicalJson(params);
    expect(paramJson).toBe(V.paramJson);
    const input = { appKey: V.appKey, method: V.method, paramJson, timestamp: V.timestamp };
    expect(signPattern(input)).toBe(`app_key${V.appKey}methodorder.searchListparam_json${V.paramJson}timestamp1714536100v2`);
    expect(douyinSign(input, V.secret, 'hmac-sha256')).toBe(V.hmac);
    expect(douyinSign(input, V.secret, 'md5')).toBe(V.md5);
    // The simulator's own implementation agrees.
    expect(simSign(V.secret, signPattern(input), 'hmac-sha256')).toBe(V.hmac);
    expect(simSign(V.secret, signPattern(input), 'md5')).toBe(V.md5);
    expect(sortedJson(JSON.parse(V.paramJson))).toBe(V.paramJson);
  });

  it('canonical JSON: sorted at every level, arrays kept in order, no spaces, no HTML escaping, numbers as numbers', () => {
    const v = { z: [{ b: 1, a: '<&>' }, 3], a: { y: true, x: null, skip: undefined }, m: '张三 "q"' };
    expect(canonicalJson(v)).toBe('{"a":{"x":null,"y":true},"m":"张三 \\"q\\"","z":[{"a":"<&>","b":1},3]}');
    expect(sortedJson(JSON.parse(canonicalJson(v)))).toBe(canonicalJson(v));
    expect(canonicalJson({})).toBe('{}');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/non-finite/);
  });

  it('the simulator recomputes over the bytes received: the vectors pass at their timestamp; any other bytes fail', async () => {
    const s = await sim({ appKey: V.appKey, appSecret: V.secret, clock: new SimClock(1714536100_000) });
    expect(await raw(s, V.paramJson, { sign: V.hmac })).toMatchObject({ code: 10000, data: { total: 0 } });
    expect(await raw(s, V.paramJson, { sign: V.md5, signMethod: 'md5' })).toMatchObject({ code: 10000 });
    expect(s.calls.map((c) => [c.sign?.computed, c.sign?.received])).toEqual([
      [V.hmac, V.hmac],
      [V.md5, V.md5],
    ]);
    // Same parameters with a space, or keys unsorted — each signed correctly over its own bytes — are still refused.
    for (const body of [V.paramJson.replace(',', ', '), '{"size":20,"order_asc":true,"order_by":"update_time","page":0,"update_time_end":1714536000,"update_time_start":1714532400}']) {
      const sign = simSign(V.secret, `app_key${V.appKey}methodorder.searchListparam_json${body}timestamp${V.timestamp}v2`, 'hmac-sha256');
      expect(await raw(s, body, { sign })).toMatchObject({ code: 40003, sub_code: 'isv.signature-invalid' });
      expect(s.calls.at(-1)!.sign).toMatchObject({ computed: sign, received: sign, canonical: false });
    }
    expect(await raw(s, V.paramJson, { sign: V.hmac.replace('0c', '0d') })).toMatchObject({ sub_code: 'isv.signature-invalid' });
    expect(await raw(s, V.paramJson, { sign: V.hmac, ts: '1714535400' })).toMatchObject({ code: 40003, sub_code: 'isv.timestamp-invalid' }); // 11 min 40 s early
    // Without x-open-no-old-err-code the gateway answers in the legacy envelope.
    expect(await raw(s, V.paramJson, { sign: V.hmac, header: false })).toMatchObject({ err_no: 0, message: 'success' });
  });

  it('the simulator refuses pages over 100 and deeper than its cap, with 抖店’s codes', async () => {
    const s = await sim({ appKey: V.appKey, appSecret: V.secret, clock: new SimClock(1714536100_000), limits: { maxResults: 300 } });
    const send = (over: Record<string, unknown>) => {
      const body = sortedJson({ ...JSON.parse(V.paramJson), ...over });
      return raw(s, body, { sign: simSign(V.secret, `app_key${V.appKey}methodorder.searchListparam_json${body}timestamp${V.timestamp}v2`, 'hmac-sha256') });
    };
    expect(await send({ size: 100, page: 2 })).toMatchObject({ code: 10000 });
    expect(await send({ size: 101 })).toMatchObject({ code: 40004, sub_code: 'isv.parameter-invalid:20008', sub_msg: '单次查询订单数超过限制' });
    expect(await send({ size: 100, page: 3 })).toMatchObject({ code: 40004, sub_code: 'isv.parameter-invalid:20013' });
    expect(await send({ page: -1 })).toMatchObject({ sub_code: 'isv.parameter-invalid:10035' });
    expect(await send({ update_time_start: 1714536000 - 8 * 86_400 })).toMatchObject({ sub_code: 'isv.parameter-invalid:20014' }); // > 7 days
  });

  it('the adapter sends what the gateway expects: path, query, canonical body, header; its signatures verify', async () => {
    const s = await sim();
    s.addOrder({ skus: [{ qty: 1, price: 990 }] }, s.clock.now() - HOUR);
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s, { credentials: { ...SIM_CREDENTIALS, signMethod: 'md5' } });
    await collect(adapter, windowFrom(s, adapter, s.clock.now() - 2 * HOUR), ctx);
    const [call] = s.calls;
    expect(call).toMatchObject({ method: 'order.searchList', code: 10000 });
    expect(Object.keys(call!.query).sort()).toEqual(['access_token', 'app_key', 'method', 'sign', 'sign_method', 'timestamp', 'v']);
    expect(call!.query).toMatchObject({ app_key: SIM_APP.appKey, access_token: SIM_TOKENS.accessToken, v: '2', sign_method: 'md5', timestamp: String(Math.floor(s.clock.now() / 1000)) });
    expect(call!.sign).toMatchObject({ canonical: true, computed: call!.query.sign });
    expect(call!.headers['x-open-no-old-err-code']).toBe('1');
    expect(JSON.parse(call!.body)).toMatchObject({ order_by: 'update_time', order_asc: true, page: 0, size: 100 });
  });

  it('a wrong secret is an auth error that says so; a clock off by more than 10 minutes is refused as such', async () => {
    const s = await sim();
    const { adapter } = adapterFor(s);
    const w = windowFrom(s, adapter, s.clock.now() - HOUR);
    const bad = await rejection(collect(adapter, w, contextFor(s, { credentials: { ...SIM_CREDENTIALS, appSecret: 'not-the-secret' } }).ctx));
    expect(bad).toMatchObject({ kind: 'auth', details: { platformCode: 'isv.signature-invalid' } });
    expect(bad.message).toMatch(/^signature rejected: check the app secret/);
    expect(bad.message).not.toContain('not-the-secret');
    const skew = await rejection(collect(adapter, w, contextFor(s, { now: () => s.clock.now() + 11 * MIN }).ctx));
    expect(skew).toMatchObject({ kind: 'bad_request', details: { platformCode: 'isv.timestamp-invalid' } });
    expect(skew.message).toMatch(/clock/);
  });
});

describe('抖店 credentials', () => {
  it('names every wrong field; trims; defaults the signature method; drops unknown keys', () => {
    expect(douyinAdapter.parseCredentials({ ...SIM_CREDENTIALS, appKey: ' 7000000000000000000\n', signMethod: '', shopId: '', extra: 'x' })).toEqual({
      ...SIM_CREDENTIALS,
      appKey: '7000000000000000000',
      signMethod: 'hmac-sha256',
    });
    expect(douyinAdapter.parseCredentials({ ...SIM_CREDENTIALS, shopId: '4463798', signMethod: 'md5' })).toMatchObject({ shopId: '4463798', signMethod: 'md5' });
    expect(() => douyinAdapter.parseCredentials({ ...SIM_CREDENTIALS, appKey: 'abc' })).toThrow(/^appKey: must be digits$/);
    expect(() => douyinAdapter.parseCredentials({ ...SIM_CREDENTIALS, signMethod: 'sha1' })).toThrow(/signMethod: must be hmac-sha256 or md5/);
    expect(() => douyinAdapter.parseCredentials({ ...SIM_CREDENTIALS, shopId: 'shop-1' })).toThrow(/shopId: must be digits/);
    const { refreshToken: _r, appSecret: _s, ...partial } = SIM_CREDENTIALS;
    expect(() => douyinAdapter.parseCredentials({ ...partial, appKey: 'x' })).toThrow('appKey: must be digits; appSecret: required; refreshToken: required');
  });
});

describe('抖店 listing: windows and paging', () => {
  it('a 3-day range becomes 3 one-day requests, none over the limit, each starting where the last ended', async () => {
    const s = await sim({ limits: { windowCapSec: 86_400 } });
    s.clock.advance(1234); // windows that do not fall on whole seconds
    const t0 = s.clock.now();
    for (let d = 0; d < 3; d++) s.addOrder({ skus: [{ qty: 1, price: 100 }] }, t0 - (d * 24 + 5) * HOUR);
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const to = t0 - adapter.settleMs;
    const from = to - 3 * DAY;
    const got = [];
    for (const w of chunkWindows(from, to, adapter.maxWindowMs)) got.push(...(await collect(adapter, w, ctx)).flatMap((p) => p.orders));
    expect(got).toHaveLength(3);
    const sent = s.callsOf('order.searchList').map((c) => c.params as { update_time_start: number; update_time_end: number });
    expect(sent).toHaveLength(3);
    expect(sent[0]!.update_time_start).toBe(Math.floor(from / 1000));
    expect(sent.at(-1)!.update_time_end).toBe(Math.floor(to / 1000));
    for (const [i, r] of sent.entries()) {
      expect(r.update_time_end - r.update_time_start).toBe(86_400);
      if (i > 0) expect(r.update_time_start).toBe(sent[i - 1]!.update_time_end);
    }
    // One 3-day window handed over whole is chunked by the adapter itself, the same way.
    expect((await collect(adapter, { from, to }, ctx)).flatMap((p) => p.orders)).toHaveLength(3);
    expect(s.callsOf('order.searchList').slice(3).map((c) => c.params)).toEqual(sent);
    expect(s.calls.every((c) => c.code === 10000)).toBe(true);
  });

  it('the simulator enforces its window cap with the platform’s error', async () => {
    const s = await sim({ limits: { windowCapSec: 12 * 3600 } });
    const { adapter } = adapterFor(s);
    const e = await rejection(collect(adapter, { from: s.clock.now() - DAY, to: s.clock.now() - MIN }, contextFor(s).ctx));
    expect(e).toMatchObject({ kind: 'bad_request', details: { platformCode: 'isv.parameter-invalid:20014' } });
    expect(e.message).toMatch(/^抖店 order\.searchList: .*log_id/);
  });

  it('never asks for more than the 90 days 抖店 keeps; says what it skipped', async () => {
    const s = await sim();
    const recent = s.addOrder({ skus: [{ qty: 1, price: 1 }] }, s.clock.now() - 89 * DAY - 5 * HOUR);
    const { adapter } = adapterFor(s);
    const { ctx, notes } = contextFor(s);
    expect(await collect(adapter, { from: s.clock.now() - 100 * DAY, to: s.clock.now() - 99 * DAY }, ctx)).toEqual([]);
    const got = [];
    for (const w of chunkWindows(s.clock.now() - 91 * DAY, s.clock.now() - 88 * DAY, adapter.maxWindowMs)) got.push(...(await collect(adapter, w, ctx)).flatMap((p) => p.orders));
    expect(got.map((o) => o.platformOrderId)).toEqual([recent.id]);
    expect(s.calls.every((c) => c.code === 10000)).toBe(true);
    expect(notes.filter((n) => /only the last 90 days/.test(n)).length).toBeGreaterThanOrEqual(2);
  });

  it('pages from the last page back while orders change: nothing lost, nothing twice; moved orders return next poll', async () => {
    const s = await sim();
    const t0 = s.clock.now();
    const orders = Array.from({ length: 250 }, (_, i) => s.addOrder({ skus: [{ outSkuId: `S${i}`, qty: 1, price: 300 }] }, t0 - 2 * HOUR + i * 1000));
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const first = windowFrom(s, adapter, t0 - 3 * HOUR);
    // Ascending update_time: page 0 = orders[0..99], page 1 = [100..199], page 2 = [200..249]. Calls: 0 (total), 2, 1, 0.
    const readAlready = orders[230]!; // on page 2, read by then
    const notYet = orders[50]!; // on page 0, still to come
    s.state.beforeSearch = (call) => {
      if (call !== 3) return;
      s.clock.advance(1000);
      s.updateOrder(readAlready.id, { status: 3 });
      s.updateOrder(notYet.id, { status: 4 });
    };
    const pages = await collect(adapter, first, ctx);
    expect(s.callsOf('order.searchList').map((c) => (c.params as { page: number }).page)).toEqual([0, 2, 1, 0]);
    const got = pages.flatMap((p) => p.orders.map((o) => o.platformOrderId));
    expect(new Set(got).size).toBe(got.length); // nothing twice
    // Both changed orders left the window (their update_time is now); every other order was read.
    expect(new Set(got)).toEqual(new Set(orders.filter((o) => o !== notYet).map((o) => o.id)));
    expect(pages.every((p) => p.watermark === undefined)).toBe(true);

    s.clock.advance(5 * MIN);
    const next = (await collect(adapter, windowFrom(s, adapter, first.to - adapter.overlapMs), ctx)).flatMap((p) => p.orders);
    expect(Object.fromEntries(next.map((o) => [o.platformOrderId, o.platformState]))).toEqual({ [readAlready.id]: 'shipped', [notYet.id]: 'cancelled' });
  });

  it('a window too deep to page is split before any page is used', async () => {
    const s = await sim({ limits: { maxResults: 200 } });
    const t0 = s.clock.now();
    const ids = Array.from({ length: 450 }, (_, i) => s.addOrder({ skus: [{ qty: 1, price: 1 }] }, t0 - HOUR + i * 2000).id);
    const { adapter } = adapterFor(s, { maxResults: 200 });
    const { ctx, notes } = contextFor(s);
    const got = (await collect(adapter, windowFrom(s, adapter, t0 - 2 * HOUR), ctx)).flatMap((p) => p.orders.map((o) => o.platformOrderId));
    expect(new Set(got)).toEqual(new Set(ids));
    expect(got).toHaveLength(450);
    expect(s.calls.filter((c) => c.code !== 10000)).toEqual([]);
    expect(notes.some((n) => /splitting/.test(n))).toBe(true);
  });
});

describe('抖店 listing: throttling, tokens, storms', () => {
  it('a rate-limit answer (60000) is waited out and retried; a per-second cap likewise', async () => {
    const s = await sim({ qps: { 'order.searchList': 2 } });
    const t0 = s.clock.now();
    for (let i = 0; i < 250; i++) s.addOrder({ skus: [{ qty: 1, price: 1 }] }, t0 - HOUR + i * 1000);
    const { adapter, waits } = adapterFor(s);
    const { ctx, notes } = contextFor(s);
    s.throttleNext(1);
    const got = (await collect(adapter, windowFrom(s, adapter, t0 - 2 * HOUR), ctx)).flatMap((p) => p.orders);
    expect(got).toHaveLength(250);
    expect(s.calls.filter((c) => c.code === 60000).map((c) => c.subCode)).toEqual(['isp.traffic-limited:10001', 'isp.traffic-limited:10001']);
    expect(waits).toEqual([1000, 1000]);
    expect(notes.filter((n) => /rate limited; waiting 1 s/.test(n))).toHaveLength(2);
  });

  it('an expired access token is renewed once (token.refresh, no access_token), saved, and used from then on', async () => {
    const s = await sim();
    s.addOrder({ skus: [{ qty: 1, price: 1 }] }, s.clock.now() - HOUR);
    s.expireAccessToken();
    const { adapter } = adapterFor(s);
    const { ctx, saved, notes } = contextFor(s);
    const w = windowFrom(s, adapter, s.clock.now() - 2 * HOUR);
    expect((await collect(adapter, w, ctx)).flatMap((p) => p.orders)).toHaveLength(1);
    const refresh = s.callsOf('token.refresh');
    expect(refresh).toHaveLength(1);
    expect(refresh[0]!.query.access_token).toBeUndefined();
    expect(refresh[0]!.params).toEqual({ grant_type: 'refresh_token', refresh_token: SIM_TOKENS.refreshToken });
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ appKey: SIM_APP.appKey, appSecret: SIM_APP.appSecret, shopId: String(s.state.shopId) });
    expect(saved[0]!.accessToken).not.toBe(SIM_TOKENS.accessToken);
    expect(saved[0]!.refreshToken).not.toBe(SIM_TOKENS.refreshToken);
    expect(s.state.tokens.refresh.has(SIM_TOKENS.refreshToken)).toBe(false); // rotated: the old one is gone
    expect(notes).toContain('抖店 access token expired; renewing it');
    // The same context (its credentials still the old ones, as in a running sync) goes on with the new token.
    await collect(adapter, w, ctx);
    expect(s.callsOf('token.refresh')).toHaveLength(1);
    expect(s.callsOf('order.searchList').at(-1)!.query.access_token).toBe(saved[0]!.accessToken);
  });

  it('a refresh token past its 14 days is an auth error in plain words', async () => {
    const s = await sim();
    s.clock.advance(15 * DAY);
    const { adapter } = adapterFor(s);
    const e = await rejection(collect(adapter, windowFrom(s, adapter, s.clock.now() - HOUR), contextFor(s).ctx));
    expect(e).toMatchObject({ kind: 'auth', details: { platformCode: 'dop.token-generate-failed:token-expired' } });
    expect(e.message).toMatch(/re-authorize ShopDesk in the 抖店 service market/);
    expect(e.message).not.toContain(SIM_TOKENS.refreshToken);
  });

  it('tokens 抖店 never issued: one renewal attempt, then an auth error naming what to do', async () => {
    const s = await sim();
    const { adapter } = adapterFor(s);
    const { ctx, saved } = contextFor(s, { credentials: { ...SIM_CREDENTIALS, accessToken: 'pasted-wrong', refreshToken: 'also-wrong' } });
    const e = await rejection(collect(adapter, windowFrom(s, adapter, s.clock.now() - HOUR), ctx));
    expect(e).toMatchObject({ kind: 'auth', details: { platformCode: 'dop.token-generate-failed:token-invalid' } });
    expect(e.message).toMatch(/^抖店 would not renew the access token \(生成token失败，token不存在\).*re-authorize ShopDesk in the 抖店 service market/);
    expect(s.calls.map((c) => [c.method, c.subCode])).toEqual([
      ['order.searchList', 'isv.access-token-no-existed'],
      ['token.refresh', 'dop.token-generate-failed:token-invalid'],
    ]);
    expect(saved).toEqual([]);
  });

  it('5xx storms: a short one is retried through; a long one ends as a server error naming 抖店', async () => {
    const s = await sim();
    s.addOrder({ skus: [{ qty: 1, price: 1 }] }, s.clock.now() - HOUR);
    const { adapter, waits } = adapterFor(s);
    const { ctx } = contextFor(s);
    const w = windowFrom(s, adapter, s.clock.now() - 2 * HOUR);
    s.failNext(2, 503);
    expect((await collect(adapter, w, ctx)).flatMap((p) => p.orders)).toHaveLength(1);
    expect(waits).toHaveLength(2);
    s.failNext(10, 'isp');
    const e = await rejection(collect(adapter, w, ctx));
    expect(e).toMatchObject({ kind: 'server', details: { platformCode: 'isp.service-error:20005' } });
    expect(e.message).toMatch(/^抖店 order\.searchList: 系统繁忙/);
  });
});

describe('抖店 mapping at the edge', () => {
  it('fen stay exact, unix seconds become ms, skus become lines; masked receiver stored, ciphertexts kept as piiRef', async () => {
    const s = await sim();
    const t = s.clock.now() - HOUR + 789; // not on a whole second: update_time is in seconds
    const createdAt = Math.floor(t / 1000) - 7200;
    const o = s.addOrder(
      {
        createdAt,
        post: 1000,
        buyerWords: '请用纸箱',
        sellerWords: 'VIP',
        skus: [
          { outSkuId: 'TEE-RED-M', name: 'T恤', qty: 3, price: 3333, promotion: 99, spec: [['颜色', '红'], ['尺码', 'M']] },
          { code: 'MUG-01', name: '马克杯', qty: 1, price: 1 },
        ],
      },
      t,
    );
    const { adapter } = adapterFor(s);
    const [page] = await collect(adapter, windowFrom(s, adapter, t - HOUR), contextFor(s).ctx);
    const got = page!.orders[0]!;
    expect(got).toMatchObject({ shopId: 9, platform: 'douyin', platformOrderId: o.id, platformStatus: '2', platformState: 'to_ship', payment: 'paid', currency: 'CNY' });
    expect(got).toMatchObject({ goodsMinor: 10_000, shippingMinor: 1000, discountMinor: 99, totalMinor: 10_901, paidMinor: 10_901, refundedMinor: 0 });
    expect(got).toMatchObject({ placedAt: createdAt * 1000, paidAt: (createdAt + 60) * 1000, shipBy: (createdAt + 48 * 3600) * 1000, platformUpdatedAt: Math.floor(t / 1000) * 1000 });
    expect(got.lines).toEqual([
      { platformLineId: expect.stringMatching(/^\d{19}$/), platformSku: '1700000000000', skuCode: 'TEE-RED-M', title: 'T恤', variant: '颜色:红 尺码:M', qty: 3, unitPriceMinor: 3333, discountMinor: 99 },
      { platformLineId: expect.stringMatching(/^\d{19}$/), platformSku: '1700000000001', skuCode: 'MUG-01', title: '马克杯', variant: null, qty: 1, unitPriceMinor: 1, discountMinor: 0 },
    ]);
    expect(got).toMatchObject({ buyerMessage: '请用纸箱', sellerMemo: 'VIP', buyerName: '张**', buyerPhone: '138****5678', country: 'CN', province: '北京市', city: '北京市', district: '海淀区', piiMasked: true });
    expect(got.address1).toBe('中关村街道中关村********');
    expect(got.piiRef).toEqual({
      receiver: o.json.encrypt_post_receiver,
      tel: o.json.encrypt_post_tel,
      detail: (o.json.post_addr as { encrypt_detail: string }).encrypt_detail,
      province: '北京市',
      city: '北京市',
      town: '海淀区',
      street: '中关村街道',
    });
    expect(got.piiRef!.receiver).toMatch(/^#[A-Za-z0-9+/]{4}#[A-Za-z0-9+/=]+#1##$/);
    expect(got.raw?.format).toBe('douyin.shop_order');
    for (const plain of ['张三丰', '13812345678', '27号院']) expect(JSON.stringify(got)).not.toContain(plain);
  });

  it('order_status and refunds set state and payment (§10.1)', async () => {
    const s = await sim();
    const t = s.clock.now() - HOUR;
    const byStatus = [1, 105, 2, 101, 3, 4, 5].map((status) => [status, s.addOrder({ status, skus: [{ qty: 1, price: 500 }] }, t).id] as const);
    const refund = (refundStatus: number) => ({ status: 12, type: 2, refundStatus });
    const partly = s.addOrder({ skus: [{ qty: 1, price: 700, afterSale: refund(3) }, { qty: 2, price: 100 }] }, t);
    const whole = s.addOrder({ status: 3, skus: [{ qty: 1, price: 700, afterSale: refund(3) }] }, t);
    const pending = s.addOrder({ skus: [{ qty: 1, price: 700, afterSale: { status: 6, type: 2, refundStatus: 1 } }] }, t);
    const { adapter } = adapterFor(s);
    const got = new Map((await collect(adapter, windowFrom(s, adapter, t - HOUR), contextFor(s).ctx)).flatMap((p) => p.orders).map((o) => [o.platformOrderId, o]));
    expect(byStatus.map(([status, id]) => [status, got.get(id)!.platformState, got.get(id)!.payment])).toEqual([
      [1, 'unpaid', 'unpaid'],
      [105, 'to_ship', 'paid'],
      [2, 'to_ship', 'paid'],
      [101, 'to_ship', 'paid'],
      [3, 'shipped', 'paid'],
      [4, 'cancelled', 'refunded'],
      [5, 'completed', 'paid'],
    ]);
    expect(got.get(byStatus[0]![1])).toMatchObject({ paidMinor: 0, paidAt: null });
    expect(got.get(partly.id)).toMatchObject({ payment: 'partly_refunded', refundedMinor: 700, paidMinor: 900 });
    expect(got.get(whole.id)).toMatchObject({ payment: 'refunded', refundedMinor: 700 });
    expect(got.get(pending.id)).toMatchObject({ payment: 'paid', refundedMinor: 0 });
  });

  it('a malformed order is a MappingError naming the order and field; the rest of the page maps', async () => {
    const s = await sim();
    const t = s.clock.now() - HOUR;
    const good = s.addOrder({ skus: [{ qty: 1, price: 100 }] }, t);
    const float = s.addOrder({ skus: [{ qty: 1, price: 100 }] }, t);
    (float.json.sku_order_list as Record<string, unknown>[])[0]!.origin_amount = 19.99;
    const millis = s.addOrder({ skus: [{ qty: 1, price: 100 }] }, t);
    millis.json.create_time = Date.UTC(2026, 10, 1);
    const status = s.addOrder({ skus: [{ qty: 1, price: 100 }] }, t);
    status.json.order_status = 77;
    const asText = s.addOrder({ skus: [{ qty: 1, price: 100 }] }, t);
    asText.json.order_amount = '100'; // int64 as a string: still exact
    s.injectRaw({ order_status: 2, update_time: Math.floor(t / 1000) }, t);
    const { adapter } = adapterFor(s);
    const [page] = await collect(adapter, windowFrom(s, adapter, t - HOUR), contextFor(s).ctx);
    expect(page!.orders.map((o) => o.platformOrderId).sort()).toEqual([good.id, asText.id].sort());
    const errors = Object.fromEntries(page!.errors.map((e) => [e.platformOrderId ?? 'none', e.message]));
    expect(errors[float.id]).toBe(`order ${float.id}: sku_order_list[0].origin_amount: not an integer fen amount: 19.99`);
    expect(errors[millis.id]).toMatch(new RegExp(`^order ${millis.id}: create_time: unix seconds out of range \\(milliseconds sent\\?\\)`));
    expect(errors[status.id]).toMatch(new RegExp(`^order ${status.id}: order_status: unknown status 77`));
    expect(errors.none).toMatch(/^order_id: /);
    expect(JSON.parse(page!.errors[0]!.raw)).toHaveProperty('order_status');
  });
});
