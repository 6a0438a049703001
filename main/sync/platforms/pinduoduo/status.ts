import type { Payment, PlatformState } from '../../../../shared/domain/status.js';
import { FieldError, type PddOrder } from './payload.js';

/**
 * PDD keeps an order's status on several axes (§6.2, §10.1): order_status (1 待发货, 2 已发货待签收, 3 已签收),
 * confirm_status (0 未成交, 1 已成交, 2 已取消), refund_status (1 none/closed, 2 售后处理中, 3 退款中, 4 退款成功),
 * after_sales_status (the open case's state) and risk_control_status (1 = 审核中: PDD forbids shipping).
 */
type Axes = Pick<PddOrder, 'order_status' | 'confirm_status' | 'refund_status' | 'after_sales_status' | 'risk_control_status' | 'pay_time'>;

/**
 * The verbatim status, every axis that matters, e.g. "order_status=1 confirm_status=1 refund_status=1" plus
 * "risk_control_status=1" / "after_sales_status=2" when set. One string, so any axis changing is an update.
 */
export function platformStatusText(o: Axes): string {
  const parts = [`order_status=${o.order_status}`, `confirm_status=${o.confirm_status ?? 1}`, `refund_status=${o.refund_status}`];
  if (o.risk_control_status) parts.push(`risk_control_status=${o.risk_control_status}`);
  if (o.after_sales_status) parts.push(`after_sales_status=${o.after_sales_status}`);
  return parts.join(' ');
}

/**
 * The order's place on ShopDesk's platform-state axis:
 * - confirm_status 2 → cancelled; 待发货 with refund_status 4 (refunded before shipping) → cancelled too: PDD closes
 *   the order and refuses to ship it.
 * - order_status 2 → shipped, 3 → completed.
 * - order_status 1 → to_ship, except while the group is still forming (confirm_status 0, 未成交): 'unpaid', "not
 *   released by the platform yet", out of audit and packing until PDD confirms it (a forward move the store accepts).
 * - An order under PDD's risk review (risk_control_status 1, 审核中) is to_ship: it is paid and the audit must see it.
 *   "risk_control_status=1" in platformStatus makes the audit's platform_risk check hold it, and the hold lets go
 *   when PDD clears the review (the status string changes, the order is audited again).
 */
export function platformStateOf(o: Axes): PlatformState {
  if (o.confirm_status === 2) return 'cancelled';
  switch (o.order_status) {
    case 1:
      if (o.refund_status === 4) return 'cancelled';
      if (o.confirm_status === 0) return 'unpaid';
      return 'to_ship';
    case 2:
      return 'shipped';
    case 3:
      return 'completed';
    default:
      throw new FieldError('order_status', `unknown value ${o.order_status} (expected 1, 2 or 3)`);
  }
}

/**
 * Payment: refund_status 4 → refunded (PDD reports no partial amount on the order; the after-sales cases carry the
 * refunded sums) [U: whether 4 can mean a partial refund]; no pay_time → unpaid; otherwise paid. A refund in
 * progress (2/3) stays paid: the after-sales case raises the intercept while it is open.
 */
export function paymentOf(o: Axes): Payment {
  if (![1, 2, 3, 4].includes(o.refund_status)) throw new FieldError('refund_status', `unknown value ${o.refund_status} (expected 1 to 4)`);
  if (o.refund_status === 4) return 'refunded';
  const paid = o.pay_time !== null && o.pay_time !== undefined && o.pay_time !== '' && o.pay_time !== 0;
  return paid ? 'paid' : 'unpaid';
}
