import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core.js';
import { createWoocommerceAdapter } from '../../main/sync/platforms/woocommerce/adapter.js';
import { startWooSim, WOO_SIM_KEY, type WooSim } from '../sim/woocommerce/server.js';
import { tmpDir, TEST_CTX } from '../helpers/tmp.js';

const MIN = 60_000;
const running: { core?: Core; sim?: WooSim }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    r.core?.close();
    await r.sim?.close();
  }
});

/** A fast retry policy, so storms are short; the protocol is the real one. */
const adapter = createWoocommerceAdapter({ retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 } });

function openCore(sim: WooSim, dbPath: string): Core {
  const core = createCore({ dbPath, checkOutputs: true, log: () => {}, adapters: [adapter], now: () => sim.clock.now() });
  running.push({ core });
  return core;
}

async function setup(orders: number) {
  const sim = await startWooSim();
  running.push({ sim });
  for (let i = 0; i < orders; i++) {
    sim.addOrder({ status: 'processing' });
    sim.clock.advance(20_000);
  }
  sim.clock.advance(10 * MIN);
  const dbPath = path.join(tmpDir(), 'sync.db');
  const core = openCore(sim, dbPath);
  const shop = await call(core, 'shops.add', {
    platform: 'woocommerce',
    name: 'Spruce EU',
    currency: 'EUR',
    credentials: { siteUrl: sim.homeUrl, consumerKey: WOO_SIM_KEY.consumerKey, consumerSecret: WOO_SIM_KEY.consumerSecret },
    baseUrl: sim.url,
  });
  return { sim, core, dbPath, shopId: (shop as { id: number }).id };
}

async function call(core: Core, channel: string, input: unknown): Promise<unknown> {
  const r = await core.dispatch(channel, input, TEST_CTX);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

const count = (core: Core, shopId: number) => (core.db.prepare('SELECT count(*) AS n FROM orders WHERE shop_id = ?').get(shopId) as { n: number }).n;
const watermark = (core: Core, shopId: number) => (core.db.prepare('SELECT watermark FROM sync_state WHERE shop_id = ?').get(shopId) as { watermark: number | null }).watermark;

describe('sync engine against the WooCommerce simulator', () => {
  it('first sync stores every order once and moves the cursor to the end of what it read', async () => {
    const { sim, core, shopId } = await setup(230);
    const [r] = (await call(core, 'sync.run', { shopId })) as { created: number; pages: number; error: unknown }[];
    expect(r).toMatchObject({ created: 230, error: null });
    expect(r!.pages).toBeGreaterThanOrEqual(3);
    expect(count(core, shopId)).toBe(230);
    expect(watermark(core, shopId)).toBe(sim.clock.now() - adapter.settleMs);
    // Credentials are sealed in the database and never come back out through the contract.
    const row = core.db.prepare('SELECT credentials_enc FROM shops WHERE id = ?').get(shopId) as { credentials_enc: Buffer };
    expect(row.credentials_enc.includes(Buffer.from(WOO_SIM_KEY.consumerSecret))).toBe(false);
    expect(JSON.stringify(await call(core, 'shops.list', {}))).not.toContain(WOO_SIM_KEY.consumerSecret);
  });

  it('an incremental sync reads only what changed, and a platform cancel after approval intercepts the order', async () => {
    const { sim, core, shopId } = await setup(40);
    await call(core, 'sync.run', { shopId });
    const wooId = [...sim.orders.keys()][5]!;
    const ours = core.db.prepare('SELECT id FROM orders WHERE shop_id = ? AND platform_order_id = ?').get(shopId, String(wooId)) as { id: number };
    core.db.prepare("UPDATE orders SET workflow = 'printed', queue = 'to_pack' WHERE id = ?").run(ours.id); // already in the pipeline
    sim.clock.advance(MIN);
    sim.updateOrder(wooId, { status: 'cancelled' });
    sim.clock.advance(MIN);
    const [r] = (await call(core, 'sync.run', { shopId })) as { created: number; updated: number; unchanged: number }[];
    expect(r).toMatchObject({ created: 0, updated: 1 });
    expect(r!.unchanged).toBeLessThan(40); // the overlap re-reads a little, not everything
    expect(count(core, shopId)).toBe(40);
    expect(core.db.prepare('SELECT queue, platform_status FROM orders WHERE id = ?').get(ours.id)).toEqual({ queue: 'intercepted', platform_status: 'cancelled' });
  });

  it('a failed sync keeps its cursor, says what happened in plain words, and the next run completes without duplicates', async () => {
    const { sim, core, shopId } = await setup(30);
    await call(core, 'sync.run', { shopId });
    const before = watermark(core, shopId);
    sim.clock.advance(MIN);
    for (let i = 0; i < 150; i++) {
      sim.addOrder({ status: 'processing' });
      sim.clock.advance(1000);
    }
    sim.clock.advance(MIN);
    // Page 1 is answered, then the store fails for longer than the adapter's retry budget (3 attempts).
    sim.afterListPage(1, () => sim.failNext(3, { status: 502 }));
    const [failed] = (await call(core, 'sync.run', { shopId })) as { error: { kind: string; message: string } | null; created: number }[];
    expect(failed!.error).toMatchObject({ kind: 'server' });
    expect(failed!.error!.message).toMatch(/^Spruce EU \(woocommerce\): the platform’s servers kept failing/);
    expect(failed!.created).toBe(100); // the first page was stored whole
    expect(watermark(core, shopId)).toBe(before); // the cursor did not move past what was not stored
    const health = (await call(core, 'sync.health', {})) as { shopId: number; lastError: string | null; consecutiveFailures: number }[];
    expect(health.find((h) => h.shopId === shopId)).toMatchObject({ consecutiveFailures: 1, lastError: expect.stringContaining('Spruce EU (woocommerce)') });
    const [ok] = (await call(core, 'sync.run', { shopId })) as { error: unknown; created: number }[];
    expect(ok).toMatchObject({ error: null, created: 50 });
    expect(count(core, shopId)).toBe(180);
    expect(watermark(core, shopId)!).toBeGreaterThan(before!);
  });

  it('survives a restart mid-sync: nothing lost, nothing twice', async () => {
    const { sim, core, dbPath, shopId } = await setup(260);
    // Stop right after the first page is stored, as a quit would.
    core.events.subscribe((name, payload) => {
      if (name === 'sync.progress' && (payload as { phase: string }).phase === 'paging') core.sync.scheduler.cancel(shopId);
    });
    const first = await core.sync.scheduler.run(shopId);
    expect(first.cancelled).toBe(true);
    const stored = count(core, shopId);
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(260);
    core.close();
    const again = openCore(sim, dbPath);
    const [r] = (await call(again, 'sync.run', { shopId })) as { error: unknown }[];
    expect(r).toMatchObject({ error: null });
    expect(count(again, shopId)).toBe(260);
    const dupes = again.db.prepare('SELECT platform_order_id, count(*) AS n FROM orders GROUP BY platform_order_id HAVING n > 1').all();
    expect(dupes).toEqual([]);
  });

  it('an order the adapter cannot read is kept as an error naming shop and order; the rest of the page is stored', async () => {
    const { sim, core, shopId } = await setup(20);
    const bad = [...sim.orders.keys()][3]!;
    sim.breakOrder(bad, { total: 'twelve euros' });
    const [r] = (await call(core, 'sync.run', { shopId })) as { created: number; mappingErrors: number }[];
    expect(r).toMatchObject({ created: 19, mappingErrors: 1 });
    const errors = (await call(core, 'sync.errors', { shopId })) as { platformOrderId: string; message: string }[];
    expect(errors).toHaveLength(1);
    expect(errors[0]!.platformOrderId).toBe(String(bad));
    expect(errors[0]!.message).toMatch(/^Spruce EU \(woocommerce\): .*total/);
  });

  it('shipping queues the write-back in the same transaction; it is retried until the store has it, exactly once', async () => {
    const { sim, core, shopId } = await setup(5);
    await call(core, 'sync.run', { shopId });
    const wooId = [...sim.orders.keys()][0]!;
    const ours = core.db.prepare('SELECT id FROM orders WHERE shop_id = ? AND platform_order_id = ?').get(shopId, String(wooId)) as { id: number };
    const shipped = (await call(core, 'orders.ship', { id: ours.id, carrier: 'DHL', trackingNo: 'JD014600003827' })) as { outboxId: number };
    expect(shipped.outboxId).toBeGreaterThan(0);
    expect(core.db.prepare('SELECT workflow, tracking_no FROM orders WHERE id = ?').get(ours.id)).toEqual({ workflow: 'shipped', tracking_no: 'JD014600003827' });
    // Shipping again with the same tracking queues nothing new.
    await call(core, 'orders.ship', { id: ours.id, carrier: 'DHL', trackingNo: 'JD014600003827' });
    expect(core.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 1 });

    sim.failNext(3, { status: 503 }); // the store is down for longer than the adapter's own 3 attempts
    const signal = new AbortController().signal;
    await core.sync.outbox.sendDue(signal);
    let item = ((await call(core, 'outbox.list', {})) as { state: string; attempts: number; lastError: string | null }[])[0]!;
    expect(item).toMatchObject({ state: 'pending', attempts: 1 });
    expect(item.lastError).toMatch(/Spruce EU \(woocommerce\)/);
    sim.clock.advance(10 * MIN); // past the backoff
    await core.sync.outbox.sendDue(signal);
    item = ((await call(core, 'outbox.list', {})) as typeof item[])[0]!;
    expect(item).toMatchObject({ state: 'done' });
    expect(sim.orders.get(wooId)!.status).toBe('completed');
    expect((sim.notes.get(wooId) ?? []).filter((n) => n.note.includes('JD014600003827'))).toHaveLength(1);
    expect(core.db.prepare('SELECT workflow FROM orders WHERE id = ?').get(ours.id)).toEqual({ workflow: 'written_back' });
  });

  it('refuses to ship an intercepted order, with the reason', async () => {
    const { core, shopId } = await setup(3);
    await call(core, 'sync.run', { shopId });
    const id = (core.db.prepare('SELECT id FROM orders WHERE shop_id = ? LIMIT 1').get(shopId) as { id: number }).id;
    core.db.prepare("UPDATE orders SET open_flags = 4, queue = 'intercepted', workflow = 'printed' WHERE id = ?").run(id);
    const r = await core.dispatch('orders.ship', { id, carrier: 'DHL', trackingNo: 'X1234567' }, TEST_CTX);
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', details: { reason: 'intercepted' } } });
    expect(core.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
  });
});
