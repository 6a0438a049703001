import { z } from 'zod';
import { EpochMs, Platform, RowId } from '../domain/ids.js';
import { Currency, MinorUnits } from '../domain/money.js';
import type { ChannelDef } from './index.js';

/*
 * Fulfilment: warehouses, SKUs and their platform mappings, stock, warehouse and carrier rules, allocation, and
 * waybills (tracking numbers) from whichever provider a carrier uses.
 */

const Ok = z.object({ ok: z.literal(true) });
const text = (max: number, what: string) => z.string().trim().min(1, `${what} is required`).max(max, `${what} is at most ${max} characters`);
const optText = (max: number) => z.string().trim().max(max).nullable().optional();
/** ShopDesk's own carrier code (shared/domain/carriers.ts), upper-cased. */
const CarrierCode = z.string().trim().toUpperCase().min(1, 'carrier is required').max(20);
const Qty = z.number().int().min(0).max(10_000_000);
const Page = { offset: z.number().int().nonnegative().max(10_000_000).default(0), limit: z.number().int().min(1).max(500).default(100) };

// ——— warehouses ———

export const WarehouseInput = z
  .object({
    /** Absent: a new warehouse. */
    id: RowId.optional(),
    code: z.string().trim().toUpperCase().min(1, 'code is required').max(40).regex(/^[A-Z0-9_-]+$/, 'code: letters, digits, - and _ only'),
    name: text(100, 'name'),
    province: optText(40),
    city: optText(40),
    district: optText(40),
    address: optText(200),
    /** Printed as the sender on e-waybills. */
    contactName: optText(40),
    contactPhone: optText(30),
    /** Higher is tried first when no rule decides (like orders.priority). */
    priority: z.number().int().min(-1000).max(1000).default(100),
    active: z.boolean().default(true),
  })
  .strict();
export type WarehouseInput = z.input<typeof WarehouseInput>;

export const Warehouse = z.object({
  id: RowId,
  code: z.string(),
  name: z.string(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  district: z.string().nullable(),
  address: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  priority: z.number().int(),
  active: z.boolean(),
  createdAt: EpochMs,
});
export type Warehouse = z.infer<typeof Warehouse>;

// ——— SKUs and platform mappings ———

export const SkuInput = z
  .object({
    id: RowId.optional(),
    code: text(100, 'code'),
    name: text(200, 'name'),
    barcode: z.string().trim().min(1).max(64).nullable().optional(),
    weightG: z.number().int().min(0).max(1_000_000).nullable().optional(),
    active: z.boolean().default(true),
  })
  .strict();
export type SkuInput = z.input<typeof SkuInput>;

export const Sku = z.object({
  id: RowId,
  code: z.string(),
  name: z.string(),
  barcode: z.string().nullable(),
  weightG: z.number().int().nullable(),
  active: z.boolean(),
  /** Totals over all warehouses. */
  onHand: z.number().int(),
  reserved: z.number().int(),
});
export type Sku = z.infer<typeof Sku>;

export const SkuMappingInput = z
  .object({
    shopId: RowId,
    /** The platform's SKU id (or the listing's outer id) as order lines carry it. */
    platformSku: text(100, 'platformSku'),
    skuId: RowId,
    /** Units of our SKU per unit sold (a listing that sells a pack of 3 maps with qtyPer 3). */
    qtyPer: z.number().int().min(1).max(1000).default(1),
  })
  .strict();
export type SkuMappingInput = z.input<typeof SkuMappingInput>;

export const SkuMapping = z.object({ id: RowId, shopId: RowId, shopName: z.string(), platformSku: z.string(), skuId: RowId, skuCode: z.string(), qtyPer: z.number().int() });
export type SkuMapping = z.infer<typeof SkuMapping>;

export const UnmappedSku = z.object({
  shopId: RowId,
  platformSku: z.string().nullable(),
  skuCode: z.string().nullable(),
  title: z.string(),
  /** Open orders (not shipped, not cancelled) with a line like this. */
  orders: z.number().int().nonnegative(),
});

// ——— stock ———

export const StockRow = z.object({
  warehouseId: RowId,
  warehouseCode: z.string(),
  skuId: RowId,
  skuCode: z.string(),
  skuName: z.string(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  /** onHand − reserved; negative when a count found fewer units than orders already hold. */
  available: z.number().int(),
  lowWater: z.number().int(),
  /** available ≤ lowWater. */
  low: z.boolean(),
  updatedAt: EpochMs,
});
export type StockRow = z.infer<typeof StockRow>;

export const StockAdjustInput = z
  .object({
    warehouseId: RowId,
    skuId: RowId,
    /** set: a count (on hand becomes qty); receive: qty units arrived (on hand += qty). */
    mode: z.enum(['set', 'receive']),
    qty: Qty,
    reason: z.string().trim().max(200).optional(),
  })
  .strict()
  .refine((a) => a.mode !== 'receive' || a.qty >= 1, { message: 'receiving needs at least 1 unit', path: ['qty'] });
export type StockAdjustInput = z.input<typeof StockAdjustInput>;

// ——— rules ———

/** "广东省", "广东省/深圳市", "US", "US/CA": matched from the left against country, province and city. */
const Regions = z.array(z.string().trim().min(1).max(100)).min(1).max(200);

export const WarehouseRuleWhen = z
  .object({ regions: Regions.optional(), platforms: z.array(Platform).min(1).optional(), shopIds: z.array(RowId).min(1).max(200).optional() })
  .strict();
export type WarehouseRuleWhen = z.infer<typeof WarehouseRuleWhen>;

export const WarehouseRuleInput = z
  .object({ name: text(80, 'name'), enabled: z.boolean().default(true), when: WarehouseRuleWhen, warehouseId: RowId })
  .strict();
export type WarehouseRuleInput = z.input<typeof WarehouseRuleInput>;
export const WarehouseRule = z.object({ id: RowId, position: z.number().int(), name: z.string(), enabled: z.boolean(), when: WarehouseRuleWhen, warehouseId: RowId });
export type WarehouseRule = z.infer<typeof WarehouseRule>;

const Range = z
  .object({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() })
  .strict()
  .refine((r) => r.min !== undefined || r.max !== undefined, { message: 'give min, max or both' })
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, { message: 'min is above max' });

export const CarrierRuleWhen = WarehouseRuleWhen.extend({
  warehouseIds: z.array(RowId).min(1).max(200).optional(),
  /** Parcel weight in grams from the SKUs' weights; a rule with a weight never matches an order whose weight is unknown. */
  weightG: Range.optional(),
  /** Order total in minor units of `currency`; never matches an order in another currency. */
  amount: z.object({ currency: Currency, min: MinorUnits.optional(), max: MinorUnits.optional() }).strict().optional(),
}).strict();
export type CarrierRuleWhen = z.infer<typeof CarrierRuleWhen>;

export const CarrierRuleInput = z.object({ name: text(80, 'name'), enabled: z.boolean().default(true), when: CarrierRuleWhen, carrier: CarrierCode }).strict();
export type CarrierRuleInput = z.input<typeof CarrierRuleInput>;
export const CarrierRule = z.object({ id: RowId, position: z.number().int(), name: z.string(), enabled: z.boolean(), when: CarrierRuleWhen, carrier: z.string() });
export type CarrierRule = z.infer<typeof CarrierRule>;

const CarrierRules = z.object({ rules: z.array(CarrierRule), defaultCarrier: z.string().nullable() });

// ——— allocation ———

export const WAIT_REASONS = ['unmapped_sku', 'short', 'warehouse_inactive', 'no_warehouse'] as const;
export const AllocationResult = z.object({
  /** Orders looked at: approved ones, plus allocated ones whose reservation was released and may be taken again. */
  considered: z.number().int().nonnegative(),
  allocated: z.number().int().nonnegative(),
  /** Orders past approval that got their released reservation back (an intercept lifted). */
  rereserved: z.number().int().nonnegative(),
  /** Orders this run chose a carrier for. */
  carriersChosen: z.number().int().nonnegative(),
  /** Allocated orders still without a carrier (no rule matched and no default carrier). */
  noCarrier: z.number().int().nonnegative(),
  /** Orders left waiting (they stay approved), the first 200 with why. */
  waiting: z.number().int().nonnegative(),
  waitingOrders: z.array(z.object({ orderId: RowId, platformOrderId: z.string(), reason: z.enum(WAIT_REASONS), detail: z.string() })),
  /** Stock this run took to or below its low-water mark. */
  lowStock: z.array(StockRow),
  ms: z.number().nonnegative(),
});
export type AllocationResult = z.infer<typeof AllocationResult>;

export const ReleaseResult = z.object({
  released: z.number().int().nonnegative(),
  orders: z.array(z.object({ orderId: RowId, platformOrderId: z.string(), why: z.enum(['intercepted', 'cancelled', 'refunded']), units: z.number().int() })),
});
export type ReleaseResult = z.infer<typeof ReleaseResult>;

// ——— waybills ———

export const WAYBILL_PROVIDERS = ['manual', 'pool', 'cainiao'] as const;
export const WaybillProviderName = z.enum(WAYBILL_PROVIDERS);
export const WAYBILL_STATES = ['allocated', 'printed', 'shipped', 'void', 'recycled'] as const;

export const WaybillRow = z.object({
  id: RowId,
  orderId: RowId.nullable(),
  parcelId: RowId.nullable(),
  carrier: z.string(),
  trackingNo: z.string(),
  provider: WaybillProviderName,
  state: z.enum(WAYBILL_STATES),
  reprints: z.number().int().nonnegative(),
  /** What the print component needs (Cainiao cloud-print JSON); null for pool and hand-bound numbers. */
  printData: z.string().nullable(),
  createdAt: EpochMs,
  updatedAt: EpochMs,
});
export type WaybillRow = z.infer<typeof WaybillRow>;

export const WaybillCarrierInput = z
  .object({
    carrier: CarrierCode,
    provider: WaybillProviderName,
    /** cainiao: the Taobao shop whose authorization gets the numbers. */
    shopId: RowId.nullable().optional(),
    /** cainiao: the carrier's Cainiao code; absent: the Taobao company code from Settings → Carriers. */
    cpCode: z.string().trim().min(1).max(20).nullable().optional(),
    /** cainiao: the cloud-print standard template (http://cloudprint.cainiao.com/template/standard/…). */
    templateUrl: z.url({ message: 'templateUrl must be a URL' }).max(300).nullable().optional(),
    /** cainiao: the seller's numeric Taobao user id (the waybill account's user). */
    userId: z.string().trim().regex(/^\d{1,20}$/, 'userId is the numeric Taobao seller id').nullable().optional(),
    /** Warn when this many or fewer pool numbers are left. */
    lowWater: z.number().int().min(0).max(1_000_000).default(0),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.provider !== 'cainiao') return;
    for (const f of ['shopId', 'templateUrl', 'userId'] as const) {
      if (c[f] === undefined || c[f] === null) ctx.addIssue({ code: 'custom', path: [f], message: `the Cainiao e-waybill needs ${f}` });
    }
  });
export type WaybillCarrierInput = z.input<typeof WaybillCarrierInput>;

export const WaybillCarrier = z.object({
  carrier: z.string(),
  provider: WaybillProviderName,
  shopId: RowId.nullable(),
  cpCode: z.string().nullable(),
  templateUrl: z.string().nullable(),
  userId: z.string().nullable(),
  lowWater: z.number().int(),
  pool: z.object({ free: z.number().int(), taken: z.number().int(), void: z.number().int() }),
  /** Pool numbers left are at or below lowWater. */
  poolLow: z.boolean(),
});
export type WaybillCarrier = z.infer<typeof WaybillCarrier>;

export const PoolImportInput = z
  .object({
    carrier: CarrierCode,
    /** The carrier's list: one number a line, or a CSV/TSV whose number column is found by its values. */
    text: z.string().min(1, 'the list is empty').max(8_000_000, 'the list is over 8 MB; split it'),
    /** What the seller calls this batch (the file name, by default). */
    batch: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export const PoolImportResult = z.object({
  added: z.number().int().nonnegative(),
  /** Already in the pool or already bound to an order: skipped. */
  duplicates: z.number().int().nonnegative(),
  free: z.number().int().nonnegative(),
  poolLow: z.boolean(),
});

export const WaybillAllocateResult = z.object({
  results: z.array(
    z.object({ orderId: RowId, ok: z.boolean(), waybill: WaybillRow.nullable(), error: z.object({ code: z.string(), message: z.string() }).nullable() }),
  ),
});

export const CainiaoSubscription = z.object({
  cpCode: z.string(),
  cpType: z.number().int().nullable(),
  branches: z.array(
    z.object({
      branchCode: z.string(),
      branchName: z.string(),
      /** Numbers left on the account. */
      quantity: z.number().int(),
      allocated: z.number().int(),
      cancelled: z.number().int(),
      printed: z.number().int(),
      addresses: z.array(z.object({ province: z.string(), city: z.string(), district: z.string(), town: z.string(), detail: z.string() })),
    }),
  ),
});

const OrderIds = z.array(RowId).min(1).max(10_000);

export const fulfilChannels = {
  'warehouses.list': { input: z.object({}).strict(), output: z.object({ rows: z.array(Warehouse) }), permission: 'orders.view' },
  'warehouses.save': { input: WarehouseInput, output: Warehouse, permission: 'shops.manage' },

  'skus.list': {
    input: z.object({ search: z.string().trim().max(100).optional(), includeInactive: z.boolean().default(false), ...Page }).strict(),
    output: z.object({ rows: z.array(Sku), total: z.number().int().nonnegative() }),
    permission: 'orders.view',
  },
  'skus.save': { input: SkuInput, output: Sku, permission: 'orders.edit' },
  'skus.mappings': {
    input: z.object({ shopId: RowId.optional(), skuId: RowId.optional(), search: z.string().trim().max(100).optional(), ...Page }).strict(),
    output: z.object({ rows: z.array(SkuMapping), total: z.number().int().nonnegative() }),
    permission: 'orders.view',
  },
  'skus.map': { input: SkuMappingInput, output: SkuMapping, permission: 'orders.edit' },
  'skus.unmap': { input: z.object({ id: RowId }).strict(), output: Ok, permission: 'orders.edit' },
  /** Lines of open orders that no mapping and no SKU code resolves: what to map next. */
  'skus.unmapped': {
    input: z.object({ shopId: RowId.optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.object({ rows: z.array(UnmappedSku) }),
    permission: 'orders.view',
  },

  'stock.list': {
    input: z.object({ warehouseId: RowId.optional(), skuId: RowId.optional(), search: z.string().trim().max(100).optional(), ...Page }).strict(),
    output: z.object({ rows: z.array(StockRow), total: z.number().int().nonnegative() }),
    permission: 'orders.view',
  },
  'stock.adjust': { input: StockAdjustInput, output: StockRow, permission: 'orders.edit' },
  'stock.setLowWater': { input: z.object({ warehouseId: RowId, skuId: RowId, lowWater: Qty }).strict(), output: StockRow, permission: 'orders.edit' },
  'stock.low': { input: z.object({ warehouseId: RowId.optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(), output: z.object({ rows: z.array(StockRow) }), permission: 'orders.view' },

  'fulfil.warehouseRules': { input: z.object({}).strict(), output: z.object({ rules: z.array(WarehouseRule) }), permission: 'orders.view' },
  /** Replaces the whole ordered list (the screen saves after a drag). */
  'fulfil.saveWarehouseRules': {
    input: z.object({ rules: z.array(WarehouseRuleInput).max(200) }).strict(),
    output: z.object({ rules: z.array(WarehouseRule) }),
    permission: 'rules.edit',
  },
  'fulfil.carrierRules': { input: z.object({}).strict(), output: CarrierRules, permission: 'orders.view' },
  'fulfil.saveCarrierRules': {
    input: z.object({ rules: z.array(CarrierRuleInput).max(200), defaultCarrier: CarrierCode.nullable() }).strict(),
    output: CarrierRules,
    permission: 'rules.edit',
  },
  /** Reserves stock for approved orders (highest priority, then earliest paid first) and moves them to allocated. */
  'fulfil.allocate': { input: z.object({ orderIds: OrderIds.optional() }).strict(), output: AllocationResult, permission: 'audit.decide' },
  /** Gives back the stock held by orders cancelled, refunded or intercepted before shipping. */
  'fulfil.release': { input: z.object({}).strict(), output: ReleaseResult, permission: 'audit.decide' },

  'waybills.carriers': { input: z.object({}).strict(), output: z.object({ rows: z.array(WaybillCarrier) }), permission: 'orders.view' },
  'waybills.setCarrier': { input: WaybillCarrierInput, output: WaybillCarrier, permission: 'shops.manage' },
  'waybills.importPool': { input: PoolImportInput, output: PoolImportResult, permission: 'shops.manage' },
  /** The Cainiao account behind a carrier: branches, numbers left, the sender addresses it allows. */
  'waybills.subscriptions': { input: z.object({ carrier: CarrierCode }).strict(), output: z.object({ rows: z.array(CainiaoSubscription) }), permission: 'shops.manage' },
  'waybills.forOrder': { input: z.object({ orderId: RowId }).strict(), output: z.object({ rows: z.array(WaybillRow) }), permission: 'orders.view' },
  /** Binds a number typed in or scanned from a label (a pool number is taken from the pool). */
  'waybills.bind': {
    input: z.object({ orderId: RowId, carrier: CarrierCode.optional(), trackingNo: z.string().trim().min(1, 'trackingNo is required').max(60) }).strict(),
    output: WaybillRow,
    permission: 'print.labels',
  },
  /** Gets a number for each order that has none (existing live numbers are returned as they are). */
  'waybills.allocate': { input: z.object({ orderIds: z.array(RowId).min(1).max(500) }).strict(), output: WaybillAllocateResult, permission: 'print.labels' },
  /** newNumber false: the same number again (counted); true: the old number is cancelled and voided, a new one taken. */
  'waybills.reprint': {
    input: z
      .object({ orderId: RowId, newNumber: z.boolean(), trackingNo: z.string().trim().min(1).max(60).optional(), reason: z.string().trim().max(200).optional() })
      .strict(),
    output: WaybillRow,
    permission: 'print.labels',
  },
  'waybills.void': { input: z.object({ orderId: RowId, reason: text(200, 'reason') }).strict(), output: WaybillRow, permission: 'print.labels' },
  /** Cancels numbers taken but never printed: of the given orders, or of every intercepted/cancelled/refunded one. */
  'waybills.recycle': {
    input: z.object({ orderIds: z.array(RowId).min(1).max(10_000).optional() }).strict(),
    output: z.object({ recycled: z.number().int().nonnegative(), failed: z.array(z.object({ orderId: RowId, trackingNo: z.string(), message: z.string() })) }),
    permission: 'print.labels',
  },
} as const satisfies Record<string, ChannelDef>;

export type FulfilChannels = typeof fulfilChannels;
export type FulfilChannel = keyof FulfilChannels;
