import { z } from 'zod';

/** Row ids are SQLite integer keys; they cross the contract as positive safe integers. */
export const RowId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export type RowId = z.infer<typeof RowId>;

export const PLATFORMS = [
  'taobao', // Taobao and Tmall share the TOP API
  'douyin',
  'pinduoduo',
  'jd',
  'kuaishou',
  'amazon',
  'shopify',
  'woocommerce',
  'manual', // phone / WeChat orders typed in by the seller
] as const;
export const Platform = z.enum(PLATFORMS);
export type Platform = z.infer<typeof Platform>;

/** Epoch milliseconds, UTC. Platform time formats are converted at the adapter edge. */
export const EpochMs = z.number().int().nonnegative();
export type EpochMs = z.infer<typeof EpochMs>;
