import path from 'node:path';
import type { AuditLine, AuditOrder, BuiltInCheck, CheckContext, CheckParams } from '../../main/audit/check-types.js';
import { EventLog } from '../../main/history/events.js';
import { OrderWriter } from '../../main/orders/ingest.js';
import type { NormalizedOrder } from '../../main/orders/model.js';
import { openDatabase, type DB } from '../../main/store/db.js';
import { tmpDir } from '../helpers/tmp.js';

/*
 * Real databases for the built-in check tests: orders written through the store's own writer, and read back as the
 * audit sees them (SKU resolved through the shop's mapping, else by code; bundles as units).
 */

export const NOW = Date.UTC(2026, 10, 25, 4, 0, 0);
export const MINUTE = 60_000;
export const DAY = 86_400_000;

export const SHOP = { taobao: 1, shopify: 2, pinduoduo: 3, jd: 4 } as const;

/** A fresh database with four shops, four SKUs (one mapped as a 2-pack bundle) and two warehouses (one inactive). */
export function setupDb(): DB {
  const db = openDatabase(path.join(tmpDir('shopdesk-audit-'), 'audit.db'));
  const shop = db.prepare('INSERT INTO shops (id, platform, name, currency, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)');
  shop.run(SHOP.taobao, 'taobao', '旗舰店', 'CNY');
  shop.run(SHOP.shopify, 'shopify', 'US store', 'USD');
  shop.run(SHOP.pinduoduo, 'pinduoduo', '拼多多店', 'CNY');
  shop.run(SHOP.jd, 'jd', '京东店', 'CNY');
  const sku = db.prepare('INSERT INTO skus (id, code, name, weight_g, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)');
  sku.run(1, 'CUP-500-WH', '保温杯 白', 350);
  sku.run(2, 'TOWEL-GR', '毛巾 绿', 120);
  sku.run(3, 'LAMP-DESK', '台灯', 1200);
  sku.run(4, 'NOSTOCK', '不管库存的商品', 100);
  db.prepare("INSERT INTO platform_skus (shop_id, platform_sku, sku_id, qty_per, created_at) VALUES (1, 'TB-CUP-2PACK', 1, 2, 0)").run();
  db.prepare("INSERT INTO warehouses (id, code, name, active, created_at) VALUES (1, 'HZ', '杭州仓', 1, 0), (2, 'OLD', '旧仓', 0, 0)").run();
  return db;
}

let seq = 0;

/** A paid Taobao order to ship, to Hangzhou, one cup; `over` changes any field. */
export function order(over: Partial<NormalizedOrder> = {}): NormalizedOrder {
  seq++;
  return {
    shopId: SHOP.taobao,
    platform: 'taobao',
    platformOrderId: `31000000000${String(seq).padStart(5, '0')}`,
    platformStatus: 'WAIT_SELLER_SEND_GOODS',
    platformState: 'to_ship',
    payment: 'paid',
    buyerNick: 'tb_buyer',
    buyerName: '张三',
    buyerPhone: '13800138000',
    country: 'CN',
    province: '浙江省',
    city: '杭州市',
    district: '西湖区',
    address1: '文三路100号',
    currency: 'CNY',
    goodsMinor: 8900,
    totalMinor: 8900,
    placedAt: NOW - 60 * MINUTE,
    paidAt: NOW - 59 * MINUTE,
    lines: [{ platformSku: 'CUP-500-WH', skuCode: 'CUP-500-WH', title: '保温杯', qty: 1, unitPriceMinor: 8900 }],
    ...over,
  };
}

interface LineRow {
  id: number;
  order_id: number;
  line_no: number;
  platform_sku: string | null;
  sku_code: string | null;
  qty: number;
  title: string;
  unit_price_minor: number;
  sku_id: number | null;
  qty_per: number;
  weight_g: number | null;
}

/** The orders of `ids` as the audit loads them, in the order of `ids`. */
export function load(db: DB, ids: readonly number[]): AuditOrder[] {
  const lines = db.prepare(
      `SELECT l.id, l.order_id, l.line_no, l.platform_sku, l.sku_code, l.qty, l.title, l.unit_price_minor,
        COALESCE(ps.sku_id, k.id) AS sku_id, COALESCE(ps.qty_per, 1) AS qty_per, w.weight_g
      FROM order_lines l JOIN orders o ON o.id = l.order_id
      LEFT JOIN platform_skus ps ON ps.shop_id = o.shop_id AND ps.platform_sku = l.platform_sku
      LEFT JOIN skus k ON ps.sku_id IS NULL AND k.code = l.sku_code
      LEFT JOIN skus w ON w.id = COALESCE(ps.sku_id, k.id)
      WHERE l.order_id = ? ORDER BY l.line_no`,
    );
  const row = db.prepare('SELECT * FROM orders WHERE id = ?');
  return ids.map((id) => {
    const o = row.get(id) as Record<string, unknown>;
    const ls = (lines.all(id) as LineRow[]).map(
      (l): AuditLine => ({
        id: l.id,
        lineNo: l.line_no,
        platformSku: l.platform_sku,
        skuCode: l.sku_code,
        skuId: l.sku_id,
        units: l.qty * l.qty_per,
        qty: l.qty,
        title: l.title,
        unitPriceMinor: l.unit_price_minor,
        weightG: l.weight_g,
      }),
    );
    return {
      id,
      shopId: o.shop_id as number,
      platform: o.platform as AuditOrder['platform'],
      platformStatus: o.platform_status as string,
      platformState: o.platform_state as AuditOrder['platformState'],
      payment: o.payment as AuditOrder['payment'],
      workflow: o.workflow as AuditOrder['workflow'],
      queue: o.queue as AuditOrder['queue'],
      openFlags: o.open_flags as number,
      buyerNick: o.buyer_nick as string | null,
      buyerName: o.buyer_name as string | null,
      buyerPhone: o.buyer_phone as string | null,
      country: o.country as string | null,
      province: o.province as string | null,
      city: o.city as string | null,
      district: o.district as string | null,
      address1: o.address1 as string | null,
      postcode: o.postcode as string | null,
      piiMasked: o.pii_masked === 1,
      buyerMessage: o.buyer_message as string | null,
      sellerMemo: o.seller_memo as string | null,
      currency: o.currency as string,
      goodsMinor: o.goods_minor as number,
      shippingMinor: o.shipping_minor as number,
      discountMinor: o.discount_minor as number,
      totalMinor: o.total_minor as number,
      placedAt: o.placed_at as number,
      paidAt: o.paid_at as number | null,
      shipBy: o.ship_by as number | null,
      tags: [],
      lines: ls,
    };
  });
}

/** Writes orders through the store's writer and returns them loaded for audit, in the same order. */
export function add(db: DB, ...orders: NormalizedOrder[]): AuditOrder[] {
  const { ids } = new OrderWriter(db, new EventLog(db)).upsertMany(orders, 'sync:test', NOW - 30 * MINUTE);
  return load(db, ids);
}

/** Marks orders approved (as the audit does: workflow and queue together), unallocated. */
export function approve(db: DB, ...ids: number[]): void {
  const set = db.prepare("UPDATE orders SET workflow = 'approved', queue = 'to_print' WHERE id = ?");
  for (const id of ids) set.run(id);
}

/** A check's context: its defaults overlaid with `params`, validated by the check. */
export function ctx(db: DB, check: BuiltInCheck, params: CheckParams = {}, now = NOW): CheckContext {
  return { db, now, params: check.parseParams({ ...check.defaults.params, ...params }) };
}

/** Runs a check over a batch: the detail for each order (null when it did not fire). */
export function run(check: BuiltInCheck, db: DB, batch: readonly AuditOrder[], params: CheckParams = {}, now = NOW): (string | null)[] {
  const test = check.prepare(batch, ctx(db, check, params, now));
  return batch.map((o) => test(o));
}
