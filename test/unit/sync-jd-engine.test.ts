import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core.js';
import { createJdAdapter } from '../../main/sync/platforms/jd/adapter.js';
import { JD_SIM_APP, JdSim } from '../sim/jd/server.js';
import { TEST_CTX, tmpDir } from '../helpers/tmp.js';

const MIN = 60_000;
const running: { core?: Core; sim?: JdSim }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    r.core?.close();
    await r.sim?.close();
  }
});

async function call(core: Core, channel: string, input: unknown): Promise<unknown> {
  const r = await core.dispatch(channel, input, TEST_CTX);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('sync engine against the JD simulator', () => {
  it('adds the shop, syncs orders masked, says JD addresses cannot be decrypted, and writes a shipment back with JD’s code', async () => {
    const sim = await JdSim.start();
    running.push({ sim });
    const placed = sim.clock.now() - 2 * 3600_000;
    const orderIds = Array.from({ length: 130 }, (_, i) => sim.addOrder({ createdAt: placed, items: [{ priceFen: 1250, qty: 2, outerSkuId: `SKU-${i}` }], freightFen: 600 }, placed + i * 30_000).id);
    sim.clock.advance(10 * MIN);
    const adapter = createJdAdapter({ retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 } });
    const core = createCore({ dbPath: path.join(tmpDir(), 'jd.db'), checkOutputs: true, log: () => {}, adapters: [adapter], now: () => sim.clock.now() });
    running.push({ core });

    const bad = await core.dispatch('shops.add', { platform: 'jd', name: 'JD 旗舰店', credentials: { appKey: JD_SIM_APP.appKey, appSecret: 'has space' }, baseUrl: sim.url }, TEST_CTX);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!bad.ok && bad.error.message).toMatch(/^jd credentials: appSecret: only letters.*; accessToken is required$/);

    const shop = (await call(core, 'shops.add', { platform: 'jd', name: 'JD 旗舰店', credentials: { ...JD_SIM_APP }, baseUrl: sim.url })) as { id: number };
    const [r] = (await call(core, 'sync.run', { shopId: shop.id })) as { created: number; error: unknown; windows: number }[];
    expect(r).toMatchObject({ created: 130, error: null, windows: 30 }); // 30 days back, one day a window
    const row = core.db.prepare('SELECT id, currency, total_minor, goods_minor, pii_masked, buyer_name, buyer_phone, platform_state FROM orders WHERE shop_id = ? AND platform_order_id = ?').get(shop.id, orderIds[0]) as Record<string, unknown>;
    expect(row).toMatchObject({ currency: 'CNY', total_minor: 3100, goods_minor: 2500, pii_masked: 1, buyer_name: '王**', buyer_phone: '139****5678', platform_state: 'to_ship' });
    const orderId = row.id as number;

    const revealed = await core.sync.pii.reveal([orderId], 'print_waybill', { actor: 'test' });
    expect(revealed.get(orderId)).toEqual({ ok: false, message: expect.stringMatching(/^jd addresses cannot be decrypted by ShopDesk: print .* platform's own waybill tool$/) });
    expect(core.db.prepare("SELECT count(*) AS n FROM events WHERE action = 'pii_decrypted'").get()).toEqual({ n: 0 });

    const id = core.sync.outbox.enqueueShipment(shop.id, orderId, { platformOrderId: orderIds[0]!, carrier: 'SF', trackingNo: 'SF1400012345678', shippedAt: sim.clock.now(), lines: [] });
    await core.sync.outbox.sendDue(new AbortController().signal);
    expect(sim.shipments).toEqual([{ orderId: orderIds[0], logiCoprId: '467', logiNo: 'SF1400012345678', at: sim.clock.now() }]);
    expect(core.sync.outbox.list().find((i) => i.id === id)).toMatchObject({ state: 'done', result: 'done' });

    // The next poll picks up JD's own record of the shipment.
    sim.clock.advance(5 * MIN);
    const [again] = (await call(core, 'sync.run', { shopId: shop.id })) as { updated: number; error: unknown }[];
    expect(again).toMatchObject({ updated: 1, error: null });
    expect(core.db.prepare('SELECT platform_status, platform_state FROM orders WHERE id = ?').get(orderId)).toEqual({ platform_status: 'WAIT_GOODS_RECEIVE_CONFIRM', platform_state: 'shipped' });
  });
});
