import type { Payment, PlatformState } from '../../../../shared/domain/status.js';
import type { AfterSaleKind, AfterSaleState } from '../../adapter.js';

/**
 * ShopOrder.order_status (§5.6, §10.1): 1 待确认/待支付, 105 已支付, 2 备货中, 101 部分发货, 3 已发货, 4 已取消,
 * 5 已完成. 105 (paid, not yet released to stock-up) and 101 (partly shipped) still need the seller to ship.
 */
export const ORDER_STATE: Readonly<Record<number, PlatformState>> = {
  1: 'unpaid',
  105: 'to_ship',
  2: 'to_ship',
  101: 'to_ship',
  3: 'shipped',
  4: 'cancelled',
  5: 'completed',
};

/** SkuOrder.after_sale_info.refund_status: 1 待退款, 3 退款成功, 4 退款失败 (§5.6). */
export const REFUND_SUCCEEDED = 3;

/**
 * The payment axis of an order: unpaid until paid; a cancelled order that had been paid was refunded (抖店 cancels
 * a paid order only by refunding it before shipment); otherwise refunded / partly refunded when some sku orders'
 * refunds succeeded.
 */
export function paymentOf(state: PlatformState, paid: boolean, skuRefunded: number, skuCount: number): Payment {
  if (!paid) return 'unpaid';
  if (state === 'cancelled') return 'refunded';
  if (skuCount > 0 && skuRefunded === skuCount) return 'refunded';
  return skuRefunded > 0 ? 'partly_refunded' : 'paid';
}

/** afterSale.List aftersale_type (§5.8): 0 退货退款, 1 已发货仅退款, 2 未发货仅退款, 3 换货, 6 价保, 7 补寄, 8 维修. */
export const AFTERSALE_KIND: Readonly<Record<number, AfterSaleKind>> = {
  0: 'return_refund',
  1: 'refund_only',
  2: 'refund_only',
  3: 'exchange',
  6: 'price_protect',
  7: 'reship',
  8: 'repair',
};

/**
 * afterSale.List aftersale_status (§5.8): 6 待商家同意 and 11 待商家二次同意 wait for the seller; 7 待买家退货,
 * 8 待商家发货, 3/13 换货·补寄·维修待买家收货 are under way; 12 售后成功 and 14 换货成功 succeeded; 27/29 商家拒绝 are
 * the seller's refusals; 28 售后失败 is a case closed without success — most often the buyer withdrawing it (the
 * sku order comment says a buyer's cancel ends in 28). 0 (初始化) is a case just opened.
 */
export const AFTERSALE_STATE: Readonly<Record<number, AfterSaleState>> = {
  0: 'requested',
  6: 'requested',
  11: 'requested',
  7: 'in_progress',
  8: 'in_progress',
  3: 'in_progress',
  13: 'in_progress',
  12: 'succeeded',
  14: 'succeeded',
  27: 'rejected',
  29: 'rejected',
  28: 'cancelled',
};
