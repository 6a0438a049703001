import { z } from 'zod';
import type { ShipmentWriteBack, WriteBackResult } from '../../adapter.js';
import { requireCarrierCode } from '../../carrier-codes.js';
import { PlatformError } from '../../platform-error.js';
import type { TopClient } from './client.js';
import { TopError } from './errors.js';
import { FULLINFO_API } from './list.js';
import { TopId, topList } from './payload.js';
import { REFUND_OPEN } from './status.js';

export const SHIP_API = 'taobao.logistics.offline.send';

/**
 * "订单状态不对该物流订单已经发货或者已关闭，不能重复发货" — TOP's answer when the trade is already shipped OR closed
 * [S: sub_code quoted by several ERP integrations; §4.6 leaves it U]. Because it covers both, the trade is read
 * again to tell "already shipped with this number" (success) from everything else.
 */
const NOT_SHIPPABLE = 'isv.logistics-offline-service-error:B04';

const SHIPPED = new Set(['WAIT_BUYER_CONFIRM_GOODS', 'SELLER_CONSIGNED_PART', 'TRADE_BUYER_SIGNED', 'TRADE_FINISHED']);
const WHY_NOT: Readonly<Record<string, string>> = {
  WAIT_BUYER_PAY: 'the buyer has not paid',
  TRADE_NO_CREATE_PAY: 'the buyer has not paid',
  TRADE_CLOSED: 'it was closed after a full refund',
  TRADE_CLOSED_BY_TAOBAO: 'it was closed before payment',
  PAID_FORBID_CONSIGN: 'Taobao forbids shipping it for now (group buy or shipping control)',
};

const ShipState = z.looseObject({
  status: z.string(),
  orders: topList('order', z.looseObject({ oid: TopId, status: z.string().optional(), refund_status: z.string().optional(), invoice_no: z.string().optional(), logistics_company: z.string().optional() })),
});

/** After TOP refused the ship call as "already shipped or closed": which of the two, and with what. */
async function alreadyOrWhy(tid: string, outSid: string, client: TopClient, refusal: TopError): Promise<WriteBackResult> {
  const body = await client.call(FULLINFO_API, { fields: 'tid,status,consign_time,orders', tid });
  const parsed = ShipState.safeParse(body.trade);
  if (!parsed.success) throw new PlatformError('server', `Taobao ${FULLINFO_API} for trade ${tid}: no readable status and sub-orders`);
  const t = parsed.data;
  const numbers = [...new Set(t.orders.map((o) => o.invoice_no?.trim() ?? '').filter(Boolean))];
  if (numbers.includes(outSid)) return 'already';
  const code = refusal.details.platformCode;
  if (SHIPPED.has(t.status) || numbers.length > 0) {
    // Deliberately no taobao.logistics.consign.resend: rewriting a waybill the buyer already follows would hide a
    // parcel sent twice or a mix-up at the bench. A person decides, with both numbers in front of them.
    const companies = [...new Set(t.orders.map((o) => o.logistics_company).filter(Boolean))].join(', ');
    const had = numbers.length ? `tracking ${numbers.join(', ')}${companies ? ` (${companies})` : ''}` : 'another waybill';
    throw new PlatformError(
      'already_done',
      `Taobao trade ${tid} is already shipped with ${had}, not ${outSid}: if the parcel left with ${outSid}, correct the waybill in the Taobao seller center (修改物流信息); otherwise record Taobao's number in ShopDesk`,
      { ...(code ? { platformCode: code } : {}) },
    );
  }
  const refunding = t.orders.find((o) => REFUND_OPEN.has(o.refund_status ?? ''));
  const why = refunding
    ? `sub-order ${refunding.oid} has a refund in progress (${refunding.refund_status}); settle the refund before shipping`
    : (WHY_NOT[t.status] ?? `its status is ${t.status}`);
  throw new PlatformError('bad_request', `Taobao will not ship trade ${tid}: ${why} (${refusal.top.sub_msg ?? refusal.message})`, { ...(code ? { platformCode: code } : {}) });
}

/**
 * taobao.logistics.offline.send ("自己联系物流", §4.6): the whole trade ships with one waybill. Partial shipments
 * (is_split + sub_tid) are out of scope: ShopDesk packs a Taobao order as one parcel, and sending is_split for every
 * line would change how TOP books single-parcel trades [U]. Idempotent: a second call for the same number — or a
 * retry after an answer lost on the way back — gets B04, and the trade's sub-orders carry that number: 'already'.
 */
export async function confirmTaobaoShipment(req: ShipmentWriteBack, client: TopClient): Promise<WriteBackResult> {
  const tid = req.platformOrderId.trim();
  if (!/^\d+$/.test(tid)) throw new PlatformError('bad_request', `Taobao trade id "${tid}" is not a number`);
  const outSid = req.trackingNo.trim();
  if (!outSid) throw new PlatformError('bad_request', `Taobao trade ${tid}: the tracking number is empty`);
  const companyCode = requireCarrierCode('taobao', req.carrier, req.platformCarrierCode);
  try {
    const body = await client.call(SHIP_API, { tid, out_sid: outSid, company_code: companyCode });
    if ((body.shipping as { is_success?: unknown } | undefined)?.is_success !== true) {
      throw new PlatformError('server', `Taobao ${SHIP_API} for trade ${tid} did not report success`);
    }
    return 'done';
  } catch (e) {
    if (!(e instanceof TopError) || e.top.sub_code !== NOT_SHIPPABLE) throw e;
    return alreadyOrWhy(tid, outSid, client, e);
  }
}
