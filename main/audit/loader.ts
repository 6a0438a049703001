import type { Platform } from '../../shared/domain/ids.js';
import type { FlagKind, Payment, PlatformState, Queue, Workflow } from '../../shared/domain/status.js';
import type { DB } from '../store/db.js';
import type { AuditLine, AuditOrder } from './check-types.js';

/** A line as the engine keeps it: what the checks see, plus our SKU's code and what the line row stores now. */
export interface LoadedLine extends AuditLine {
  /** The code of our SKU the line resolved to (rules match SKU codes against it too). */
  ourCode: string | null;
  storedSkuId: number | null;
}

/** Every flag the order ever had (open and released): the engine reads what a person or the clock already settled. */
export interface FlagRecord {
  id: number;
  kind: FlagKind;
  reason: string;
  note: string | null;
  releaseAt: number | null;
  createdBy: string;
  releasedAt: number | null;
  releasedBy: string | null;
}

export interface LoadedOrder extends AuditOrder {
  lines: LoadedLine[];
  shopName: string;
  priority: number;
  carrier: string | null;
  warehouseId: number | null;
  updatedAt: number;
  flags: FlagRecord[];
}

/*
 * Rows are read as arrays (better-sqlite3's raw mode): a batch is thousands of wide rows, and building an object
 * with named keys per row costs about twice as much as the array. The tuple types follow the SELECT lists below.
 */
type OrderTuple = [
  id: number, shopId: number, shopName: string, platform: Platform, platformStatus: string, platformState: PlatformState,
  payment: Payment, workflow: Workflow, queue: Queue, openFlags: number, buyerNick: string | null, buyerName: string | null,
  buyerPhone: string | null, country: string | null, province: string | null, city: string | null, district: string | null,
  address1: string | null, postcode: string | null, piiMasked: number, buyerMessage: string | null, sellerMemo: string | null,
  currency: string, goodsMinor: number, shippingMinor: number, discountMinor: number, totalMinor: number, placedAt: number,
  paidAt: number | null, shipBy: number | null, priority: number, carrier: string | null, warehouseId: number | null, updatedAt: number,
];

type LineTuple = [
  id: number, orderId: number, lineNo: number, platformSku: string | null, skuCode: string | null, storedSku: number | null,
  qty: number, title: string, unitPriceMinor: number, skuId: number | null, qtyPer: number, weightG: number | null, ourCode: string | null,
];

interface FlagRec {
  id: number;
  order_id: number;
  kind: FlagKind;
  reason: string;
  note: string | null;
  release_at: number | null;
  created_by: string;
  released_at: number | null;
  released_by: string | null;
}

/**
 * Loads orders for audit in batches: one query each for orders, lines (with the SKU resolved through the shop's
 * mapping, else by our SKU code, with bundle quantity and weight), tags and flags — never a query per order.
 */
export class AuditLoader {
  private readonly orders;
  private readonly lines;
  private readonly tags;
  private readonly flags;

  constructor(db: DB) {
    this.orders = db.prepare(`SELECT o.id, o.shop_id, s.name AS shop_name, o.platform, o.platform_status, o.platform_state, o.payment,
        o.workflow, o.queue, o.open_flags, o.buyer_nick, o.buyer_name, o.buyer_phone, o.country, o.province, o.city,
        o.district, o.address1, o.postcode, o.pii_masked, o.buyer_message, o.seller_memo, o.currency, o.goods_minor, o.shipping_minor,
        o.discount_minor, o.total_minor, o.placed_at, o.paid_at, o.ship_by, o.priority, o.carrier, o.warehouse_id, o.updated_at
      FROM orders o JOIN shops s ON s.id = o.shop_id WHERE o.id IN (SELECT value FROM json_each(?))`)
      .raw(true);
    // The shop's mapping wins over a bare code match: a listing's SKU may be a bundle (qty_per) of one of ours.
    this.lines = db.prepare(`SELECT l.id, l.order_id, l.line_no, l.platform_sku, l.sku_code, l.sku_id AS stored_sku, l.qty, l.title,
        l.unit_price_minor, COALESCE(ps.sku_id, k.id) AS sku_id, COALESCE(ps.qty_per, 1) AS qty_per, w.weight_g, w.code AS our_code
      FROM order_lines l JOIN orders o ON o.id = l.order_id
      LEFT JOIN platform_skus ps ON ps.shop_id = o.shop_id AND ps.platform_sku = l.platform_sku
      LEFT JOIN skus k ON ps.sku_id IS NULL AND k.code = l.sku_code
      LEFT JOIN skus w ON w.id = COALESCE(ps.sku_id, k.id)
      WHERE l.order_id IN (SELECT value FROM json_each(?)) ORDER BY l.order_id, l.line_no`)
      .raw(true);
    this.tags = db.prepare('SELECT order_id, tag FROM order_tags WHERE order_id IN (SELECT value FROM json_each(?)) ORDER BY order_id, tag');
    this.flags = db.prepare(`SELECT id, order_id, kind, reason, note, release_at, created_by, released_at, released_by
      FROM order_flags WHERE order_id IN (SELECT value FROM json_each(?)) ORDER BY order_id, id`);
  }

  /** The orders of `ids` that exist, in the order of `ids`. */
  load(ids: readonly number[]): LoadedOrder[] {
    if (ids.length === 0) return [];
    const json = JSON.stringify(ids);
    const lines = new Map<number, LoadedLine[]>();
    for (const [id, orderId, lineNo, platformSku, skuCode, storedSkuId, qty, title, unitPriceMinor, skuId, qtyPer, weightG, ourCode] of this.lines.all(json) as LineTuple[]) {
      let list = lines.get(orderId);
      if (!list) lines.set(orderId, (list = []));
      list.push({ id, lineNo, platformSku, skuCode, skuId, units: qty * qtyPer, qty, title, unitPriceMinor, weightG, ourCode, storedSkuId });
    }
    const tags = new Map<number, string[]>();
    for (const t of this.tags.all(json) as { order_id: number; tag: string }[]) {
      const list = tags.get(t.order_id);
      if (list) list.push(t.tag);
      else tags.set(t.order_id, [t.tag]);
    }
    const flags = new Map<number, FlagRecord[]>();
    for (const f of this.flags.all(json) as FlagRec[]) {
      const rec: FlagRecord = {
        id: f.id,
        kind: f.kind,
        reason: f.reason,
        note: f.note,
        releaseAt: f.release_at,
        createdBy: f.created_by,
        releasedAt: f.released_at,
        releasedBy: f.released_by,
      };
      const list = flags.get(f.order_id);
      if (list) list.push(rec);
      else flags.set(f.order_id, [rec]);
    }
    const byId = new Map<number, LoadedOrder>();
    for (const row of this.orders.all(json) as OrderTuple[]) {
      const [id, shopId, shopName, platform, platformStatus, platformState, payment, workflow, queue, openFlags, buyerNick, buyerName,
        buyerPhone, country, province, city, district, address1, postcode, piiMasked, buyerMessage, sellerMemo, currency, goodsMinor,
        shippingMinor, discountMinor, totalMinor, placedAt, paidAt, shipBy, priority, carrier, warehouseId, updatedAt] = row;
      byId.set(id, {
        id, shopId, shopName, platform, platformStatus, platformState, payment, workflow, queue, openFlags, buyerNick, buyerName,
        buyerPhone, country, province, city, district, address1, postcode, piiMasked: piiMasked === 1, buyerMessage, sellerMemo, currency,
        goodsMinor, shippingMinor, discountMinor, totalMinor, placedAt, paidAt, shipBy, priority, carrier, warehouseId, updatedAt,
        tags: tags.get(id) ?? [],
        lines: lines.get(id) ?? [],
        flags: flags.get(id) ?? [],
      });
    }
    const out: LoadedOrder[] = [];
    for (const id of ids) {
      const o = byId.get(id);
      if (o) out.push(o);
    }
    return out;
  }
}
