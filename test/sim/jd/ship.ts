import type { SimResponse } from '../base.js';
import { API_OK } from './search.js';
import { JD_CARRIERS, renderOrder, type JdSimOrder } from './orders.js';

export interface RecordedShipment {
  orderId: string;
  logiCoprId: string;
  logiNo: string;
  at: number;
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

function shipAnswer(success: boolean, zh = '', en = '', errorCode = ''): SimResponse {
  const result = success ? { success: true, chineseErrCode: '', englishErrCode: '', errorCode: '' } : { success: false, chineseErrCode: zh, englishErrCode: en, errorCode };
  return { status: 200, body: { jingdong_pop_order_shipment_responce: { code: '0', sopjosshipment_result: result } } };
}

/**
 * jingdong.pop.order.shipment (orderId, logiCoprId, logiNo): moves a to-ship order to WAIT_GOODS_RECEIVE_CONFIRM.
 * Refusals come as sopjosshipment_result.success false with JD's wording [U]: an unknown carrier id, a cancelled,
 * locked or paused order, and any order already out of the warehouse — whatever waybill is sent (JD has no
 * idempotent re-ship; the client must look at the order to know whether it was its own earlier shipment).
 */
export function ship(orders: Map<string, JdSimOrder>, business: Record<string, unknown>, now: number, shipments: RecordedShipment[]): SimResponse {
  const orderId = text(business.orderId);
  const logiCoprId = text(business.logiCoprId);
  const logiNo = text(business.logiNo);
  if (!/^\d+$/.test(orderId) || !logiCoprId || !logiNo) return shipAnswer(false, 'orderId、logiCoprId、logiNo不能为空', 'orderId, logiCoprId and logiNo are required', '10400100');
  const o = orders.get(orderId);
  if (!o) return shipAnswer(false, '订单不存在', 'order does not exist', '10400101');
  if (!JD_CARRIERS[logiCoprId]) return shipAnswer(false, `物流公司ID不存在: ${logiCoprId}`, 'logistics company does not exist', '10400102');
  if (o.state === 'TRADE_CANCELED') return shipAnswer(false, '订单已取消，不能出库', 'order is cancelled', '10400103');
  if (o.state === 'LOCKED' || o.state === 'PAUSE' || o.state === 'POP_ORDER_PAUSE') return shipAnswer(false, '订单已锁定或暂停，不能出库', 'order is locked or paused', '10400105');
  if (o.state !== 'WAIT_SELLER_STOCK_OUT' && o.state !== 'WAIT_SELLER_DELIVERY') return shipAnswer(false, '订单已出库，不能重复出库', 'order already shipped', '10400104');
  o.state = 'WAIT_GOODS_RECEIVE_CONFIRM';
  o.waybill = logiNo;
  o.logisticsId = logiCoprId;
  o.modifiedAt = now;
  shipments.push({ orderId, logiCoprId, logiNo, at: now });
  return shipAnswer(true);
}

/** jingdong.pop.order.get (order_id, optional_fields): one order's orderInfo. */
export function getOrder(orders: Map<string, JdSimOrder>, business: Record<string, unknown>): SimResponse {
  const o = orders.get(text(business.order_id));
  const fieldsText = text(business.optional_fields);
  const fields = fieldsText ? new Set(fieldsText.split(',').map((s) => s.trim())) : null;
  const detail = o ? { apiResult: API_OK, orderInfo: renderOrder(o, fields) } : { apiResult: { success: false, chineseErrCode: '订单不存在', englishErrCode: 'order does not exist', numberCode: '10100101' } };
  return { status: 200, body: { jingdong_pop_order_get_responce: { code: '0', orderDetailInfo: detail } } };
}
