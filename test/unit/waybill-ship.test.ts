import { afterEach, describe, expect, it } from 'vitest';
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

const states = (w: World, orderId: number) => w.f.waybills.forTarget('order', orderId).map((r) => [r.trackingNo, r.provider, r.state]);

describe('waybills when an order ships (markShipped, called by the Shipper in its transaction)', () => {
  it('the live number becomes shipped; shipping it again changes nothing', () => {
    const w = make();
    const o = w.order(w.shop());
    w.f.waybills.bind('order', o, 'ZTO', '751234567890', w.who);
    w.f.waybills.markShipped(o, 'ZTO', '751234567890', w.who);
    w.f.waybills.markShipped(o, 'ZTO', ' 751234567890', w.who);
    expect(states(w, o)).toEqual([['751234567890', 'manual', 'shipped']]);
  });

  it('a number typed at shipping time is kept as a shipped waybill; a different live number is voided and the event says it was not cancelled at its provider', () => {
    const w = make();
    const shop = w.shop();
    const typed = w.order(shop);
    w.f.waybills.markShipped(typed, 'SF', 'SF1234567890123', w.who);
    expect(states(w, typed)).toEqual([['SF1234567890123', 'manual', 'shipped']]);

    const switched = w.order(shop);
    w.f.waybills.bind('order', switched, 'ZTO', '751234567890', w.who);
    w.f.waybills.markShipped(switched, 'YTO', 'YT1234567890123', w.who);
    expect(states(w, switched)).toEqual([
      ['751234567890', 'manual', 'void'],
      ['YT1234567890123', 'manual', 'shipped'],
    ]);
    expect(w.events('order', switched, 'waybill_voided')[0]).toMatchObject({ reason: 'shipped with YTO YT1234567890123 instead', data: { cancelledAtProvider: false } });

    // Another order cannot ship with a number already shipped.
    const other = w.order(shop);
    expect(() => w.f.waybills.markShipped(other, 'SF', 'SF1234567890123', w.who)).toThrow(/tracking number SF1234567890123 already belongs to order T\d+ \(shop \d+\), SF/);
  });
});
