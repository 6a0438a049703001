import type { ReleaseResult } from '../../shared/contract/fulfil.js';
import { AppError } from '../../shared/errors.js';
import type { EventLog } from '../history/events.js';
import type { DB } from '../store/db.js';
import { lineLabel, lineSkuSql, toLineSku, type LineSkuRow } from './sku-resolve.js';
import { by, type Who } from './who.js';

interface ReservationRow {
  order_line_id: number;
  warehouse_id: number;
  sku_id: number;
  qty: number;
  qty_per: number;
  sku_code: string;
}

export interface ConsumeResult {
  /** Units taken out of on-hand stock, by SKU code. */
  units: Record<string, number>;
  /** Lines whose SKU ShopDesk does not know (unmapped): shipped without touching stock, named in the event. */
  untracked: string[];
  /** Lines that shipped more units than the warehouse's count held: the count went to zero, the event names them. */
  shortfalls: { sku: string; warehouseId: number; onHand: number; units: number }[];
}

const SYSTEM: Who = { actor: 'system:stock' };

/**
 * Stock leaving the reservation: released when an order is cancelled, refunded or intercepted before it ships, or
 * consumed when it ships (on hand and reserved both go down). Neither ever takes a count below zero: a shipment that
 * would is refused with the SKU and warehouse named, so the count gets corrected instead of silently clamped.
 */
export class StockMoves {
  private readonly reservationsOf;
  private readonly deleteReservations;
  private readonly unallocate;

  constructor(
    private readonly db: DB,
    private readonly log: EventLog,
  ) {
    this.reservationsOf = db.prepare(
      'SELECT r.order_line_id, r.warehouse_id, r.sku_id, r.qty, r.qty_per, k.code AS sku_code FROM stock_reservations r JOIN skus k ON k.id = r.sku_id WHERE r.order_id = ?',
    );
    this.deleteReservations = db.prepare('DELETE FROM stock_reservations WHERE order_id = ?');
    this.unallocate = db.prepare('UPDATE order_lines SET qty_allocated = 0 WHERE order_id = ?');
  }

  /** Releases the reservations of every order cancelled, refunded or intercepted before shipping (one event each). */
  releaseBlocked(who: Who = SYSTEM, now = Date.now()): ReleaseResult {
    return this.db.transaction(() => {
      const rows = this.db
        .prepare(
          `SELECT o.id, o.platform_order_id, o.open_flags, o.platform_state, o.payment FROM orders o
           WHERE o.id IN (SELECT DISTINCT order_id FROM stock_reservations) AND o.workflow NOT IN ('shipped','written_back')
             AND ((o.open_flags & 4) <> 0 OR o.platform_state = 'cancelled' OR o.payment = 'refunded')
           ORDER BY o.id`,
        )
        .all() as { id: number; platform_order_id: string; open_flags: number; platform_state: string; payment: string }[];
      const out: ReleaseResult['orders'] = [];
      for (const o of rows) {
        const why = o.open_flags & 4 ? 'intercepted' : o.platform_state === 'cancelled' ? 'cancelled' : 'refunded';
        out.push({ orderId: o.id, platformOrderId: o.platform_order_id, why, units: this.releaseOrder(o.id, why, who, now) });
      }
      return { released: out.length, orders: out };
    })();
  }

  /** Gives back one order's reservation; returns the units released. Call inside a transaction. */
  releaseOrder(orderId: number, why: string, who: Who, now: number): number {
    const res = this.reservations(orderId);
    if (!res.length) return 0;
    this.deleteReservations.run(orderId);
    this.unallocate.run(orderId);
    const units: Record<string, number> = {};
    for (const r of res) units[r.sku_code] = (units[r.sku_code] ?? 0) + r.qty * r.qty_per;
    this.log.record({ at: now, ...by(who), entity: 'order', entityId: orderId, action: 'stock_released', reason: why, data: { warehouseId: res[0]!.warehouse_id, units } });
    return Object.values(units).reduce((a, b) => a + b, 0);
  }

  /**
   * Takes shipped units out of stock: on hand −= shipped units, and the reserved part of them leaves the reservation.
   * `lines` are order-line ids with the quantity shipped (in the line's own units); absent, every line ships whole.
   * The Shipper calls it in its own transaction (better-sqlite3 nests it as a savepoint). A line's units can be
   * consumed once: more than the line's quantity in all is refused, so a repeated call cannot count a parcel twice.
   */
  consumeForShipment(orderId: number, lines?: readonly { lineId: number; qty: number }[], who: Who = SYSTEM, now = Date.now()): ConsumeResult {
    return this.db.transaction(() => {
      const o = this.db.prepare('SELECT platform_order_id, warehouse_id FROM orders WHERE id = ?').get(orderId) as { platform_order_id: string; warehouse_id: number | null } | undefined;
      if (!o) throw new AppError('not_found', `order ${orderId} does not exist`, { orderId });
      const all = (this.db.prepare(lineSkuSql('o.id = ?')).all(orderId) as LineSkuRow[]).map(toLineSku);
      const wanted = lines ?? all.map((l) => ({ lineId: l.lineId, qty: l.qty }));
      const reservations = new Map(this.reservations(orderId).map((r) => [r.order_line_id, r]));
      const shippedBefore = new Map(
        (this.db.prepare('SELECT order_line_id, qty FROM stock_shipped WHERE order_id = ?').all(orderId) as { order_line_id: number; qty: number }[]).map((r) => [r.order_line_id, r.qty]),
      );
      const fallbackWarehouse = o.warehouse_id ?? (this.db.prepare('SELECT id FROM warehouses WHERE active = 1 ORDER BY priority DESC, id LIMIT 1').get() as { id: number } | undefined)?.id ?? null;
      const result: ConsumeResult = { units: {}, untracked: [], shortfalls: [] };
      const froms = new Set<number>();
      for (const want of wanted) {
        const line = all.find((l) => l.lineId === want.lineId);
        if (!line) throw new AppError('invalid_input', `order ${o.platform_order_id} has no line ${want.lineId}`, { orderId, lineId: want.lineId });
        if (!Number.isInteger(want.qty) || want.qty < 1) throw new AppError('invalid_input', `order ${o.platform_order_id} ${lineLabel(line)}: shipped qty ${want.qty} must be a whole number of at least 1`, { orderId, lineId: want.lineId, field: 'qty', value: want.qty });
        const before = shippedBefore.get(line.lineId) ?? 0;
        if (before + want.qty > line.qty) {
          throw new AppError('conflict', `order ${o.platform_order_id} ${lineLabel(line)}: ${before} of ${line.qty} already left stock; ${want.qty} more would be more than the line holds`, {
            orderId,
            lineId: line.lineId,
            alreadyShipped: before,
            qty: want.qty,
          });
        }
        const r = reservations.get(line.lineId);
        const skuId = r?.sku_id ?? line.skuId;
        const qtyPer = r?.qty_per ?? line.qtyPer;
        const warehouseId = r?.warehouse_id ?? fallbackWarehouse;
        const code = r?.sku_code ?? line.ourCode;
        if (skuId === null || warehouseId === null || code === null) {
          result.untracked.push(lineLabel(line));
          continue;
        }
        const units = want.qty * qtyPer;
        if (r) {
          const fromReserved = Math.min(want.qty, r.qty);
          if (fromReserved === r.qty) this.db.prepare('DELETE FROM stock_reservations WHERE order_line_id = ?').run(r.order_line_id);
          else this.db.prepare('UPDATE stock_reservations SET qty = qty - ? WHERE order_line_id = ?').run(fromReserved, r.order_line_id);
          r.qty -= fromReserved;
        }
        const st = this.db.prepare('SELECT on_hand FROM stock WHERE warehouse_id = ? AND sku_id = ?').get(warehouseId, skuId) as { on_hand: number } | undefined;
        if (!st) {
          // The warehouse keeps no count of this SKU: nothing to take from.
          result.untracked.push(lineLabel(line));
          continue;
        }
        if (st.on_hand < units) {
          // The unit is in the packer's hand, so the count was wrong, not the parcel: ship it, take the count to
          // zero and say so (the low-stock list shows the SKU until someone counts it again).
          result.shortfalls.push({ sku: code, warehouseId, onHand: st.on_hand, units });
        }
        this.db.prepare('UPDATE stock SET on_hand = max(0, on_hand - ?), updated_at = ? WHERE warehouse_id = ? AND sku_id = ?').run(units, now, warehouseId, skuId);
        this.db
          .prepare(
            `INSERT INTO stock_shipped (order_line_id, order_id, warehouse_id, sku_id, qty, qty_per, at) VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT(order_line_id) DO UPDATE SET qty = qty + excluded.qty, at = excluded.at`,
          )
          .run(line.lineId, orderId, warehouseId, skuId, want.qty, qtyPer, now);
        result.units[code] = (result.units[code] ?? 0) + units;
        froms.add(warehouseId);
      }
      this.log.record({ at: now, ...by(who), entity: 'order', entityId: orderId, action: 'stock_consumed', reason: result.shortfalls.length ? `shipped more than the stock count held: ${result.shortfalls.map((f) => `${f.sku} ${f.units} shipped, ${f.onHand} on hand`).join('; ')}` : null,
        data: { warehouseIds: [...froms], units: result.units, ...(result.untracked.length ? { untracked: result.untracked } : {}), ...(result.shortfalls.length ? { shortfalls: result.shortfalls } : {}) } });
      return result;
    })();
  }

  private reservations(orderId: number): ReservationRow[] {
    return this.reservationsOf.all(orderId) as ReservationRow[];
  }
}
