import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core.js';
import { createPinduoduoAdapter } from '../../main/sync/platforms/pinduoduo/adapter.js';
import { SIM_CREDENTIALS } from '../sim/pinduoduo/harness.js';
import { PddSim } from '../sim/pinduoduo/server.js';
import { tmpDir, TEST_CTX } from '../helpers/tmp.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const running: { core?: Core; sim?: PddSim }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    r.core?.close();
    await r.sim?.close();
  }
});

/** A fast retry policy, so storms are short; the protocol is the real one. */
const adapter = createPinduoduoAdapter({ retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 } });

async function call(core: Core, channel: string, input: unknown): Promise<unknown> {
  const r = await core.dispatch(channel, input, TEST_CTX);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

async function setup() {
  const sim = await PddSim.start();
  running.push({ sim });
  const core = createCore({ dbPath: path.join(tmpDir(), 'pdd.db'), checkOutputs: true, log: () => {}, adapters: [adapter], now: () => sim.clock.now() });
  running.push({ core });
  const shop = (await call(core, 'shops.add', { platform: 'pinduoduo', name: '拼多多旗舰店', credentials: { ...SIM_CREDENTIALS }, baseUrl: sim.url })) as { id: number };
  return { sim, core, shopId: shop.id };
}

type RunResult = { created: number; updated: number; mappingErrors: number; afterSales: { created: number }; error: unknown };
const orderRow = (core: Core, shopId: number, sn: string) =>
  core.db.prepare('SELECT id, platform_state, payment, queue, buyer_name, buyer_phone, address1, pii_masked FROM orders WHERE shop_id = ? AND platform_order_id = ?').get(shopId, sn) as
    | { id: number; platform_state: string; payment: string; queue: string; buyer_name: string; buyer_phone: string; address1: string; pii_masked: number }
    | undefined;

describe('sync engine against the Pinduoduo simulator', () => {
  it('syncs orders and after-sales (linked), reveals an address only through PDD’s decrypt, and writes a shipment back', async () => {
    const { sim, core, shopId } = await setup();
    const t0 = sim.clock.now();
    const mine = sim.addOrder({ receiver: { name: '王芳', phone: '13700001234', province: '广东省', city: '深圳市', town: '南山区', detail: '科技园南区 8 栋 1201' } }, t0 - 30 * HOUR);
    const others = [sim.addOrder({}, t0 - 50 * HOUR), sim.addOrder({ status: 2, logisticsId: 85, trackingNumber: 'YT1111111111' }, t0 - 2 * HOUR), sim.addOrder({ risk: 1 }, t0 - HOUR)];
    sim.addOrder({}, t0 - 4 * 24 * HOUR); // before the first sync's reach
    const refunded = sim.addOrder({}, t0 - 3 * HOUR);
    const broken = sim.addOrder({}, t0 - 3 * HOUR);
    sim.breakOrder(broken.sn, { goods_amount: null });
    sim.clock.advance(MIN);
    const kase = sim.addRefund(refunded.sn, { type: 2, status: 2, amount: '10.00' });
    sim.clock.advance(10 * MIN);

    const [r] = (await call(core, 'sync.run', { shopId })) as RunResult[];
    expect(r).toMatchObject({ error: null, created: 5, mappingErrors: 1, afterSales: { created: 1 } });
    const errors = (await call(core, 'sync.errors', { shopId })) as { platformOrderId: string; message: string }[];
    expect(errors).toEqual([expect.objectContaining({ platformOrderId: broken.sn, message: `拼多多旗舰店 (pinduoduo): order ${broken.sn}: field goods_amount: expected a yuan amount` })]);
    expect((core.db.prepare('SELECT count(*) AS n FROM orders WHERE shop_id = ?').get(shopId) as { n: number }).n).toBe(5);
    const row = orderRow(core, shopId, mine.sn)!;
    expect(row).toMatchObject({ platform_state: 'to_ship', payment: 'paid', buyer_name: '王*', buyer_phone: '137****1234', pii_masked: 1 });
    // Under PDD's risk review: paid and to_ship, with the flag in the verbatim status for the audit's platform_risk hold.
    expect(orderRow(core, shopId, others[2]!.sn)).toMatchObject({ platform_state: 'to_ship' });
    expect(core.db.prepare('SELECT platform_status FROM orders WHERE platform_order_id = ?').get(others[2]!.sn)).toEqual({ platform_status: expect.stringContaining('risk_control_status=1') });
    const ref = JSON.parse((core.db.prepare('SELECT ref FROM order_pii WHERE order_id = ?').get(row.id) as { ref: string }).ref) as Record<string, string>;
    expect(ref.receiver_phone).toBe(mine.cipher.phone);
    // Nothing persistent holds plaintext.
    const dump = JSON.stringify([core.db.prepare('SELECT * FROM orders').all(), core.db.prepare('SELECT * FROM order_raw').all(), core.db.prepare('SELECT * FROM order_pii').all()]);
    expect(dump).not.toContain('13700001234');
    expect(dump).not.toContain('王芳');
    const caseRow = core.db.prepare('SELECT order_id, kind, state, refund_minor FROM after_sales WHERE platform_after_sale_id = ?').get(String(kase.id));
    expect(caseRow).toEqual({ order_id: orderRow(core, shopId, refunded.sn)!.id, kind: 'refund_only', state: 'requested', refund_minor: 1000 });

    const revealed = await core.sync.pii.reveal([row.id], 'print_waybill', { actor: 'test' });
    expect(revealed.get(row.id)).toEqual({
      ok: true,
      address: { name: '王芳', phone: '13700001234', country: 'CN', province: '广东省', city: '深圳市', district: '南山区', address1: '科技园南区 8 栋 1201', virtualPhone: false },
    });
    expect(sim.state.decrypt).toEqual({ calls: 1, items: 3 });
    const ev = core.db.prepare("SELECT actor, reason, data FROM events WHERE entity = 'order' AND entity_id = ? AND action = 'pii_decrypted'").all(row.id) as { actor: string; reason: string; data: string }[];
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ actor: 'test', reason: 'print_waybill' });
    expect(ev[0]!.data).not.toContain('13700001234');

    const signal = new AbortController().signal;
    core.sync.outbox.enqueueShipment(shopId, row.id, { platformOrderId: mine.sn, carrier: 'SF', trackingNo: 'SF1234567890', shippedAt: sim.clock.now(), lines: [] });
    expect(await core.sync.outbox.sendDue(signal)).toBe(1);
    expect(sim.state.shipments).toEqual([expect.objectContaining({ sn: mine.sn, logisticsId: '44', trackingNumber: 'SF1234567890', refused: null })]);
    expect((await call(core, 'outbox.list', {})) as unknown[]).toEqual([expect.objectContaining({ state: 'done', result: 'done' })]);

    // The next poll sees PDD's shipped status; the watermark stays PDD's settle time behind.
    sim.clock.advance(5 * MIN);
    const [again] = (await call(core, 'sync.run', { shopId })) as RunResult[];
    expect(again).toMatchObject({ error: null, created: 0, updated: 1 });
    expect(orderRow(core, shopId, mine.sn)).toMatchObject({ platform_state: 'shipped' });
    const wm = (core.db.prepare('SELECT watermark FROM sync_state WHERE shop_id = ?').get(shopId) as { watermark: number }).watermark;
    expect(wm).toBe(sim.clock.now() - adapter.settleMs);
  });

  it('with PDD’s index lag (realistic mode) polling every minute loses no order, and a refused token is a plain auth failure', async () => {
    const { sim, core, shopId } = await setup();
    sim.realistic = true;
    const all: string[] = [];
    for (let minute = 0; minute < 15; minute++) {
      for (let k = 0; k < 4; k++) {
        all.push(sim.addOrder().sn);
        sim.clock.advance(9_000);
      }
      sim.clock.advance(MIN - 36_000);
      const [r] = (await call(core, 'sync.run', { shopId })) as RunResult[];
      expect(r!.error).toBeNull();
    }
    sim.clock.advance(5 * MIN);
    await call(core, 'sync.run', { shopId });
    const stored = (core.db.prepare('SELECT platform_order_id AS sn FROM orders WHERE shop_id = ?').all(shopId) as { sn: string }[]).map((x) => x.sn);
    expect(new Set(stored)).toEqual(new Set(all));
    expect(stored).toHaveLength(all.length);

    sim.expireToken();
    sim.clock.advance(2 * MIN);
    const [failed] = (await call(core, 'sync.run', { shopId })) as { error: { kind: string; message: string } }[];
    expect(failed!.error.kind).toBe('auth');
    expect(failed!.error.message).toMatch(/^拼多多旗舰店 \(pinduoduo\): the platform refused the shop’s credentials \(10019\): Pinduoduo refused the shop's access token/);
    expect(failed!.error.message).not.toContain(SIM_CREDENTIALS.accessToken);
  });
});
