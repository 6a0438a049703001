import { z } from 'zod';
import {
  AuditCheck,
  AuditExplanation,
  AuditOutcome,
  AuditRule,
  BLACKLIST_KINDS,
  BlacklistEntry,
  CheckSetting,
  HoldReason,
  RuleInput,
} from '../domain/audit.js';
import { EpochMs, RowId } from '../domain/ids.js';
import { OrderRow } from '../domain/order.js';
import { FlagReason } from '../domain/status.js';

const Ok = z.object({ ok: z.literal(true) });
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is written YYYY-MM-DD');

/** An order waiting for a person: its queue row plus the open reasons (exceptions and holds) and one-line why. */
export const ReviewRow = OrderRow.extend({
  reasons: z.array(FlagReason),
  /** The first finding in plain words, for the list; the full explanation comes from audit.explain. */
  summary: z.string(),
  holdReleaseAt: EpochMs.nullable(),
});
export type ReviewRow = z.infer<typeof ReviewRow>;

export const ReviewListInput = z
  .object({
    /** 'review': orders with exceptions; 'on_hold': held orders. */
    queue: z.enum(['review', 'on_hold']).default('review'),
    reason: FlagReason.optional(),
    shopIds: z.array(RowId).max(200).optional(),
    offset: z.number().int().nonnegative().max(10_000_000).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type ReviewListInput = z.input<typeof ReviewListInput>;

export const ReviewList = z.object({
  /** Open orders per reason in this queue (an order with two reasons counts in both). */
  groups: z.array(z.object({ reason: FlagReason, count: z.number().int().nonnegative() })),
  rows: z.array(ReviewRow),
  total: z.number().int().nonnegative(),
});
export type ReviewList = z.infer<typeof ReviewList>;

export const DECISIONS = ['approve', 'hold', 'reject'] as const;
export const DecideInput = z
  .object({
    orderIds: z.array(RowId).min(1).max(500),
    /**
     * approve: clears the exceptions and sends the order to printing (blocking exceptions — unmapped SKU, stock,
     * address, blacklist — need audit.override). hold: parks it with a reason and release condition. reject: the
     * order will not be shipped from here (it stays on hold with reason 'rejected' until a person releases it).
     */
    decision: z.enum(DECISIONS),
    note: z.string().trim().max(500).optional(),
    hold: z
      .object({
        reason: HoldReason,
        /** Release automatically at this time; absent: only by hand or when the reason is fixed. */
        releaseAt: EpochMs.optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((d) => d.decision !== 'hold' || d.hold !== undefined, { message: 'a hold needs a reason', path: ['hold'] });
export type DecideInput = z.input<typeof DecideInput>;

/** Bulk decisions apply per order: one refusal (claimed, shipped, needs override) does not stop the others. */
export const DecideResult = z.object({
  results: z.array(
    z.object({
      orderId: RowId,
      ok: z.boolean(),
      /** The order's queue after the decision. */
      queue: z.string().nullable(),
      error: z.object({ code: z.string(), message: z.string() }).nullable(),
    }),
  ),
});
export type DecideResult = z.infer<typeof DecideResult>;

export const RuleConflict = z.object({
  /** The earlier rule, whose action wins. */
  winnerId: RowId,
  loserId: RowId,
  /** What they disagree on: 'outcome', 'carrier', 'warehouse', 'priority', or 'unreachable' (an earlier stop rule covers it). */
  on: z.string(),
  /** Orders (among those audited lately) where both matched. */
  orders: z.number().int().nonnegative(),
  detail: z.string(),
});
export type RuleConflict = z.infer<typeof RuleConflict>;

export const RulesView = z.object({ rules: z.array(AuditRule), conflicts: z.array(RuleConflict) });
export type RulesView = z.infer<typeof RulesView>;

export const AuditRunResult = z.object({
  evaluated: z.number().int().nonnegative(),
  approved: z.number().int().nonnegative(),
  review: z.number().int().nonnegative(),
  held: z.number().int().nonnegative(),
  released: z.number().int().nonnegative(),
  ms: z.number().nonnegative(),
});
export type AuditRunResult = z.infer<typeof AuditRunResult>;

export const AuditKpi = z.object({
  from: Day,
  to: Day,
  /** Orders that reached a first audit outcome on each day (local time), and how. */
  days: z.array(
    z.object({
      day: Day,
      audited: z.number().int().nonnegative(),
      autoApproved: z.number().int().nonnegative(),
      review: z.number().int().nonnegative(),
      held: z.number().int().nonnegative(),
      /** autoApproved / audited, 0..1; null when nothing was audited. */
      autoRate: z.number().min(0).max(1).nullable(),
    }),
  ),
  total: z.object({ audited: z.number().int(), autoApproved: z.number().int(), autoRate: z.number().min(0).max(1).nullable() }),
  byRule: z.array(z.object({ ruleId: RowId, name: z.string(), fired: z.number().int(), decided: AuditOutcome.nullable() })),
  byCheck: z.array(z.object({ check: AuditCheck, fired: z.number().int() })),
  /** The target the dashboard measures against. */
  target: z.number().min(0).max(1),
});
export type AuditKpi = z.infer<typeof AuditKpi>;

export const MergeSuggestion = z.object({
  /** The orders that would ship as one parcel, oldest first. */
  orderIds: z.array(RowId).min(2),
  shopId: RowId,
  buyer: z.string(),
  address: z.string(),
  totalMinor: z.number().int(),
  currency: z.string(),
});
export type MergeSuggestion = z.infer<typeof MergeSuggestion>;

export const ParcelInfo = z.object({
  id: RowId,
  kind: z.enum(['merged', 'split']),
  shopId: RowId,
  state: z.enum(['open', 'printed', 'verified', 'shipped', 'cancelled']),
  carrier: z.string().nullable(),
  trackingNo: z.string().nullable(),
  lines: z.array(z.object({ orderId: RowId, platformOrderId: z.string(), orderLineId: RowId, title: z.string(), skuCode: z.string().nullable(), qty: z.number().int().positive() })),
});
export type ParcelInfo = z.infer<typeof ParcelInfo>;

export const auditChannels = {
  'audit.review.list': { input: ReviewListInput, output: ReviewList, permission: 'orders.view' },
  'audit.explain': { input: z.object({ orderId: RowId }).strict(), output: AuditExplanation, permission: 'orders.view' },
  'audit.decide': { input: DecideInput, output: DecideResult, permission: 'audit.decide' },
  /** Releases every open hold on these orders and re-audits them. */
  'audit.release': {
    input: z.object({ orderIds: z.array(RowId).min(1).max(500), note: z.string().trim().max(500).optional() }).strict(),
    output: DecideResult,
    permission: 'audit.decide',
  },
  /** Re-runs the rules on every order not yet printed (after rules change, or by hand). */
  'audit.run': { input: z.object({}).strict(), output: AuditRunResult, permission: 'rules.edit' },
  'audit.rules.list': { input: z.object({}).strict(), output: RulesView, permission: 'orders.view' },
  'audit.rules.save': { input: z.object({ id: RowId.optional(), rule: RuleInput }).strict(), output: RulesView, permission: 'rules.edit' },
  'audit.rules.remove': { input: z.object({ id: RowId }).strict(), output: RulesView, permission: 'rules.edit' },
  /** Moves a rule to a new position (0 = evaluated first). */
  'audit.rules.move': { input: z.object({ id: RowId, position: z.number().int().nonnegative() }).strict(), output: RulesView, permission: 'rules.edit' },
  'audit.checks.list': { input: z.object({}).strict(), output: z.object({ checks: z.array(CheckSetting) }), permission: 'orders.view' },
  'audit.checks.save': { input: CheckSetting, output: z.object({ checks: z.array(CheckSetting) }), permission: 'rules.edit' },
  'audit.blacklist.list': { input: z.object({}).strict(), output: z.object({ entries: z.array(BlacklistEntry) }), permission: 'orders.view' },
  'audit.blacklist.add': {
    input: z.object({ kind: z.enum(BLACKLIST_KINDS), value: z.string().trim().min(1).max(200), note: z.string().trim().max(200).optional() }).strict(),
    output: z.object({ entries: z.array(BlacklistEntry) }),
    permission: 'rules.edit',
  },
  'audit.blacklist.remove': { input: z.object({ id: RowId }).strict(), output: z.object({ entries: z.array(BlacklistEntry) }), permission: 'rules.edit' },
  'audit.kpi': { input: z.object({ from: Day.optional(), to: Day.optional() }).strict(), output: AuditKpi, permission: 'orders.view' },
  'orders.merge.suggestions': {
    input: z.object({ shopIds: z.array(RowId).max(200).optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.object({ suggestions: z.array(MergeSuggestion) }),
    permission: 'orders.view',
  },
  /** Merges paid, unprinted orders of one buyer+address+shop into one parcel; each order keeps its write-back. */
  'orders.merge': { input: z.object({ orderIds: z.array(RowId).min(2).max(50) }).strict(), output: ParcelInfo, permission: 'audit.decide' },
  /** Splits an order into parcels by line and quantity; every unit of the order goes into exactly one part. */
  'orders.split': {
    input: z
      .object({
        orderId: RowId,
        parts: z.array(z.object({ lines: z.array(z.object({ orderLineId: RowId, qty: z.number().int().positive() }).strict()).min(1) }).strict()).min(2).max(20),
      })
      .strict(),
    output: z.object({ parcels: z.array(ParcelInfo) }),
    permission: 'audit.decide',
  },
  /** Undoes a merge or split that has not been printed yet. */
  'orders.unparcel': { input: z.object({ parcelId: RowId }).strict(), output: Ok, permission: 'audit.decide' },
  'orders.parcels': { input: z.object({ orderId: RowId }).strict(), output: z.object({ parcels: z.array(ParcelInfo) }), permission: 'orders.view' },
} as const;
