import type { AdapterContext, TimeWindow } from '../../adapter.js';
import { toUnixSeconds } from '../../edge.js';
import { PlatformError } from '../../platform-error.js';

/** An update-time range in unix seconds, as order.searchList and afterSale.List take it. */
export interface SecondsRange {
  start: number;
  end: number;
}

export type FetchPage = (range: SecondsRange, page: number, size: number) => Promise<{ items: unknown[]; total: number }>;

export interface PagingLimits {
  /** Page size (抖店 refuses more than 100). */
  size: number;
  /** How deep page × size may go (抖店: 50 000 results, "翻页查询最多支持查询到5万" [S]). */
  maxResults: number;
}

/**
 * The window in whole seconds, both ends floored: 抖店's filters take seconds, and whether update_time_end is
 * inclusive is not documented [U]. Consecutive windows then share their boundary second, so every second is asked
 * for by one of them either way (read twice at most — stored once); the final fraction of the last window is
 * re-read by the next poll's overlap. Flooring both ends also keeps a request exactly as long as its window, never
 * a second over the platform's limit.
 */
export function secondsRange(w: TimeWindow): SecondsRange {
  return { start: toUnixSeconds(w.from), end: toUnixSeconds(w.to) };
}

/**
 * Every result of one update-time query, page by page, read from the LAST page back to page 0.
 *
 * Why backwards: the window ends in the past, so while we page no order can enter it (an order changed now gets
 * update_time = now, after the window's end); orders can only leave it. With offset paging, an order leaving from a
 * page already read shifts every later order one place forward — forward paging would then skip the order that slid
 * onto the page just read. Reading the last page first means every page already read lies behind the ones still to
 * come: a departure can only pull an already-read order forward onto a page still to come (read twice, harmless),
 * never hide one. The order that left is in the next poll's window with its new update_time. Ascending update_time
 * order adds a second guard: should the platform's clock run ahead of ours, late arrivals land after everything
 * already read instead of shifting it.
 *
 * Page 0 is read first to learn the total; when everything fits one page that is the only request. A window whose
 * total is deeper than the platform lets us page is split in halves (recursively) before any page is used.
 */
export async function* readRange(range: SecondsRange, fetch: FetchPage, limits: PagingLimits, ctx: AdapterContext, what: string): AsyncGenerator<unknown[]> {
  const first = await fetch(range, 0, limits.size);
  if (first.total <= limits.size) {
    yield first.items;
    return;
  }
  const pages = Math.ceil(first.total / limits.size);
  if (pages * limits.size > limits.maxResults) {
    if (range.end - range.start < 2) {
      throw new PlatformError('bad_request', `抖店 ${what}: ${first.total} results updated within one second (${range.start}), more than the ${limits.maxResults} the platform lets us page through`);
    }
    const mid = Math.floor((range.start + range.end) / 2);
    ctx.note(`抖店 ${what}: ${first.total} results in one window; splitting it`);
    yield* readRange({ start: range.start, end: mid }, fetch, limits, ctx, what);
    yield* readRange({ start: mid, end: range.end }, fetch, limits, ctx, what);
    return;
  }
  // The first answer is not used: its page 0 may have shifted by the time the last page is read.
  for (let page = pages - 1; page >= 0; page--) {
    if (ctx.signal.aborted) return;
    yield (await fetch(range, page, limits.size)).items;
  }
}

/**
 * Drops items already returned by this listing with the same key (id + update_time): backward paging may read an
 * item twice when another leaves the window (see readRange). A newer version of the item is not a duplicate.
 */
export function unseen(seen: Set<string>, items: unknown[], key: (item: unknown) => string | null): unknown[] {
  return items.filter((item) => {
    const k = key(item);
    if (k === null) return true;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
