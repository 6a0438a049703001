import type { DB } from '../store/db.js';
import type { LoadedOrder } from './loader.js';

/*
 * Units approved orders outside this run still want (approved is not yet allocated, so stock.reserved does not hold
 * their claim), resolved the way the loader resolves SKUs.
 */
const DEMAND_SQL = `SELECT COALESCE(ps.sku_id, k.id) AS sku_id, SUM((l.qty - l.qty_allocated) * COALESCE(ps.qty_per, 1)) AS units
  FROM orders o JOIN order_lines l ON l.order_id = o.id
  LEFT JOIN platform_skus ps ON ps.shop_id = o.shop_id AND ps.platform_sku = l.platform_sku
  LEFT JOIN skus k ON ps.sku_id IS NULL AND k.code = l.sku_code
  WHERE o.queue IN ('to_print', 'on_hold') AND o.workflow = 'approved' AND o.id NOT IN (SELECT value FROM json_each(?))
  GROUP BY 1`;

/**
 * Available stock (on hand − reserved over active warehouses, less what approved orders still want) for the rules'
 * `stock` condition, handed out whole orders at a time in the order the audit goes through them (priority, then
 * paid time) for the length of one run: of three orders wanting the last unit, only the first finds it in stock.
 */
export class StockBook {
  private left: Map<number, number> | null = null;
  constructor(
    private readonly db: DB,
    private readonly runIds: readonly number[],
  ) {}

  private load(): Map<number, number> {
    const rows = this.db
      .prepare(
        `SELECT st.sku_id, sum(max(st.on_hand - st.reserved, 0)) AS n FROM stock st JOIN warehouses w ON w.id = st.warehouse_id
         WHERE w.active = 1 GROUP BY st.sku_id`,
      )
      .all() as { sku_id: number; n: number }[];
    const left = new Map(rows.map((r) => [r.sku_id, r.n]));
    for (const d of this.db.prepare(DEMAND_SQL).all(JSON.stringify(this.runIds)) as { sku_id: number | null; units: number }[]) {
      if (d.sku_id !== null && left.has(d.sku_id)) left.set(d.sku_id, left.get(d.sku_id)! - d.units);
    }
    return left;
  }

  /** True (and the units are taken) when every line's SKU is known and enough of it is left. */
  take(o: LoadedOrder): boolean {
    const left = (this.left ??= this.load());
    const need = new Map<number, number>();
    for (const l of o.lines) {
      if (l.skuId === null) return false;
      need.set(l.skuId, (need.get(l.skuId) ?? 0) + l.units);
    }
    for (const [sku, n] of need) if ((left.get(sku) ?? 0) < n) return false;
    for (const [sku, n] of need) left.set(sku, left.get(sku)! - n);
    return true;
  }
}
