import type { AdapterContext, AdapterPage, MappingError, TimeWindow } from '../../adapter.js';
import type { NormalizedOrder } from '../../../orders/model.js';
import { PlatformError } from '../../platform-error.js';
import { chunkWindows } from '../../sync-state.js';
import type { DouyinClient } from './client.js';
import { mapShopOrder } from './mapping.js';
import { readRange, secondsRange, unseen, type PagingLimits } from './paging.js';
import { SearchListData } from './payload.js';

/**
 * order.searchList by update time (§5.5): update_time_start/end in unix seconds, order_by update_time ascending,
 * page from 0, 100 a page, read backwards (paging.ts says why). Windows longer than the adapter's limit are chunked
 * here too, so a caller passing a long range cannot trip the platform's window cap.
 *
 * No page watermark is reported. Ascending order would promise "everything before this order's update_time is read"
 * only for forward paging — which loses orders when one changes mid-scan — while backward paging reads the newest
 * page first, so nothing can be promised before the window is done; the engine advances the cursor then.
 */
/**
 * order.searchList reaches back 90 days and refuses older ranges (isv.parameter-invalid:20022 [S]); an hour's
 * margin keeps a slow request inside. A shop not synced for longer would otherwise fail on its oldest window forever.
 */
export const SEARCH_HORIZON_MS = 90 * 86_400_000 - 3_600_000;

/** order_id@update_time, or null for a payload too broken to say. */
function orderKey(raw: unknown): string | null {
  const o = raw as { order_id?: unknown; update_time?: unknown } | null;
  return typeof o?.order_id === 'string' ? `${o.order_id}@${String(o.update_time)}` : null;
}

export async function* listOrders(client: DouyinClient, window: TimeWindow, ctx: AdapterContext, maxWindowMs: number, limits: PagingLimits): AsyncGenerator<AdapterPage> {
  const fetch = async (range: { start: number; end: number }, page: number, size: number) => {
    const env = await client.call(ctx, 'order.searchList', {
      update_time_start: range.start,
      update_time_end: range.end,
      order_by: 'update_time',
      order_asc: true,
      page,
      size,
    });
    const data = SearchListData.safeParse(env.data);
    if (!data.success) throw new PlatformError('server', `抖店 order.searchList answered without data.total / data.shop_order_list (log_id ${env.log_id ?? 'none'})`);
    return { items: data.data.shop_order_list ?? [], total: data.data.total };
  };
  const seen = new Set<string>();
  const horizon = ctx.now() - SEARCH_HORIZON_MS;
  if (window.from < horizon) {
    ctx.note(`抖店 lists only the last 90 days: changes before ${new Date(horizon).toISOString()} cannot be fetched any more`);
    if (window.to <= horizon) return;
  }
  for (const w of chunkWindows(Math.max(window.from, horizon), window.to, maxWindowMs)) {
    const range = secondsRange(w);
    if (range.end <= range.start) continue;
    for await (const items of readRange(range, fetch, limits, ctx, 'order.searchList')) {
      const orders: NormalizedOrder[] = [];
      const errors: MappingError[] = [];
      for (const raw of unseen(seen, items, orderKey)) {
        const r = mapShopOrder(raw, ctx.shop.shopId);
        if (r.ok) orders.push(r.order);
        else errors.push(r.error);
      }
      yield { orders, errors };
    }
  }
}
