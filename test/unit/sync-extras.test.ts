import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AfterSaleWriter } from '../../main/aftersales/writer.js';
import { createCore } from '../../main/core.js';
import type { NormalizedOrder } from '../../main/orders/model.js';
import type { NormalizedAfterSale, PiiRequest, PiiResult, PlatformAdapter, ShipmentWriteBack } from '../../main/sync/adapter.js';
import { defaultCarrierCode, requireCarrierCode } from '../../main/sync/carrier-codes.js';
import { fen, formatCnTime, fromUnixMillis, fromUnixSeconds, fromUnixSecondsOrNull, parseCnTime, parseCnTimeOrNull, toUnixSeconds, yuanToFen, yuanToFenOrZero } from '../../main/sync/edge.js';
import { tmpDir } from '../helpers/tmp.js';

describe('edge conversions for the Chinese platforms', () => {
  it('China time strings ↔ epoch ms, exactly, across midnight and the year', () => {
    expect(parseCnTime('2024-05-01 12:00:00')).toBe(Date.UTC(2024, 4, 1, 4, 0, 0));
    expect(parseCnTime('2025-01-01 07:59:59')).toBe(Date.UTC(2024, 11, 31, 23, 59, 59));
    expect(parseCnTime('2024-05-01 12:00:00.5')).toBe(Date.UTC(2024, 4, 1, 4, 0, 0, 500));
    expect(formatCnTime(Date.UTC(2024, 11, 31, 23, 59, 59, 999))).toBe('2025-01-01 07:59:59');
    for (const t of ['2024-02-29 23:59:59', '2026-11-25 00:00:00']) expect(formatCnTime(parseCnTime(t))).toBe(t);
    expect(() => parseCnTime('2024-02-30 10:00:00')).toThrow(/not a real date/);
    expect(() => parseCnTime('2024-05-01T12:00:00Z')).toThrow(/yyyy-MM-dd HH:mm:ss/);
    expect(parseCnTimeOrNull('')).toBeNull();
    expect(parseCnTimeOrNull('0000-00-00 00:00:00')).toBeNull();
  });

  it('unix seconds and milliseconds, refusing the other unit', () => {
    expect(fromUnixSeconds(1714536100)).toBe(1714536100000);
    expect(fromUnixSeconds('1714536100')).toBe(1714536100000);
    expect(fromUnixSecondsOrNull(0)).toBeNull();
    expect(() => fromUnixSeconds(1714536100000)).toThrow(/milliseconds sent/);
    expect(() => fromUnixSeconds(1.5)).toThrow(/not unix seconds/);
    expect(fromUnixMillis(1714536100000)).toBe(1714536100000);
    expect(() => fromUnixMillis(1714536100)).toThrow(/seconds sent/);
    expect(toUnixSeconds(1714536100999)).toBe(1714536100);
  });

  it('yuan strings and fen, exactly, never through floats', () => {
    expect(yuanToFen('200.07')).toBe(20007);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('1,234.50')).toBe(123450);
    expect(yuanToFen(19.99)).toBe(1999);
    expect(() => yuanToFen('1.005')).toThrow(/more than 2 decimals/);
    expect(() => yuanToFen('')).toThrow(/empty/);
    expect(yuanToFenOrZero(null)).toBe(0);
    expect(fen(12345)).toBe(12345);
    expect(fen('12345')).toBe(12345);
    expect(() => fen(123.4)).toThrow(/integer fen/);
  });
});

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 25, 4, 0, 0);

function order(id: string, over: Partial<NormalizedOrder> = {}): NormalizedOrder {
  return {
    shopId: 1, platform: 'taobao', platformOrderId: id, platformStatus: 'WAIT_SELLER_SEND_GOODS', platformState: 'to_ship', payment: 'paid',
    buyerNick: 't***1', buyerName: '张*', buyerPhone: '138****0000', province: '浙江省', city: '杭州市', address1: '西湖区****', piiMasked: true,
    piiRef: { oaid: `oaid-${id}`, tid: id }, currency: 'CNY', goodsMinor: 5000, totalMinor: 5000, placedAt: NOW - DAY, platformUpdatedAt: NOW - DAY,
    lines: [{ platformLineId: `${id}-1`, skuCode: 'CUP', title: '杯子', qty: 1, unitPriceMinor: 5000 }], ...over,
  };
}

function afterSale(id: string, orderId: string, over: Partial<NormalizedAfterSale> = {}): NormalizedAfterSale {
  return {
    shopId: 1, platform: 'taobao', platformAfterSaleId: id, platformOrderId: orderId, kind: 'refund_only', state: 'requested', platformStatus: 'WAIT_SELLER_AGREE',
    refundMinor: 5000, currency: 'CNY', requestedAt: NOW - 3600_000, platformUpdatedAt: NOW - 3600_000, ...over,
  };
}

/** An adapter whose platform lives in these arrays: for the engine's bookkeeping, not for any protocol. */
function memoryAdapter(orders: NormalizedOrder[], cases: NormalizedAfterSale[], decrypts: PiiRequest[][], sent: ShipmentWriteBack[]): PlatformAdapter {
  return {
    platform: 'taobao', maxWindowMs: DAY, overlapMs: 0, settleMs: 0, initialLookbackMs: 2 * DAY,
    parseCredentials: () => ({ appKey: '1' }),
    async *listUpdated(w) {
      yield { orders: orders.filter((o) => (o.platformUpdatedAt ?? 0) >= w.from && (o.platformUpdatedAt ?? 0) < w.to), errors: [] };
    },
    async *listAfterSales(w) {
      yield { afterSales: cases.filter((c) => c.platformUpdatedAt >= w.from && c.platformUpdatedAt < w.to), errors: [] };
    },
    confirmShipment: (req) => {
      sent.push(req);
      return Promise.resolve('done');
    },
    decryptAddresses: (reqs) => {
      decrypts.push([...reqs]);
      const m = new Map<string, PiiResult>();
      for (const r of reqs) m.set(r.platformOrderId, r.ref.oaid === 'stale' ? { ok: false, message: 'oaid no longer matches' } : { ok: true, address: { name: '张三', phone: '13800000000', province: '浙江省', city: '杭州市', address1: `西湖区文三路 ${r.ref.tid} 号` } });
      return Promise.resolve(m);
    },
  };
}

function setup() {
  const orders: NormalizedOrder[] = [];
  const cases: NormalizedAfterSale[] = [];
  const decrypts: PiiRequest[][] = [];
  const sent: ShipmentWriteBack[] = [];
  let now = NOW;
  const core = createCore({ dbPath: path.join(tmpDir(), 'x.db'), checkOutputs: true, log: () => {}, adapters: [memoryAdapter(orders, cases, decrypts, sent)], now: () => now });
  const shop = core.sync.shops.add({ platform: 'taobao', name: '旗舰店', credentials: {} }, 'test');
  return { core, shopId: shop.id, orders, cases, decrypts, sent, advance: (ms: number) => (now += ms) };
}

const row = (core: ReturnType<typeof setup>['core'], id: string) =>
  core.db.prepare('SELECT id, queue, after_sales, open_flags, workflow FROM orders WHERE platform_order_id = ?').get(id) as { id: number; queue: string; after_sales: string; open_flags: number; workflow: string };

describe('after-sales sync', () => {
  it('stores cases with their own cursor, links them to orders (also when the case comes first), and intercepts a parcel in the pipeline', async () => {
    const s = setup();
    s.orders.push(order('T1'), order('T2'));
    s.cases.push(afterSale('R0', 'T9')); // its order is not synced yet
    const r1 = await s.core.sync.engine.runShop(s.shopId, new AbortController().signal);
    expect(r1).toMatchObject({ created: 2, afterSales: { created: 1 }, error: null });
    expect((s.core.db.prepare('SELECT order_id FROM after_sales').get() as { order_id: number | null }).order_id).toBeNull();
    expect(s.core.db.prepare('SELECT after_sales_watermark AS w FROM sync_state').get()).toEqual({ w: NOW });

    // T2 is approved and on its way to the packer when the buyer asks for a refund.
    s.core.db.prepare("UPDATE orders SET workflow = 'approved', queue = 'to_print' WHERE platform_order_id = 'T2'").run();
    s.advance(60_000);
    s.cases.push(afterSale('R2', 'T2', { platformUpdatedAt: NOW + 30_000 }));
    s.orders.push(order('T9', { platformUpdatedAt: NOW + 30_000 }));
    const r2 = await s.core.sync.engine.runShop(s.shopId, new AbortController().signal);
    expect(r2).toMatchObject({ created: 1, afterSales: { created: 1 }, error: null });
    expect(row(s.core, 'T2')).toMatchObject({ queue: 'intercepted', after_sales: 'requested', open_flags: 4 });
    expect(s.core.db.prepare("SELECT reason FROM order_flags WHERE order_id = ?").get(row(s.core, 'T2').id)).toEqual({ reason: 'after_sale_opened' });
    // T9 arrived after its case: linked, and the order's axis shows it; still waiting for audit, so no intercept.
    expect(row(s.core, 'T9')).toMatchObject({ queue: 'pending_audit', after_sales: 'requested', open_flags: 0 });

    // The case is closed on the platform; a late page with the older snapshot changes nothing.
    s.advance(60_000);
    const closed = afterSale('R2', 'T2', { state: 'succeeded', platformStatus: 'SUCCESS', platformUpdatedAt: NOW + 90_000 });
    s.cases.splice(s.cases.findIndex((c) => c.platformAfterSaleId === 'R2'), 1, closed);
    await s.core.sync.engine.runShop(s.shopId, new AbortController().signal);
    expect(row(s.core, 'T2').after_sales).toBe('closed');
    const writer = new AfterSaleWriter(s.core.db, s.core.eventLog);
    expect(s.core.db.transaction(() => writer.upsertOne(afterSale('R2', 'T2', { platformUpdatedAt: NOW }), 'late', NOW))()[0]).toBe('unchanged');
    expect((s.core.db.prepare("SELECT state FROM after_sales WHERE platform_after_sale_id = 'R2'").get() as { state: string }).state).toBe('succeeded');
  });
});

describe('PII: decrypted only through the platform, for a purpose, and recorded', () => {
  it('stores the masked values and the reference, decrypts on request, records who and why, keeps no plaintext', async () => {
    const s = setup();
    s.orders.push(order('T1'), order('T2', { piiRef: { oaid: 'stale', tid: 'T2' } }));
    await s.core.sync.engine.runShop(s.shopId, new AbortController().signal);
    const [a, b] = [row(s.core, 'T1').id, row(s.core, 'T2').id];
    expect(s.core.db.prepare('SELECT ref FROM order_pii WHERE order_id = ?').get(a)).toEqual({ ref: JSON.stringify({ oaid: 'oaid-T1', tid: 'T1' }) });
    const res = await s.core.sync.pii.reveal([a, b], 'print_waybill', { actor: 'operator:2', operatorId: null, stationId: null });
    expect(res.get(a)).toMatchObject({ ok: true, address: { name: '张三', address1: '西湖区文三路 T1 号' } });
    expect(res.get(b)).toMatchObject({ ok: false, message: /no longer matches/ });
    expect(s.decrypts).toHaveLength(1); // one batch for the shop
    const events = s.core.db.prepare("SELECT entity_id, reason, data FROM events WHERE action = 'pii_decrypted' ORDER BY entity_id").all() as { entity_id: number; reason: string; data: string }[];
    expect(events.map((e) => [e.entity_id, e.reason, JSON.parse(e.data).ok])).toEqual([[a, 'print_waybill', true], [b, 'print_waybill', false]]);
    // Nothing decrypted lands in the database.
    const dump = JSON.stringify(s.core.db.prepare('SELECT * FROM orders').all()) + JSON.stringify(s.core.db.prepare('SELECT * FROM events').all());
    expect(dump).not.toContain('张三');
    expect(dump).not.toContain('13800000000');
  });
});

describe('carrier codes per platform', () => {
  it('built-in table, seller overrides that win, and a clear error when a platform has no code', async () => {
    expect(defaultCarrierCode('jd', 'sf')).toBe('467');
    expect(requireCarrierCode('taobao', 'YTO')).toBe('YTO');
    expect(requireCarrierCode('taobao', 'YTO', 'YTO-OVR')).toBe('YTO-OVR');
    expect(() => requireCarrierCode('jd', 'DPD')).toThrow(/jd has no company code for carrier "DPD"/);
    const s = setup();
    s.orders.push(order('T1'));
    await s.core.sync.engine.runShop(s.shopId, new AbortController().signal);
    const wb = { platformOrderId: 'T1', carrier: 'sf', trackingNo: 'SF100', shippedAt: NOW, lines: [] };
    s.core.db.transaction(() => s.core.sync.outbox.enqueueShipment(s.shopId, row(s.core, 'T1').id, wb))();
    s.core.sync.carrierCodes.set('taobao', 'SF', 'SFEXPRESS', NOW);
    await s.core.sync.outbox.sendDue(new AbortController().signal);
    expect(s.sent).toEqual([{ ...wb, platformCarrierCode: 'SFEXPRESS' }]);
    s.core.sync.carrierCodes.set('taobao', 'SF', null, NOW);
    expect(s.core.sync.carrierCodes.resolve('taobao', 'SF')).toBe('SF');
  });
});

describe('carrier-code channels', () => {
  it('lists built-in codes beside overrides, saves and removes one, refuses an unknown carrier naming it', async () => {
    const s = setup();
    const ctx = { origin: 'test', session: { stationId: null, operatorId: null, trusted: true } };
    const list = await s.core.dispatch('carriers.codes', {}, ctx);
    if (!list.ok) throw new Error(list.error.message);
    const rows = (list.value as { rows: { platform: string; carrier: string; builtIn: string | null; override: string | null }[] }).rows;
    expect(rows.find((r) => r.platform === 'pinduoduo' && r.carrier === 'SF')).toEqual({ platform: 'pinduoduo', carrier: 'SF', builtIn: '44', override: null });
    const set = await s.core.dispatch('carriers.setCode', { platform: 'pinduoduo', carrier: ' sf ', code: ' 4400 ' }, ctx);
    expect(set.ok && (set.value as { rows: typeof rows }).rows.find((r) => r.platform === 'pinduoduo' && r.carrier === 'SF')?.override).toBe('4400');
    expect(s.core.sync.carrierCodes.resolve('pinduoduo', 'SF')).toBe('4400');
    const bad = await s.core.dispatch('carriers.setCode', { platform: 'pinduoduo', carrier: 'NOPE', code: '1' }, ctx);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('"NOPE"') } });
    const amazon = await s.core.dispatch('carriers.setCode', { platform: 'amazon', carrier: 'SF', code: '1' }, ctx);
    expect(amazon).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await s.core.dispatch('carriers.setCode', { platform: 'pinduoduo', carrier: 'SF', code: null }, ctx);
    expect(s.core.sync.carrierCodes.resolve('pinduoduo', 'SF')).toBe('44');
    expect((s.core.db.prepare("SELECT count(*) AS n FROM events WHERE entity = 'carrier_code'").get() as { n: number }).n).toBe(2);
  });
});

describe('shipping with an open after-sales case', () => {
  it('is refused with the reason, and allowed again once the case is closed', async () => {
    const s = setup();
    s.orders.push(order('T5'));
    s.cases.push(afterSale('R5', 'T5'));
    await s.core.sync.engine.runShop(s.shopId, new AbortController().signal);
    const id = row(s.core, 'T5').id;
    const session = { stationId: null, operatorId: null, trusted: true };
    expect(() => s.core.sync.shipper.ship(id, 'SF', 'SF1000000001', session, NOW)).toThrow(/open after-sales case/);
    s.advance(60_000);
    s.cases.splice(0, 1, afterSale('R5', 'T5', { state: 'rejected', platformStatus: 'SELLER_REFUSE_BUYER', platformUpdatedAt: NOW + 30_000 }));
    await s.core.sync.engine.runShop(s.shopId, new AbortController().signal);
    expect(s.core.sync.shipper.ship(id, 'SF', 'SF1000000001', session, NOW + 60_000)).toMatchObject({ workflow: 'shipped' });
  });
});
