import { z } from 'zod';

/*
 * An order has orthogonal axes; the queue a person sees is derived from them (see deriveQueue).
 * - platformState: the platform's status normalized (the verbatim string is kept too).
 * - workflow: ShopDesk's own pipeline, only ever moves forward.
 * - payment: money axis.
 * - afterSales: whether a refund/return/exchange case is open.
 * Holds, exceptions and intercepts are flags with a reason, not states.
 */
export const PLATFORM_STATES = ['unpaid', 'to_ship', 'shipped', 'completed', 'cancelled'] as const;
export const PlatformState = z.enum(PLATFORM_STATES);
export type PlatformState = z.infer<typeof PlatformState>;

export const WORKFLOW = ['pending_audit', 'approved', 'allocated', 'printed', 'verified', 'shipped', 'written_back'] as const;
export const Workflow = z.enum(WORKFLOW);
export type Workflow = z.infer<typeof Workflow>;

export const PAYMENT = ['unpaid', 'paid', 'partly_refunded', 'refunded'] as const;
export const Payment = z.enum(PAYMENT);
export type Payment = z.infer<typeof Payment>;

export const AFTER_SALES = ['none', 'requested', 'in_progress', 'closed'] as const;
export const AfterSales = z.enum(AFTER_SALES);
export type AfterSales = z.infer<typeof AfterSales>;

export const FLAG_KINDS = ['hold', 'exception', 'intercept'] as const;
export const FlagKind = z.enum(FLAG_KINDS);
export type FlagKind = z.infer<typeof FlagKind>;

/** Typed reasons; the UI translates each. */
export const FLAG_REASONS = [
  // holds (set by a person or a rule, released by a condition)
  'manual_hold',
  'presale',
  'address_check',
  'payment_check',
  'fraud_check',
  'rejected', // a reviewer decided not to ship it from here
  // exceptions (raised by audit)
  'unmapped_sku',
  'out_of_stock',
  'address_invalid',
  'duplicate_order',
  'blacklisted',
  'buyer_message',
  'seller_memo',
  'amount_outlier',
  'platform_risk',
  'rule_review', // a rule sent the order to review
  // intercepts (the platform changed under us after import)
  'refund_requested',
  'cancelled_after_import',
  'after_sale_opened',
] as const;
export const FlagReason = z.enum(FLAG_REASONS);
export type FlagReason = z.infer<typeof FlagReason>;

/** Open-flag bitmask kept on the order row so the queue can be derived and indexed. */
export const FLAG_BIT: Record<FlagKind, number> = { hold: 1, exception: 2, intercept: 4 };

/** The tabs of the order queue, in display order. */
export const QUEUES = [
  'pending_audit',
  'review',
  'on_hold',
  'to_print',
  'to_pack',
  'shipped',
  'unpaid',
  'intercepted',
  'cancelled',
] as const;
export const Queue = z.enum(QUEUES);
export type Queue = z.infer<typeof Queue>;

export interface QueueInputs {
  platformState: PlatformState;
  workflow: Workflow;
  payment: Payment;
  openFlags: number;
}

const WORKFLOW_RANK: Record<Workflow, number> = Object.fromEntries(WORKFLOW.map((w, i) => [w, i])) as Record<Workflow, number>;

/** True when `next` is not behind `current`: the workflow never regresses. */
export function workflowAdvances(current: Workflow, next: Workflow): boolean {
  return WORKFLOW_RANK[next] >= WORKFLOW_RANK[current];
}

/**
 * The single place that decides which queue an order is in. Order matters: something that has left the building is
 * "shipped" whatever else is true; an intercept outranks a hold, which outranks an exception.
 */
export function deriveQueue(o: QueueInputs): Queue {
  if (WORKFLOW_RANK[o.workflow] >= WORKFLOW_RANK.shipped) return 'shipped';
  if (o.openFlags & FLAG_BIT.intercept) return 'intercepted';
  if (o.platformState === 'cancelled' || o.payment === 'refunded') return 'cancelled';
  if (o.platformState === 'shipped' || o.platformState === 'completed') return 'shipped';
  if (o.platformState === 'unpaid' || o.payment === 'unpaid') return 'unpaid';
  if (o.openFlags & FLAG_BIT.hold) return 'on_hold';
  if (o.workflow === 'pending_audit') return o.openFlags & FLAG_BIT.exception ? 'review' : 'pending_audit';
  if (o.workflow === 'approved' || o.workflow === 'allocated') return 'to_print';
  return 'to_pack'; // printed or verified, not yet shipped
}
