import type { SimResponse } from '../base.js';
import { parseJdTimestamp } from './gateway.js';
import { JD_STATES, renderOrder, type JdSimOrder } from './orders.js';

/** The simulator's limits for jingdong.pop.order.search [U]: the ones ShopDesk's adapter assumes. */
export interface SearchLimits {
  maxSpanMs: number;
  maxPageSize: number;
}

export const API_OK = { success: true, chineseErrCode: '成功', englishErrCode: 'success', numberCode: '10100000' };

/** A business refusal: HTTP 200, the responce object, apiResult.success false (JD's way for parameter problems). */
function refused(zh: string, en: string, numberCode: string): SimResponse {
  return {
    status: 200,
    body: { jingdong_pop_order_search_responce: { code: '0', searchorderinfo_result: { apiResult: { success: false, chineseErrCode: zh, englishErrCode: en, numberCode }, orderTotal: 0, orderInfoList: [] } } },
  };
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

/**
 * jingdong.pop.order.search: filter on the modification time (dateType 0, the default) or the order time (1) between
 * start_date and end_date, both included, at whole seconds; newest first (then order id, descending); 1-based pages.
 * Every answer is a snapshot: later changes do not reach a page already served.
 */
export function search(orders: Iterable<JdSimOrder>, business: Record<string, unknown>, limits: SearchLimits): SimResponse {
  const startText = text(business.start_date);
  const endText = text(business.end_date);
  const start = startText !== null && !startText.includes('.') ? parseJdTimestamp(startText) : null;
  const end = endText !== null && !endText.includes('.') ? parseJdTimestamp(endText) : null;
  if (start === null || end === null) return refused('start_date、end_date必须为yyyy-MM-dd HH:mm:ss格式', 'start_date and end_date must be yyyy-MM-dd HH:mm:ss', '10100011');
  if (end < start) return refused('end_date不能早于start_date', 'end_date is before start_date', '10100012');
  if (end - start > limits.maxSpanMs) {
    return refused(`查询时间跨度不能超过${limits.maxSpanMs / 3600_000}小时`, `the date range may not exceed ${limits.maxSpanMs / 3600_000} hours`, '10100013');
  }
  const page = Number(text(business.page) ?? '1');
  const pageSize = Number(text(business.page_size) ?? '20');
  if (!Number.isInteger(page) || page < 1) return refused('page必须为正整数', 'page must be a positive integer', '10100014');
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > limits.maxPageSize) {
    return refused(`page_size取值范围为1-${limits.maxPageSize}`, `page_size must be 1-${limits.maxPageSize}`, '10100015');
  }
  const states = (text(business.order_state) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = states.find((s) => !(JD_STATES as readonly string[]).includes(s));
  if (states.length === 0 || unknown !== undefined) return refused(`order_state无效: ${unknown ?? '(空)'}`, 'invalid order_state', '10100016');
  const dateType = text(business.dateType) ?? '0';
  if (dateType !== '0' && dateType !== '1') return refused('dateType无效', 'invalid dateType', '10100017');
  const fieldsText = text(business.optional_fields);
  const fields = fieldsText ? new Set(fieldsText.split(',').map((s) => s.trim())) : null;

  const at = (o: JdSimOrder) => Math.floor((dateType === '0' ? o.modifiedAt : o.createdAt) / 1000) * 1000;
  const rows = [...orders]
    .filter((o) => states.includes(o.state) && at(o) >= start && at(o) <= end)
    .sort((a, b) => at(b) - at(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const slice = rows.slice((page - 1) * pageSize, page * pageSize);
  return {
    status: 200,
    body: {
      jingdong_pop_order_search_responce: {
        code: '0',
        searchorderinfo_result: { apiResult: API_OK, orderTotal: rows.length, orderInfoList: structuredClone(slice.map((o) => renderOrder(o, fields))) },
      },
    },
  };
}
