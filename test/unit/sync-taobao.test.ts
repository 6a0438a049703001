import { afterEach, describe, expect, it } from 'vitest';
import { chunkWindows } from '../../main/sync/sync-state.js';
import { taobaoAdapter } from '../../main/sync/platforms/taobao/adapter.js';
import { parseTopJson } from '../../main/sync/platforms/taobao/json.js';
import { topSign, topStringToSign } from '../../main/sync/platforms/taobao/sign.js';
import { cnTime } from '../sim/taobao/fixtures.js';
import { adapterFor, collect, contextFor, rawCall, SIM_CREDENTIALS, windowFrom } from '../sim/taobao/harness.js';
import { TaobaoSim } from '../sim/taobao/server.js';
import { simSign, simStringToSign } from '../sim/taobao/sign.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const INCREMENT = 'taobao.trades.sold.increment.get';
const FULLINFO = 'taobao.trade.fullinfo.get';

const sims: TaobaoSim[] = [];
async function sim(): Promise<TaobaoSim> {
  const s = await TaobaoSim.start();
  sims.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

describe('TOP signature (platform-apis.md §9 vectors)', () => {
  const base = {
    method: 'taobao.trades.sold.increment.get',
    app_key: '12345678',
    session: 'sess-abc',
    timestamp: '2024-05-01 12:00:00',
    format: 'json',
    v: '2.0',
    fields: 'tid,status,modified',
    start_modified: '2024-05-01 11:00:00',
    end_modified: '2024-05-01 11:30:00',
    page_no: '1',
    page_size: '40',
    use_has_next: 'true',
  };
  const vectors = [
    ['md5', '1221E2E45B7007E29E3FDA86DDAF1F65'],
    ['hmac', '2D8F3BE16947C09905F86D908CB95ABA'],
    ['hmac-sha256', 'A21F24ACF36F6F3D2CB8B5AD89124D1470808B19EB90729CC63A885060EA10AD'],
  ] as const;

  it('the adapter signer and the simulator verifier both reproduce all three vectors', () => {
    const concat =
      'app_key12345678end_modified2024-05-01 11:30:00fieldstid,status,modifiedformatjsonmethodtaobao.trades.sold.increment.getpage_no1page_size40sessionsess-abcsign_methodmd5start_modified2024-05-01 11:00:00timestamp2024-05-01 12:00:00use_has_nexttruev2.0';
    expect(topStringToSign({ ...base, sign_method: 'md5' })).toBe(concat);
    expect(simStringToSign(new Map(Object.entries({ ...base, sign_method: 'md5' })))).toBe(concat);
    for (const [method, expected] of vectors) {
      const params = { ...base, sign_method: method };
      expect(topSign(params, 'test_secret', method)).toBe(expected);
      expect(simSign(new Map(Object.entries(params)), 'test_secret', method)).toBe(expected);
    }
  });

  it('drops empty values and an existing sign; signs raw values, not their URL encoding', () => {
    const params = { ...base, sign_method: 'md5', sign: 'STALE', buyer_nick: '' };
    expect(topStringToSign(params)).toBe(topStringToSign({ ...base, sign_method: 'md5' }));
    expect(topSign(params, 'test_secret', 'md5')).toBe(vectors[0][1]);
  });

  it('every sign method is accepted by the simulator, which recomputes the same signature over the decoded form', async () => {
    const s = await sim();
    // A value with spaces, a comma and Chinese characters: wrong if anything signed the encoded form.
    s.addTrade({ buyerMessage: '请发顺丰, 谢谢', sellerMemo: '加急 & 送小样' }, s.clock.now() - HOUR);
    for (const signMethod of ['md5', 'hmac', 'hmac-sha256'] as const) {
      const { adapter } = adapterFor(s);
      const { ctx } = contextFor(s, { credentials: { ...SIM_CREDENTIALS, signMethod } });
      const orders = (await collect(adapter, windowFrom(s, adapter, s.clock.now() - 2 * HOUR), ctx)).flatMap((p) => p.orders);
      expect(orders.map((o) => o.buyerMessage)).toEqual(['请发顺丰, 谢谢']);
    }
    expect(s.calls.length).toBe(6);
    expect(s.calls.every((c) => c.code === 0 && c.computedSign === c.receivedSign && c.computedSign !== '')).toBe(true);
    expect(new Set(s.calls.map((c) => c.params.sign_method))).toEqual(new Set(['md5', 'hmac', 'hmac-sha256']));
    // System parameters exactly as §4.1 wants them.
    const first = s.calls[0]!;
    expect(first.httpMethod).toBe('POST');
    expect(first.params).toMatchObject({ app_key: '12345678', session: SIM_CREDENTIALS.sessionKey, format: 'json', v: '2.0', timestamp: cnTime(s.clock.now()) });
    expect(s.log[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded;charset=utf-8');
  });
});

describe('Taobao credentials', () => {
  it('cleans good credentials and defaults the sign method', () => {
    expect(taobaoAdapter.parseCredentials({ appKey: ' 12345678 ', appSecret: 's3cret\n', sessionKey: '6100abc', signMethod: '' })).toEqual({
      appKey: '12345678',
      appSecret: 's3cret',
      sessionKey: '6100abc',
      signMethod: 'hmac-sha256',
    });
    expect(taobaoAdapter.parseCredentials({ ...SIM_CREDENTIALS, signMethod: 'md5' }).signMethod).toBe('md5');
  });

  it('names each wrong field, joined with "; "', () => {
    expect(() => taobaoAdapter.parseCredentials({ ...SIM_CREDENTIALS, appKey: 'tb-123' })).toThrow(/^appKey: must be digits$/);
    expect(() => taobaoAdapter.parseCredentials({ ...SIM_CREDENTIALS, signMethod: 'sha1' })).toThrow(/^signMethod: must be one of md5, hmac, hmac-sha256$/);
    expect(() => taobaoAdapter.parseCredentials({ appKey: 'x', appSecret: '' })).toThrow(/^appKey: must be digits; appSecret: is required; sessionKey: is required$/);
    expect(() => taobaoAdapter.parseCredentials(undefined)).toThrow(/appKey: is required/);
  });
});

describe('Taobao edge conversions and mapping', () => {
  it('keeps 19-digit ids exact where JSON.parse would round them', () => {
    const text = '{"trade":{"tid":3619873200512345678,"num":2,"buyer_message":"tid 3619873200512345678, ok","payment":"0.10"}}';
    expect((JSON.parse(text) as { trade: { tid: number } }).trade.tid).not.toBe(3619873200512345678n.toString());
    expect(parseTopJson(text)).toEqual({ trade: { tid: '3619873200512345678', num: 2, buyer_message: 'tid 3619873200512345678, ok', payment: '0.10' } });
  });

  it('money to exact fen, GMT+8 times to epoch ms, statuses per §10.1, masked receiver kept with its OAID', async () => {
    const s = await sim();
    const created = Date.UTC(2026, 10, 24, 16, 5, 9); // 2026-11-25 00:05:09 in China
    const t = s.addTrade(
      {
        createdAt: created,
        post: '8.00',
        lines: [
          { title: '保温杯', price: '0.10', num: 3, outerSkuId: 'CUP-BLK', skuProps: '颜色分类:黑色' },
          { title: '杯套', price: '19.99', num: 1, discount: '2.50', outerSkuId: '', outerIid: 'SLEEVE' },
        ],
        sellerMemo: '送小样',
      },
      s.clock.now() - HOUR,
    );
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const [o] = (await collect(adapter, windowFrom(s, adapter, s.clock.now() - 2 * HOUR), ctx)).flatMap((p) => p.orders);
    expect(s.callsOf(FULLINFO)[0]!.params.fields).toContain('receiver_name,receiver_country');
    expect(o).toMatchObject({
      platform: 'taobao',
      shopId: 11,
      platformOrderId: t.tid, // 19 digits, exact
      platformStatus: 'WAIT_SELLER_SEND_GOODS',
      platformState: 'to_ship',
      payment: 'paid',
      currency: 'CNY',
      goodsMinor: 30 + 1999,
      shippingMinor: 800,
      totalMinor: 30 + 1749 + 800,
      discountMinor: 250,
      paidMinor: 2579,
      placedAt: created,
      paidAt: created,
      platformUpdatedAt: s.clock.now() - HOUR,
      sellerMemo: '送小样',
      buyerMessage: null,
    });
    expect(o!.lines).toEqual([
      { platformLineId: t.lines[0]!.oid, platformSku: t.lines[0]!.skuId, skuCode: 'CUP-BLK', title: '保温杯', variant: '颜色分类:黑色', qty: 3, unitPriceMinor: 10, discountMinor: 0 },
      { platformLineId: t.lines[1]!.oid, platformSku: t.lines[1]!.skuId, skuCode: 'SLEEVE', title: '杯套', variant: '颜色分类:黑色;尺码:L', qty: 1, unitPriceMinor: 1999, discountMinor: 250 },
    ]);
    // Masked, as TOP gives them; the plaintext never reaches the order.
    expect(o).toMatchObject({ buyerName: '张**', buyerPhone: '*******5678', province: '浙江省', city: '杭州市', district: '余杭区', address1: '五常街道文一******', country: 'CN', piiMasked: true });
    expect(o!.piiRef).toEqual({ oaid: t.oaid, tid: t.tid });
    expect(JSON.stringify(o)).not.toContain('张三丰');
    expect(JSON.stringify(o)).not.toContain('13812345678');
    expect(o!.raw!.format).toBe('taobao.trade.fullinfo');
    expect(JSON.parse(o!.raw!.payload)).toMatchObject({ tid: t.tid, created: '2026-11-25 00:05:09' });
  });

  it('statuses and sub-order refunds map to the right axes', async () => {
    const s = await sim();
    const at = s.clock.now() - HOUR;
    const two = [{ price: '10.00' }, { price: '20.00' }];
    const cases = {
      WAIT_BUYER_PAY: s.addTrade({ status: 'WAIT_BUYER_PAY' }, at),
      WAIT_BUYER_CONFIRM_GOODS: s.addTrade({ status: 'WAIT_BUYER_CONFIRM_GOODS' }, at),
      TRADE_FINISHED: s.addTrade({ status: 'TRADE_FINISHED' }, at),
      TRADE_CLOSED: s.addTrade({ status: 'TRADE_CLOSED', lines: [{ price: '12.30' }] }, at),
      TRADE_CLOSED_BY_TAOBAO: s.addTrade({ status: 'TRADE_CLOSED_BY_TAOBAO' }, at),
      PAID_FORBID_CONSIGN: s.addTrade({ status: 'PAID_FORBID_CONSIGN' }, at),
      partRefund: s.addTrade({ lines: [{ ...two[0], refundStatus: 'WAIT_SELLER_AGREE' }, two[1]!] }, at),
      allRefund: s.addTrade({ lines: [{ ...two[0], refundStatus: 'SUCCESS' }, { ...two[1], refundStatus: 'WAIT_BUYER_RETURN_GOODS' }] }, at),
      refusedRefund: s.addTrade({ lines: [{ ...two[0], refundStatus: 'SELLER_REFUSE_BUYER' }, { ...two[1], refundStatus: 'CLOSED' }] }, at),
    };
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const got = new Map((await collect(adapter, windowFrom(s, adapter, at - HOUR), ctx)).flatMap((p) => p.orders).map((o) => [o.platformOrderId, o]));
    const axes = (k: keyof typeof cases) => {
      const o = got.get(cases[k].tid)!;
      return [o.platformState, o.payment, o.refundedMinor ?? 0];
    };
    expect(axes('WAIT_BUYER_PAY')).toEqual(['unpaid', 'unpaid', 0]);
    expect(got.get(cases.WAIT_BUYER_PAY.tid)!.paidMinor).toBe(0);
    expect(axes('WAIT_BUYER_CONFIRM_GOODS')).toEqual(['shipped', 'paid', 0]);
    expect(axes('TRADE_FINISHED')).toEqual(['completed', 'paid', 0]);
    expect(axes('TRADE_CLOSED')).toEqual(['cancelled', 'refunded', 1230]);
    expect(axes('TRADE_CLOSED_BY_TAOBAO')).toEqual(['cancelled', 'unpaid', 0]);
    expect(axes('PAID_FORBID_CONSIGN')).toEqual(['to_ship', 'paid', 0]);
    expect(axes('partRefund')).toEqual(['to_ship', 'partly_refunded', 0]);
    expect(axes('allRefund')).toEqual(['to_ship', 'refunded', 0]);
    expect(axes('refusedRefund')).toEqual(['to_ship', 'paid', 0]);
  });

  it('a malformed trade becomes a MappingError naming the tid and field; the rest of the page is kept', async () => {
    const s = await sim();
    const at = s.clock.now() - HOUR;
    const good = s.addTrade({}, at);
    const badPrice = s.addTrade({ lines: [{}, {}] }, at);
    s.breakTrade(badPrice.tid, { price: '12,5元' }, 1);
    const badTime = s.addTrade({}, at);
    s.breakTrade(badTime.tid, { created: '2026/11/25 10:00' });
    const badStatus = s.addTrade({}, at);
    s.breakTrade(badStatus.tid, { status: 'WAIT_SOMETHING_NEW' });
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const pages = await collect(adapter, windowFrom(s, adapter, at - HOUR), ctx);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.orders.map((o) => o.platformOrderId)).toEqual([good.tid]);
    const errors = Object.fromEntries(pages[0]!.errors.map((e) => [e.platformOrderId, e.message]));
    expect(errors[badPrice.tid]).toBe(`trade ${badPrice.tid}: orders[1].price: not a decimal amount: "12,5元"`);
    expect(errors[badTime.tid]).toMatch(new RegExp(`^trade ${badTime.tid}: created: not a China time .*2026/11/25 10:00`));
    expect(errors[badStatus.tid]).toBe(`trade ${badStatus.tid}: status: unknown trade status "WAIT_SOMETHING_NEW"`);
    expect(JSON.parse(pages[0]!.errors[0]!.raw)).toHaveProperty('tid');
  });
});

describe('Taobao listing: windows and paging', () => {
  it('a 3-day range is read in three ≤1-day windows whose seconds neither gap nor overlap beyond a boundary second', async () => {
    const s = await sim();
    const now = s.clock.now();
    const from = now - 3 * DAY - 12_345; // not on a second boundary
    for (let i = 0; i < 9; i++) s.addTrade({}, from + 1000 + i * 8 * HOUR);
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    expect(adapter.maxWindowMs).toBe(DAY);
    const windows = chunkWindows(from, now - adapter.settleMs, adapter.maxWindowMs);
    expect(windows).toHaveLength(3);
    const seen: string[] = [];
    for (const w of windows) for (const p of await collect(adapter, w, ctx)) seen.push(...p.orders.map((o) => o.platformOrderId));
    expect(new Set(seen).size).toBe(9);
    const calls = s.callsOf(INCREMENT);
    expect(calls).toHaveLength(3); // ≤ 100 trades per window: one call each
    const spans = calls.map((c) => [Date.parse(`${c.params.start_modified!.replace(' ', 'T')}+08:00`), Date.parse(`${c.params.end_modified!.replace(' ', 'T')}+08:00`)] as const);
    expect(spans[0]![0]).toBeLessThanOrEqual(from);
    expect(spans[2]![1]).toBeGreaterThanOrEqual(now - adapter.settleMs);
    for (const [i, [start, end]] of spans.entries()) {
      expect(end - start).toBeLessThanOrEqual(DAY);
      expect(end).toBeGreaterThan(start);
      if (i > 0) {
        const prevEnd = spans[i - 1]![1];
        expect(start).toBeLessThanOrEqual(prevEnd); // no gap
        expect(prevEnd - start).toBeLessThanOrEqual(1000); // at most the boundary second twice
      }
    }
    expect(calls.every((c) => c.params.page_size === '100' && c.params.use_has_next === 'false' && c.params.fields === 'tid,status,modified')).toBe(true);

    // A window longer than a day is refused outright rather than trimmed.
    await expect(collect(adapter, { from: now - 2 * DAY, to: now }, ctx)).rejects.toMatchObject({ kind: 'bad_request', message: expect.stringMatching(/longer than the one day Taobao allows/) });
    expect(s.callsOf(INCREMENT)).toHaveLength(3);
  });

  it('pages from the last page back; trades modified mid-paging are neither lost nor duplicated (forward paging would lose one)', async () => {
    const s = await sim();
    const t0 = s.clock.now() - 3 * HOUR;
    const trades = Array.from({ length: 250 }, (_, i) => s.addTrade({}, t0 + i * 1000)); // newest = trades[249]
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const w = windowFrom(s, adapter, t0 - MIN);
    // Page 1 holds trades[249..150], page 2 [149..50], page 3 [49..0]. After page 3 is read, one trade on page 1 and
    // one on page 3 are modified (they leave the window): everything older than trades[200] slides towards page 1.
    const mutate = () => {
      s.clock.advance(1000);
      s.updateTrade(trades[200]!.tid);
      s.updateTrade(trades[10]!.tid);
    };
    s.beforeListPage(2, mutate);
    const pages = await collect(adapter, w, ctx);
    const ids = pages.flatMap((p) => p.orders.map((o) => o.platformOrderId));
    expect(s.callsOf(INCREMENT).map((c) => [c.params.page_no, c.params.use_has_next])).toEqual([
      ['1', 'false'],
      ['3', 'true'],
      ['2', 'true'],
      ['1', 'false'],
    ]);
    expect(ids.length).toBe(new Set(ids).size); // nothing twice
    expect(new Set(ids)).toEqual(new Set(trades.filter((_, i) => i !== 200).map((t) => t.tid))); // only the one that left unread
    expect(s.state.fullinfoCalls).toBe(249);

    // The trade that left is in the next poll's window, with the other modified one.
    s.clock.advance(MIN);
    const next = (await collect(adapter, windowFrom(s, adapter, w.to - adapter.overlapMs), ctx)).flatMap((p) => p.orders.map((o) => o.platformOrderId));
    expect(new Set(next)).toEqual(new Set([trades[200]!.tid, trades[10]!.tid]));

    // The same mutation against a client paging forwards skips trades[149], which slid onto page 1 after it was read.
    const naive = await sim();
    const copies = Array.from({ length: 250 }, (_, i) => naive.addTrade({}, t0 + i * 1000));
    naive.beforeListPage(2, () => {
      naive.clock.advance(1000);
      naive.updateTrade(copies[200]!.tid);
    });
    const forward: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const body = await rawCall(naive, INCREMENT, { fields: 'tid,modified', start_modified: cnTime(w.from), end_modified: cnTime(w.to), page_no: String(page), page_size: '100' });
      const list = (body.trades_sold_increment_get_response as { trades?: { trade: { modified: string }[] } }).trades?.trade ?? [];
      forward.push(...list.map((x) => x.modified));
    }
    expect(forward).toHaveLength(249); // trades[200] was read on page 1 before it left…
    expect(forward).not.toContain(cnTime(copies[149]!.modifiedMs)); // …and trades[149] was never read at all
  });

  it('trades entering the window while paging (our clock ahead of Taobao’s) make it read the window again', async () => {
    const s = await sim();
    const t0 = s.clock.now() - 2 * HOUR;
    const trades = Array.from({ length: 201 }, (_, i) => s.addTrade({}, t0 + i * 1000));
    const { adapter } = adapterFor(s);
    const ahead = 2 * MIN;
    const { ctx, notes } = contextFor(s, { now: () => s.clock.now() + ahead });
    const w = { from: t0 - MIN, to: s.clock.now() + ahead - adapter.settleMs }; // ends in Taobao's future
    const late = s.addTrade({}, s.clock.now() - HOUR * 5); // modified long ago, about to be "modified now"
    s.beforeListPage(2, () => s.updateTrade(late.tid)); // enters page 1 and pushes trades[100] onto page 3, already read
    const ids = (await collect(adapter, w, ctx)).flatMap((p) => p.orders.map((o) => o.platformOrderId));
    expect(notes.join('\n')).toMatch(/entered the time window while paging; reading it again/);
    expect(new Set(ids)).toEqual(new Set([...trades.map((t) => t.tid), late.tid]));
    expect(ids.length).toBe(new Set(ids).size);
  });

  it('a poll that re-reads the overlap costs no fullinfo call for trades already stored; a changed trade costs one', async () => {
    const s = await sim();
    const a = s.addTrade({}, s.clock.now() - 2 * MIN);
    s.addTrade({}, s.clock.now() - MIN);
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const first = windowFrom(s, adapter, s.clock.now() - HOUR);
    expect((await collect(adapter, first, ctx)).flatMap((p) => p.orders)).toHaveLength(2);
    expect(s.state.fullinfoCalls).toBe(2);

    s.clock.advance(30_000);
    const again = windowFrom(s, adapter, first.to - adapter.overlapMs);
    expect(await collect(adapter, again, ctx)).toEqual([]);
    expect(s.state.fullinfoCalls).toBe(2);
    expect(s.callsOf(INCREMENT)).toHaveLength(2);

    s.updateTrade(a.tid, (t) => (t.sellerMemo = '改地址'));
    s.clock.advance(30_000);
    const changed = (await collect(adapter, windowFrom(s, adapter, again.to - adapter.overlapMs), ctx)).flatMap((p) => p.orders);
    expect(changed.map((o) => [o.platformOrderId, o.sellerMemo])).toEqual([[a.tid, '改地址']]);
    expect(s.state.fullinfoCalls).toBe(3);

    // The memory is for overlaps only: half an hour later a re-read (a catch-up) fetches everything again.
    s.clock.advance(31 * MIN);
    expect((await collect(adapter, windowFrom(s, adapter, first.from), ctx)).flatMap((p) => p.orders)).toHaveLength(2);
    expect(s.state.fullinfoCalls).toBe(5);
  });

  it('only trades of the last three months are listed, as on Taobao', async () => {
    const s = await sim();
    s.addTrade({}, s.clock.now() - 95 * DAY);
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const old = s.clock.now() - 95 * DAY - HOUR;
    expect(await collect(adapter, { from: old, to: old + 2 * HOUR }, ctx)).toEqual([]);
    expect(s.callsOf(INCREMENT)).toHaveLength(1);
  });
});
