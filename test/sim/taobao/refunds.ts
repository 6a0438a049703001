import type { SimResponse } from '../base.js';
import { missing, topOk } from './envelope.js';
import { cnTime, yuan } from './fixtures.js';
import type { Params, SimRefund, TaobaoSimState } from './state.js';
import { byModifiedDesc, fieldSet, listingBody, modifiedRange, paging } from './trades.js';

function refundJson(st: TaobaoSimState, r: SimRefund, fields: ReadonlySet<string>): Record<string, unknown> {
  const t = st.trades.get(r.tid);
  const line = t?.lines.find((l) => l.oid === r.oid);
  const total = line ? line.divideFen : r.refundFeeFen;
  const full: Record<string, unknown> = {
    refund_id: r.refundId, // a string in the refunds metadata, unlike tid/oid
    tid: r.tid,
    oid: r.oid,
    title: line?.title ?? 'Item',
    total_fee: yuan(total),
    status: r.status,
    created: cnTime(r.createdMs),
    modified: cnTime(r.modifiedMs),
    refund_fee: yuan(r.refundFeeFen),
    payment: yuan(Math.max(0, total - r.refundFeeFen)),
    good_status: r.hasGoodReturn ? 'BUYER_RETURNED_GOODS' : 'BUYER_NOT_RECEIVED',
    has_good_return: r.hasGoodReturn,
    reason: r.reason,
    desc: '',
    order_status: t?.status ?? 'WAIT_SELLER_SEND_GOODS',
    refund_phase: t && t.consignMs !== null ? 'aftersale' : 'onsale',
    dispute_type: r.disputeType,
    ...(r.sid ? { sid: r.sid, company_name: r.companyName } : {}),
    outer_id: r.outerId,
    sku: line?.skuProps ?? '',
    num: r.num,
    refund_version: r.modifiedMs,
    ...r.patch,
  };
  return Object.fromEntries(Object.entries(full).filter(([k]) => fields.has(k)));
}

/** taobao.refunds.receive.get: the seller's refund cases by modification time, newest first [U order]. */
export function refundsReceiveGet(st: TaobaoSimState, p: Params): SimResponse {
  if (!p.get('fields')) return missing('fields');
  // No span limit is documented for refunds (§4.7); the dates are optional.
  const range = modifiedRange(p, false);
  if (range !== null && !('start' in range)) return range;
  const pg = paging(p);
  if ('status' in pg) return pg;
  const status = p.get('status');
  const hits = [...st.refunds.values()]
    .filter((r) => (range === null || (Math.floor(r.modifiedMs / 1000) >= range.start && Math.floor(r.modifiedMs / 1000) <= range.end)) && (!status || r.status === status))
    .sort(byModifiedDesc<SimRefund>((r) => r.refundId.padStart(20, '0')));
  const fields = fieldSet(p);
  return topOk('taobao.refunds.receive.get', listingBody(hits.map((r) => refundJson(st, r, fields)), pg, 'refunds', 'refund'));
}
