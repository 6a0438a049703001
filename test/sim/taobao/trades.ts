import type { SimResponse } from '../base.js';
import { invalid, missing, remote, topOk } from './envelope.js';
import { parseCn, tradeJson, type SimTrade } from './fixtures.js';
import type { Params, TaobaoSimState } from './state.js';

const DAY_S = 24 * 3600;
/** taobao.trades.sold.increment.get only sees trades modified in the last three months (§4.3). */
const HISTORY_MS = 90 * DAY_S * 1000;

export function fieldSet(p: Params): Set<string> {
  return new Set((p.get('fields') ?? '').split(',').map((f) => f.trim()).filter(Boolean));
}

/** page_no / page_size as TOP checks them: whole numbers, page_size 1–100 (default 40). */
export function paging(p: Params): { pageNo: number; pageSize: number; useHasNext: boolean } | SimResponse {
  const pageNo = Number(p.get('page_no') ?? '1');
  const pageSize = Number(p.get('page_size') ?? '40');
  if (!Number.isInteger(pageNo) || pageNo < 1) return invalid('page_no', 'page_no must be a whole number ≥ 1');
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) return invalid('page_size', 'page_size must be between 1 and 100'); // [U] wording
  return { pageNo, pageSize, useHasNext: p.get('use_has_next') === 'true' };
}

/** start_modified / end_modified in seconds; the 1-day rule applies when maxSpanS is given. */
export function modifiedRange(p: Params, required: boolean, maxSpanS?: number): { start: number; end: number } | SimResponse | null {
  const rawStart = p.get('start_modified');
  const rawEnd = p.get('end_modified');
  if (rawStart === undefined || rawEnd === undefined) {
    if (!required && rawStart === undefined && rawEnd === undefined) return null;
    return missing(rawStart === undefined ? 'start_modified' : 'end_modified');
  }
  const s = parseCn(rawStart);
  const e = parseCn(rawEnd);
  if (s === null) return invalid('start_modified', 'format must be yyyy-MM-dd HH:mm:ss');
  if (e === null) return invalid('end_modified', 'format must be yyyy-MM-dd HH:mm:ss');
  if (e < s) return remote('isv.invalid-parameter', 'end_modified must not be earlier than start_modified'); // [U]
  if (maxSpanS !== undefined && (e - s) / 1000 > maxSpanS) return remote('isv.invalid-parameter', '修改时间跨度不能大于一天'); // [U] §4.9
  return { start: s / 1000, end: e / 1000 };
}

/** Newest-modified first, as TOP lists (§4.3); ties by id so pages are stable. */
export function byModifiedDesc<T extends { modifiedMs: number }>(idOf: (x: T) => string) {
  return (a: T, b: T) => b.modifiedMs - a.modifiedMs || (idOf(b) > idOf(a) ? 1 : idOf(b) < idOf(a) ? -1 : 0);
}

/** One listing page: total_results only without use_has_next; the list wrapper omitted when empty, as TOP does. */
export function listingBody(all: readonly unknown[], pg: { pageNo: number; pageSize: number; useHasNext: boolean }, outer: string, inner: string): Record<string, unknown> {
  const slice = all.slice((pg.pageNo - 1) * pg.pageSize, pg.pageNo * pg.pageSize);
  const hasNext = pg.pageNo * pg.pageSize < all.length;
  return { ...(pg.useHasNext ? {} : { total_results: all.length }), has_next: hasNext, ...(slice.length ? { [outer]: { [inner]: slice } } : {}) };
}

const sec = (ms: number) => Math.floor(ms / 1000);

export function incrementGet(st: TaobaoSimState, p: Params): SimResponse {
  if (!p.get('fields')) return missing('fields');
  const range = modifiedRange(p, true, DAY_S);
  if (range === null || !('start' in range)) return range ?? missing('start_modified');
  const pg = paging(p);
  if ('status' in pg) return pg;
  const hooks = st.listHooks.get(pg.pageNo) ?? [];
  st.listHooks.delete(pg.pageNo);
  for (const fn of hooks) fn();
  const oldest = st.clock.now() - HISTORY_MS;
  const status = p.get('status');
  const hits = [...st.trades.values()]
    .filter((t) => sec(t.modifiedMs) >= range.start && sec(t.modifiedMs) <= range.end && t.modifiedMs >= oldest && (!status || t.status === status))
    .sort(byModifiedDesc<SimTrade>((t) => t.tid.padStart(20, '0')));
  const fields = fieldSet(p);
  return topOk('taobao.trades.sold.increment.get', listingBody(hits.map((t) => tradeJson(t, fields)), pg, 'trades', 'trade'));
}

export function fullinfoGet(st: TaobaoSimState, p: Params): SimResponse {
  if (!p.get('fields')) return missing('fields');
  const tid = p.get('tid');
  if (!tid) return missing('tid');
  if (!/^\d+$/.test(tid)) return invalid('tid', 'tid must be a number');
  st.fullinfoCalls++;
  const t = st.trades.get(tid);
  if (!t) return remote('isv.trade-not-exist', `交易不存在 tid=${tid}`); // [U] sub_code
  return topOk('taobao.trade.fullinfo.get', { trade: tradeJson(t, fieldSet(p)) });
}
