import type { NormalizedOrder } from '../../../orders/model.js';
import type { AdapterContext, AdapterPage, MappingError, TimeWindow } from '../../adapter.js';
import { formatCnTime } from '../../edge.js';
import { PlatformError } from '../../platform-error.js';
import { readApiResult, type JdClient } from './client.js';
import { isMappingError, mapOrTell } from './mapping.js';
import { JD_SEARCH_STATES } from './status.js';

/** [U] JD's page_size cap for pop.order.search is not in the reference; 100 is what the simulator enforces. */
export const JD_PAGE_SIZE = 100;

/** The fields the search returns (optional_fields); JD returns little by default. */
export const JD_ORDER_FIELDS = [
  'orderId', 'venderId', 'orderType', 'orderTotalPrice', 'orderSellerPrice', 'orderPayment', 'freightPrice', 'sellerDiscount',
  'orderState', 'orderStateRemark', 'orderRemark', 'venderRemark', 'orderStartTime', 'paymentConfirmTime', 'modified',
  'pin', 'waybill', 'logisticsId', 'consigneeInfo', 'itemInfoList',
].join(',');

interface SearchPage {
  total: number;
  rows: unknown[];
}

async function searchPage(client: JdClient, start: string, end: string, page: number): Promise<SearchPage> {
  // Business values as strings, the way JOS SDKs send them (§9's vector: "page":"1").
  const inner = await client.call('jingdong.pop.order.search', {
    start_date: start,
    end_date: end,
    order_state: JD_SEARCH_STATES,
    optional_fields: JD_ORDER_FIELDS,
    page: String(page),
    page_size: String(JD_PAGE_SIZE),
    // [U] dateType 0 = filter on the modification time (JD's default); the reference marks its meaning unconfirmed.
    dateType: '0',
  });
  const result = inner.searchorderinfo_result;
  const api = readApiResult((result as { apiResult?: unknown } | undefined)?.apiResult);
  if (!result || typeof result !== 'object' || !api) throw new PlatformError('server', 'JD answered the order search without searchorderinfo_result');
  if (!api.success) {
    throw new PlatformError('bad_request', `JD rejected the order search for ${start} – ${end}: ${api.chineseErrCode || api.englishErrCode || 'no reason given'}`, { platformCode: api.numberCode || undefined });
  }
  const r = result as { orderTotal?: unknown; orderInfoList?: unknown };
  const total = Number(r.orderTotal ?? 0);
  if (!Number.isSafeInteger(total) || total < 0) throw new PlatformError('server', `JD answered the order search with orderTotal ${JSON.stringify(r.orderTotal)}`);
  return { total, rows: Array.isArray(r.orderInfoList) ? r.orderInfoList : [] };
}

/**
 * One window of jingdong.pop.order.search, paged the way that loses nothing while orders change (§0.1 point 3).
 * The window ends in the past, so an order modified while we page leaves the window (it comes back in the next poll)
 * and the orders behind it slide one place towards page 1. Reading page 1 first (for orderTotal), then the last page
 * back to page 1 again, means every slide carries an order onto a page still to be read: nothing is skipped; the
 * few orders read twice are dropped here by id.
 */
export async function* listJdWindow(client: JdClient, window: TimeWindow, ctx: AdapterContext): AsyncIterable<AdapterPage> {
  // JD compares at whole seconds and includes both ends; a window's start is floored, and so is its end, whose last
  // second is read again (harmlessly) by the next window.
  const start = formatCnTime(window.from);
  const end = formatCnTime(window.to);
  if (start >= end) return;
  const seen = new Set<string>();
  const toPage = (rows: unknown[]): AdapterPage => {
    const orders: NormalizedOrder[] = [];
    const errors: MappingError[] = [];
    for (const row of rows) {
      const m = mapOrTell(row, ctx.shop.shopId);
      const key = m.platformOrderId;
      if (key !== null && seen.has(key)) continue;
      if (key !== null) seen.add(key);
      if (isMappingError(m)) errors.push(m);
      else orders.push(m);
    }
    return { orders, errors };
  };

  const first = await searchPage(client, start, end, 1);
  yield toPage(first.rows);
  const pages = Math.ceil(first.total / JD_PAGE_SIZE);
  if (pages <= 1) return;
  for (let page = pages; page >= 1; page--) {
    if (ctx.signal.aborted) return;
    const p = await searchPage(client, start, end, page);
    yield toPage(p.rows);
  }
}
