import { E, type DyError } from './envelope.js';
import { nowSec, type DouyinSimState, type SimShopOrder } from './state.js';

export type Answer = { ok: true; data: unknown } | { ok: false; error: DyError };

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const NINETY_DAYS = 90 * 86_400;

/** page/size as 抖店 checks them for a list (§5.5: size ≤ 100, page from 0, page × size ≤ the depth cap). */
export function checkPaging(state: DouyinSimState, p: Record<string, unknown>, codes: { size: number | string; page: number | string; depth: number | string }): DyError | { page: number; size: number } {
  if (p.size === undefined) return E.missing('size');
  if (p.page === undefined) return E.missing('page');
  if (!isInt(p.size) || p.size < 1 || p.size > 100) return E.invalid(codes.size, codes.size === 20008 ? '单次查询订单数超过限制' : '参数错误');
  if (!isInt(p.page) || p.page < 0) return E.invalid(codes.page, codes.page === 10035 ? '查询订单列表页数不能小于0' : '参数错误');
  if ((p.page + 1) * p.size > state.limits.maxResults) {
    return E.invalid(codes.depth, codes.depth === 20013 ? '订单查询最多支持查询5万' : '接口中page*size最多不能超过5万条数据');
  }
  return { page: p.page, size: p.size };
}

/** A [start, end] time filter in seconds, inclusive at both ends [U], within the window cap. */
export function checkWindow(state: DouyinSimState, start: unknown, end: unknown, field: string): DyError | { start: number; end: number } {
  if (!isInt(start) || (end !== undefined && !isInt(end))) return E.formatInvalid(`${field}: unix seconds expected`);
  const to = end === undefined ? nowSec(state) : (end as number);
  if (to < start) return E.invalid(20014, '查询结束时间不能早于开始时间'); // [U]
  if (to - start > state.limits.windowCapSec) return E.invalid(20014, `查询时间范围不能超过${Math.round(state.limits.windowCapSec / 86_400)}天`); // [U] §5.5 placeholder
  return { start, end: to };
}

/**
 * order.searchList (§5.5). Orders matching the update (or create) time filter, sorted by order_by
 * (create_time by default) then order_id, newest first unless order_asc; `total` is counted at the moment of each
 * call, so an order changed between two calls moves — exactly what makes forward paging lose orders.
 */
export function searchList(state: DouyinSimState, p: Record<string, unknown>): Answer {
  state.searchCalls++;
  state.beforeSearch?.(state.searchCalls, p);
  const paging = checkPaging(state, p, { size: 20008, page: 10035, depth: 20013 });
  if ('code' in paging) return { ok: false, error: paging };
  const orderBy = p.order_by ?? 'create_time';
  if (orderBy !== 'create_time' && orderBy !== 'update_time') return { ok: false, error: E.invalid(10001, 'order_by 参数错误') }; // [U]
  if (p.order_asc !== undefined && typeof p.order_asc !== 'boolean') return { ok: false, error: E.formatInvalid('order_asc: boolean expected') };
  const byUpdate = p.update_time_start !== undefined;
  if (!byUpdate && p.create_time_start === undefined) return { ok: false, error: E.invalid(20011, '订单查询开始时间不能为空') };
  const w = byUpdate ? checkWindow(state, p.update_time_start, p.update_time_end, 'update_time') : checkWindow(state, p.create_time_start, p.create_time_end, 'create_time');
  if ('code' in w) return { ok: false, error: w };
  if (w.start < nowSec(state) - NINETY_DAYS) return { ok: false, error: E.invalid(20022, '订单查询只支持查询最近90天内的数据') };
  const key = (o: SimShopOrder) => (orderBy === 'update_time' ? o.updatedAt : o.createdAt);
  const time = (o: SimShopOrder) => (byUpdate ? o.updatedAt : o.createdAt);
  const dir = p.order_asc === true ? 1 : -1;
  const matching = [...state.orders.values()]
    .filter((o) => time(o) >= w.start && time(o) <= w.end)
    .sort((a, b) => dir * (key(a) - key(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
  const slice = matching.slice(paging.page * paging.size, (paging.page + 1) * paging.size);
  return { ok: true, data: { page: paging.page, size: paging.size, total: matching.length, shop_order_list: slice.map((o) => structuredClone(o.json)) } };
}

/** order.orderDetail {shop_order_id} → data.shop_order_detail (§5.6). */
export function orderDetail(state: DouyinSimState, p: Record<string, unknown>): Answer {
  if (typeof p.shop_order_id !== 'string' || !p.shop_order_id) return { ok: false, error: E.missing('shop_order_id') };
  const o = state.orders.get(p.shop_order_id);
  if (!o) return { ok: false, error: E.invalid(10003, '订单不存在') }; // [U] number
  return { ok: true, data: { shop_order_detail: structuredClone(o.json) } };
}
