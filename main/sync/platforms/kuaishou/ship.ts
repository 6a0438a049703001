import type { ShipmentWriteBack, WriteBackResult } from '../../adapter.js';
import { requireCarrierCode } from '../../carrier-codes.js';
import { PlatformError } from '../../platform-error.js';
import type { KsClient } from './client.js';

interface Shipped {
  status: number;
  waybills: string[];
}

/** The order's status and waybill numbers, from open.order.detail. */
async function shippedState(client: KsClient, oid: number): Promise<Shipped | null> {
  const data = (await client.call('open.order.detail', { oid }, 'GET')) as { orderBaseInfo?: { status?: unknown }; orderLogisticsInfo?: { expressNo?: unknown }[] } | null;
  if (!data || typeof data !== 'object' || !data.orderBaseInfo) return null;
  const waybills = (Array.isArray(data.orderLogisticsInfo) ? data.orderLogisticsInfo : []).map((l) => (typeof l.expressNo === 'string' ? l.expressNo.trim() : '')).filter(Boolean);
  return { status: Number(data.orderBaseInfo.status), waybills };
}

/**
 * open.seller.order.goods.deliver {orderId, expressNo, expressCode} for the whole order (§7.2 [S]). Since 2024-11-25
 * Kuaishou answers success to the same waybill again, so a repeat is simply 'done'. When Kuaishou refuses, the order
 * is read back: already shipped with this waybill (a platform still on the old behaviour, or our own earlier attempt)
 * is 'already'; shipped with another waybill is an error. open.seller.order.logistics.update could replace the
 * waybill, but ShopDesk does not use it on its own: the buyer was already given the first number, and a second
 * number for the same order is as likely a packing mistake as a correction — the seller decides.
 */
export async function confirmKsShipment(client: KsClient, req: ShipmentWriteBack): Promise<WriteBackResult> {
  const id = req.platformOrderId.trim();
  const oid = Number(id);
  if (!/^\d+$/.test(id) || !Number.isSafeInteger(oid)) throw new PlatformError('bad_request', `"${req.platformOrderId}" is not a Kuaishou order id`);
  const expressNo = req.trackingNo.trim();
  if (!expressNo) throw new PlatformError('bad_request', `Kuaishou order ${id}: the tracking number is empty`);
  const code = requireCarrierCode('kuaishou', req.carrier, req.platformCarrierCode);
  if (!/^\d+$/.test(code)) throw new PlatformError('bad_request', `Kuaishou order ${id}: Kuaishou's expressCode for ${req.carrier} must be a number, not "${code}" (Settings → Carriers)`);
  try {
    await client.call('open.seller.order.goods.deliver', { orderId: oid, expressNo, expressCode: Number(code) }, 'POST');
    return 'done';
  } catch (e) {
    if (!(e instanceof PlatformError) || e.kind !== 'bad_request') throw e;
    const now = await shippedState(client, oid);
    if (now?.waybills.includes(expressNo)) return 'already';
    if (now && now.waybills.length > 0) {
      throw new PlatformError('bad_request', `Kuaishou order ${id} is already shipped with waybill ${now.waybills.join(', ')}, not ${expressNo}; ShopDesk does not replace a waybill on Kuaishou: change it in the Kuaishou seller back office`, e.details);
    }
    throw new PlatformError('bad_request', `Kuaishou refused to ship order ${id}${now ? ` (status ${now.status})` : ''}: ${e.message.replace(/^Kuaishou rejected [^:]+: /, '')}`, e.details);
  }
}
