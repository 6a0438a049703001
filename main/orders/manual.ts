import type { ParsedInput } from '../../shared/contract/index.js';
import { checkManualOrder, EDITABLE_WORKFLOWS, orderIdProblem, type CheckedLine, type CheckedManualOrder, type ManualIssue } from '../../shared/contract/manual-orders.js';
import { minorToDecimal } from '../../shared/domain/money.js';
import type { OrderDetail } from '../../shared/domain/order.js';
import { deriveQueue, type Payment, type PlatformState, type Workflow } from '../../shared/domain/status.js';
import { AppError } from '../../shared/errors.js';
import { EventLog, type EventRecord } from '../history/events.js';
import type { Session, Sessions } from '../people/sessions.js';
import type { DB } from '../store/db.js';
import type { EventBus } from '../transport/event-bus.js';
import type { Handlers } from '../transport/dispatch.js';
import { OrderWriter, skuSummary } from './ingest.js';
import type { NormalizedOrder } from './model.js';
import type { OrderQueries } from './queries.js';

type CreateInput = ParsedInput<'orders.createManual'>;
type EditInput = ParsedInput<'orders.editManual'>;

/** The platform status a manual order shows, spelled as the demo data and the seller's own sheets do. */
const MANUAL_STATUS: Record<'unpaid' | 'to_ship', string> = { unpaid: '待付款', to_ship: '待发货' };
const EDITABLE = new Set<Workflow>(EDITABLE_WORKFLOWS);

interface ShopRow {
  id: number;
  platform: string;
  name: string;
  currency: string;
  active: number;
}

interface StoredOrder {
  id: number;
  shop_id: number;
  platform: string;
  platform_order_id: string;
  platform_state: PlatformState;
  workflow: Workflow;
  payment: Payment;
  open_flags: number;
  currency: string;
  paid_at: number | null;
  [column: string]: unknown;
}

/**
 * The writer's events carry the person behind them: OrderWriter records "created" with an actor string, and this
 * log adds the operator and station of the call being served (calls are synchronous, so one at a time).
 */
class AttributedLog extends EventLog {
  who: Pick<EventRecord, 'operatorId' | 'stationId'> = {};
  override record(e: EventRecord): void {
    super.record({ ...e, operatorId: e.operatorId ?? this.who.operatorId ?? null, stationId: e.stationId ?? this.who.stationId ?? null });
  }
}

function invalid(issues: ManualIssue[]): AppError {
  return new AppError('invalid_input', `manual order: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
}

/** Local calendar day as yyMMdd: the seller reads it off the order id. */
function dayStamp(now: number): string {
  const d = new Date(now);
  return `${String(d.getFullYear()).slice(2)}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
}

/** Scalar fields of an edit, the order column each lands in, for the update and for the "what changed" record. */
const EDIT_COLUMNS: [keyof CheckedManualOrder, string][] = [
  ['buyerName', 'buyer_name'],
  ['buyerPhone', 'buyer_phone'],
  ['country', 'country'],
  ['province', 'province'],
  ['city', 'city'],
  ['district', 'district'],
  ['address1', 'address1'],
  ['postcode', 'postcode'],
  ['buyerMessage', 'buyer_message'],
  ['sellerMemo', 'seller_memo'],
  ['goodsMinor', 'goods_minor'],
  ['shippingMinor', 'shipping_minor'],
  ['discountMinor', 'discount_minor'],
  ['totalMinor', 'total_minor'],
];

const lineKey = (l: Pick<CheckedLine, 'skuCode' | 'title' | 'variant' | 'qty' | 'unitPriceMinor'>) => JSON.stringify([l.skuCode, l.title, l.variant, l.qty, l.unitPriceMinor]);

/**
 * Phone and WeChat orders: typed in, checked by the same rules as in the form (shared/contract/manual-orders.ts),
 * stored through the OrderWriter so they enter the queue like any order, and editable until printed.
 */
export class ManualOrders {
  private readonly log: AttributedLog;
  private readonly writer: OrderWriter;

  constructor(
    private readonly db: DB,
    private readonly queries: OrderQueries,
    private readonly sessions: Sessions,
  ) {
    this.log = new AttributedLog(db);
    this.writer = new OrderWriter(db, this.log);
  }

  private shop(id: number): ShopRow {
    const shop = this.db.prepare('SELECT id, platform, name, currency, active FROM shops WHERE id = ?').get(id) as ShopRow | undefined;
    if (!shop) throw new AppError('not_found', `shop ${id} does not exist`, { field: 'shopId', shopId: id });
    if (shop.platform !== 'manual') {
      const message = `shop "${shop.name}" is a ${shop.platform} shop: manual orders go in a shop of platform "manual" (add one in Settings → Shops)`;
      throw invalid([{ path: 'shopId', code: 'not_manual_shop', message }]);
    }
    return shop;
  }

  /** Rules, then SKU titles: a line with a known SKU code and no title takes the SKU's name. */
  private check(input: CreateInput | EditInput, currency: string): CheckedManualOrder {
    const r = checkManualOrder(input, currency);
    if (!r.ok) throw invalid(r.issues);
    const issues: ManualIssue[] = [];
    const name = this.db.prepare('SELECT name FROM skus WHERE code = ?').pluck();
    r.order.lines.forEach((l, i) => {
      if (l.title || !l.skuCode) return;
      const found = name.get(l.skuCode) as string | undefined;
      if (found) l.title = found;
      else issues.push({ path: `lines.${i}.title`, code: 'unknown_sku', message: `line ${i + 1}: SKU ${l.skuCode} is not in the SKU list; type a title`, vars: { sku: l.skuCode } });
    });
    if (issues.length) throw invalid(issues);
    return r.order;
  }

  /**
   * M + yyMMdd + a 4-digit sequence, one past the highest of the day in this shop. Read inside the transaction that
   * inserts, so two creates in one transaction (or a typed id that looks generated) never collide.
   */
  private nextOrderId(shopId: number, now: number): string {
    const prefix = `M${dayStamp(now)}`;
    const ids = this.db
      .prepare("SELECT platform_order_id FROM orders WHERE platform_order_id >= ? AND platform_order_id < ? AND platform = 'manual' AND shop_id = ?")
      .pluck()
      .all(prefix, prefix + '\u{10FFFF}', shopId) as string[];
    let seq = 0;
    for (const id of ids) {
      const tail = id.slice(prefix.length);
      if (/^\d{1,9}$/.test(tail)) seq = Math.max(seq, Number(tail));
    }
    return `${prefix}${String(seq + 1).padStart(4, '0')}`;
  }

  private taken(shopId: number, platformOrderId: string): boolean {
    return this.db.prepare("SELECT 1 FROM orders WHERE platform_order_id = ? AND platform = 'manual' AND shop_id = ?").get(platformOrderId, shopId) !== undefined;
  }

  /** Runs fn with the session's operator and station on every event it records. */
  private as<T>(s: Session, fn: () => T): T {
    this.log.who = { operatorId: s.operatorId, stationId: s.stationId };
    try {
      return fn();
    } finally {
      this.log.who = {};
    }
  }

  create(input: CreateInput, s: Session, now = Date.now()): OrderDetail {
    const shop = this.shop(input.shopId);
    if (!shop.active) throw new AppError('conflict', `shop "${shop.name}" is inactive; activate it in Settings → Shops first`, { field: 'shopId', shopId: shop.id, reason: 'inactive' });
    const idIssue = orderIdProblem(input.platformOrderId);
    if (idIssue) throw invalid([idIssue]);
    const o = this.check(input, shop.currency);
    const actor = this.sessions.actor(s);
    const id = this.db.transaction(() => {
      const typed = input.platformOrderId.trim();
      if (typed && this.taken(shop.id, typed)) {
        throw new AppError('conflict', `order id ${typed} is already used in shop "${shop.name}"`, { field: 'platformOrderId', platformOrderId: typed, shopId: shop.id });
      }
      const platformOrderId = typed || this.nextOrderId(shop.id, now);
      const state: PlatformState = o.paid ? 'to_ship' : 'unpaid';
      const order: NormalizedOrder = {
        shopId: shop.id,
        platform: 'manual',
        platformOrderId,
        platformStatus: MANUAL_STATUS[state as 'unpaid' | 'to_ship'],
        platformState: state,
        payment: o.paid ? 'paid' : 'unpaid',
        buyerName: o.buyerName,
        buyerPhone: o.buyerPhone,
        country: o.country ?? null,
        province: o.province,
        city: o.city,
        district: o.district,
        address1: o.address1,
        postcode: o.postcode,
        piiMasked: false,
        buyerMessage: o.buyerMessage,
        sellerMemo: o.sellerMemo,
        currency: shop.currency,
        goodsMinor: o.goodsMinor,
        shippingMinor: o.shippingMinor,
        discountMinor: o.discountMinor,
        totalMinor: o.totalMinor,
        paidMinor: o.paid ? o.totalMinor : 0,
        placedAt: now,
        paidAt: o.paid ? now : null,
        lines: o.lines.map((l) => ({ skuCode: l.skuCode, platformSku: l.skuCode, title: l.title, variant: l.variant, qty: l.qty, unitPriceMinor: l.unitPriceMinor })),
        // What the person typed, verbatim: the "platform payload" of a manual order.
        raw: { format: 'manual.form', payload: JSON.stringify(input) },
      };
      const [outcome, orderId] = this.as(s, () => this.writer.upsertOne(order, actor, now));
      if (outcome !== 'created') throw new AppError('conflict', `order id ${platformOrderId} is already used in shop "${shop.name}"`, { field: 'platformOrderId', platformOrderId });
      return orderId;
    })();
    return this.queries.get(id);
  }

  edit(input: EditInput, s: Session, now = Date.now()): OrderDetail {
    const actor = this.sessions.actor(s);
    this.db.transaction(() => {
      const cur = this.db.prepare('SELECT * FROM orders WHERE id = ?').get(input.id) as StoredOrder | undefined;
      if (!cur) throw new AppError('not_found', `order ${input.id} does not exist`, { id: input.id });
      const ref = `order ${cur.platform_order_id}`;
      if (cur.platform !== 'manual') {
        throw new AppError('conflict', `${ref} comes from ${cur.platform}: only manual orders are edited in ShopDesk (change it on the platform)`, { id: cur.id, reason: 'not_manual' });
      }
      if (!EDITABLE.has(cur.workflow)) {
        throw new AppError('conflict', `${ref} is already ${cur.workflow}: its label is printed, so it can no longer be edited`, { id: cur.id, reason: 'printed', workflow: cur.workflow });
      }
      const o = this.check(input, cur.currency);
      const lines = this.db.prepare('SELECT sku_code, title, variant, qty, unit_price_minor, qty_allocated FROM order_lines WHERE order_id = ? ORDER BY line_no').all(cur.id) as {
        sku_code: string | null;
        title: string;
        variant: string | null;
        qty: number;
        unit_price_minor: number;
        qty_allocated: number;
      }[];
      const before = lines.map((l) => ({ skuCode: l.sku_code, title: l.title, variant: l.variant, qty: l.qty, unitPriceMinor: l.unit_price_minor }));
      const linesChanged = before.map(lineKey).join('\n') !== o.lines.map(lineKey).join('\n');
      if (linesChanged && lines.some((l) => l.qty_allocated > 0)) {
        throw new AppError('conflict', `${ref} has stock allocated to its lines; release the allocation before changing the lines`, { id: cur.id, reason: 'allocated' });
      }

      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (o.country === undefined) o.country = (cur.country as string | null) ?? null;
      for (const [field, column] of EDIT_COLUMNS) if (cur[column] !== o[field]) changes[field] = { from: cur[column], to: o[field] };
      // A refund already recorded stays; otherwise the person says paid or not.
      const refunded = cur.payment === 'refunded' || cur.payment === 'partly_refunded';
      const payment: Payment = refunded ? cur.payment : o.paid ? 'paid' : 'unpaid';
      if (payment !== cur.payment) changes.payment = { from: cur.payment, to: payment };
      if (linesChanged) changes.lines = { from: skuSummary(before), to: skuSummary(o.lines) };
      if (Object.keys(changes).length === 0) return;

      const platformState: PlatformState = cur.platform_state === 'unpaid' || cur.platform_state === 'to_ship' ? (payment === 'unpaid' ? 'unpaid' : 'to_ship') : cur.platform_state;
      const queue = deriveQueue({ platformState, workflow: cur.workflow, payment, openFlags: cur.open_flags });
      this.db
        .prepare(
          `UPDATE orders SET buyer_name = @buyerName, buyer_phone = @buyerPhone, country = @country, province = @province, city = @city,
            district = @district, address1 = @address1, postcode = @postcode, buyer_message = @buyerMessage, seller_memo = @sellerMemo,
            goods_minor = @goodsMinor, shipping_minor = @shippingMinor, discount_minor = @discountMinor, total_minor = @totalMinor,
            paid_minor = @paidMinor, paid_at = @paidAt, payment = @payment, platform_state = @platformState, platform_status = @platformStatus,
            queue = @queue, item_count = @itemCount, sku_summary = @skuSummary, updated_at = @now WHERE id = @id`,
        )
        .run({
          id: cur.id,
          buyerName: o.buyerName,
          buyerPhone: o.buyerPhone,
          country: o.country ?? null,
          province: o.province,
          city: o.city,
          district: o.district,
          address1: o.address1,
          postcode: o.postcode,
          buyerMessage: o.buyerMessage,
          sellerMemo: o.sellerMemo,
          goodsMinor: o.goodsMinor,
          shippingMinor: o.shippingMinor,
          discountMinor: o.discountMinor,
          totalMinor: o.totalMinor,
          paidMinor: payment === 'unpaid' ? 0 : o.totalMinor,
          paidAt: payment === 'unpaid' ? null : (cur.paid_at ?? now),
          payment,
          platformState,
          platformStatus: platformState === 'unpaid' || platformState === 'to_ship' ? MANUAL_STATUS[platformState] : String(cur.platform_status),
          queue,
          itemCount: o.lines.reduce((n, l) => n + l.qty, 0),
          skuSummary: skuSummary(o.lines),
          now,
        });
      if (linesChanged) {
        // Replacing the lines would silently drop them from a merged or split parcel: undo that first.
        const parcel = this.db
          .prepare("SELECT p.id, p.kind FROM parcel_lines pl JOIN parcels p ON p.id = pl.parcel_id WHERE pl.order_id = ? AND p.state <> 'cancelled' LIMIT 1")
          .get(cur.id) as { id: number; kind: string } | undefined;
        if (parcel) {
          throw new AppError('conflict', `${ref} is in ${parcel.kind} parcel ${parcel.id}: undo the ${parcel.kind === 'merged' ? 'merge' : 'split'} before changing its lines`, { id: cur.id, reason: 'in_parcel', parcelId: parcel.id });
        }
        this.db.prepare('DELETE FROM order_lines WHERE order_id = ?').run(cur.id);
        const ins = this.db.prepare(`INSERT INTO order_lines (order_id, line_no, platform_sku, sku_code, title, variant, qty, unit_price_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
        o.lines.forEach((l, i) => ins.run(cur.id, i + 1, l.skuCode, l.skuCode, l.title, l.variant, l.qty, l.unitPriceMinor));
      }
      this.log.record({ at: now, actor, operatorId: s.operatorId, stationId: s.stationId, entity: 'order', entityId: cur.id, action: 'edited', reason: `changed ${Object.keys(changes).join(', ')}`, data: { changes } });
    })();
    return this.queries.get(input.id);
  }

  /** SKUs by code prefix, each with the last price it sold at in the shop's currency (skus keep cost, not price). */
  skuSuggest(shopId: number, prefix: string, limit: number): { code: string; title: string; unitPrice: string | null }[] {
    const shop = this.shop(shopId);
    const skus = this.db.prepare('SELECT code, name FROM skus WHERE code >= ? AND code < ? AND active = 1 ORDER BY code LIMIT ?').all(prefix, prefix + '\u{10FFFF}', limit) as {
      code: string;
      name: string;
    }[];
    const price = this.db
      .prepare('SELECT l.unit_price_minor FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE l.sku_code = ? AND o.currency = ? ORDER BY l.order_id DESC LIMIT 1')
      .pluck();
    return skus.map((k) => {
      const p = price.get(k.code, shop.currency) as number | undefined;
      return { code: k.code, title: k.name, unitPrice: p === undefined ? null : minorToDecimal(p, shop.currency) };
    });
  }
}

export function manualOrderHandlers(m: ManualOrders, events: EventBus): Pick<Handlers, 'orders.createManual' | 'orders.editManual' | 'orders.skuSuggest'> {
  return {
    'orders.createManual': (input, ctx) => {
      const o = m.create(input, ctx.session);
      events.emit('orders.changed', { ids: [o.id] });
      return o;
    },
    'orders.editManual': (input, ctx) => {
      const o = m.edit(input, ctx.session);
      events.emit('orders.changed', { ids: [o.id] });
      return o;
    },
    'orders.skuSuggest': (input) => m.skuSuggest(input.shopId, input.prefix, input.limit),
  };
}
