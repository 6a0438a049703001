import type { Platform } from '../../../shared/domain/ids.js';
import { deriveQueue, workflowAdvances, type AfterSales, type Payment, type PlatformState, type Workflow } from '../../../shared/domain/status.js';
import { AppError } from '../../../shared/errors.js';
import type { EventLog } from '../../history/events.js';
import type { Session, Sessions } from '../../people/sessions.js';
import type { ClaimStore } from '../../stations/claims.js';
import type { DB } from '../../store/db.js';
import type { Outbox } from '../../sync/outbox.js';
import type { AdapterRegistry } from '../../sync/registry.js';
import { assertShippable, writeBackLines, type ShipEffect } from '../ship.js';
import type { ParcelRow, ParcelStore } from './store.js';

interface OrderRow {
  id: number;
  shop_id: number;
  platform: Platform;
  platform_order_id: string;
  platform_state: PlatformState;
  workflow: Workflow;
  payment: Payment;
  after_sales: AfterSales;
  open_flags: number;
  tracking_no: string | null;
  has_credentials: number;
}

export interface ParcelShipResult {
  parcelId: number;
  /** Write-backs queued by this shipment (none for a later part of a split, or a repeat). */
  outboxIds: number[];
  orders: { orderId: number; workflow: Workflow }[];
}

const SHIPPED: ReadonlySet<Workflow> = new Set(['shipped', 'written_back']);

/**
 * Ships a parcel the way Shipper.ship ships an order: the same refusals for every order in it (intercepted,
 * cancelled or refunded, on hold, open after-sales), every order's claim, and 'ship.unverified' unless the parcel
 * (or every order in it) was verified. One transaction: the parcel is shipped with its tracking, each line's
 * qty_shipped grows by the parcel's quantity, an order whose every unit has left becomes 'shipped' (queue derived),
 * and the platform write-backs are queued in the outbox.
 */
export class ParcelShipper {
  constructor(
    private readonly db: DB,
    private readonly store: ParcelStore,
    private readonly sessions: Sessions,
    private readonly claims: ClaimStore,
    private readonly outbox: Outbox,
    private readonly adapters: AdapterRegistry,
    private readonly log: EventLog,
    private readonly effect: ShipEffect = () => undefined,
  ) {}

  shipParcel(parcelId: number, carrier: string, trackingNo: string, s: Session, now = Date.now()): ParcelShipResult {
    return this.db.transaction(() => {
      const p = this.store.require(parcelId);
      const lines = this.store.lines(parcelId);
      const orders = this.orders([...new Set(lines.map((l) => l.order_id))]);
      const result = (outboxIds: number[]): ParcelShipResult => ({ parcelId, outboxIds, orders: this.orders(orders.map((o) => o.id)).map((o) => ({ orderId: o.id, workflow: o.workflow })) });
      if (p.state === 'cancelled') throw new AppError('conflict', `parcel ${parcelId} was undone: its orders ship on their own now`, { parcelId, state: p.state });
      if (p.state === 'shipped') {
        if (p.tracking_no === trackingNo) return result([]);
        throw new AppError('conflict', `parcel ${parcelId} was already shipped with tracking ${p.tracking_no}`, { parcelId, trackingNo: p.tracking_no });
      }
      for (const o of orders) {
        if (SHIPPED.has(o.workflow)) throw new AppError('conflict', `order ${o.platform_order_id} in parcel ${parcelId} was already shipped with tracking ${o.tracking_no}`, { parcelId, id: o.id });
        assertShippable(o);
      }
      const unshipped = this.db.prepare('SELECT qty - qty_shipped AS left FROM order_lines WHERE id = ?');
      for (const l of lines) {
        const left = (unshipped.get(l.order_line_id) as { left: number }).left;
        if (l.qty > left) throw new AppError('conflict', `order ${l.platform_order_id}: ${l.sku_code ?? l.title} has ${left} unit(s) left to ship, parcel ${parcelId} holds ${l.qty}`, { parcelId, orderLineId: l.order_line_id });
      }
      // The pack station verifies before shipping; anything else is shipping unverified and needs that permission.
      const verified = p.state === 'verified' || orders.every((o) => o.workflow === 'verified');
      if (!verified) this.sessions.authorize('ship.unverified', s);
      if (s.stationId) for (const o of orders) this.claims.claim(o.id, 'ship', s, now);

      // The split's parts as they were before this one left: which part this is, and whether one went before.
      const parts = p.kind === 'split' ? this.store.family(p) : [p];
      this.store.markShipped(parcelId, carrier, trackingNo, now);
      const addShipped = this.db.prepare('UPDATE order_lines SET qty_shipped = qty_shipped + ? WHERE id = ?');
      for (const l of lines) addShipped.run(l.qty, l.order_line_id);
      const who = { actor: this.sessions.actor(s), operatorId: s.operatorId, stationId: s.stationId };
      orders.forEach((o, i) => {
        const mine = lines.filter((l) => l.order_id === o.id).map((l) => ({ lineId: l.order_line_id, qty: l.qty }));
        this.effect(o.id, mine, carrier, trackingNo, who, now, { id: parcelId, first: i === 0 });
      });

      const actor = this.sessions.actor(s);
      const outboxIds: number[] = [];
      for (const o of orders) {
        const event = { at: now, actor, operatorId: s.operatorId, stationId: s.stationId, entity: 'order', entityId: o.id };
        const data = { parcelId, carrier, trackingNo, ...(verified ? {} : { unverified: true }) };
        const complete = (this.db.prepare('SELECT count(*) AS n FROM order_lines WHERE order_id = ? AND qty_shipped < qty').get(o.id) as { n: number }).n === 0;
        if (p.kind === 'merged') {
          // Merged: one parcel, one tracking number, and every order in it written back on its own with that number
          // and its own lines (the platforms know nothing of the merge).
          this.setShipped(o, 'shipped', trackingNo, carrier, now);
          this.log.record({ ...event, action: 'shipped', reason: verified ? null : 'shipped without scan verification', data: { ...data, merged: orders.map((x) => x.platform_order_id) } });
          const id = this.writeBack(o, carrier, trackingNo, now);
          if (id !== null) outboxIds.push(id);
          continue;
        }
        /*
         * Split write-back policy. The platforms' ship calls confirm a whole order (our adapters send no partial
         * shipments; 快麦 notes the platform API cannot ship part of an order), so an order is written back once:
         * when its FIRST part leaves, with that part's tracking number and all the order's lines. Later parts are
         * recorded as events naming both numbers, without a second write-back. The order's workflow becomes
         * 'shipped' only when its last unit has left — or 'written_back' if the platform already confirmed the
         * first part's number by then.
         */
        const earlier = parts.filter((x) => x.id !== p.id && x.state === 'shipped');
        const partNo = `part ${parts.findIndex((x) => x.id === p.id) + 1} of ${parts.length}`;
        if (earlier.length === 0) {
          const id = this.writeBack(o, carrier, trackingNo, now);
          if (id !== null) outboxIds.push(id);
          this.db.prepare('UPDATE orders SET tracking_no = ?, carrier = ?, updated_at = ? WHERE id = ?').run(trackingNo, carrier, now, o.id);
        }
        const platformHas = earlier.length ? firstTracking(earlier) : trackingNo;
        const reason =
          earlier.length === 0
            ? `${partNo} shipped with tracking ${trackingNo}; the platform is given ${trackingNo} for the whole order (it cannot take partial shipments)`
            : `${partNo} shipped with tracking ${trackingNo}; the platform already has tracking ${platformHas}`;
        if (complete) this.setShipped(o, this.writtenBack(o.id) ? 'written_back' : 'shipped', platformHas, carrier, now);
        this.log.record({ ...event, action: complete ? 'shipped' : 'part_shipped', reason, data: { ...data, part: partNo, platformTracking: platformHas } });
      }
      if (s.stationId) for (const o of orders) this.claims.release(o.id, s);
      return result(outboxIds);
    })();
  }

  private orders(ids: readonly number[]): OrderRow[] {
    return this.db
      .prepare(
        `SELECT o.id, o.shop_id, o.platform, o.platform_order_id, o.platform_state, o.workflow, o.payment, o.after_sales, o.open_flags, o.tracking_no,
           s.credentials_enc IS NOT NULL AS has_credentials
         FROM orders o JOIN shops s ON s.id = o.shop_id WHERE o.id IN (SELECT value FROM json_each(?)) ORDER BY o.placed_at, o.id`,
      )
      .all(JSON.stringify(ids)) as OrderRow[];
  }

  private setShipped(o: OrderRow, workflow: Workflow, trackingNo: string, carrier: string, now: number): void {
    if (!workflowAdvances(o.workflow, workflow)) throw new AppError('conflict', `order ${o.platform_order_id} cannot go from ${o.workflow} back to ${workflow}`, { id: o.id });
    const queue = deriveQueue({ platformState: o.platform_state, workflow, payment: o.payment, openFlags: o.open_flags });
    this.db.prepare('UPDATE orders SET workflow = ?, tracking_no = ?, carrier = ?, queue = ?, updated_at = ? WHERE id = ?').run(workflow, trackingNo, carrier, queue, now, o.id);
  }

  /** Queues the order's write-back (all its lines) when its platform has an adapter and the shop has credentials. */
  private writeBack(o: OrderRow, carrier: string, trackingNo: string, now: number): number | null {
    if (!this.adapters.get(o.platform) || !o.has_credentials) return null;
    return this.outbox.enqueueShipment(o.shop_id, o.id, { platformOrderId: o.platform_order_id, carrier, trackingNo, shippedAt: now, lines: writeBackLines(this.db, o.id) }, now);
  }

  private writtenBack(orderId: number): boolean {
    return this.db.prepare("SELECT 1 FROM outbox WHERE order_id = ? AND kind = 'ship' AND state = 'done'").get(orderId) !== undefined;
  }
}

/** The tracking number the platform was given: the first part that shipped. */
function firstTracking(shipped: readonly ParcelRow[]): string {
  const first = [...shipped].sort((a, b) => (a.shipped_at ?? 0) - (b.shipped_at ?? 0) || a.id - b.id)[0]!;
  return first.tracking_no ?? '';
}
