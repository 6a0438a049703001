import type { SimResponse } from '../base.js';
import { businessError, ok, paramError } from './envelope.js';
import { orderJson } from './fixtures.js';
import { refundJson, type PddSimState } from './state.js';

/** Thrown by parameter checks; the server answers with its response. */
export class Refusal extends Error {
  constructor(readonly res: SimResponse) {
    super('refused');
  }
}

type Fields = Readonly<Record<string, string>>;

/** An integer parameter; a missing required one or a bad value is PDD's 参数错误 (§6.1). */
export function intParam(now: number, f: Fields, name: string, opts: { required?: boolean; dflt?: number; allowed?: readonly number[]; min?: number; max?: number } = {}): number {
  const raw = f[name];
  if (raw === undefined || raw === '') {
    if (opts.required || opts.dflt === undefined) throw new Refusal(paramError(now, name, '不能为空'));
    return opts.dflt;
  }
  if (!/^-?\d+$/.test(raw)) throw new Refusal(paramError(now, name, `${raw} 不是整数`));
  const n = Number(raw);
  if (opts.allowed && !opts.allowed.includes(n)) throw new Refusal(paramError(now, name, `取值 ${n} 不合法`));
  if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) throw new Refusal(paramError(now, name, `取值 ${n} 超出范围`));
  return n;
}

/** start/end (unix s, ≤ 1800 apart) and page/page_size (≤ 100), as both increment APIs take them (§6.2, §6.4). */
function windowAndPaging(now: number, f: Fields): { start: number; end: number; page: number; size: number } {
  const start = intParam(now, f, 'start_updated_at', { required: true, min: 0 });
  const end = intParam(now, f, 'end_updated_at', { required: true, min: 0 });
  if (end < start) throw new Refusal(paramError(now, 'end_updated_at', '结束时间不能早于开始时间'));
  // The error PDD uses for an over-long span on its list APIs is a business error with the limit in sub_msg [S].
  if (end - start > 1800) throw new Refusal(businessError(now, '时间跨度不能超过30分钟'));
  return { start, end, page: intParam(now, f, 'page', { dflt: 1, min: 1 }), size: intParam(now, f, 'page_size', { dflt: 100, min: 1, max: 100 }) };
}

const seconds = (cn: unknown) => Math.floor(Date.parse(`${String(cn).replace(' ', 'T')}+08:00`) / 1000);
const NINETY_DAYS = 90 * 86_400_000;

/**
 * pdd.order.number.list.increment.get over the index (versions visible now, not the live orders): filters by
 * updated_at within [start, end] (both inclusive [U]), order_status / refund_status (5 = all), 成交 time within
 * three months; newest updated first; total_count unless use_has_next=true, which answers has_next only.
 */
export function orderIncrement(state: PddSimState, f: Fields): SimResponse {
  const now = state.clock.now();
  const w = windowAndPaging(now, f);
  const orderStatus = intParam(now, f, 'order_status', { required: true, allowed: [1, 2, 3, 5] });
  const refundStatus = intParam(now, f, 'refund_status', { required: true, allowed: [1, 2, 3, 4, 5] });
  intParam(now, f, 'is_lucky_flag', { required: true, allowed: [0, 1, 2] });
  for (const h of state.listHooks.splice(0)) {
    if (--h.left <= 0) h.fn();
    else state.listHooks.push(h);
  }
  const rows = [...state.orders.keys()]
    .map((sn) => state.listed(sn))
    .filter((j): j is Record<string, unknown> => j !== null)
    .filter((j) => {
      const u = seconds(j.updated_at);
      if (!(u >= w.start && u <= w.end)) return false;
      if (orderStatus !== 5 && j.order_status !== orderStatus) return false;
      if (refundStatus !== 5 && j.refund_status !== refundStatus) return false;
      return now - Date.parse(`${String(j.created_time).replace(' ', 'T')}+08:00`) <= NINETY_DAYS;
    })
    .sort((a, b) => seconds(b.updated_at) - seconds(a.updated_at) || (String(b.order_sn) < String(a.order_sn) ? -1 : 1));
  const slice = rows.slice((w.page - 1) * w.size, w.page * w.size);
  const hasNext = w.page * w.size < rows.length;
  if (f.use_has_next === 'true') return ok('order_sn_increment_get_response', { has_next: hasNext, order_sn_list: slice });
  return ok('order_sn_increment_get_response', { total_count: rows.length, has_next: hasNext, order_sn_list: slice });
}

/** pdd.order.information.get: the live order (the detail API does not lag like the index). */
export function orderInformation(state: PddSimState, f: Fields): SimResponse {
  const now = state.clock.now();
  const sn = f.order_sn;
  if (!sn) throw new Refusal(paramError(now, 'order_sn', '不能为空'));
  const o = state.orders.get(sn);
  if (!o) return businessError(now, '订单不存在');
  return ok('order_info_get_response', { order_info: orderJson(o) });
}

/**
 * pdd.refund.list.increment.get: after_sales_status and after_sales_type required (1 = all for both [U]/[V]);
 * order_sn, when given, lists that order's cases and ignores the other filters (§6.4). Newest updated first.
 */
export function refundIncrement(state: PddSimState, f: Fields): SimResponse {
  const now = state.clock.now();
  const w = windowAndPaging(now, f);
  const status = intParam(now, f, 'after_sales_status', { required: true, min: 0, max: 33 });
  const type = intParam(now, f, 'after_sales_type', { required: true, allowed: [1, 2, 3, 4, 5, 6] });
  const rows = [...state.refunds.values()]
    .filter((r) => {
      if (f.order_sn) return r.sn === f.order_sn;
      const u = Math.floor(r.updatedAt / 1000);
      return u >= w.start && u <= w.end && (status === 1 || r.status === status) && (type === 1 || r.type === type);
    })
    .sort((a, b) => b.updatedAt - a.updatedAt || b.id - a.id);
  const slice = rows.slice((w.page - 1) * w.size, w.page * w.size).map((r) => {
    const o = state.orders.get(r.sn);
    return refundJson(r, o ? String(orderJson(o).pay_amount) : '0.00');
  });
  return ok('refund_increment_get_response', { total_count: rows.length, refund_list: slice });
}
