import { afterEach, describe, expect, it } from 'vitest';
import { world, T0, type World } from '../sim/cainiao/harness.js';

const open: World[] = [];
const make = () => {
  const w = world();
  open.push(w);
  return w;
};
afterEach(() => {
  for (const w of open.splice(0)) w.close();
});

type OrderState = { workflow: string; queue: string; warehouse_id: number | null; carrier: string | null };
const state = (w: World, id: number) => w.row<OrderState>('SELECT workflow, queue, warehouse_id, carrier FROM orders WHERE id = ?', id);
const stockOf = (w: World, wh: number, sku: number) => w.row<{ on_hand: number; reserved: number }>('SELECT on_hand, reserved FROM stock WHERE warehouse_id = ? AND sku_id = ?', wh, sku);
const allocated = (w: World, id: number) => w.rows<{ qty_allocated: number }>('SELECT qty_allocated FROM order_lines WHERE order_id = ? ORDER BY line_no', id).map((r) => r.qty_allocated);

describe('allocation', () => {
  it('serves approved orders by priority, then paid time, with limited stock; the rest wait approved and are named', () => {
    const w = make();
    const shop = w.shop();
    const wh = w.warehouse('HZ');
    const tea = w.sku('TEA');
    w.stock(wh, tea, 5, 1);
    const early = w.order(shop, { id: 'EARLY', paidAt: T0 - 9000_000, lines: [{ sku: 'TEA', qty: 2 }] });
    const late = w.order(shop, { id: 'LATE', paidAt: T0 - 1000_000, lines: [{ sku: 'TEA', qty: 2 }] });
    const vip = w.order(shop, { id: 'VIP', paidAt: T0 - 500_000, lines: [{ sku: 'TEA', qty: 2 }] });
    const pending = w.order(shop, { id: 'PENDING', lines: [{ sku: 'TEA', qty: 1 }] }); // not approved: never touched
    w.setWorkflow(early, 'approved');
    w.setWorkflow(late, 'approved');
    w.setWorkflow(vip, 'approved', 10);

    const r = w.f.allocator.run({}, w.who);
    expect(r).toMatchObject({ considered: 3, allocated: 2, rereserved: 0, waiting: 1 });
    expect(r.waitingOrders).toEqual([{ orderId: late, platformOrderId: 'LATE', reason: 'short', detail: 'not enough stock in warehouse HZ (HZ: TEA needs 2, 1 available)' }]);
    expect(state(w, vip)).toMatchObject({ workflow: 'allocated', queue: 'to_print', warehouse_id: wh });
    expect(state(w, early).workflow).toBe('allocated');
    expect(state(w, late)).toMatchObject({ workflow: 'approved', warehouse_id: null });
    expect(state(w, pending).workflow).toBe('pending_audit');
    expect(stockOf(w, wh, tea)).toEqual({ on_hand: 5, reserved: 4 });
    expect(allocated(w, vip)).toEqual([2]);
    expect(allocated(w, late)).toEqual([0]);
    expect(r.lowStock.map((s) => `${s.skuCode}:${s.available}/${s.lowWater}`)).toEqual(['TEA:1/1']);
    expect(w.events('order', vip, 'allocated')[0]!.data).toEqual({ warehouseId: wh, warehouse: 'HZ', units: { TEA: 2 } });

    // Stock arrives: the waiting order is served by the next run; allocated ones are not touched again.
    w.f.stock.adjust({ warehouseId: wh, skuId: tea, mode: 'receive', qty: 10 }, w.who);
    expect(w.f.allocator.run({}, w.who)).toMatchObject({ considered: 1, allocated: 1, waiting: 0 });
    expect(stockOf(w, wh, tea)).toEqual({ on_hand: 15, reserved: 6 });
    expect(w.events('order', vip, 'allocated')).toHaveLength(1);
  });

  it('chooses the warehouse: the one an audit rule set, else a region rule’s, else the highest priority with everything in stock', () => {
    const w = make();
    const shop = w.shop();
    const hz = w.warehouse('HZ', { priority: 200 });
    const gz = w.warehouse('GZ', { priority: 50 });
    const bj = w.warehouse('BJ', { priority: 100 });
    const tea = w.sku('TEA');
    const cup = w.sku('CUP');
    for (const wh of [hz, gz, bj]) w.stock(wh, tea, 10);
    w.stock(bj, cup, 10); // only BJ has cups
    w.f.rules.saveWarehouseRules([{ name: 'South China from Guangzhou', enabled: true, when: { regions: ['广东', '广西壮族自治区'] }, warehouseId: gz }], w.who);

    const south = w.order(shop, { province: '广东省', city: '深圳市', lines: [{ sku: 'TEA' }] });
    const north = w.order(shop, { province: '北京', city: '北京市', lines: [{ sku: 'TEA' }] });
    const cups = w.order(shop, { province: '广东省', lines: [{ sku: 'TEA' }, { sku: 'CUP' }] }); // GZ lacks cups: next with both
    const pinned = w.order(shop, { province: '广东省', lines: [{ sku: 'TEA' }] });
    for (const id of [south, north, cups, pinned]) w.setWorkflow(id, 'approved');
    w.core.db.prepare('UPDATE orders SET warehouse_id = ? WHERE id = ?').run(hz, pinned); // set_warehouse by an audit rule

    expect(w.f.allocator.run({}, w.who)).toMatchObject({ allocated: 4, waiting: 0 });
    expect(state(w, south).warehouse_id).toBe(gz);
    expect(state(w, north).warehouse_id).toBe(hz);
    expect(state(w, cups).warehouse_id).toBe(bj);
    expect(state(w, pinned).warehouse_id).toBe(hz);
    expect(w.events('warehouse_rules', null, 'saved')).toHaveLength(1);
  });

  it('an order pinned to a warehouse waits for that warehouse; an unmapped line waits with its name', () => {
    const w = make();
    const shop = w.shop();
    const hz = w.warehouse('HZ');
    const off = w.warehouse('OFF', { active: false });
    const tea = w.sku('TEA');
    w.stock(hz, tea, 1);
    const pinned = w.order(shop, { lines: [{ sku: 'TEA', qty: 2 }] });
    const closed = w.order(shop, { lines: [{ sku: 'TEA' }] });
    const unknown = w.order(shop, { lines: [{ sku: 'TEA' }, { platformSku: 'P-9', title: 'mystery box' }] });
    for (const id of [pinned, closed, unknown]) w.setWorkflow(id, 'approved');
    w.core.db.prepare('UPDATE orders SET warehouse_id = ? WHERE id = ?').run(hz, pinned);
    w.core.db.prepare('UPDATE orders SET warehouse_id = ? WHERE id = ?').run(off, closed);
    const r = w.f.allocator.run({}, w.who);
    expect(r.waitingOrders.map((x) => [x.orderId, x.reason, x.detail])).toEqual([
      [pinned, 'short', 'not enough stock in warehouse HZ (HZ: TEA needs 2, 1 available)'],
      [closed, 'warehouse_inactive', 'warehouse OFF (set for this order) is inactive'],
      [unknown, 'unmapped_sku', 'line 2 (P-9) is not mapped to a SKU'],
    ]);
    expect(stockOf(w, hz, tea).reserved).toBe(0);
  });

  it('chooses carriers by rules (region, weight from SKUs, amount, platform), first match wins, else the default; a set carrier is kept', () => {
    const w = make();
    const shop = w.shop();
    const jd = w.shop('jd', 'JD store', { credentials: { appKey: 'k', appSecret: 's', accessToken: 't' } });
    const wh = w.warehouse('HZ');
    const light = w.sku('LIGHT', 200);
    const heavy = w.sku('HEAVY', 4000);
    w.sku('NOWEIGHT', null);
    for (const s of [light, heavy]) w.stock(wh, s, 100);
    w.stock(wh, w.row<{ id: number }>("SELECT id FROM skus WHERE code = 'NOWEIGHT'").id, 100);
    w.f.rules.saveCarrierRules(
      [
        { name: 'JD orders by JD', enabled: true, when: { platforms: ['jd'] }, carrier: 'JD' },
        { name: 'Remote west', enabled: true, when: { regions: ['新疆', '西藏'] }, carrier: 'EMS' },
        { name: 'Expensive by SF', enabled: true, when: { amount: { currency: 'CNY', min: 50_000 } }, carrier: 'SF' },
        { name: 'Heavy by Yunda', enabled: true, when: { weightG: { min: 3000 } }, carrier: 'YUNDA' },
        { name: 'Disabled', enabled: false, when: {}, carrier: 'DHL' },
      ],
      'yto',
      w.who,
    );
    const mk = (spec: Parameters<World['order']>[1], s = shop) => {
      const id = w.order(s, spec);
      w.setWorkflow(id, 'approved');
      return id;
    };
    const ids = {
      jd: mk({ lines: [{ sku: 'HEAVY' }] }, jd),
      west: mk({ province: '新疆维吾尔自治区', city: '乌鲁木齐市', lines: [{ sku: 'LIGHT' }] }),
      rich: mk({ totalMinor: 88_000, lines: [{ sku: 'LIGHT' }] }),
      heavy: mk({ lines: [{ sku: 'LIGHT', qty: 2 }, { sku: 'HEAVY' }] }), // 400 + 4000 g
      light: mk({ lines: [{ sku: 'LIGHT', qty: 3 }] }),
      unknownWeight: mk({ lines: [{ sku: 'NOWEIGHT', qty: 9 }] }), // a weight rule cannot match: default
      usd: mk({ currency: 'USD', totalMinor: 90_000, lines: [{ sku: 'LIGHT' }] }), // another currency: amount rule does not apply
      preset: mk({ lines: [{ sku: 'HEAVY' }] }),
    };
    w.core.db.prepare("UPDATE orders SET carrier = 'ZTO' WHERE id = ?").run(ids.preset);
    const r = w.f.allocator.run({}, w.who);
    expect(r).toMatchObject({ allocated: 8, carriersChosen: 7, noCarrier: 0 });
    const carriers = Object.fromEntries(Object.entries(ids).map(([k, id]) => [k, state(w, id).carrier]));
    expect(carriers).toEqual({ jd: 'JD', west: 'EMS', rich: 'SF', heavy: 'YUNDA', light: 'YTO', unknownWeight: 'YTO', usd: 'YTO', preset: 'ZTO' });
    const rules = w.f.rules.carrierRules();
    expect(w.events('order', ids.heavy, 'allocated')[0]!.data).toMatchObject({ carrier: 'YUNDA', carrierBy: `carrier rule ${rules[3]!.id}` });
    expect(w.events('order', ids.light, 'allocated')[0]!.data).toMatchObject({ carrier: 'YTO', carrierBy: 'default carrier' });
    expect(() => w.f.rules.saveCarrierRules([{ name: 'x', enabled: true, when: {}, carrier: 'NOPE' }], null, w.who)).toThrow('rules.0.carrier: ShopDesk has no carrier "NOPE"');
  });

  it('releases the stock of orders cancelled, refunded or intercepted before shipping, and takes it again when an intercept is lifted', () => {
    const w = make();
    const shop = w.shop();
    const wh = w.warehouse('HZ');
    const tea = w.sku('TEA');
    w.stock(wh, tea, 10);
    const refunded = w.order(shop, { lines: [{ sku: 'TEA', qty: 2 }] });
    const cancelled = w.order(shop, { lines: [{ sku: 'TEA', qty: 3 }] });
    const intercepted = w.order(shop, { lines: [{ sku: 'TEA', qty: 4 }] });
    for (const id of [refunded, cancelled, intercepted]) w.setWorkflow(id, 'approved');
    w.f.allocator.run({}, w.who);
    w.setWorkflow(intercepted, 'printed');
    expect(stockOf(w, wh, tea).reserved).toBe(9);

    w.core.db.prepare("UPDATE orders SET payment = 'refunded' WHERE id = ?").run(refunded);
    w.core.db.prepare("UPDATE orders SET platform_state = 'cancelled' WHERE id = ?").run(cancelled);
    w.core.db.prepare('UPDATE orders SET open_flags = 4 WHERE id = ?').run(intercepted);
    const rel = w.f.moves.releaseBlocked(w.who);
    expect(rel.orders.map((o) => [o.orderId, o.why, o.units])).toEqual([
      [refunded, 'refunded', 2],
      [cancelled, 'cancelled', 3],
      [intercepted, 'intercepted', 4],
    ]);
    expect(stockOf(w, wh, tea)).toEqual({ on_hand: 10, reserved: 0 });
    expect(allocated(w, intercepted)).toEqual([0]);
    expect(state(w, intercepted).workflow).toBe('printed'); // the workflow never goes back
    expect(w.events('order', cancelled, 'stock_released')[0]).toMatchObject({ reason: 'cancelled', data: { warehouseId: wh, units: { TEA: 3 } } });
    expect(w.f.moves.releaseBlocked(w.who).released).toBe(0); // nothing left to release

    // The buyer withdrew the refund request: the intercept is released, the order is to pack again and gets its stock back.
    w.core.db.prepare("UPDATE orders SET open_flags = 0, queue = 'to_pack' WHERE id = ?").run(intercepted);
    const again = w.f.allocator.run({}, w.who);
    expect(again).toMatchObject({ rereserved: 1, allocated: 0 });
    expect(stockOf(w, wh, tea).reserved).toBe(4);
    expect(state(w, intercepted).workflow).toBe('printed');
    expect(w.events('order', intercepted).map((e) => e.action)).toEqual(['created', 'allocated', 'stock_released', 'stock_rereserved']);
  });

  it('consumes on ship: on hand and reserved go down by the shipped units, bundles count qtyPer, twice is refused, a short count ships and goes to zero (never below)', () => {
    const w = make();
    const shop = w.shop();
    const wh = w.warehouse('HZ');
    const tea = w.sku('TEA');
    const cup = w.sku('CUP');
    w.stock(wh, tea, 20);
    w.stock(wh, cup, 5);
    w.f.catalog.map({ shopId: shop, platformSku: 'TEA-3PACK', skuId: tea, qtyPer: 3 }, w.who);
    const o = w.order(shop, { lines: [{ platformSku: 'TEA-3PACK', qty: 2 }, { sku: 'CUP', qty: 4 }] });
    w.setWorkflow(o, 'approved');
    w.f.allocator.run({}, w.who);
    expect(stockOf(w, wh, tea)).toEqual({ on_hand: 20, reserved: 6 });
    expect(stockOf(w, wh, cup)).toEqual({ on_hand: 5, reserved: 4 });
    const lines = w.rows<{ id: number }>('SELECT id FROM order_lines WHERE order_id = ? ORDER BY line_no', o);

    // A partial shipment: one pack of tea and 1 cup leave now.
    const first = w.f.moves.consumeForShipment(o, [{ lineId: lines[0]!.id, qty: 1 }, { lineId: lines[1]!.id, qty: 1 }], w.who);
    expect(first.units).toEqual({ TEA: 3, CUP: 1 });
    expect(stockOf(w, wh, tea)).toEqual({ on_hand: 17, reserved: 3 });
    expect(stockOf(w, wh, cup)).toEqual({ on_hand: 4, reserved: 3 });

    // A count finds 2 cups where 3 are still reserved. The packer has the 3 cups in hand, so the count was wrong:
    // the parcel ships, the count goes to zero (never below), and the event names the shortfall.
    w.f.stock.adjust({ warehouseId: wh, skuId: cup, mode: 'set', qty: 2 }, w.who);
    const short = w.f.moves.consumeForShipment(o, [{ lineId: lines[0]!.id, qty: 1 }, { lineId: lines[1]!.id, qty: 3 }], w.who);
    expect(short.units).toEqual({ TEA: 3, CUP: 3 });
    expect(short.shortfalls).toEqual([{ sku: 'CUP', warehouseId: wh, onHand: 2, units: 3 }]);
    expect(stockOf(w, wh, tea)).toEqual({ on_hand: 14, reserved: 0 });
    expect(stockOf(w, wh, cup)).toEqual({ on_hand: 0, reserved: 0 });
    expect(w.rows('SELECT * FROM stock_reservations WHERE order_id = ?', o)).toEqual([]);
    expect(() => w.f.moves.consumeForShipment(o, undefined, w.who)).toThrow(/2 of 2 already left stock; 2 more would be more than the line holds/);
    expect(w.events('order', o, 'stock_consumed').map((e) => e.data)).toEqual([
      { warehouseIds: [wh], units: { TEA: 3, CUP: 1 } },
      { warehouseIds: [wh], units: { TEA: 3, CUP: 3 }, shortfalls: [{ sku: 'CUP', warehouseId: wh, onHand: 2, units: 3 }] },
    ]);
    expect(w.events('order', o, 'stock_consumed')[1]!.reason).toBe('shipped more than the stock count held: CUP 3 shipped, 2 on hand');
  });

  it('keeps reserved equal to the reservations whatever happens to the order rows (triggers)', () => {
    const w = make();
    const shop = w.shop();
    const wh = w.warehouse('HZ');
    const tea = w.sku('TEA');
    w.stock(wh, tea, 10);
    const o = w.order(shop, { lines: [{ sku: 'TEA', qty: 3 }] });
    w.setWorkflow(o, 'approved');
    w.f.allocator.run({}, w.who);
    expect(stockOf(w, wh, tea).reserved).toBe(3);
    w.core.db.prepare('DELETE FROM orders WHERE id = ?').run(o); // cascades to lines and reservations
    expect(stockOf(w, wh, tea).reserved).toBe(0);
  });
});
