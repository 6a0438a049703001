import { z } from 'zod';
import { ShopInfo } from '../domain/shop.js';

export const appChannels = {
  'app.info': {
    input: z.object({}).strict(),
    output: z.object({
      version: z.string(),
      schemaVersion: z.number().int(),
      dbPath: z.string(),
      orderCount: z.number().int().nonnegative(),
      /** The database was filled by `shopdesk demo`: the UI says so, so nobody mistakes it for real orders. */
      demo: z.boolean(),
    }),
    permission: null,
  },
  'shops.list': { input: z.object({}).strict(), output: z.array(ShopInfo), permission: 'orders.view' },
} as const;
