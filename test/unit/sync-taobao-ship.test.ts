import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import type { ShipmentWriteBack } from '../../main/sync/adapter.js';
import { DEFAULT_CARRIER_CODES } from '../../main/sync/carrier-codes.js';
import { TAOBAO_COMPANIES } from '../sim/taobao/logistics.js';
import { adapterFor, collectAfterSales, contextFor, rejection, windowFrom } from '../sim/taobao/harness.js';
import { TaobaoSim } from '../sim/taobao/server.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const SHIP = 'taobao.logistics.offline.send';
const FULLINFO = 'taobao.trade.fullinfo.get';
const DECRYPT = 'taobao.top.oaid.decrypt';

const sims: TaobaoSim[] = [];
async function sim(): Promise<TaobaoSim> {
  const s = await TaobaoSim.start();
  sims.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

const at = Date.UTC(2026, 10, 25, 3, 30, 0);
const ship = (tid: string, carrier: string, trackingNo: string, platformCarrierCode?: string): ShipmentWriteBack => ({
  platformOrderId: tid,
  carrier,
  trackingNo,
  shippedAt: at,
  lines: [],
  ...(platformCarrierCode ? { platformCarrierCode } : {}),
});

/** A waybill number each built-in company accepts (its reg_mail_no in the simulator). */
const SAMPLE_WAYBILL: Readonly<Record<string, string>> = {
  SF: 'SF1234567890123', YTO: 'YT1234567890123', ZTO: '751234567890', STO: '7731234567890', YUNDA: '4312345678901',
  EMS: '1123456789012', POSTB: '9812345678901', JD: 'JDVA12345678901', DBKD: 'DPK123456789012', JTSD: 'JT1234567890123',
  HTKY: '557012345678', ZJS: 'A123456789',
};

describe('Taobao ship write-back (taobao.logistics.offline.send)', () => {
  it('ships with the carrier’s Taobao company code; the same waybill again is "already"', async () => {
    const s = await sim();
    const t = s.addTrade({ lines: [{}, {}] }, s.clock.now() - HOUR);
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    expect(await adapter.confirmShipment(ship(t.tid, 'YTO', 'YT1234567890123'), ctx)).toBe('done');
    expect(s.callsOf(SHIP)[0]!.params).toMatchObject({ tid: t.tid, out_sid: 'YT1234567890123', company_code: 'YTO' });
    expect(s.trade(t.tid).status).toBe('WAIT_BUYER_CONFIRM_GOODS');
    expect(s.trade(t.tid).lines.map((l) => l.invoiceNo)).toEqual(['YT1234567890123', 'YT1234567890123']);

    expect(await adapter.confirmShipment(ship(t.tid, 'YTO', ' YT1234567890123 '), ctx)).toBe('already');
    expect(s.callsOf(SHIP).map((c) => c.subCode)).toEqual([undefined, 'isv.logistics-offline-service-error:B04']);
    expect(s.callsOf(FULLINFO)).toHaveLength(1); // looked, to tell "shipped with this number" from "closed"
    expect(s.shipments).toHaveLength(1);
  });

  it('a send whose answer was lost is retried and recognized as already shipped', async () => {
    const s = await sim();
    const t = s.addTrade({}, s.clock.now() - HOUR);
    s.loseNextResponses(1, SHIP);
    const { adapter } = adapterFor(s);
    expect(await adapter.confirmShipment(ship(t.tid, 'SF', 'SF1234567890123'), contextFor(s).ctx)).toBe('already');
    expect(s.shipments).toHaveLength(1);
    expect(s.log.filter((r) => r.status === 502)).toHaveLength(1);
  });

  it('already shipped with a different waybill is an error naming both numbers (no silent re-send)', async () => {
    const s = await sim();
    const t = s.addTrade({}, s.clock.now() - HOUR);
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    await adapter.confirmShipment(ship(t.tid, 'ZTO', '751234567890'), ctx);
    const e = await rejection(adapter.confirmShipment(ship(t.tid, 'ZTO', '751234567899'), ctx));
    expect(e).toMatchObject({ kind: 'already_done', details: { platformCode: '15/isv.logistics-offline-service-error:B04' } });
    expect(e.message).toBe(
      `Taobao trade ${t.tid} is already shipped with tracking 751234567890 (中通快递), not 751234567899: if the parcel left with 751234567899, correct the waybill in the Taobao seller center (修改物流信息); otherwise record Taobao's number in ShopDesk`,
    );
    expect(s.shipments).toHaveLength(1);
  });

  it('refuses what Taobao refuses, saying why: a refund in progress, a closed trade, an unknown company, a bad waybill', async () => {
    const s = await sim();
    const refunding = s.addTrade({ lines: [{}, {}] }, s.clock.now() - HOUR);
    s.addRefund(refunding.tid, { line: 1 });
    const closed = s.addTrade({ status: 'TRADE_CLOSED' }, s.clock.now() - HOUR);
    const ok = s.addTrade({}, s.clock.now() - HOUR);
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);

    const r = await rejection(adapter.confirmShipment(ship(refunding.tid, 'SF', 'SF1234567890123'), ctx));
    expect(r.kind).toBe('bad_request');
    expect(r.message).toMatch(new RegExp(`^Taobao will not ship trade ${refunding.tid}: sub-order ${refunding.lines[1]!.oid} has a refund in progress \\(WAIT_SELLER_AGREE\\)`));
    const c = await rejection(adapter.confirmShipment(ship(closed.tid, 'SF', 'SF1234567890124'), ctx));
    expect(c.message).toMatch(/it was closed after a full refund/);

    const unknown = await rejection(adapter.confirmShipment(ship(ok.tid, 'FASTWAY', 'FW123', 'FASTWAY'), ctx));
    expect(unknown).toMatchObject({ kind: 'bad_request', details: { platformCode: '15/isv.logistics-offline-service-error:B56' } });
    expect(unknown.message).toMatch(/物流公司代码不正确: FASTWAY/);
    const badNo = await rejection(adapter.confirmShipment(ship(ok.tid, 'SF', '12AB'), ctx));
    expect(badNo.details.platformCode).toBe('15/isv.logistics-offline-service-error:B60');

    // No company code at all (not built in, no override): refused before anything is sent.
    const before = s.calls.length;
    const none = await adapter.confirmShipment(ship(ok.tid, 'ACME', 'A1'), ctx).catch((e: unknown) => e);
    expect(none).toBeInstanceOf(AppError);
    expect((none as AppError).message).toMatch(/taobao has no company code for carrier "ACME"/);
    expect(s.calls.length).toBe(before);
    expect(s.shipments).toEqual([]);
  });

  it('every built-in Taobao company code is one the platform’s own list accepts, and ships', async () => {
    const s = await sim();
    const builtIn = DEFAULT_CARRIER_CODES.taobao!;
    const platformCodes = new Set(TAOBAO_COMPANIES.map((c) => c.code));
    for (const code of Object.values(builtIn)) expect(platformCodes, `built-in code ${code}`).toContain(code);
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    for (const [carrier, code] of Object.entries(builtIn)) {
      const t = s.addTrade({}, s.clock.now() - HOUR);
      expect(await adapter.confirmShipment(ship(t.tid, carrier, SAMPLE_WAYBILL[code]!), ctx)).toBe('done');
    }
    expect(s.shipments.map((x) => x.companyCode)).toEqual(Object.values(builtIn));
  });
});

describe('Taobao after-sales (taobao.refunds.receive.get)', () => {
  it('maps dispute types, states, exact refund amounts and the return waybill', async () => {
    const s = await sim();
    const t = s.addTrade({ lines: [{ price: '99.00', num: 2 }, { price: '15.50' }] }, s.clock.now() - 3 * HOUR);
    const asked = s.addRefund(t.tid, { refundFee: '12.34', reason: '尺码不合适' });
    const returning = s.addRefund(t.tid, { line: 1, status: 'WAIT_BUYER_RETURN_GOODS', disputeType: 'REFUND_AND_RETURN', hasGoodReturn: true, sid: 'YT9876543210987', companyName: '圆通速递' });
    const cases = ['TMALL_EXCHANGE:WAIT_SELLER_CONSIGN_GOODS', 'REFUND:SUCCESS', 'REFUND:SELLER_REFUSE_BUYER', 'REFUND_AND_RETURN:CLOSED', 'RESHIPPING:WAIT_SELLER_AGREE'].map((k) => {
      const [disputeType, status] = k.split(':') as [string, string];
      return s.addRefund(t.tid, { disputeType, status });
    });
    const legacy = s.addRefund(t.tid, { hasGoodReturn: true });
    s.state.refunds.get(legacy.refundId)!.patch = { dispute_type: undefined };
    const opened = s.clock.now();
    s.clock.advance(MIN); // past the adapter's settle time
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const pages = await collectAfterSales(adapter, windowFrom(s, adapter, s.clock.now() - 4 * HOUR), ctx);
    expect(pages.flatMap((p) => p.errors)).toEqual([]);
    const got = new Map(pages.flatMap((p) => p.afterSales).map((a) => [a.platformAfterSaleId, a]));
    expect(got.get(asked.refundId)).toMatchObject({
      platform: 'taobao',
      shopId: 11,
      platformOrderId: t.tid,
      platformLineId: t.lines[0]!.oid,
      platformSku: 'SKU-1',
      kind: 'refund_only',
      state: 'requested',
      platformStatus: 'WAIT_SELLER_AGREE',
      refundMinor: 1234,
      currency: 'CNY',
      qty: 2,
      reason: '尺码不合适',
      requestedAt: opened,
      platformUpdatedAt: opened,
    });
    expect(got.get(returning.refundId)).toMatchObject({ kind: 'return_refund', state: 'in_progress', refundMinor: 1550, returnCarrier: '圆通速递', returnTrackingNo: 'YT9876543210987' });
    expect(cases.map((c) => [got.get(c.refundId)!.kind, got.get(c.refundId)!.state])).toEqual([
      ['exchange', 'in_progress'],
      ['refund_only', 'succeeded'],
      ['refund_only', 'rejected'],
      ['return_refund', 'cancelled'],
      ['reship', 'requested'],
    ]);
    expect(got.get(legacy.refundId)!.kind).toBe('return_refund');
    expect(JSON.parse(got.get(asked.refundId)!.raw!.payload)).toMatchObject({ refund_id: asked.refundId, refund_fee: '12.34' });
  });

  it('pages refunds from the last page back, and names a malformed one without losing the rest', async () => {
    const s = await sim();
    const t = s.addTrade({}, s.clock.now() - 5 * HOUR);
    const ids: string[] = [];
    for (let i = 0; i < 130; i++) {
      s.clock.advance(1000);
      ids.push(s.addRefund(t.tid).refundId);
    }
    s.state.refunds.get(ids[7]!)!.patch = { refund_fee: 'about 5 yuan' };
    s.clock.advance(MIN);
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const pages = await collectAfterSales(adapter, windowFrom(s, adapter, s.clock.now() - 4 * HOUR), ctx);
    expect(s.callsOf('taobao.refunds.receive.get').map((c) => [c.params.page_no, c.params.use_has_next])).toEqual([
      ['1', 'false'],
      ['2', 'true'],
      ['1', 'false'],
    ]);
    expect(pages.flatMap((p) => p.afterSales)).toHaveLength(129);
    const [err] = pages.flatMap((p) => p.errors);
    expect(err).toMatchObject({ platformOrderId: t.tid });
    expect(err!.message).toBe(`refund ${ids[7]} of trade ${t.tid}: refund_fee: not a decimal amount: "about 5 yuan"`);
  });
});

describe('Taobao PII (taobao.top.oaid.decrypt)', () => {
  const reqFor = (t: { tid: string; oaid: string }) => ({ platformOrderId: t.tid, ref: { oaid: t.oaid, tid: t.tid } });

  it('decrypts only through the decrypt call, ≤ 20 per call, with the scene of the purpose', async () => {
    const s = await sim();
    const trades = Array.from({ length: 25 }, () => s.addTrade({}, s.clock.now() - HOUR));
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    expect(s.state.decryptCalls).toBe(0);
    const out = await adapter.decryptAddresses!(trades.map(reqFor), 'print_waybill', ctx);
    expect(s.state.decryptCalls).toBe(2);
    expect(s.callsOf(DECRYPT).map((c) => (JSON.parse(c.params.query_list!) as unknown[]).length)).toEqual([20, 5]);
    expect(JSON.parse(s.callsOf(DECRYPT)[0]!.params.query_list!)[0]).toEqual({ tid: trades[0]!.tid, oaid: trades[0]!.oaid, scene: '1004' });
    expect(out.get(trades[24]!.tid)).toEqual({
      ok: true,
      address: { name: '张三丰', phone: '13812345678', country: 'CN', province: '浙江省', city: '杭州市', district: '余杭区', town: '五常街道', address1: '文一西路969号', virtualPhone: false, expiresAt: null },
    });
    await adapter.decryptAddresses!([reqFor(trades[0]!)], 'after_sales', ctx);
    await adapter.decryptAddresses!([reqFor(trades[0]!)], 'customer_care', ctx);
    expect(s.state.decrypted.slice(-2).map((d) => d.scene)).toEqual(['2001', '2002']);
  });

  it('a stale OAID asks for a re-sync; a privacy-protected order gives its relay number; no OAID costs no call', async () => {
    const s = await sim();
    const stale = s.addTrade({}, s.clock.now() - HOUR);
    const oldOaid = stale.oaid;
    s.updateTrade(stale.tid, (t) => (t.oaid = `${t.oaid}-v2`)); // the buyer changed the address
    const hidden = s.addTrade({ privacy: true }, s.clock.now() - HOUR);
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const out = await adapter.decryptAddresses!(
      [{ platformOrderId: stale.tid, ref: { oaid: oldOaid, tid: stale.tid } }, reqFor(hidden), { platformOrderId: '123', ref: {} }],
      'print_waybill',
      ctx,
    );
    expect(out.get(stale.tid)).toMatchObject({ ok: false, platformCode: 'matched=false' });
    expect((out.get(stale.tid) as { message: string }).message).toMatch(/OAID is out of date .*sync the order again/);
    const h = out.get(hidden.tid) as { ok: true; address: { phone: string; virtualPhone: boolean; expiresAt: number } };
    expect(h.address).toMatchObject({ phone: '18856781111-123', virtualPhone: true, expiresAt: s.clock.now() + 30 * 24 * HOUR });
    expect(out.get('123')).toMatchObject({ ok: false });
    expect(s.state.decryptCalls).toBe(1);
  });
});
