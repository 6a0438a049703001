import { afterEach, describe, expect, it } from 'vitest';
import type { PiiRequest, ShipmentWriteBack } from '../../main/sync/adapter.js';
import { DEFAULT_CARRIER_CODES } from '../../main/sync/carrier-codes.js';
import { AppError } from '../../shared/errors.js';
import { adapterFor, collect, collectAfterSales, contextFor, rejection, windowFrom } from '../sim/douyin/harness.js';
import { DEFAULT_RECEIVER } from '../sim/douyin/fixtures.js';
import { DouyinSim, type DouyinSimOptions } from '../sim/douyin/server.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

const sims: DouyinSim[] = [];
async function sim(opts: DouyinSimOptions = {}): Promise<DouyinSim> {
  const s = await DouyinSim.start(opts);
  sims.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

const one = { skus: [{ qty: 1, price: 990 }] };
const ship = (platformOrderId: string, over: Partial<ShipmentWriteBack> = {}): ShipmentWriteBack => ({
  platformOrderId,
  carrier: 'SF',
  trackingNo: 'SF1400123456789',
  shippedAt: Date.UTC(2026, 10, 25, 3, 0, 0),
  lines: [],
  ...over,
});

describe('抖店 after-sales (afterSale.List)', () => {
  it('maps type, status, money, line and return parcel; asks by update time in ascending order', async () => {
    const s = await sim();
    const a = s.addOrder({ skus: [{ qty: 2, price: 2500 }, { qty: 1, price: 800 }] });
    const b = s.addOrder({ status: 3, skus: [{ qty: 1, price: 6000 }] });
    s.clock.advance(MIN);
    const c1 = s.addAfterSale({ orderId: a.id, sku: 1, type: 2, status: 6, refundAmount: 800, reason: '不想要了' });
    const c2 = s.addAfterSale({ orderId: b.id, type: 0, status: 7, refundAmount: 6000, returnTracking: { code: 'YT8800112233', company: '圆通速递' } });
    const others = [
      [3, 14],
      [1, 28],
      [1, 27],
      [7, 12],
      [6, 12],
      [8, 13],
    ].map(([type, status]) => s.addAfterSale({ orderId: b.id, type: type!, status: status!, refundAmount: 100 }));
    s.clock.advance(MIN);
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const pages = await collectAfterSales(adapter, windowFrom(s, adapter, s.clock.now() - HOUR), ctx);
    const got = new Map(pages.flatMap((p) => p.afterSales).map((x) => [x.platformAfterSaleId, x]));
    expect(pages.flatMap((p) => p.errors)).toEqual([]);
    expect(got.get(c1.id)).toMatchObject({
      shopId: 9,
      platform: 'douyin',
      platformOrderId: a.id,
      platformLineId: (a.json.sku_order_list as { order_id: string }[])[1]!.order_id,
      kind: 'refund_only',
      state: 'requested',
      platformStatus: '6',
      refundMinor: 800,
      currency: 'CNY',
      qty: 1,
      reason: '不想要了',
      requestedAt: c1.appliedAt * 1000,
      platformUpdatedAt: c1.updatedAt * 1000,
    });
    expect(got.get(c2.id)).toMatchObject({ kind: 'return_refund', state: 'in_progress', refundMinor: 6000, returnTrackingNo: 'YT8800112233', returnCarrier: '圆通速递' });
    expect(others.map((c) => [got.get(c.id)!.kind, got.get(c.id)!.state])).toEqual([
      ['exchange', 'succeeded'],
      ['refund_only', 'cancelled'],
      ['refund_only', 'rejected'],
      ['reship', 'succeeded'],
      ['price_protect', 'succeeded'],
      ['repair', 'in_progress'],
    ]);
    expect(got.get(c2.id)!.raw?.format).toBe('douyin.afterSale.List');
    const [call] = s.callsOf('afterSale.List');
    expect(call!.params).toMatchObject({ order_by: ['update_time asc'], page: 0, size: 100, update_end_time: Math.floor((s.clock.now() - adapter.settleMs) / 1000) });
  });

  it('pages backwards through cases changing mid-scan; a broken case is a MappingError naming case and order', async () => {
    const s = await sim();
    const o = s.addOrder(one);
    const cases = Array.from({ length: 230 }, () => {
      s.clock.advance(1000);
      return s.addAfterSale({ orderId: o.id, type: 1, status: 6, refundAmount: 990 });
    });
    const broken = s.addAfterSale({ orderId: o.id, type: 1, status: 6, refundAmount: 990 });
    broken.json.aftersale_info.refund_amount = 9.9;
    s.clock.advance(MIN);
    let pages = 0;
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const w = windowFrom(s, adapter, s.clock.now() - HOUR);
    const gen = adapter.listAfterSales!(w, ctx)[Symbol.asyncIterator]();
    const seen: string[] = [];
    const errors: string[] = [];
    for (let r = await gen.next(); !r.done; r = await gen.next()) {
      pages++;
      seen.push(...r.value.afterSales.map((x) => x.platformAfterSaleId));
      errors.push(...r.value.errors.map((e) => e.message));
      // After the last page (read first): a case on page 0, not read yet, changes and leaves the window.
      if (pages === 1) s.updateAfterSale(cases[10]!.id, { status: 12, refundStatus: 3 });
    }
    expect(s.callsOf('afterSale.List').map((c) => (c.params as { page: number }).page)).toEqual([0, 2, 1, 0]);
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(new Set(cases.filter((c) => c !== cases[10]).map((c) => c.id)));
    expect(errors).toEqual([`after-sales case ${broken.id} of order ${o.id}: aftersale_info.refund_amount: not an integer fen amount: 9.9`]);
  });
});

describe('抖店 ship write-back (order.logisticsAdd)', () => {
  it('ships with 抖店’s company code; the same tracking again is already; another tracking is refused', async () => {
    const s = await sim();
    const o = s.addOrder(one);
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    expect(await adapter.confirmShipment(ship(o.id), ctx)).toBe('done');
    const [call] = s.callsOf('order.logisticsAdd');
    expect(call!.body).toBe(`{"company_code":"shunfeng","logistics_code":"SF1400123456789","order_id":"${o.id}"}`);
    expect(s.state.orders.get(o.id)!.json.order_status).toBe(3);
    expect(await adapter.confirmShipment(ship(o.id, { trackingNo: ' sf1400123456789 ' }), ctx)).toBe('already');
    expect(s.callsOf('order.orderDetail')).toHaveLength(1);
    const e = await rejection(adapter.confirmShipment(ship(o.id, { trackingNo: 'SF9999999999999' }), ctx));
    expect(e).toMatchObject({ kind: 'bad_request', details: { platformCode: 'isv.business-failed:60110' } });
    expect(e.message).toBe(
      `抖店 order ${o.id} is already shipped with SF1400123456789 (顺丰速运), not SF9999999999999: ShopDesk does not replace a shipped order’s tracking number; correct it in the 抖店 back office if SF9999999999999 is the right one`,
    );
    expect(s.state.shipments.filter((x) => x.outcome === 'shipped')).toHaveLength(1);
  });

  it('a pending refund makes 抖店 refuse; ShopDesk never sends is_refund_reject', async () => {
    const s = await sim();
    const o = s.addOrder(one);
    s.addAfterSale({ orderId: o.id, type: 2, status: 6, refundAmount: 990 });
    const { adapter } = adapterFor(s);
    const e = await rejection(adapter.confirmShipment(ship(o.id), contextFor(s).ctx));
    expect(e).toMatchObject({ kind: 'bad_request', details: { platformCode: 'isv.business-failed:60040' } });
    expect(e.message).toMatch(new RegExp(`^抖店 order ${o.id} has a refund request waiting for the seller`));
    expect(s.state.shipments.map((x) => [x.outcome, 'is_refund_reject' in x.body || 'is_reject_refund' in x.body])).toEqual([['isv.business-failed:60040', false]]);
    expect(s.state.orders.get(o.id)!.json.order_status).toBe(2);
  });

  it('orders 抖店 would not ship are refused with its reason and the order named', async () => {
    const s = await sim();
    const cancelled = s.addOrder({ ...one, status: 4 });
    const unpaid = s.addOrder({ ...one, status: 1 });
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const c = await rejection(adapter.confirmShipment(ship(cancelled.id), ctx));
    expect(c).toMatchObject({ kind: 'bad_request', details: { platformCode: 'isv.business-failed:60021' } });
    expect(c.message).toMatch(new RegExp(`^order ${cancelled.id}: 抖店 order\\.logisticsAdd: 订单已取消`));
    expect((await rejection(adapter.confirmShipment(ship(unpaid.id), ctx))).details.platformCode).toBe('isv.business-failed:60137');
    expect(await rejection(adapter.confirmShipment(ship('6999999999999999999'), ctx))).toMatchObject({ kind: 'not_found' });
  });

  it('a company code 抖店 does not know is refused by 抖店; a carrier without any code is refused before sending', async () => {
    const s = await sim();
    const o = s.addOrder(one);
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const e = await rejection(adapter.confirmShipment(ship(o.id, { platformCarrierCode: 'SFEXPRESS' }), ctx));
    expect(e).toMatchObject({ kind: 'bad_request', details: { platformCode: 'isv.parameter-invalid:60018' } });
    expect(e.message).toMatch(/company code "SFEXPRESS" for carrier SF .*Settings → Carriers/);
    const before = s.calls.length;
    await expect(adapter.confirmShipment(ship(o.id, { carrier: 'ACME' }), ctx)).rejects.toThrow(AppError);
    expect(s.calls.length).toBe(before);
  });

  it('every built-in 抖店 company code is on 抖店’s own list', async () => {
    const s = await sim();
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const table = Object.entries(DEFAULT_CARRIER_CODES.douyin!);
    expect(table.length).toBeGreaterThanOrEqual(12);
    for (const [carrier, code] of table) {
      const o = s.addOrder(one);
      expect(await adapter.confirmShipment(ship(o.id, { carrier, trackingNo: `T${code.length}X${o.id.slice(-9)}` }), ctx)).toBe('done');
      expect(s.callsOf('order.logisticsAdd').at(-1)!.params).toMatchObject({ company_code: code });
    }
    expect(s.state.shipments.every((x) => x.outcome === 'shipped')).toBe(true);
  });
});

describe('抖店 PII (order.batchDecrypt)', () => {
  async function listed(s: DouyinSim) {
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const orders = (await collect(adapter, windowFrom(s, adapter, s.clock.now() - HOUR), ctx)).flatMap((p) => p.orders);
    const reqs: PiiRequest[] = orders.map((o) => ({ platformOrderId: o.platformOrderId, ref: o.piiRef! }));
    return { adapter, ctx, orders, reqs };
  }

  it('plaintext comes only through batchDecrypt, which is counted; privacy numbers are flagged with their expiry', async () => {
    const s = await sim();
    s.clock.advance(-HOUR);
    const plain = s.addOrder(one);
    const expire = Math.floor(s.clock.now() / 1000) + 15 * 86_400;
    const virtual = s.addOrder({ ...one, receiver: { ...DEFAULT_RECEIVER, name: '李四', virtual: { a: '18400913965', b: '7576', expire } } });
    s.clock.advance(HOUR);
    const { adapter, ctx, orders, reqs } = await listed(s);
    expect(s.state.decrypt.calls).toBe(0);
    expect(orders.every((o) => o.piiMasked && o.buyerName!.endsWith('**'))).toBe(true);
    const out = await adapter.decryptAddresses!(reqs, 'print_waybill', ctx);
    expect(s.state.decrypt).toMatchObject({ calls: 1, ciphertexts: 6 });
    expect(JSON.parse(s.callsOf('order.batchDecrypt')[0]!.body).cipher_infos).toHaveLength(6);
    expect(out.get(plain.id)).toEqual({
      ok: true,
      address: { name: '张三丰', phone: '13812345678', country: 'CN', province: '北京市', city: '北京市', district: '海淀区', town: '中关村街道', address1: '中关村大街27号院3号楼1201', postcode: null, virtualPhone: false, expiresAt: null },
    });
    expect(out.get(virtual.id)).toMatchObject({ ok: true, address: { name: '李四', phone: '18400913965-7576', virtualPhone: true, expiresAt: expire * 1000 } });
  });

  it('batches at most 50 ciphertexts per call, an order’s three together; a refused order fails alone', async () => {
    const s = await sim();
    s.clock.advance(-HOUR);
    const ids = Array.from({ length: 40 }, () => s.addOrder(one).id);
    s.clock.advance(HOUR);
    s.refusals.set(ids[7]!, '订单已关闭超过90天，不支持解密');
    const { adapter, ctx, reqs } = await listed(s);
    const out = await adapter.decryptAddresses!([...reqs, { platformOrderId: '6900000000000000001', ref: { receiver: '#x#y#1##' } }], 'print_waybill', ctx);
    const sizes = s.callsOf('order.batchDecrypt').map((c) => (JSON.parse(c.body) as { cipher_infos: unknown[] }).cipher_infos.length);
    expect(sizes).toEqual([48, 48, 24]);
    expect(s.callsOf('order.batchDecrypt').map((c) => c.subCode)).toEqual(['isv.business-failed:300008', '', '']);
    expect(out.get(ids[7]!)).toEqual({ ok: false, message: `order ${ids[7]}: 抖店 would not decrypt the name: 订单已关闭超过90天，不支持解密`, platformCode: '300005' });
    expect([...out.values()].filter((r) => r.ok)).toHaveLength(39);
    expect(out.get('6900000000000000001')).toMatchObject({ ok: false, message: expect.stringMatching(/no 抖店 ciphertext for tel, detail/) });
  });
});
