import type { AdapterContext, AdapterPage, TimeWindow } from '../../adapter.js';
import type { HttpResponse } from '../../http.js';
import { PlatformError } from '../../platform-error.js';
import type { WooClient } from './client.js';
import { formatGmt, isMappingError, mapOrTell, orderIdentity, parseGmt } from './mapping.js';

export const PER_PAGE = 100; // WordPress caps per_page at 100 (rest_invalid_param above)
/** A scan that keeps being knocked back by changing orders gives up rather than loop forever. */
const MAX_REQUESTS_PER_WINDOW = 1000;

/**
 * Orders modified within [from, to), page by page.
 *
 * WooCommerce cannot sort by modification time (orderby=modified is missing from the stores this targets), so we
 * page in creation order (orderby=date&order=asc). An order changed while we page gets a new date_modified past
 * `to` (windows end settleMs in the past), so it leaves the result set: every later order slides one place towards
 * page 1, and the one that slides onto a page already read would be skipped. The changed order itself is not lost:
 * its new modification time lies in the next window (and the engine's overlap re-reads the boundary).
 * To catch the slid orders we watch X-WP-Total: when it drops by d between two requests, we step back far enough to
 * re-read the d places before the current page. Re-read orders are dropped by (id, date_modified_gmt), so each
 * version of an order is yielded once per window, and an older version never after a newer one. What this cannot
 * see: an order leaving and another entering between the same two requests (entering needs a modification inside
 * a window that ended settleMs ago, i.e. a store clock running ahead of ours).
 *
 * WP_Date_Query compares strictly (> after, < before) at one-second precision, hence after = first second - 1.
 * The dates carry no zone suffix: with dates_are_gmt=true WooCommerce reads them as GMT, while a "Z" suffix has been
 * converted to the site's timezone by some WordPress versions before comparing against the GMT column [U].
 */
export async function* listWindow(client: WooClient, window: TimeWindow, ctx: AdapterContext): AsyncIterable<AdapterPage> {
  const afterSec = Math.ceil(window.from / 1000) - 1;
  const beforeSec = Math.ceil(window.to / 1000);
  const query = (page: number): [string, string][] => [
    ['modified_after', formatGmt(afterSec * 1000)],
    ['modified_before', formatGmt(beforeSec * 1000)],
    ['dates_are_gmt', 'true'],
    ['per_page', String(PER_PAGE)],
    ['page', String(page)],
    ['orderby', 'date'],
    ['order', 'asc'],
    ['status', 'any'],
  ];
  const yielded = new Map<string, number>(); // order id → date_modified (ms) of the version already yielded
  let page = 1;
  let lastTotal: number | null = null;
  for (let requests = 1; ; requests++) {
    if (requests > MAX_REQUESTS_PER_WINDOW) {
      throw new PlatformError('server', `orders kept changing while ShopDesk paged through them (${MAX_REQUESTS_PER_WINDOW} requests); will try again`);
    }
    const res = await client.request('GET', 'wp-json/wc/v3/orders', query(page));
    if (!Array.isArray(res.json)) throw new PlatformError('bad_request', 'WooCommerce answered the order list with something that is not a list');
    const items: unknown[] = res.json;
    assertFilterHonoured(items, afterSec);

    const out: AdapterPage = { orders: [], errors: [] };
    for (const raw of items) {
      const who = orderIdentity(raw);
      const modified = who.modified ? parseGmt(who.modified) : NaN;
      if (who.id !== null && Number.isFinite(modified)) {
        const seen = yielded.get(who.id);
        if (seen !== undefined && seen >= modified) continue;
        yielded.set(who.id, modified);
      }
      const mapped = mapOrTell(raw, ctx.shop.shopId);
      if (isMappingError(mapped)) out.errors.push(mapped);
      else out.orders.push(mapped);
    }
    if (out.orders.length > 0 || out.errors.length > 0) yield out;

    const total = intHeader(res, 'x-wp-total');
    const totalPages = intHeader(res, 'x-wp-totalpages');
    let next = page + 1;
    if (lastTotal !== null && total !== null && total < lastTotal) {
      const slid = lastTotal - total;
      const back = Math.floor(Math.max(0, (page - 1) * PER_PAGE - slid) / PER_PAGE) + 1;
      if (back < page) {
        ctx.note(`${slid} order(s) changed while paging; re-reading from page ${back}`);
        next = back;
      }
    }
    lastTotal = total;
    // Without the paging headers (a cache or proxy may strip them), a short page is the last one.
    const more = totalPages !== null ? next <= totalPages : items.length === PER_PAGE;
    if (!more) return;
    page = next;
  }
}

function intHeader(res: HttpResponse, name: string): number | null {
  const v = res.headers.get(name);
  const n = v === null ? NaN : Number(v);
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/**
 * Stores from before WooCommerce PR #30585 (2021) ignore modified_after/modified_before and list everything. Paging
 * all orders of all time for every poll is not a sync, so we stop with a message the seller can act on rather than
 * quietly fall back. The tell: an order last modified at or before modified_after, which the filter would have
 * excluded. (Orders modified after modified_before prove nothing: WooCommerce selects ids first and loads each order
 * after, so one saved in between arrives with a newer date; it is simply a fresher copy.)
 */
function assertFilterHonoured(items: readonly unknown[], afterSec: number): void {
  for (const raw of items) {
    const who = orderIdentity(raw);
    if (!who.modified) continue;
    const sec = parseGmt(who.modified) / 1000;
    if (!Number.isFinite(sec)) continue;
    if (sec <= afterSec) {
      throw new PlatformError(
        'bad_request',
        `this store's WooCommerce is too old to sync incrementally: it ignored the modified-date filter (${who.label} was last modified ${who.modified} GMT, before the ${formatGmt((afterSec + 1) * 1000)} asked for). Update WooCommerce (the filter was added in 2021) to sync this shop.`,
        { platformCode: 'modified_after_ignored' },
      );
    }
  }
}
