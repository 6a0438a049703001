import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import { world, type World } from '../sim/cainiao/harness.js';

const open: World[] = [];
const make = () => {
  const w = world();
  open.push(w);
  return w;
};
afterEach(() => {
  for (const w of open.splice(0)) w.close();
});

const thrown = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected an error');
};

describe('SKUs and platform SKU mappings', () => {
  it('creates and edits SKUs with an event for each change, and names a duplicate code or barcode', () => {
    const w = make();
    const a = w.f.catalog.save({ code: 'TEA-100', name: 'Green tea 100 g', barcode: '6901234567892', weightG: 120, active: true }, w.who);
    expect(a).toMatchObject({ code: 'TEA-100', weightG: 120, barcode: '6901234567892', onHand: 0, reserved: 0, active: true });
    const edited = w.f.catalog.save({ id: a.id, code: 'TEA-100', name: 'Green tea 100 g tin', barcode: '6901234567892', weightG: 130, active: true }, w.who);
    expect(edited.weightG).toBe(130);
    expect(w.events('sku', a.id).map((e) => e.action)).toEqual(['created', 'updated']);
    expect(w.events('sku', a.id)[1]!.data).toEqual({ name: { from: 'Green tea 100 g', to: 'Green tea 100 g tin' }, weightG: { from: 120, to: 130 } });

    const dupCode = thrown(() => w.f.catalog.save({ code: 'TEA-100', name: 'other', active: true }, w.who));
    expect(dupCode).toMatchObject({ code: 'conflict', message: `SKU code "TEA-100" is already used by SKU ${a.id}`, details: { field: 'code' } });
    const dupBarcode = thrown(() => w.f.catalog.save({ code: 'TEA-200', name: 'other', barcode: '6901234567892', active: true }, w.who));
    expect(dupBarcode.message).toBe('barcode 6901234567892 already belongs to SKU TEA-100');
    expect(w.f.catalog.list({ search: 'tea', includeInactive: false, offset: 0, limit: 10 }).rows.map((s) => s.code)).toEqual(['TEA-100']);
  });

  it('maps a shop’s platform SKU onto ours (bundles by qtyPer), re-maps with the previous value recorded, and lists what is still unmapped', () => {
    const w = make();
    const shop = w.shop();
    const tea = w.sku('TEA-100');
    const cup = w.sku('CUP-1');
    const o1 = w.order(shop, { lines: [{ platformSku: 'P-555', qty: 2 }, { platformSku: 'P-777' }] });
    w.order(shop, { lines: [{ platformSku: 'P-555' }, { skuCode: 'CUP-1' }] });
    expect(w.f.catalog.unmapped({ limit: 10 })).toEqual([
      { shopId: shop, platformSku: 'P-555', skuCode: null, title: 'item 1', orders: 2 },
      { shopId: shop, platformSku: 'P-777', skuCode: null, title: 'item 2', orders: 1 },
    ]);

    const m = w.f.catalog.map({ shopId: shop, platformSku: 'P-555', skuId: tea, qtyPer: 3 }, w.who);
    expect(m).toMatchObject({ shopId: shop, platformSku: 'P-555', skuCode: 'TEA-100', qtyPer: 3 });
    w.f.catalog.map({ shopId: shop, platformSku: 'P-555', skuId: cup, qtyPer: 1 }, w.who);
    expect(w.events('sku', cup, 'remapped')[0]!.data).toEqual({ shopId: shop, platformSku: 'P-555', skuCode: 'CUP-1', qtyPer: 1, was: { sku_id: tea, qty_per: 3 } });
    expect(w.f.catalog.unmapped({ limit: 10 }).map((u) => u.platformSku)).toEqual(['P-777']);
    expect(w.f.catalog.mappings({ shopId: shop, offset: 0, limit: 10 }).rows).toHaveLength(1);

    w.f.catalog.unmap(m.id, w.who);
    expect(w.events('sku', cup).map((e) => e.action)).toEqual(['created', 'remapped', 'unmapped']);
    expect(w.f.catalog.unmapped({ limit: 10 }).find((u) => u.platformSku === 'P-555')?.orders).toBe(2);
    expect(o1).toBeGreaterThan(0);
    expect(thrown(() => w.f.catalog.map({ shopId: 999, platformSku: 'X', skuId: tea, qtyPer: 1 }, w.who)).message).toBe('shop 999 does not exist');
  });
});

describe('stock', () => {
  it('counts and receives with an event each (before, after, reason), and keeps a count below reservations visible', () => {
    const w = make();
    const wh = w.warehouse('HZ');
    const tea = w.sku('TEA');
    expect(w.f.stock.adjust({ warehouseId: wh, skuId: tea, mode: 'set', qty: 10, reason: 'stocktake' }, w.who)).toMatchObject({ onHand: 10, reserved: 0, available: 10 });
    expect(w.f.stock.adjust({ warehouseId: wh, skuId: tea, mode: 'receive', qty: 5, reason: 'PO 88' }, w.who)).toMatchObject({ onHand: 15, available: 15 });
    const ev = w.events('sku', tea).filter((e) => e.action.startsWith('stock_'));
    expect(ev.map((e) => [e.action, e.reason, e.data])).toEqual([
      ['stock_counted', 'stocktake', { warehouseId: wh, warehouse: 'HZ', from: 0, to: 10, reserved: 0 }],
      ['stock_received', 'PO 88', { warehouseId: wh, warehouse: 'HZ', from: 10, to: 15, reserved: 0 }],
    ]);

    // Reserve 12 (an allocated order), then a count finds only 9: recorded as counted, with what is oversold.
    const shop = w.shop();
    const o = w.order(shop, { lines: [{ sku: 'TEA', qty: 12 }] });
    w.setWorkflow(o, 'approved');
    expect(w.f.allocator.run({}, w.who).allocated).toBe(1);
    const counted = w.f.stock.adjust({ warehouseId: wh, skuId: tea, mode: 'set', qty: 9 }, w.who);
    expect(counted).toMatchObject({ onHand: 9, reserved: 12, available: -3, low: true });
    expect(w.events('sku', tea, 'stock_counted').at(-1)!.data).toMatchObject({ from: 15, to: 9, reserved: 12, oversold: 3 });
  });

  it('lists stock at or below its low-water mark, emptiest first; inactive warehouses and SKUs are left out', () => {
    const w = make();
    const a = w.warehouse('A');
    const b = w.warehouse('B');
    const off = w.warehouse('OFF', { active: false });
    const tea = w.sku('TEA');
    const cup = w.sku('CUP');
    w.stock(a, tea, 3, 5); // available 3 ≤ 5: low
    w.stock(a, cup, 20, 5); // fine
    w.stock(b, tea, 0); // out of stock: low (0 ≤ 0)
    w.stock(b, cup, 5, 5); // exactly at the mark: low
    w.stock(off, tea, 0, 10);
    const low = w.f.stock.low({ limit: 10 });
    expect(low.map((r) => `${r.warehouseCode}/${r.skuCode}:${r.available}/${r.lowWater}`)).toEqual(['A/TEA:3/5', 'B/CUP:5/5', 'B/TEA:0/0']);
    expect(w.f.stock.low({ warehouseId: a, limit: 10 }).map((r) => r.skuCode)).toEqual(['TEA']);
    expect(w.events('sku', tea, 'low_water_set')[0]!.data).toEqual({ warehouseId: a, warehouse: 'A', from: 0, to: 5 });
  });

  it('names an unknown warehouse or SKU, and the database itself refuses negative counts', () => {
    const w = make();
    const wh = w.warehouse('HZ');
    const tea = w.sku('TEA');
    expect(thrown(() => w.f.stock.adjust({ warehouseId: 42, skuId: tea, mode: 'receive', qty: 1 }, w.who))).toMatchObject({ code: 'not_found', message: 'warehouse 42 does not exist' });
    expect(thrown(() => w.f.stock.adjust({ warehouseId: wh, skuId: 42, mode: 'receive', qty: 1 }, w.who)).message).toBe('SKU 42 does not exist');
    w.stock(wh, tea, 2);
    expect(() => w.core.db.prepare('UPDATE stock SET on_hand = -1 WHERE sku_id = ?').run(tea)).toThrow(/CHECK constraint failed/);
    expect(() => w.core.db.prepare('UPDATE stock SET reserved = -1 WHERE sku_id = ?').run(tea)).toThrow(/CHECK constraint failed/);
    expect(w.f.stock.get(wh, tea)).toMatchObject({ onHand: 2, reserved: 0 });
  });
});
