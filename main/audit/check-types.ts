import type { AuditCheck } from '../../shared/domain/audit.js';
import type { Platform } from '../../shared/domain/ids.js';
import type { Payment, PlatformState, Queue, Workflow } from '../../shared/domain/status.js';
import type { DB } from '../store/db.js';

/** One order line as the audit sees it: the SKU resolved through the shop's mapping, units and weight known. */
export interface AuditLine {
  id: number;
  lineNo: number;
  platformSku: string | null;
  skuCode: string | null;
  /** Our SKU: platform_skus (shop, platform sku) first, else skus.code = sku_code; null when neither knows it. */
  skuId: number | null;
  /** Units of our SKU this line needs: qty × the mapping's qty_per (bundles). */
  units: number;
  qty: number;
  title: string;
  unitPriceMinor: number;
  /** Grams per unit of our SKU, when known. */
  weightG: number | null;
}

/** An order loaded for audit: the facts every check and rule condition reads. */
export interface AuditOrder {
  id: number;
  shopId: number;
  platform: Platform;
  platformStatus: string;
  platformState: PlatformState;
  payment: Payment;
  workflow: Workflow;
  queue: Queue;
  openFlags: number;
  buyerNick: string | null;
  buyerName: string | null;
  buyerPhone: string | null;
  country: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  address1: string | null;
  postcode: string | null;
  /** The platform gave name/phone/address masked or encrypted: a check must not call a masked value invalid. */
  piiMasked: boolean;
  buyerMessage: string | null;
  sellerMemo: string | null;
  currency: string;
  goodsMinor: number;
  shippingMinor: number;
  discountMinor: number;
  totalMinor: number;
  placedAt: number;
  paidAt: number | null;
  shipBy: number | null;
  tags: readonly string[];
  lines: readonly AuditLine[];
}

export type CheckParams = Record<string, number | string | boolean>;

export interface CheckContext {
  db: DB;
  now: number;
  /** This check's params: its defaults overlaid with the seller's settings (already validated by the check). */
  params: CheckParams;
}

/**
 * A built-in check. `prepare` is called once per audit batch (up to a few thousand orders) so lookups are done in
 * bulk — the budget is 100,000 orders audited in under 5 s, all checks included — and returns the per-order test,
 * which gives the finding's detail in plain English (naming the field and value) when the check fires, else null.
 * The batch is in the order the audit decides it (priority, then paid time), so a check that consumes something
 * (stock) can hand it out in that order.
 */
export interface BuiltInCheck {
  name: AuditCheck;
  defaults: { enabled: boolean; outcome: 'review' | 'hold'; params: CheckParams };
  /** Validates and normalizes the seller's params for this check; throws AppError('invalid_input') naming the field. */
  parseParams(params: CheckParams): CheckParams;
  prepare(batch: readonly AuditOrder[], ctx: CheckContext): (order: AuditOrder) => string | null;
}
