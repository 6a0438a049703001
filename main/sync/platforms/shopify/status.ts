import type { Payment, PlatformState } from '../../../../shared/domain/status.js';

/**
 * Shopify's display statuses → ShopDesk's axes (platform-apis.md §10.1). Unknown values are not guessed: a new
 * enum value in a later API version becomes a MappingError naming the field, so the seller sees it.
 */
const FINANCIAL: Record<string, { payment: Payment; paid: boolean }> = {
  PAID: { payment: 'paid', paid: true },
  PARTIALLY_REFUNDED: { payment: 'partly_refunded', paid: true },
  REFUNDED: { payment: 'refunded', paid: true },
  PENDING: { payment: 'unpaid', paid: false },
  AUTHORIZED: { payment: 'unpaid', paid: false },
  // [Assumption] a deposit is not a payment that releases the order for shipping.
  PARTIALLY_PAID: { payment: 'unpaid', paid: false },
  EXPIRED: { payment: 'unpaid', paid: false },
  VOIDED: { payment: 'unpaid', paid: false },
};

const FULFILLMENT: Record<string, 'open' | 'shipped' | 'none'> = {
  UNFULFILLED: 'open',
  PARTIALLY_FULFILLED: 'open',
  IN_PROGRESS: 'open',
  ON_HOLD: 'open',
  SCHEDULED: 'open',
  OPEN: 'open',
  PENDING_FULFILLMENT: 'open',
  REQUEST_DECLINED: 'open',
  FULFILLED: 'shipped',
  // Legacy alias: the items came back and were restocked after shipping.
  RESTOCKED: 'shipped',
  // 2026-xx: nothing to ship (digital goods, services).
  FULFILLMENT_NOT_REQUIRED: 'none',
};

export class StatusError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export interface MappedStatus {
  platformStatus: string;
  platformState: PlatformState;
  payment: Payment;
  paid: boolean;
}

export function mapStatus(financial: string | null, fulfillment: string, cancelledAt: string | null): MappedStatus {
  // A null financial status happens on orders with no payment at all (e.g. a draft order marked as pending).
  const fin = FINANCIAL[financial ?? 'PENDING'];
  if (!fin) throw new StatusError('displayFinancialStatus', `unknown financial status "${financial}"`);
  const ful = FULFILLMENT[fulfillment];
  if (!ful) throw new StatusError('displayFulfillmentStatus', `unknown fulfillment status "${fulfillment}"`);
  // Verbatim, joined: "PAID/UNFULFILLED", "REFUNDED/UNFULFILLED/CANCELLED".
  const platformStatus = [financial, fulfillment, cancelledAt ? 'CANCELLED' : null].filter((s) => s !== null).join('/');
  let platformState: PlatformState;
  if (cancelledAt) platformState = 'cancelled';
  else if (ful === 'shipped') platformState = 'shipped';
  // [Assumption] nothing to ship and nothing to wait for: the order is done as far as the warehouse goes.
  else if (ful === 'none') platformState = fin.paid ? 'completed' : 'unpaid';
  else platformState = fin.paid ? 'to_ship' : 'unpaid';
  return { platformStatus, platformState, payment: fin.payment, paid: fin.paid };
}
