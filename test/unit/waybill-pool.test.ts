import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import { sweepBlocked } from '../../main/fulfil/services.js';
import { parseList } from '../../main/fulfil/waybills/pool.js';
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

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected an error');
}
async function rejected(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

/** An order with a carrier, ready for a number. */
function shipping(w: World, carrier = 'ZTO', id?: string): number {
  const shop = w.shop();
  const o = w.order(shop, id ? { id } : {});
  w.core.db.prepare('UPDATE orders SET carrier = ? WHERE id = ?').run(carrier, o);
  return o;
}

describe('binding a number by hand or by scanning', () => {
  it('binds a typed/scanned number checked against the carrier’s format, records it, and puts it on the order', () => {
    const w = make();
    w.warehouse('HZ');
    const o = shipping(w, 'YTO', 'TB100');
    const row = w.f.waybills.bind('order', o, undefined, ' yt 1234567890123 ', w.who);
    expect(row).toMatchObject({ orderId: o, carrier: 'YTO', trackingNo: 'YT1234567890123', provider: 'manual', state: 'allocated', reprints: 0 });
    expect(w.row('SELECT tracking_no, carrier FROM orders WHERE id = ?', o)).toEqual({ tracking_no: 'YT1234567890123', carrier: 'YTO' });
    expect(w.events('order', o, 'waybill_bound')[0]).toMatchObject({ actor: 'operator:tester', data: { carrier: 'YTO', trackingNo: 'YT1234567890123', provider: 'manual' } });
    // The same label scanned twice is the same binding, not an error.
    expect(w.f.waybills.bind('order', o, 'YTO', 'YT1234567890123', w.who).id).toBe(row.id);

    expect(thrown(() => w.f.waybills.bind('order', o, 'YTO', 'YT999', w.who))).toMatchObject({
      code: 'invalid_input',
      message: 'tracking number "YT999" is not a YTO number (expected (YT\\d{13}|\\d{10}))',
      details: { field: 'trackingNo', carrier: 'YTO' },
    });
    expect(thrown(() => w.f.waybills.bind('order', o, 'YTO', 'YT1234567890999', w.who)).message).toBe(
      'order TB100 already has YTO waybill YT1234567890123 (allocated): reprint with a new number or void it first',
    );
    const noCarrier = w.order(w.shop());
    expect(thrown(() => w.f.waybills.bind('order', noCarrier, undefined, 'YT1234567890123', w.who)).details).toEqual({ field: 'carrier' });
  });

  it('refuses a number another order already has, naming that order (a live waybill, or an order’s own tracking number)', () => {
    const w = make();
    const first = shipping(w, 'ZTO', 'TB-FIRST');
    const second = shipping(w, 'ZTO', 'TB-SECOND');
    w.f.waybills.bind('order', first, 'ZTO', '751234567890', w.who);
    const dup = thrown(() => w.f.waybills.bind('order', second, 'ZTO', '751234567890', w.who));
    expect(dup).toMatchObject({ code: 'conflict', details: { trackingNo: '751234567890', ownerOrderId: first } });
    expect(dup.message).toMatch(/^tracking number 751234567890 already belongs to order TB-FIRST \(shop \d+\), ZTO$/);

    const imported = shipping(w, 'ZTO', 'TB-IMPORTED');
    w.core.db.prepare("UPDATE orders SET tracking_no = '759999999999' WHERE id = ?").run(imported);
    expect(thrown(() => w.f.waybills.bind('order', second, 'ZTO', '759999999999', w.who)).message).toMatch(/already belongs to order TB-IMPORTED/);
    expect(w.rows('SELECT id FROM waybills WHERE order_id = ?', second)).toEqual([]);
  });
});

describe('the pre-allocated number pool', () => {
  it('reads a plain list and a carrier CSV export (header and number column found), and refuses a list with a bad value whole', () => {
    expect(parseList('ZTO', '751234567890\n751234567891\r\n\n751234567892', 'f')).toEqual(['751234567890', '751234567891', '751234567892']);
    expect(parseList('ZTO', '序号,运单号,网点\n1,751234567890,杭州\n2,="751234567891",杭州\n', 'f')).toEqual(['751234567890', '751234567891']);
    expect(parseList('YTO', 'YT1234567890123,YT1234567890124', 'f')).toEqual(['YT1234567890123', 'YT1234567890124']);
    const bad = thrown(() => parseList('ZTO', 'waybill\n751234567890\n75123\nabc123\n', 'f'));
    expect(bad.message).toBe('2 value(s) in the list are not ZTO tracking numbers, so nothing was imported: row 3 "75123", row 4 "ABC123"');
    expect(bad.details).toMatchObject({ invalid: [{ row: 3, value: '75123' }, { row: 4, value: 'ABC123' }] });
  });

  it('imports idempotently, hands out numbers oldest first, warns once at the low mark, and says clearly when it is empty', async () => {
    const w = make();
    w.warehouse('HZ');
    w.f.carriers.save({ carrier: 'ZTO', provider: 'pool', lowWater: 1, shopId: null }, w.who);
    const list = ['751000000001', '751000000002', '751000000003'].join('\n');
    expect(w.f.pool.import('ZTO', list, 'roll 1', 1, w.who)).toEqual({ added: 3, duplicates: 0, free: 3, poolLow: false });
    expect(w.f.pool.import('ZTO', `${list}\n751000000003`, 'roll 1 again', 1, w.who)).toEqual({ added: 0, duplicates: 4, free: 3, poolLow: false });
    expect(thrown(() => w.f.pool.import('ZTO', 'bogus-1\n751000000009', 'bad', 1, w.who)).message).toBe(
      '1 value(s) in the list are not ZTO tracking numbers, so nothing was imported: row 1 "BOGUS-1"',
    );
    expect(w.f.pool.free('ZTO')).toBe(3); // nothing of the refused list went in
    expect(w.events('waybill_pool', null, 'imported').map((e) => e.data?.added)).toEqual([3, 0]);
    const orders = [shipping(w), shipping(w), shipping(w), shipping(w)];
    const got = [];
    for (const o of orders.slice(0, 3)) got.push((await w.f.waybills.ensure('order', o, w.who)).trackingNo);
    expect(got).toEqual(['751000000001', '751000000002', '751000000003']);
    expect(w.events('waybill_pool', null, 'pool_low').map((e) => e.data)).toEqual([{ carrier: 'ZTO', free: 1, lowWater: 1 }]);
    expect(w.f.carriers.view('ZTO')).toMatchObject({ provider: 'pool', pool: { free: 0, taken: 3, void: 0 }, poolLow: true });
    // Asking again for an order that has a number returns it; no second number is taken.
    expect((await w.f.waybills.ensure('order', orders[0]!, w.who)).trackingNo).toBe('751000000001');

    const empty = await rejected(w.f.waybills.ensure('order', orders[3]!, w.who));
    expect(empty).toMatchObject({ code: 'conflict', message: 'the ZTO number pool is empty: import more numbers from the carrier (Settings → Waybills)', details: { reason: 'pool_empty' } });
    expect(w.rows('SELECT id FROM waybills WHERE order_id = ?', orders[3])).toEqual([]);
  });

  it('recycles a number never printed back to the pool; a printed then voided number is never handed out again', async () => {
    const w = make();
    w.warehouse('HZ');
    w.f.carriers.save({ carrier: 'ZTO', provider: 'pool', lowWater: 0 }, w.who);
    w.f.pool.import('ZTO', '751000000001\n751000000002\n751000000003', 'roll', 0, w.who);
    const a = shipping(w);
    const b = shipping(w);
    const c = shipping(w);
    const na = await w.f.waybills.ensure('order', a, w.who);
    const nb = await w.f.waybills.ensure('order', b, w.who);
    w.f.waybills.markPrinted(nb.id, w.who);

    // a is intercepted before its label printed; b too, but after printing. The after-sync sweep recycles a's number.
    w.core.db.prepare('UPDATE orders SET open_flags = 4 WHERE id IN (?, ?)').run(a, b);
    expect(await sweepBlocked(w.f, w.who)).toEqual({ released: { released: 0, orders: [] }, recycled: { recycled: 1, failed: [] } });
    expect(w.row('SELECT state FROM waybills WHERE id = ?', na.id)).toEqual({ state: 'recycled' });
    expect(w.row('SELECT tracking_no FROM orders WHERE id = ?', a)).toEqual({ tracking_no: null });
    expect(w.events('order', a, 'waybill_recycled')[0]).toMatchObject({ reason: 'never printed; the order must not ship', data: { trackingNo: '751000000001', pool: 'free' } });
    expect(w.row("SELECT state FROM waybill_pool WHERE tracking_no = '751000000001'")).toEqual({ state: 'free' });

    // The printed one is voided by hand: the pool keeps it void.
    const voided = await w.f.waybills.voidNumber('order', b, 'parcel lost before pickup', w.who);
    expect(voided.state).toBe('void');
    expect(w.row("SELECT state FROM waybill_pool WHERE tracking_no = '751000000002'")).toEqual({ state: 'void' });

    // The recycled number is handed out again (oldest free first); the void one never.
    expect((await w.f.waybills.ensure('order', c, w.who)).trackingNo).toBe('751000000001');
    expect(thrown(() => w.f.waybills.bind('order', a, 'ZTO', '751000000002', w.who)).message).toBe('tracking number 751000000002 is voided in the ZTO pool and must not be used again');
  });

  it('a scanned pre-printed pool label takes that number out of the pool', async () => {
    const w = make();
    w.f.carriers.save({ carrier: 'ZTO', provider: 'pool', lowWater: 0 }, w.who);
    w.f.pool.import('ZTO', '751000000001\n751000000002', 'roll', 0, w.who);
    const o = shipping(w);
    expect(w.f.waybills.bind('order', o, 'ZTO', '751000000002', w.who)).toMatchObject({ provider: 'pool', trackingNo: '751000000002' });
    expect(w.f.carriers.view('ZTO').pool).toEqual({ free: 1, taken: 1, void: 0 });
    const next = shipping(w);
    w.warehouse('HZ');
    expect((await w.f.waybills.ensure('order', next, w.who)).trackingNo).toBe('751000000001');
  });

  it('a carrier without pool or e-waybill asks for the number by hand; reprinting it with a new number needs that number', async () => {
    const w = make();
    w.warehouse('HZ');
    const o = shipping(w, 'SF', 'TB-SF');
    expect((await rejected(w.f.waybills.ensure('order', o, w.who))).message).toBe('SF numbers are bound by hand (no pool or e-waybill set up): scan or type the number for order TB-SF');
    const first = w.f.waybills.bind('order', o, 'SF', 'SF1234567890123', w.who);
    expect((await rejected(w.f.waybills.reprint('order', o, { newNumber: true }, w.who))).details).toMatchObject({ field: 'trackingNo' });
    const second = await w.f.waybills.reprint('order', o, { newNumber: true, trackingNo: 'SF1234567890124', reason: 'label torn' }, w.who);
    expect(second).toMatchObject({ trackingNo: 'SF1234567890124', state: 'allocated' });
    expect(w.f.waybills.forTarget('order', o).map((r) => [r.trackingNo, r.state])).toEqual([
      [first.trackingNo, 'void'],
      ['SF1234567890124', 'allocated'],
    ]);
  });
});
