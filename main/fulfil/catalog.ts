import type { Sku, SkuMapping } from '../../shared/contract/fulfil.js';
import { AppError } from '../../shared/errors.js';
import type { EventLog } from '../history/events.js';
import type { DB } from '../store/db.js';
import { likeAnywhere, likePrefix, Where } from './sql.js';
import { by, type Who } from './who.js';

interface SkuDbRow {
  id: number;
  code: string;
  name: string;
  barcode: string | null;
  weight_g: number | null;
  active: number;
  on_hand: number;
  reserved: number;
}

interface MappingDbRow {
  id: number;
  shop_id: number;
  shop_name: string;
  platform_sku: string;
  sku_id: number;
  sku_code: string;
  qty_per: number;
}

const SKU_SELECT = `SELECT k.id, k.code, k.name, k.barcode, k.weight_g, k.active,
    COALESCE((SELECT sum(on_hand) FROM stock WHERE sku_id = k.id), 0) AS on_hand,
    COALESCE((SELECT sum(reserved) FROM stock WHERE sku_id = k.id), 0) AS reserved
  FROM skus k`;
const MAPPING_SELECT = `SELECT ps.id, ps.shop_id, sh.name AS shop_name, ps.platform_sku, ps.sku_id, k.code AS sku_code, ps.qty_per
  FROM platform_skus ps JOIN shops sh ON sh.id = ps.shop_id JOIN skus k ON k.id = ps.sku_id`;

const toSku = (r: SkuDbRow): Sku => ({
  id: r.id,
  code: r.code,
  name: r.name,
  barcode: r.barcode,
  weightG: r.weight_g,
  active: r.active === 1,
  onHand: r.on_hand,
  reserved: r.reserved,
});
const toMapping = (r: MappingDbRow): SkuMapping => ({
  id: r.id,
  shopId: r.shop_id,
  shopName: r.shop_name,
  platformSku: r.platform_sku,
  skuId: r.sku_id,
  skuCode: r.sku_code,
  qtyPer: r.qty_per,
});

/**
 * Our SKUs (code, name, barcode, weight) and how each shop's platform SKUs map onto them — what the audit's
 * unmapped-SKU check and allocation read. Every change is an event on the SKU.
 */
export class SkuCatalog {
  constructor(
    private readonly db: DB,
    private readonly log: EventLog,
  ) {}

  get(id: number): Sku {
    const r = this.db.prepare(`${SKU_SELECT} WHERE k.id = ?`).get(id) as SkuDbRow | undefined;
    if (!r) throw new AppError('not_found', `SKU ${id} does not exist`, { skuId: id });
    return toSku(r);
  }

  list(q: { search?: string; includeInactive: boolean; offset: number; limit: number }): { rows: Sku[]; total: number } {
    const w = new Where();
    if (!q.includeInactive) w.add('k.active = 1');
    if (q.search) w.add("(k.code LIKE ? ESCAPE '\\' OR k.name LIKE ? ESCAPE '\\' OR k.barcode = ?)", likePrefix(q.search), likeAnywhere(q.search), q.search);
    const total = (this.db.prepare(`SELECT count(*) AS n FROM skus k ${w.sql}`).get(...w.params) as { n: number }).n;
    const rows = this.db.prepare(`${SKU_SELECT} ${w.sql} ORDER BY k.code LIMIT ? OFFSET ?`).all(...w.params, q.limit, q.offset) as SkuDbRow[];
    return { rows: rows.map(toSku), total };
  }

  save(input: { id?: number; code: string; name: string; barcode?: string | null; weightG?: number | null; active: boolean }, who: Who, now = Date.now()): Sku {
    return this.db.transaction(() => {
      const clash = this.db.prepare('SELECT id FROM skus WHERE code = ? AND id IS NOT ?').get(input.code, input.id ?? null) as { id: number } | undefined;
      if (clash) throw new AppError('conflict', `SKU code "${input.code}" is already used by SKU ${clash.id}`, { field: 'code', value: input.code, skuId: clash.id });
      if (input.barcode) {
        const b = this.db.prepare('SELECT id, code FROM skus WHERE barcode = ? AND id IS NOT ?').get(input.barcode, input.id ?? null) as { id: number; code: string } | undefined;
        if (b) throw new AppError('conflict', `barcode ${input.barcode} already belongs to SKU ${b.code}`, { field: 'barcode', value: input.barcode, skuId: b.id });
      }
      const fields = { code: input.code, name: input.name, barcode: input.barcode ?? null, weightG: input.weightG ?? null, active: input.active ? 1 : 0 };
      if (input.id === undefined) {
        const id = Number(
          this.db
            .prepare('INSERT INTO skus (code, name, barcode, weight_g, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
            .run(fields.code, fields.name, fields.barcode, fields.weightG, fields.active, now, now).lastInsertRowid,
        );
        this.log.record({ at: now, ...by(who), entity: 'sku', entityId: id, action: 'created', data: fields });
        return this.get(id);
      }
      const before = this.get(input.id);
      this.db
        .prepare('UPDATE skus SET code = ?, name = ?, barcode = ?, weight_g = ?, active = ?, updated_at = ? WHERE id = ?')
        .run(fields.code, fields.name, fields.barcode, fields.weightG, fields.active, now, input.id);
      const changed = Object.fromEntries(
        (
          [
            ['code', before.code, fields.code],
            ['name', before.name, fields.name],
            ['barcode', before.barcode, fields.barcode],
            ['weightG', before.weightG, fields.weightG],
            ['active', before.active ? 1 : 0, fields.active],
          ] as const
        )
          .filter(([, a, b]) => a !== b)
          .map(([k, a, b]) => [k, { from: a, to: b }]),
      );
      if (Object.keys(changed).length) this.log.record({ at: now, ...by(who), entity: 'sku', entityId: input.id, action: 'updated', data: changed });
      return this.get(input.id);
    })();
  }

  mappings(q: { shopId?: number; skuId?: number; search?: string; offset: number; limit: number }): { rows: SkuMapping[]; total: number } {
    const w = new Where();
    if (q.shopId !== undefined) w.add('ps.shop_id = ?', q.shopId);
    if (q.skuId !== undefined) w.add('ps.sku_id = ?', q.skuId);
    if (q.search) w.add("(ps.platform_sku LIKE ? ESCAPE '\\' OR k.code LIKE ? ESCAPE '\\')", likePrefix(q.search), likePrefix(q.search));
    const total = (this.db.prepare(`SELECT count(*) AS n FROM platform_skus ps JOIN skus k ON k.id = ps.sku_id ${w.sql}`).get(...w.params) as { n: number }).n;
    const rows = this.db.prepare(`${MAPPING_SELECT} ${w.sql} ORDER BY ps.shop_id, ps.platform_sku LIMIT ? OFFSET ?`).all(...w.params, q.limit, q.offset) as MappingDbRow[];
    return { rows: rows.map(toMapping), total };
  }

  /** Maps (or re-maps) a shop's platform SKU onto one of ours. */
  map(input: { shopId: number; platformSku: string; skuId: number; qtyPer: number }, who: Who, now = Date.now()): SkuMapping {
    return this.db.transaction(() => {
      if (!this.db.prepare('SELECT 1 FROM shops WHERE id = ?').get(input.shopId)) throw new AppError('not_found', `shop ${input.shopId} does not exist`, { field: 'shopId', value: input.shopId });
      const sku = this.get(input.skuId);
      const before = this.db.prepare('SELECT sku_id, qty_per FROM platform_skus WHERE shop_id = ? AND platform_sku = ?').get(input.shopId, input.platformSku) as
        | { sku_id: number; qty_per: number }
        | undefined;
      this.db
        .prepare(
          `INSERT INTO platform_skus (shop_id, platform_sku, sku_id, qty_per, created_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT(shop_id, platform_sku) DO UPDATE SET sku_id = excluded.sku_id, qty_per = excluded.qty_per`,
        )
        .run(input.shopId, input.platformSku, input.skuId, input.qtyPer, now);
      const data = { shopId: input.shopId, platformSku: input.platformSku, skuCode: sku.code, qtyPer: input.qtyPer, ...(before ? { was: before } : {}) };
      this.log.record({ at: now, ...by(who), entity: 'sku', entityId: input.skuId, action: before ? 'remapped' : 'mapped', data });
      return toMapping(this.db.prepare(`${MAPPING_SELECT} WHERE ps.shop_id = ? AND ps.platform_sku = ?`).get(input.shopId, input.platformSku) as MappingDbRow);
    })();
  }

  unmap(id: number, who: Who, now = Date.now()): void {
    this.db.transaction(() => {
      const m = this.db.prepare(`${MAPPING_SELECT} WHERE ps.id = ?`).get(id) as MappingDbRow | undefined;
      if (!m) throw new AppError('not_found', `SKU mapping ${id} does not exist`, { id });
      this.db.prepare('DELETE FROM platform_skus WHERE id = ?').run(id);
      this.log.record({ at: now, ...by(who), entity: 'sku', entityId: m.sku_id, action: 'unmapped', data: { shopId: m.shop_id, platformSku: m.platform_sku, qtyPer: m.qty_per } });
    })();
  }

  /**
   * Lines of open orders (waiting for audit, in review, on hold, to print) that no mapping and no SKU code resolves,
   * grouped by what the line says, most orders first.
   */
  unmapped(q: { shopId?: number; limit: number }): { shopId: number; platformSku: string | null; skuCode: string | null; title: string; orders: number }[] {
    const rows = this.db
      .prepare(
        `SELECT o.shop_id, ol.platform_sku, ol.sku_code, min(ol.title) AS title, count(DISTINCT o.id) AS orders
         FROM orders o JOIN order_lines ol ON ol.order_id = o.id
         LEFT JOIN platform_skus ps ON ps.shop_id = o.shop_id AND ps.platform_sku = ol.platform_sku
         LEFT JOIN skus s ON s.code = ol.sku_code
         WHERE o.queue IN ('pending_audit','review','on_hold','to_print') AND ps.id IS NULL AND s.id IS NULL ${q.shopId !== undefined ? 'AND o.shop_id = ?' : ''}
         GROUP BY o.shop_id, ol.platform_sku, ol.sku_code ORDER BY orders DESC, o.shop_id LIMIT ?`,
      )
      .all(...(q.shopId !== undefined ? [q.shopId] : []), q.limit) as { shop_id: number; platform_sku: string | null; sku_code: string | null; title: string; orders: number }[];
    return rows.map((r) => ({ shopId: r.shop_id, platformSku: r.platform_sku, skuCode: r.sku_code, title: r.title, orders: r.orders }));
  }
}
