import { describe, expect, it } from 'vitest';
import { outOfStock } from '../../main/audit/checks/out-of-stock.js';
import type { DB } from '../../main/store/db.js';
import { add, approve, NOW, order, run, setupDb } from './audit-checks-fixtures.js';

/** Stock of a SKU in a warehouse (1 active, 2 inactive). */
function stock(db: DB, warehouseId: number, skuId: number, onHand: number, reserved = 0): void {
  db.prepare('INSERT INTO stock (warehouse_id, sku_id, on_hand, reserved, updated_at) VALUES (?, ?, ?, ?, 0)').run(warehouseId, skuId, onHand, reserved);
}

const cups = (qty: number) => order({ lines: [{ platformSku: 'CUP-500-WH', skuCode: 'CUP-500-WH', title: '保温杯', qty, unitPriceMinor: 8900 }] });

describe('out_of_stock', () => {
  it('hands available stock to the batch in batch order, whole orders only', () => {
    const db = setupDb();
    stock(db, 1, 1, 5, 1); // 4 available
    const [a, b, c, d] = add(db, cups(3), cups(2), cups(1), cups(1));
    // a takes 3; b wants 2 of the 1 left and takes nothing; c takes the last; d finds none.
    expect(run(outOfStock, db, [a!, b!, c!, d!])).toEqual([null, 'SKU CUP-500-WH: needs 2, 1 available', null, 'SKU CUP-500-WH: needs 1, 0 available']);
    // The batch order decides, not the insertion order: d, c and b take all 4.
    expect(run(outOfStock, db, [d!, c!, b!, a!])).toEqual([null, null, null, 'SKU CUP-500-WH: needs 3, 0 available']);
  });

  it('counts only active warehouses and never lets an oversold one take from the others', () => {
    const db = setupDb();
    stock(db, 1, 1, 2, 5); // oversold: 0 available, not −3
    stock(db, 2, 1, 100); // inactive warehouse
    const db2 = setupDb();
    stock(db2, 1, 1, 2, 0);
    const [o] = add(db, cups(1));
    const [o2] = add(db2, cups(2));
    expect(run(outOfStock, db, [o!])).toEqual(['SKU CUP-500-WH: needs 1, 0 available']);
    expect(run(outOfStock, db2, [o2!])).toEqual([null]);
  });

  it('bundles need their units; several lines of one SKU add up; every short SKU is named', () => {
    const db = setupDb();
    stock(db, 1, 1, 3);
    stock(db, 1, 2, 0);
    const [o] = add(
      db,
      order({
        lines: [
          { platformSku: 'TB-CUP-2PACK', skuCode: null, title: '保温杯两只装', qty: 1, unitPriceMinor: 15900 }, // 2 cups
          { platformSku: 'CUP-500-WH', skuCode: 'CUP-500-WH', title: '保温杯', qty: 2, unitPriceMinor: 8900 },
          { platformSku: 'TOWEL-GR', skuCode: 'TOWEL-GR', title: '毛巾', qty: 1, unitPriceMinor: 1900 },
        ],
      }),
    );
    expect(run(outOfStock, db, [o!])).toEqual(['SKU CUP-500-WH: needs 4, 3 available; SKU TOWEL-GR: needs 1, 0 available']);
  });

  it('approved orders outside the batch keep their claim; inside the batch they take their turn', () => {
    const db = setupDb();
    stock(db, 1, 1, 3);
    const [earlier, cancelled, mine] = add(db, cups(2), cups(5), cups(2));
    approve(db, earlier!.id, cancelled!.id);
    // The platform cancelled one approved order after approval: it claims nothing any more.
    db.prepare("UPDATE orders SET platform_state = 'cancelled', payment = 'refunded', open_flags = 4, queue = 'intercepted' WHERE id = ?").run(cancelled!.id);
    expect(run(outOfStock, db, [mine!])).toEqual(['SKU CUP-500-WH: needs 2, 1 available']);
    // Re-audited together, the approved order is in the batch and comes first.
    expect(run(outOfStock, db, [earlier!, mine!])).toEqual([null, 'SKU CUP-500-WH: needs 2, 1 available']);
    expect(run(outOfStock, db, [mine!, earlier!])).toEqual([null, 'SKU CUP-500-WH: needs 2, 1 available']);
    // Allocated orders hold a reservation already (stock.reserved), so their lines are not counted again.
    db.prepare("UPDATE orders SET workflow = 'allocated' WHERE id = ?").run(earlier!.id);
    expect(run(outOfStock, db, [mine!])).toEqual([null]);
  });

  it('claims of approved orders are kept between batches and read again after a minute of the audit clock', () => {
    const db = setupDb();
    stock(db, 1, 1, 3);
    const [approved, mine, newer] = add(db, cups(2), cups(2), cups(1));
    approve(db, approved!.id);
    expect(run(outOfStock, db, [mine!])).toEqual(['SKU CUP-500-WH: needs 2, 1 available']);
    // Approved since the last batch: its lines are read now.
    approve(db, newer!.id);
    expect(run(outOfStock, db, [mine!])).toEqual(['SKU CUP-500-WH: needs 2, 0 available']);
    // The platform cancels an approved order: its claim is dropped once the kept copy is a minute old.
    db.prepare("UPDATE orders SET platform_state = 'cancelled', payment = 'refunded', open_flags = 4, queue = 'intercepted' WHERE id = ?").run(approved!.id);
    expect(run(outOfStock, db, [mine!], {}, NOW + 30_000)).toEqual(['SKU CUP-500-WH: needs 2, 0 available']);
    expect(run(outOfStock, db, [mine!], {}, NOW + 61_000)).toEqual([null]);
  });

  it('a SKU with no stock rows passes unless the seller tracks everything; unmapped lines are not its finding', () => {
    const db = setupDb();
    const [untracked, unknown] = add(
      db,
      order({ lines: [{ platformSku: 'NOSTOCK', skuCode: 'NOSTOCK', title: '不管库存', qty: 9, unitPriceMinor: 100 }] }),
      order({ lines: [{ platformSku: 'ABC-1', skuCode: null, title: '旧款', qty: 9, unitPriceMinor: 100 }] }),
    );
    expect(run(outOfStock, db, [untracked!, unknown!])).toEqual([null, null]);
    expect(run(outOfStock, db, [untracked!, unknown!], { ignoreIfNoStockRecords: false })).toEqual(['SKU NOSTOCK: needs 9, 0 available', null]);
  });
});
