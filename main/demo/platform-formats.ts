import type { Platform } from '../../shared/domain/ids.js';
import type { PlatformState } from '../../shared/domain/status.js';

/** Platform status strings as each platform really spells them (platform-apis.md §10.1). */
const STATUS: Record<Platform, Record<PlatformState, string>> = {
  taobao: { unpaid: 'WAIT_BUYER_PAY', to_ship: 'WAIT_SELLER_SEND_GOODS', shipped: 'WAIT_BUYER_CONFIRM_GOODS', completed: 'TRADE_FINISHED', cancelled: 'TRADE_CLOSED' },
  douyin: { unpaid: '1', to_ship: '2', shipped: '3', completed: '5', cancelled: '4' },
  pinduoduo: { unpaid: '0', to_ship: '1', shipped: '2', completed: '3', cancelled: 'refund_status=4' },
  jd: { unpaid: 'WAIT_PAY', to_ship: 'WAIT_SELLER_STOCK_OUT', shipped: 'WAIT_GOODS_RECEIVE_CONFIRM', completed: 'FINISHED_L', cancelled: 'TRADE_CANCELED' },
  kuaishou: { unpaid: '10', to_ship: '30', shipped: '40', completed: '70', cancelled: '80' },
  amazon: { unpaid: 'Pending', to_ship: 'Unshipped', shipped: 'Shipped', completed: 'Shipped', cancelled: 'Canceled' },
  shopify: { unpaid: 'PENDING', to_ship: 'PAID/UNFULFILLED', shipped: 'PAID/FULFILLED', completed: 'PAID/FULFILLED', cancelled: 'CANCELLED' },
  woocommerce: { unpaid: 'pending', to_ship: 'processing', shipped: 'completed', completed: 'completed', cancelled: 'cancelled' },
  manual: { unpaid: '待付款', to_ship: '待发货', shipped: '已发货', completed: '已完成', cancelled: '已取消' },
};

export function platformStatus(platform: Platform, state: PlatformState): string {
  return STATUS[platform][state];
}

function digits(rand: () => number, n: number): string {
  let s = '';
  while (s.length < n) s += Math.floor(rand() * 1e9).toString().padStart(9, '0');
  return s.slice(0, n);
}

/** Order ids in each platform's real shape, unique per demo order index `i`. */
export function platformOrderId(platform: Platform, i: number, placedAt: number, rand: () => number): string {
  const seq = String(i).padStart(7, '0');
  const d = new Date(placedAt + 8 * 3_600_000); // GMT+8 calendar day, as Chinese platforms stamp it
  const ymd = `${String(d.getUTCFullYear()).slice(2)}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
  switch (platform) {
    case 'taobao':
      return '3' + digits(rand, 11) + seq; // 19 digits
    case 'douyin':
      return '69' + digits(rand, 10) + seq; // 19 digits
    case 'pinduoduo':
      return `${ymd}-${digits(rand, 8)}${seq}`; // yymmdd-15 digits
    case 'jd':
      return '30' + digits(rand, 3) + seq; // 12 digits
    case 'kuaishou':
      return '21' + digits(rand, 7) + seq; // 16 digits
    case 'amazon':
      return `1${digits(rand, 2)}-${seq}-${digits(rand, 7)}`; // 3-7-7
    case 'shopify':
      return String(5_000_000_000_000 + i); // 13-digit order id
    case 'woocommerce':
      return String(10_000 + i);
    case 'manual':
      return `M${ymd}${seq}`;
  }
}
