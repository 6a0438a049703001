import type { SimResponse } from '../base.js';
import { ok, refuse, whole } from './gateway.js';
import { checkWindow, keysetPage } from './list.js';

export interface KsRefundSpec {
  status?: number;
  handlingWay?: number;
  negotiateStatus?: number;
  refundFeeFen?: number;
  reason?: string;
}

export interface KsSimRefund {
  refundId: number;
  oid: number;
  skuId: number;
  skuNick: string;
  status: number;
  handlingWay: number;
  negotiateStatus: number;
  refundFeeFen: number;
  reason: string;
  createTime: number;
  updateTime: number;
  /** Fields served verbatim (a malformed case on purpose). */
  overrides: Record<string, unknown>;
}

/** Statuses of a refund still open: the seller, the buyer or the platform has something to do [S]. */
export const OPEN_REFUND = new Set([10, 11, 12, 20, 21, 22, 30, 40, 45, 50]);

export function renderRefund(r: KsSimRefund): Record<string, unknown> {
  return {
    refundId: r.refundId,
    oid: r.oid,
    skuId: r.skuId,
    skuNick: r.skuNick,
    relSkuId: 0,
    status: r.status,
    handlingWay: r.handlingWay,
    negotiateStatus: r.negotiateStatus,
    negotiateUpdateTime: r.updateTime,
    refundFee: r.refundFeeFen,
    refundType: 1,
    refundReason: 8,
    refundReasonDesc: r.reason,
    refundDesc: '',
    createTime: r.createTime,
    submitTime: r.createTime,
    updateTime: r.updateTime,
    endTime: r.status === 60 || r.status === 70 ? r.updateTime : 0,
    receiptStatus: 1,
    ...r.overrides,
  };
}

/**
 * open.seller.order.refund.pcursor.list [S]: at most one day per query and 90 days back, type 9 (all) or 8 (still
 * waiting), currentPage required beside the pcursor, pages of at most 100.
 */
export function listRefunds(refunds: Iterable<KsSimRefund>, b: Record<string, unknown>, now: number): SimResponse {
  const w = checkWindow(b, now, { maxSpanMs: 24 * 3600_000, maxAgeMs: 90 * 24 * 3600_000, maxPageSize: 100 });
  if ('status' in w) return w;
  const type = whole(b.type);
  if (type !== 8 && type !== 9) return refuse('PARAM_INVALID', 'type无效');
  const currentPage = whole(b.currentPage);
  if (currentPage === null || currentPage < 1) return refuse('PARAM_INVALID', 'currentPage无效');
  if (typeof b.pcursor !== 'string') return refuse('PARAM_INVALID', 'pcursor无效');
  const rows = [...refunds].filter((r) => type === 9 || OPEN_REFUND.has(r.status));
  const res = keysetPage(rows, { time: (r) => (w.queryType === 2 ? r.updateTime : r.createTime), id: (r) => r.refundId, begin: w.begin, end: w.end, desc: w.desc, cursor: b.pcursor, pageSize: w.pageSize });
  if (!res) return refuse('PARAM_INVALID', 'pcursor无效');
  return ok({ currentPage, pageSize: w.pageSize, beginTime: w.begin, endTime: w.end, pcursor: res.cursor, refundOrderInfoList: structuredClone(res.page.map(renderRefund)) });
}
