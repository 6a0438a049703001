import type { NormalizedOrder } from '../../../orders/model.js';
import type { AdapterContext, AdapterPage, MappingError, TimeWindow } from '../../adapter.js';
import { PlatformError } from '../../platform-error.js';
import type { KsClient } from './client.js';
import { isMappingError, mapOrTell } from './mapping.js';

/**
 * [U] Page size: one SDK documents at most 50 per page for open.order.cursor.list, another 100 (§10.2 lists the cap as
 * unconfirmed); 50 is valid under both.
 */
export const KS_PAGE_SIZE = 50;
/** Kuaishou's "no more pages" cursor [S]. */
export const NO_MORE = 'nomore';

/** Reads `data.cursor`-style answers: the list under `listKey` and the next cursor under `cursorKey`. */
export function readCursorPage(data: unknown, listKey: string[], cursorKey: string, what: string): { rows: unknown[]; cursor: string } {
  if (!data || typeof data !== 'object') throw new PlatformError('server', `Kuaishou answered ${what} without data`);
  const d = data as Record<string, unknown>;
  const list = listKey.map((k) => d[k]).find((v) => Array.isArray(v));
  const cursor = d[cursorKey];
  if (typeof cursor !== 'string') throw new PlatformError('server', `Kuaishou answered ${what} without a ${cursorKey}`);
  return { rows: (list as unknown[] | undefined) ?? [], cursor };
}

/**
 * One window of open.order.cursor.list by update time (queryType 2), all statuses (orderViewStatus 1), following the
 * cursor from "" to "nomore". The cursor is Kuaishou's own position in the result, so paging forward is what the
 * platform advises; an order updated while we page leaves this window (its new update time is after the window,
 * which ends in the past) and comes back in the next poll. Orders read twice are dropped by id.
 */
export async function* listKsWindow(client: KsClient, window: TimeWindow, ctx: AdapterContext): AsyncIterable<AdapterPage> {
  // beginTime/endTime are milliseconds and both included [U]: ending at to − 1 makes the window exactly [from, to).
  const beginTime = window.from;
  const endTime = window.to - 1;
  if (endTime < beginTime) return;
  const seen = new Set<string>();
  let cursor = '';
  for (;;) {
    const data = await client.call(
      'open.order.cursor.list',
      // [U] sort 1 = newest first (one SDK's reading; another says the opposite); the cursor makes the order immaterial.
      { beginTime, endTime, cpsType: 0, cursor, orderViewStatus: 1, pageSize: KS_PAGE_SIZE, queryType: 2, sort: 1 },
      'GET',
    );
    const page = readCursorPage(data, ['orderList'], 'cursor', 'the order list');
    const orders: NormalizedOrder[] = [];
    const errors: MappingError[] = [];
    for (const row of page.rows) {
      const m = mapOrTell(row, ctx.shop.shopId);
      if (m.platformOrderId !== null && seen.has(m.platformOrderId)) continue;
      if (m.platformOrderId !== null) seen.add(m.platformOrderId);
      if (isMappingError(m)) errors.push(m);
      else orders.push(m);
    }
    yield { orders, errors };
    if (page.cursor === NO_MORE || ctx.signal.aborted) return;
    if (page.cursor === cursor) throw new PlatformError('server', `Kuaishou returned the same order-list cursor twice ("${cursor}"); stopping rather than looping`);
    cursor = page.cursor;
  }
}
