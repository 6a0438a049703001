import { describe, expect, it } from 'vitest';
import { duplicateOrder } from '../../main/audit/checks/duplicate-order.js';
import { add, DAY, MINUTE, NOW, order, run, setupDb, SHOP } from './audit-checks-fixtures.js';

describe('duplicate_order', () => {
  it('fires on the later of two same-buyer, same-address, same-items orders within the window', () => {
    const db = setupDb();
    const first = order({ platformOrderId: '3100000000000000001', placedAt: NOW - 90 * MINUTE });
    const [a, b] = add(db, first, order({ placedAt: NOW - 60 * MINUTE, buyerNick: 'TB_Buyer', address1: '文三路 100 号' }));
    expect(run(duplicateOrder, db, [a!, b!])).toEqual([null, "same buyer 'TB_Buyer', address and items as order 3100000000000000001, placed 30 minutes earlier"]);
  });

  it('finds the earlier order in the database when it is not in the batch', () => {
    const db = setupDb();
    const [earlier] = add(db, order({ platformOrderId: '3100000000000000002', placedAt: NOW - 3 * 60 * MINUTE }));
    const [later] = add(db, order({ placedAt: NOW - 10 * MINUTE }));
    expect(run(duplicateOrder, db, [later!])).toEqual(["same buyer 'tb_buyer', address and items as order 3100000000000000002, placed 2 hours 50 minutes earlier"]);
    // The earlier one is not a duplicate of the later one.
    expect(run(duplicateOrder, db, [earlier!])).toEqual([null]);
  });

  it('outside the window, or different items, quantity, address, buyer or shop: no finding', () => {
    const db = setupDb();
    add(db, order({ placedAt: NOW - 2 * DAY }));
    const batch = add(
      db,
      order({ placedAt: NOW - 60 * MINUTE }),
      order({ placedAt: NOW - 50 * MINUTE, lines: [{ platformSku: 'CUP-500-WH', skuCode: 'CUP-500-WH', title: '保温杯', qty: 2, unitPriceMinor: 8900 }] }),
      order({ placedAt: NOW - 40 * MINUTE, address1: '文三路200号' }),
      order({ placedAt: NOW - 30 * MINUTE, buyerNick: 'other_buyer' }),
      order({ placedAt: NOW - 20 * MINUTE, shopId: SHOP.pinduoduo, platform: 'pinduoduo' }),
    );
    expect(run(duplicateOrder, db, batch)).toEqual([null, null, null, null, null]);
    // A shorter window leaves out what a day-long one catches.
    const [again] = add(db, order({ placedAt: NOW - 5 * MINUTE }));
    expect(run(duplicateOrder, db, [again!], { windowMinutes: 30 })).toEqual([null]);
    expect(run(duplicateOrder, db, [again!])).toEqual([expect.stringContaining('placed 55 minutes earlier')]);
  });

  it('compares items as a multiset: line order does not matter', () => {
    const db = setupDb();
    const cup = { platformSku: 'CUP-500-WH', skuCode: 'CUP-500-WH', title: '保温杯', qty: 1, unitPriceMinor: 8900 };
    const towel = { platformSku: 'TOWEL-GR', skuCode: 'TOWEL-GR', title: '毛巾', qty: 2, unitPriceMinor: 1900 };
    const batch = add(db, order({ placedAt: NOW - 20 * MINUTE, lines: [cup, towel] }), order({ placedAt: NOW - 10 * MINUTE, lines: [towel, cup] }));
    expect(run(duplicateOrder, db, batch)).toEqual([null, expect.stringContaining('placed 10 minutes earlier')]);
  });

  it('an earlier order the platform cancelled or refunded is not a duplicate', () => {
    const db = setupDb();
    add(db, order({ placedAt: NOW - 50 * MINUTE, platformStatus: 'TRADE_CLOSED', platformState: 'cancelled', payment: 'refunded' }));
    const [later] = add(db, order({ placedAt: NOW - 10 * MINUTE }));
    expect(run(duplicateOrder, db, [later!])).toEqual([null]);
  });

  it('orders without a nick compare by recipient name; masked name and masked address tell nobody apart', () => {
    const db = setupDb();
    const us = { shopId: SHOP.shopify, platform: 'shopify' as const, currency: 'USD', buyerNick: null, buyerName: 'Emma Johnson', country: 'US', province: 'CA', city: 'San Jose', district: null, address1: '100 Main St', postcode: '95112' };
    const masked = { shopId: SHOP.pinduoduo, platform: 'pinduoduo' as const, buyerNick: null, buyerName: '张*', address1: '文三路***号', piiMasked: true };
    const batch = add(
      db,
      order({ ...us, placedAt: NOW - 30 * MINUTE }),
      order({ ...us, buyerName: 'emma  johnson', placedAt: NOW - 20 * MINUTE }),
      order({ ...masked, placedAt: NOW - 30 * MINUTE }),
      order({ ...masked, placedAt: NOW - 20 * MINUTE }),
    );
    expect(run(duplicateOrder, db, batch)).toEqual([null, expect.stringContaining("same buyer 'emma  johnson'"), null, null]);
  });
});
