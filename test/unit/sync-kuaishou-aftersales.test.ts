import { afterEach, describe, expect, it } from 'vitest';
import type { NormalizedAfterSale } from '../../main/sync/adapter.js';
import { adapterFor, collectAfterSales, contextFor } from '../sim/kuaishou/harness.js';
import { KsSim } from '../sim/kuaishou/server.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

const sims: KsSim[] = [];
async function sim(): Promise<KsSim> {
  const s = await KsSim.start();
  sims.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

const window = (s: KsSim) => ({ from: s.clock.now() - 6 * HOUR, to: s.clock.now() - 30_000 });

describe('Kuaishou after-sales (open.seller.order.refund.pcursor.list)', () => {
  it('maps Kuaishou’s refund statuses and handling ways into cases, money in fen, times in ms', async () => {
    const s = await sim();
    s.clock.advance(-2 * HOUR);
    const cases: [status: number, negotiate: number, handlingWay: number, state: string, kind: string][] = [
      [10, 1, 10, 'requested', 'refund_only'],
      [11, 1, 1, 'requested', 'return_refund'],
      [12, 3, 1, 'requested', 'return_refund'],
      [20, 1, 10, 'requested', 'refund_only'],
      [21, 1, 1, 'requested', 'return_refund'],
      [22, 2, 1, 'in_progress', 'return_refund'],
      [30, 2, 1, 'in_progress', 'return_refund'],
      [40, 2, 1, 'in_progress', 'return_refund'],
      [45, 2, 3, 'in_progress', 'exchange'],
      [50, 2, 10, 'in_progress', 'refund_only'],
      [60, 2, 10, 'succeeded', 'refund_only'],
      [70, 3, 10, 'rejected', 'refund_only'],
      [70, 1, 10, 'cancelled', 'refund_only'],
      [10, 1, 7, 'requested', 'other'],
    ];
    const made = cases.map(([status, negotiateStatus, handlingWay], i) => {
      const o = s.addOrder({ priceFen: 1000 + i, num: 2 });
      return { o, r: s.addRefund(o.oid, { status, negotiateStatus, handlingWay, refundFeeFen: 1001 + i, reason: '尺码不合适' }) };
    });
    const requestedAt = s.clock.now();
    s.clock.advance(2 * HOUR);
    const pages = await collectAfterSales(adapterFor(s).adapter, window(s), contextFor(s).ctx);
    expect(pages.flatMap((p) => p.errors)).toEqual([]);
    const got = new Map(pages.flatMap((p) => p.afterSales).map((a) => [a.platformAfterSaleId, a]));
    expect(made.map(({ r }) => [got.get(String(r.refundId))?.platformStatus, got.get(String(r.refundId))?.state, got.get(String(r.refundId))?.kind])).toEqual(
      cases.map(([status, , , state, kind]) => [String(status), state, kind]),
    );
    const first = got.get(String(made[0]!.r.refundId))!;
    expect(first).toEqual<NormalizedAfterSale>({
      shopId: 21,
      platform: 'kuaishou',
      platformAfterSaleId: String(made[0]!.r.refundId),
      platformOrderId: String(made[0]!.o.oid),
      platformLineId: null,
      platformSku: String(made[0]!.o.skuId),
      kind: 'refund_only',
      state: 'requested',
      platformStatus: '10',
      refundMinor: 1001,
      currency: 'CNY',
      reason: '尺码不合适',
      requestedAt,
      platformUpdatedAt: requestedAt,
      raw: { format: 'kuaishou.refund.pcursor.list', payload: expect.stringContaining(`"refundId":${made[0]!.r.refundId}`) as unknown as string },
    });
  });

  it('follows pcursor with currentPage counting up, by update time, all refund types, one day at most', async () => {
    const s = await sim();
    const t0 = s.clock.now() - 5 * HOUR;
    const refundIds: number[] = [];
    for (let i = 0; i < 120; i++) {
      s.clock.set(t0 + i * 60_000);
      const o = s.addOrder();
      refundIds.push(s.addRefund(o.oid).refundId);
    }
    s.clock.set(t0 + 5 * HOUR);
    const pages = await collectAfterSales(adapterFor(s).adapter, window(s), contextFor(s).ctx);
    expect(pages.map((p) => p.afterSales.length)).toEqual([50, 50, 20]);
    expect(new Set(pages.flatMap((p) => p.afterSales.map((a) => a.platformAfterSaleId)))).toEqual(new Set(refundIds.map(String)));
    const calls = s.calls('open.seller.order.refund.pcursor.list');
    expect(calls.map((c) => c.currentPage)).toEqual([1, 2, 3]);
    expect(calls[0]).toMatchObject({ pcursor: '', type: 9, queryType: 2, pageSize: 50, beginTime: window(s).from, endTime: window(s).to - 1 });
    expect(new Set(calls.map((c) => c.pcursor)).size).toBe(3);
    expect(s.log.every((r) => r.method === 'GET' && r.status === 200)).toBe(true);
  });

  it('a malformed case becomes a MappingError naming the refund, its order and the field', async () => {
    const s = await sim();
    s.clock.advance(-HOUR);
    const [a, b, c] = [s.addOrder(), s.addOrder(), s.addOrder()];
    s.addRefund(a.oid);
    const broken = s.addRefund(b.oid);
    const unknown = s.addRefund(c.oid);
    s.updateRefund(broken.refundId, { overrides: { refundFee: '12.5' } });
    s.updateRefund(unknown.refundId, { status: 99 });
    s.clock.advance(HOUR);
    const pages = await collectAfterSales(adapterFor(s).adapter, window(s), contextFor(s).ctx);
    expect(pages.flatMap((p) => p.afterSales.map((x) => x.platformOrderId))).toEqual([String(a.oid)]);
    expect(pages.flatMap((p) => p.errors).map((e) => [e.platformOrderId, e.message]).sort()).toEqual(
      [
        [String(b.oid), `Kuaishou refund ${broken.refundId} (order ${b.oid}): field refundFee: not an integer fen amount: "12.5"`],
        [String(c.oid), `Kuaishou refund ${unknown.refundId} (order ${c.oid}): field status: unknown Kuaishou refund status 99`],
      ].sort(),
    );
  });
});
