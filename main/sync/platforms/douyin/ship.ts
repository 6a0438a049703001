import { z } from 'zod';
import type { AdapterContext, ShipmentWriteBack, WriteBackResult } from '../../adapter.js';
import { requireCarrierCode } from '../../carrier-codes.js';
import { PlatformError } from '../../platform-error.js';
import type { DouyinClient } from './client.js';
import { businessCode } from './errors.js';
import { LogisticsInfo } from './payload.js';

/**
 * order.logisticsAdd's business codes (isv.business-failed:NNNNN / isv.parameter-invalid:NNNNN), as the API page
 * lists them for the logisticsAdd family [S]: 60110 订单已发货，不允许再次执行发货; 60040 发货订单中有退款申请需要处理;
 * 60018 暂不支持该物流公司或物流商已失效; 60033 未查询到此订单; 60021 订单已取消; 60068 已售前退款成功; 60113 已完结;
 * 60137 未支付.
 */
export const LOGISTICS = { alreadyShipped: '60110', refundPending: '60040', unknownCompany: '60018', notFound: '60033' } as const;

const Detail = z.looseObject({ shop_order_detail: z.looseObject({ order_id: z.string().optional(), logistics_info: z.array(LogisticsInfo).nullish() }) });

const sameTracking = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();

/** The tracking numbers 抖店 holds for the order (order.orderDetail → shop_order_detail.logistics_info). */
async function trackingOnPlatform(client: DouyinClient, ctx: AdapterContext, orderId: string): Promise<{ trackingNo: string; company: string }[]> {
  const env = await client.call(ctx, 'order.orderDetail', { shop_order_id: orderId });
  const d = Detail.safeParse(env.data);
  if (!d.success) throw new PlatformError('server', `抖店 order.orderDetail for order ${orderId} answered without shop_order_detail`);
  return (d.data.shop_order_detail.logistics_info ?? [])
    .filter((l) => typeof l.tracking_no === 'string' && l.tracking_no !== '')
    .map((l) => ({ trackingNo: l.tracking_no!, company: l.company_name || l.company || '?' }));
}

/**
 * Writes a tracking number back with order.logisticsAdd {order_id, company_code, logistics_code} (§5.7). 抖店 ships
 * whole orders through this call ("暂时只支持整单出库"), so `lines` are not sent; a split parcel would need
 * order.logisticsAddMultiPack.
 *
 * Idempotent: "already shipped" (60110) is checked against order.orderDetail — the same tracking number means an
 * earlier attempt got through (its answer was lost, or the seller typed it in 抖店) and is 'already'. A different
 * number is an error, deliberately: 抖店 has order.logisticsEdit to change it, but a second number for a shipped order
 * usually means a second parcel or a mis-scan, and the buyer sees whatever we write — the seller decides in 抖店.
 *
 * is_refund_reject is never set: with it, 抖店 rejects the buyer's pending refund request and ships anyway. Refusing
 * a refund is a money decision with a buyer on the other end, not a side effect of a tracking write-back, so a
 * pending refund makes the write-back fail with a message saying where to handle it.
 */
export async function confirmDouyinShipment(client: DouyinClient, req: ShipmentWriteBack, ctx: AdapterContext): Promise<WriteBackResult> {
  const orderId = req.platformOrderId;
  const trackingNo = req.trackingNo.trim();
  if (!trackingNo) throw new PlatformError('bad_request', `抖店 order ${orderId}: tracking number is empty`);
  const companyCode = requireCarrierCode('douyin', req.carrier, req.platformCarrierCode);
  try {
    await client.call(ctx, 'order.logisticsAdd', { order_id: orderId, company_code: companyCode, logistics_code: trackingNo });
    return 'done';
  } catch (e) {
    if (!(e instanceof PlatformError)) throw e;
    const code = businessCode({ sub_code: e.details.platformCode });
    const details = { platformCode: e.details.platformCode };
    if (code === LOGISTICS.alreadyShipped) {
      const held = await trackingOnPlatform(client, ctx, orderId);
      if (held.some((h) => sameTracking(h.trackingNo, trackingNo))) return 'already';
      const shown = held.length ? held.map((h) => `${h.trackingNo} (${h.company})`).join(', ') : 'no tracking number ShopDesk can see';
      throw new PlatformError(
        'bad_request',
        `抖店 order ${orderId} is already shipped with ${shown}, not ${trackingNo}: ShopDesk does not replace a shipped order’s tracking number; correct it in the 抖店 back office if ${trackingNo} is the right one`,
        details,
      );
    }
    if (code === LOGISTICS.refundPending) {
      throw new PlatformError('bad_request', `抖店 order ${orderId} has a refund request waiting for the seller: agree or refuse it in 抖店 (or on the after-sales board) before shipping`, details);
    }
    if (code === LOGISTICS.unknownCompany) {
      throw new PlatformError('bad_request', `抖店 does not accept company code "${companyCode}" for carrier ${req.carrier} (order ${orderId}): set the right code under Settings → Carriers (order.logisticsCompanyList lists 抖店’s codes)`, details);
    }
    if (code === LOGISTICS.notFound) throw new PlatformError('not_found', `抖店 has no order ${orderId} in this shop`, details);
    // Cancelled, refunded before shipping, unpaid, finished…: 抖店's own words, with the order named.
    throw new PlatformError(e.kind, `order ${orderId}: ${e.message}`, e.details);
  }
}
