/**
 * Ingest throughput: 100,000 platform orders, normalized and upserted
 * - through the sync engine (the product path: an adapter yields pages of 100 platform payloads it normalizes; the
 *   engine fetches ahead and group-commits pages that queue up, cursor moves included) — the budgeted figure;
 * - through OrderWriter with exactly one transaction per page (what a slow platform gives: one page at a time);
 * against the floor of the same rows bulk-inserted raw (no lookups, no events).
 * Budget (issue #3): ≥ 1,000,000 orders per minute. Prints figures; asserts nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../../main/core.js';
import type { NormalizedOrder } from '../../main/orders/model.js';
import type { PlatformAdapter } from '../../main/sync/adapter.js';
import { parseDecimalToMinor } from '../../shared/domain/money.js';

const N = Number(process.env.BENCH_INGEST_ORDERS ?? 100_000);
const PAGE = Number(process.env.BENCH_INGEST_PAGE ?? 100); // a platform page

/** A platform-shaped payload (decimal strings, ISO times), as an adapter receives it. */
function payload(i: number) {
  return {
    id: `gid://shopify/Order/${5_000_000_000 + i}`,
    name: `#${10_000 + i}`,
    updatedAt: new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString(),
    createdAt: new Date(Date.UTC(2026, 10, 1) + i * 1000 - 60_000).toISOString(),
    displayFinancialStatus: 'PAID',
    displayFulfillmentStatus: 'UNFULFILLED',
    currencyCode: 'USD',
    totalPriceSet: { shopMoney: { amount: `${20 + (i % 80)}.99` } },
    shippingAddress: { name: `Buyer ${i % 997}`, city: 'Austin', provinceCode: 'TX', zip: '78701', countryCodeV2: 'US', address1: `${i % 900} Main St` },
    lineItems: [
      { id: `gid://shopify/LineItem/${i * 2}`, sku: `SKU-${i % 50}`, name: 'Vacuum bottle', quantity: 1 + (i % 2), price: `${10 + (i % 40)}.50` },
      ...(i % 3 === 0 ? [{ id: `gid://shopify/LineItem/${i * 2 + 1}`, sku: `SKU-${(i + 7) % 50}`, name: 'Mug', quantity: 1, price: '4.99' }] : []),
    ],
  };
}

/** The normalize step an adapter performs: exact money, epoch times, verbatim status, raw payload kept. */
function normalize(shopId: number, p: ReturnType<typeof payload>): NormalizedOrder {
  const lines = p.lineItems.map((l) => ({ platformLineId: l.id, platformSku: l.sku, skuCode: l.sku, title: l.name, qty: l.quantity, unitPriceMinor: parseDecimalToMinor(l.price, 'USD') }));
  const goods = lines.reduce((s, l) => s + l.qty * l.unitPriceMinor, 0);
  return {
    shopId,
    platform: 'shopify',
    platformOrderId: p.id.slice(p.id.lastIndexOf('/') + 1),
    platformStatus: `${p.displayFinancialStatus}/${p.displayFulfillmentStatus}`,
    platformState: 'to_ship',
    payment: 'paid',
    buyerName: p.shippingAddress.name,
    country: p.shippingAddress.countryCodeV2,
    province: p.shippingAddress.provinceCode,
    city: p.shippingAddress.city,
    address1: p.shippingAddress.address1,
    postcode: p.shippingAddress.zip,
    currency: p.currencyCode,
    goodsMinor: goods,
    totalMinor: parseDecimalToMinor(p.totalPriceSet.shopMoney.amount, 'USD'),
    placedAt: Date.parse(p.createdAt),
    paidAt: Date.parse(p.createdAt),
    platformUpdatedAt: Date.parse(p.updatedAt),
    lines,
    raw: { format: 'shopify.graphql.order', payload: JSON.stringify(p) },
  };
}

/** An adapter with the platform in memory: what the engine does with pages, without the network. */
function memoryAdapter(payloads: readonly ReturnType<typeof payload>[]): PlatformAdapter {
  const DAY = 86_400_000;
  return {
    platform: 'shopify',
    maxWindowMs: 30 * DAY,
    overlapMs: 0,
    settleMs: 0,
    initialLookbackMs: DAY,
    parseCredentials: () => ({}),
    async *listUpdated(_w, ctx) {
      for (let i = 0; i < payloads.length; i += PAGE) yield { orders: payloads.slice(i, i + PAGE).map((p) => normalize(ctx.shop.shopId, p)), errors: [] };
    },
    confirmShipment: () => Promise.resolve('done'),
  };
}

export async function runIngestBench(): Promise<{ ordersPerMin: number; floorPerMin: number }> {
  console.log(`\n## Ingest: ${N.toLocaleString('en')} orders, pages of ${PAGE}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shopdesk-ingest-'));
  try {
    const payloads = Array.from({ length: N }, (_, i) => payload(i));
    // The product path: the sync engine storing what an adapter lists.
    const engineCore = createCore({ dbPath: path.join(dir, 'engine.db'), log: () => {}, adapters: [memoryAdapter(payloads)] });
    const shop = engineCore.sync.shops.add({ platform: 'shopify', name: 'Bench', currency: 'USD', credentials: {} }, 'bench');
    const te = performance.now();
    const run = await engineCore.sync.engine.runShop(shop.id, new AbortController().signal);
    const engineMs = performance.now() - te;
    if (run.created !== N || run.error) throw new Error(`engine bench stored ${run.created} of ${N}: ${run.error?.message ?? ''}`);
    engineCore.close();
    // Through the product path: normalize + upsert (lookup, insert order, lines, raw payload, event) per page.
    const core = createCore({ dbPath: path.join(dir, 'ingest.db'), log: () => {} });
    core.db.prepare("INSERT INTO shops (id, platform, name, currency, created_at, updated_at) VALUES (1, 'shopify', 'Bench', 'USD', 0, 0)").run();
    const t0 = performance.now();
    for (let i = 0; i < N; i += PAGE) {
      const page = payloads.slice(i, i + PAGE).map((p) => normalize(1, p));
      core.orders.writer.upsertMany(page, 'sync:shopify');
    }
    const ms = performance.now() - t0;
    // Re-sync of the same pages: every order found unchanged (the steady state of polling).
    const t1 = performance.now();
    for (let i = 0; i < N; i += PAGE) core.orders.writer.upsertMany(payloads.slice(i, i + PAGE).map((p) => normalize(1, p)), 'sync:shopify');
    const resyncMs = performance.now() - t1;
    core.close();

    // The floor: the same rows inserted raw in one transaction, no lookups, no events, no derived columns work.
    const floorCore = createCore({ dbPath: path.join(dir, 'floor.db'), log: () => {} });
    const db = floorCore.db;
    db.prepare("INSERT INTO shops (id, platform, name, currency, created_at, updated_at) VALUES (1, 'shopify', 'Bench', 'USD', 0, 0)").run();
    const insO = db.prepare(`INSERT INTO orders (shop_id, platform, platform_order_id, platform_status, platform_state, payment, queue, currency, goods_minor,
      total_minor, placed_at, created_at, updated_at) VALUES (1, 'shopify', ?, 'PAID/UNFULFILLED', 'to_ship', 'paid', 'pending_audit', 'USD', ?, ?, ?, 0, 0)`);
    const insL = db.prepare('INSERT INTO order_lines (order_id, line_no, title, qty, unit_price_minor) VALUES (?, ?, ?, ?, ?)');
    const insR = db.prepare("INSERT INTO order_raw (order_id, format, payload, received_at) VALUES (?, 'shopify.graphql.order', ?, 0)");
    const t2 = performance.now();
    db.transaction(() => {
      for (const p of payloads) {
        const id = Number(insO.run(p.id.slice(p.id.lastIndexOf('/') + 1), 1000, 1000, Date.parse(p.createdAt)).lastInsertRowid);
        p.lineItems.forEach((l, j) => insL.run(id, j + 1, l.name, l.quantity, 1050));
        insR.run(id, JSON.stringify(p));
      }
    })();
    const floorMs = performance.now() - t2;
    floorCore.close();

    const perMin = (count: number, t: number) => Math.round((count / t) * 60_000);
    const ordersPerMin = perMin(N, engineMs);
    const floorPerMin = perMin(N, floorMs);
    console.log(`sync engine, normalize + upsert:   ${(engineMs / 1000).toFixed(2)} s → ${ordersPerMin.toLocaleString('en')} orders/min  ${ordersPerMin >= 1_000_000 ? 'ok' : 'UNDER'} (≥1,000,000; ${run.pages} pages)`);
    console.log(`one transaction per page:          ${(ms / 1000).toFixed(2)} s → ${perMin(N, ms).toLocaleString('en')} orders/min (a platform that hands out one page at a time)`);
    console.log(`re-sync (all unchanged):           ${(resyncMs / 1000).toFixed(2)} s → ${perMin(N, resyncMs).toLocaleString('en')} orders/min`);
    console.log(`raw bulk insert floor:             ${(floorMs / 1000).toFixed(2)} s → ${floorPerMin.toLocaleString('en')} orders/min (sync engine at ${Math.round((100 * floorMs) / engineMs)}% of the floor's speed)`);
    return { ordersPerMin, floorPerMin };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
