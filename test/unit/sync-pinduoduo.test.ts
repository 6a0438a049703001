import { afterEach, describe, expect, it } from 'vitest';
import { chunkWindows } from '../../main/sync/sync-state.js';
import { ORDER_API, pinduoduoAdapter } from '../../main/sync/platforms/pinduoduo/adapter.js';
import { parsePddCredentials } from '../../main/sync/platforms/pinduoduo/credentials.js';
import { fenOf, pddTime, pddTimeOrNull } from '../../main/sync/platforms/pinduoduo/payload.js';
import { pddSign, signedForm, signedPairs, stringToSign } from '../../main/sync/platforms/pinduoduo/sign.js';
import { cnTime } from '../sim/pinduoduo/fixtures.js';
import { adapterFor, collect, contextFor, rawCall, rejection, windowsFrom } from '../sim/pinduoduo/harness.js';
import { PddSim, type PddSimOptions } from '../sim/pinduoduo/server.js';
import { simSign, simStringToSign } from '../sim/pinduoduo/sign.js';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const LIST = ORDER_API.type;

const sims: PddSim[] = [];
async function sim(opts: PddSimOptions = {}): Promise<PddSim> {
  const s = await PddSim.start(opts);
  sims.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

/** platform-apis.md §9, PDD vector. */
const VECTOR = {
  type: 'pdd.order.number.list.increment.get',
  client_id: 'pdd_client',
  access_token: 'pdd_token',
  timestamp: '1714536100',
  data_type: 'JSON',
  start_updated_at: '1714532400',
  end_updated_at: '1714534200',
  is_lucky_flag: '0',
  order_status: '5',
  refund_status: '5',
  page: '1',
  page_size: '100',
  use_has_next: 'true',
};

describe('Pinduoduo signing (§6.1, §9 vector)', () => {
  it('adapter signer and simulator verifier both reproduce the §9 vector; typed values sign as their text', () => {
    expect(simSign('pdd_secret', VECTOR)).toBe('ACC0895E11591396BE155484A6E1B86D');
    expect(pddSign('pdd_secret', VECTOR)).toBe('ACC0895E11591396BE155484A6E1B86D');
    // Numbers and a real boolean, as the adapter passes them, sign exactly like the strings above.
    const typed = { ...VECTOR, timestamp: 1714536100, start_updated_at: 1714532400, end_updated_at: 1714534200, is_lucky_flag: 0, order_status: 5, refund_status: 5, page: 1, page_size: 100, use_has_next: true };
    expect(pddSign('pdd_secret', typed)).toBe('ACC0895E11591396BE155484A6E1B86D');
    const expected =
      'pdd_secretaccess_tokenpdd_tokenclient_idpdd_clientdata_typeJSONend_updated_at1714534200is_lucky_flag0order_status5page1page_size100refund_status5start_updated_at1714532400timestamp1714536100typepdd.order.number.list.increment.getuse_has_nexttruepdd_secret';
    expect(stringToSign('pdd_secret', signedPairs(typed))).toBe(expected);
    expect(simStringToSign('pdd_secret', VECTOR)).toBe(expected);
  });

  it('drops nulls, JSON-serializes lists, lower-cases booleans, and the form body verifies on the simulator side', () => {
    const params = { type: 'pdd.open.decrypt.batch', client_id: 'c', timestamp: 1714536100, data_list: [{ data_tag: '240501-1', encrypted_data: '~a+b/c=~x~1~~' }], flag: false, nothing: null, gone: undefined };
    const pairs = signedPairs(params);
    expect(pairs.map(([k]) => k)).toEqual(['client_id', 'data_list', 'flag', 'timestamp', 'type']);
    expect(Object.fromEntries(pairs).data_list).toBe('[{"data_tag":"240501-1","encrypted_data":"~a+b/c=~x~1~~"}]');
    expect(Object.fromEntries(pairs).flag).toBe('false');
    const decoded = Object.fromEntries(new URLSearchParams(signedForm('s3cret', params)));
    expect(decoded.data_list).toBe('[{"data_tag":"240501-1","encrypted_data":"~a+b/c=~x~1~~"}]'); // "+" survived the form
    expect(decoded.sign).toBe(simSign('s3cret', decoded));
    expect(decoded.sign).not.toBe(simSign('other', decoded));
  });
});

describe('Pinduoduo credentials', () => {
  it('trims and keeps the three keys, and names each wrong field', () => {
    expect(parsePddCredentials({ clientId: ' abc123 ', clientSecret: 'def456\n', accessToken: 'tok_789-x', extra: 'dropped' })).toEqual({ clientId: 'abc123', clientSecret: 'def456', accessToken: 'tok_789-x' });
    expect(() => parsePddCredentials({ clientSecret: 's' })).toThrow(/^clientId: is required; accessToken: is required$/);
    expect(() => parsePddCredentials({ clientId: 'abc 123', clientSecret: 's', accessToken: 't' })).toThrow(/^clientId: must be letters and digits only/);
    expect(() => parsePddCredentials({ clientId: 'a', clientSecret: 'x"y', accessToken: 't' })).toThrow(/^clientSecret: must be letters and digits/);
    expect(() => parsePddCredentials({ clientId: 'a', clientSecret: 's', accessToken: 42 })).toThrow(/^accessToken: must be text$/);
    expect(() => pinduoduoAdapter.parseCredentials(null)).toThrow(/clientId: is required; clientSecret: is required; accessToken: is required/);
  });
});

describe('Pinduoduo listing (pdd.order.number.list.increment.get)', () => {
  it('converts at the edge: yuan strings to exact fen, China-time strings to epoch ms, masked PII with ciphertext refs', async () => {
    const s = await sim();
    const created = Date.UTC(2026, 10, 25, 1, 2, 3); // 09:02:03 in China
    const o = s.addOrder(
      {
        createdAt: created,
        items: [
          { price: '19.90', count: 3, outerId: 'TEA-01', spec: '绿茶,500g', name: '西湖龙井' },
          { price: '0.10', count: 3, outerId: null },
        ],
        postage: '6.00',
        sellerDiscount: '2.50',
        platformDiscount: '1.10',
        buyerMemo: '请周末送达',
        remark: '老客户',
      },
      s.clock.now() - 20 * MIN,
    );
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const [w] = windowsFrom(s, adapter, s.clock.now() - 30 * MIN);
    const [got] = (await collect(adapter, w!, ctx)).flatMap((p) => p.orders);
    expect(cnTime(created)).toBe('2026-11-25 09:02:03');
    expect(got).toMatchObject({
      platformOrderId: o.sn,
      platformStatus: 'order_status=1 confirm_status=1 refund_status=1',
      platformState: 'to_ship',
      payment: 'paid',
      currency: 'CNY',
      goodsMinor: 6000, // 19.90 × 3 + 0.10 × 3
      discountMinor: 360,
      shippingMinor: 600,
      totalMinor: 6240,
      paidMinor: 6240,
      placedAt: created,
      paidAt: created + MIN,
      shipBy: created + 2 * DAY,
      platformUpdatedAt: Math.floor((s.clock.now() - 20 * MIN) / 1000) * 1000,
      buyerName: '张**',
      buyerPhone: '138****5678',
      address1: '文三路****',
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      piiMasked: true,
      buyerMessage: '请周末送达',
      sellerMemo: '老客户',
    });
    expect(got!.lines).toEqual([
      { platformLineId: String(o.items[0]!.skuId), platformSku: String(o.items[0]!.skuId), skuCode: 'TEA-01', title: '西湖龙井', variant: '绿茶,500g', qty: 3, unitPriceMinor: 1990 },
      { platformLineId: String(o.items[1]!.skuId), platformSku: String(o.items[1]!.skuId), skuCode: null, title: o.items[1]!.name, variant: '默认', qty: 3, unitPriceMinor: 10 },
    ]);
    expect(got!.piiRef).toEqual({ receiver_name: o.cipher.name, receiver_phone: o.cipher.phone, receiver_address: o.cipher.address, province: '浙江省', city: '杭州市', district: '西湖区' });
    expect(JSON.stringify(got)).not.toContain('13812345678'); // no plaintext anywhere, raw payload included
    expect(JSON.parse(got!.raw!.payload).order_sn).toBe(o.sn);
    // The same helpers take unix seconds (request-side APIs) and refuse what they cannot convert, naming the field.
    expect(pddTime(1_795_579_200, 'x')).toBe(Date.UTC(2026, 10, 25, 4, 0, 0));
    expect(pddTime('1795579200', 'x')).toBe(Date.UTC(2026, 10, 25, 4, 0, 0));
    expect(pddTime('2026-11-25 12:00:00', 'x')).toBe(Date.UTC(2026, 10, 25, 4, 0, 0));
    expect([pddTimeOrNull('', 'x'), pddTimeOrNull('0000-00-00 00:00:00', 'x'), pddTimeOrNull(0, 'x')]).toEqual([null, null, null]);
    expect(() => pddTime('2026-02-30 10:00:00', 'pay_time')).toThrow(/^pay_time: not a real date/);
    expect([fenOf('0.07', 'a'), fenOf('1,234.5', 'a'), fenOf(12.3, 'a')]).toEqual([7, 123450, 1230]);
    expect(() => fenOf('', 'postage')).toThrow(/^postage: amount is empty/);
    const call = s.callsOf(LIST)[0]!;
    expect(call.fields).toMatchObject({ order_status: '5', refund_status: '5', is_lucky_flag: '0', page: '1', page_size: '100', data_type: 'JSON', client_id: s.app.clientId });
    expect(call.fields.use_has_next).toBeUndefined(); // total_count is needed to start from the last page
    expect(call.computedSign).toBe(call.receivedSign);
  });

  it('chunks 3 days into 144 half-hour windows, one request each, none longer than 1800 s, each starting where the last ended', async () => {
    const s = await sim();
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const to = s.clock.now() - adapter.settleMs;
    const from = to - 3 * DAY;
    const sns = Array.from({ length: 300 }, (_, i) => s.addOrder({}, from + 240_000 + i * 864_000).sn);
    s.addOrder({}, from - DAY); // before the range
    const windows = chunkWindows(from, to, adapter.maxWindowMs); // exactly as the engine chunks
    expect(windows).toHaveLength(144);
    const got: string[] = [];
    for (const w of windows) for (const p of await collect(adapter, w, ctx)) got.push(...p.orders.map((o) => o.platformOrderId));
    expect(got.sort()).toEqual([...sns].sort());
    const calls = s.callsOf(LIST).map((c) => ({ start: Number(c.fields.start_updated_at), end: Number(c.fields.end_updated_at), err: c.errorCode }));
    expect(calls).toHaveLength(144);
    expect(calls.every((c) => c.err === null && c.end - c.start <= 1800 && c.end > c.start)).toBe(true);
    expect(calls[0]!.start).toBe(Math.floor(from / 1000));
    expect(calls.at(-1)!.end).toBe(Math.floor(to / 1000));
    for (let i = 1; i < calls.length; i++) expect(calls[i]!.start).toBe(calls[i - 1]!.end); // no gap, no double span
    // A window the engine would never send is refused before PDD sees it; PDD itself refuses an over-long span.
    const e = await rejection(collect(adapter, { from: to - 31 * MIN, to }, ctx));
    expect(e).toMatchObject({ kind: 'bad_request' });
    expect(e.message).toMatch(/longer than Pinduoduo's 30 minutes/);
    const long = await rawCall(s, LIST, { start_updated_at: String(Math.floor(to / 1000) - 1801), end_updated_at: String(Math.floor(to / 1000)), order_status: '5', refund_status: '5', is_lucky_flag: '0' });
    expect(long).toMatchObject({ error_response: { error_code: 50001, sub_msg: '时间跨度不能超过30分钟' } });
    const tooBig = await rawCall(s, LIST, { start_updated_at: String(Math.floor(to / 1000) - 60), end_updated_at: String(Math.floor(to / 1000)), order_status: '5', refund_status: '5', is_lucky_flag: '0', page_size: '101' });
    expect(tooBig).toMatchObject({ error_response: { error_code: 10000 } });
    // And a window ending inside PDD's 3-minute indexing lag is refused too, in plain words.
    const fresh = await rejection(collect(adapter, { from: s.clock.now() - 10 * MIN, to: s.clock.now() - MIN }, ctx));
    expect(fresh.message).toMatch(/less than 3 minutes ago/);
  });

  it('pages from the last page back: orders modified mid-paging are neither lost nor duplicated (forward paging loses one)', async () => {
    const s = await sim();
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const t0 = s.clock.now();
    // 250 orders in one window, updated 5 s apart; the list is newest first, so rank r (1-based) is orders[250 - r].
    const orders = Array.from({ length: 250 }, (_, i) => s.addOrder({}, t0 - 28 * MIN + i * 5_000));
    const rank = (r: number) => orders[250 - r]!.sn;
    const [w] = windowsFrom(s, adapter, t0 - 29 * MIN);
    // Requests: page 1 (learns total 250), page 3, page 2, page 1. Before page 2 is read, three orders change:
    // one on page 2 (unread), one on page 3 (read) and one on page 1.
    s.beforeListRequest(3, () => {
      for (const r of [120, 230, 30]) s.updateOrder(rank(r), { remark: '改过' });
    });
    const first = (await collect(adapter, w!, ctx)).flatMap((p) => p.orders);
    expect(s.callsOf(LIST).map((c) => c.fields.page)).toEqual(['1', '3', '2', '1']);
    const ids = first.map((o) => o.platformOrderId);
    expect(new Set(ids).size).toBe(ids.length); // nothing twice, though ranks 101, 201–203 were served twice
    expect(ids).toHaveLength(248);
    expect(ids).not.toContain(rank(120)); // modified before it was read: it now belongs to a later window
    expect(ids).toContain(rank(230)); // read before the change (old version)
    // The next poll (from the cursor less the overlap) brings the three changed orders with their new remark.
    s.clock.advance(5 * MIN);
    const second = (await Promise.all(windowsFrom(s, adapter, w!.to - adapter.overlapMs).map((x) => collect(adapter, x, ctx)))).flat().flatMap((p) => p.orders);
    const changed = second.filter((o) => o.sellerMemo === '改过');
    expect(changed.map((o) => o.platformOrderId).sort()).toEqual([rank(120), rank(230), rank(30)].sort());
    // Everything else the overlap re-read was already stored, unchanged.
    expect(second.filter((o) => o.sellerMemo !== '改过').every((o) => ids.includes(o.platformOrderId))).toBe(true);
    expect(new Set([...ids, ...second.map((o) => o.platformOrderId)]).size).toBe(250);

    // The same change under a naive forward pager: the order sliding from page 2 onto page 1 is never seen.
    const s2 = await sim();
    const o2 = Array.from({ length: 250 }, (_, i) => s2.addOrder({}, t0 - 28 * MIN + i * 5_000));
    const q = { start_updated_at: String(Math.floor(w!.from / 1000)), end_updated_at: String(Math.floor(w!.to / 1000)), order_status: '5', refund_status: '5', is_lucky_flag: '0', page_size: '100' };
    const seen = new Set<string>();
    s2.beforeListRequest(2, () => s2.updateOrder(o2[250 - 50]!.sn, { remark: 'x' }));
    for (const page of ['1', '2', '3']) {
      const body = (await rawCall(s2, LIST, { ...q, page })).order_sn_increment_get_response as { order_sn_list: { order_sn: string }[] };
      for (const o of body.order_sn_list) seen.add(o.order_sn);
    }
    expect(seen.size).toBe(249);
    expect(seen.has(o2[250 - 101]!.sn)).toBe(false); // unchanged, slid onto page 1 after it was read: lost
  });

  it('a record indexed late while paging (the total grows) makes the window be read again from its new last page', async () => {
    const s = await sim();
    const { adapter } = adapterFor(s);
    const { ctx, notes } = contextFor(s);
    const t0 = s.clock.now();
    const sns = Array.from({ length: 150 }, (_, i) => s.addOrder({}, t0 - 28 * MIN + i * 5_000).sn);
    const [w] = windowsFrom(s, adapter, t0 - 29 * MIN);
    // Before page 2 is read, an order updated inside the window shows up in the index (it lands on page 1, pushing
    // the oldest of page 1 onto page 2, which was already read).
    s.beforeListRequest(2, () => sns.push(s.addOrder({}, t0 - 10 * MIN).sn));
    const got = (await collect(adapter, w!, ctx)).flatMap((p) => p.orders.map((o) => o.platformOrderId));
    expect(s.callsOf(LIST).map((c) => c.fields.page)).toEqual(['1', '2', '1', '2', '1']);
    expect(got.sort()).toEqual([...sns].sort());
    expect(notes).toContain(`${LIST}: 1 record(s) appeared while paging; reading the window again from its last page`);
  });

  it('realistic index lag: a poller whose windows end at "now" loses orders for good; the adapter, 4 minutes behind, loses none', async () => {
    const s = await sim();
    s.realistic = true; // each change reaches the list 30–170 s after it happens
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const all: string[] = [];
    const naive = new Set<string>();
    const ours = new Set<string>();
    let naiveFrom = Math.floor(s.clock.now() / 1000);
    let cursor = s.clock.now() - adapter.settleMs;
    const poll = async () => {
      const end = Math.floor(s.clock.now() / 1000);
      const body = (await rawCall(s, LIST, { start_updated_at: String(naiveFrom), end_updated_at: String(end), order_status: '5', refund_status: '5', is_lucky_flag: '0' })).order_sn_increment_get_response as { order_sn_list: { order_sn: string }[] };
      for (const o of body.order_sn_list) naive.add(o.order_sn);
      naiveFrom = end;
      for (const w of windowsFrom(s, adapter, cursor - adapter.overlapMs)) for (const p of await collect(adapter, w, ctx)) for (const o of p.orders) ours.add(o.platformOrderId);
      cursor = s.clock.now() - adapter.settleMs;
    };
    for (let minute = 0; minute < 20; minute++) {
      for (let k = 0; k < 3; k++) {
        all.push(s.addOrder().sn);
        s.clock.advance(7_000);
      }
      s.clock.advance(MIN - 21_000);
      await poll();
    }
    s.clock.advance(10 * MIN);
    await poll();
    expect(ours).toEqual(new Set(all));
    expect(all.filter((sn) => !naive.has(sn)).length).toBeGreaterThan(10);
  });
});

describe('Pinduoduo errors', () => {
  const window = (s: PddSim, adapterSettle: number) => ({ from: s.clock.now() - adapterSettle - 10 * MIN, to: s.clock.now() - adapterSettle });

  it('waits out PDD’s rate limit (its code, then the next 10-second window) and finishes the listing', async () => {
    const s = await sim({ limits: { [LIST]: 2 } });
    const t0 = s.clock.now();
    for (let i = 0; i < 250; i++) s.addOrder({}, t0 - 13 * MIN + i * 1000);
    const { adapter, waits } = adapterFor(s);
    const { ctx, notes } = contextFor(s);
    const got = (await collect(adapter, window(s, adapter.settleMs), ctx)).flatMap((p) => p.orders);
    expect(new Set(got.map((o) => o.platformOrderId)).size).toBe(250);
    expect(s.callsOf(LIST).filter((c) => c.errorCode === 52101).length).toBeGreaterThan(0);
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((ms) => ms === 10_000)).toBe(true);
    expect(notes.some((n) => /rate limited; waiting 10 s/.test(n))).toBe(true);
  });

  it('an expired or unknown access token, a wrong secret and a skewed clock are auth errors in plain words, never echoing secrets', async () => {
    const s = await sim();
    const { adapter } = adapterFor(s);
    const w = window(s, adapter.settleMs);
    s.expireToken();
    const expired = await rejection(collect(adapter, w, contextFor(s).ctx));
    expect(expired).toMatchObject({ kind: 'auth', details: { platformCode: '10019' } });
    expect(expired.message).toMatch(/access token.*expired or the shop withdrew.*Authorize ShopDesk again/);
    const s2 = await sim();
    const creds = { clientId: s2.app.clientId, clientSecret: s2.app.clientSecret, accessToken: 'deadbeef0123' };
    expect(await rejection(collect(adapter, w, contextFor(s2, { credentials: creds }).ctx))).toMatchObject({ kind: 'auth', details: { platformCode: '10019' } });
    const badSecret = await rejection(collect(adapter, w, contextFor(s2, { credentials: { ...creds, accessToken: 'x1', clientSecret: 'wrongsecret1' } }).ctx));
    expect(badSecret).toMatchObject({ kind: 'auth', details: { platformCode: '20004' } });
    expect(badSecret.message).toMatch(/clientSecret does not belong to this clientId/);
    const ahead = () => s2.clock.now() + 15 * MIN;
    const skew = await rejection(collect(adapter, { from: ahead() - 20 * MIN, to: ahead() - 10 * MIN }, contextFor(s2, { now: ahead }).ctx));
    expect(skew).toMatchObject({ kind: 'auth', details: { platformCode: '20005' } });
    expect(skew.message).toMatch(/clock/);
    for (const e of [expired, badSecret, skew]) for (const secret of Object.values(creds).concat(s.app.clientSecret)) expect(e.message).not.toContain(secret);
    expect(s2.calls.find((c) => c.errorCode === 20004)).toMatchObject({ receivedSign: expect.any(String), computedSign: expect.any(String) });
  });

  it('rides out a 5xx storm and 系统繁忙 with backoff; a storm longer than the budget is a server error', async () => {
    const s = await sim();
    s.addOrder({}, s.clock.now() - 9 * MIN);
    const { adapter } = adapterFor(s);
    const { ctx, notes } = contextFor(s);
    s.failNext(2, 502);
    s.busyNext(1);
    expect((await collect(adapter, window(s, adapter.settleMs), ctx)).flatMap((p) => p.orders)).toHaveLength(1);
    expect(s.log.filter((r) => r.status === 502)).toHaveLength(2);
    expect(s.calls.filter((c) => c.errorCode === 50000)).toHaveLength(1);
    expect(notes.filter((n) => /waiting/.test(n))).toHaveLength(3);
    s.failNext(10, 503);
    const e = await rejection(collect(adapter, window(s, adapter.settleMs), ctx));
    expect(e).toMatchObject({ kind: 'server', details: { httpStatus: 503 } });
  });

  it('a malformed order becomes a MappingError naming the order and the field; the rest of the page maps', async () => {
    const s = await sim();
    const good = [s.addOrder({}, s.clock.now() - 9 * MIN), s.addOrder({}, s.clock.now() - 8 * MIN)];
    const bad = s.addOrder({}, s.clock.now() - 7 * MIN);
    const badItem = s.addOrder({}, s.clock.now() - 6 * MIN);
    s.breakOrder(bad.sn, { pay_amount: '十二元' });
    s.breakOrder(badItem.sn, { item_list: [{ sku_id: 1, goods_name: 'x', goods_price: '1.005', goods_count: 1 }] });
    const { adapter } = adapterFor(s);
    const [page] = await collect(adapter, window(s, adapter.settleMs), contextFor(s).ctx);
    expect(page!.orders.map((o) => o.platformOrderId).sort()).toEqual(good.map((o) => o.sn).sort());
    expect(page!.errors.map((e) => [e.platformOrderId, e.message])).toEqual([
      [badItem.sn, expect.stringMatching(new RegExp(`^order ${badItem.sn}: field item_list\\[0\\]\\.goods_price: amount "1.005" has more than 2 decimals`))],
      [bad.sn, expect.stringMatching(new RegExp(`^order ${bad.sn}: field pay_amount: not a decimal amount`))],
    ]);
    expect(JSON.parse(page!.errors[1]!.raw).pay_amount).toBe('十二元');
  });
});
