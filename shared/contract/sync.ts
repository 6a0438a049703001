import { z } from 'zod';
import { EpochMs, Platform, RowId } from '../domain/ids.js';
import { Currency } from '../domain/money.js';
import { ShopInfo } from '../domain/shop.js';

/** Credentials are a flat map of strings; each platform's adapter says which keys it needs. They only go in. */
const Credentials = z.record(z.string().max(100), z.string().max(4000));
const BaseUrl = z.url({ protocol: /^https?$/, message: 'base URL must be an http(s) URL' }).max(300);

export const ShopHealth = z.object({
  shopId: RowId,
  name: z.string(),
  platform: Platform,
  active: z.boolean(),
  syncable: z.boolean(),
  running: z.boolean(),
  lastAttemptAt: EpochMs.nullable(),
  lastSuccessAt: EpochMs.nullable(),
  /** How far behind the platform the queue may be: now − the cursor. */
  lagMs: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastErrorKind: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  openMappingErrors: z.number().int(),
  nextRunAt: EpochMs.nullable(),
  pendingWriteBacks: z.number().int(),
  failedWriteBacks: z.number().int(),
});
export type ShopHealth = z.infer<typeof ShopHealth>;

export const SyncResult = z.object({
  shopId: RowId,
  windows: z.number().int(),
  pages: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  mappingErrors: z.number().int(),
  /** After-sales cases read (platforms that list them apart from orders). */
  afterSales: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
  watermark: EpochMs.nullable(),
  cancelled: z.boolean(),
  error: z.object({ kind: z.string(), message: z.string() }).nullable(),
});

export const OutboxItemInfo = z.object({
  id: RowId,
  shopId: RowId,
  orderId: RowId.nullable(),
  kind: z.literal('ship'),
  state: z.enum(['pending', 'sending', 'done', 'failed']),
  attempts: z.number().int(),
  nextAttemptAt: EpochMs,
  lastError: z.string().nullable(),
  result: z.string().nullable(),
  createdAt: EpochMs,
  doneAt: EpochMs.nullable(),
  platformOrderId: z.string(),
  trackingNo: z.string(),
  carrier: z.string(),
});

export const syncChannels = {
  'shops.add': {
    input: z.object({ platform: Platform, name: z.string().trim().min(1).max(200), currency: Currency.optional(), credentials: Credentials.optional(), baseUrl: BaseUrl.nullable().optional() }).strict(),
    output: ShopInfo,
    permission: 'shops.manage',
  },
  'shops.update': {
    input: z
      .object({
        id: RowId,
        name: z.string().trim().min(1).max(200).optional(),
        credentials: Credentials.optional(),
        baseUrl: BaseUrl.nullable().optional(),
        active: z.boolean().optional(),
        syncIntervalSec: z.number().int().min(10).max(3600).optional(),
      })
      .strict(),
    output: ShopInfo,
    permission: 'shops.manage',
  },
  'shops.remove': { input: z.object({ id: RowId }).strict(), output: z.object({ removed: z.boolean() }), permission: 'shops.manage' },

  'sync.run': { input: z.object({ shopId: RowId.optional() }).strict(), output: z.array(SyncResult), permission: 'orders.view' },
  'sync.cancel': { input: z.object({ shopId: RowId }).strict(), output: z.object({ cancelled: z.boolean() }), permission: 'orders.view' },
  'sync.health': { input: z.object({}).strict(), output: z.array(ShopHealth), permission: 'orders.view' },
  'sync.errors': {
    input: z.object({ shopId: RowId.optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.array(z.object({ id: RowId, shopId: RowId, platformOrderId: z.string().nullable(), message: z.string(), at: EpochMs })),
    permission: 'orders.view',
  },

  'outbox.list': {
    input: z.object({ state: z.enum(['pending', 'sending', 'done', 'failed']).optional(), orderId: RowId.optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.array(OutboxItemInfo),
    permission: 'orders.view',
  },
  'outbox.retry': { input: z.object({ id: RowId }).strict(), output: OutboxItemInfo, permission: 'orders.view' },

  /**
   * Marks an order shipped with its tracking number and queues the write-back, in one transaction. Without a
   * completed scan verification this needs the ship.unverified permission (the pack station verifies first).
   */
  'orders.ship': {
    input: z.object({ id: RowId, carrier: z.string().trim().min(1).max(40), trackingNo: z.string().trim().regex(/^[A-Za-z0-9-]{4,40}$/, 'tracking number: 4-40 letters, digits or dashes') }).strict(),
    output: z.object({ orderId: RowId, outboxId: RowId.nullable(), workflow: z.string() }),
    permission: 'pack.verify',
  },
} as const;
