import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../main/core.js';
import type { NormalizedOrder } from '../../main/orders/model.js';
import { tmpDir } from '../helpers/tmp.js';

function setup() {
  const core = createCore({ dbPath: path.join(tmpDir(), 'ingest.db'), checkOutputs: true, log: () => {} });
  core.db.prepare("INSERT INTO shops (id, platform, name, currency, created_at, updated_at) VALUES (1, 'taobao', '旗舰店', 'CNY', 0, 0)").run();
  return core;
}

const order = (over: Partial<NormalizedOrder> = {}): NormalizedOrder => ({
  shopId: 1,
  platform: 'taobao',
  platformOrderId: '3100000000000000001',
  platformStatus: 'WAIT_SELLER_SEND_GOODS',
  platformState: 'to_ship',
  payment: 'paid',
  buyerNick: 'tb_buyer',
  currency: 'CNY',
  goodsMinor: 17800,
  totalMinor: 17800,
  placedAt: 1_790_000_000_000,
  paidAt: 1_790_000_060_000,
  platformUpdatedAt: 1_790_000_060_000,
  lines: [{ platformSku: 'CUP-500-WH', skuCode: 'CUP-500-WH', title: '保温杯', qty: 2, unitPriceMinor: 8900 }],
  raw: { format: 'taobao.trade', payload: '{"tid":3100000000000000001}' },
  ...over,
});

describe('order ingest (upsert by platform + shop + platform order id)', () => {
  it('creates once, then the same order again changes nothing', () => {
    const core = setup();
    expect(core.orders.writer.upsertMany([order()], 'sync:taobao')).toMatchObject({ created: 1, updated: 0, unchanged: 0 });
    expect(core.orders.writer.upsertMany([order()], 'sync:taobao')).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    const o = core.db.prepare('SELECT * FROM orders').all() as Record<string, unknown>[];
    expect(o).toHaveLength(1);
    expect(o[0]).toMatchObject({ queue: 'pending_audit', item_count: 2, sku_summary: 'CUP-500-WH×2', paid_minor: 17800 });
    expect(core.db.prepare('SELECT payload FROM order_raw').get()).toEqual({ payload: '{"tid":3100000000000000001}' });
    expect(core.db.prepare("SELECT action, actor FROM events WHERE entity = 'order'").all()).toEqual([{ action: 'created', actor: 'sync:taobao' }]);
  });

  it('never lets a stale snapshot regress the platform state', () => {
    const core = setup();
    core.orders.writer.upsertMany([order()], 'sync');
    core.orders.writer.upsertMany([order({ platformStatus: 'WAIT_BUYER_CONFIRM_GOODS', platformState: 'shipped', platformUpdatedAt: 1_790_000_900_000 })], 'sync');
    // An older poll result arrives late.
    const r = core.orders.writer.upsertMany([order({ platformUpdatedAt: 1_790_000_500_000 })], 'sync');
    expect(r.unchanged).toBe(1);
    // Same time stamp but an earlier state (no time from the platform): the state still does not go back.
    expect(core.orders.writer.upsertMany([order({ platformUpdatedAt: null })], 'sync').unchanged).toBe(1);
    expect(core.db.prepare('SELECT platform_status, platform_state, queue FROM orders').get()).toEqual({
      platform_status: 'WAIT_BUYER_CONFIRM_GOODS',
      platform_state: 'shipped',
      queue: 'shipped',
    });
  });

  it('intercepts an order already in the pipeline when the platform cancels or refunds it', () => {
    const core = setup();
    const { ids } = core.orders.writer.upsertMany([order()], 'sync');
    const id = ids[0]!;
    core.db.prepare("UPDATE orders SET workflow = 'printed', queue = 'to_pack' WHERE id = ?").run(id);
    core.orders.writer.upsertMany([order({ payment: 'partly_refunded', refundedMinor: 8900, platformUpdatedAt: 1_790_001_000_000 })], 'sync:taobao');
    expect(core.db.prepare('SELECT queue, open_flags, refunded_minor FROM orders WHERE id = ?').get(id)).toEqual({ queue: 'intercepted', open_flags: 4, refunded_minor: 8900 });
    expect(core.db.prepare('SELECT kind, reason, created_by FROM order_flags WHERE order_id = ?').all(id)).toEqual([
      { kind: 'intercept', reason: 'refund_requested', created_by: 'sync:taobao' },
    ]);
    expect((core.db.prepare("SELECT action FROM events WHERE entity_id = ? ORDER BY id").all(id) as { action: string }[]).map((e) => e.action)).toEqual([
      'created',
      'intercepted',
    ]);
  });

  it('moves an order still waiting for audit straight to cancelled, without an intercept', () => {
    const core = setup();
    core.orders.writer.upsertMany([order()], 'sync');
    core.orders.writer.upsertMany([order({ platformStatus: 'TRADE_CLOSED', platformState: 'cancelled', platformUpdatedAt: 1_790_002_000_000 })], 'sync');
    expect(core.db.prepare('SELECT queue, open_flags FROM orders').get()).toEqual({ queue: 'cancelled', open_flags: 0 });
  });

  it('keeps a memo the platform does not send, and clears one the platform cleared', () => {
    const core = setup();
    core.orders.writer.upsertMany([order({ sellerMemo: '老客户，送小样' })], 'sync');
    core.orders.writer.upsertMany([order({ sellerMemo: undefined, payment: 'partly_refunded', platformUpdatedAt: 1_790_001_000_000 })], 'sync');
    expect(core.db.prepare('SELECT seller_memo FROM orders').get()).toEqual({ seller_memo: '老客户，送小样' });
    core.orders.writer.upsertMany([order({ sellerMemo: null, payment: 'refunded', platformUpdatedAt: 1_790_002_000_000 })], 'sync');
    expect(core.db.prepare('SELECT seller_memo FROM orders').get()).toEqual({ seller_memo: null });
  });

  it('stores a batch whole or not at all', () => {
    const core = setup();
    const bad = order({ platformOrderId: '', lines: [] }); // violates the id length check
    expect(() => core.orders.writer.upsertMany([order({ platformOrderId: 'A' }), bad], 'sync')).toThrow(/CHECK/);
    expect(core.db.prepare('SELECT count(*) AS n FROM orders').get()).toEqual({ n: 0 });
    expect(core.db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 0 });
  });
});
