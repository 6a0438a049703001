import type { ShipmentWriteBack, WriteBackResult } from '../../adapter.js';
import { requireCarrierCode } from '../../carrier-codes.js';
import { PlatformError } from '../../platform-error.js';
import type { PddClient } from './client.js';
import { PddOrder, describeIssue } from './payload.js';

/** PDD order numbers look like 240501-123456789012345 (yyMMdd-digits). */
const ORDER_SN = /^\d{6}-\d{6,}$/;

interface ShippedView {
  orderStatus: number;
  trackingNumber: string | null;
  logisticsId: number | null;
}

/** pdd.order.information.get: the order as PDD has it now (the detail API, not the index the list reads). */
async function currentShipment(client: PddClient, sn: string): Promise<ShippedView> {
  const body = await client.call('pdd.order.information.get', { order_sn: sn }, 'order_info_get_response');
  const parsed = PddOrder.pick({ order_sn: true, order_status: true, tracking_number: true, logistics_id: true }).safeParse(body.order_info);
  if (!parsed.success) {
    const { field, problem } = describeIssue(parsed.error);
    throw new PlatformError('server', `Pinduoduo answered pdd.order.information.get for ${sn} with an unreadable ${field}: ${problem}`);
  }
  const o = parsed.data;
  return { orderStatus: o.order_status, trackingNumber: o.tracking_number?.trim() || null, logisticsId: o.logistics_id ?? null };
}

/**
 * pdd.logistics.online.send (order_sn, numeric logistics_id, tracking_number). When PDD refuses, the order is read
 * back: already shipped with this tracking number is 'already' (a retry after a lost answer, or the seller shipped
 * it in the backend with the same number); shipped with another number is an error naming both.
 *
 * We never send redelivery_type=2 ("modify shipment", which overwrites the tracking the buyer sees): a different
 * number for a shipped order is either a second parcel (PDD has a separate extra-logistics upload for that) or a
 * mistake, and silently replacing what the buyer tracks is the seller's decision, made in the PDD backend.
 */
export async function confirmPddShipment(client: PddClient, req: ShipmentWriteBack): Promise<WriteBackResult> {
  const sn = req.platformOrderId.trim();
  if (!ORDER_SN.test(sn)) throw new PlatformError('bad_request', `"${req.platformOrderId}" is not a Pinduoduo order number (like 240501-123456789012345)`);
  const tracking = req.trackingNo.trim();
  if (!tracking) throw new PlatformError('bad_request', `Pinduoduo order ${sn}: tracking number is empty`);
  const code = requireCarrierCode('pinduoduo', req.carrier, req.platformCarrierCode);
  if (!/^\d+$/.test(code)) {
    throw new PlatformError('bad_request', `Pinduoduo order ${sn}: company code "${code}" for carrier ${req.carrier} is not a numeric logistics_id; fix it under Settings → Carriers`);
  }
  try {
    const body = await client.call('pdd.logistics.online.send', { order_sn: sn, logistics_id: Number(code), tracking_number: tracking }, 'logistics_online_send_response');
    if (body.is_success === true || body.is_success === 'true' || body.is_success === 1) return 'done';
    throw new PlatformError('bad_request', `Pinduoduo did not accept the shipment of order ${sn} (is_success=${JSON.stringify(body.is_success)})`);
  } catch (e) {
    // Only a business refusal can mean "already shipped"; auth, throttling and outages stay what they are.
    if (!(e instanceof PlatformError) || e.kind !== 'bad_request') throw e;
    const now = await currentShipment(client, sn);
    if (now.orderStatus !== 2 && now.orderStatus !== 3) throw new PlatformError('bad_request', `order ${sn}: ${e.message}`, e.details);
    if (now.trackingNumber === tracking) return 'already';
    throw new PlatformError(
      'bad_request',
      `Pinduoduo order ${sn} is already shipped with tracking ${now.trackingNumber ?? '(none)'}, not ${tracking}; ShopDesk does not overwrite a shipped order's tracking — change it in the Pinduoduo seller backend if that is intended`,
      e.details,
    );
  }
}
