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
  createdAt: EpochMs,
});
export type ShopInfo = z.infer<typeof ShopInfo>;
