import type { SimResponse } from '../base.js';
import { businessError, ok, paramError } from './envelope.js';
import { intParam, Refusal } from './increment.js';
import type { PddSimState } from './state.js';

/**
 * The simulator's own copy of PDD's carrier list (pdd.logistics.companies.get), kept apart from ShopDesk's
 * carrier-codes table on purpose: a test proves every built-in code is one PDD accepts. Ids as commonly quoted
 * by PDD integrators [U]; field names per §6.5 [U].
 */
export const SIM_COMPANIES: readonly { id: number; logistics_company: string; code: string }[] = [
  { id: 1, logistics_company: '申通快递', code: 'STO' },
  { id: 3, logistics_company: '百世快递', code: 'HT' },
  { id: 44, logistics_company: '顺丰快递', code: 'SF' },
  { id: 85, logistics_company: '圆通快递', code: 'YTO' },
  { id: 115, logistics_company: '中通快递', code: 'ZTO' },
  { id: 116, logistics_company: '天天快递', code: 'TTKDEX' },
  { id: 118, logistics_company: '邮政EMS', code: 'EMS' },
  { id: 120, logistics_company: '京东配送', code: 'JD' },
  { id: 121, logistics_company: '韵达快递', code: 'YUNDA' },
  { id: 129, logistics_company: '宅急送', code: 'ZJS' },
  { id: 131, logistics_company: '德邦快递', code: 'DBKD' },
  { id: 132, logistics_company: '邮政快递包裹', code: 'YZXB' },
  { id: 155, logistics_company: '优速快递', code: 'UC' },
  { id: 384, logistics_company: '极兔速递', code: 'JTSD' },
];

export function logisticsCompanies(): SimResponse {
  return ok('logistics_companies_get_response', { logistics_companies: SIM_COMPANIES });
}

/** Why PDD refuses to ship a 待发货 order, or null when it may ship [U wording]. */
function shipRefusal(o: { confirmStatus: number; refundStatus: number; afterSalesStatus: number; risk: number }): string | null {
  if (o.confirmStatus === 2) return '订单已取消，不能发货';
  if (o.refundStatus === 4) return '订单已退款，不能发货';
  if (o.refundStatus === 2 || o.refundStatus === 3 || [2, 3, 4, 5].includes(o.afterSalesStatus)) return '订单存在售后，不能发货';
  if (o.risk === 1) return '订单审核中，暂不能发货';
  if (o.confirmStatus === 0) return '订单未成团，不能发货';
  return null;
}

/**
 * pdd.logistics.online.send (§6.3): order_sn, numeric logistics_id from the list above, tracking_number. A shipped
 * order is refused ("already shipped") unless redelivery_type=2, which overwrites its tracking.
 */
export function onlineSend(state: PddSimState, f: Readonly<Record<string, string>>): SimResponse {
  const now = state.clock.now();
  const sn = f.order_sn;
  if (!sn) throw new Refusal(paramError(now, 'order_sn', '不能为空'));
  const logisticsId = intParam(now, f, 'logistics_id', { required: true, min: 1 });
  const tracking = f.tracking_number ?? '';
  if (!tracking) throw new Refusal(paramError(now, 'tracking_number', '不能为空'));
  const redelivery = f.redelivery_type ?? null;
  const record = (refused: string | null): SimResponse => {
    state.shipments.push({ at: now, sn, logisticsId: String(logisticsId), trackingNumber: tracking, redeliveryType: redelivery, refused });
    return refused === null ? ok('logistics_online_send_response', { is_success: true }) : businessError(now, refused);
  };
  if (!SIM_COMPANIES.some((c) => c.id === logisticsId)) return record(`物流公司不存在: logistics_id=${logisticsId}`);
  if (!/^[A-Za-z0-9]{6,32}$/.test(tracking)) return record('运单号不符合规则');
  const o = state.orders.get(sn);
  if (!o) return record('订单不存在');
  if (o.orderStatus === 2 || o.orderStatus === 3) {
    if (redelivery !== '2') return record('订单已发货，请勿重复发货');
  } else {
    if (redelivery === '2') return record('订单未发货，不能修改物流信息');
    const why = shipRefusal(o);
    if (why) return record(why);
    o.orderStatus = 2;
    o.shippingAt = now;
  }
  o.logisticsId = logisticsId;
  o.trackingNumber = tracking;
  o.updatedAt = now;
  state.snapshot(o);
  return record(null);
}
