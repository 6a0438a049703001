import type { AdapterContext, TimeWindow } from '../../adapter.js';
import { toUnixSeconds } from '../../edge.js';
import { PlatformError } from '../../platform-error.js';
import type { PddClient } from './client.js';
import { describeIssue, IncrementPage } from './payload.js';
import type { PddParam } from './sign.js';

export const PAGE_SIZE = 100; // PDD's maximum and default (§6.2, §6.4)
/** PDD refuses end_updated_at - start_updated_at above 30 minutes (§6.2). */
export const MAX_WINDOW_S = 30 * 60;
/** PDD: keep end_updated_at at least 3 minutes behind its clock, or recent updates may be missing (§6.2). */
export const PDD_SETTLE_RULE_MS = 3 * 60_000;
/** Passes over one window before giving up when its result set keeps growing under us. */
const MAX_PASSES = 3;

export interface IncrementApi {
  type: string;
  responseKey: string;
  listKey: string;
}

/**
 * The [start_updated_at, end_updated_at] pair for a window [from, to): both floored to whole seconds, so the span
 * never passes 1800 s for a 30-minute window. PDD's bounds are read as inclusive [U]; the next window starts on the
 * second this one ends, so a boundary second is read twice rather than never.
 */
export function windowSeconds(api: string, window: TimeWindow, ctx: AdapterContext): { start: number; end: number } {
  if (window.to > ctx.now() - PDD_SETTLE_RULE_MS) {
    // Sending it would silently return an incomplete list; say plainly what is wrong instead.
    throw new PlatformError('bad_request', `${api}: window ends less than 3 minutes ago; Pinduoduo may not have indexed the latest changes yet, so ShopDesk waits`);
  }
  const start = toUnixSeconds(window.from);
  const end = toUnixSeconds(window.to);
  if (end - start > MAX_WINDOW_S) throw new PlatformError('bad_request', `${api}: a ${end - start} s window is longer than Pinduoduo's 30 minutes`);
  return { start, end };
}

async function fetchPage(client: PddClient, api: IncrementApi, params: Readonly<Record<string, PddParam>>, page: number): Promise<{ total: number; items: unknown[] }> {
  const body = await client.call(api.type, { ...params, page, page_size: PAGE_SIZE }, api.responseKey);
  const parsed = IncrementPage(api.listKey).safeParse(body);
  if (!parsed.success) {
    const { field, problem } = describeIssue(parsed.error);
    throw new PlatformError('server', `Pinduoduo answered ${api.type} page ${page} with an unreadable ${field}: ${problem}`);
  }
  const data = parsed.data as Record<string, unknown>;
  const items = data[api.listKey];
  return { total: data.total_count as number, items: Array.isArray(items) ? items : [] };
}

/**
 * Every item of one window, page by page, from the LAST page back to page 1, as PDD advises (§6.2, §0.1.3).
 *
 * Results are sorted newest-updated first. A record changed while we page gets an updated_at past the window's end
 * (windows end ≥ 3 minutes in the past), so it leaves the result set and every older record moves one place
 * towards page 1 — onto pages we have not read yet when we read backwards, so none is skipped (some are read twice;
 * the caller drops repeats). The changed record itself comes with the window that holds its new updated_at.
 *
 * The first request (page 1) learns total_count. That is why use_has_next is never sent: with it PDD returns only
 * has_next and no total, and a list whose end is unknown cannot be read from its end. When the whole window fits
 * one page, that first answer is the whole window. A total that grows while we page (a record indexed late)
 * shifts records towards pages already read, so the window is read again from its new last page (bounded).
 */
export async function* pageBackwards(
  client: PddClient,
  api: IncrementApi,
  params: Readonly<Record<string, PddParam>>,
  ctx: AdapterContext,
): AsyncIterable<unknown[]> {
  const first = await fetchPage(client, api, params, 1);
  if (first.total <= PAGE_SIZE) {
    yield first.items;
    return;
  }
  let total = first.total;
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    let grewTo = total;
    for (let page = Math.ceil(total / PAGE_SIZE); page >= 1; page--) {
      const got = await fetchPage(client, api, params, page);
      grewTo = Math.max(grewTo, got.total);
      yield got.items;
      if (ctx.signal.aborted) return;
    }
    if (grewTo <= total) return;
    ctx.note(`${api.type}: ${grewTo - total} record(s) appeared while paging; reading the window again from its last page`);
    total = grewTo;
  }
  throw new PlatformError('server', `${api.type}: records kept appearing while ShopDesk paged through one window; will try again`);
}

/**
 * Drops repeats within one window: a record read twice (it moved between pages) is yielded once per version, and
 * an older version never after a newer one. Keys are the record id; versions compare by their update time text
 * (same format within one API, and equal text means the same version).
 */
export class SeenVersions {
  private readonly seen = new Map<string, string>();
  /** True when this (id, version) is new and newer than any seen; records it. */
  fresh(id: string | null, version: string | null): boolean {
    if (id === null || version === null) return true; // unreadable: let mapping report it
    const prev = this.seen.get(id);
    if (prev !== undefined && !newer(version, prev)) return false;
    this.seen.set(id, version);
    return true;
  }
}

/** "yyyy-MM-dd HH:mm:ss" and unix seconds both order correctly as text of equal length; else numerically. */
function newer(a: string, b: string): boolean {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return Number(a) > Number(b);
  return a > b;
}
