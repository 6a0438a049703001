import { deriveQueue, FLAG_BIT, type AfterSales, type Payment, type PlatformState, type Workflow } from '../../shared/domain/status.js';
import type { EventLog } from '../history/events.js';
import type { DB } from '../store/db.js';
import type { NormalizedAfterSale } from '../sync/adapter.js';

export type AfterSaleOutcome = 'created' | 'updated' | 'unchanged';

const OPEN = new Set(['requested', 'in_progress']);
/** Workflows where goods are being picked, printed or packed: an after-sale opening now must stop the parcel. */
const IN_PIPELINE = new Set<Workflow>(['approved', 'allocated', 'printed', 'verified']);

interface OrderRow {
  id: number;
  platform_state: PlatformState;
  workflow: Workflow;
  payment: Payment;
  after_sales: AfterSales;
  open_flags: number;
}

/**
 * Stores after-sales cases as platforms list them, idempotently by (platform, shop, case id), never letting an older
 * snapshot overwrite a newer one, and keeps each order's after-sales axis in step with its cases. A case that opens
 * while its order is in the packing pipeline raises an intercept, so the packer's scan refuses the parcel.
 * Cases can arrive before their order: they wait unlinked and are linked when the order is stored (linkOrder).
 */
export class AfterSaleWriter {
  private readonly find;
  private readonly insert;
  private readonly update;
  private readonly findOrder;
  private readonly link;

  constructor(private readonly db: DB, private readonly log: EventLog) {
    this.find = db.prepare('SELECT id, state, platform_status, refund_minor, platform_updated_at, order_id FROM after_sales WHERE platform = ? AND shop_id = ? AND platform_after_sale_id = ?');
    this.insert = db.prepare(`INSERT INTO after_sales (shop_id, platform, platform_after_sale_id, platform_order_id, order_id,
        platform_line_id, platform_sku, kind, state, platform_status, refund_minor, currency, qty, reason, return_carrier,
        return_tracking_no, requested_at, platform_updated_at, raw, created_at, updated_at)
      VALUES (@shopId, @platform, @platformAfterSaleId, @platformOrderId, @orderId, @platformLineId, @platformSku, @kind, @state,
        @platformStatus, @refundMinor, @currency, @qty, @reason, @returnCarrier, @returnTrackingNo, @requestedAt,
        @platformUpdatedAt, @raw, @now, @now)`);
    this.update = db.prepare(`UPDATE after_sales SET order_id = coalesce(order_id, @orderId), kind = @kind, state = @state,
        platform_status = @platformStatus, refund_minor = @refundMinor, qty = @qty, reason = @reason,
        return_carrier = @returnCarrier, return_tracking_no = @returnTrackingNo, platform_updated_at = @platformUpdatedAt,
        raw = coalesce(@raw, raw), updated_at = @now WHERE id = @id`);
    this.findOrder = db.prepare('SELECT id FROM orders WHERE platform = ? AND shop_id = ? AND platform_order_id = ?');
    this.link = db.prepare('UPDATE after_sales SET order_id = ? WHERE shop_id = ? AND platform_order_id = ? AND order_id IS NULL');
  }

  /** Call inside a transaction. Returns the outcome and the linked order id (null while the order is unknown). */
  upsertOne(a: NormalizedAfterSale, actor: string, now: number): [AfterSaleOutcome, number | null] {
    const cur = this.find.get(a.platform, a.shopId, a.platformAfterSaleId) as
      | { id: number; state: string; platform_status: string; refund_minor: number; platform_updated_at: number; order_id: number | null }
      | undefined;
    const orderId = cur?.order_id ?? ((this.findOrder.get(a.platform, a.shopId, a.platformOrderId) as { id: number } | undefined)?.id ?? null);
    const values = {
      orderId,
      kind: a.kind,
      state: a.state,
      platformStatus: a.platformStatus,
      refundMinor: a.refundMinor,
      qty: a.qty ?? null,
      reason: a.reason ?? null,
      returnCarrier: a.returnCarrier ?? null,
      returnTrackingNo: a.returnTrackingNo ?? null,
      platformUpdatedAt: a.platformUpdatedAt,
      raw: a.raw ? JSON.stringify(a.raw) : null,
      now,
    };
    if (!cur) {
      this.insert.run({ ...values, shopId: a.shopId, platform: a.platform, platformAfterSaleId: a.platformAfterSaleId, platformOrderId: a.platformOrderId, platformLineId: a.platformLineId ?? null, platformSku: a.platformSku ?? null, requestedAt: a.requestedAt, currency: a.currency });
      if (orderId !== null) this.refreshOrder(orderId, actor, now, a.platformAfterSaleId);
      return ['created', orderId];
    }
    // A late page carrying an older snapshot of the case changes nothing.
    if (a.platformUpdatedAt < cur.platform_updated_at) return ['unchanged', orderId];
    const same = cur.state === a.state && cur.platform_status === a.platformStatus && cur.refund_minor === a.refundMinor && cur.order_id === orderId;
    if (same) return ['unchanged', orderId];
    this.update.run({ ...values, id: cur.id });
    if (orderId !== null) this.refreshOrder(orderId, actor, now, a.platformAfterSaleId);
    return ['updated', orderId];
  }

  /** A newly stored order picks up the cases that arrived before it. Call inside the order's transaction. */
  linkOrder(orderId: number, shopId: number, platformOrderId: string, actor: string, now: number): void {
    if (this.link.run(orderId, shopId, platformOrderId).changes > 0) this.refreshOrder(orderId, actor, now, null);
  }

  /** Recomputes the order's after-sales axis from its cases; intercepts a parcel in the pipeline when one opens. */
  private refreshOrder(orderId: number, actor: string, now: number, caseId: string | null): void {
    const states = (this.db.prepare('SELECT state FROM after_sales WHERE order_id = ?').all(orderId) as { state: string }[]).map((r) => r.state);
    const axis: AfterSales = states.includes('requested') ? 'requested' : states.includes('in_progress') ? 'in_progress' : states.length ? 'closed' : 'none';
    const o = this.db.prepare('SELECT id, platform_state, workflow, payment, after_sales, open_flags FROM orders WHERE id = ?').get(orderId) as OrderRow;
    if (o.after_sales === axis) return;
    let openFlags = o.open_flags;
    const opened = OPEN.has(axis) && !OPEN.has(o.after_sales);
    const intercept = opened && IN_PIPELINE.has(o.workflow) && !(openFlags & FLAG_BIT.intercept);
    if (intercept) {
      this.db
        .prepare("INSERT INTO order_flags (order_id, kind, reason, note, created_at, created_by) VALUES (?, 'intercept', 'after_sale_opened', ?, ?, ?)")
        .run(orderId, caseId ? `after-sales case ${caseId}` : 'after-sales case', now, actor);
      openFlags |= FLAG_BIT.intercept;
    }
    const queue = deriveQueue({ platformState: o.platform_state, workflow: o.workflow, payment: o.payment, openFlags });
    this.db.prepare('UPDATE orders SET after_sales = ?, open_flags = ?, queue = ?, updated_at = ? WHERE id = ?').run(axis, openFlags, queue, now, orderId);
    this.log.record({ at: now, actor, entity: 'order', entityId: orderId, action: intercept ? 'intercepted' : 'after_sales_changed', reason: intercept ? 'after_sale_opened' : null, data: { afterSales: axis, case: caseId } });
  }
}
