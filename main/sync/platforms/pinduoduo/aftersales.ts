import type { AdapterContext, AfterSaleKind, AfterSalePage, AfterSaleState, MappingError, NormalizedAfterSale, TimeWindow } from '../../adapter.js';
import type { PddClient } from './client.js';
import { pageBackwards, SeenVersions, windowSeconds, type IncrementApi } from './list.js';
import { describeIssue, FieldError, fenOf, PddRefund, pddTime } from './payload.js';

export const REFUND_API: IncrementApi = { type: 'pdd.refund.list.increment.get', responseKey: 'refund_increment_get_response', listKey: 'refund_list' };
export const RAW_REFUND_FORMAT = 'pinduoduo.refund';

/**
 * after_sales_status and after_sales_type are both required. after_sales_type=1 is "all" [V §6.4]. For the status
 * PDD's enum has no documented "all" in what we found; 1 is unused by the case statuses (0, 2–33) and is what
 * "all" is in the sibling filter, so 1 is sent as "all" [U — verify in a sandbox].
 */
export const AFTER_SALES_STATUS_ALL = 1;
export const AFTER_SALES_TYPE_ALL = 1;

/** after_sales_type → kind (§6.4: 2 refund only, 3 return+refund, 4 exchange, 5 补寄 re-ship, 6 repair). */
const KIND: Readonly<Record<number, AfterSaleKind>> = { 2: 'refund_only', 3: 'return_refund', 4: 'exchange', 5: 'reship', 6: 'repair' };

/**
 * after_sales_status → where the case stands (§6.4). requested = waiting for the seller's decision; in_progress =
 * agreed or being handled, goods or money on the way; succeeded; rejected (refused or closed by seller/platform);
 * cancelled (the buyer withdrew, or let it lapse).
 */
const STATE: Readonly<Record<number, AfterSaleState>> = {
  2: 'requested', // 买家申请退款，待商家处理
  3: 'requested', // 退货退款，待商家处理
  4: 'in_progress', // 商家同意退款，退款中
  5: 'in_progress', // 平台同意退款，退款中
  6: 'rejected', // 驳回退款，待买家处理
  7: 'in_progress', // 已同意退货退款，待用户发货
  8: 'in_progress', // 平台处理中
  9: 'rejected', // 平台拒绝退款，退款关闭
  10: 'succeeded', // 退款成功
  11: 'cancelled', // 买家撤销
  12: 'cancelled', // 买家逾期未处理，退款失败
  13: 'cancelled', // 买家逾期，超过有效期
  14: 'requested', // 换货补寄待商家处理
  15: 'in_progress', // 换货补寄待用户处理
  16: 'succeeded', // 换货补寄成功
  17: 'rejected', // 换货补寄失败
  18: 'in_progress', // 换货补寄待用户确认完成
  21: 'requested', // 待商家同意维修
  22: 'in_progress', // 待用户确认发货
  24: 'rejected', // 维修关闭
  25: 'succeeded', // 维修成功
  27: 'in_progress', // 待用户确认收货
  31: 'in_progress', // 已同意拒收退款，待用户拒收
  32: 'in_progress', // 补寄待商家发货 (agreed; the seller owes the parcel)
  33: 'in_progress', // 待商家召回
};

function identity(raw: unknown): { id: string | null; sn: string | null; updated: string | null } {
  const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const s = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : null);
  return { id: s(o.id), sn: s(o.order_sn), updated: s(o.updated_time) };
}

function toAfterSale(r: PddRefund, raw: unknown, shopId: number): NormalizedAfterSale {
  const kind = KIND[r.after_sales_type];
  if (!kind) throw new FieldError('after_sales_type', `unknown value ${r.after_sales_type} (expected 2 to 6)`);
  const state = STATE[r.after_sales_status];
  if (!state) throw new FieldError('after_sales_status', `unknown value ${r.after_sales_status}`);
  return {
    shopId,
    platform: 'pinduoduo',
    platformAfterSaleId: r.id,
    platformOrderId: r.order_sn,
    platformLineId: r.sku_id ?? null,
    platformSku: r.sku_id ?? null,
    kind,
    state,
    platformStatus: String(r.after_sales_status),
    refundMinor: fenOf(r.refund_amount, 'refund_amount'),
    currency: 'CNY',
    qty: r.goods_number ?? null,
    reason: r.after_sale_reason?.trim() || null,
    returnCarrier: r.shipping_name?.trim() || null,
    returnTrackingNo: r.tracking_number?.trim() || null,
    requestedAt: pddTime(r.created_time, 'created_time'),
    platformUpdatedAt: pddTime(r.updated_time, 'updated_time'),
    raw: { format: RAW_REFUND_FORMAT, payload: JSON.stringify(raw) },
  };
}

/** One case; a field we cannot read becomes a MappingError naming the case, its order and the field. */
export function mapPddRefund(raw: unknown, shopId: number): { ok: true; afterSale: NormalizedAfterSale } | { ok: false; error: MappingError } {
  const who = identity(raw);
  const label = `after-sales case ${who.id ?? '(no id)'}${who.sn ? ` of order ${who.sn}` : ''}`;
  const fail = (field: string, problem: string) => ({ ok: false as const, error: { platformOrderId: who.sn, message: `${label}: field ${field}: ${problem}`, raw: JSON.stringify(raw) } });
  const parsed = PddRefund.safeParse(raw);
  if (!parsed.success) {
    const { field, problem } = describeIssue(parsed.error);
    return fail(field, problem);
  }
  try {
    return { ok: true, afterSale: toAfterSale(parsed.data, raw, shopId) };
  } catch (e) {
    if (e instanceof FieldError) return fail(e.field, e.problem);
    throw e;
  }
}

/** pdd.refund.list.increment.get over one window (≤ 30 min), paged backwards like the orders. */
export async function* listPddAfterSales(client: PddClient, window: TimeWindow, ctx: AdapterContext): AsyncIterable<AfterSalePage> {
  if (window.to <= window.from) return;
  const { start, end } = windowSeconds(REFUND_API.type, window, ctx);
  const params = { start_updated_at: start, end_updated_at: end, after_sales_status: AFTER_SALES_STATUS_ALL, after_sales_type: AFTER_SALES_TYPE_ALL };
  const seen = new SeenVersions();
  for await (const items of pageBackwards(client, REFUND_API, params, ctx)) {
    const page: AfterSalePage = { afterSales: [], errors: [] };
    for (const raw of items) {
      const who = identity(raw);
      if (!seen.fresh(who.id, who.updated)) continue;
      const m = mapPddRefund(raw, ctx.shop.shopId);
      if (m.ok) page.afterSales.push(m.afterSale);
      else page.errors.push(m.error);
    }
    if (page.afterSales.length || page.errors.length) yield page;
  }
}
