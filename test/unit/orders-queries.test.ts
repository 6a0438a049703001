import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core.js';
import { QUEUES, type Queue } from '../../shared/domain/status.js';
import type { OrderRow } from '../../shared/domain/order.js';
import type { OrderCounts } from '../../shared/contract/orders.js';
import { demoCore, TEST_CTX } from '../helpers/tmp.js';

let core: Core;
beforeAll(() => {
  core = demoCore(3000, 11);
});

async function call<T>(channel: string, input: unknown): Promise<T> {
  const r = await core.dispatch(channel, input, TEST_CTX);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

function bruteCounts(where = '1=1', params: unknown[] = []): Record<string, number> {
  const rows = core.db.prepare(`SELECT queue, count(*) AS n FROM orders WHERE ${where} GROUP BY queue`).all(...params) as { queue: Queue; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.queue, r.n]));
}

describe('orders queue queries', () => {
  it('tab counts from the trigger-kept table equal a full count, with and without shop/platform filters', async () => {
    const c = await call<OrderCounts>('orders.counts', {});
    const brute = bruteCounts();
    for (const q of QUEUES) expect(c.byQueue[q], q).toBe(brute[q] ?? 0);
    expect(c.all).toBe(3000);
    const shopCounts = await call<OrderCounts>('orders.counts', { shopIds: [1, 3] });
    const bruteShop = bruteCounts('shop_id IN (1, 3)');
    for (const q of QUEUES) expect(shopCounts.byQueue[q]).toBe(bruteShop[q] ?? 0);
    const pf = await call<OrderCounts>('orders.counts', { platforms: ['amazon', 'douyin'] });
    const brutePf = bruteCounts("platform IN ('amazon', 'douyin')");
    for (const q of QUEUES) expect(pf.byQueue[q]).toBe(brutePf[q] ?? 0);
    // Demo data covers every queue, so each tab has something to show.
    for (const q of QUEUES) expect(c.byQueue[q], `demo has ${q}`).toBeGreaterThan(0);
  });

  it('counts stay exact as orders move between queues and are deleted', async () => {
    core.db.prepare("UPDATE orders SET queue = 'on_hold' WHERE id IN (SELECT id FROM orders WHERE queue = 'pending_audit' LIMIT 17)").run();
    core.db.prepare("UPDATE orders SET shop_id = 2 WHERE id IN (SELECT id FROM orders WHERE shop_id = 1 LIMIT 5)").run();
    const c = await call<OrderCounts>('orders.counts', {});
    const brute = bruteCounts();
    for (const q of QUEUES) expect(c.byQueue[q], q).toBe(brute[q] ?? 0);
  });

  it('lists a queue sorted, paged, with the right total', async () => {
    const page1 = await call<{ rows: OrderRow[]; total: number }>('orders.list', { queue: 'shipped', limit: 50, sort: { field: 'placedAt', dir: 'desc' } });
    const page2 = await call<{ rows: OrderRow[]; total: number }>('orders.list', { queue: 'shipped', limit: 50, offset: 50, sort: { field: 'placedAt', dir: 'desc' } });
    expect(page1.total).toBe(bruteCounts("queue = 'shipped'").shipped);
    expect(page1.rows).toHaveLength(50);
    const all = [...page1.rows, ...page2.rows];
    expect(all.every((r) => r.queue === 'shipped')).toBe(true);
    for (let i = 1; i < all.length; i++) expect(all[i - 1]!.placedAt).toBeGreaterThanOrEqual(all[i]!.placedAt);
    expect(new Set(all.map((r) => r.id)).size).toBe(100); // pages do not overlap

    const byTotal = await call<{ rows: OrderRow[] }>('orders.list', { queue: 'all', limit: 30, sort: { field: 'total', dir: 'asc' } });
    for (let i = 1; i < byTotal.rows.length; i++) expect(byTotal.rows[i - 1]!.totalMinor).toBeLessThanOrEqual(byTotal.rows[i]!.totalMinor);
  });

  it('filters by shop and platform', async () => {
    const r = await call<{ rows: OrderRow[]; total: number }>('orders.list', { platforms: ['pinduoduo'], limit: 200 });
    expect(r.rows.length).toBeGreaterThan(0);
    expect(r.rows.every((x) => x.platform === 'pinduoduo')).toBe(true);
    expect(r.total).toBe((core.db.prepare("SELECT count(*) AS n FROM orders WHERE platform = 'pinduoduo'").get() as { n: number }).n);
    const s = await call<{ rows: OrderRow[] }>('orders.list', { shopIds: [4], queue: 'shipped', limit: 100 });
    expect(s.rows.every((x) => x.shopId === 4 && x.queue === 'shipped')).toBe(true);
  });

  it('searches by order id, buyer, tracking number and SKU', async () => {
    const sample = core.db
      .prepare("SELECT id, platform_order_id, buyer_nick, tracking_no FROM orders WHERE tracking_no IS NOT NULL AND buyer_nick IS NOT NULL LIMIT 1")
      .get() as { id: number; platform_order_id: string; buyer_nick: string; tracking_no: string };

    const byId = await call<{ rows: OrderRow[]; total: number }>('orders.list', { search: sample.platform_order_id });
    expect(byId.rows.map((r) => r.id)).toEqual([sample.id]);
    expect(byId.total).toBe(1);

    const byTracking = await call<{ rows: OrderRow[] }>('orders.list', { search: sample.tracking_no });
    expect(byTracking.rows.map((r) => r.id)).toContain(sample.id);

    const nick = sample.buyer_nick;
    const byBuyer = await call<{ rows: OrderRow[]; total: number }>('orders.list', { search: nick, limit: 500 });
    expect(byBuyer.rows.map((r) => r.id)).toContain(sample.id);
    expect(byBuyer.rows.every((r) => r.buyerNick?.toLowerCase().startsWith(nick.toLowerCase()) || r.buyerName?.startsWith(nick))).toBe(true);

    const bySku = await call<{ rows: OrderRow[]; total: number }>('orders.list', { search: 'PILLOW-LATEX', limit: 500 });
    const skuOrders = (core.db.prepare("SELECT count(DISTINCT order_id) AS n FROM order_lines WHERE sku_code = 'PILLOW-LATEX'").get() as { n: number }).n;
    expect(bySku.total).toBe(skuOrders);
    expect(bySku.rows.every((r) => r.skuSummary.includes('PILLOW-LATEX'))).toBe(true);

    // Search narrows the tab counts too.
    const counts = await call<OrderCounts>('orders.counts', { search: sample.platform_order_id });
    expect(counts.all).toBe(1);

    const none = await call<{ rows: OrderRow[]; total: number }>('orders.list', { search: 'no-such-thing-xyz' });
    expect(none).toEqual({ rows: [], total: 0 });
  });

  it('treats search text as data, never as SQL', async () => {
    const before = (core.db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;
    const r = await call<{ rows: OrderRow[] }>('orders.list', { search: "'; DROP TABLE orders; --" });
    expect(r.rows).toEqual([]);
    expect((core.db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n).toBe(before);
  });

  it('returns an order with its lines, address, flags and history', async () => {
    const id = (core.db.prepare("SELECT id FROM orders WHERE queue = 'intercepted' LIMIT 1").get() as { id: number }).id;
    const d = await call<{ lines: unknown[]; flags: { kind: string }[]; history: { action: string }[]; address: { masked: boolean } }>('orders.get', { id });
    const lineCount = (core.db.prepare('SELECT count(*) AS n FROM order_lines WHERE order_id = ?').get(id) as { n: number }).n;
    expect(d.lines).toHaveLength(lineCount);
    expect(d.flags.map((f) => f.kind)).toContain('intercept');
    expect(d.history.map((h) => h.action)).toEqual(expect.arrayContaining(['created', 'approved', 'printed', 'intercepted']));
    const missing = await core.dispatch('orders.get', { id: 99_999_999 }, TEST_CTX);
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('queue pages: every plan returns what a plain query returns', () => {
  it('matches brute force for each sort, direction, queue and shop scope', async () => {
    const terms = { placedAt: 'placed_at', paidAt: 'paid_at', total: 'total_minor', platformOrderId: 'platform_order_id' } as const;
    const scopes: (number[] | undefined)[] = [undefined, [9], [1, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]];
    let compared = 0;
    for (const field of Object.keys(terms) as (keyof typeof terms)[]) {
      for (const dir of ['asc', 'desc'] as const) {
        for (const queue of ['all', 'shipped', 'to_print'] as const) {
          for (const shopIds of scopes) {
            for (const search of [undefined, 'PILLOW', 'CUP-500-WH']) {
              for (const offset of [0, 37]) {
                const got = await call<{ rows: OrderRow[]; total: number }>('orders.list', { queue, shopIds, search, sort: { field, dir }, offset, limit: 25 });
                const tie = field === 'platformOrderId' ? `id ${dir}` : `shop_id ${dir}, id ${dir}`;
                const where = [
                  queue === 'all' ? '1=1' : `queue = '${queue}'`,
                  shopIds ? `shop_id IN (${shopIds.join(',')})` : '1=1',
                  search ? `id IN (SELECT order_id FROM order_lines WHERE sku_code LIKE '${search}%')` : '1=1',
                ].join(' AND ');
                const want = (core.db.prepare(`SELECT id FROM orders WHERE ${where} ORDER BY ${terms[field]} ${dir}, ${tie} LIMIT 25 OFFSET ${offset}`).all() as { id: number }[]).map((r) => r.id);
                const label = `${field} ${dir} ${queue} ${JSON.stringify(shopIds)} "${search ?? ''}" @${offset}`;
                expect(got.rows.map((r) => r.id), label).toEqual(want);
                expect(got.total, label).toBe((core.db.prepare(`SELECT count(*) AS n FROM orders WHERE ${where}`).get() as { n: number }).n);
                compared++;
              }
            }
          }
        }
      }
    }
    expect(compared).toBe(4 * 2 * 3 * 4 * 3 * 2);
  });

  it('returns nothing (not everything) when the shop and platform filters exclude each other', async () => {
    const amazonShop = (core.db.prepare("SELECT id FROM shops WHERE platform = 'amazon'").get() as { id: number }).id;
    const r = await call<{ rows: OrderRow[]; total: number }>('orders.list', { shopIds: [amazonShop], platforms: ['taobao'] });
    expect(r).toEqual({ rows: [], total: 0 });
    expect((await call<OrderCounts>('orders.counts', { shopIds: [amazonShop], platforms: ['taobao'] })).all).toBe(0);
  });
});
