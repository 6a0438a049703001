import type { AdapterContext, AfterSalePage, MappingError, NormalizedAfterSale, TimeWindow } from '../../adapter.js';
import { PlatformError } from '../../platform-error.js';
import { chunkWindows } from '../../sync-state.js';
import type { DouyinClient } from './client.js';
import { FieldError, fenAt, intAt, timeAt } from './fields.js';
import { readRange, secondsRange, unseen, type PagingLimits } from './paging.js';
import { AfterSaleItem, AfterSaleListData, describeIssue } from './payload.js';
import { AFTERSALE_KIND, AFTERSALE_STATE } from './status.js';

export const AFTERSALE_RAW_FORMAT = 'douyin.afterSale.List';

const nonEmpty = (s: string | null | undefined): s is string => typeof s === 'string' && s.trim() !== '';

function toCase(item: AfterSaleItem, raw: unknown, shopId: number): NormalizedAfterSale {
  const a = item.aftersale_info;
  const type = intAt(a.aftersale_type, 'aftersale_info.aftersale_type');
  const status = intAt(a.aftersale_status, 'aftersale_info.aftersale_status');
  const state = AFTERSALE_STATE[status];
  if (!state) throw new FieldError('aftersale_info.aftersale_status', `unknown status ${status}`);
  // order_info.shop_order_id is the parent (shop) order ShopDesk stores; related_id may name the sku order instead.
  const orderId = item.order_info?.shop_order_id;
  if (!nonEmpty(orderId)) throw new FieldError('order_info.shop_order_id', 'missing: cannot tell which order the case belongs to');
  const related = item.order_info?.related_order_info ?? [];
  const lineId = related.length === 1 && nonEmpty(related[0]!.sku_order_id) ? related[0]!.sku_order_id : nonEmpty(a.related_id) && a.related_id !== orderId ? a.related_id : null;
  return {
    shopId,
    platform: 'douyin',
    platformAfterSaleId: a.aftersale_id,
    platformOrderId: orderId,
    platformLineId: lineId,
    kind: AFTERSALE_KIND[type] ?? 'other',
    state,
    platformStatus: String(status),
    refundMinor: fenAt(a.refund_amount, 'aftersale_info.refund_amount'),
    currency: 'CNY',
    qty: a.aftersale_num === null || a.aftersale_num === undefined ? null : intAt(a.aftersale_num, 'aftersale_info.aftersale_num'),
    reason: a.reason_second_labels?.find((l) => nonEmpty(l.name))?.name ?? (nonEmpty(a.remark) ? a.remark : null),
    returnCarrier: nonEmpty(a.return_logistics_company_name) ? a.return_logistics_company_name : null,
    returnTrackingNo: nonEmpty(a.return_logistics_code) ? a.return_logistics_code : null,
    requestedAt: timeAt(a.apply_time, 'aftersale_info.apply_time'),
    platformUpdatedAt: timeAt(a.update_time, 'aftersale_info.update_time'),
    raw: { format: AFTERSALE_RAW_FORMAT, payload: JSON.stringify(raw) },
  };
}

/** Maps one afterSale.List item; a field we cannot read becomes a MappingError naming the case, its order and the field. */
export function mapAfterSale(raw: unknown, shopId: number): { ok: true; afterSale: NormalizedAfterSale } | { ok: false; error: MappingError } {
  const r0 = raw as { aftersale_info?: { aftersale_id?: unknown }; order_info?: { shop_order_id?: unknown } } | null;
  const caseId = typeof r0?.aftersale_info?.aftersale_id === 'string' ? r0.aftersale_info.aftersale_id : null;
  const orderId = typeof r0?.order_info?.shop_order_id === 'string' && r0.order_info.shop_order_id ? r0.order_info.shop_order_id : null;
  const fail = (message: string) => ({
    ok: false as const,
    error: { platformOrderId: orderId, message: `after-sales case ${caseId ?? '(no id)'}${orderId ? ` of order ${orderId}` : ''}: ${message}`, raw: JSON.stringify(raw) },
  });
  const r = AfterSaleItem.safeParse(raw);
  if (!r.success) {
    const { field, problem } = describeIssue(r.error);
    return fail(`${field}: ${problem}`);
  }
  try {
    return { ok: true, afterSale: toCase(r.data, raw, shopId) };
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
    return fail(e.message);
  }
}

/**
 * afterSale.List by update time (§5.8): update_start_time/update_end_time with order_by ["update_time asc"] (the API
 * page warns that without it an update-time poll misses cases), page from 0, 100 a page, read backwards like the
 * orders (paging.ts) — cases change while we page just as orders do. has_more is a forward-paging signal; the total
 * tells us the last page instead.
 */
export async function* listAfterSales(client: DouyinClient, window: TimeWindow, ctx: AdapterContext, maxWindowMs: number, limits: PagingLimits): AsyncGenerator<AfterSalePage> {
  const fetch = async (range: { start: number; end: number }, page: number, size: number) => {
    const env = await client.call(ctx, 'afterSale.List', {
      update_start_time: range.start,
      update_end_time: range.end,
      order_by: ['update_time asc'],
      page,
      size,
    });
    const data = AfterSaleListData.safeParse(env.data);
    if (!data.success) throw new PlatformError('server', `抖店 afterSale.List answered without data.total / data.items (log_id ${env.log_id ?? 'none'})`);
    return { items: data.data.items ?? [], total: data.data.total };
  };
  const seen = new Set<string>();
  const key = (raw: unknown) => {
    const a = (raw as { aftersale_info?: { aftersale_id?: unknown; update_time?: unknown } } | null)?.aftersale_info;
    return typeof a?.aftersale_id === 'string' ? `${a.aftersale_id}@${String(a.update_time)}` : null;
  };
  for (const w of chunkWindows(window.from, window.to, maxWindowMs)) {
    const range = secondsRange(w);
    if (range.end <= range.start) continue;
    for await (const items of readRange(range, fetch, limits, ctx, 'afterSale.List')) {
      const afterSales: NormalizedAfterSale[] = [];
      const errors: MappingError[] = [];
      for (const raw of unseen(seen, items, key)) {
        const r = mapAfterSale(raw, ctx.shop.shopId);
        if (r.ok) afterSales.push(r.afterSale);
        else errors.push(r.error);
      }
      yield { afterSales, errors };
    }
  }
}
