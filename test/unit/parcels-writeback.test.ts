import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core.js';
import { createTaobaoAdapter } from '../../main/sync/platforms/taobao/adapter.js';
import type { MergeSuggestion, ParcelInfo } from '../../shared/contract/audit.js';
import { createShopifyAdapter } from '../../main/sync/platforms/shopify/adapter.js';
import { CREDENTIALS, TOKEN } from '../sim/shopify/harness.js';
import { startShopifySim, type ShopifySim } from '../sim/shopify/server.js';
import { SIM_CREDENTIALS } from '../sim/taobao/harness.js';
import { TaobaoSim } from '../sim/taobao/server.js';
import { tmpDir, TEST_CTX } from '../helpers/tmp.js';

/*
 * Merge and split write-back correctness end to end: orders synced from the Shopify and Taobao simulators, merged
 * or split, shipped as parcels, and written back through the real outbox to the simulators (Shopify fulfillments;
 * taobao.logistics.offline.send, which ships whole trades only).
 */

const MIN = 60_000;
const HOUR = 60 * MIN;
const running: { core?: Core; sim?: TaobaoSim | ShopifySim }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    r.core?.close();
    await r.sim?.close();
  }
});

async function call<T>(core: Core, channel: string, input: unknown): Promise<T> {
  const r = await core.dispatch(channel, input, TEST_CTX);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

interface OrderState {
  id: number;
  workflow: string;
  queue: string;
  tracking_no: string | null;
  platform_state: string;
}

async function setup() {
  const sim = await TaobaoSim.start();
  running.push({ sim });
  const t0 = sim.clock.now();
  const a = sim.addTrade({ lines: [{ price: '25.00' }] }, t0 - 3 * HOUR);
  const b = sim.addTrade({ lines: [{ price: '10.00', num: 2 }, { price: '5.00' }] }, t0 - 3 * HOUR + MIN);
  const cod = sim.addTrade({}, t0 - 3 * HOUR + 2 * MIN);
  sim.breakTrade(cod.tid, { type: 'cod' });
  // One buyer at one address: Taobao gives the same OAID for the same receiver in a shop.
  for (const t of [a, b, cod]) sim.trade(t.tid).oaid = 'oaid-zhang-home';
  const byLine = sim.addTrade({ lines: [{ title: 'Kettle', outerSkuId: 'KETTLE' }, { title: 'Cup', outerSkuId: 'CUP', num: 2 }] }, t0 - 2 * HOUR);
  const byQty = sim.addTrade({ lines: [{ title: 'Tea', outerSkuId: 'TEA', num: 3 }] }, t0 - 2 * HOUR + MIN);
  sim.clock.advance(10 * MIN);

  const adapter = createTaobaoAdapter({ retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 } });
  const core = createCore({ dbPath: path.join(tmpDir(), 'parcels-wb.db'), checkOutputs: true, log: () => {}, adapters: [adapter], now: () => sim.clock.now() });
  running.push({ core });
  const shop = await call<{ id: number }>(core, 'shops.add', { platform: 'taobao', name: 'Tmall flagship', currency: 'CNY', credentials: { ...SIM_CREDENTIALS, signMethod: '' }, baseUrl: sim.url });
  const [r] = await call<{ created: number; error: unknown }[]>(core, 'sync.run', { shopId: shop.id });
  expect(r).toMatchObject({ created: 5, error: null });
  const id = (tid: string) => (core.db.prepare('SELECT id FROM orders WHERE platform_order_id = ?').get(tid) as { id: number }).id;
  const state = (tid: string) => core.db.prepare('SELECT id, workflow, queue, tracking_no, platform_state FROM orders WHERE platform_order_id = ?').get(tid) as OrderState;
  const shipped = (tid: string) => (core.db.prepare('SELECT l.qty_shipped AS n FROM order_lines l WHERE l.order_id = ? ORDER BY line_no').all(id(tid)) as { n: number }[]).map((x) => x.n);
  const lines = (tid: string) => core.db.prepare('SELECT id, qty FROM order_lines WHERE order_id = ? ORDER BY line_no').all(id(tid)) as { id: number; qty: number }[];
  const signal = new AbortController().signal;
  return { sim, core, trades: { a, b, cod, byLine, byQty }, id, state, shipped, lines, send: () => core.sync.outbox.sendDue(signal) };
}

describe('merged parcel write-back (Shopify simulator)', () => {
  it('merges two orders of one buyer, ships the parcel once: each order shipped and written back with the same tracking and its own lines', async () => {
    const sim = await startShopifySim({ token: TOKEN });
    running.push({ sim });
    const mug = sim.store.addOrder({ email: 'ada@example.com', lines: [{ sku: 'MUG', title: 'Mug', qty: 1 }] });
    sim.clock.advance(60_000);
    const tees = sim.store.addOrder({ email: 'Ada@Example.com ', lines: [{ sku: 'TEE', title: 'Tee', qty: 2 }, { sku: 'CAP', title: 'Cap', qty: 1 }] });
    sim.clock.advance(60_000);
    const elsewhere = sim.store.addOrder({ email: 'ada@example.com', address: { address1: '9 Elm St' } });
    sim.clock.advance(HOUR);
    const adapter = createShopifyAdapter({ sleep: async (ms) => sim.clock.advance(ms) });
    const core = createCore({ dbPath: path.join(tmpDir(), 'parcels-shopify.db'), checkOutputs: true, log: () => {}, adapters: [adapter], now: () => sim.clock.now() });
    running.push({ core });
    const shop = await call<{ id: number }>(core, 'shops.add', { platform: 'shopify', name: 'Demo', currency: 'USD', credentials: CREDENTIALS, baseUrl: sim.url });
    expect((await call<{ created: number }[]>(core, 'sync.run', { shopId: shop.id }))[0]).toMatchObject({ created: 3 });
    const id = (o: { id: number }) => (core.db.prepare('SELECT id FROM orders WHERE platform_order_id = ?').get(String(o.id)) as { id: number }).id;
    const state = (o: { id: number }) => core.db.prepare('SELECT workflow, queue, tracking_no FROM orders WHERE id = ?').get(id(o));

    const { suggestions } = await call<{ suggestions: MergeSuggestion[] }>(core, 'orders.merge.suggestions', {});
    expect(suggestions).toEqual([{ orderIds: [id(mug), id(tees)], shopId: shop.id, buyer: 'Ada Lovelace (ada@example.com)', address: '1 Main St, Springfield, OR, 97477, US', totalMinor: 1000 + 3000, currency: 'USD' }]);
    expect(suggestions[0]!.orderIds).not.toContain(id(elsewhere));

    const parcel = await call<ParcelInfo>(core, 'orders.merge', { orderIds: suggestions[0]!.orderIds });
    expect(parcel).toMatchObject({ kind: 'merged', state: 'open', trackingNo: null });
    expect(parcel.lines.map((l) => [l.platformOrderId, l.title, l.qty])).toEqual([
      [String(mug.id), 'Mug', 1],
      [String(tees.id), 'Tee', 2],
      [String(tees.id), 'Cap', 1],
    ]);
    const merged = core.db.prepare("SELECT entity_id, actor, data FROM events WHERE action = 'merged' ORDER BY entity_id").all() as { entity_id: number; actor: string; data: string }[];
    expect(merged.map((e) => [e.entity_id, e.actor, JSON.parse(e.data).parcelId])).toEqual([id(mug), id(tees)].sort((x, y) => x - y).map((x) => [x, 'cli', parcel.id]));

    // Either order alone cannot ship any more: the error names the parcel.
    expect(() => core.sync.shipper.ship(id(mug), 'UPS', '1Z999AA10123456784', TEST_CTX.session)).toThrow(`order ${mug.id} is merged into parcel ${parcel.id}`);

    const r = core.parcels.shipper.shipParcel(parcel.id, 'UPS', '1Z999AA10123456784', TEST_CTX.session, sim.clock.now());
    expect(r.outboxIds).toHaveLength(2);
    expect(r.orders.map((o) => o.workflow)).toEqual(['shipped', 'shipped']);
    expect(state(tees)).toEqual({ workflow: 'shipped', queue: 'shipped', tracking_no: '1Z999AA10123456784' });
    expect(core.db.prepare('SELECT qty_shipped FROM order_lines WHERE order_id = ? ORDER BY line_no').all(id(tees))).toEqual([{ qty_shipped: 2 }, { qty_shipped: 1 }]);
    expect(core.parcels.store.info(parcel.id)).toMatchObject({ state: 'shipped', carrier: 'UPS', trackingNo: '1Z999AA10123456784' });
    // Shipping it again with the same number changes nothing; with another number is a conflict.
    expect(core.parcels.shipper.shipParcel(parcel.id, 'UPS', '1Z999AA10123456784', TEST_CTX.session).outboxIds).toEqual([]);
    expect(() => core.parcels.shipper.shipParcel(parcel.id, 'UPS', '1Z999AA10000000000', TEST_CTX.session)).toThrow(`parcel ${parcel.id} was already shipped with tracking 1Z999AA10123456784`);

    expect(await core.sync.outbox.sendDue(new AbortController().signal)).toBe(2);
    for (const o of [mug, tees]) {
      const f = sim.store.get(o.id)!.fulfillments;
      expect(f, `order ${o.id}`).toHaveLength(1);
      expect(f[0]!.tracking).toEqual([expect.objectContaining({ company: 'UPS', number: '1Z999AA10123456784' })]);
      expect(sim.store.get(o.id)!.fulfillmentOrders.flatMap((fo) => fo.lines.map((l) => l.remainingQuantity))).toEqual(o === mug ? [0] : [0, 0]);
      expect(state(o)).toMatchObject({ workflow: 'written_back' });
    }
    expect(sim.store.get(elsewhere.id)!.fulfillments).toEqual([]);
  });
});

describe('merge suggestions from Taobao payloads', () => {
  it('the same OAID groups two trades; a cash-on-delivery trade of the same buyer is never suggested nor merged', async () => {
    const { core, trades, id } = await setup();
    const { a, b } = trades;
    const { suggestions } = await call<{ suggestions: MergeSuggestion[] }>(core, 'orders.merge.suggestions', {});
    // The split trades have their own OAIDs (masked values alone are not an address).
    expect(suggestions.map((s) => s.orderIds)).toEqual([[id(a.tid), id(b.tid)]]);
    expect(suggestions[0]).toMatchObject({ buyer: '张** (t**1)', totalMinor: 2500 + 2500, currency: 'CNY' });
    const cod = await core.dispatch('orders.merge', { orderIds: [id(a.tid), id(trades.cod.tid)] }, TEST_CTX);
    expect(cod).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining(`order ${trades.cod.tid} is cash on delivery (Taobao trade type cod (货到付款))`) } });
  });
});

describe('split parcels write-back', () => {
  it('by line: the first part writes the whole trade back, the second is an event; shipped only after the last part', async () => {
    const { sim, core, trades, id, state, shipped, lines, send } = await setup();
    const { byLine } = trades;
    const [kettle, cups] = lines(byLine.tid) as [{ id: number; qty: number }, { id: number; qty: number }];
    const { parcels } = await call<{ parcels: ParcelInfo[] }>(core, 'orders.split', {
      orderId: id(byLine.tid),
      parts: [{ lines: [{ orderLineId: kettle.id, qty: 1 }] }, { lines: [{ orderLineId: cups.id, qty: 2 }] }],
    });
    expect(parcels.map((p) => [p.kind, p.lines.map((l) => [l.skuCode, l.qty])])).toEqual([
      ['split', [['KETTLE', 1]]],
      ['split', [['CUP', 2]]],
    ]);
    expect(() => core.sync.shipper.ship(id(byLine.tid), 'SF', 'SF1234567890124', TEST_CTX.session)).toThrow(/is split into parcels/);

    const first = core.parcels.shipper.shipParcel(parcels[0]!.id, 'SF', 'SF1234567890124', TEST_CTX.session, sim.clock.now());
    expect(first.outboxIds).toHaveLength(1);
    expect(shipped(byLine.tid)).toEqual([1, 0]);
    expect(state(byLine.tid)).toMatchObject({ workflow: 'pending_audit', tracking_no: 'SF1234567890124' });
    const [item] = core.sync.outbox.list({ orderId: id(byLine.tid) });
    expect(item!.payload.lines.map((l) => l.qty)).toEqual([1, 2]); // the whole trade: platforms confirm whole orders
    expect(await send()).toBe(1);
    expect(sim.shipments.map((s) => [s.tid, s.outSid])).toEqual([[byLine.tid, 'SF1234567890124']]);

    const second = core.parcels.shipper.shipParcel(parcels[1]!.id, 'SF', 'SF1234567890125', TEST_CTX.session, sim.clock.now());
    expect(second.outboxIds).toEqual([]);
    expect(shipped(byLine.tid)).toEqual([1, 2]);
    // Written back already when the last unit left: the order goes straight to written_back.
    expect(state(byLine.tid)).toMatchObject({ workflow: 'written_back', queue: 'shipped', tracking_no: 'SF1234567890124' });
    const events = core.db.prepare("SELECT action, reason FROM events WHERE entity = 'order' AND entity_id = ? AND action IN ('part_shipped', 'shipped') ORDER BY id").all(id(byLine.tid));
    expect(events).toEqual([
      { action: 'part_shipped', reason: 'part 1 of 2 shipped with tracking SF1234567890124; the platform is given SF1234567890124 for the whole order (it cannot take partial shipments)' },
      { action: 'shipped', reason: 'part 2 of 2 shipped with tracking SF1234567890125; the platform already has tracking SF1234567890124' },
    ]);
    expect(await send()).toBe(0);
    expect(sim.shipments).toHaveLength(1);
    expect((await call<{ parcels: ParcelInfo[] }>(core, 'orders.parcels', { orderId: id(byLine.tid) })).parcels.map((p) => [p.state, p.trackingNo])).toEqual([
      ['shipped', 'SF1234567890124'],
      ['shipped', 'SF1234567890125'],
    ]);
  });

  it('by quantity: both parts ship before the write-back is sent; one write-back, then written back', async () => {
    const { sim, core, trades, id, state, shipped, lines, send } = await setup();
    const { byQty } = trades;
    const [tea] = lines(byQty.tid) as [{ id: number; qty: number }];
    expect(tea.qty).toBe(3);
    const bad = await core.dispatch('orders.split', { orderId: id(byQty.tid), parts: [{ lines: [{ orderLineId: tea.id, qty: 1 }] }, { lines: [{ orderLineId: tea.id, qty: 1 }] }] }, TEST_CTX);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', message: `order ${byQty.tid}: line 1 (TEA) has 3 unit(s) but the parts hold 2 (1 + 1): every unit goes into exactly one part` } });
    const { parcels } = await call<{ parcels: ParcelInfo[] }>(core, 'orders.split', {
      orderId: id(byQty.tid),
      parts: [{ lines: [{ orderLineId: tea.id, qty: 1 }] }, { lines: [{ orderLineId: tea.id, qty: 2 }] }],
    });
    const r1 = core.parcels.shipper.shipParcel(parcels[0]!.id, 'YTO', 'YT1234567890123', TEST_CTX.session, sim.clock.now());
    expect(r1.orders).toEqual([{ orderId: id(byQty.tid), workflow: 'pending_audit' }]);
    expect(shipped(byQty.tid)).toEqual([1]);
    const r2 = core.parcels.shipper.shipParcel(parcels[1]!.id, 'YTO', 'YT1234567890124', TEST_CTX.session, sim.clock.now());
    expect(r2).toMatchObject({ outboxIds: [], orders: [{ workflow: 'shipped' }] });
    expect(shipped(byQty.tid)).toEqual([3]);
    expect(state(byQty.tid)).toMatchObject({ workflow: 'shipped', queue: 'shipped', tracking_no: 'YT1234567890123' });
    expect(await send()).toBe(1);
    expect(sim.shipments.map((s) => [s.tid, s.outSid, s.companyCode])).toEqual([[byQty.tid, 'YT1234567890123', 'YTO']]);
    expect(state(byQty.tid).workflow).toBe('written_back');
    expect(core.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 1 });
  });
});
