import type { Payment, PlatformState } from '../../../../shared/domain/status.js';

/**
 * Trade `status` → ShopDesk axes (platform-apis.md §4.5, §10.1). Money is taken when the buyer pays, so every
 * state from "to ship" on is paid; TRADE_CLOSED is "closed after a full refund", TRADE_CLOSED_BY_TAOBAO "closed
 * before payment".
 */
export const TRADE_STATUS: Readonly<Record<string, { state: PlatformState; payment: Payment }>> = {
  TRADE_NO_CREATE_PAY: { state: 'unpaid', payment: 'unpaid' },
  WAIT_BUYER_PAY: { state: 'unpaid', payment: 'unpaid' },
  PAY_PENDING: { state: 'unpaid', payment: 'unpaid' },
  WAIT_PRE_AUTH_CONFIRM: { state: 'unpaid', payment: 'unpaid' },
  WAIT_SELLER_SEND_GOODS: { state: 'to_ship', payment: 'paid' },
  SELLER_CONSIGNED_PART: { state: 'to_ship', payment: 'paid' },
  // Paid, but Taobao forbids shipping (group buy still forming…): to ship later; the verbatim status stays visible
  // to audit, and Taobao itself refuses the ship call meanwhile.
  PAID_FORBID_CONSIGN: { state: 'to_ship', payment: 'paid' },
  WAIT_BUYER_CONFIRM_GOODS: { state: 'shipped', payment: 'paid' },
  TRADE_BUYER_SIGNED: { state: 'completed', payment: 'paid' },
  TRADE_FINISHED: { state: 'completed', payment: 'paid' },
  TRADE_CLOSED: { state: 'cancelled', payment: 'refunded' },
  TRADE_CLOSED_BY_TAOBAO: { state: 'cancelled', payment: 'unpaid' },
};

/** Sub-order refund states in which money is on its way back (or back): the line must not ship. */
export const REFUND_OPEN = new Set(['WAIT_SELLER_AGREE', 'WAIT_BUYER_RETURN_GOODS', 'WAIT_SELLER_CONFIRM_GOODS']);
/** A sub-order closed after payment: its money went back to the buyer. */
const LINE_CLOSED = new Set(['TRADE_CLOSED', 'TRADE_CLOSED_BY_TAOBAO']);

/** Whether a sub-order's money is being, or has been, returned. */
export function lineRefunding(o: { refund_status?: string | undefined; status?: string | undefined }): boolean {
  return REFUND_OPEN.has(o.refund_status ?? '') || o.refund_status === 'SUCCESS' || LINE_CLOSED.has(o.status ?? '');
}

/**
 * The payment axis of a paid trade, from its sub-orders: a refund requested or done on some lines is partly_refunded,
 * on every line refunded. A request still open counts: ShopDesk must stop the parcel now (the order writer raises an
 * intercept when payment leaves "paid"), not when the money has gone.
 */
export function paymentFromLines(base: Payment, lines: readonly { refund_status?: string | undefined; status?: string | undefined }[]): Payment {
  if (base !== 'paid' || lines.length === 0) return base;
  const refunding = lines.filter(lineRefunding).length;
  if (refunding === 0) return base;
  return refunding === lines.length ? 'refunded' : 'partly_refunded';
}
