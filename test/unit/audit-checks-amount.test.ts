import { describe, expect, it } from 'vitest';
import { amountOutlier } from '../../main/audit/checks/amount-outlier.js';
import type { NormalizedOrder } from '../../main/orders/model.js';
import { EventLog } from '../../main/history/events.js';
import { OrderWriter } from '../../main/orders/ingest.js';
import type { DB } from '../../main/store/db.js';
import { add, DAY, NOW, order, run, setupDb, SHOP } from './audit-checks-fixtures.js';

const priced = (totalMinor: number, over: Partial<NormalizedOrder> = {}) =>
  order({ goodsMinor: totalMinor, totalMinor, lines: [{ platformSku: 'CUP-500-WH', skuCode: 'CUP-500-WH', title: '保温杯', qty: 1, unitPriceMinor: totalMinor }], ...over });

/** `n` orders of the shop over the last days, totals spread around `typical` (the median). */
function history(db: DB, n: number, typical: number, placedFrom = NOW - 20 * DAY): void {
  const orders = Array.from({ length: n }, (_, i) => priced(typical + ((i % 11) - 5) * 100, { buyerNick: `h${i}`, placedAt: placedFrom + i * 60_000 }));
  new OrderWriter(db, new EventLog(db)).upsertMany(orders, 'sync:test', NOW);
}

describe('amount_outlier', () => {
  it('total above the ceiling for its currency, too many units, free lines when asked', () => {
    const db = setupDb();
    const batch = add(
      db,
      priced(600_000),
      priced(400_000),
      priced(200_000, { shopId: SHOP.shopify, platform: 'shopify', currency: 'USD' }),
      order({ lines: [{ platformSku: 'CUP-500-WH', skuCode: 'CUP-500-WH', title: '保温杯', qty: 51, unitPriceMinor: 100 }] }),
      order({
        lines: [
          { platformSku: 'CUP-500-WH', skuCode: 'CUP-500-WH', title: '保温杯', qty: 1, unitPriceMinor: 8900 },
          { platformSku: 'TOWEL-GR', skuCode: 'TOWEL-GR', title: '赠品毛巾', qty: 1, unitPriceMinor: 0 },
        ],
      }),
    );
    expect(run(amountOutlier, db, batch, { maxTotalMinorByCurrency: 'CNY:500000,USD:100000' })).toEqual([
      'total 6000.00 CNY is above the limit 5000.00 CNY',
      null,
      'total 2000.00 USD is above the limit 1000.00 USD',
      '51 units in the order, above the limit of 50',
      null, // a free gift is normal unless the seller asks
    ]);
    expect(run(amountOutlier, db, batch, { flagZeroPrice: true, maxUnits: 0 })).toEqual([null, null, null, null, "line 2 '赠品毛巾': unit price 0.00 CNY (free item)"]);
  });

  it('a total many times the shop’s 30-day median fires once the shop has enough orders', () => {
    const db = setupDb();
    history(db, 49, 10_000);
    const [big, normal] = add(db, priced(150_000, { buyerNick: 'big' }), priced(12_000, { buyerNick: 'normal' }));
    // 49 history orders + the two in the batch = 51 orders, median 100.00 CNY.
    expect(run(amountOutlier, db, [big!, normal!])).toEqual(["total 1500.00 CNY is 15.0 × the shop's median order (100.00 CNY over the last 51 orders in 30 days)", null]);
    expect(run(amountOutlier, db, [big!], { factor: 20 })).toEqual([null]);
    expect(run(amountOutlier, db, [big!], { factor: 0 })).toEqual([null]);
    // Not enough orders for the median to mean anything.
    expect(run(amountOutlier, db, [big!], { medianMinOrders: 100 })).toEqual([null]);
  });

  it('reuses a shop median for ten minutes of the audit clock, then reads it again', () => {
    const db = setupDb();
    history(db, 60, 10_000);
    const [big] = add(db, priced(150_000, { buyerNick: 'big' }));
    expect(run(amountOutlier, db, [big!])).toEqual([expect.stringContaining("median order (100.00 CNY over the last 61 orders")]);
    history(db, 100, 100_000, NOW - 10 * DAY); // the shop's usual order is now 1000.00 CNY
    expect(run(amountOutlier, db, [big!], {}, NOW + 9 * 60_000)).toEqual([expect.stringContaining('(100.00 CNY over the last 61 orders')]);
    expect(run(amountOutlier, db, [big!], {}, NOW + 11 * 60_000)).toEqual([null]);
  });

  it('the median counts only the shop, its currency and the last 30 days, without cancelled orders', () => {
    const db = setupDb();
    history(db, 60, 100_000, NOW - 60 * DAY); // old: outside the 30 days
    history(db, 60, 10_000); // recent
    const cancelled = Array.from({ length: 200 }, (_, i) =>
      priced(1_000_000, { buyerNick: `c${i}`, placedAt: NOW - 2 * DAY, platformStatus: 'TRADE_CLOSED', platformState: 'cancelled', payment: 'refunded' }),
    );
    new OrderWriter(db, new EventLog(db)).upsertMany(cancelled, 'sync:test', NOW);
    const [pdd] = add(db, priced(150_000, { shopId: SHOP.pinduoduo, platform: 'pinduoduo', buyerNick: 'p' }));
    const [tb] = add(db, priced(150_000, { buyerNick: 't' }));
    // The Pinduoduo shop has one order: no median. The Taobao shop's median is the recent 100.00 CNY.
    expect(run(amountOutlier, db, [pdd!, tb!])).toEqual([null, "total 1500.00 CNY is 15.0 × the shop's median order (100.00 CNY over the last 61 orders in 30 days)"]);
  });
});
