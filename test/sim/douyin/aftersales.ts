import { E } from './envelope.js';
import { checkPaging, checkWindow, type Answer } from './orders.js';
import { nowSec, type DouyinSimState, type SimAfterSale } from './state.js';

/** What a test says about a case; the simulator writes it as afterSale.List returns it (§5.8). */
export interface AfterSaleSpec {
  id?: string;
  orderId: string;
  /** Which sku order (index in sku_order_list); the first by default. */
  sku?: number;
  /** aftersale_type: 0 退货退款, 1 已发货仅退款, 2 未发货仅退款, 3 换货, 6 价保, 7 补寄, 8 维修. */
  type: number;
  /** aftersale_status: 6 待商家同意, 7 待买家退货, 12 售后成功, 27 商家一次拒绝, 28 售后失败… */
  status: number;
  refundAmount: number;
  /** refund_status: 1 待退款, 2 退款中, 3 成功, 4 失败. */
  refundStatus?: number;
  reason?: string;
  returnTracking?: { code: string; company: string };
}

let seq = 0;

/** Builds the case and mirrors it on its sku order's after_sale_info (and the order's update_time), as 抖店 does. */
export function buildAfterSale(state: DouyinSimState, spec: AfterSaleSpec): SimAfterSale {
  const order = state.orders.get(spec.orderId);
  if (!order) throw new Error(`sim: no order ${spec.orderId}`);
  const skus = order.json.sku_order_list as Record<string, unknown>[];
  const sku = skus[spec.sku ?? 0];
  if (!sku) throw new Error(`sim: order ${spec.orderId} has no sku ${spec.sku}`);
  const now = nowSec(state);
  seq++;
  const id = spec.id ?? `7${String(300_000_000_000_000_000n + BigInt(seq)).slice(0, 18)}`;
  const refundStatus = spec.refundStatus ?? (spec.status === 12 ? 3 : 1);
  const json = {
    aftersale_info: {
      aftersale_id: id,
      aftersale_order_type: 1,
      aftersale_type: spec.type,
      aftersale_status: spec.status,
      related_id: sku.order_id,
      apply_time: now,
      update_time: now,
      status_deadline: now + 48 * 3600,
      refund_amount: spec.refundAmount,
      refund_post_amount: 0,
      aftersale_num: sku.item_num,
      refund_status: refundStatus,
      return_logistics_code: spec.returnTracking?.code ?? '',
      return_logistics_company_name: spec.returnTracking?.company ?? '',
      remark: '',
      reason_second_labels: spec.reason ? [{ code: 101, name: spec.reason }] : [],
      arbitrate_status: 0,
      got_pkg: spec.type === 2 ? 0 : 1,
    },
    order_info: {
      shop_order_id: order.id,
      related_order_info: [{ sku_order_id: sku.order_id, order_status: order.json.order_status, pay_amount: sku.pay_amount, post_amount: 0, item_num: sku.item_num, product_name: sku.product_name }],
    },
  };
  sku.after_sale_info = { after_sale_status: spec.status, after_sale_type: spec.type, refund_status: refundStatus };
  order.updatedAt = now;
  order.json.update_time = now;
  return { id, orderId: order.id, appliedAt: now, updatedAt: now, json };
}

/**
 * afterSale.List (§5.8): by update time (update_start_time/update_end_time) or apply time (start_time/end_time),
 * sorted by order_by ["update_time asc"…] (apply_time desc by default [U]), page from 0, size ≤ 100,
 * page × size ≤ 50 000; data {items, has_more, total, page, size}.
 */
export function afterSaleList(state: DouyinSimState, p: Record<string, unknown>): Answer {
  const paging = checkPaging(state, p, { size: 11000, page: 11000, depth: 11000 });
  if ('code' in paging) return { ok: false, error: paging };
  const byUpdate = p.update_start_time !== undefined;
  let filter: (c: SimAfterSale) => boolean = () => true;
  if (byUpdate || p.start_time !== undefined) {
    const w = byUpdate ? checkWindow(state, p.update_start_time, p.update_end_time, 'update_time') : checkWindow(state, p.start_time, p.end_time, 'apply_time');
    if ('code' in w) return { ok: false, error: w };
    filter = (c) => {
      const t = byUpdate ? c.updatedAt : c.appliedAt;
      return t >= w.start && t <= w.end;
    };
  }
  const orderBy = p.order_by ?? ['apply_time desc'];
  if (!Array.isArray(orderBy) || orderBy.length === 0 || !orderBy.every((s) => typeof s === 'string' && /^(update_time|apply_time|status_deadline) (asc|desc)$/.test(s))) {
    return { ok: false, error: E.invalid(11000, '参数错误') };
  }
  const [field, dir] = (orderBy[0] as string).split(' ') as [string, string];
  const key = (c: SimAfterSale) => (field === 'update_time' ? c.updatedAt : field === 'apply_time' ? c.appliedAt : (c.json.aftersale_info.status_deadline as number));
  const sign = dir === 'asc' ? 1 : -1;
  const matching = [...state.afterSales.values()].filter(filter).sort((a, b) => sign * (key(a) - key(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
  const slice = matching.slice(paging.page * paging.size, (paging.page + 1) * paging.size);
  return {
    ok: true,
    data: { items: slice.map((c) => structuredClone(c.json)), has_more: (paging.page + 1) * paging.size < matching.length, total: matching.length, page: paging.page, size: paging.size },
  };
}
