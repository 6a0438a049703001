import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core.js';
import { createDouyinAdapter } from '../../main/sync/platforms/douyin/adapter.js';
import { tmpDir, TEST_CTX } from '../helpers/tmp.js';
import { SIM_CREDENTIALS } from '../sim/douyin/harness.js';
import { DouyinSim, SIM_TOKENS } from '../sim/douyin/server.js';

const MIN = 60_000;
const running: { core?: Core; sim?: DouyinSim }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    r.core?.close();
    await r.sim?.close();
  }
});

/** A fast retry policy, so storms are short; the protocol is the real one. */
const adapter = createDouyinAdapter({ retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 } });

async function call(core: Core, channel: string, input: unknown): Promise<unknown> {
  const r = await core.dispatch(channel, input, TEST_CTX);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('sync engine against the 抖店 simulator', () => {
  it('syncs orders and cases, renews the token through the store, reveals an address for a label, writes tracking back', async () => {
    const sim = await DouyinSim.start();
    running.push({ sim });
    const ids = Array.from({ length: 130 }, (_, i) => {
      sim.clock.advance(20_000);
      return sim.addOrder({ skus: [{ outSkuId: `SKU-${i % 7}`, qty: 1 + (i % 3), price: 1990 }] }).id;
    });
    sim.clock.advance(MIN);
    const refund = sim.addAfterSale({ orderId: ids[3]!, type: 2, status: 6, refundAmount: 1990 });
    const ret = sim.addAfterSale({ orderId: ids[4]!, type: 0, status: 7, refundAmount: 1990 });
    sim.clock.advance(MIN);
    sim.expireAccessToken(); // the first sync has to renew it and keep the new pair

    const core = createCore({ dbPath: path.join(tmpDir(), 'douyin.db'), checkOutputs: true, log: () => {}, adapters: [adapter], now: () => sim.clock.now() });
    running.push({ core });
    const shop = (await call(core, 'shops.add', { platform: 'douyin', name: '抖店 旗舰店', currency: 'CNY', credentials: SIM_CREDENTIALS, baseUrl: sim.url })) as { id: number };
    const [r] = (await call(core, 'sync.run', { shopId: shop.id })) as { created: number; mappingErrors: number; error: unknown }[];
    expect(r).toMatchObject({ created: 130, mappingErrors: 0, error: null });
    expect(core.db.prepare('SELECT count(*) AS n FROM orders WHERE shop_id = ?').get(shop.id)).toEqual({ n: 130 });

    // The renewed tokens were saved (sealed) and are the ones the simulator now honours.
    const creds = core.sync.shops.context(shop.id).credentials;
    expect(creds.accessToken).not.toBe(SIM_TOKENS.accessToken);
    expect(sim.state.tokens.access.get(creds.accessToken!)!.expiresAt).toBeGreaterThan(sim.clock.now());
    expect(sim.callsOf('token.refresh')).toHaveLength(1);

    // Cases are linked to their orders, and the orders' after-sales axis follows.
    const cases = core.db.prepare('SELECT platform_after_sale_id AS id, order_id, kind, state FROM after_sales WHERE shop_id = ? ORDER BY id').all(shop.id) as { id: string; order_id: number | null }[];
    const orderRow = (platformId: string) => core.db.prepare('SELECT id, after_sales, buyer_name, pii_masked FROM orders WHERE shop_id = ? AND platform_order_id = ?').get(shop.id, platformId) as { id: number; after_sales: string; buyer_name: string; pii_masked: number };
    expect(cases).toEqual([
      { id: refund.id, order_id: orderRow(ids[3]!).id, kind: 'refund_only', state: 'requested' },
      { id: ret.id, order_id: orderRow(ids[4]!).id, kind: 'return_refund', state: 'in_progress' },
    ]);
    expect(orderRow(ids[3]!).after_sales).toBe('requested');

    // The label: plaintext through batchDecrypt, an event on the order, nothing stored.
    const target = orderRow(ids[0]!);
    expect(target).toMatchObject({ buyer_name: '张**', pii_masked: 1 });
    const revealed = await core.sync.pii.reveal([target.id], 'print_waybill', { actor: 'test' });
    expect(revealed.get(target.id)).toMatchObject({ ok: true, address: { name: '张三丰', phone: '13812345678', address1: '中关村大街27号院3号楼1201', district: '海淀区' } });
    expect(sim.state.decrypt.calls).toBe(1);
    const events = core.db.prepare("SELECT actor, reason, data FROM events WHERE entity = 'order' AND entity_id = ? AND action = 'pii_decrypted'").all(target.id);
    expect(events).toEqual([{ actor: 'test', reason: 'print_waybill', data: JSON.stringify({ platform: 'douyin', ok: true }) }]);
    for (const table of ['orders', 'order_lines', 'order_pii', 'events', 'after_sales', 'sync_errors']) {
      const dump = JSON.stringify(core.db.prepare(`SELECT * FROM ${table}`).all());
      for (const plain of ['张三丰', '13812345678', '27号院']) expect(dump, `${table} holds plaintext`).not.toContain(plain);
    }

    // A shipment queued in the outbox reaches 抖店 with 抖店's own company code.
    const shipTarget = orderRow(ids[10]!);
    core.db.transaction(() =>
      core.sync.outbox.enqueueShipment(shop.id, shipTarget.id, { platformOrderId: ids[10]!, carrier: 'YTO', trackingNo: 'YT7531234567890', shippedAt: sim.clock.now(), lines: [] }),
    )();
    await core.sync.outbox.sendDue(new AbortController().signal);
    expect(sim.callsOf('order.logisticsAdd').map((c) => c.params)).toEqual([{ company_code: 'yuantong', logistics_code: 'YT7531234567890', order_id: ids[10] }]);
    expect(core.sync.outbox.list()[0]).toMatchObject({ state: 'done', result: 'done' });
    expect(sim.state.orders.get(ids[10]!)!.json.order_status).toBe(3);
  });

  it('a case opening on an order being packed intercepts it on the next sync', async () => {
    const sim = await DouyinSim.start();
    running.push({ sim });
    const id = sim.addOrder({ skus: [{ qty: 1, price: 500 }] }).id;
    sim.clock.advance(MIN);
    const core = createCore({ dbPath: path.join(tmpDir(), 'douyin2.db'), checkOutputs: true, log: () => {}, adapters: [adapter], now: () => sim.clock.now() });
    running.push({ core });
    const shop = (await call(core, 'shops.add', { platform: 'douyin', name: '抖店 B', currency: 'CNY', credentials: SIM_CREDENTIALS, baseUrl: sim.url })) as { id: number };
    const [first] = (await call(core, 'sync.run', { shopId: shop.id })) as { created: number; error: unknown }[];
    expect(first).toMatchObject({ created: 1, error: null });
    const ours = core.db.prepare('SELECT id FROM orders WHERE platform_order_id = ?').get(id) as { id: number };
    core.db.prepare("UPDATE orders SET workflow = 'printed', queue = 'to_pack' WHERE id = ?").run(ours.id);
    sim.clock.advance(MIN);
    sim.addAfterSale({ orderId: id, type: 2, status: 6, refundAmount: 500 });
    sim.clock.advance(MIN);
    const [r] = (await call(core, 'sync.run', { shopId: shop.id })) as { error: unknown }[];
    expect(r).toMatchObject({ error: null });
    expect(core.db.prepare('SELECT queue, after_sales FROM orders WHERE id = ?').get(ours.id)).toEqual({ queue: 'intercepted', after_sales: 'requested' });
  });
});
