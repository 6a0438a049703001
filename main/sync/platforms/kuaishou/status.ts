import type { Payment, PlatformState } from '../../../../shared/domain/status.js';
import type { AfterSaleKind, AfterSaleState } from '../../adapter.js';

/**
 * orderBaseInfo.status [S, several SDK comments]: 10 待付款, 30 已付款, 40 已发货, 50 已签收, 70 订单成功, 80 订单失败
 * (a cancelled order ends as 80). 已签收 counts as completed, as Taobao's TRADE_BUYER_SIGNED does in §10.1 [U].
 */
const ORDER: Record<number, PlatformState> = { 10: 'unpaid', 30: 'to_ship', 40: 'shipped', 50: 'completed', 70: 'completed', 80: 'cancelled' };

export function ksState(status: number): PlatformState | null {
  return ORDER[status] ?? null;
}

/** Refund statuses [S]: 10/11 申请, 12 卖家已拒绝, 20/21/22 平台介入, 30/40/45 退货中, 50 退款执行中, 60 退款成功, 70 退款关闭. */
export const REFUND_SUCCESS = 60;
export const REFUND_CLOSED = 70;

/**
 * Payment axis from the order and the refund list it carries (newest refund first; it has no amounts).
 * [U] A paid order that ends 80 was closed by a full refund (Kuaishou closes a paid order only that way); a refund
 * that succeeded on an order still alive refunded part of it. A refund still in progress leaves the order paid: the
 * after-sales listing carries the case.
 */
export function ksPayment(status: number, paid: boolean, refundStatuses: readonly number[]): Payment {
  if (!paid) return 'unpaid';
  if (status === 80) return 'refunded';
  if (refundStatuses.includes(REFUND_SUCCESS)) return 'partly_refunded';
  return 'paid';
}

/**
 * Refund status → case state [U where noted]. 12 (the seller refused, the buyer may appeal or change the request) and
 * 20/21 (platform arbitration) are still open and waiting on someone: requested. 70 is closed without a refund:
 * rejected when the seller's refusal ended it (negotiateStatus 3, 商家驳回), otherwise cancelled (withdrawn or lapsed).
 */
export function ksAfterSaleState(status: number, negotiateStatus: number | null | undefined): AfterSaleState | null {
  switch (status) {
    case 10:
    case 11:
    case 12:
    case 20:
    case 21:
      return 'requested';
    case 22:
    case 30:
    case 40:
    case 45:
    case 50:
      return 'in_progress';
    case REFUND_SUCCESS:
      return 'succeeded';
    case REFUND_CLOSED:
      return negotiateStatus === 3 ? 'rejected' : 'cancelled';
    default:
      return null;
  }
}

/** handlingWay [S, one SDK]: 1 退货退款, 10 仅退款, 3 换货; anything else is kept as "other" with the raw value. */
export function ksAfterSaleKind(handlingWay: number): AfterSaleKind {
  return handlingWay === 1 ? 'return_refund' : handlingWay === 10 ? 'refund_only' : handlingWay === 3 ? 'exchange' : 'other';
}
