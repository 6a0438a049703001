import type { AdapterContext, AdapterPage, TimeWindow } from '../../adapter.js';
import { PlatformError } from '../../platform-error.js';
import { describeIssue } from '../../payload-issues.js';
import type { TopClient } from './client.js';
import { mapTrade } from './mapping.js';
import { PAGE_SIZE, pagesBackwards, readListing, topWindow } from './paging.js';
import { TradeHead } from './payload.js';

export const INCREMENT_API = 'taobao.trades.sold.increment.get';
export const FULLINFO_API = 'taobao.trade.fullinfo.get';

/** The increment list only says which trades changed; details come from fullinfo (§4.3). */
const LIST_FIELDS = 'tid,status,modified';
/**
 * fullinfo fields: trade money and times, memo/message, the masked receiver (receiver_name, receiver_address,
 * created, receiver_mobile and receiver_phone must all be asked for, or TOP withholds the oaid — §4.4), and orders.
 */
export const FULLINFO_FIELDS = [
  'tid', 'status', 'type', 'created', 'modified', 'pay_time', 'consign_time', 'end_time',
  'payment', 'total_fee', 'post_fee', 'discount_fee', 'adjust_fee',
  'buyer_nick', 'buyer_open_uid', 'buyer_message', 'seller_memo', 'seller_flag', 'shipping_type',
  'receiver_name', 'receiver_country', 'receiver_state', 'receiver_city', 'receiver_district', 'receiver_town',
  'receiver_address', 'receiver_zip', 'receiver_mobile', 'receiver_phone', 'oaid', 'orders',
].join(',');

/**
 * Trades (by `modified`) whose fullinfo was fetched and stored, per shop: bounded in size and age. It exists for the
 * overlap each poll re-reads, so entries older than maxAgeMs are not trusted; and it lives in memory only, so it never
 * outlives the database it describes (a restore relaunches the app).
 */
export class FullinfoCache {
  private readonly shops = new Map<number, Map<string, { modified: string; at: number }>>();
  constructor(
    private readonly maxPerShop = 20_000,
    private readonly maxAgeMs = 30 * 60_000,
  ) {}

  has(shopId: number, tid: string, modified: string, now: number): boolean {
    const seen = this.shops.get(shopId)?.get(tid);
    // "yyyy-MM-dd HH:mm:ss" sorts as text.
    return seen !== undefined && seen.modified >= modified && now - seen.at <= this.maxAgeMs;
  }

  remember(shopId: number, entries: readonly (readonly [string, string])[], now: number): void {
    let m = this.shops.get(shopId);
    if (!m) this.shops.set(shopId, (m = new Map()));
    for (const [tid, modified] of entries) {
      m.delete(tid); // re-insert: Map order is the eviction order
      m.set(tid, { modified, at: now });
    }
    for (const oldest of m.keys()) {
      if (m.size <= this.maxPerShop) break;
      m.delete(oldest);
    }
  }
}

const modifiedOf = (item: unknown) => {
  const m = (item as { modified?: unknown } | null)?.modified;
  return typeof m === 'string' ? m : '';
};

/**
 * Trades modified within the window: taobao.trades.sold.increment.get paged from the last page backwards, then
 * taobao.trade.fullinfo.get per trade. A trade listed again with the same `modified` as one already stored (the
 * engine's overlap re-reads the last minutes of every poll) costs no fullinfo call: the cache remembers what was
 * stored, and it is told only after the engine has stored the page (the generator resumes after `yield` only then;
 * a failed store never resumes it, so nothing is remembered that is not in the database).
 */
export async function* listTrades(client: TopClient, window: TimeWindow, ctx: AdapterContext, cache: FullinfoCache): AsyncIterable<AdapterPage> {
  const { start, end, startSec, endSec } = topWindow(window);
  if (endSec <= startSec) return;
  const shopId = ctx.shop.shopId;
  const fetchPage = async (pageNo: number, useHasNext: boolean) => {
    const body = await client.call(INCREMENT_API, {
      fields: LIST_FIELDS,
      start_modified: start,
      end_modified: end,
      page_no: String(pageNo),
      page_size: String(PAGE_SIZE),
      use_has_next: String(useHasNext),
    });
    return readListing(body, 'trades', 'trade', INCREMENT_API);
  };
  const listed = new Map<string, string>(); // tid → newest `modified` handled in this window
  for await (const items of pagesBackwards(fetchPage, modifiedOf, ctx, INCREMENT_API)) {
    const page: AdapterPage = { orders: [], errors: [] };
    const stored: [string, string][] = [];
    for (const item of items) {
      const head = TradeHead.safeParse(item);
      if (!head.success) {
        const { field, problem } = describeIssue(head.error);
        const tid = (item as { tid?: unknown } | null)?.tid;
        page.errors.push({ platformOrderId: tid == null ? null : String(tid), message: `trade list entry: ${field}: ${problem}`, raw: JSON.stringify(item) });
        continue;
      }
      const { tid, modified } = head.data;
      if ((listed.get(tid) ?? '') >= modified) continue; // a page boundary read twice
      listed.set(tid, modified);
      if (cache.has(shopId, tid, modified, ctx.now())) continue;
      let trade: unknown;
      try {
        trade = (await client.call(FULLINFO_API, { fields: FULLINFO_FIELDS, tid, include_oaid: 'true' })).trade;
      } catch (e) {
        // One trade TOP will not show must not stop the page; throttling, auth and outages still stop the sync.
        if (e instanceof PlatformError && (e.kind === 'bad_request' || e.kind === 'not_found')) {
          page.errors.push({ platformOrderId: tid, message: `trade ${tid}: ${FULLINFO_API}: ${e.message}`, raw: JSON.stringify(item) });
          continue;
        }
        throw e;
      }
      const mapped = mapTrade(trade, shopId);
      if (!mapped.ok) {
        page.errors.push(mapped.error);
        continue;
      }
      page.orders.push(mapped.order);
      stored.push([tid, modifiedOf(trade) || modified]);
    }
    if (page.orders.length === 0 && page.errors.length === 0) continue;
    yield page;
    cache.remember(shopId, stored, ctx.now());
  }
}
