import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core.js';
import { createTaobaoAdapter } from '../../main/sync/platforms/taobao/adapter.js';
import { SIM_CREDENTIALS } from '../sim/taobao/harness.js';
import { TaobaoSim } from '../sim/taobao/server.js';
import { tmpDir, TEST_CTX } from '../helpers/tmp.js';

const MIN = 60_000;
const running: { core?: Core; sim?: TaobaoSim }[] = [];
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

const orderRow = (core: Core, tid: string) =>
  core.db.prepare('SELECT id, platform_state, payment, buyer_name, buyer_phone, address1, pii_masked, total_minor FROM orders WHERE platform_order_id = ?').get(tid) as {
    id: number;
    platform_state: string;
    payment: string;
    buyer_name: string;
    buyer_phone: string;
    address1: string;
    pii_masked: number;
    total_minor: number;
  };

describe('sync engine against the Taobao simulator', () => {
  it('syncs trades and refunds, reveals an address for a label with an event, and writes tracking back with the right company code', async () => {
    const sim = await TaobaoSim.start();
    running.push({ sim });
    const t0 = sim.clock.now();
    const plain = [0, 1, 2].map((i) => sim.addTrade({ lines: [{ price: '25.00', num: i + 1 }], post: '6.00' }, t0 - 3 * 3600_000 + i * 60_000));
    const refunded = sim.addTrade({ lines: [{ price: '40.00' }, { price: '9.90' }] }, t0 - 2 * 3600_000);
    sim.clock.advance(MIN);
    const refund = sim.addRefund(refunded.tid, { line: 1, refundFee: '9.90' });
    sim.clock.advance(10 * MIN);

    const adapter = createTaobaoAdapter({ retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 } });
    const core = createCore({ dbPath: path.join(tmpDir(), 'taobao.db'), checkOutputs: true, log: () => {}, adapters: [adapter], now: () => sim.clock.now() });
    running.push({ core });
    const shop = (await call(core, 'shops.add', { platform: 'taobao', name: 'Tmall flagship', currency: 'CNY', credentials: { ...SIM_CREDENTIALS, signMethod: '' }, baseUrl: sim.url })) as { id: number };

    const [r] = (await call(core, 'sync.run', { shopId: shop.id })) as { created: number; mappingErrors: number; afterSales: { created: number }; error: unknown }[];
    expect(r).toMatchObject({ created: 4, mappingErrors: 0, afterSales: { created: 1 }, error: null });
    expect(sim.state.decryptCalls).toBe(0); // syncing never decrypts

    const first = orderRow(core, plain[0]!.tid);
    expect(first).toMatchObject({ platform_state: 'to_ship', payment: 'paid', buyer_name: '张**', buyer_phone: '*******5678', pii_masked: 1, total_minor: 3100 });
    expect(orderRow(core, refunded.tid)).toMatchObject({ payment: 'partly_refunded' });
    const ref = core.db.prepare('SELECT ref FROM order_pii WHERE order_id = ?').get(first.id) as { ref: string };
    expect(JSON.parse(ref.ref)).toEqual({ oaid: plain[0]!.oaid, tid: plain[0]!.tid });
    const cases = core.db.prepare('SELECT platform_after_sale_id, order_id, state, kind, refund_minor FROM after_sales WHERE shop_id = ?').all(shop.id);
    expect(cases).toEqual([{ platform_after_sale_id: refund.refundId, order_id: orderRow(core, refunded.tid).id, state: 'requested', kind: 'refund_only', refund_minor: 990 }]);

    // The label's address: plaintext in memory, an event in the log, nothing decrypted in the database.
    const revealed = await core.sync.pii.reveal([first.id], 'print_waybill', { actor: 'test' });
    expect(revealed.get(first.id)).toMatchObject({ ok: true, address: { name: '张三丰', phone: '13812345678', address1: '文一西路969号' } });
    expect(sim.state.decryptCalls).toBe(1);
    expect(sim.state.decrypted).toEqual([{ tid: plain[0]!.tid, scene: '1004' }]);
    const events = core.db.prepare("SELECT actor, reason, data FROM events WHERE entity = 'order' AND entity_id = ? AND action = 'pii_decrypted'").all(first.id) as { actor: string; reason: string; data: string }[];
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: 'test', reason: 'print_waybill' });
    for (const [table, column] of [['orders', 'buyer_name'], ['orders', 'address1'], ['order_raw', 'payload'], ['events', 'data']] as const) {
      const hits = core.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${column} LIKE '%张三丰%' OR ${column} LIKE '%13812345678%' OR ${column} LIKE '%文一西路969号%'`).get() as { n: number };
      expect(hits.n, `${table}.${column}`).toBe(0);
    }

    // Tracking write-back through the durable outbox: the built-in code, then a seller's override.
    const signal = new AbortController().signal;
    core.sync.outbox.enqueueShipment(shop.id, first.id, { platformOrderId: plain[0]!.tid, carrier: 'SF', trackingNo: 'SF1234567890123', shippedAt: sim.clock.now(), lines: [] });
    core.sync.carrierCodes.set('taobao', 'CHINAPOST', 'POST', sim.clock.now());
    const second = orderRow(core, plain[1]!.tid);
    core.sync.outbox.enqueueShipment(shop.id, second.id, { platformOrderId: plain[1]!.tid, carrier: 'CHINAPOST', trackingNo: '1123456789012', shippedAt: sim.clock.now(), lines: [] });
    expect(await core.sync.outbox.sendDue(signal)).toBe(2);
    expect(sim.shipments.map((x) => [x.tid, x.outSid, x.companyCode])).toEqual([
      [plain[0]!.tid, 'SF1234567890123', 'SF'],
      [plain[1]!.tid, '1123456789012', 'POST'],
    ]);
    const outbox = core.db.prepare('SELECT state, result FROM outbox ORDER BY id').all();
    expect(outbox).toEqual([
      { state: 'done', result: 'done' },
      { state: 'done', result: 'done' },
    ]);

    // The next poll sees the shipments.
    sim.clock.advance(MIN);
    const [again] = (await call(core, 'sync.run', { shopId: shop.id })) as { updated: number; error: unknown }[];
    expect(again).toMatchObject({ updated: 2, error: null });
    expect(orderRow(core, plain[0]!.tid).platform_state).toBe('shipped');
  });
});
