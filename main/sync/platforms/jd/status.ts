import type { Payment, PlatformState } from '../../../../shared/domain/status.js';

/**
 * JD POP order states (platform-apis.md §7.1 [S]) → ShopDesk's platform state. The verbatim state is kept in
 * platformStatus, so LOCKED / PAUSE stay visible to audit rules even though they sort with to_ship.
 */
const STATES: Record<string, PlatformState> = {
  WAIT_SELLER_STOCK_OUT: 'to_ship', // 等待出库: the seller ships
  // 等待发货: cross-border orders waiting for domestic dispatch [S]; still the seller's to ship.
  WAIT_SELLER_DELIVERY: 'to_ship',
  // [U] Locked (typically a cancellation the buyer asked for) or paused: not shipped yet, and JD refuses a shipment
  // while they last; they are not a state of their own in ShopDesk, the verbatim status tells why.
  LOCKED: 'to_ship',
  PAUSE: 'to_ship',
  POP_ORDER_PAUSE: 'to_ship',
  WAIT_GOODS_RECEIVE_CONFIRM: 'shipped', // 等待确认收货
  FINISHED_L: 'completed', // 完成
  TRADE_CANCELED: 'cancelled', // 取消
};

/** The order_state list the search asks for: everything from "to ship" on (JD's search does not list unpaid orders). */
export const JD_SEARCH_STATES = Object.keys(STATES).join(',');

export function jdState(orderState: string): PlatformState | null {
  return STATES[orderState] ?? null;
}

/**
 * Payment axis. Every listed state is past payment; a cancelled order that had been paid was refunded by JD
 * (JD refunds a cancelled POP order itself) [U], one that never was paid stays unpaid.
 */
export function jdPayment(state: PlatformState, paidAt: number | null): Payment {
  if (state === 'cancelled') return paidAt !== null ? 'refunded' : 'unpaid';
  return 'paid';
}
