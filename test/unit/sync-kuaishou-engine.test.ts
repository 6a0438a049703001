import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core.js';
import { createKuaishouAdapter } from '../../main/sync/platforms/kuaishou/adapter.js';
import { KS_SIM_APP, KsSim } from '../sim/kuaishou/server.js';
import { TEST_CTX, tmpDir } from '../helpers/tmp.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const running: { core?: Core; sim?: KsSim }[] = [];
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

describe('sync engine against the Kuaishou simulator', () => {
  it('syncs orders and their after-sales cases, refreshes the token, declines to decrypt, and ships with Kuaishou’s code', async () => {
    const sim = await KsSim.start();
    running.push({ sim });
    const t0 = sim.clock.now() - 3 * HOUR;
    const orders = Array.from({ length: 70 }, (_, i) => sim.addOrder({ createTime: t0, priceFen: 1500, num: 2, expressFen: 600 }, t0 + i * MIN));
    sim.clock.set(t0 + 2 * HOUR);
    const refund = sim.addRefund(orders[3]!.oid, { status: 10, handlingWay: 1, refundFeeFen: 3000 });
    const done = sim.addRefund(orders[4]!.oid, { status: 60, refundFeeFen: 1500 });
    sim.clock.set(t0 + 3 * HOUR);
    sim.expireAccessTokens(); // the stored access token has run out: the first call refreshes it

    const adapter = createKuaishouAdapter({ retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 } });
    const core = createCore({ dbPath: path.join(tmpDir(), 'ks.db'), checkOutputs: true, log: () => {}, adapters: [adapter], now: () => sim.clock.now() });
    running.push({ core });
    const shop = (await call(core, 'shops.add', { platform: 'kuaishou', name: '快手小店', credentials: { ...KS_SIM_APP }, baseUrl: sim.url })) as { id: number };

    const [r] = (await call(core, 'sync.run', { shopId: shop.id })) as { created: number; error: unknown; afterSales: { created: number } }[];
    expect(r).toMatchObject({ created: 70, error: null, afterSales: { created: 2 } });
    expect(sim.tokens.refreshes).toBe(1);
    const stored = core.sync.shops.context(shop.id).credentials;
    expect(stored.accessToken).not.toBe(KS_SIM_APP.accessToken);
    expect(sim.tokens.access.get(stored.accessToken!)).toBeGreaterThan(sim.clock.now());
    expect(sim.tokens.refresh.has(stored.refreshToken!)).toBe(true);

    const orderRow = (oid: number) => core.db.prepare('SELECT id, total_minor, payment, after_sales, pii_masked, buyer_name FROM orders WHERE shop_id = ? AND platform_order_id = ?').get(shop.id, String(oid)) as Record<string, unknown>;
    expect(orderRow(orders[0]!.oid)).toMatchObject({ total_minor: 3600, payment: 'paid', after_sales: 'none', pii_masked: 1, buyer_name: '李**' });
    expect(orderRow(orders[3]!.oid)).toMatchObject({ after_sales: 'requested' });
    expect(orderRow(orders[4]!.oid)).toMatchObject({ payment: 'partly_refunded', after_sales: 'closed' });
    const cases = core.db.prepare('SELECT platform_after_sale_id, order_id, kind, state, platform_status, refund_minor FROM after_sales WHERE shop_id = ? ORDER BY platform_after_sale_id').all(shop.id);
    expect(cases).toEqual([
      { platform_after_sale_id: String(refund.refundId), order_id: orderRow(orders[3]!.oid).id, kind: 'return_refund', state: 'requested', platform_status: '10', refund_minor: 3000 },
      { platform_after_sale_id: String(done.refundId), order_id: orderRow(orders[4]!.oid).id, kind: 'refund_only', state: 'succeeded', platform_status: '60', refund_minor: 1500 },
    ]);

    const orderId = orderRow(orders[0]!.oid).id as number;
    const revealed = await core.sync.pii.reveal([orderId], 'print_waybill', { actor: 'test' });
    expect(revealed.get(orderId)).toEqual({ ok: false, message: expect.stringMatching(/^kuaishou addresses cannot be decrypted by ShopDesk: print .* platform's own waybill tool$/) });
    expect(core.db.prepare("SELECT count(*) AS n FROM events WHERE action = 'pii_decrypted'").get()).toEqual({ n: 0 });
    expect(core.db.prepare('SELECT ref FROM order_pii WHERE order_id = ?').get(orderId)).toEqual({ ref: expect.stringContaining('encryptedAddress') });

    const id = core.sync.outbox.enqueueShipment(shop.id, orderId, { platformOrderId: String(orders[0]!.oid), carrier: 'SF', trackingNo: 'SF1400012345678', shippedAt: sim.clock.now(), lines: [] });
    await core.sync.outbox.sendDue(new AbortController().signal);
    expect(sim.deliveries).toEqual([{ oid: orders[0]!.oid, expressNo: 'SF1400012345678', expressCode: 4, at: sim.clock.now() }]);
    expect(core.sync.outbox.list().find((i) => i.id === id)).toMatchObject({ state: 'done', result: 'done' });
    // The write-back used the refreshed token the sync saved, without refreshing again.
    expect(sim.tokens.refreshes).toBe(1);
  });
});
