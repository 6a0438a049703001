import { afterEach, describe, expect, it } from 'vitest';
import type { PiiRequest, ShipmentWriteBack } from '../../main/sync/adapter.js';
import { DEFAULT_CARRIER_CODES } from '../../main/sync/carrier-codes.js';
import { pddClientFor } from '../../main/sync/platforms/pinduoduo/adapter.js';
import { listPddLogisticsCompanies } from '../../main/sync/platforms/pinduoduo/companies.js';
import { adapterFor, collect, collectAfterSales, contextFor, rawCall, rejection } from '../sim/pinduoduo/harness.js';
import { PddSim } from '../sim/pinduoduo/server.js';

const MIN = 60_000;
const sims: PddSim[] = [];
async function sim(): Promise<PddSim> {
  const s = await PddSim.start();
  sims.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

const recent = (s: PddSim, settle: number) => ({ from: s.clock.now() - settle - 20 * MIN, to: s.clock.now() - settle });
const ship = (sn: string, trackingNo: string, carrier = 'YTO', over: Partial<ShipmentWriteBack> = {}): ShipmentWriteBack => ({ platformOrderId: sn, carrier, trackingNo, shippedAt: 0, lines: [], ...over });

describe('Pinduoduo order states (§10.1)', () => {
  it('maps every axis; an unformed group waits as "unpaid"; a risk-reviewed order is to_ship (the audit holds it) with no ciphertext to print from', async () => {
    const s = await sim();
    const at = s.clock.now() - 10 * MIN;
    const o = {
      toShip: s.addOrder({}, at),
      risk: s.addOrder({ risk: 1 }, at),
      forming: s.addOrder({ confirmStatus: 0 }, at),
      shipped: s.addOrder({ status: 2, logisticsId: 44, trackingNumber: 'SF1400000001' }, at),
      done: s.addOrder({ status: 3 }, at),
      cancelled: s.addOrder({ confirmStatus: 2, refundStatus: 4 }, at),
      refundedBeforeShip: s.addOrder({ refundStatus: 4 }, at),
      afterSale: s.addOrder({ refundStatus: 2, afterSalesStatus: 2 }, at),
    };
    const { adapter } = adapterFor(s);
    const got = new Map((await collect(adapter, recent(s, adapter.settleMs), contextFor(s).ctx)).flatMap((p) => p.orders).map((x) => [x.platformOrderId, x]));
    const view = (k: keyof typeof o) => {
      const x = got.get(o[k].sn)!;
      return [x.platformState, x.payment, x.piiRef ? 'ref' : 'no-ref'];
    };
    expect(view('toShip')).toEqual(['to_ship', 'paid', 'ref']);
    expect(view('risk')).toEqual(['to_ship', 'paid', 'no-ref']);
    expect(view('forming')).toEqual(['unpaid', 'paid', 'ref']);
    expect(view('shipped')).toEqual(['shipped', 'paid', 'no-ref']);
    expect(view('done')).toEqual(['completed', 'paid', 'no-ref']);
    expect(view('cancelled')).toEqual(['cancelled', 'refunded', 'ref']);
    expect(view('refundedBeforeShip')).toEqual(['cancelled', 'refunded', 'ref']);
    expect(view('afterSale')).toEqual(['to_ship', 'paid', 'ref']);
    expect(got.get(o.risk.sn)!.platformStatus).toBe('order_status=1 confirm_status=1 refund_status=1 risk_control_status=1');
    expect(got.get(o.afterSale.sn)!.platformStatus).toBe('order_status=1 confirm_status=1 refund_status=2 after_sales_status=2');
    expect(got.get(o.shipped.sn)).toMatchObject({ trackingNo: 'SF1400000001', carrier: 'SF', buyerName: '张**' }); // masked even when shipped
    // PDD itself refuses to ship the risk-reviewed order: the state is not just cosmetic.
    const { ctx } = contextFor(s);
    const e = await rejection(adapter.confirmShipment(ship(o.risk.sn, 'YT7000000001'), ctx));
    expect(e.message).toMatch(new RegExp(`order ${o.risk.sn}: .*订单审核中`));
  });
});

describe('Pinduoduo after-sales (pdd.refund.list.increment.get)', () => {
  it('lists every case with after_sales_status=1 and after_sales_type=1, mapping kinds, states and amounts', async () => {
    const s = await sim();
    const a = s.addOrder({ items: [{ price: '39.90', outerId: 'MUG-1' }] }, s.clock.now() - 30 * MIN);
    const b = s.addOrder({ status: 2 }, s.clock.now() - 30 * MIN);
    const c = s.addOrder({ status: 3 }, s.clock.now() - 30 * MIN);
    s.clock.advance(MIN);
    const cases = [
      s.addRefund(a.sn, { type: 2, status: 2, amount: '39.90', reason: '拍错了' }),
      s.addRefund(b.sn, { type: 3, status: 7 }),
      s.addRefund(c.sn, { type: 4, status: 16 }),
      s.addRefund(c.sn, { type: 5, status: 32 }),
      s.addRefund(c.sn, { type: 6, status: 24 }),
    ];
    s.clock.advance(MIN);
    s.updateRefund(cases[1]!.id, 4, { trackingNumber: 'YT9000000009', shippingName: '圆通快递' });
    const d = s.addOrder({ status: 3 }, s.clock.now() - 50 * MIN);
    const closed = [s.addRefund(d.sn, { status: 10, amount: '5.01' }), s.addRefund(d.sn, { status: 9 }), s.addRefund(d.sn, { status: 11 })];
    s.clock.advance(10 * MIN);
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const pages = await collectAfterSales(adapter, { from: s.clock.now() - adapter.settleMs - 25 * MIN, to: s.clock.now() - adapter.settleMs }, ctx);
    const got = new Map(pages.flatMap((p) => p.afterSales).map((x) => [x.platformAfterSaleId, x]));
    const view = (id: number) => [got.get(String(id))!.kind, got.get(String(id))!.state, got.get(String(id))!.platformStatus];
    expect(got.get(String(cases[0]!.id))).toMatchObject({ platform: 'pinduoduo', platformOrderId: a.sn, platformSku: String(a.items[0]!.skuId), kind: 'refund_only', state: 'requested', refundMinor: 3990, currency: 'CNY', qty: 1, reason: '拍错了' });
    expect(got.get(String(cases[1]!.id))).toMatchObject({ kind: 'return_refund', state: 'in_progress', platformStatus: '4', returnCarrier: '圆通快递', returnTrackingNo: 'YT9000000009' });
    expect([cases[2], cases[3], cases[4]].map((x) => view(x!.id))).toEqual([
      ['exchange', 'succeeded', '16'],
      ['reship', 'in_progress', '32'],
      ['repair', 'rejected', '24'],
    ]);
    expect(closed.map((x) => view(x.id))).toEqual([
      ['refund_only', 'succeeded', '10'],
      ['refund_only', 'rejected', '9'],
      ['refund_only', 'cancelled', '11'],
    ]);
    expect(got.get(String(closed[0]!.id))!.refundMinor).toBe(501);
    expect(got.size).toBe(8);
    const call = s.callsOf('pdd.refund.list.increment.get')[0]!;
    expect(call.fields).toMatchObject({ after_sales_status: '1', after_sales_type: '1', page: '1', page_size: '100' });
    expect(Number(call.fields.end_updated_at) - Number(call.fields.start_updated_at)).toBeLessThanOrEqual(1800);
  });

  it('a case it cannot read is an error naming the case, its order and the field; the others are stored', async () => {
    const s = await sim();
    const o = s.addOrder({}, s.clock.now() - 20 * MIN);
    const ok = s.addRefund(o.sn, { status: 3, type: 3 });
    const bad = s.addRefund(o.sn, { status: 2 });
    s.updateRefund(bad.id, 2, { broken: { after_sales_status: 99 } });
    s.clock.advance(10 * MIN);
    const { adapter } = adapterFor(s);
    const [page] = await collectAfterSales(adapter, recent(s, adapter.settleMs), contextFor(s).ctx);
    expect(page!.afterSales.map((x) => x.platformAfterSaleId)).toEqual([String(ok.id)]);
    expect(page!.errors).toEqual([{ platformOrderId: o.sn, message: `after-sales case ${bad.id} of order ${o.sn}: field after_sales_status: unknown value 99`, raw: expect.any(String) }]);
  });
});

describe('Pinduoduo ship write-back (pdd.logistics.online.send)', () => {
  it('ships with the numeric company code; the same tracking again is "already"; another tracking is refused, never overwritten', async () => {
    const s = await sim();
    const o = s.addOrder();
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    expect(await adapter.confirmShipment(ship(o.sn, 'YT7000000001'), ctx)).toBe('done');
    expect(s.state.shipments[0]).toMatchObject({ sn: o.sn, logisticsId: '85', trackingNumber: 'YT7000000001', redeliveryType: null, refused: null });
    expect(s.state.order(o.sn)).toMatchObject({ orderStatus: 2, trackingNumber: 'YT7000000001' });
    expect(await adapter.confirmShipment(ship(o.sn, 'YT7000000001'), ctx)).toBe('already');
    expect(s.state.shipments[1]!.refused).toBe('订单已发货，请勿重复发货'); // PDD said so; the adapter read the order back
    expect(s.callsOf('pdd.order.information.get')).toHaveLength(1);
    const e = await rejection(adapter.confirmShipment(ship(o.sn, 'YT7000000002'), ctx));
    expect(e.kind).toBe('bad_request');
    expect(e.message).toMatch(/already shipped with tracking YT7000000001, not YT7000000002/);
    expect(s.state.order(o.sn).trackingNumber).toBe('YT7000000001');
    expect(s.state.shipments.every((x) => x.redeliveryType === null)).toBe(true);
    // What the adapter deliberately never does: PDD's "modify shipment" overwrites what the buyer tracks.
    const modify = await rawCall(s, 'pdd.logistics.online.send', { order_sn: o.sn, logistics_id: '85', tracking_number: 'YT7000000002', redelivery_type: '2' });
    expect(modify).toEqual({ logistics_online_send_response: { is_success: true } });
    expect(s.state.order(o.sn).trackingNumber).toBe('YT7000000002');
  });

  it('a ship whose answer was lost is retried and counts as done-already; a seller override code is used as given', async () => {
    const s = await sim();
    const o = s.addOrder();
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    s.loseNextResponses(1, 'pdd.logistics.online.send');
    expect(await adapter.confirmShipment(ship(o.sn, 'JT0001234567', 'JT', { platformCarrierCode: '384' }), ctx)).toBe('already');
    expect(s.state.shipments.map((x) => [x.logisticsId, x.refused])).toEqual([
      ['384', null],
      ['384', '订单已发货，请勿重复发货'],
    ]);
  });

  it('refuses what PDD refuses, with PDD’s words: unknown company, refund pending, cancelled, bad order number', async () => {
    const s = await sim();
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const a = s.addOrder();
    const unknown = await rejection(adapter.confirmShipment(ship(a.sn, 'YT7000000003', 'YTO', { platformCarrierCode: '99999' }), ctx));
    expect(unknown).toMatchObject({ kind: 'bad_request', details: { platformCode: '50001' } });
    expect(unknown.message).toMatch(new RegExp(`order ${a.sn}: .*物流公司不存在`));
    const letters = await rejection(adapter.confirmShipment(ship(a.sn, 'YT7000000003', 'YTO', { platformCarrierCode: 'yuantong' }), ctx));
    expect(letters.message).toMatch(/"yuantong" for carrier YTO is not a numeric logistics_id/);
    const refund = s.addOrder();
    s.addRefund(refund.sn, { status: 2 });
    expect((await rejection(adapter.confirmShipment(ship(refund.sn, 'YT7000000004'), ctx))).message).toMatch(/订单存在售后，不能发货/);
    const cancelled = s.addOrder({ confirmStatus: 2 });
    expect((await rejection(adapter.confirmShipment(ship(cancelled.sn, 'YT7000000005'), ctx))).message).toMatch(/订单已取消/);
    expect((await rejection(adapter.confirmShipment(ship('12345', 'YT7000000006'), ctx))).message).toMatch(/"12345" is not a Pinduoduo order number/);
    await expect(adapter.confirmShipment(ship(a.sn, 'X1', 'PIGEON'), ctx)).rejects.toThrow(/pinduoduo has no company code for carrier "PIGEON"/);
    expect(s.state.order(a.sn).orderStatus).toBe(1);
  });

  it('every built-in pinduoduo company code is in PDD’s company list and ships', async () => {
    const s = await sim();
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const listed = new Set((await listPddLogisticsCompanies(pddClientFor(ctx, {}))).map((c) => c.id));
    const table = Object.entries(DEFAULT_CARRIER_CODES.pinduoduo!);
    expect(table.length).toBeGreaterThanOrEqual(12);
    for (const [carrier, code] of table) {
      expect(listed.has(code), `${carrier} → ${code}`).toBe(true);
      const o = s.addOrder();
      expect(await adapter.confirmShipment(ship(o.sn, `T${code}00000001`, carrier), ctx)).toBe('done');
      expect(s.state.order(o.sn).logisticsId).toBe(Number(code));
    }
  });
});

describe('Pinduoduo PII (pdd.open.decrypt.batch)', () => {
  const reqFor = (s: PddSim, sn: string): PiiRequest => {
    const o = s.state.order(sn);
    return { platformOrderId: sn, ref: { receiver_name: o.cipher.name, receiver_phone: o.cipher.phone, receiver_address: o.cipher.address, province: o.receiver.province, city: o.receiver.city, district: o.receiver.town } };
  };

  it('plaintext comes only from the decrypt call, counted; 33 orders (99 ciphertexts) a call; refusals per order', async () => {
    const s = await sim();
    const orders = Array.from({ length: 40 }, (_, i) => s.addOrder({ receiver: { name: `李${i}`, phone: i === 0 ? '13800001111-4821' : '13900002222', province: '上海市', city: '上海市', town: '浦东新区', detail: `世纪大道 ${i} 号` } }));
    const closed = s.addOrder({ confirmStatus: 2 });
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    expect(s.state.decrypt.calls).toBe(0);
    const reqs = [...orders.map((o) => reqFor(s, o.sn)), reqFor(s, closed.sn), { platformOrderId: '261125-000000000000001', ref: { province: '上海市' } }];
    const res = await adapter.decryptAddresses!(reqs, 'print_waybill', ctx);
    expect(s.state.decrypt).toEqual({ calls: 2, items: 123 });
    expect(s.callsOf('pdd.open.decrypt.batch').map((c) => (JSON.parse(c.fields.data_list!) as unknown[]).length)).toEqual([99, 24]);
    expect(res.get(orders[0]!.sn)).toEqual({
      ok: true,
      address: { name: '李0', phone: '13800001111-4821', country: 'CN', province: '上海市', city: '上海市', district: '浦东新区', address1: '世纪大道 0 号', virtualPhone: true },
    });
    expect(res.get(orders[39]!.sn)).toMatchObject({ ok: true, address: { name: '李39', phone: '13900002222', address1: '世纪大道 39 号', virtualPhone: false } });
    expect(res.get(closed.sn)).toEqual({ ok: false, message: `order ${closed.sn}: Pinduoduo would not decrypt receiver_name: 订单已关闭，不允许解密`, platformCode: '50001' });
    expect(res.get('261125-000000000000001')).toMatchObject({ ok: false, message: expect.stringMatching(/gave no ciphertext for receiver_name, receiver_phone, receiver_address/) });
  });
});
