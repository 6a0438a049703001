import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CARRIER_CODES } from '../../main/sync/carrier-codes.js';
import { adapterFor, contextFor, rejection, ship } from '../sim/kuaishou/harness.js';
import { KsSim } from '../sim/kuaishou/server.js';

const sims: KsSim[] = [];
async function sim(): Promise<KsSim> {
  const s = await KsSim.start();
  sims.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

describe('Kuaishou ship write-back (open.seller.order.goods.deliver)', () => {
  it('delivers the whole order with an integer expressCode; the same waybill again is idempotent on Kuaishou', async () => {
    const s = await sim();
    const o = s.addOrder();
    const { adapter } = adapterFor(s);
    expect(await adapter.confirmShipment(ship(o.oid, 'SF1400012345678', 'SF'), contextFor(s).ctx)).toBe('done');
    const [req] = s.log;
    expect(req).toMatchObject({ method: 'POST', path: '/open/seller/order/goods/deliver', status: 200 });
    expect(String(req!.headers['content-type'])).toMatch(/^application\/x-www-form-urlencoded/);
    expect(new URLSearchParams(req!.body).get('param')).toBe(`{"expressCode":4,"expressNo":"SF1400012345678","orderId":${o.oid}}`);
    expect(s.orders.get(o.oid)).toMatchObject({ status: 40, logistics: [{ expressNo: 'SF1400012345678', expressCode: 4 }] });
    // Since 2024-11 Kuaishou answers the same waybill with success and changes nothing.
    expect(await adapter.confirmShipment(ship(o.oid, 'SF1400012345678', 'SF'), contextFor(s).ctx)).toBe('done');
    expect(s.deliveries).toHaveLength(1);
  });

  it('where Kuaishou still refuses a repeat, the order is read back: this waybill is "already"', async () => {
    const s = await sim();
    s.legacyRedeliver = true;
    const o = s.addOrder();
    const { adapter } = adapterFor(s);
    await adapter.confirmShipment(ship(o.oid, 'YT9876543210', 'YTO'), contextFor(s).ctx);
    expect(await adapter.confirmShipment(ship(o.oid, 'YT9876543210', 'YTO'), contextFor(s).ctx)).toBe('already');
    expect(s.log.map((r) => r.path)).toEqual(['/open/seller/order/goods/deliver', '/open/seller/order/goods/deliver', '/open/order/detail']);
    expect(s.deliveries).toHaveLength(1);
  });

  it('another waybill on a shipped order is an error naming both; logistics.update is not called', async () => {
    const s = await sim();
    const o = s.addOrder();
    const { adapter } = adapterFor(s);
    await adapter.confirmShipment(ship(o.oid, 'ZT111', 'ZTO'), contextFor(s).ctx);
    const e = await rejection(adapter.confirmShipment(ship(o.oid, 'ZT222', 'ZTO'), contextFor(s).ctx));
    expect(e).toMatchObject({ kind: 'bad_request', details: { platformCode: 'ORDER_ALREADY_DELIVERED' } });
    expect(e.message).toBe(`Kuaishou order ${o.oid} is already shipped with waybill ZT111, not ZT222; ShopDesk does not replace a waybill on Kuaishou: change it in the Kuaishou seller back office`);
    expect(s.log.some((r) => r.path.includes('logistics/update'))).toBe(false);
    expect(s.orders.get(o.oid)!.logistics).toHaveLength(1);
  });

  it('Kuaishou’s refusals reach the seller: unknown code, refund in progress, unpaid, closed, risky', async () => {
    const s = await sim();
    const { adapter } = adapterFor(s);
    const plain = s.addOrder();
    const refunding = s.addOrder();
    s.addRefund(refunding.oid, { status: 10 });
    const unpaid = s.addOrder({ status: 10 });
    const closed = s.addOrder({ status: 80 });
    const risky = s.addOrder({ riskCode: 10001 });
    const cases: [number, string, string | undefined, string, string][] = [
      [plain.oid, 'SF', '999', 'EXPRESS_CODE_INVALID', '快递公司编码不存在: 999'],
      [refunding.oid, 'SF', undefined, 'ORDER_REFUNDING', '订单存在进行中的售后，不能发货'],
      [unpaid.oid, 'SF', undefined, 'ORDER_STATUS_INVALID', '订单未支付，不能发货'],
      [closed.oid, 'SF', undefined, 'ORDER_STATUS_INVALID', '订单已关闭，不能发货'],
      [risky.oid, 'SF', undefined, 'ORDER_RISK', '订单存在风险(10001)，不建议发货'],
    ];
    for (const [oid, carrier, code, platformCode, reason] of cases) {
      const e = await rejection(adapter.confirmShipment(ship(oid, 'SF100', carrier, code), contextFor(s).ctx));
      expect(e).toMatchObject({ kind: 'bad_request', details: { platformCode } });
      expect(e.message).toBe(`Kuaishou refused to ship order ${oid} (status ${s.orders.get(oid)!.status}): ${reason}`);
    }
    expect(s.deliveries).toEqual([]);
  });

  it('refuses before calling Kuaishou when the code or the order id cannot be right', async () => {
    const s = await sim();
    const o = s.addOrder();
    const { adapter } = adapterFor(s);
    expect((await rejection(adapter.confirmShipment(ship(o.oid, 'SF1', 'SF', 'shunfeng'), contextFor(s).ctx))).message).toMatch(/expressCode for SF must be a number, not "shunfeng"/);
    expect((await rejection(adapter.confirmShipment(ship('99999999999999999999', 'SF1', 'SF'), contextFor(s).ctx))).message).toBe('"99999999999999999999" is not a Kuaishou order id');
    expect((await rejection(adapter.confirmShipment(ship(o.oid, '  ', 'SF'), contextFor(s).ctx))).message).toBe(`Kuaishou order ${o.oid}: the tracking number is empty`);
    await expect(adapter.confirmShipment(ship(o.oid, 'X1', 'UPS'), contextFor(s).ctx)).rejects.toThrow('kuaishou has no company code for carrier "UPS": add one under Settings → Carriers');
    expect(s.log).toHaveLength(0);
  });

  it('every built-in Kuaishou expressCode is one Kuaishou accepts', async () => {
    const s = await sim();
    const { adapter } = adapterFor(s);
    const table = Object.entries(DEFAULT_CARRIER_CODES.kuaishou ?? {});
    expect(table.length).toBeGreaterThan(0);
    for (const [carrier, code] of table) {
      const o = s.addOrder();
      expect(await adapter.confirmShipment(ship(o.oid, `W${code}X1`, carrier), contextFor(s).ctx)).toBe('done');
      expect(s.deliveries.at(-1)).toMatchObject({ oid: o.oid, expressCode: Number(code) });
    }
  });
});
