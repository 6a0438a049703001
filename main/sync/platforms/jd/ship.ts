import type { ShipmentWriteBack, WriteBackResult } from '../../adapter.js';
import { requireCarrierCode } from '../../carrier-codes.js';
import { PlatformError } from '../../platform-error.js';
import { readApiResult, type JdClient } from './client.js';

interface JdShipState {
  orderState: string;
  waybills: string[];
  logisticsId: string;
}

/** The order's state and waybill(s) from jingdong.pop.order.get; JD lists several parcels comma-separated [U]. */
async function shipState(client: JdClient, orderId: string): Promise<JdShipState | null> {
  const inner = await client.call('jingdong.pop.order.get', { order_id: orderId, optional_fields: 'orderId,orderState,waybill,logisticsId' });
  const detail = (inner.orderDetailInfo ?? null) as { orderInfo?: Record<string, unknown> } | null;
  const info = detail?.orderInfo;
  if (!info || typeof info !== 'object') return null;
  const waybill = typeof info.waybill === 'string' ? info.waybill : '';
  return {
    orderState: String(info.orderState ?? ''),
    waybills: waybill.split(/[,，;\s]+/).filter(Boolean),
    logisticsId: String(info.logisticsId ?? ''),
  };
}

/**
 * jingdong.pop.order.shipment (orderId, logiCoprId, logiNo). JD refuses a second shipment of the same order; then the
 * order is read back: shipped with this very waybill is 'already' (an earlier attempt whose answer was lost). Shipped
 * with another waybill is an error: the reference knows no JD call that replaces a waybill, and replacing one behind
 * the seller's back (the buyer has already been told the first number) is not ShopDesk's call to make.
 */
export async function confirmJdShipment(client: JdClient, req: ShipmentWriteBack): Promise<WriteBackResult> {
  const orderId = req.platformOrderId.trim();
  if (!/^\d+$/.test(orderId)) throw new PlatformError('bad_request', `"${req.platformOrderId}" is not a JD order id (digits)`);
  const logiNo = req.trackingNo.trim();
  if (!logiNo) throw new PlatformError('bad_request', `JD order ${orderId}: the tracking number is empty`);
  const logiCoprId = requireCarrierCode('jd', req.carrier, req.platformCarrierCode);
  if (!/^\d+$/.test(logiCoprId)) {
    throw new PlatformError('bad_request', `JD order ${orderId}: JD's company code for ${req.carrier} must be JD's numeric logiCoprId, not "${logiCoprId}" (Settings → Carriers)`);
  }
  const inner = await client.call('jingdong.pop.order.shipment', { orderId, logiCoprId, logiNo });
  const result = readApiResult(inner.sopjosshipment_result);
  if (!result) throw new PlatformError('server', `JD answered the shipment of order ${orderId} without sopjosshipment_result`);
  if (result.success) return 'done';
  const refusal = `${result.chineseErrCode || result.englishErrCode || 'no reason given'}${result.numberCode ? ` [${result.numberCode}]` : ''}`;
  const now = await shipState(client, orderId);
  if (now && now.waybills.includes(logiNo)) return 'already';
  if (now && now.waybills.length > 0) {
    throw new PlatformError('bad_request', `JD order ${orderId} is already shipped with waybill ${now.waybills.join(', ')}, not ${logiNo}; ShopDesk does not replace a waybill on JD: correct it in the JD seller back office`, { platformCode: result.numberCode || undefined });
  }
  throw new PlatformError('bad_request', `JD refused to ship order ${orderId}${now ? ` (state ${now.orderState})` : ''}: ${refusal}`, { platformCode: result.numberCode || undefined });
}
