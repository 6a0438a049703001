import { FLAG_BIT } from '../../../shared/domain/status.js';
import { parcelRefs, type OrderFacts } from './facts.js';
import { addressKey, addressRefKey, buyerKey } from './keys.js';
import { platformMarks } from './platform-marks.js';

/*
 * Merge eligibility (peers.md §0 item 6: Linnworks' list, 旺店通's COD guard): one shop, one buyer at one address,
 * all paid in one currency, one carrier (or none chosen yet), nothing printed, nothing parked or intercepted, no open
 * after-sales case, not cash on delivery, not Amazon FBA/Prime, not in a parcel already, not shipped. Merging across
 * any of these corrupts a write-back or a label; so suggestions and the merge itself ask the same function.
 */

const name = (o: OrderFacts) => `order ${o.platform_order_id}`;
const BEFORE_PRINT = new Set(['pending_audit', 'approved', 'allocated']);

/** Why this one order may not be merged ('merge') or split ('split'), each reason naming it; [] when it may. */
export function orderRefusals(o: OrderFacts, purpose: 'merge' | 'split'): string[] {
  const why: string[] = [];
  if (o.workflow === 'shipped' || o.workflow === 'written_back' || o.platform_state === 'shipped' || o.platform_state === 'completed') {
    return [`${name(o)} has already shipped`];
  }
  if (o.platform_state === 'cancelled') why.push(`${name(o)} is cancelled on the platform`);
  if (o.payment !== 'paid') why.push(`${name(o)} is not paid in full (payment: ${o.payment})`);
  if (o.open_flags & FLAG_BIT.intercept) why.push(`${name(o)} is intercepted (refunded or cancelled on the platform after import)`);
  // A hold parks an order as it is; splitting is how a pre-sale or out-of-stock hold gets the rest shipped, so only
  // merging refuses it.
  if (purpose === 'merge' && o.open_flags & FLAG_BIT.hold) why.push(`${name(o)} is on hold; release the hold first`);
  if (o.after_sales === 'requested' || o.after_sales === 'in_progress') why.push(`${name(o)} has an open after-sales case`);
  if (!BEFORE_PRINT.has(o.workflow)) why.push(`${name(o)} is already ${o.workflow}: merge and split happen before printing`);
  else if (o.printed_lines > 0) why.push(`${name(o)} has ${o.printed_lines} line(s) printed: merge and split happen before printing`);
  const marks = platformMarks(o);
  if (marks.payLater) why.push(`${name(o)} is cash on delivery (${marks.payLater}): such orders are never merged or split`);
  if (marks.amazonFba) why.push(`${name(o)} is fulfilled by Amazon (FBA): Amazon ships it`);
  else if (purpose === 'merge' && marks.amazonPrime) why.push(`${name(o)} is an Amazon Prime order: its delivery promise is per order, so it is never merged`);
  const parcels = parcelRefs(o);
  if (parcels.length) {
    const merged = parcels.find((p) => p.kind === 'merged');
    why.push(merged ? `${name(o)} is already in merged parcel #${merged.id}` : `${name(o)} is already split into parcels ${parcels.map((p) => `#${p.id}`).join(', ')}`);
  }
  return why;
}

/**
 * Why these orders may not ship as one merged parcel, in plain words naming the orders; [] when they may. The oldest
 * order is the reference the others are compared with.
 */
export function mergeRefusals(orders: readonly OrderFacts[]): string[] {
  if (orders.length < 2) return ['a merge needs at least two orders'];
  const why = orders.flatMap((o) => orderRefusals(o, 'merge'));
  const [first, ...rest] = orders as [OrderFacts, ...OrderFacts[]];
  const firstRef = addressRefKey(first.pii_ref);
  const masked = orders.some((o) => o.pii_masked);
  for (const o of rest) {
    if (o.shop_id !== first.shop_id) {
      why.push(`${name(o)} is from another shop than ${name(first)}`);
      continue;
    }
    if (o.currency !== first.currency) why.push(`${name(o)} is in ${o.currency}, ${name(first)} in ${first.currency}`);
    if (buyerKey(o) !== buyerKey(first)) why.push(`${name(o)} is for another buyer than ${name(first)}`);
    if (addressKey(o) !== addressKey(first)) why.push(`${name(o)} goes to another address than ${name(first)}`);
    else if (masked && (firstRef === null || addressRefKey(o.pii_ref) !== firstRef)) {
      why.push(
        firstRef === null || addressRefKey(o.pii_ref) === null
          ? `${name(firstRef === null ? first : o)} has a masked address and no decrypt reference: ShopDesk cannot tell it is the same address`
          : `${name(o)} and ${name(first)} have masked addresses whose platform references differ: they may be different addresses`,
      );
    }
  }
  const carriers = [...new Set(orders.map((o) => o.carrier?.trim()).filter((c): c is string => !!c))];
  if (carriers.length > 1) why.push(`the orders are set to ship with different carriers (${carriers.join(', ')})`);
  return [...new Set(why)];
}

/** Why this order may not be split; [] when it may. */
export function splitRefusals(o: OrderFacts): string[] {
  return orderRefusals(o, 'split');
}
