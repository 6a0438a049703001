import { afterEach, describe, expect, it } from 'vitest';
import { KsClient } from '../../main/sync/platforms/kuaishou/client.js';
import { parseKsCredentials } from '../../main/sync/platforms/kuaishou/credentials.js';
import { ksSign, ksSignString, paramJson } from '../../main/sync/platforms/kuaishou/sign.js';
import { KsTokens } from '../../main/sync/platforms/kuaishou/tokens.js';
import { chunkWindows } from '../../main/sync/sync-state.js';
import { expectedSign } from '../sim/kuaishou/gateway.js';
import { adapterFor, collect, contextFor, ids, rejection } from '../sim/kuaishou/harness.js';
import { KS_SIM_APP, KsSim } from '../sim/kuaishou/server.js';

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const sims: KsSim[] = [];
async function sim(): Promise<KsSim> {
  const s = await KsSim.start();
  sims.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

/** n orders updated one every 20 s, ending 10 minutes before the clock; returns a window covering them. */
function seed(s: KsSim, n: number): { from: number; to: number; oids: number[] } {
  const start = s.clock.now() - n * 20 * SEC - 10 * MIN;
  const oids = Array.from({ length: n }, (_, i) => s.addOrder({ createTime: start + i * 20 * SEC - MIN }, start + i * 20 * SEC).oid);
  return { from: start - MIN, to: s.clock.now() - 30 * SEC, oids };
}

describe('Kuaishou signing and credentials', () => {
  const business = { beginTime: 1714532400000, cursor: '', endTime: 1714536000000, orderViewStatus: 1, pageSize: 50, queryType: 2, sort: 1 };
  const params = (signMethod: string) => ({ access_token: 'ks_token', appkey: 'ks123', method: 'open.order.cursor.list', param: paramJson(business), signMethod, timestamp: '1714536100000', version: '1' });

  it('reproduces the §9 vectors (MD5 hex, HMAC_SHA256 Base64) in the adapter signer and the simulator verifier', () => {
    expect(ksSignString(params('MD5'), 'ks_sign_secret')).toBe(
      'access_token=ks_token&appkey=ks123&method=open.order.cursor.list&param={"beginTime":1714532400000,"cursor":"","endTime":1714536000000,"orderViewStatus":1,"pageSize":50,"queryType":2,"sort":1}&signMethod=MD5&timestamp=1714536100000&version=1&signSecret=ks_sign_secret',
    );
    expect(ksSign(params('MD5'), 'ks_sign_secret', 'MD5')).toBe('b0cefa490b0534bd1b6d5d91815b5cd3');
    expect(ksSign(params('HMAC_SHA256'), 'ks_sign_secret', 'HMAC_SHA256')).toBe('Oh1kcdufM6dZ7hPJ2QPK1AZ5NiVbpSXPBcesnfOIF/U=');
    expect(expectedSign({ ...params('MD5'), sign: 'x' }, 'ks_sign_secret')).toBe('b0cefa490b0534bd1b6d5d91815b5cd3');
    expect(expectedSign({ ...params('HMAC_SHA256'), sign: 'x' }, 'ks_sign_secret')).toBe('Oh1kcdufM6dZ7hPJ2QPK1AZ5NiVbpSXPBcesnfOIF/U=');
    // The business JSON is built with sorted keys whatever order the caller wrote them in.
    expect(paramJson({ sort: 1, queryType: 2, pageSize: 50, orderViewStatus: 1, endTime: 1714536000000, cursor: '', beginTime: 1714532400000 })).toBe(params('MD5').param);
  });

  it('names every wrong credentials field; signMethod defaults to HMAC_SHA256', () => {
    expect(() => parseKsCredentials({ appKey: 'ks1', appSecret: 'a', signSecret: '', accessToken: 'has space', refreshToken: 'r', signMethod: 'SHA1' })).toThrow(
      'signSecret is required; accessToken: one token of letters and digits (copy it from the authorization result); signMethod must be MD5 or HMAC_SHA256',
    );
    expect(parseKsCredentials({ ...KS_SIM_APP, appKey: ' ks9\n' })).toMatchObject({ appKey: 'ks9', signMethod: 'HMAC_SHA256' });
    expect(parseKsCredentials({ ...KS_SIM_APP, signMethod: 'MD5' }).signMethod).toBe('MD5');
  });

  it('sends GET /open/order/cursor/list with the system parameters in the query, signed either way', async () => {
    for (const signMethod of ['HMAC_SHA256', 'MD5']) {
      const s = await sim();
      const { from, to } = seed(s, 2);
      await collect(adapterFor(s).adapter, { from, to }, contextFor(s, { credentials: { ...KS_SIM_APP, signMethod } }).ctx);
      const [req] = s.log;
      expect(req).toMatchObject({ method: 'GET', path: '/open/order/cursor/list', status: 200 });
      expect(req!.query).toMatchObject({ appkey: KS_SIM_APP.appKey, method: 'open.order.cursor.list', version: '1', access_token: KS_SIM_APP.accessToken, signMethod, timestamp: String(s.clock.now()) });
      expect(JSON.parse(req!.query.param!)).toEqual({ beginTime: from, cpsType: 0, cursor: '', endTime: to - 1, orderViewStatus: 1, pageSize: 50, queryType: 2, sort: 1 });
      expect(s.signChecks).toEqual([{ method: 'open.order.cursor.list', signMethod, computed: req!.query.sign, received: req!.query.sign, ok: true }]);
      expect(JSON.stringify(s.log)).not.toContain(KS_SIM_APP.signSecret);
    }
  });

  it('a wrong signSecret meets the signature check as an auth error naming signSecret', async () => {
    const s = await sim();
    const { from, to } = seed(s, 1);
    const e = await rejection(collect(adapterFor(s).adapter, { from, to }, contextFor(s, { credentials: { ...KS_SIM_APP, signSecret: 'not-the-secret' } }).ctx));
    expect(e).toMatchObject({ kind: 'auth', details: { platformCode: '17' } });
    expect(e.message).toBe("Kuaishou says the request signature is wrong (签名验证失败): check the shop's signSecret (not the appSecret) and signMethod");
  });
});

describe('Kuaishou listing', () => {
  it('converts at the edge: fen stay exact, milliseconds are epoch ms, PII stays masked with its ciphertexts as piiRef', async () => {
    const s = await sim();
    const created = Date.UTC(2026, 10, 24, 16, 30, 5, 123);
    const o = s.addOrder({ createTime: created, priceFen: 1999, num: 3, discountFen: 500, expressFen: 800, skuNick: 'MUG-BLUE', remark: '周末送' }, s.clock.now() - 5 * MIN);
    const [order] = (await collect(adapterFor(s).adapter, { from: s.clock.now() - HOUR, to: s.clock.now() - 30 * SEC }, contextFor(s).ctx)).flatMap((p) => p.orders);
    expect(order).toMatchObject({
      platform: 'kuaishou',
      shopId: 21,
      platformOrderId: String(o.oid),
      platformStatus: '30',
      platformState: 'to_ship',
      payment: 'paid',
      currency: 'CNY',
      goodsMinor: 5997,
      discountMinor: 500,
      shippingMinor: 800,
      totalMinor: 6297,
      paidMinor: 6297,
      placedAt: created,
      paidAt: created + 5_000,
      shipBy: created + 5_000 + 48 * HOUR,
      platformUpdatedAt: s.clock.now() - 5 * MIN,
      buyerName: '李**',
      buyerPhone: '138****5678',
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      address1: '文新街道文一西路****',
      piiMasked: true,
      buyerMessage: '周末送',
    });
    expect(Object.keys(order!.piiRef!).sort()).toEqual(['encryptedAddress', 'encryptedConsignee', 'encryptedMobile']);
    expect(JSON.stringify(order!.piiRef)).not.toMatch(/李小红|13812345678|文一西路100号/);
    expect(order!.lines).toEqual([{ platformLineId: String(o.orderItemId), platformSku: String(o.skuId), skuCode: 'MUG-BLUE', title: o.title, variant: '默认规格', qty: 3, unitPriceMinor: 1999, discountMinor: 0 }]);
  });

  it('maps every order status, and payment from the refunds the order carries', async () => {
    const s = await sim();
    const t = s.clock.now() - 5 * MIN;
    const made = ([10, 30, 40, 50, 70, 80] as const).map((status) => s.addOrder({ status }, t));
    const unpaidClosed = s.addOrder({ status: 80, payTime: 0 }, t);
    const partly = s.addOrder({ status: 40, num: 2 }, t);
    s.addRefund(partly.oid, { status: 60, refundFeeFen: partly.priceFen });
    const refunding = s.addOrder({ status: 30 }, t);
    s.addRefund(refunding.oid, { status: 10 });
    s.clock.advance(MIN);
    const got = (await collect(adapterFor(s).adapter, { from: s.clock.now() - HOUR, to: s.clock.now() }, contextFor(s).ctx)).flatMap((p) => p.orders);
    const by = new Map(got.map((o) => [o.platformOrderId, [o.platformState, o.payment, o.refundedMinor]]));
    expect(made.map((o) => by.get(String(o.oid)))).toEqual([
      ['unpaid', 'unpaid', 0], ['to_ship', 'paid', 0], ['shipped', 'paid', 0], ['completed', 'paid', 0], ['completed', 'paid', 0], ['cancelled', 'refunded', 2990],
    ]);
    expect(by.get(String(unpaidClosed.oid))).toEqual(['cancelled', 'unpaid', 0]);
    expect(by.get(String(partly.oid))).toEqual(['shipped', 'partly_refunded', 0]);
    expect(by.get(String(refunding.oid))).toEqual(['to_ship', 'paid', 0]);
  });

  it('chunks a 3-day range into three one-day lists that meet exactly; the simulator refuses wider windows and pages', async () => {
    const s = await sim();
    const { adapter } = adapterFor(s);
    const to = s.clock.now() - adapter.settleMs;
    const from = to - 3 * DAY;
    const oids = Array.from({ length: 36 }, (_, i) => s.addOrder({}, from + 17 * MIN + i * 2 * HOUR).oid);
    const boundary = s.addOrder({}, from + DAY).oid; // exactly on the first window's end: read once, by the second
    const windows = chunkWindows(from, to, adapter.maxWindowMs);
    expect(windows).toHaveLength(3);
    const got: string[] = [];
    for (const w of windows) got.push(...ids(await collect(adapter, w, contextFor(s).ctx)));
    expect(got.sort()).toEqual([...oids, boundary].map(String).sort());
    const reqs = s.calls('open.order.cursor.list') as { beginTime: number; endTime: number }[];
    expect(reqs.map((r) => [r.beginTime, r.endTime])).toEqual(windows.map((w) => [w.from, w.to - 1]));
    expect(reqs.every((r) => r.endTime - r.beginTime < DAY)).toBe(true);

    const client = new KsClient(parseKsCredentials(KS_SIM_APP), contextFor(s).ctx, new KsTokens());
    const wide = await rejection(client.call('open.order.cursor.list', { beginTime: to - 8 * DAY, endTime: to, cursor: '', orderViewStatus: 1, pageSize: 50, queryType: 2 }, 'GET'));
    expect(wide).toMatchObject({ kind: 'bad_request', details: { platformCode: 'TIME_RANGE_EXCEEDED' }, message: 'Kuaishou rejected open.order.cursor.list: 开始时间与结束时间的范围不能大于7天' });
    const old = await rejection(client.call('open.order.cursor.list', { beginTime: to - 91 * DAY, endTime: to - 90 * DAY + HOUR, cursor: '', orderViewStatus: 1, pageSize: 50, queryType: 2 }, 'GET'));
    expect(old.message).toMatch(/beginTime不能早于90天前/);
    const big = await rejection(client.call('open.order.cursor.list', { beginTime: to - HOUR, endTime: to, cursor: '', orderViewStatus: 1, pageSize: 101, queryType: 2 }, 'GET'));
    expect(big.message).toMatch(/pageSize取值范围为1-100/);
    const refunds = await rejection(client.call('open.seller.order.refund.pcursor.list', { beginTime: to - DAY - HOUR, endTime: to, type: 9, currentPage: 1, pcursor: '', pageSize: 50 }, 'GET'));
    expect(refunds.message).toMatch(/范围不能大于1天/);
  });

  it('follows the cursor to "nomore": orders changed mid-scan are neither lost nor duplicated', async () => {
    const s = await sim();
    const { from, to, oids } = seed(s, 120); // newest first: pages of 50, 50, 20
    const newest = [...oids].reverse();
    const alreadyRead = newest[5]!;
    const notYetRead = newest[110]!;
    s.afterList(1, () => {
      s.clock.advance(SEC);
      s.updateOrder(alreadyRead, { status: 40 });
      s.updateOrder(notYetRead, { status: 80 });
    });
    const { adapter } = adapterFor(s);
    const first = ids(await collect(adapter, { from, to }, contextFor(s).ctx));
    expect(first).toHaveLength(119);
    expect(new Set(first).size).toBe(119);
    expect(first).not.toContain(String(notYetRead)); // it left this window: its update is after the window's end
    const cursors = s.calls('open.order.cursor.list').map((c) => c.cursor);
    expect(cursors).toHaveLength(3);
    expect(cursors[0]).toBe('');
    expect(new Set(cursors).size).toBe(3);
    s.clock.advance(MIN);
    const next = (await collect(adapter, { from: to - adapter.overlapMs, to: s.clock.now() - adapter.settleMs }, contextFor(s).ctx)).flatMap((p) => p.orders);
    expect(next.map((o) => [o.platformOrderId, o.platformState]).sort()).toEqual([[String(alreadyRead), 'shipped'], [String(notYetRead), 'cancelled']].sort());
    expect(new Set([...first, ...next.map((o) => o.platformOrderId)])).toEqual(new Set(oids.map(String)));
  });

  it('a malformed order becomes a MappingError naming it and the field; the rest of the page maps', async () => {
    const s = await sim();
    const { from, to, oids } = seed(s, 3);
    s.breakOrder(oids[1]!, { orderBaseInfo: { totalFee: 12.5 } });
    s.breakOrder(oids[2]!, { orderItemInfo: { num: 0 } });
    const pages = await collect(adapterFor(s).adapter, { from, to }, contextFor(s).ctx);
    expect(ids(pages)).toEqual([String(oids[0])]);
    const errors = pages.flatMap((p) => p.errors).sort((a, b) => a.message.localeCompare(b.message));
    expect(errors.map((e) => [e.platformOrderId, e.message])).toEqual(
      [
        [String(oids[1]), `Kuaishou order ${oids[1]}: field orderBaseInfo.totalFee: not an integer fen amount: 12.5`],
        [String(oids[2]), `Kuaishou order ${oids[2]}: field orderItemInfo.num: must be at least 1`],
      ].sort((a, b) => a[1]!.localeCompare(b[1]!)),
    );
  });
});

describe('Kuaishou errors and tokens', () => {
  it('call limits wait and retry; a 5xx storm is ridden out within the budget and reported beyond it', async () => {
    const s = await sim();
    const { from, to } = seed(s, 2);
    s.throttleNext(2);
    const { adapter, waits } = adapterFor(s);
    const { ctx, notes } = contextFor(s);
    expect(ids(await collect(adapter, { from, to }, ctx))).toHaveLength(2);
    expect(waits).toHaveLength(2);
    expect(notes.join('\n')).toMatch(/Kuaishou open.order.cursor.list: asked us to slow down; waiting \d+ s/);
    s.log.length = 0;
    s.failNext(3, 503);
    expect(ids(await collect(adapter, { from, to }, ctx))).toHaveLength(2);
    expect(s.log.map((r) => r.status)).toEqual([503, 503, 503, 200]);
    s.failNext(10, 502);
    expect(await rejection(collect(adapter, { from, to }, ctx))).toMatchObject({ kind: 'server', details: { httpStatus: 502 } });
  });

  it('an expired access token is refreshed once, saved, and used by the rest of the run (after-sales too)', async () => {
    const s = await sim();
    const { from, to } = seed(s, 3);
    s.clock.advance(49 * HOUR); // past the 48-hour access token
    const { adapter } = adapterFor(s);
    const { ctx, saved, notes } = contextFor(s);
    const window = { from: from + 49 * HOUR - DAY + 2 * HOUR, to: to + 49 * HOUR };
    s.addOrder({}, window.to - HOUR);
    expect(ids(await collect(adapter, window, ctx))).toHaveLength(1);
    expect(s.tokens.refreshes).toBe(1);
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ appKey: KS_SIM_APP.appKey, signSecret: KS_SIM_APP.signSecret, signMethod: 'HMAC_SHA256' });
    expect(saved[0]!.accessToken).not.toBe(KS_SIM_APP.accessToken);
    expect(saved[0]!.refreshToken).not.toBe(KS_SIM_APP.refreshToken);
    expect(s.tokens.refresh.has(KS_SIM_APP.refreshToken)).toBe(false);
    expect(notes).toContain('Kuaishou access token expired; refreshing it');
    const refresh = s.log.find((r) => r.path === '/oauth2/refresh_token')!;
    expect(refresh.method).toBe('POST');
    expect(Object.fromEntries(new URLSearchParams(refresh.body))).toEqual({ grant_type: 'refresh_token', app_id: KS_SIM_APP.appKey, app_secret: KS_SIM_APP.appSecret, refresh_token: KS_SIM_APP.refreshToken });
    // Same run, same (now stale) context: the after-sales listing uses the new pair, no second refresh.
    for await (const page of adapter.listAfterSales!(window, ctx)) expect(page.errors).toEqual([]);
    expect(s.tokens.refreshes).toBe(1);
    expect(s.log.filter((r) => r.path === '/open/seller/order/refund/pcursor/list').map((r) => r.query.access_token)).toEqual([saved[0]!.accessToken]);
  });

  it('a refused refresh, a withdrawn authorization and a bad clock are explained in plain words', async () => {
    const s = await sim();
    const { from, to } = seed(s, 1);
    s.expireAccessTokens();
    s.tokens.refresh.clear();
    const e = await rejection(collect(adapterFor(s).adapter, { from, to }, contextFor(s).ctx));
    expect(e).toMatchObject({ kind: 'auth', details: { platformCode: '100200104' } });
    expect(e.message).toMatch(/^Kuaishou refused to refresh the access token \(refresh_token无效或已过期\): .*authorize ShopDesk again/);
    expect(e.message).not.toContain(KS_SIM_APP.appSecret);

    const t = await sim();
    const w = seed(t, 1);
    t.revoked.add(KS_SIM_APP.accessToken);
    const revoked = await rejection(collect(adapterFor(t).adapter, w, contextFor(t).ctx));
    expect(revoked).toMatchObject({ kind: 'auth', details: { platformCode: '24' } });
    expect(revoked.message).toMatch(/the seller withdrew the authorization/);
    expect(t.tokens.refreshes).toBe(0);

    const skew = await rejection(collect(adapterFor(t).adapter, w, contextFor(t, { now: () => t.clock.now() + 20 * MIN }).ctx));
    expect(skew).toMatchObject({ kind: 'bad_request', details: { platformCode: '18' } });
    expect(skew.message).toMatch(/clock is off/);
  });
});
