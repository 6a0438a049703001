import { z } from 'zod';
import { RowId } from '../domain/ids.js';

/** main → renderer notifications. A renderer refetches what it shows when one arrives. */
export const eventChannels = {
  /** Orders were added or changed; `ids` absent means "many, refetch the view". */
  'orders.changed': z.object({ ids: z.array(RowId).optional() }).strict(),
  'shops.changed': z.object({}).strict(),
} as const;
