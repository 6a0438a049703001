import { z } from 'zod';
import { Platform, RowId } from '../domain/ids.js';
import { OrderDetail, OrderRow } from '../domain/order.js';
import { Queue, QUEUES } from '../domain/status.js';

export const ORDER_SORT_FIELDS = ['placedAt', 'paidAt', 'total', 'platformOrderId'] as const;

/** What narrows the queue, shared by the list and the tab counts. */
export const OrderFilter = z
  .object({
    shopIds: z.array(RowId).max(200).optional(),
    platforms: z.array(Platform).max(20).optional(),
    /** Order id, buyer nick/name, tracking number or SKU code; matched from the start of the value. */
    search: z.string().trim().max(100).optional(),
  })
  .strict();
export type OrderFilter = z.infer<typeof OrderFilter>;

export const OrderListInput = OrderFilter.extend({
  queue: z.union([Queue, z.literal('all')]).default('all'),
  sort: z
    .object({ field: z.enum(ORDER_SORT_FIELDS), dir: z.enum(['asc', 'desc']) })
    .strict()
    .default({ field: 'placedAt', dir: 'desc' }),
  offset: z.number().int().nonnegative().max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
}).strict();
export type OrderListInput = z.input<typeof OrderListInput>;

export const OrderCounts = z.object({
  all: z.number().int().nonnegative(),
  byQueue: z.object(Object.fromEntries(QUEUES.map((q) => [q, z.number().int().nonnegative()])) as Record<Queue, z.ZodNumber>),
});
export type OrderCounts = z.infer<typeof OrderCounts>;

export const OrderClaim = z.object({
  orderId: RowId,
  stationId: RowId,
  stationName: z.string(),
  operatorName: z.string().nullable(),
  purpose: z.enum(['print', 'pack', 'ship']),
  claimedAt: z.number().int(),
  expiresAt: z.number().int(),
});
export type OrderClaim = z.infer<typeof OrderClaim>;

export const ordersChannels = {
  'orders.list': {
    input: OrderListInput,
    output: z.object({ rows: z.array(OrderRow), total: z.number().int().nonnegative() }),
    permission: 'orders.view',
  },
  'orders.counts': { input: OrderFilter, output: OrderCounts, permission: 'orders.view' },
  'orders.get': { input: z.object({ id: RowId }).strict(), output: OrderDetail, permission: 'orders.view' },
  /**
   * Takes (or renews) this station's claim on an order before printing, packing or shipping it; a conflict names the
   * station that holds it. The purpose's own permission (print.labels, pack.verify) is checked too.
   */
  'orders.claim': {
    input: z.object({ id: RowId, purpose: z.enum(['print', 'pack', 'ship']) }).strict(),
    output: OrderClaim,
    permission: 'orders.view',
  },
  'orders.release': { input: z.object({ id: RowId }).strict(), output: z.object({ released: z.boolean() }), permission: 'orders.view' },
} as const;
