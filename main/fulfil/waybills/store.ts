import type { WaybillRow } from '../../../shared/contract/fulfil.js';
import type { DB } from '../../store/db.js';
import type { WaybillProviderName } from './provider.js';

export type WaybillState = WaybillRow['state'];
export type TargetKind = 'order' | 'parcel';

export interface WaybillDbRow {
  id: number;
  tracking_no: string;
  carrier: string;
  provider: WaybillProviderName;
  order_id: number | null;
  parcel_id: number | null;
  state: WaybillState;
  attempt_key: string | null;
  print_data: string | null;
  reprints: number;
  created_at: number;
  updated_at: number;
  printed_at: number | null;
}

export const toWaybillRow = (r: WaybillDbRow): WaybillRow => ({
  id: r.id,
  orderId: r.order_id,
  parcelId: r.parcel_id,
  carrier: r.carrier,
  trackingNo: r.tracking_no,
  provider: r.provider,
  state: r.state,
  reprints: r.reprints,
  printData: r.print_data,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const LIVE = "('allocated','printed','shipped')";
const col = (kind: TargetKind) => (kind === 'order' ? 'order_id' : 'parcel_id');

/** The waybills table: every number an order or parcel had, the live one (allocated, printed, shipped) at most one. */
export class WaybillStore {
  constructor(private readonly db: DB) {}

  get(id: number): WaybillDbRow | undefined {
    return this.db.prepare('SELECT * FROM waybills WHERE id = ?').get(id) as WaybillDbRow | undefined;
  }

  live(kind: TargetKind, id: number): WaybillDbRow | undefined {
    return this.db.prepare(`SELECT * FROM waybills WHERE ${col(kind)} = ? AND state IN ${LIVE}`).get(id) as WaybillDbRow | undefined;
  }

  all(kind: TargetKind, id: number): WaybillDbRow[] {
    return this.db.prepare(`SELECT * FROM waybills WHERE ${col(kind)} = ? ORDER BY id`).all(id) as WaybillDbRow[];
  }

  /** How many numbers the target ever asked for: the next request's attempt number. */
  attempts(kind: TargetKind, id: number): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM waybills WHERE ${col(kind)} = ?`).get(id) as { n: number }).n;
  }

  /**
   * Who already has this number, in words ("order 3619… (Tmall flagship)"): a live waybill of another order or
   * parcel, or an order carrying it as its tracking number (imported, or shipped before ShopDesk kept waybills).
   */
  ownerOf(trackingNo: string, except: { kind: TargetKind; id: number } | null): { text: string; orderId: number | null; parcelId: number | null } | null {
    const w = this.db
      .prepare(
        `SELECT w.order_id, w.parcel_id, w.carrier, o.platform_order_id, s.name AS shop FROM waybills w
         LEFT JOIN orders o ON o.id = w.order_id LEFT JOIN shops s ON s.id = o.shop_id
         WHERE w.tracking_no = ? AND w.state IN ${LIVE}`,
      )
      .all(trackingNo) as { order_id: number | null; parcel_id: number | null; carrier: string; platform_order_id: string | null; shop: string | null }[];
    for (const r of w) {
      if (except && (except.kind === 'order' ? r.order_id : r.parcel_id) === except.id) continue;
      return r.order_id !== null
        ? { text: `order ${r.platform_order_id} (${r.shop}), ${r.carrier}`, orderId: r.order_id, parcelId: null }
        : { text: `parcel ${r.parcel_id}, ${r.carrier}`, orderId: null, parcelId: r.parcel_id };
    }
    const o = this.db
      .prepare('SELECT o.id, o.platform_order_id, s.name AS shop FROM orders o JOIN shops s ON s.id = o.shop_id WHERE o.tracking_no = ? AND o.id IS NOT ? LIMIT 1')
      .get(trackingNo, except?.kind === 'order' ? except.id : null) as { id: number; platform_order_id: string; shop: string } | undefined;
    return o ? { text: `order ${o.platform_order_id} (${o.shop})`, orderId: o.id, parcelId: null } : null;
  }

  insert(w: {
    kind: TargetKind;
    targetId: number;
    carrier: string;
    trackingNo: string;
    provider: WaybillProviderName;
    state: WaybillState;
    attemptKey: string | null;
    printData: string | null;
    actor: string;
    now: number;
  }): WaybillDbRow {
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO waybills (tracking_no, carrier, provider, order_id, parcel_id, state, attempt_key, print_data, created_at, created_by, updated_at, printed_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          w.trackingNo,
          w.carrier,
          w.provider,
          w.kind === 'order' ? w.targetId : null,
          w.kind === 'parcel' ? w.targetId : null,
          w.state,
          w.attemptKey,
          w.printData,
          w.now,
          w.actor,
          w.now,
          w.state === 'printed' ? w.now : null,
        ).lastInsertRowid,
    );
    return this.get(id)!;
  }

  setState(id: number, state: WaybillState, now: number): void {
    this.db.prepare(`UPDATE waybills SET state = ?, updated_at = ?, printed_at = CASE WHEN ? = 'printed' THEN coalesce(printed_at, ?) ELSE printed_at END WHERE id = ?`).run(state, now, state, now, id);
  }

  countReprint(id: number, now: number): void {
    this.db.prepare('UPDATE waybills SET reprints = reprints + 1, updated_at = ? WHERE id = ?').run(now, id);
  }

  /** Live numbers never printed, of these orders or (none given) of orders that must not ship. */
  unprinted(orderIds: readonly number[] | null): (WaybillDbRow & { platform_order_id: string | null })[] {
    const target = orderIds
      ? 'w.order_id IN (SELECT value FROM json_each(?))'
      : `(w.order_id IN (SELECT id FROM orders WHERE (open_flags & 4) <> 0 OR platform_state = 'cancelled' OR payment = 'refunded')
          OR w.parcel_id IN (SELECT pl.parcel_id FROM parcel_lines pl JOIN orders o ON o.id = pl.order_id
            WHERE (o.open_flags & 4) <> 0 OR o.platform_state = 'cancelled' OR o.payment = 'refunded'))`;
    return this.db
      .prepare(`SELECT w.*, o.platform_order_id FROM waybills w LEFT JOIN orders o ON o.id = w.order_id WHERE w.state = 'allocated' AND ${target} ORDER BY w.id`)
      .all(...(orderIds ? [JSON.stringify(orderIds)] : [])) as (WaybillDbRow & { platform_order_id: string | null })[];
  }
}
