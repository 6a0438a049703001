import type { Payment, PlatformState } from '../../../shared/domain/status.js';

/**
 * Export files show statuses as display text; the sync adapters store the platform's own code. Each table maps the
 * text to that code (so an order synced and then re-imported compares equal and stays "unchanged") and to
 * ShopDesk's axes (platform-apis.md §10.1). Texts are compared without spaces and punctuation, since exports differ
 * in full-/half-width commas. Unknown texts are not guessed: the row is refused naming the value.
 */
export interface StatusEntry {
  code: string;
  state: PlatformState;
  payment: Payment;
  /** A closed order was refunded when it had been paid (else it closed unpaid). */
  closed?: boolean;
}

export function statusKey(s: string): string {
  return s.normalize('NFKC').replace(/[\s,，.。、;；:：()（）"'“”]/g, '').toLowerCase();
}

function table(entries: [string[], StatusEntry][]): Map<string, StatusEntry> {
  const m = new Map<string, StatusEntry>();
  for (const [texts, e] of entries) for (const t of texts) m.set(statusKey(t), e);
  return m;
}

const to_ship = (code: string): StatusEntry => ({ code, state: 'to_ship', payment: 'paid' });
const shipped = (code: string): StatusEntry => ({ code, state: 'shipped', payment: 'paid' });
const completed = (code: string): StatusEntry => ({ code, state: 'completed', payment: 'paid' });
const unpaid = (code: string): StatusEntry => ({ code, state: 'unpaid', payment: 'unpaid' });
const closed = (code: string): StatusEntry => ({ code, state: 'cancelled', payment: 'unpaid', closed: true });

/** 千牛 display texts → TOP trade status (§4.5). [U] exact punctuation of the texts (§8.1); compared loosely. */
export const TAOBAO_STATUS = table([
  [['等待买家付款', '待付款'], unpaid('WAIT_BUYER_PAY')],
  [['没有创建支付宝交易'], unpaid('TRADE_NO_CREATE_PAY')],
  [['付款确认中'], unpaid('PAY_PENDING')],
  [['买家已付款，等待卖家发货', '买家已付款', '等待卖家发货', '待发货'], to_ship('WAIT_SELLER_SEND_GOODS')],
  [['卖家部分发货', '部分发货'], to_ship('SELLER_CONSIGNED_PART')],
  [['已付款，禁止发货'], to_ship('PAID_FORBID_CONSIGN')],
  [['卖家已发货，等待买家确认', '卖家已发货', '等待买家确认收货', '已发货'], shipped('WAIT_BUYER_CONFIRM_GOODS')],
  [['买家已签收'], completed('TRADE_BUYER_SIGNED')],
  [['交易成功', '已完成'], completed('TRADE_FINISHED')],
  [['交易关闭', '已关闭'], closed('TRADE_CLOSED')],
  [['付款以前，卖家或买家主动关闭交易', '交易被淘宝关闭'], { code: 'TRADE_CLOSED_BY_TAOBAO', state: 'cancelled', payment: 'unpaid' }],
]);

/** 抖店 display texts → order_status codes (§5.6: 1 待支付, 105 已支付, 2 备货中, 101 部分发货, 3 已发货, 4 已取消, 5 已完成). [U] texts. */
export const DOUYIN_STATUS = table([
  [['待支付', '待付款'], unpaid('1')],
  [['已支付'], to_ship('105')],
  [['备货中', '待发货'], to_ship('2')],
  [['部分发货'], to_ship('101')],
  [['已发货', '待收货'], shipped('3')],
  [['已取消', '已关闭', '订单取消'], closed('4')],
  [['已完成', '交易完成', '已签收'], completed('5')],
]);

/**
 * 拼多多 display texts → order_status codes (§6.2: 1 待发货, 2 已发货待签收, 3 已签收). PDD has no code for a
 * cancelled or refunded order on the list API; those keep their text as the status. [U] texts.
 */
export const PINDUODUO_STATUS = table([
  [['待支付', '待付款'], unpaid('待支付')],
  [['待成团', '拼团中'], { code: '待成团', state: 'unpaid', payment: 'paid' }],
  [['待发货', '已支付，待发货', '待商家发货'], to_ship('1')],
  [['已发货，待收货', '已发货，待签收', '已发货', '待收货'], shipped('2')],
  [['已收货', '已签收', '交易成功', '已完成'], completed('3')],
  [['已取消', '交易已取消', '已关闭'], { code: '已取消', state: 'cancelled', payment: 'unpaid' }],
  [['未发货，退款成功'], { code: '未发货，退款成功', state: 'cancelled', payment: 'refunded' }],
  [['已发货，退款成功'], { code: '已发货，退款成功', state: 'cancelled', payment: 'refunded' }],
]);

/** Amazon order-status as the reports spell it → the Orders API name the adapter stores. [U] "Shipping". */
export const AMAZON_STATUS = table([
  [['Pending'], unpaid('Pending')],
  [['PendingAvailability'], unpaid('PendingAvailability')],
  [['Unshipped'], to_ship('Unshipped')],
  [['PartiallyShipped', 'Shipping'], to_ship('PartiallyShipped')],
  [['Shipped', 'Complete'], shipped('Shipped')],
  [['InvoiceUnconfirmed'], shipped('InvoiceUnconfirmed')],
  [['Canceled', 'Cancelled'], { code: 'Canceled', state: 'cancelled', payment: 'unpaid' }],
  [['Unfulfillable'], { code: 'Unfulfillable', state: 'cancelled', payment: 'unpaid' }],
]);

/** Generic files: ShopDesk's own state names and the common words for them, in Chinese and English. */
export const GENERIC_STATUS = table([
  [['unpaid', 'pending', '待付款', '待支付', '未付款'], unpaid('unpaid')],
  [['to_ship', 'paid', 'processing', 'unfulfilled', '待发货', '已付款', '已支付'], to_ship('to_ship')],
  [['shipped', 'fulfilled', 'dispatched', 'sent', '已发货', '待收货'], shipped('shipped')],
  [['completed', 'complete', 'delivered', 'done', '已完成', '交易成功', '已签收'], completed('completed')],
  [['cancelled', 'canceled', 'closed', '已取消', '已关闭', '交易关闭'], { code: 'cancelled', state: 'cancelled', payment: 'unpaid' }],
  [['refunded', '已退款', '退款成功'], { code: 'refunded', state: 'cancelled', payment: 'refunded' }],
]);

/** Refund/after-sale texts meaning the money went back (Douyin 售后状态, Taobao 退款状态, PDD 售后状态). */
export function refundSucceeded(text: string | null): boolean {
  if (!text) return false;
  const k = statusKey(text);
  return k.includes('退款成功') || k.includes('已退款') || k === 'success' || k.includes('售后完成');
}

/** The entry for `text`, with a closed order's payment decided by whether it had been paid. */
const keyCache = new Map<string, string>();

export function lookupStatus(t: Map<string, StatusEntry>, text: string, paid: boolean): StatusEntry | null {
  // A file repeats a handful of status texts a million times: remember their keys (bounded).
  let k = keyCache.get(text);
  if (k === undefined) {
    k = statusKey(text);
    if (keyCache.size < 1000) keyCache.set(text, k);
  }
  const e = t.get(k);
  if (!e) return null;
  return e.closed ? { ...e, payment: paid ? 'refunded' : 'unpaid' } : e;
}
