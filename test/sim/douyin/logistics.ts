import { E } from './envelope.js';
import type { Answer } from './orders.js';
import { nowSec, type DouyinSimState } from './state.js';

/** A sku order with a refund request the seller has not answered: after-sale open and refund_status 1 (待退款). */
const OPEN_AFTER_SALE = new Set([6, 7, 11]);

/**
 * order.logisticsAdd (§5.7) with the logisticsAdd family's codes [S]: company_code required and checked against
 * 抖店's own list (60018), the order must exist (60033), be paid (60137), not cancelled (60021), not refunded
 * before shipping (60068), not already shipped (60110) or finished (60113), and have no pending refund request
 * (60040) unless is_refund_reject / is_reject_refund — which rejects that request and ships.
 */
export function logisticsAdd(state: DouyinSimState, p: Record<string, unknown>): Answer {
  const orderId = p.order_id;
  if (typeof orderId !== 'string' || !orderId) return { ok: false, error: E.missing('订单号') };
  if (typeof p.company_code !== 'string' || !p.company_code) {
    return { ok: false, error: { ...E.missing('物流公司编码(company_code)字段'), sub_code: 'isv.missing-parameter:60083' } };
  }
  if (typeof p.logistics_code !== 'string' || !p.logistics_code) return { ok: false, error: E.missing('物流单号') };
  const record = (outcome: string) => state.shipments.push({ at: state.clock.now(), orderId, body: structuredClone(p), outcome });
  const refuse = (error: ReturnType<typeof E.failed>): Answer => {
    record(error.sub_code);
    return { ok: false, error };
  };
  const company = state.companies.find((c) => c.code === p.company_code);
  if (!company) return refuse(E.invalid(60018, '暂不支持该物流公司或物流商已失效'));
  if (!/^[A-Za-z0-9]{6,32}$/.test(p.logistics_code)) return refuse(E.invalid(60017, '物流单号不符合规则'));
  const o = state.orders.get(orderId);
  if (!o) return refuse(E.invalid(60033, '未查询到此订单'));
  const status = o.json.order_status as number;
  const skus = o.json.sku_order_list as { after_sale_info: { after_sale_status: number; refund_status: number }; order_status: number }[];
  if (status === 1) return refuse(E.failed(60137, '订单未支付，禁止发货。'));
  if (status === 4) {
    const refunded = skus.every((s) => s.after_sale_info.refund_status === 3);
    return refuse(refunded ? E.failed(60068, '该订单已售前退款成功，不能发货') : E.failed(60021, '订单已取消，不支持发货'));
  }
  if (status === 3) return refuse(E.failed(60110, '60110:订单已发货，不允许再次执行发货'));
  if (status === 5) return refuse(E.failed(60113, '60113:订单已完结，禁止发货'));
  const pending = skus.filter((s) => OPEN_AFTER_SALE.has(s.after_sale_info.after_sale_status) && s.after_sale_info.refund_status === 1);
  if (pending.length) {
    if (p.is_refund_reject !== true && p.is_reject_refund !== true) return refuse(E.failed(60040, '发货订单中有退款申请需要处理，请先处理'));
    for (const s of pending) s.after_sale_info.after_sale_status = 27; // refused by shipping
  }
  const now = nowSec(state);
  o.updatedAt = now;
  Object.assign(o.json, {
    order_status: 3,
    order_status_desc: '已发货',
    update_time: now,
    ship_time: now,
    logistics_info: [
      ...(o.json.logistics_info as unknown[]),
      { tracking_no: p.logistics_code, company: company.code, company_name: company.name, ship_time: now, delivery_id: `${orderId}-${state.shipments.length + 1}`, product_info: [] },
    ],
  });
  for (const s of skus) s.order_status = 3;
  record('shipped');
  return { ok: true, data: {} };
}

/** order.logisticsCompanyList → data [{id, name, code}] (§5.7). */
export function logisticsCompanyList(state: DouyinSimState): Answer {
  return { ok: true, data: state.companies.map((c) => ({ ...c })) };
}
