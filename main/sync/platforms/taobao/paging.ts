import type { AdapterContext, TimeWindow } from '../../adapter.js';
import { formatCnTime } from '../../edge.js';
import { PlatformError } from '../../platform-error.js';
import { topList } from './payload.js';
import { z } from 'zod';

/** TOP's page-size cap for the increment and refund listings (§4.3, §4.7). */
export const PAGE_SIZE = 100;
/** TOP refuses end_modified − start_modified beyond one day (§4.3). */
export const TOP_MAX_SPAN_S = 24 * 3600;
/** Full re-reads of one window when trades keep entering it while we page, before giving up for this run. */
const MAX_PASSES = 3;

/**
 * [from, to) in epoch ms → start_modified / end_modified in GMT+8 seconds. Whether TOP's end bound is inclusive is
 * not documented [U], so the seconds are widened to cover [from, to) either way: start rounds down, end rounds up
 * (a boundary second may be read by two windows; upserts make that harmless). Rounding can add up to a second past
 * TOP's one day, so the end is clamped; the next window starts at or before the clamped end, so nothing falls between.
 */
export function topWindow(w: TimeWindow): { startSec: number; endSec: number; start: string; end: string } {
  // The engine chunks to maxWindowMs; a longer window here would be trimmed, silently losing its tail.
  if (w.to - w.from > TOP_MAX_SPAN_S * 1000) throw new PlatformError('bad_request', `a ${Math.round((w.to - w.from) / 60_000)}-minute window is longer than the one day Taobao allows per query`);
  const startSec = Math.floor(w.from / 1000);
  const endSec = Math.min(Math.ceil(w.to / 1000), startSec + TOP_MAX_SPAN_S);
  return { startSec, endSec, start: formatCnTime(startSec * 1000), end: formatCnTime(endSec * 1000) };
}

export interface ListedPage {
  items: unknown[];
  total: number | null;
}

const Counts = z.looseObject({ total_results: z.number().int().nonnegative().optional() });

/** Reads a listing answer: `{total_results?, has_next?, <outer>: {<inner>: […]}}`; items stay unparsed (one bad item must not sink the page). */
export function readListing(body: Record<string, unknown>, outer: string, inner: string, api: string): ListedPage {
  const counts = Counts.safeParse(body);
  const list = topList(inner, z.unknown()).safeParse(body[outer]);
  if (!counts.success || !list.success) throw new PlatformError('server', `Taobao ${api}: the answer's ${outer}/total_results are not in the documented shape`);
  return { items: list.data, total: counts.data.total_results ?? null };
}

/**
 * Pages a modified-descending TOP listing the way TOP advises: learn total_results first (use_has_next=false), then
 * read from the LAST page back to the first (use_has_next=true, faster). Why backwards: a trade modified while we
 * page gets a modified time past the window's end (windows end settleMs in the past), leaves the result set, and
 * every older trade slides one place towards page 1 — onto pages not read yet when going backwards, onto pages
 * already read when going forwards (where it would be skipped). A window that fits in one page is one call: an atomic
 * snapshot. The last call (page 1) asks for the count again: if it grew, or page 1 holds something newer than
 * anything at the start, trades entered the window while we paged (our clock ahead of TOP's) and pushed others
 * towards pages already read, so the window is read again (callers drop what they have already seen).
 */
export async function* pagesBackwards(
  fetchPage: (pageNo: number, useHasNext: boolean) => Promise<ListedPage>,
  modifiedOf: (item: unknown) => string,
  ctx: AdapterContext,
  what: string,
): AsyncGenerator<unknown[]> {
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const first = await fetchPage(1, false);
    if (first.total === null) throw new PlatformError('server', `Taobao ${what}: total_results missing although use_has_next was false`);
    if (first.total <= PAGE_SIZE) {
      yield first.items;
      return;
    }
    const newestAtStart = first.items.map(modifiedOf).reduce((a, b) => (b > a ? b : a), '');
    for (let page = Math.ceil(first.total / PAGE_SIZE); page >= 2; page--) yield (await fetchPage(page, true)).items;
    const last = await fetchPage(1, false);
    yield last.items;
    const entered = (last.total ?? 0) > first.total || last.items.some((i) => modifiedOf(i) > newestAtStart);
    if (!entered) return;
    ctx.note(`Taobao ${what}: records entered the time window while paging; reading it again`);
  }
  throw new PlatformError('server', `Taobao ${what}: records kept entering the time window while paging (is this computer's clock ahead?); will try again`);
}
