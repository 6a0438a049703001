import { createHash } from 'node:crypto';
import type { SimClock } from '../base.js';
import { cnTime, orderJson, yuanOfFen, type SimOrder } from './fixtures.js';

/** One after-sales case as PDD keeps it (pdd.refund.list.increment.get, §6.4). */
export interface SimRefund {
  id: number;
  sn: string;
  type: number;
  status: number;
  amountFen: number;
  reason: string;
  createdAt: number;
  updatedAt: number;
  skuId: number;
  outerId: string | null;
  goodsName: string;
  goodsNumber: number;
  goodsPrice: string;
  trackingNumber: string;
  shippingName: string;
  broken: Record<string, unknown>;
}

export function refundJson(r: SimRefund, orderAmount: string): Record<string, unknown> {
  return {
    id: r.id,
    order_sn: r.sn,
    after_sales_type: r.type,
    after_sales_status: r.status,
    after_sale_reason: r.reason,
    refund_amount: yuanOfFen(r.amountFen),
    order_amount: orderAmount,
    discount_amount: '0.00',
    goods_id: 600_000_000,
    sku_id: String(r.skuId),
    outer_id: r.outerId ?? '',
    outer_goods_id: '',
    goods_name: r.goodsName,
    goods_number: String(r.goodsNumber),
    goods_price: r.goodsPrice,
    good_image: '',
    tracking_number: r.trackingNumber,
    shipping_name: r.shippingName,
    created_time: cnTime(r.createdAt),
    updated_time: cnTime(r.updatedAt),
    confirm_time: cnTime(r.createdAt),
    speed_refund_flag: 0,
    speed_refund_status: '0',
    user_shipping_status: '0',
    refund_operator_role: 0,
    dispute_refund_status: 0,
    ...r.broken,
  };
}

/** What the increment list shows of an order: a snapshot that becomes visible after the index lag. */
export interface Version {
  visibleAt: number;
  json: Record<string, unknown>;
}

export interface SentShipment {
  at: number;
  sn: string;
  logisticsId: string;
  trackingNumber: string;
  redeliveryType: string | null;
  /** null when accepted; else PDD's sub_msg. */
  refused: string | null;
}

export interface LoggedCall {
  at: number;
  type: string;
  /** The decoded form fields exactly as received (the access token included: the log stays in the test). */
  fields: Record<string, string>;
  computedSign: string | null;
  receivedSign: string | null;
  errorCode: number | null;
}

/** The longest index lag the realistic mode uses: under PDD's 3-minute promise (§6.2). */
export const REALISTIC_MAX_LAG_MS = 170_000;

export class PddSimState {
  readonly orders = new Map<string, SimOrder>();
  readonly versions = new Map<string, Version[]>();
  readonly refunds = new Map<number, SimRefund>();
  /** ciphertext → whose and which field; decrypt looks here. */
  readonly ciphers = new Map<string, { sn: string; field: 'name' | 'phone' | 'address' }>();
  readonly shipments: SentShipment[] = [];
  readonly decrypt = { calls: 0, items: 0 };
  /** Hooks run just before the nth order-list request from when they were set (1 = the next one). */
  readonly listHooks: { left: number; fn: () => void }[] = [];
  /**
   * Realistic mode: every change reaches the increment list 30–170 s after it happened (as PDD's advice to stay
   * 3 minutes behind implies), so a window ending near "now" may miss recent updates for good.
   */
  realistic = false;

  constructor(readonly clock: SimClock) {}

  /** Records the order's current state as a new list version, visible after its lag. */
  snapshot(o: SimOrder): void {
    for (const [field, ct] of Object.entries(o.cipher) as ['name' | 'phone' | 'address', string][]) this.ciphers.set(ct, { sn: o.sn, field });
    const list = this.versions.get(o.sn) ?? [];
    list.push({ visibleAt: o.updatedAt + this.lagFor(o), json: orderJson(o) });
    this.versions.set(o.sn, list);
  }

  private lagFor(o: SimOrder): number {
    if (o.lagMs !== null) return o.lagMs;
    if (!this.realistic) return 0;
    // Deterministic per change, so a failing run can be replayed.
    const h = createHash('sha1').update(`${o.sn}@${o.updatedAt}`).digest().readUInt32BE(0);
    return 30_000 + (h % (REALISTIC_MAX_LAG_MS - 30_000 + 1));
  }

  /** The newest version the list shows now, or null when none is indexed yet. */
  listed(sn: string): Record<string, unknown> | null {
    const now = this.clock.now();
    const list = this.versions.get(sn) ?? [];
    for (let i = list.length - 1; i >= 0; i--) if (list[i]!.visibleAt <= now) return list[i]!.json;
    return null;
  }

  order(sn: string): SimOrder {
    const o = this.orders.get(sn);
    if (!o) throw new Error(`sim: no order ${sn}`);
    return o;
  }
}
