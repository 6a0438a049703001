import { afterEach, describe, expect, it } from 'vitest';
import { formatCnTime } from '../../main/sync/edge.js';
import { JdClient } from '../../main/sync/platforms/jd/client.js';
import { parseJdCredentials } from '../../main/sync/platforms/jd/credentials.js';
import { mapOrTell } from '../../main/sync/platforms/jd/mapping.js';
import { jdSign, jdSignBase } from '../../main/sync/platforms/jd/sign.js';
import { chunkWindows } from '../../main/sync/sync-state.js';
import { cnTime, expectedSign, parseJdTimestamp } from '../sim/jd/gateway.js';
import { adapterFor, collect, contextFor, ids, rejection } from '../sim/jd/harness.js';
import { JD_SIM_APP, JdSim } from '../sim/jd/server.js';

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const sims: JdSim[] = [];
async function sim(): Promise<JdSim> {
  const s = await JdSim.start();
  sims.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

/** n orders modified one every 20 s, ending 10 minutes before the clock; returns the window that covers them. */
function seed(s: JdSim, n: number): { from: number; to: number; orderIds: string[] } {
  const start = s.clock.now() - n * 20 * SEC - 10 * MIN;
  const orderIds = Array.from({ length: n }, (_, i) => s.addOrder({ createdAt: start + i * 20 * SEC - MIN }, start + i * 20 * SEC).id);
  return { from: start - MIN, to: s.clock.now() - 30 * SEC, orderIds };
}

describe('JD signing and credentials', () => {
  const VECTOR = {
    method: 'jingdong.pop.order.search',
    app_key: 'jd_app',
    access_token: 'jd_token',
    timestamp: '2024-05-01 12:00:00',
    v: '2.0',
    format: 'json',
    '360buy_param_json': '{"start_date":"2024-05-01 11:00:00","end_date":"2024-05-01 12:00:00","order_state":"WAIT_SELLER_STOCK_OUT","page":"1","page_size":"100"}',
  };

  it('reproduces the §9 vector in the adapter signer and the simulator verifier', () => {
    expect(jdSignBase(VECTOR, 'jd_secret')).toBe(
      'jd_secret360buy_param_json' + VECTOR['360buy_param_json'] + 'access_tokenjd_tokenapp_keyjd_appformatjsonmethodjingdong.pop.order.searchtimestamp2024-05-01 12:00:00v2.0jd_secret',
    );
    expect(jdSign(VECTOR, 'jd_secret')).toBe('E193A18F000374F7B02FB2254C56B97A');
    // The verifier leaves out the sign it is checking, whatever it says.
    expect(expectedSign({ ...VECTOR, sign: 'anything' }, 'jd_secret')).toBe('E193A18F000374F7B02FB2254C56B97A');
    expect(jdSign({ ...VECTOR, v: '1.0' }, 'jd_secret')).not.toBe('E193A18F000374F7B02FB2254C56B97A');
  });

  it('names every wrong credentials field and trims pasted values', () => {
    expect(() => parseJdCredentials({ appKey: '', appSecret: 'has space', accessToken: undefined })).toThrow(
      'appKey is required; appSecret: only letters, digits, "-", "_" and "." (copy the App Secret from the JD open platform app page); accessToken is required',
    );
    expect(() => parseJdCredentials({ appKey: 7, appSecret: 's', accessToken: 't' })).toThrow(/^appKey must be text$/);
    expect(parseJdCredentials({ appKey: ' JDKEY\n', appSecret: 'sec', accessToken: 'tok ', extra: 'dropped' })).toEqual({ appKey: 'JDKEY', appSecret: 'sec', accessToken: 'tok' });
  });

  it('sends the real router request: POST form to /routerjson, China-time timestamp, business JSON signed as sent', async () => {
    const s = await sim();
    const { from, to } = seed(s, 3);
    const { adapter } = adapterFor(s);
    await collect(adapter, { from, to }, contextFor(s).ctx);
    const [req] = s.log;
    expect(req).toMatchObject({ method: 'POST', path: '/routerjson', status: 200 });
    const form = Object.fromEntries(new URLSearchParams(req!.body));
    expect(form).toMatchObject({ method: 'jingdong.pop.order.search', app_key: JD_SIM_APP.appKey, access_token: JD_SIM_APP.accessToken, v: '2.0', format: 'json', timestamp: '2026-11-25 12:00:00' });
    expect(form.sign).toBe(expectedSign(form, JD_SIM_APP.appSecret));
    expect(JSON.parse(form['360buy_param_json']!)).toMatchObject({ start_date: cnTime(from), end_date: cnTime(to), page: '1', page_size: '100', dateType: '0' });
    expect(s.signChecks.every((c) => c.ok && c.computed === c.received)).toBe(true);
    expect(req!.body).not.toContain(JD_SIM_APP.appSecret);
  });

  it('a wrong appSecret meets JD’s 无效签名 as an auth error naming appSecret; the secret is never echoed', async () => {
    const s = await sim();
    const { from, to } = seed(s, 1);
    const { adapter } = adapterFor(s);
    const e = await rejection(collect(adapter, { from, to }, contextFor(s, { credentials: { ...JD_SIM_APP, appSecret: 'wrongsecret' } }).ctx));
    expect(e).toMatchObject({ kind: 'auth', details: { platformCode: '12' } });
    expect(e.message).toMatch(/signature is wrong \(无效签名 \/ Invalid signature\): check the shop's appSecret/);
    expect(e.message).not.toContain('wrongsecret');
    expect(s.signChecks.at(-1)).toMatchObject({ ok: false });
  });
});

describe('JD listing', () => {
  it('converts at the edge: yuan strings to exact fen, China time to epoch ms, masked PII kept as given', async () => {
    const s = await sim();
    const created = Date.UTC(2026, 10, 24, 16, 30, 5); // 2026-11-25 00:30:05 in China
    const o = s.addOrder({ createdAt: created, items: [{ priceFen: 1999, qty: 3, outerSkuId: 'MUG-BLUE' }, { priceFen: 7, qty: 1, outerSkuId: null }], freightFen: 800, discountFen: 500, remark: '请用顺丰' }, s.clock.now() - 5 * MIN);
    const [order] = (await collect(adapterFor(s).adapter, { from: s.clock.now() - HOUR, to: s.clock.now() - 30 * SEC }, contextFor(s).ctx)).flatMap((p) => p.orders);
    expect(order).toMatchObject({
      platform: 'jd',
      shopId: 11,
      platformOrderId: o.id,
      platformStatus: 'WAIT_SELLER_STOCK_OUT',
      platformState: 'to_ship',
      payment: 'paid',
      currency: 'CNY',
      goodsMinor: 6004,
      shippingMinor: 800,
      discountMinor: 500,
      totalMinor: 6304,
      paidMinor: 6304,
      placedAt: created,
      paidAt: created,
      platformUpdatedAt: Math.floor((s.clock.now() - 5 * MIN) / 1000) * 1000,
      buyerName: '王**',
      buyerPhone: '139****5678',
      address1: '北京北京市朝阳区****',
      province: '北京',
      district: '朝阳区',
      piiMasked: true,
      buyerMessage: '请用顺丰',
    });
    expect(order!.piiRef).toBeUndefined(); // nothing to decrypt with: JD's scheme is not supported
    expect(order!.lines.map((l) => [l.skuCode, l.qty, l.unitPriceMinor])).toEqual([['MUG-BLUE', 3, 1999], [null, 1, 7]]);
    expect(JSON.parse(order!.raw!.payload)).toMatchObject({ orderId: o.id, orderPayment: '63.04', orderStartTime: '2026-11-25 00:30:05' });
    // Amounts JD sends as JSON numbers are exact too; more than two decimals is refused, naming the field.
    const payload = { ...JSON.parse(order!.raw!.payload), orderPayment: 12.5, freightPrice: '0.075' };
    const bad = mapOrTell(payload, 11);
    expect(bad).toMatchObject({ platformOrderId: o.id, message: `JD order ${o.id}: field freightPrice: amount "0.075" has more than 2 decimals for CNY` });
    expect(mapOrTell({ ...payload, freightPrice: '0' }, 11)).toMatchObject({ totalMinor: 1250, shippingMinor: 0 });
    expect(formatCnTime(created)).toBe('2026-11-25 00:30:05');
    expect(parseJdTimestamp('2026-11-25 00:30:05')).toBe(created);
    // Newer JOS SDKs send milliseconds and a zone (§7.1); the router reads those as the same instant.
    expect(parseJdTimestamp('2026-11-24 16:30:05.000+0000')).toBe(created);
  });

  it('maps every searched state, and a paid cancelled order as refunded', async () => {
    const s = await sim();
    const states = ['WAIT_SELLER_STOCK_OUT', 'WAIT_SELLER_DELIVERY', 'LOCKED', 'PAUSE', 'POP_ORDER_PAUSE', 'WAIT_GOODS_RECEIVE_CONFIRM', 'FINISHED_L', 'TRADE_CANCELED'] as const;
    const made = states.map((state) => s.addOrder({ state }, s.clock.now() - 5 * MIN));
    const unpaidCancel = s.addOrder({ state: 'TRADE_CANCELED', paidAt: null }, s.clock.now() - 5 * MIN);
    const got = (await collect(adapterFor(s).adapter, { from: s.clock.now() - HOUR, to: s.clock.now() - 30 * SEC }, contextFor(s).ctx)).flatMap((p) => p.orders);
    const by = new Map(got.map((o) => [o.platformOrderId, [o.platformState, o.payment, o.refundedMinor]]));
    expect(made.map((o) => by.get(o.id))).toEqual([
      ['to_ship', 'paid', 0], ['to_ship', 'paid', 0], ['to_ship', 'paid', 0], ['to_ship', 'paid', 0], ['to_ship', 'paid', 0],
      ['shipped', 'paid', 0], ['completed', 'paid', 0], ['cancelled', 'refunded', 5990],
    ]);
    expect(by.get(unpaidCancel.id)).toEqual(['cancelled', 'unpaid', 0]);
  });

  it('chunks a 3-day range into three one-day searches that meet end to start; the simulator refuses a longer one', async () => {
    const s = await sim();
    const { adapter } = adapterFor(s);
    const to = s.clock.now() - adapter.settleMs;
    const from = to - 3 * DAY;
    const orderIds = Array.from({ length: 36 }, (_, i) => s.addOrder({}, from + 17 * MIN + i * 2 * HOUR).id);
    const windows = chunkWindows(from, to, adapter.maxWindowMs);
    expect(windows).toHaveLength(3);
    const got: string[] = [];
    for (const w of windows) got.push(...ids(await collect(adapter, w, contextFor(s).ctx)));
    expect(got.sort()).toEqual([...orderIds].sort());
    const reqs = s.searchRequests();
    expect(reqs).toHaveLength(3);
    for (const [i, r] of reqs.entries()) {
      const span = parseJdTimestamp(r.end_date!)! - parseJdTimestamp(r.start_date!)!;
      expect(span).toBeLessThanOrEqual(DAY);
      if (i > 0) expect(r.start_date).toBe(reqs[i - 1]!.end_date);
    }
    expect(reqs[0]!.start_date).toBe(cnTime(from));
    expect(reqs[2]!.end_date).toBe(cnTime(to));

    const e = await rejection(collect(adapter, { from: to - DAY - HOUR, to }, contextFor(s).ctx));
    expect(e).toMatchObject({ kind: 'bad_request', details: { platformCode: '10100013' } });
    expect(e.message).toMatch(/JD rejected the order search for .*: 查询时间跨度不能超过24小时/);
    // The page-size cap holds too.
    const client = new JdClient(JD_SIM_APP, contextFor(s).ctx);
    const inner = await client.call('jingdong.pop.order.search', { start_date: cnTime(to - HOUR), end_date: cnTime(to), order_state: 'FINISHED_L', page: '1', page_size: '101' });
    expect(inner.searchorderinfo_result).toMatchObject({ apiResult: { success: false, numberCode: '10100015' } });
  });

  it('pages from the last page back: an order changed mid-scan loses nothing and duplicates nothing (a forward scan would lose one)', async () => {
    const s = await sim();
    const { from, to, orderIds } = seed(s, 250);
    const newest = [...orderIds].reverse();
    const changed = newest[10]!; // on page 1: leaving the window slides page 2's first order onto page 1
    s.afterSearch(1, () => {
      s.clock.advance(SEC);
      s.updateOrder(changed, { state: 'TRADE_CANCELED' });
    });
    const { adapter } = adapterFor(s);
    const pages = await collect(adapter, { from, to }, contextFor(s).ctx);
    const got = ids(pages);
    expect(got).toHaveLength(250);
    expect(new Set(got)).toEqual(new Set(orderIds));
    expect(s.searchRequests().map((r) => r.page)).toEqual(['1', '3', '2', '1']);
    // The change itself comes back, changed, in the next window.
    s.clock.advance(MIN);
    const next = (await collect(adapter, { from: to - adapter.overlapMs, to: s.clock.now() - adapter.settleMs }, contextFor(s).ctx)).flatMap((p) => p.orders);
    expect(next.map((o) => [o.platformOrderId, o.platformStatus])).toEqual([[changed, 'TRADE_CANCELED']]);

    // The same change against a naive forward scan (pages 1, 2, 3) loses the order that slid onto page 1.
    const t = await sim();
    const seeded = seed(t, 250);
    const slid = [...seeded.orderIds].reverse()[100]!;
    t.afterSearch(1, () => {
      t.clock.advance(SEC);
      t.updateOrder([...seeded.orderIds].reverse()[10]!, { state: 'TRADE_CANCELED' });
    });
    const client = new JdClient(JD_SIM_APP, contextFor(t).ctx);
    const forward: string[] = [];
    for (const page of ['1', '2', '3']) {
      const inner = await client.call('jingdong.pop.order.search', { start_date: cnTime(seeded.from), end_date: cnTime(seeded.to), order_state: 'WAIT_SELLER_STOCK_OUT,TRADE_CANCELED', page, page_size: '100' });
      forward.push(...((inner.searchorderinfo_result as { orderInfoList: { orderId: string }[] }).orderInfoList.map((o) => o.orderId)));
    }
    expect(forward).not.toContain(slid);
  });

  it('a malformed order becomes a MappingError naming it and the field; the rest of the page maps', async () => {
    const s = await sim();
    const { from, to, orderIds } = seed(s, 3);
    s.breakOrder(orderIds[1]!, { itemInfoList: [{ skuId: '1001', skuName: '坏数据', jdPrice: 'abc', itemTotal: '1' }] });
    const pages = await collect(adapterFor(s).adapter, { from, to }, contextFor(s).ctx);
    expect(ids(pages).sort()).toEqual([orderIds[0], orderIds[2]].sort());
    const errors = pages.flatMap((p) => p.errors);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ platformOrderId: orderIds[1], message: `JD order ${orderIds[1]}: field itemInfoList.0.jdPrice: not a decimal amount: "abc"` });
    expect(JSON.parse(errors[0]!.raw)).toMatchObject({ orderId: orderIds[1] });
  });
});

describe('JD errors', () => {
  it('call-limit errors wait and retry, telling the sync panel', async () => {
    const s = await sim();
    const { from, to } = seed(s, 2);
    s.throttleNext(2);
    const { adapter, waits } = adapterFor(s);
    const { ctx, notes } = contextFor(s);
    expect(ids(await collect(adapter, { from, to }, ctx))).toHaveLength(2);
    expect(waits).toHaveLength(2);
    expect(s.log).toHaveLength(3);
    expect(notes.join('\n')).toMatch(/JD jingdong.pop.order.search: asked us to slow down; waiting \d+ s/);
  });

  it('an expired or withdrawn token is an auth error in plain words (JD code 19), never retried', async () => {
    const s = await sim();
    const { from, to } = seed(s, 1);
    s.tokens.clear();
    const e = await rejection(collect(adapterFor(s).adapter, { from, to }, contextFor(s).ctx));
    expect(e).toMatchObject({ kind: 'auth', details: { platformCode: '19' } });
    expect(e.message).toBe('JD refused the access token (无效access_token / Invalid access_token): it has expired or the seller withdrew the authorization; authorize ShopDesk again on the JD open platform and paste the new access token');
    expect(s.log).toHaveLength(1);
  });

  it('a clock 8 hours off (China time computed from a UTC clock) is refused with a clock hint', async () => {
    const s = await sim();
    const { from, to } = seed(s, 1);
    const e = await rejection(collect(adapterFor(s).adapter, { from, to }, contextFor(s, { now: () => s.clock.now() - 8 * HOUR }).ctx));
    expect(e).toMatchObject({ kind: 'bad_request', details: { platformCode: '13' } });
    expect(e.message).toMatch(/clock or time zone is off; JD expects China time/);
  });

  it('rides out a 5xx storm within the retry budget and gives up beyond it', async () => {
    const s = await sim();
    const { from, to } = seed(s, 2);
    s.failNext(3, 503);
    expect(ids(await collect(adapterFor(s).adapter, { from, to }, contextFor(s).ctx))).toHaveLength(2);
    expect(s.log.map((r) => r.status)).toEqual([503, 503, 503, 200]);
    s.log.length = 0;
    s.failNext(10, 502);
    const e = await rejection(collect(adapterFor(s).adapter, { from, to }, contextFor(s).ctx));
    expect(e).toMatchObject({ kind: 'server', details: { httpStatus: 502 } });
    expect(s.log).toHaveLength(4);
  });
});
