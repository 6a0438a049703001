import { z } from 'zod';
import { Platform, RowId } from './ids.js';
import { MinorUnits } from './money.js';
import { Payment } from './status.js';

/*
 * Audit: ordered IF→THEN rules plus built-in checks decide, for every paid order that has not been printed, one of
 * three outcomes. The rules re-run whenever the order (or a rule) changes, and every order keeps which checks and
 * rules fired and why.
 */
export const AUDIT_OUTCOMES = ['approve', 'review', 'hold'] as const;
export const AuditOutcome = z.enum(AUDIT_OUTCOMES);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

/** Built-in exception checks; each raises the flag reason of the same name (shared/domain/status.ts). */
export const AUDIT_CHECKS = [
  'unmapped_sku', // a line whose SKU is neither a known SKU code nor mapped for the shop
  'out_of_stock', // not enough available (on hand − reserved) stock in any active warehouse
  'address_invalid', // incomplete address, province/city/district not a real division, bad phone for the country
  'duplicate_order', // same buyer + address + items in the same shop within a time window
  'blacklisted', // buyer, phone or address on the blacklist
  'buyer_message', // the buyer left a message
  'seller_memo', // the seller wrote a memo
  'amount_outlier', // total or quantity far outside the normal range
  'platform_risk', // the platform flagged the order (risk review, fraud check)
] as const;
export const AuditCheck = z.enum(AUDIT_CHECKS);
export type AuditCheck = z.infer<typeof AuditCheck>;

const Strings = z.array(z.string().trim().min(1).max(200)).min(1).max(500);
const Num = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

/** One condition of a rule; a rule fires when all its conditions hold. Text matches are case-insensitive. */
export const RuleCondition = z.discriminatedUnion('field', [
  z.object({ field: z.literal('shop'), op: z.enum(['in', 'not_in']), values: z.array(RowId).min(1).max(200) }).strict(),
  z.object({ field: z.literal('platform'), op: z.enum(['in', 'not_in']), values: z.array(Platform).min(1) }).strict(),
  /** Amounts in minor units of the order's currency; `currency` narrows the rule to orders in that currency. */
  z
    .object({
      field: z.enum(['total', 'goods', 'shipping', 'discount']),
      op: z.enum(['lt', 'lte', 'gt', 'gte', 'eq', 'between']),
      value: MinorUnits,
      value2: MinorUnits.optional(),
      currency: z.string().regex(/^[A-Z]{3}$/).optional(),
    })
    .strict(),
  /** Units in the order (sum of line quantities), number of lines, weight in grams (from the SKUs). */
  z.object({ field: z.enum(['quantity', 'lines', 'weight']), op: z.enum(['lt', 'lte', 'gt', 'gte', 'eq', 'between']), value: Num, value2: Num.optional() }).strict(),
  /** SKU codes: any line has one of them / every line is one of them / no line has any of them. */
  z.object({ field: z.literal('sku'), op: z.enum(['any', 'all', 'none']), values: Strings }).strict(),
  /** "广东省", "广东省/深圳市", "US", "US/CA": matched against country, province and city from the left. */
  z.object({ field: z.literal('region'), op: z.enum(['in', 'not_in']), values: Strings }).strict(),
  /** Buyer nick, name or phone equal to (in) or containing (contains) one of the values. */
  z.object({ field: z.literal('buyer'), op: z.enum(['in', 'contains']), values: Strings }).strict(),
  /** Buyer message / seller memo: contains one of the keywords, is empty, or is not empty. */
  z
    .object({
      field: z.literal('remark'),
      target: z.enum(['buyer_message', 'seller_memo', 'either']),
      op: z.enum(['contains', 'empty', 'not_empty']),
      values: Strings.optional(),
    })
    .strict(),
  z.object({ field: z.literal('payment'), op: z.literal('in'), values: z.array(Payment).min(1) }).strict(),
  /** Whether every line can be served from available stock. */
  z.object({ field: z.literal('stock'), op: z.enum(['available', 'short']) }).strict(),
  z.object({ field: z.literal('tag'), op: z.enum(['any', 'none']), values: Strings }).strict(),
  /** Local hour the order was placed (0–23, `value2` inclusive; wraps past midnight when value > value2). */
  z.object({ field: z.literal('placed_hour'), op: z.literal('between'), value: z.number().int().min(0).max(23), value2: z.number().int().min(0).max(23) }).strict(),
  /** Hours left until the platform's ship-by deadline. */
  z.object({ field: z.literal('ship_by_hours'), op: z.enum(['lt', 'gt']), value: z.number().int().min(0).max(24 * 90) }).strict(),
  /** Whether built-in checks fired on this order (lets a rule approve e.g. a message that only says "please hurry"). */
  z.object({ field: z.literal('check'), op: z.enum(['fired', 'not_fired']), values: z.array(AuditCheck).min(1) }).strict(),
]);
export type RuleCondition = z.infer<typeof RuleCondition>;

/** When a hold lets go by itself. `when_fixed`: as soon as a re-run no longer finds the reason. */
export const HoldRelease = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('manual') }).strict(),
  z.object({ kind: z.literal('after'), minutes: z.number().int().min(1).max(60 * 24 * 60) }).strict(),
  z.object({ kind: z.literal('before_ship_by'), hours: z.number().int().min(0).max(24 * 30) }).strict(),
  z.object({ kind: z.literal('when_fixed') }).strict(),
]);
export type HoldRelease = z.infer<typeof HoldRelease>;

export const HOLD_REASONS = ['manual_hold', 'presale', 'address_check', 'payment_check', 'fraud_check'] as const;
export const HoldReason = z.enum(HOLD_REASONS);
export type HoldReason = z.infer<typeof HoldReason>;

export const RuleAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('approve') }).strict(),
  z.object({ type: z.literal('review'), note: z.string().trim().max(200).optional() }).strict(),
  z.object({ type: z.literal('hold'), reason: HoldReason, note: z.string().trim().max(200).optional(), release: HoldRelease }).strict(),
  /** Lets the rule approve despite these built-in checks (e.g. buyer_message when the message is harmless). */
  z.object({ type: z.literal('waive'), checks: z.array(AuditCheck).min(1) }).strict(),
  z.object({ type: z.literal('tag'), tags: z.array(z.string().trim().min(1).max(30)).min(1).max(10) }).strict(),
  z.object({ type: z.literal('set_carrier'), carrier: z.string().trim().toUpperCase().min(1).max(20) }).strict(),
  z.object({ type: z.literal('set_warehouse'), warehouseId: RowId }).strict(),
  z.object({ type: z.literal('set_priority'), priority: z.number().int().min(-100).max(100) }).strict(),
]);
export type RuleAction = z.infer<typeof RuleAction>;

export const RuleInput = z
  .object({
    name: z.string().trim().min(1, 'a rule needs a name').max(80),
    enabled: z.boolean().default(true),
    conditions: z.array(RuleCondition).max(20),
    actions: z.array(RuleAction).min(1, 'a rule needs at least one action').max(10),
    /** Stop evaluating later rules once this one fires. */
    stop: z.boolean().default(false),
  })
  .strict();
export type RuleInput = z.input<typeof RuleInput>;

export const AuditRule = z.object({
  id: RowId,
  position: z.number().int().nonnegative(),
  name: z.string(),
  enabled: z.boolean(),
  conditions: z.array(RuleCondition),
  actions: z.array(RuleAction),
  stop: z.boolean(),
  updatedAt: z.number().int(),
  updatedBy: z.string(),
});
export type AuditRule = z.infer<typeof AuditRule>;

/** Settings of one built-in check; `params` are the check's own (window minutes, thresholds…), validated by main. */
export const CheckSetting = z
  .object({
    check: AuditCheck,
    enabled: z.boolean(),
    /** What the check does when it fires: send the order to review, or hold it. */
    outcome: z.enum(['review', 'hold']),
    params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  })
  .strict();
export type CheckSetting = z.infer<typeof CheckSetting>;

/** One line of an order's audit explanation: a check that fired, or a rule that matched and what it did. */
export const AuditFinding = z.discriminatedUnion('source', [
  z.object({
    source: z.literal('check'),
    check: AuditCheck,
    outcome: z.enum(['review', 'hold']),
    /** Plain words, in English, naming the field and value (the UI shows them as they are, as text). */
    detail: z.string(),
    waivedBy: RowId.nullable(),
  }),
  z.object({
    source: z.literal('rule'),
    ruleId: RowId,
    name: z.string(),
    /** The conditions that held, in plain words. */
    matched: z.array(z.string()),
    actions: z.array(RuleAction),
    /** Actions an earlier rule had already decided (outcome, carrier, warehouse, priority): shown as conflicts. */
    overridden: z.array(z.object({ action: z.string(), byRuleId: RowId })),
  }),
]);
export type AuditFinding = z.infer<typeof AuditFinding>;

export const AuditExplanation = z.object({
  orderId: RowId,
  outcome: AuditOutcome.nullable(),
  /** Who decided: the rules by themselves, or a person (and then who). */
  decidedBy: z.enum(['auto', 'person']).nullable(),
  evaluatedAt: z.number().int().nullable(),
  findings: z.array(AuditFinding),
  /** Why the order was not audited (unpaid, already printed, shipped…), else null. */
  skipped: z.string().nullable(),
});
export type AuditExplanation = z.infer<typeof AuditExplanation>;

export const BLACKLIST_KINDS = ['buyer', 'phone', 'address'] as const;
export const BlacklistEntry = z.object({
  id: RowId,
  kind: z.enum(BLACKLIST_KINDS),
  value: z.string(),
  note: z.string().nullable(),
  createdAt: z.number().int(),
  createdBy: z.string(),
});
export type BlacklistEntry = z.infer<typeof BlacklistEntry>;
