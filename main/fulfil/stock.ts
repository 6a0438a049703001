import type { StockRow } from '../../shared/contract/fulfil.js';
import { AppError } from '../../shared/errors.js';
import type { EventLog } from '../history/events.js';
import type { DB } from '../store/db.js';
import { likePrefix, Where } from './sql.js';
import { by, type Who } from './who.js';

interface StockDbRow {
  warehouse_id: number;
  warehouse_code: string;
  sku_id: number;
  sku_code: string;
  sku_name: string;
  on_hand: number;
  reserved: number;
  low_water: number;
  updated_at: number;
}

const SELECT = `SELECT st.warehouse_id, w.code AS warehouse_code, st.sku_id, k.code AS sku_code, k.name AS sku_name, st.on_hand, st.reserved,
    st.low_water, st.updated_at
  FROM stock st JOIN warehouses w ON w.id = st.warehouse_id JOIN skus k ON k.id = st.sku_id`;

export function toStockRow(r: StockDbRow): StockRow {
  const available = r.on_hand - r.reserved;
  return {
    warehouseId: r.warehouse_id,
    warehouseCode: r.warehouse_code,
    skuId: r.sku_id,
    skuCode: r.sku_code,
    skuName: r.sku_name,
    onHand: r.on_hand,
    reserved: r.reserved,
    available,
    lowWater: r.low_water,
    low: available <= r.low_water,
    updatedAt: r.updated_at,
  };
}

/**
 * Per-warehouse stock: on hand, reserved (the sum of order reservations, kept by triggers), and a low-water mark.
 * A person sets the count or receives units; each change is an event on the SKU with the before and after.
 * A count may come out below what orders already hold (available < 0): that is recorded as it is, and the stock
 * shows up as low, rather than refusing what was counted.
 */
export class StockService {
  constructor(
    private readonly db: DB,
    private readonly log: EventLog,
  ) {}

  get(warehouseId: number, skuId: number): StockRow | null {
    const r = this.db.prepare(`${SELECT} WHERE st.warehouse_id = ? AND st.sku_id = ?`).get(warehouseId, skuId) as StockDbRow | undefined;
    return r ? toStockRow(r) : null;
  }

  list(q: { warehouseId?: number; skuId?: number; search?: string; offset: number; limit: number }): { rows: StockRow[]; total: number } {
    const w = new Where();
    if (q.warehouseId !== undefined) w.add('st.warehouse_id = ?', q.warehouseId);
    if (q.skuId !== undefined) w.add('st.sku_id = ?', q.skuId);
    if (q.search) w.add("(k.code LIKE ? ESCAPE '\\' OR k.barcode = ?)", likePrefix(q.search), q.search);
    const total = (this.db.prepare(`SELECT count(*) AS n FROM stock st JOIN skus k ON k.id = st.sku_id ${w.sql}`).get(...w.params) as { n: number }).n;
    const rows = this.db.prepare(`${SELECT} ${w.sql} ORDER BY k.code, w.code LIMIT ? OFFSET ?`).all(...w.params, q.limit, q.offset) as StockDbRow[];
    return { rows: rows.map(toStockRow), total };
  }

  /** Stock at or below its low-water mark (available = on hand − reserved ≤ low water), emptiest first. */
  low(q: { warehouseId?: number; limit: number }): StockRow[] {
    const w = q.warehouseId !== undefined ? 'AND st.warehouse_id = ?' : '';
    const rows = this.db
      .prepare(`${SELECT} WHERE st.on_hand - st.reserved <= st.low_water AND w.active = 1 AND k.active = 1 ${w}
        ORDER BY st.on_hand - st.reserved - st.low_water, k.code LIMIT ?`)
      .all(...(q.warehouseId !== undefined ? [q.warehouseId] : []), q.limit) as StockDbRow[];
    return rows.map(toStockRow);
  }

  /** Of these (warehouse, SKU) pairs, the ones now at or below low water. */
  lowAmong(pairs: Iterable<readonly [number, number]>): StockRow[] {
    const get = this.db.prepare(`${SELECT} WHERE st.warehouse_id = ? AND st.sku_id = ? AND st.on_hand - st.reserved <= st.low_water`);
    const out: StockRow[] = [];
    for (const [w, s] of pairs) {
      const r = get.get(w, s) as StockDbRow | undefined;
      if (r) out.push(toStockRow(r));
    }
    return out;
  }

  adjust(a: { warehouseId: number; skuId: number; mode: 'set' | 'receive'; qty: number; reason?: string }, who: Who, now = Date.now()): StockRow {
    return this.db.transaction(() => {
      const { warehouse, sku } = this.known(a.warehouseId, a.skuId);
      const before = this.get(a.warehouseId, a.skuId);
      const from = before?.onHand ?? 0;
      const to = a.mode === 'set' ? a.qty : from + a.qty;
      if (!Number.isSafeInteger(to) || to > 1_000_000_000) throw new AppError('invalid_input', `qty: ${sku} in ${warehouse} would have ${to} on hand, more than ShopDesk counts`, { field: 'qty', value: a.qty });
      this.db
        .prepare(
          `INSERT INTO stock (warehouse_id, sku_id, on_hand, reserved, low_water, updated_at) VALUES (?, ?, ?, 0, 0, ?)
           ON CONFLICT(warehouse_id, sku_id) DO UPDATE SET on_hand = excluded.on_hand, updated_at = excluded.updated_at`,
        )
        .run(a.warehouseId, a.skuId, to, now);
      const reserved = before?.reserved ?? 0;
      this.log.record({
        at: now,
        ...by(who),
        entity: 'sku',
        entityId: a.skuId,
        action: a.mode === 'set' ? 'stock_counted' : 'stock_received',
        reason: a.reason ?? null,
        data: { warehouseId: a.warehouseId, warehouse, from, to, reserved, ...(to < reserved ? { oversold: reserved - to } : {}) },
      });
      return this.get(a.warehouseId, a.skuId)!;
    })();
  }

  setLowWater(warehouseId: number, skuId: number, lowWater: number, who: Who, now = Date.now()): StockRow {
    return this.db.transaction(() => {
      const { warehouse } = this.known(warehouseId, skuId);
      const before = this.get(warehouseId, skuId);
      this.db
        .prepare(
          `INSERT INTO stock (warehouse_id, sku_id, on_hand, reserved, low_water, updated_at) VALUES (?, ?, 0, 0, ?, ?)
           ON CONFLICT(warehouse_id, sku_id) DO UPDATE SET low_water = excluded.low_water, updated_at = excluded.updated_at`,
        )
        .run(warehouseId, skuId, lowWater, now);
      if ((before?.lowWater ?? null) !== lowWater) {
        this.log.record({ at: now, ...by(who), entity: 'sku', entityId: skuId, action: 'low_water_set', data: { warehouseId, warehouse, from: before?.lowWater ?? null, to: lowWater } });
      }
      return this.get(warehouseId, skuId)!;
    })();
  }

  private known(warehouseId: number, skuId: number): { warehouse: string; sku: string } {
    const w = this.db.prepare('SELECT code FROM warehouses WHERE id = ?').get(warehouseId) as { code: string } | undefined;
    if (!w) throw new AppError('not_found', `warehouse ${warehouseId} does not exist`, { field: 'warehouseId', value: warehouseId });
    const k = this.db.prepare('SELECT code FROM skus WHERE id = ?').get(skuId) as { code: string } | undefined;
    if (!k) throw new AppError('not_found', `SKU ${skuId} does not exist`, { field: 'skuId', value: skuId });
    return { warehouse: w.code, sku: k.code };
  }
}
