import type { SimResponse } from '../base.js';
import { ok, refuse, whole } from './gateway.js';
import { KS_EXPRESS_CODES, type KsSimOrder } from './orders.js';
import { OPEN_REFUND, type KsSimRefund } from './refunds.js';

export interface RecordedDelivery {
  oid: number;
  expressNo: string;
  expressCode: number;
  at: number;
}

export interface DeliverRules {
  /** Before 2024-11-25 the same waybill again was refused like any second shipment (§0.1 point 5). */
  legacyRedeliver: boolean;
}

/**
 * open.seller.order.goods.deliver {orderId, expressNo, expressCode (an integer)} for the whole order [S]: only an
 * order waiting to ship (30), with no refund in progress and no risk code; the same waybill on a shipped order is
 * success (idempotent since 2024-11-25) unless playing the old behaviour; another waybill is refused.
 */
export function deliver(orders: Map<number, KsSimOrder>, refunds: Map<number, KsSimRefund>, b: Record<string, unknown>, now: number, rules: DeliverRules, out: RecordedDelivery[]): SimResponse {
  const oid = whole(b.orderId);
  const code = whole(b.expressCode);
  const expressNo = typeof b.expressNo === 'string' ? b.expressNo.trim() : '';
  if (oid === null) return refuse('PARAM_INVALID', 'orderId无效');
  if (code === null) return refuse('PARAM_INVALID', 'expressCode无效，应为整数');
  if (!expressNo) return refuse('PARAM_INVALID', 'expressNo不能为空');
  const o = orders.get(oid);
  if (!o) return refuse('ORDER_NOT_EXIST', '订单不存在');
  if (!KS_EXPRESS_CODES[code]) return refuse('EXPRESS_CODE_INVALID', `快递公司编码不存在: ${code}`);
  if (o.status === 10) return refuse('ORDER_STATUS_INVALID', '订单未支付，不能发货');
  if (o.status === 80) return refuse('ORDER_STATUS_INVALID', '订单已关闭，不能发货');
  if (o.status >= 40) {
    const same = o.logistics.some((l) => l.expressNo === expressNo && l.expressCode === code);
    if (same && !rules.legacyRedeliver) return ok({});
    return refuse('ORDER_ALREADY_DELIVERED', '订单已发货，请勿重复发货');
  }
  if (o.refundIds.some((id) => OPEN_REFUND.has(refunds.get(id)?.status ?? 0))) return refuse('ORDER_REFUNDING', '订单存在进行中的售后，不能发货');
  if (o.riskCode !== 0) return refuse('ORDER_RISK', `订单存在风险(${o.riskCode})，不建议发货`);
  o.status = 40;
  o.sendTime = now;
  o.updateTime = now;
  o.logistics.push({ expressNo, expressCode: code, logisticsId: 1_000_000 + out.length });
  out.push({ oid, expressNo, expressCode: code, at: now });
  return ok({});
}
