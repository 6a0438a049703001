import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CARRIER_CODES } from '../../main/sync/carrier-codes.js';
import { AppError } from '../../shared/errors.js';
import { adapterFor, contextFor, rejection, ship } from '../sim/jd/harness.js';
import { JdSim } from '../sim/jd/server.js';

const sims: JdSim[] = [];
async function sim(): Promise<JdSim> {
  const s = await JdSim.start();
  sims.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

const shipCalls = (s: JdSim) => s.log.filter((r) => new URLSearchParams(r.body).get('method') === 'jingdong.pop.order.shipment');

describe('JD ship write-back (jingdong.pop.order.shipment)', () => {
  it('ships with the numeric company code; the same waybill again is "already" after reading the order back', async () => {
    const s = await sim();
    const o = s.addOrder();
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    expect(await adapter.confirmShipment(ship(o.id, 'JDVA00012345678', 'JD'), ctx)).toBe('done');
    expect(s.shipments).toMatchObject([{ orderId: o.id, logiCoprId: '2087', logiNo: 'JDVA00012345678' }]);
    expect(s.orders.get(o.id)).toMatchObject({ state: 'WAIT_GOODS_RECEIVE_CONFIRM', waybill: 'JDVA00012345678' });
    const body = JSON.parse(new URLSearchParams(shipCalls(s)[0]!.body).get('360buy_param_json')!);
    expect(body).toEqual({ orderId: o.id, logiCoprId: '2087', logiNo: 'JDVA00012345678' });

    expect(await adapter.confirmShipment(ship(o.id, 'JDVA00012345678', 'JD'), ctx)).toBe('already');
    expect(s.shipments).toHaveLength(1);
    expect(s.log.slice(-2).map((r) => new URLSearchParams(r.body).get('method'))).toEqual(['jingdong.pop.order.shipment', 'jingdong.pop.order.get']);
  });

  it('a different waybill on a shipped order is an error naming both numbers; nothing is replaced', async () => {
    const s = await sim();
    const o = s.addOrder();
    const { adapter } = adapterFor(s);
    await adapter.confirmShipment(ship(o.id, 'SF1111111111', 'SF'), contextFor(s).ctx);
    const e = await rejection(adapter.confirmShipment(ship(o.id, 'SF2222222222', 'SF'), contextFor(s).ctx));
    expect(e).toMatchObject({ kind: 'bad_request', details: { platformCode: '10400104' } });
    expect(e.message).toBe(`JD order ${o.id} is already shipped with waybill SF1111111111, not SF2222222222; ShopDesk does not replace a waybill on JD: correct it in the JD seller back office`);
    expect(s.orders.get(o.id)!.waybill).toBe('SF1111111111');
  });

  it('an answer lost after JD shipped: the retry meets "already shipped" and reads it back as done before', async () => {
    const s = await sim();
    const o = s.addOrder();
    s.loseNextShipAnswers(1);
    expect(await adapterFor(s).adapter.confirmShipment(ship(o.id, 'YT9876543210', 'YTO'), contextFor(s).ctx)).toBe('already');
    expect(s.shipments).toHaveLength(1);
    expect(shipCalls(s).map((r) => r.status)).toEqual([502, 200]);
  });

  it('the seller’s override code is sent; an id JD does not know is refused with JD’s words', async () => {
    const s = await sim();
    const [a, b] = [s.addOrder(), s.addOrder()];
    const { adapter } = adapterFor(s);
    expect(await adapter.confirmShipment(ship(a.id, 'ZT123', 'ZTO', '1499'), contextFor(s).ctx)).toBe('done');
    expect(s.shipments[0]).toMatchObject({ logiCoprId: '1499' });
    const e = await rejection(adapter.confirmShipment(ship(b.id, 'XX123', 'ZTO', '9999'), contextFor(s).ctx));
    expect(e).toMatchObject({ kind: 'bad_request', details: { platformCode: '10400102' } });
    expect(e.message).toBe(`JD refused to ship order ${b.id} (state WAIT_SELLER_STOCK_OUT): 物流公司ID不存在: 9999 [10400102]`);
  });

  it('refuses before calling JD when there is no usable code, and names the problem', async () => {
    const s = await sim();
    const o = s.addOrder();
    const { adapter } = adapterFor(s);
    const noCode = await adapter.confirmShipment(ship(o.id, 'DHL123', 'DHL'), contextFor(s).ctx).catch((e: unknown) => e);
    expect(noCode).toBeInstanceOf(AppError);
    expect((noCode as AppError).message).toBe('jd has no company code for carrier "DHL": add one under Settings → Carriers');
    const letters = await rejection(adapter.confirmShipment(ship(o.id, 'SF123', 'SF', 'SF'), contextFor(s).ctx));
    expect(letters.message).toMatch(/must be JD's numeric logiCoprId, not "SF"/);
    const badId = await rejection(adapter.confirmShipment(ship('JD-1', 'SF123', 'SF'), contextFor(s).ctx));
    expect(badId.message).toBe('"JD-1" is not a JD order id (digits)');
    expect(s.log).toHaveLength(0);
  });

  it('JD refuses cancelled, locked and paused orders; the reason reaches the seller', async () => {
    const s = await sim();
    const { adapter } = adapterFor(s);
    const cases = [
      ['TRADE_CANCELED', '订单已取消，不能出库 [10400103]'],
      ['LOCKED', '订单已锁定或暂停，不能出库 [10400105]'],
      ['POP_ORDER_PAUSE', '订单已锁定或暂停，不能出库 [10400105]'],
    ] as const;
    for (const [state, reason] of cases) {
      const o = s.addOrder({ state });
      const e = await rejection(adapter.confirmShipment(ship(o.id, 'SF1', 'SF'), contextFor(s).ctx));
      expect(e.message).toBe(`JD refused to ship order ${o.id} (state ${state}): ${reason}`);
    }
    expect(s.shipments).toEqual([]);
  });

  it('every built-in JD company code is one JD accepts', async () => {
    const s = await sim();
    const { adapter } = adapterFor(s);
    const table = Object.entries(DEFAULT_CARRIER_CODES.jd ?? {});
    expect(table.length).toBeGreaterThan(0);
    for (const [carrier, code] of table) {
      const o = s.addOrder();
      expect(await adapter.confirmShipment(ship(o.id, `W${code}X1`, carrier), contextFor(s).ctx)).toBe('done');
      expect(s.shipments.at(-1)).toMatchObject({ orderId: o.id, logiCoprId: code });
    }
  });
});
