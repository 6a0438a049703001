import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SIM_CREDENTIALS } from '../sim/douyin/harness.js';
import { DouyinSim } from '../sim/douyin/server.js';
import { printedPages, startPrintWorld } from '../helpers/print-queue-world.js';
import { tmpDir, TEST_CTX } from '../helpers/tmp.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('print queue: masked addresses', () => {
  it('prints a 抖店 order with the address the platform decrypts for the label, and keeps the plaintext out of the database', async () => {
    const sim = await DouyinSim.start();
    cleanup.push(() => sim.close());
    const ids = ['CUP-BLUE', 'TEA-500'].map((sku) => {
      sim.clock.advance(20_000);
      return sim.addOrder({ skus: [{ outSkuId: sku, qty: 1, price: 1990 }] }).id;
    });
    sim.clock.advance(60_000);
    const { w, vp, close } = await startPrintWorld(path.join(tmpDir('print-pii-'), 'shop.db'), { now: () => sim.clock.now() });
    cleanup.push(close);
    const shop = w.core.sync.shops.add({ platform: 'douyin', name: '抖店 旗舰店', currency: 'CNY', credentials: SIM_CREDENTIALS, baseUrl: sim.url }, 'test').id;
    const run = await w.core.dispatch('sync.run', { shopId: shop }, TEST_CTX);
    expect(run.ok).toBe(true);
    const orders = w.core.db.prepare('SELECT id, pii_masked, buyer_name FROM orders WHERE shop_id = ? ORDER BY id').all(shop) as { id: number; pii_masked: number; buyer_name: string }[];
    expect(orders.map((o) => o.pii_masked)).toEqual([1, 1]);
    expect(orders.map((o) => o.id).length).toBe(ids.length);
    w.approveAndAllocate(orders.map((o) => o.id));

    const r = await w.queue.enqueue('label', { orderIds: orders.map((o) => o.id) }, w.who);
    expect(r.refused).toEqual([]);
    await w.queue.runner.idle();
    expect(w.queue.batch(r.batch!.id).counts.sent).toBe(2);
    const pages = printedPages(vp);
    expect(pages).toHaveLength(2);
    for (const p of pages) {
      expect(p.text).toContain('张三丰');
      expect(p.text).toContain('13812345678');
      expect(p.text).toContain('中关村大街27号院3号楼1201');
    }
    // Decrypted once per label, by the packer, for printing — and the plaintext is nowhere in the store.
    const decrypted = w.core.db.prepare("SELECT actor, reason FROM events WHERE entity = 'order' AND action = 'pii_decrypted' ORDER BY id").all();
    expect(decrypted).toEqual([
      { actor: 'operator:Li Packer', reason: 'print_waybill' },
      { actor: 'operator:Li Packer', reason: 'print_waybill' },
    ]);
    for (const table of ['orders', 'order_pii', 'events', 'print_jobs', 'print_batches', 'waybills']) {
      const dump = JSON.stringify(w.core.db.prepare(`SELECT * FROM ${table}`).all());
      for (const plain of ['张三丰', '13812345678', '27号院']) expect(dump, `${table} holds plaintext`).not.toContain(plain);
    }
  });
});
