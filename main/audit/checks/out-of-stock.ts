import { z } from 'zod';
import type { DB } from '../../store/db.js';
import type { AuditOrder, BuiltInCheck } from '../check-types.js';
import { parseWith } from './params.js';
import { jsonList } from './sql.js';

const Params = z
  .object({
    /** A SKU with no stock row anywhere is not tracked (the shop keeps no stock in ShopDesk): it passes. */
    ignoreIfNoStockRecords: z.boolean().default(true),
  })
  .strict();

interface StockRow {
  sku_id: number;
  code: string;
  rows: number;
  available: number;
}

/*
 * Availability per SKU: on hand − reserved in each active warehouse (a warehouse oversold below zero takes nothing
 * from the others), and whether the SKU has stock rows at all.
 */
const STOCK_SQL = `SELECT k.id AS sku_id, k.code AS code, count(s.sku_id) AS rows,
    COALESCE(SUM(CASE WHEN w.active = 1 THEN MAX(0, s.on_hand - s.reserved) ELSE 0 END), 0) AS available
  FROM skus k LEFT JOIN stock s ON s.sku_id = k.id LEFT JOIN warehouses w ON w.id = s.warehouse_id
  WHERE k.id IN (SELECT value FROM json_each(?)) GROUP BY k.id`;

/*
 * Units that approved orders still want: approved is not yet allocated (reservation happens at allocation), so
 * their claim is not in stock.reserved. SKUs resolved as the audit resolves them: the shop's mapping first
 * (× qty_per), else the SKU code. An order the platform cancelled or refunded claims nothing.
 */
const CLAIMS_SQL = `SELECT o.id AS order_id, COALESCE(ps.sku_id, k.id) AS sku, SUM((ol.qty - ol.qty_allocated) * COALESCE(ps.qty_per, 1)) AS units
  FROM orders o
  JOIN order_lines ol ON ol.order_id = o.id
  LEFT JOIN platform_skus ps ON ps.shop_id = o.shop_id AND ps.platform_sku = ol.platform_sku
  LEFT JOIN skus k ON ps.sku_id IS NULL AND k.code = ol.sku_code
  WHERE o.id IN (SELECT value FROM json_each(?)) AND o.platform_state <> 'cancelled' AND o.payment <> 'refunded'
  GROUP BY 1, 2`;
/** Which orders are approved now: read from the orders_approved partial index alone (no row reads). */
const APPROVED_SQL = "SELECT id FROM orders WHERE workflow = 'approved'";

/** An approved order's claim is read again at least this often (by the audit's clock): catches a later cancel. */
const CLAIMS_TTL_MS = 60_000;

interface Claims {
  at: number;
  /** Approved order id → [our SKU id, units] it claims. */
  byOrder: Map<number, [number, number][]>;
}

/*
 * Claims per database, kept between batches: an audit of 100,000 orders approves tens of thousands of them batch
 * by batch, and reading every approved order's lines again for each batch would grow with the backlog. Each batch
 * re-reads only which orders are approved (an index scan) and the lines of the newly approved ones; an order no
 * longer approved (allocated, shipped) drops out at once.
 */
const claimsCache = new WeakMap<DB, Claims>();

function approvedClaims(db: DB, now: number): Map<number, [number, number][]> {
  let c = claimsCache.get(db);
  if (!c || Math.abs(now - c.at) >= CLAIMS_TTL_MS) claimsCache.set(db, (c = { at: now, byOrder: new Map() }));
  const ids = db.prepare(APPROVED_SQL).pluck().all() as number[];
  const live = new Set(ids);
  for (const id of c.byOrder.keys()) if (!live.has(id)) c.byOrder.delete(id);
  const missing = ids.filter((id) => !c.byOrder.has(id));
  if (missing.length > 0) {
    for (const id of missing) c.byOrder.set(id, []);
    for (const r of db.prepare(CLAIMS_SQL).all(jsonList(missing)) as { order_id: number; sku: number | null; units: number }[]) {
      if (r.sku !== null) c.byOrder.get(r.order_id)!.push([r.sku, r.units]);
    }
  }
  return c.byOrder;
}

/** Units of each of our SKUs an order needs (bundles already expanded into units by the loader). */
function unitsBySku(o: AuditOrder): Map<number, number> {
  const m = new Map<number, number>();
  for (const l of o.lines) if (l.skuId !== null) m.set(l.skuId, (m.get(l.skuId) ?? 0) + l.units);
  return m;
}

function loadAvailability(db: DB, batch: readonly AuditOrder[], skuIds: Set<number>, now: number): Map<number, StockRow> {
  const stock = new Map<number, StockRow>();
  for (const r of db.prepare(STOCK_SQL).all(jsonList(skuIds)) as StockRow[]) stock.set(r.sku_id, r);
  // The batch's own approved orders (a re-audit) take their turn in the batch instead.
  const inBatch = new Set(batch.map((o) => o.id));
  for (const [orderId, claims] of approvedClaims(db, now)) {
    if (inBatch.has(orderId)) continue;
    for (const [sku, units] of claims) {
      const s = stock.get(sku);
      if (s) s.available -= units;
    }
  }
  return stock;
}

/**
 * Not enough stock: what is available is handed to the batch's orders in batch order (the audit's priority), whole
 * orders only — an order that cannot be served in full takes nothing and fires, leaving the units to the next.
 * A line without a known SKU is unmapped_sku's finding, not this one's.
 */
export const outOfStock: BuiltInCheck = {
  name: 'out_of_stock',
  defaults: { enabled: true, outcome: 'review', params: { ignoreIfNoStockRecords: true } },
  parseParams: (p) => parseWith('out_of_stock', Params, p),
  prepare(batch, ctx) {
    const ignoreUntracked = ctx.params.ignoreIfNoStockRecords !== false;
    const needs = batch.map(unitsBySku);
    const skuIds = new Set(needs.flatMap((m) => [...m.keys()]));
    const findings = new Map<number, string>();
    if (skuIds.size === 0) return () => null;
    const stock = loadAvailability(ctx.db, batch, skuIds, ctx.now);
    batch.forEach((o, i) => {
      const short: string[] = [];
      const take: [StockRow, number][] = [];
      for (const [skuId, units] of needs[i]!) {
        const s = stock.get(skuId);
        if (!s) continue; // the SKU row was deleted since the loader resolved it: unmapped, not short
        if (s.rows === 0 && ignoreUntracked) continue;
        const available = Math.max(0, s.available);
        if (units > available) short.push(`SKU ${s.code}: needs ${units}, ${available} available`);
        else take.push([s, units]);
      }
      if (short.length) findings.set(o.id, short.join('; '));
      else for (const [s, units] of take) s.available -= units;
    });
    return (order) => findings.get(order.id) ?? null;
  },
};
