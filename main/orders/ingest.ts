import { deriveQueue, FLAG_BIT, type Payment, type PlatformState, type Workflow } from '../../shared/domain/status.js';
import type { DB } from '../store/db.js';
import { AfterSaleWriter } from '../aftersales/writer.js';
import type { EventLog } from '../history/events.js';
import type { NormalizedLine, NormalizedOrder } from './model.js';

import { isStale, upsertOutcome, type UpsertOutcome } from './outcome.js';

export type { UpsertOutcome };
export interface UpsertSummary {
  created: number;
  updated: number;
  unchanged: number;
  ids: number[];
}

export function skuSummary(lines: readonly NormalizedLine[]): string {
  const s = lines.map((l) => `${l.skuCode ?? l.platformSku ?? l.title}×${l.qty}`).join(', ');
  return s.length > 200 ? s.slice(0, 199) + '…' : s;
}

interface Existing {
  id: number;
  platform_status: string;
  platform_state: PlatformState;
  payment: Payment;
  workflow: Workflow;
  open_flags: number;
  refunded_minor: number;
  platform_updated_at: number | null;
}

/**
 * Writes normalized orders: insert new ones, update platform-side facts of known ones, never regress a state, and
 * raise an intercept when a platform cancels or refunds an order we have not shipped yet. Idempotent by
 * (platform, shop, platform order id): feeding the same order twice changes nothing the second time.
 */
export class OrderWriter {
  private readonly findStmt;
  private readonly insertOrder;
  private readonly insertLine;
  private readonly insertRaw;
  private readonly updateOrder;
  private readonly insertFlag;
  private readonly upsertPii;
  private readonly afterSales;

  constructor(private readonly db: DB, private readonly log: EventLog) {
    this.afterSales = new AfterSaleWriter(db, log);
    // The decrypt reference changes rarely (an OAID re-issued): write only when it differs.
    this.upsertPii = db.prepare(`INSERT INTO order_pii (order_id, ref, updated_at) VALUES (?, ?, ?)
      ON CONFLICT(order_id) DO UPDATE SET ref = excluded.ref, updated_at = excluded.updated_at WHERE ref <> excluded.ref`);
    this.findStmt = db.prepare(
      `SELECT id, platform_status, platform_state, payment, workflow, open_flags, refunded_minor, platform_updated_at
       FROM orders WHERE platform = ? AND shop_id = ? AND platform_order_id = ?`,
    );
    this.insertOrder = db.prepare(`INSERT INTO orders (shop_id, platform, platform_order_id, platform_status, platform_state,
        payment, queue, buyer_nick, buyer_name, buyer_phone, country, province, city, district, address1, postcode, pii_masked,
        buyer_message, seller_memo, currency, goods_minor, shipping_minor, discount_minor, total_minor, paid_minor,
        refunded_minor, item_count, sku_summary, tracking_no, carrier, placed_at, paid_at, ship_by, platform_updated_at,
        created_at, updated_at)
      VALUES (@shopId, @platform, @platformOrderId, @platformStatus, @platformState, @payment, @queue, @buyerNick, @buyerName,
        @buyerPhone, @country, @province, @city, @district, @address1, @postcode, @piiMasked, @buyerMessage, @sellerMemo,
        @currency, @goodsMinor, @shippingMinor, @discountMinor, @totalMinor, @paidMinor, @refundedMinor, @itemCount,
        @skuSummary, @trackingNo, @carrier, @placedAt, @paidAt, @shipBy, @platformUpdatedAt, @now, @now)`);
    this.insertLine = db.prepare(`INSERT INTO order_lines (order_id, line_no, platform_line_id, platform_sku, sku_code,
        title, variant, qty, unit_price_minor, discount_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertRaw = db.prepare('INSERT OR REPLACE INTO order_raw (order_id, format, payload, received_at) VALUES (?, ?, ?, ?)');
    this.updateOrder = db.prepare(`UPDATE orders SET platform_status = @platformStatus, platform_state = @platformState,
        payment = @payment, refunded_minor = @refundedMinor,
        buyer_message = CASE WHEN @hasBuyerMessage THEN @buyerMessage ELSE buyer_message END,
        seller_memo = CASE WHEN @hasSellerMemo THEN @sellerMemo ELSE seller_memo END,
        open_flags = @openFlags, queue = @queue, platform_updated_at = @platformUpdatedAt, updated_at = @now WHERE id = @id`);
    this.insertFlag = db.prepare(`INSERT INTO order_flags (order_id, kind, reason, note, created_at, created_by)
      VALUES (?, 'intercept', ?, ?, ?, ?)`);
  }

  /** All orders in one transaction: a page is stored whole or not at all. */
  upsertMany(orders: readonly NormalizedOrder[], actor: string, now = Date.now()): UpsertSummary {
    const summary: UpsertSummary = { created: 0, updated: 0, unchanged: 0, ids: [] };
    this.db.transaction(() => {
      for (const o of orders) {
        const [outcome, id] = this.upsertOne(o, actor, now);
        summary[outcome]++;
        if (outcome !== 'unchanged') summary.ids.push(id);
      }
    })();
    return summary;
  }

  /** Call inside a transaction. */
  upsertOne(o: NormalizedOrder, actor: string, now: number): [UpsertOutcome, number] {
    const existing = this.findStmt.get(o.platform, o.shopId, o.platformOrderId) as Existing | undefined;
    return existing ? this.update(existing, o, actor, now) : ['created', this.insert(o, actor, now)];
  }

  private insert(o: NormalizedOrder, actor: string, now: number): number {
    const queue = deriveQueue({ platformState: o.platformState, workflow: 'pending_audit', payment: o.payment, openFlags: 0 });
    const id = Number(
      this.insertOrder.run({
        shopId: o.shopId,
        platform: o.platform,
        platformOrderId: o.platformOrderId,
        platformStatus: o.platformStatus,
        platformState: o.platformState,
        payment: o.payment,
        queue,
        buyerNick: o.buyerNick ?? null,
        buyerName: o.buyerName ?? null,
        buyerPhone: o.buyerPhone ?? null,
        country: o.country ?? null,
        province: o.province ?? null,
        city: o.city ?? null,
        district: o.district ?? null,
        address1: o.address1 ?? null,
        postcode: o.postcode ?? null,
        piiMasked: o.piiMasked ? 1 : 0,
        buyerMessage: o.buyerMessage ?? null,
        sellerMemo: o.sellerMemo ?? null,
        currency: o.currency,
        goodsMinor: o.goodsMinor,
        shippingMinor: o.shippingMinor ?? 0,
        discountMinor: o.discountMinor ?? 0,
        totalMinor: o.totalMinor,
        paidMinor: o.paidMinor ?? (o.payment === 'unpaid' ? 0 : o.totalMinor),
        refundedMinor: o.refundedMinor ?? 0,
        itemCount: o.lines.reduce((n, l) => n + l.qty, 0),
        skuSummary: skuSummary(o.lines),
        trackingNo: o.trackingNo ?? null,
        carrier: o.carrier ?? null,
        placedAt: o.placedAt,
        paidAt: o.paidAt ?? null,
        shipBy: o.shipBy ?? null,
        platformUpdatedAt: o.platformUpdatedAt ?? null,
        now,
      }).lastInsertRowid,
    );
    o.lines.forEach((l, i) => {
      this.insertLine.run(id, i + 1, l.platformLineId ?? null, l.platformSku ?? null, l.skuCode ?? null, l.title, l.variant ?? null, l.qty, l.unitPriceMinor, l.discountMinor ?? 0);
    });
    if (o.raw) this.insertRaw.run(id, o.raw.format, o.raw.payload, now);
    if (o.piiRef) this.upsertPii.run(id, JSON.stringify(o.piiRef), now);
    this.log.record({ at: now, actor, entity: 'order', entityId: id, action: 'created', data: { platformStatus: o.platformStatus, queue } });
    // After-sales cases listed before their order was (a separate listing on some platforms) join it now.
    this.afterSales.linkOrder(id, o.shopId, o.platformOrderId, actor, now);
    return id;
  }

  private update(cur: Existing, o: NormalizedOrder, actor: string, now: number): [UpsertOutcome, number] {
    if (upsertOutcome(cur, o) === 'unchanged') {
      // A stale snapshot is taken in no part; a current one may still carry a newer decrypt reference.
      if (o.piiRef && !isStale(cur, o)) this.upsertPii.run(cur.id, JSON.stringify(o.piiRef), now);
      return ['unchanged', cur.id];
    }
    if (o.piiRef) this.upsertPii.run(cur.id, JSON.stringify(o.piiRef), now);
    const platformState = o.platformState;
    const refundedMinor = Math.max(o.refundedMinor ?? 0, cur.refunded_minor);

    let openFlags = cur.open_flags;
    // Only orders already in the pipeline (approved, printed, packed) need stopping: an order still waiting for audit
    // just moves to its new queue, and audit sees the refund there.
    const inPipeline = cur.workflow !== 'pending_audit' && cur.workflow !== 'shipped' && cur.workflow !== 'written_back';
    const intercept =
      inPipeline && !(openFlags & FLAG_BIT.intercept)
        ? platformState === 'cancelled' && cur.platform_state !== 'cancelled'
          ? 'cancelled_after_import'
          : (o.payment === 'refunded' || o.payment === 'partly_refunded') && cur.payment === 'paid'
            ? 'refund_requested'
            : null
        : null;
    if (intercept) {
      this.insertFlag.run(cur.id, intercept, `platform status ${cur.platform_status} → ${o.platformStatus}`, now, actor);
      openFlags |= FLAG_BIT.intercept;
    }
    const queue = deriveQueue({ platformState, workflow: cur.workflow, payment: o.payment, openFlags });
    this.updateOrder.run({
      id: cur.id,
      platformStatus: o.platformStatus,
      platformState,
      payment: o.payment,
      refundedMinor,
      // A platform that does not send a field (undefined) leaves what we have; null means it was cleared there.
      hasBuyerMessage: o.buyerMessage === undefined ? 0 : 1,
      buyerMessage: o.buyerMessage ?? null,
      hasSellerMemo: o.sellerMemo === undefined ? 0 : 1,
      sellerMemo: o.sellerMemo ?? null,
      openFlags,
      queue,
      platformUpdatedAt: o.platformUpdatedAt ?? cur.platform_updated_at,
      now,
    });
    if (o.raw) this.insertRaw.run(cur.id, o.raw.format, o.raw.payload, now);
    this.log.record({
      at: now,
      actor,
      entity: 'order',
      entityId: cur.id,
      action: intercept ? 'intercepted' : 'platform_updated',
      reason: intercept,
      data: { from: cur.platform_status, to: o.platformStatus, payment: o.payment, queue },
    });
    return ['updated', cur.id];
  }
}
