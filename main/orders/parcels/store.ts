import type { ParcelInfo } from '../../../shared/contract/audit.js';
import { AppError } from '../../../shared/errors.js';
import type { DB } from '../../store/db.js';

export type ParcelKind = ParcelInfo['kind'];
export type ParcelState = ParcelInfo['state'];

export interface ParcelRow {
  id: number;
  shop_id: number;
  kind: ParcelKind;
  state: ParcelState;
  carrier: string | null;
  tracking_no: string | null;
  created_at: number;
  shipped_at: number | null;
}

export interface ParcelLineRow {
  parcel_id: number;
  order_id: number;
  order_line_id: number;
  qty: number;
  platform_order_id: string;
  title: string;
  sku_code: string | null;
}

/**
 * The parcels and parcel_lines tables: a parcel is what leaves the building under one tracking number. A cancelled
 * parcel (an undone merge or split) keeps its rows for the record and counts for nothing else.
 */
export class ParcelStore {
  constructor(private readonly db: DB) {}

  /** Call inside the transaction that checked the orders. */
  create(p: { shopId: number; kind: ParcelKind; carrier: string | null; actor: string; now: number }, lines: readonly { orderId: number; orderLineId: number; qty: number }[]): number {
    const id = Number(
      this.db
        .prepare('INSERT INTO parcels (shop_id, kind, carrier, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(p.shopId, p.kind, p.carrier, p.now, p.actor, p.now).lastInsertRowid,
    );
    const insert = this.db.prepare('INSERT INTO parcel_lines (parcel_id, order_line_id, order_id, qty) VALUES (?, ?, ?, ?)');
    for (const l of lines) insert.run(id, l.orderLineId, l.orderId, l.qty);
    return id;
  }

  get(id: number): ParcelRow | undefined {
    return this.db.prepare('SELECT id, shop_id, kind, state, carrier, tracking_no, created_at, shipped_at FROM parcels WHERE id = ?').get(id) as ParcelRow | undefined;
  }

  require(id: number): ParcelRow {
    const p = this.get(id);
    if (!p) throw new AppError('not_found', `parcel ${id} does not exist`, { parcelId: id });
    return p;
  }

  lines(parcelId: number): ParcelLineRow[] {
    return this.db
      .prepare(
        `SELECT pl.parcel_id, pl.order_id, pl.order_line_id, pl.qty, o.platform_order_id, l.title, l.sku_code
         FROM parcel_lines pl JOIN order_lines l ON l.id = pl.order_line_id JOIN orders o ON o.id = pl.order_id
         WHERE pl.parcel_id = ? ORDER BY o.placed_at, pl.order_id, l.line_no`,
      )
      .all(parcelId) as ParcelLineRow[];
  }

  /** The orders a parcel holds lines of, oldest first. */
  orderIds(parcelId: number): number[] {
    return (
      this.db.prepare('SELECT DISTINCT pl.order_id AS id, o.placed_at FROM parcel_lines pl JOIN orders o ON o.id = pl.order_id WHERE pl.parcel_id = ? ORDER BY o.placed_at, o.id').all(parcelId) as {
        id: number;
      }[]
    ).map((r) => r.id);
  }

  /** Live parcels holding any of this order's lines, in creation order. */
  ofOrder(orderId: number): ParcelRow[] {
    return this.db
      .prepare(
        `SELECT p.id, p.shop_id, p.kind, p.state, p.carrier, p.tracking_no, p.created_at, p.shipped_at FROM parcels p
         WHERE p.id IN (SELECT parcel_id FROM parcel_lines WHERE order_id = ?) AND p.state <> 'cancelled' ORDER BY p.id`,
      )
      .all(orderId) as ParcelRow[];
  }

  /** Every parcel of the same merge or split as this one: itself for a merge, all parts of the order for a split. */
  family(p: ParcelRow): ParcelRow[] {
    if (p.kind === 'merged') return [p];
    const orderId = (this.db.prepare('SELECT order_id FROM parcel_lines WHERE parcel_id = ? LIMIT 1').get(p.id) as { order_id: number }).order_id;
    return this.ofOrder(orderId).filter((x) => x.kind === 'split');
  }

  setState(id: number, state: ParcelState, now: number): void {
    this.db.prepare('UPDATE parcels SET state = ?, updated_at = ? WHERE id = ?').run(state, now, id);
  }

  markShipped(id: number, carrier: string, trackingNo: string, now: number): void {
    this.db.prepare("UPDATE parcels SET state = 'shipped', carrier = ?, tracking_no = ?, shipped_at = ?, updated_at = ? WHERE id = ?").run(carrier, trackingNo, now, now, id);
  }

  info(id: number): ParcelInfo {
    const p = this.require(id);
    return {
      id: p.id,
      kind: p.kind,
      shopId: p.shop_id,
      state: p.state,
      carrier: p.carrier,
      trackingNo: p.tracking_no,
      lines: this.lines(id).map((l) => ({ orderId: l.order_id, platformOrderId: l.platform_order_id, orderLineId: l.order_line_id, title: l.title, skuCode: l.sku_code, qty: l.qty })),
    };
  }
}
