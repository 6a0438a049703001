import { z } from 'zod';
import { EpochMs, Platform, RowId } from './ids.js';
import { Currency, MinorUnits } from './money.js';
import { AfterSales, FlagKind, FlagReason, Payment, PlatformState, Queue, Workflow } from './status.js';

/** One row of the order queue: only what the list shows, so a page stays small. */
export const OrderRow = z.object({
  id: RowId,
  shopId: RowId,
  shopName: z.string(),
  platform: Platform,
  platformOrderId: z.string(),
  platformStatus: z.string(),
  queue: Queue,
  workflow: Workflow,
  payment: Payment,
  afterSales: AfterSales,
  openFlags: z.number().int().nonnegative(),
  buyerNick: z.string().nullable(),
  buyerName: z.string().nullable(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  currency: Currency,
  totalMinor: MinorUnits,
  itemCount: z.number().int().nonnegative(),
  skuSummary: z.string(),
  trackingNo: z.string().nullable(),
  carrier: z.string().nullable(),
  placedAt: EpochMs,
  paidAt: EpochMs.nullable(),
});
export type OrderRow = z.infer<typeof OrderRow>;

export const OrderLine = z.object({
  id: RowId,
  lineNo: z.number().int().positive(),
  platformLineId: z.string().nullable(),
  platformSku: z.string().nullable(),
  skuId: RowId.nullable(),
  skuCode: z.string().nullable(),
  title: z.string(),
  variant: z.string().nullable(),
  qty: z.number().int().positive(),
  unitPriceMinor: MinorUnits,
  discountMinor: MinorUnits,
  counters: z.object({
    allocated: z.number().int().nonnegative(),
    printed: z.number().int().nonnegative(),
    verified: z.number().int().nonnegative(),
    shipped: z.number().int().nonnegative(),
    returned: z.number().int().nonnegative(),
    restocked: z.number().int().nonnegative(),
  }),
});
export type OrderLine = z.infer<typeof OrderLine>;

export const Address = z.object({
  name: z.string().nullable(),
  phone: z.string().nullable(),
  country: z.string().nullable(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  district: z.string().nullable(),
  line1: z.string().nullable(),
  postcode: z.string().nullable(),
  /** True when the platform gave these fields masked or encrypted (Chinese platforms' PII rules). */
  masked: z.boolean(),
});
export type Address = z.infer<typeof Address>;

export const OrderFlag = z.object({
  id: RowId,
  kind: FlagKind,
  reason: FlagReason,
  note: z.string().nullable(),
  releaseAt: EpochMs.nullable(),
  createdAt: EpochMs,
  createdBy: z.string(),
  releasedAt: EpochMs.nullable(),
  releasedBy: z.string().nullable(),
});
export type OrderFlag = z.infer<typeof OrderFlag>;

export const HistoryEvent = z.object({
  id: RowId,
  at: EpochMs,
  actor: z.string(),
  action: z.string(),
  reason: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type HistoryEvent = z.infer<typeof HistoryEvent>;

export const OrderDetail = OrderRow.extend({
  platformState: PlatformState,
  address: Address,
  buyerMessage: z.string().nullable(),
  sellerMemo: z.string().nullable(),
  amounts: z.object({
    goodsMinor: MinorUnits,
    shippingMinor: MinorUnits,
    discountMinor: MinorUnits,
    totalMinor: MinorUnits,
    paidMinor: MinorUnits,
    refundedMinor: MinorUnits,
  }),
  shipBy: EpochMs.nullable(),
  updatedAt: EpochMs,
  lines: z.array(OrderLine),
  flags: z.array(OrderFlag),
  history: z.array(HistoryEvent),
});
export type OrderDetail = z.infer<typeof OrderDetail>;
