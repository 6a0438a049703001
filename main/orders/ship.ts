import { deriveQueue, FLAG_BIT, type AfterSales, type Payment, type PlatformState, type Workflow } from '../../shared/domain/status.js';
import type { Platform } from '../../shared/domain/ids.js';
import { AppError } from '../../shared/errors.js';
import type { EventLog } from '../history/events.js';
import type { Session, Sessions } from '../people/sessions.js';
import type { DB } from '../store/db.js';
import type { ClaimStore } from '../stations/claims.js';
import type { ShipmentWriteBack } from '../sync/adapter.js';
import type { Outbox } from '../sync/outbox.js';
import type { AdapterRegistry } from '../sync/registry.js';

interface ShipRow {
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

/**
 * What else must happen, in the shipping transaction, when units of an order leave: stock consumed from its
 * warehouse and its waybill marked shipped (main/fulfil). `lines` absent: every line, whole.
 */
export type ShipEffect = (
  orderId: number,
  lines: readonly { lineId: number; qty: number }[] | undefined,
  carrier: string,
  trackingNo: string,
  who: { actor: string; operatorId: number | null; stationId: number | null },
  now: number,
  /** Shipped as part of a parcel; `first`: the first of the parcel's orders (the parcel's waybill is marked once). */
  parcel?: { id: number; first: boolean },
) => void;

/** What the shipping refusals read about an order. */
export type ShippableFacts = Pick<ShipRow, 'id' | 'platform_order_id' | 'platform_state' | 'payment' | 'after_sales' | 'open_flags'>;

/**
 * Throws the reason an order must not leave the building: intercepted, cancelled or refunded on the platform, on
 * hold, or with an open after-sales case. Shipping an order and shipping a parcel (main/orders/parcels) ask this.
 */
export function assertShippable(o: ShippableFacts): void {
  const id = o.id;
  if (o.open_flags & FLAG_BIT.intercept) {
    throw new AppError('conflict', `order ${o.platform_order_id} is intercepted (refunded or cancelled on the platform after import): do not ship it`, { id, reason: 'intercepted' });
  }
  if (o.platform_state === 'cancelled' || o.payment === 'refunded') {
    throw new AppError('conflict', `order ${o.platform_order_id} is cancelled or refunded on the platform: do not ship it`, { id, reason: 'cancelled' });
  }
  if (o.open_flags & FLAG_BIT.hold) throw new AppError('conflict', `order ${o.platform_order_id} is on hold; release the hold first`, { id, reason: 'on_hold' });
  // A refund or return the buyer opened before the parcel left: the platforms refuse the shipment, and so do we.
  if (o.after_sales === 'requested' || o.after_sales === 'in_progress') {
    throw new AppError('conflict', `order ${o.platform_order_id} has an open after-sales case (the buyer asked for a refund or return): settle it before shipping`, { id, reason: 'after_sale_open' });
  }
}

/** Every line of the order as the platform write-back names them (platforms confirm whole orders). */
export function writeBackLines(db: DB, orderId: number): ShipmentWriteBack['lines'] {
  const lines = db.prepare('SELECT platform_line_id, platform_sku, qty FROM order_lines WHERE order_id = ? ORDER BY line_no').all(orderId) as {
    platform_line_id: string | null;
    platform_sku: string | null;
    qty: number;
  }[];
  return lines.map((l) => ({ platformLineId: l.platform_line_id, platformSku: l.platform_sku, qty: l.qty }));
}

/**
 * Marks an order shipped with its tracking number and queues the platform write-back in the same transaction.
 * Refuses an intercepted, cancelled or refunded order with the reason; shipping twice with the same tracking is a
 * no-op, with another tracking a conflict. The station must hold (or be able to take) the order's claim, so two
 * stations never ship one order. An order merged or split into parcels is refused, naming the parcel: the parcel
 * ships (main/orders/parcels/ship.ts).
 */
export class Shipper {
  constructor(
    private readonly db: DB,
    private readonly sessions: Sessions,
    private readonly claims: ClaimStore,
    private readonly outbox: Outbox,
    private readonly adapters: AdapterRegistry,
    private readonly log: EventLog,
    private readonly effect: ShipEffect = () => undefined,
  ) {}

  ship(orderId: number, carrier: string, trackingNo: string, s: Session, now = Date.now()): { orderId: number; outboxId: number | null; workflow: Workflow } {
    return this.db.transaction(() => {
      const o = this.db
        .prepare(
          `SELECT o.id, o.shop_id, o.platform, o.platform_order_id, o.platform_state, o.workflow, o.payment, o.after_sales, o.open_flags, o.tracking_no,
             s.credentials_enc IS NOT NULL AS has_credentials FROM orders o JOIN shops s ON s.id = o.shop_id WHERE o.id = ?`,
        )
        .get(orderId) as ShipRow | undefined;
      if (!o) throw new AppError('not_found', `order ${orderId} does not exist`, { id: orderId });
      if (o.workflow === 'shipped' || o.workflow === 'written_back') {
        if (o.tracking_no === trackingNo) return { orderId, outboxId: null, workflow: o.workflow };
        throw new AppError('conflict', `order ${o.platform_order_id} was already shipped with tracking ${o.tracking_no}`, { id: orderId, trackingNo: o.tracking_no });
      }
      // Merged or split: the parcel ships (its tracking number, its lines), never the order on its own.
      const parcel = this.db
        .prepare("SELECT p.id, p.kind FROM parcel_lines pl JOIN parcels p ON p.id = pl.parcel_id WHERE pl.order_id = ? AND p.state <> 'cancelled' ORDER BY p.id LIMIT 1")
        .get(orderId) as { id: number; kind: 'merged' | 'split' } | undefined;
      if (parcel) {
        const what = parcel.kind === 'merged' ? `is merged into parcel ${parcel.id}` : `is split into parcels (parcel ${parcel.id} is one part)`;
        throw new AppError('conflict', `order ${o.platform_order_id} ${what}: ship the parcel with its own tracking number, or undo the ${parcel.kind === 'merged' ? 'merge' : 'split'} first`, {
          id: orderId,
          parcelId: parcel.id,
          reason: 'in_parcel',
        });
      }
      assertShippable(o);
      // The pack station verifies before shipping; anything else is shipping unverified and needs that permission.
      if (o.workflow !== 'verified') this.sessions.authorize('ship.unverified', s);
      if (s.stationId) this.claims.claim(orderId, 'ship', s, now);

      const queue = deriveQueue({ platformState: o.platform_state, workflow: 'shipped', payment: o.payment, openFlags: o.open_flags });
      this.db.prepare("UPDATE orders SET workflow = 'shipped', tracking_no = ?, carrier = ?, queue = ?, updated_at = ? WHERE id = ?").run(trackingNo, carrier, queue, now, orderId);
      this.db.prepare('UPDATE order_lines SET qty_shipped = qty WHERE order_id = ?').run(orderId);
      this.effect(orderId, undefined, carrier, trackingNo, { actor: this.sessions.actor(s), operatorId: s.operatorId, stationId: s.stationId }, now);
      this.log.record({
        at: now,
        actor: this.sessions.actor(s),
        operatorId: s.operatorId,
        stationId: s.stationId,
        entity: 'order',
        entityId: orderId,
        action: 'shipped',
        reason: o.workflow === 'verified' ? null : 'shipped without scan verification',
        data: { carrier, trackingNo },
      });
      let outboxId: number | null = null;
      if (this.adapters.get(o.platform) && o.has_credentials) {
        outboxId = this.outbox.enqueueShipment(o.shop_id, orderId, { platformOrderId: o.platform_order_id, carrier, trackingNo, shippedAt: now, lines: writeBackLines(this.db, orderId) }, now);
      }
      if (s.stationId) this.claims.release(orderId, s);
      return { orderId, outboxId, workflow: 'shipped' as Workflow };
    })();
  }
}
