import { z } from 'zod';
import { EpochMs, Platform, RowId } from './ids.js';
import { Currency } from './money.js';

/** A shop as the renderer may see it: credentials never cross the contract. */
export const ShopInfo = z.object({
  id: RowId,
  platform: Platform,
  name: z.string(),
  currency: Currency,
  active: z.boolean(),
  hasCredentials: z.boolean(),
  /** Endpoint override (simulators, staging); not a secret. */
  baseUrl: z.string().nullable(),
  /** The shop's own poll interval; null: the default (30 s). */
  syncIntervalSec: z.number().int().nullable(),
  createdAt: EpochMs,
});
export type ShopInfo = z.infer<typeof ShopInfo>;
