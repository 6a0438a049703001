import { afterEach, describe, expect, it } from 'vitest';
import { FulfilRunner } from '../../main/fulfil/runner.js';
import { FLAG_BIT } from '../../shared/domain/status.js';
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

const stockOf = (w: World, wh: number, sku: number) => w.row<{ on_hand: number; reserved: number }>('SELECT on_hand, reserved FROM stock WHERE warehouse_id = ? AND sku_id = ?', wh, sku);
const session = { stationId: null, operatorId: null, trusted: true };

describe('stock in the background and on shipping (core wiring)', () => {
  it('reserves for approved orders, lets go when one is intercepted, and ships the rest out of stock', async () => {
    const w = make();
    const shop = w.shop();
    const wh = w.warehouse('HZ');
    const tea = w.sku('TEA');
    w.stock(wh, tea, 10);
    const a = w.order(shop, { id: 'A', lines: [{ sku: 'TEA', qty: 2 }] });
    const b = w.order(shop, { id: 'B', lines: [{ sku: 'TEA', qty: 3 }] });
    w.setWorkflow(a, 'approved');
    w.setWorkflow(b, 'approved');
    const seen: string[] = [];
    const unsubscribe = w.core.events.subscribe((name) => seen.push(name));
    const logged: string[] = [];
    const runner = new FulfilRunner(w.core.fulfil, w.core.events, (m) => logged.push(m));

    await runner.pass();
    expect(stockOf(w, wh, tea)).toEqual({ on_hand: 10, reserved: 5 });
    expect(w.row<{ workflow: string }>('SELECT workflow FROM orders WHERE id = ?', a).workflow).toBe('allocated');
    expect(seen).toContain('orders.changed');

    // The platform refunds B after allocation: the next pass gives its 3 units back.
    w.core.db.prepare("INSERT INTO order_flags (order_id, kind, reason, created_at, created_by) VALUES (?, 'intercept', 'refund_requested', 0, 'sync:test')").run(b);
    w.core.db.prepare("UPDATE orders SET open_flags = open_flags | ?, queue = 'intercepted' WHERE id = ?").run(FLAG_BIT.intercept, b);
    await runner.pass();
    expect(stockOf(w, wh, tea)).toEqual({ on_hand: 10, reserved: 2 });

    // Shipping A (through the core's Shipper) takes its units out of the count and the reservation together.
    w.core.sync.shipper.ship(a, 'SF', 'SF1000000000001', session);
    expect(stockOf(w, wh, tea)).toEqual({ on_hand: 8, reserved: 0 });
    expect(w.events('order', a, 'stock_consumed')).toHaveLength(1);
    expect(w.row<{ state: string }>("SELECT state FROM waybills WHERE tracking_no = 'SF1000000000001'").state).toBe('shipped');
    expect(logged).toEqual([]);
    unsubscribe();
  });

  it('ships an order whose SKU has no stock count at all without touching stock', () => {
    const w = make();
    const shop = w.shop();
    w.warehouse('HZ');
    w.sku('CUP');
    const o = w.order(shop, { id: 'C', lines: [{ sku: 'CUP', qty: 1 }] });
    w.setWorkflow(o, 'approved');
    expect(w.core.sync.shipper.ship(o, 'SF', 'SF1000000000002', session).workflow).toBe('shipped');
    expect(w.events('order', o, 'stock_consumed')[0]!.data).toMatchObject({ untracked: [expect.stringContaining('CUP')] });
  });
});
